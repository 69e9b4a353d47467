//===- Pipelines.h - named walsh pass pipelines ----------------*- C++ -*-===//
//
// Each pipeline is a C++ function; walsh-opt registers it by name and the JIT
// calls the same function, so a dumped .mlir replays through walsh-opt
// exactly as the JIT ran it.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_PIPELINES_PIPELINES_H
#define WALSH_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"

namespace mlir::walsh {

/// `walsh-to-stages`: canonicalize, walsh-decompose, canonicalize,
/// walsh-fuse-affine, canonicalize. Leaves a chain of walsh.stage ops whose
/// last stage carries the scale and the affine.
void buildWalshToStagesPipeline(OpPassManager &pm);

/// The LLVM-dialect half of the CPU pipeline: scf, vector, arith (bf16
/// conversions expanded to integer ops), memref, func -> llvm.
void buildCpuToLLVMPipeline(OpPassManager &pm);

/// `walsh-lower-to-cpu`: walsh-to-stages, walsh-convert-to-cpu, then
/// buildCpuToLLVMPipeline. The result translates to LLVM IR for the host.
void buildWalshLowerToCpuPipeline(OpPassManager &pm);

/// Registers every walsh pass and pipeline with the global registry (for
/// walsh-opt and for parsing pipeline strings).
void registerWalshPassesAndPipelines();

} // namespace mlir::walsh

#endif // WALSH_PIPELINES_PIPELINES_H
