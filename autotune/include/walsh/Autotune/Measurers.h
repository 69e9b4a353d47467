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

/// The GPU measurer for the calling thread's current CUDA device (device 0
/// where no context is current; fails with "no GPU: ...", a
/// cuda::NoGpuError, without one), and who it is. It makes that device's
/// primary context current only while it measures. Bulk rows are timed
/// for about 30 ms, at the device's full clock; with `sustainSeconds` > 0
/// after that long of untimed launches and over as long again
/// (cuda::timeSustained: under the board's power cap, which the large
/// 16-bit kernels reach after a fraction of a second).
llvm::Expected<std::unique_ptr<Measurer>>
createGpuMeasurer(DeviceIdentity *identity, GpuLimits *limits,
                  double sustainSeconds = 0);

/// Why the GPU measurer prunes a loaded candidate before checking and
/// timing it, or "" when it does not: more registers than a block of
/// `blockThreads` can have, or spills past a few words to local memory,
/// unless the candidate is the analytic default (`isDefault`), which the
/// runtime falls back to and the tuner times as its baseline: its register
/// caps spill on purpose where that measured faster (m = 60: 116-120 bytes).
std::string gpuPruneReason(int registers, int localBytes,
                           int maxThreadsPerBlock, int64_t blockThreads,
                           bool isDefault);

/// The CPU measurer for this host; its roofline memcpy runs on
/// `copyThreads` threads (the most a candidate may use; 0: every hardware
/// thread).
std::unique_ptr<Measurer> createCpuMeasurer(DeviceIdentity *identity,
                                            int copyThreads = 0);

/// What tuning on one target needs: who the device is, what it allows, its
/// measurer, and its candidate space (TuneOptions::candidates).
struct TuningTarget {
  DeviceIdentity device;
  GpuLimits limits;
  std::unique_ptr<Measurer> measurer;
  std::function<std::vector<Candidate>(const ProjectionSpec &, int64_t)>
      candidates;
};
/// The current CUDA device (fails with "no GPU: ..." without one) or this CPU,
/// whose candidates use up to `cpuMaxThreads` threads (0: every hardware
/// thread).
llvm::Expected<std::unique_ptr<TuningTarget>>
createTuningTarget(bool cuda, int cpuMaxThreads = 0,
                   double gpuSustainSeconds = 0);

/// chooseConfig on this machine: the current CUDA device (`cuda`) or this CPU,
/// its tuning database at `dbPath` (empty: the device's default file; with no
/// cache directory there is no database, and the answer is `fallback`).
/// Errors: no GPU (a cuda::NoGpuError, "no GPU: ..."), a database that does not
/// open (naming the file) where `dbPath` names it or `mode` tunes on a miss,
/// a failed tune-on-miss. The device's default file unreadable (not JSON,
/// another device's) under DbOnly is a warning, once a process, and the
/// answer `fallback`.
llvm::Expected<Choice> chooseOnThisMachine(const ProjectionSpec &spec,
                                           const Shape &shape, TuneMode mode,
                                           bool cuda, const Candidate &fallback,
                                           const std::string &dbPath = "");

} // namespace walsh::tune

#endif // WALSH_AUTOTUNE_MEASURERS_H
