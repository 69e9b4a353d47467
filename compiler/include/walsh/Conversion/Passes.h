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

#define GEN_PASS_REGISTRATION
#include "walsh/Conversion/Passes.h.inc"

} // namespace mlir::walsh

#endif // WALSH_CONVERSION_PASSES_H
