//===- CpuKernel.h - load and run a compiled CPU kernel --------*- C++ -*-===//
//
// The loader: a CpuArtifact's object is linked in process by LLVM's ORC JIT
// (no MLIR), its entry point looked up once; run() validates host buffers,
// splits the rows over a thread pool and calls the kernel.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_CPUKERNEL_H
#define WALSH_RUNTIME_CPUKERNEL_H

#include "walsh/Runtime/ThreadPool.h"
#include "walsh/Target/Artifact.h"

#include "llvm/Support/Error.h"

#include <memory>

namespace walsh {

/// Host buffers for one run. Elements are of the spec's dtype; row strides
/// count elements (0 means packed rows, stride d).
struct CpuRunArgs {
  const void *x = nullptr;
  int64_t xRowStride = 0;
  void *y = nullptr;
  int64_t yRowStride = 0;
  /// The learned multiplier and bias, d elements each; null when the spec
  /// has none.
  const void *a = nullptr;
  const void *b = nullptr;
  int64_t rows = 0;
  /// The fused epilogue (null when the spec has none): the residual rows
  /// (h = residual + y; may be y itself, an in-place update of the residual
  /// stream), the normalised output rows, the norm's weight and (LayerNorm)
  /// bias, d elements each.
  const void *residual = nullptr;
  int64_t residualRowStride = 0;
  void *normOut = nullptr;
  int64_t normOutRowStride = 0;
  const void *normWeight = nullptr;
  const void *normBias = nullptr;
  /// The input side (ProjectionSpec::layout, splits): for a bhsd input, x
  /// is packed [batch, heads, seq, head_dim] with rows = batch * seq; for a
  /// split-KV combine, x is `splits` blocks of `rows` partial rows (x row
  /// stride apart, each block rows * stride elements) and `lse` their
  /// log-sum-exp, fp32 [splits, rows, heads] packed; with a row-sum
  /// normalisation, x holds unnormalised accumulators and `rowSums` their
  /// softmax row sums, fp32 [rows, heads] packed.
  int64_t seq = 0;
  const float *lse = nullptr;
  const float *rowSums = nullptr;
};

class CpuKernel {
public:
  /// Links `artifact` into this process. Fails when it was built for another
  /// triple or for CPU features this host lacks.
  static llvm::Expected<CpuKernel> load(const CpuArtifact &artifact);

  /// y = a (.) (s H_d x) + b for every row, through the non-temporal entry
  /// point when the kernel has one and y's rows are aligned for it. Zero
  /// rows is a no-op. Errors
  /// name the argument: a null or misaligned pointer, a row stride below d,
  /// a missing or unexpected a/b, a row count that disagrees with the spec,
  /// or y overlapping x without being x.
  llvm::Error run(const CpuRunArgs &args, ThreadPool *pool = nullptr) const;

  const ProjectionSpec &spec() const { return spec_; }

private:
  struct Loaded;
  std::shared_ptr<Loaded> loaded;
  ProjectionSpec spec_;
  void *entry = nullptr;
  /// The non-temporal entry point and the row alignment it needs (or null).
  void *entryNontemporal = nullptr;
  int64_t nontemporalAlignment = 0;
};

} // namespace walsh

#endif // WALSH_RUNTIME_CPUKERNEL_H
