//===- Passes.h - walsh conversion passes ----------------------*- C++ -*-===//
#ifndef WALSH_CONVERSION_PASSES_H
#define WALSH_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::walsh {

#define GEN_PASS_DECL
#include "walsh/Conversion/Passes.h.inc"

class ConfigAttr;

/// The dynamic shared memory walsh-convert-to-gpu gives a kernel of size
/// d = m * 2^k with `storageBytes`-byte elements under `config`: exchange
/// buffers (fp32; `exchangeBuffers` of them for transposes) and, with
/// row_iters > 1, two prefetch buffers of rows in the storage type. The
/// lowering and the autotuner's pruning both read it from here.
struct GpuSharedLayout {
  int64_t exchangeBytes = 0, prefetchBytes = 0;
  /// A fused norm's partial sums across the warps of a row (fp32; two
  /// reductions, two row-group parities), after the prefetch buffers.
  int64_t reduceBytes = 0;
  int exchangeBuffers = 1;
  bool transpose = false;
  int64_t total() const { return exchangeBytes + prefetchBytes + reduceBytes; }
};
/// `norm`: the kernel ends in a fused norm (walsh.epilogue).
GpuSharedLayout gpuSharedLayout(int64_t d, int64_t m, int64_t storageBytes,
                                ConfigAttr config, bool norm = false);

#define GEN_PASS_REGISTRATION
#include "walsh/Conversion/Passes.h.inc"

} // namespace mlir::walsh

#endif // WALSH_CONVERSION_PASSES_H
