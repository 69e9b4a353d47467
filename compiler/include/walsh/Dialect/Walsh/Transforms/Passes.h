//===- Passes.h - walsh transformation passes ------------------*- C++ -*-===//
//
// Declarations and registration of the passes in Passes.td.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_DIALECT_WALSH_TRANSFORMS_PASSES_H
#define WALSH_DIALECT_WALSH_TRANSFORMS_PASSES_H

#include "walsh/Dialect/Walsh/IR/Walsh.h"

#include "mlir/Pass/Pass.h"

namespace mlir::walsh {

#define GEN_PASS_DECL
#include "walsh/Dialect/Walsh/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "walsh/Dialect/Walsh/Transforms/Passes.h.inc"

} // namespace mlir::walsh

#endif // WALSH_DIALECT_WALSH_TRANSFORMS_PASSES_H
