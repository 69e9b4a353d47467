//===- GpuCompiler.cpp - spec -> PTX for NVIDIA GPUs -----------------------===//
#include "walsh/Target/NVPTX/GpuCompiler.h"

#include "walsh/Builder/ProjectionBuilder.h"
#include "walsh/Conversion/Passes.h"
#include "walsh/Dialect/Walsh/IR/Walsh.h"
#include "walsh/Hadamard/Hadamard.h"
#include "walsh/Pipelines/OptMain.h"
#include "walsh/Pipelines/Pipelines.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"

#include <algorithm>
#include <chrono>

namespace walsh {

GpuConfig defaultGpuConfig(const ProjectionSpec &spec) {
  Factorization f = *factorize(spec.d);
  int64_t p = int64_t(1) << f.k;
  GpuConfig c;
  c.vectorWidth = std::min<int64_t>(16 / dtypeBytes(spec.dtype), p);
  // Four vectors per thread (more for rows that would need over 1024
  // threads): measured on the H200 (benchmarks/RESULTS.md) to beat one or
  // two for 16-bit rows, where the kernel is instruction-bound.
  int64_t vectors = p / c.vectorWidth; // b-space vectors per row
  // With a dense factor every chunk costs m vectors of registers: one.
  int64_t chunks =
      f.m > 1 ? std::max<int64_t>(1, vectors / 1024)
              : std::min<int64_t>(vectors, std::max<int64_t>(4, vectors / 1024));
  c.threadsPerRow = vectors / chunks;
  c.elemsPerThread = spec.d / c.threadsPerRow;
  c.rowsPerBlock = std::max<int64_t>(1, 128 / c.threadsPerRow);
  return c;
}

static std::string print(mlir::Operation *op) {
  std::string s;
  llvm::raw_string_ostream os(s);
  op->print(os);
  return s;
}

llvm::Expected<GpuArtifact> compileForGpu(const ProjectionSpec &spec,
                                          const GpuConfig &config,
                                          const std::string &chip) {
  auto start = std::chrono::steady_clock::now();
  mlir::DialectRegistry registry;
  registerAllWalshDialects(registry);
  mlir::MLIRContext ctx(registry, mlir::MLIRContext::Threading::DISABLED);
  loadDialects(ctx);
  std::string diagnostics;
  mlir::ScopedDiagnosticHandler handler(&ctx, [&](mlir::Diagnostic &d) {
    diagnostics += d.str() + "\n";
    return mlir::success();
  });
  auto attr = mlir::walsh::ConfigAttr::getChecked(
      [&] { return mlir::emitError(mlir::UnknownLoc::get(&ctx)); }, &ctx,
      config.elemsPerThread, config.threadsPerRow, config.rowsPerBlock,
      config.vectorWidth, mlir::walsh::CrossWarp::Shared);
  if (!attr)
    return llvm::createStringError("config: " + diagnostics);
  auto module = buildProjectionModule(ctx, spec, attr);
  if (!module)
    return module.takeError();
  if (mlir::failed(mlir::verify(**module)))
    return llvm::createStringError("config: " + diagnostics);

  GpuArtifact art;
  art.spec = spec;
  art.config = config;
  art.chip = chip;
  art.stages["walsh"] = print(**module);
  auto run = [&](auto build, const char *name) -> llvm::Error {
    mlir::PassManager pm(&ctx, mlir::ModuleOp::getOperationName());
    build(pm);
    if (mlir::failed(pm.run(**module)))
      return llvm::createStringError(std::string(name) + " failed: " +
                                     diagnostics);
    return llvm::Error::success();
  };
  if (llvm::Error e = run(
          [](mlir::OpPassManager &pm) {
            mlir::walsh::buildWalshToStagesPipeline(pm);
          },
          "walsh-to-stages"))
    return std::move(e);
  art.stages["stages"] = print(**module);
  if (llvm::Error e = run(
          [](mlir::OpPassManager &pm) {
            pm.addPass(mlir::walsh::createWalshConvertToGPU());
          },
          "walsh-convert-to-gpu"))
    return std::move(e);
  art.stages["gpu"] = print(**module);
  (*module)->walk([&](mlir::gpu::GPUFuncOp fn) {
    art.blockThreads = (*fn.getKnownBlockSize())[0];
    art.rowsPerBlock =
        fn->getAttrOfType<mlir::IntegerAttr>("walsh.rows_per_block").getInt();
    art.sharedBytes =
        fn->getAttrOfType<mlir::IntegerAttr>("walsh.shared_bytes").getInt();
  });
  int64_t lanes = std::min<int64_t>(
      config.vectorWidth, config.elemsPerThread / factorize(spec.d)->m);
  art.rowAlignment = lanes * dtypeBytes(spec.dtype);

  // The rest of walsh-lower-to-nvvm (everything after the conversion).
  mlir::walsh::NvvmOptions options;
  options.chip = chip;
  if (llvm::Error e = run(
          [&](mlir::OpPassManager &pm) {
            mlir::walsh::buildGpuToNvvmPipeline(pm, options);
          },
          "the NVVM lowering"))
    return std::move(e);
  (*module)->walk([&](mlir::gpu::BinaryOp bin) {
    auto obj = llvm::cast<mlir::gpu::ObjectAttr>(bin.getObjects()[0]);
    art.ptx = obj.getObject().getValue().str();
  });
  while (!art.ptx.empty() && art.ptx.back() == '\0')
    art.ptx.pop_back();
  if (art.ptx.empty())
    return llvm::createStringError("walsh-lower-to-nvvm produced no PTX");
  art.stages["ptx"] = art.ptx;
  art.compileMs = std::chrono::duration<double, std::milli>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  return art;
}

} // namespace walsh
