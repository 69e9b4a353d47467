//===- Pipelines.cpp - named walsh pass pipelines --------------------------===//
#include "walsh/Pipelines/Pipelines.h"

#include "walsh/Conversion/Passes.h"
#include "walsh/Dialect/Walsh/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void mlir::walsh::buildWalshToStagesPipeline(OpPassManager &pm) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createWalshDecompose());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createWalshFuseAffine());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createWalshFuseCast());
  pm.addPass(createWalshFuseEpilogue());
}

void mlir::walsh::buildSpecToStagesPipeline(OpPassManager &pm,
                                             int64_t crossHeadOnly) {
  buildWalshToStagesPipeline(pm);
  if (crossHeadOnly <= 0)
    return;
  WalshSplitHeadsOptions options;
  options.headDim = crossHeadOnly;
  options.keepHeadFactor = false;
  pm.addPass(createWalshSplitHeads(options));
}

void mlir::walsh::buildCpuToLLVMPipeline(OpPassManager &pm) {
  pm.addPass(createConvertSCFToCFPass());
  // bf16 conversions are not expanded here: walsh-convert-to-cpu writes
  // them as integer vector ops itself (arith-expand's form scalarized), or,
  // for a host with AVX512-BF16, as arith.truncf for LLVM to make one
  // vcvtneps2bf16.
  arith::ArithExpandOpsPassOptions expand;
  expand.includeBf16 = false;
  pm.addPass(arith::createArithExpandOpsPass(expand));
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

std::string mlir::walsh::printStage(Operation *op) {
  std::string s;
  llvm::raw_string_ostream os(s);
  op->print(os);
  os << "\n";
  return s;
}

void mlir::walsh::StageSnapshots::copy(const std::string &name,
                                       ModuleOp module) {
  copies.emplace_back(name, module.clone());
}

void mlir::walsh::StageSnapshots::keep(const std::string &name,
                                       ModuleOp module) {
  kept.emplace_back(name, module);
}

void mlir::walsh::StageSnapshots::printInto(
    std::map<std::string, std::string> &stages) const {
  for (const auto &[name, module] : copies)
    stages[name] = printStage(module.get());
  for (const auto &[name, module] : kept)
    stages[name] = printStage(module);
}

void mlir::walsh::buildWalshLowerToCpuPipeline(OpPassManager &pm) {
  buildWalshToStagesPipeline(pm);
  pm.addPass(createWalshConvertToCPU());
  buildCpuToLLVMPipeline(pm);
}

void mlir::walsh::buildWalshLowerToNvvmPipeline(OpPassManager &pm,
                                                 const NvvmOptions &options) {
  buildWalshToStagesPipeline(pm);
  pm.addPass(createWalshConvertToGPU());
  buildGpuToNvvmPipeline(pm, options);
}

void mlir::walsh::buildGpuToNvvmPipeline(OpPassManager &pm,
                                          const NvvmOptions &options) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  GpuNVVMAttachTargetOptions target;
  target.chip = options.chip;
  target.features = options.features;
  target.optLevel = 3;
  pm.addPass(createGpuNVVMAttachTarget(target));
  OpPassManager &kernels = pm.nest<gpu::GPUModuleOp>();
  kernels.addPass(createConvertGpuOpsToNVVMOps());
  kernels.addPass(createWalshAlignVectorAccess());
  kernels.addPass(createCanonicalizerPass());
  kernels.addPass(createCSEPass());
  kernels.addPass(createReconcileUnrealizedCastsPass());
  if (options.format.empty())
    return;
  GpuModuleToBinaryPassOptions binary;
  binary.compilationTarget = options.format;
  pm.addPass(createGpuModuleToBinaryPass(binary));
}

void mlir::walsh::registerWalshPassesAndPipelines() {
  registerWalshPasses();
  registerWalshConversionPasses();
  PassPipelineRegistration<>(
      "walsh-lower-to-nvvm",
      "Lower walsh transforms to a gpu.binary holding PTX for sm_90",
      [](OpPassManager &pm) { buildWalshLowerToNvvmPipeline(pm); });
  PassPipelineRegistration<>(
      "walsh-lower-to-cpu",
      "Lower walsh transforms to LLVM dialect vector code for the host CPU",
      buildWalshLowerToCpuPipeline);
  PassPipelineRegistration<>(
      "walsh-to-stages",
      "Decompose walsh transforms into stages and fuse scale, affine, output "
      "cast and epilogue into the last stage",
      buildWalshToStagesPipeline);
}
