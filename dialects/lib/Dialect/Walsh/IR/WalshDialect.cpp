//===- WalshDialect.cpp - walsh dialect registration -----------------------===//
//
// Registers the ops and attributes generated from ODS, and holds the
// generated dialect, enum and attribute definitions.
//
//===----------------------------------------------------------------------===//
#include "walsh/Dialect/Walsh/IR/Walsh.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::walsh;

#include "walsh/Dialect/Walsh/IR/WalshDialect.cpp.inc"
#include "walsh/Dialect/Walsh/IR/WalshEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "walsh/Dialect/Walsh/IR/WalshAttrs.cpp.inc"

void WalshDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "walsh/Dialect/Walsh/IR/WalshOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "walsh/Dialect/Walsh/IR/WalshAttrs.cpp.inc"
      >();
}
