//===- Walsh.h - the walsh dialect, its attributes and ops -----*- C++ -*-===//
//
// Everything a user of the walsh dialect includes: the dialect class, the
// CrossWarp enum, #walsh.config and the ops (walsh.transform, walsh.stage,
// walsh.affine), all generated from ODS.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_DIALECT_WALSH_IR_WALSH_H
#define WALSH_DIALECT_WALSH_IR_WALSH_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "walsh/Dialect/Walsh/IR/WalshDialect.h.inc"
#include "walsh/Dialect/Walsh/IR/WalshEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "walsh/Dialect/Walsh/IR/WalshAttrs.h.inc"

#define GET_OP_CLASSES
#include "walsh/Dialect/Walsh/IR/WalshOps.h.inc"

#endif // WALSH_DIALECT_WALSH_IR_WALSH_H
