//===- OptMain.cpp - walsh-opt's entry point -------------------------------===//
#include "walsh/Pipelines/OptMain.h"

#include "walsh/Dialect/Walsh/IR/Walsh.h"
#include "walsh/Pipelines/Pipelines.h"
#include "walsh/Support/OutOfMemory.h"
#include "walsh/Support/Stdout.h"
#include "walsh/Support/Version.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVM/NVVM/Target.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/GPU/GPUToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/NVVM/NVVMToLLVMIRTranslation.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ToolOutputFile.h"

#include <cstdio>

void walsh::registerAllWalshDialects(mlir::DialectRegistry &registry) {
  registry.insert<mlir::func::FuncDialect, mlir::arith::ArithDialect,
                  mlir::tensor::TensorDialect, mlir::walsh::WalshDialect,
                  mlir::scf::SCFDialect, mlir::vector::VectorDialect,
                  mlir::memref::MemRefDialect, mlir::affine::AffineDialect,
                  mlir::cf::ControlFlowDialect, mlir::LLVM::LLVMDialect,
                  mlir::gpu::GPUDialect, mlir::NVVM::NVVMDialect>();
  // What gpu-module-to-binary needs to turn an NVVM module into PTX.
  mlir::NVVM::registerNVVMTargetInterfaceExternalModels(registry);
  mlir::registerBuiltinDialectTranslation(registry);
  mlir::registerLLVMDialectTranslation(registry);
  mlir::registerGPUDialectTranslation(registry);
  mlir::registerNVVMDialectTranslation(registry);
}

// MlirOptMain(argc, argv, ...) with its output file kept here: MLIR's own
// owns the ToolOutputFile, so an output that cannot be written (stdout on a
// full disk, `-o` on one) ended in LLVM's "IO failure on output stream" from
// the stream's destructor. Here it is a line naming the output, status 1, and
// no partial file (a ToolOutputFile not kept is removed).
int walsh::optMain(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  walsh::installVersionPrinter("walsh-opt");
  walsh::installOutOfMemoryHandler("walsh-opt");
  mlir::registerTransformsPasses();
  mlir::walsh::registerWalshPassesAndPipelines();
  mlir::DialectRegistry registry;
  registerAllWalshDialects(registry);
  auto [inputFilename, outputFilename] = mlir::registerAndParseCLIOptions(
      argc, argv, "walsh optimizer driver\n", registry);
  mlir::MlirOptMainConfig config =
      mlir::MlirOptMainConfig::createFromCLOptions();

  if (inputFilename == "-" &&
      llvm::sys::Process::FileDescriptorIsDisplayed(fileno(stdin)))
    llvm::errs() << "(processing input from stdin now, hit ctrl-c/ctrl-d to "
                    "interrupt)\n";
  std::string message;
  std::unique_ptr<llvm::MemoryBuffer> input =
      mlir::openInputFile(inputFilename, &message);
  if (!input) {
    llvm::errs() << "walsh-opt: " << message << "\n";
    return 1;
  }
  std::unique_ptr<llvm::ToolOutputFile> output =
      mlir::openOutputFile(outputFilename, &message);
  if (!output) {
    llvm::errs() << "walsh-opt: " << message << "\n";
    return 1;
  }
  int status = mlir::failed(mlir::MlirOptMain(output->os(), std::move(input),
                                              registry, config))
                   ? 1
                   : 0;
  llvm::raw_fd_ostream &os = output->os();
  os.flush();
  if (os.has_error()) {
    llvm::errs() << "walsh-opt: cannot write to "
                 << (outputFilename == "-" ? std::string("stdout")
                                           : "'" + outputFilename + "'")
                 << ": " << os.error().message() << "\n";
    os.clear_error();
    return 1;
  }
  if (status == 0)
    output->keep();
  // --show-dialects prints to llvm::outs(), a stream of its own.
  return finishStdout(status, "walsh-opt");
}
