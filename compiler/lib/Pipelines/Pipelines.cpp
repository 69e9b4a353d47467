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

#include <iterator>

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

namespace {
using mlir::walsh::kGpuChips;
/// The chips walsh compiles for (kGpuChips), as an option's values: any
/// other is the parser's error, naming it.
enum class Chip { Sm70, Sm72, Sm75, Sm80, Sm86, Sm87, Sm89, Sm90, Sm90a };
static_assert(std::size(kGpuChips) == size_t(Chip::Sm90a) + 1);
enum class Format { Isa, Llvm, Bin, None };

/// The options `walsh-lower-to-nvvm` takes on the command line (as
/// NvvmOptions): `--walsh-lower-to-nvvm='chip=sm_80 format=none'`.
struct NvvmPipelineOptions : PassPipelineOptions<NvvmPipelineOptions> {
  Option<Chip> chip{
      *this, "chip", llvm::cl::desc("The GPU architecture"),
      llvm::cl::init(Chip::Sm90),
      llvm::cl::values(clEnumValN(Chip::Sm70, kGpuChips[0], ""),
                       clEnumValN(Chip::Sm72, kGpuChips[1], ""),
                       clEnumValN(Chip::Sm75, kGpuChips[2], ""),
                       clEnumValN(Chip::Sm80, kGpuChips[3], ""),
                       clEnumValN(Chip::Sm86, kGpuChips[4], ""),
                       clEnumValN(Chip::Sm87, kGpuChips[5], ""),
                       clEnumValN(Chip::Sm89, kGpuChips[6], ""),
                       clEnumValN(Chip::Sm90, kGpuChips[7], ""),
                       clEnumValN(Chip::Sm90a, kGpuChips[8], ""))};
  Option<Format> format{
      *this, "format", llvm::cl::desc("What the gpu.module becomes"),
      llvm::cl::init(Format::Isa),
      llvm::cl::values(
          clEnumValN(Format::Isa, "isa", "PTX text in a gpu.binary"),
          clEnumValN(Format::Llvm, "llvm", "optimized LLVM bitcode"),
          clEnumValN(Format::Bin, "bin",
                     "a cubin, through the toolkit's ptxas"),
          clEnumValN(Format::None, "none", "stop in the NVVM dialect"))};
};
/// For the pipelines without options: an unknown one is then an error that
/// names it ("no such option"), where MLIR 19's option-less registration
/// exits 1 without a word on `--pipeline=x=1`.
struct NoPipelineOptions : PassPipelineOptions<NoPipelineOptions> {};
} // namespace

void mlir::walsh::registerWalshPassesAndPipelines() {
  registerWalshPasses();
  registerWalshConversionPasses();
  PassPipelineRegistration<NvvmPipelineOptions>(
      "walsh-lower-to-nvvm",
      "Lower walsh transforms to a gpu.binary holding PTX (sm_90 unless "
      "chip= says otherwise)",
      [](OpPassManager &pm, const NvvmPipelineOptions &o) {
        NvvmOptions options;
        options.chip = kGpuChips[int(Chip(o.chip))];
        constexpr const char *formats[] = {"isa", "llvm", "bin", ""};
        options.format = formats[int(Format(o.format))];
        buildWalshLowerToNvvmPipeline(pm, options);
      });
  PassPipelineRegistration<NoPipelineOptions>(
      "walsh-lower-to-cpu",
      "Lower walsh transforms to LLVM dialect vector code for the host CPU",
      [](OpPassManager &pm, const NoPipelineOptions &) {
        buildWalshLowerToCpuPipeline(pm);
      });
  PassPipelineRegistration<NoPipelineOptions>(
      "walsh-to-stages",
      "Decompose walsh transforms into stages and fuse scale, affine, output "
      "cast and epilogue into the last stage",
      [](OpPassManager &pm, const NoPipelineOptions &) {
        buildWalshToStagesPipeline(pm);
      });
}
