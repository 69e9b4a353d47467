//===- Pipelines.cpp - named walsh pass pipelines --------------------------===//
#include "walsh/Pipelines/Pipelines.h"

#include "walsh/Dialect/Walsh/Transforms/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void mlir::walsh::buildWalshToStagesPipeline(OpPassManager &pm) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createWalshDecompose());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createWalshFuseAffine());
  pm.addPass(createCanonicalizerPass());
}

void mlir::walsh::registerWalshPassesAndPipelines() {
  registerWalshPasses();
  PassPipelineRegistration<>(
      "walsh-to-stages",
      "Decompose walsh transforms into stages and fuse scale and affine into "
      "the last stage",
      buildWalshToStagesPipeline);
}
