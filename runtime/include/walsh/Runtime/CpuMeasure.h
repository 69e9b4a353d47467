//===- CpuMeasure.h - time a CPU kernel against memcpy ---------*- C++ -*-===//
//
// What `walsh run`, `walsh bench` and the autotuner share on the CPU.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_CPUMEASURE_H
#define WALSH_RUNTIME_CPUMEASURE_H

#include "walsh/Runtime/CpuKernel.h"
#include "walsh/Runtime/HostRows.h"
#include "walsh/Runtime/ThreadPool.h"

#include <optional>

namespace walsh {

/// Buffers for one kernel: x (random), y (poisoned), a and b (random);
/// for a fused epilogue the residual rows and the norm's weight and bias
/// (random) and the normalised output (poisoned); empty otherwise. With a
/// bhsd input x holds rows x d packed elements read as [rows / seq, heads,
/// seq, head_dim] (`seq` divides rows); with a split-KV combine x holds
/// spec.splits blocks of rows and `stats` their log-sum-exp (fp32, random
/// in [-4, 4]); with a row-sum normalisation `stats` holds the row sums
/// (fp32 [rows, heads], random in [1, 50]).
struct CpuBuffers {
  CpuBuffers(const ProjectionSpec &spec, int64_t rows, int64_t rowStride,
             int64_t seq = 0);
  HostRows x, y, a, b;
  HostRows residual, normOut, normWeight, normBias;
  HostRows stats;
  int64_t seq;
  /// Run arguments pointing at these buffers.
  CpuRunArgs args(const ProjectionSpec &spec) const;
};

/// Host bytes CpuBuffers allocate for `rows` rows (`walsh run --target
/// cpu`, `walsh bench`'s CPU cases, the tuner's CPU timings): x (K partial
/// rows with split-KV; at the row stride, a bhsd input packed), y, the
/// residual and the normalised rows when fused (at the row stride), and
/// with `oracle` the float64 oracle's rows (two sets with a norm). In
/// double, so that no count wraps.
double cpuBufferBytes(const ProjectionSpec &spec, int64_t rows,
                      int64_t rowStride, bool oracle);

/// Median times, in microseconds, of the kernel and of a memcpy of the same
/// bytes (x's rows into y) split over the same pool.
struct CpuTiming {
  double walshUs, memcpyUs;
  /// Bytes the kernel must move: x read once, y written once (and the
  /// residual read, the normalised rows written once).
  double bytes;
};

CpuTiming timeAgainstMemcpy(const CpuKernel &kernel, CpuBuffers &buffers,
                            const ProjectionSpec &spec, ThreadPool &pool);

/// Median microseconds of copying x's rows into y, split over `pool`, for
/// at least `minSeconds`.
double memcpyMicros(CpuBuffers &buffers, const ProjectionSpec &spec,
                    ThreadPool &pool, double minSeconds = 0.3);

/// max relative error of y (and of the normalised rows) against the
/// float64 oracle.
double checkAgainstOracle(const CpuBuffers &buffers,
                          const ProjectionSpec &spec);

} // namespace walsh

#endif // WALSH_RUNTIME_CPUMEASURE_H
