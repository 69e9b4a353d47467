//===- OptMain.cpp - walsh-opt's entry point -------------------------------===//
#include "walsh/Pipelines/OptMain.h"

#include "walsh/Dialect/Walsh/IR/Walsh.h"
#include "walsh/Pipelines/Pipelines.h"
#include "walsh/Support/Version.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Target/LLVM/NVVM/Target.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/GPU/GPUToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/NVVM/NVVMToLLVMIRTranslation.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

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

int walsh::optMain(int argc, char **argv) {
  walsh::installVersionPrinter("walsh-opt");
  mlir::registerTransformsPasses();
  mlir::walsh::registerWalshPassesAndPipelines();
  mlir::DialectRegistry registry;
  registerAllWalshDialects(registry);
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "walsh optimizer driver\n", registry));
}
