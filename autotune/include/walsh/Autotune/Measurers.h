//===- Measurers.h - the autotuner's real measurements ----------*- C++ -*-===//
//
// GPU: compiles with compileForGpu (no kernel cache: losing candidates are
// not worth keeping), loads into device 0, checks rows_per_block *
// row_iters + 1 rows against the float64 oracle (output poisoned) before
// the first timing, then the median of CUDA events around launches whose
// inputs rotate over enough buffers (at least 256 MB) that the L2 holds
// none of them; 64 rows or fewer: per-call time under CUDA-graph replay.
// CPU: compileForCpu, a check of 65 rows, the steady-clock median.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_AUTOTUNE_MEASURERS_H
#define WALSH_AUTOTUNE_MEASURERS_H

#include "walsh/Autotune/Tuner.h"

namespace walsh::tune {

/// The GPU measurer for device 0 (fails with "no GPU: ..." without one),
/// and who it is.
llvm::Expected<std::unique_ptr<Measurer>>
createGpuMeasurer(DeviceIdentity *identity, GpuLimits *limits);

/// The CPU measurer for this host.
std::unique_ptr<Measurer> createCpuMeasurer(DeviceIdentity *identity);

} // namespace walsh::tune

#endif // WALSH_AUTOTUNE_MEASURERS_H
