//===- WalshOps.cpp - walsh op verifiers and accessors ---------------------===//
//
// What ODS cannot say: the last dimension is a supported size, parameters
// match it in length and element type, a stage tiles the row, a config fits
// the transform. Every message names the offending operand or attribute.
//
//===----------------------------------------------------------------------===//
#include "walsh/Dialect/Walsh/IR/Walsh.h"

#include "walsh/Hadamard/Hadamard.h"
#include "walsh/Hadamard/Stages.h"

#include "mlir/IR/OpImplementation.h"

#include <cmath>

using namespace mlir;
using namespace mlir::walsh;

#define GET_OP_CLASSES
#include "walsh/Dialect/Walsh/IR/WalshOps.cpp.inc"

/// The size of the last dimension of `input`, after checking that it is
/// static and supported.
static FailureOr<int64_t> verifyRows(Operation *op, RankedTensorType type) {
  if (type.getRank() < 1)
    return op->emitOpError()
           << "expects 'input' to have at least one dimension, got " << type;
  int64_t d = type.getShape().back();
  if (ShapedType::isDynamic(d))
    return op->emitOpError()
           << "expects the last dimension of 'input' to be static, got "
           << type;
  if (!::walsh::factorize(d))
    return op->emitOpError() << "expects the last dimension of 'input' to be "
                             << ::walsh::supportedSizesText() << ", got " << d;
  return d;
}

/// Checks an optional per-column parameter against the rows it applies to.
static LogicalResult verifyColumn(Operation *op, Value column, StringRef name,
                                  int64_t d, Type elementType) {
  if (!column)
    return success();
  auto type = cast<RankedTensorType>(column.getType());
  if (type.getShape()[0] != d)
    return op->emitOpError()
           << "expects '" << name << "' to have " << d
           << " elements (the last dimension of 'input'), got " << type;
  if (type.getElementType() != elementType)
    return op->emitOpError()
           << "expects '" << name << "' to have element type " << elementType
           << " (that of 'input'), got " << type.getElementType();
  return success();
}

static LogicalResult verifyScale(Operation *op, FloatAttr scale) {
  if (scale && !std::isfinite(scale.getValueAsDouble()))
    return op->emitOpError() << "expects 'scale' to be finite, got "
                             << scale.getValueAsDouble();
  return success();
}

/// Rows, scale and the optional per-column mul/add of an epilogue-carrying
/// op (walsh.stage, walsh.affine); returns d.
static FailureOr<int64_t> verifyEpilogue(Operation *op,
                                         TypedValue<RankedTensorType> input,
                                         FloatAttr scale, Value mul,
                                         Value add) {
  Type elementType = input.getType().getElementType();
  FailureOr<int64_t> d = verifyRows(op, input.getType());
  if (failed(d) || failed(verifyScale(op, scale)) ||
      failed(verifyColumn(op, mul, "mul", *d, elementType)) ||
      failed(verifyColumn(op, add, "add", *d, elementType)))
    return failure();
  return d;
}

//===----------------------------------------------------------------------===//
// TransformOp
//===----------------------------------------------------------------------===//

int64_t TransformOp::getSize() { return getInput().getType().getShape().back(); }

double TransformOp::getEffectiveScale() {
  if (FloatAttr s = getScaleAttr())
    return s.getValueAsDouble();
  return 1.0 / std::sqrt(static_cast<double>(getSize()));
}

LogicalResult TransformOp::verify() {
  FailureOr<int64_t> d = verifyRows(*this, getInput().getType());
  if (failed(d) || failed(verifyScale(*this, getScaleAttr())))
    return failure();
  if (auto config = dyn_cast_or_null<ConfigAttr>(getConfigAttr()))
    return config.verifyForSize([&] { return emitOpError(); }, *d,
                                ::walsh::factorize(*d)->m);
  return success();
}

//===----------------------------------------------------------------------===//
// StageOp
//===----------------------------------------------------------------------===//

LogicalResult StageOp::verify() {
  FailureOr<int64_t> d = verifyEpilogue(*this, getInput(), getScaleAttr(),
                                        getMul(), getAdd());
  if (failed(d))
    return failure();
  int64_t radix = getRadix(), stride = getStride();
  const auto &orders = ::walsh::baseOrders();
  if (radix != 2 &&
      std::find(orders.begin(), orders.end(), radix) == orders.end()) {
    InFlightDiagnostic diag =
        emitOpError() << "expects 'radix' to be 2 or a dense factor in {";
    llvm::interleaveComma(orders, diag);
    return diag << "}, got " << radix;
  }
  if (!::walsh::stageFits(*d, radix, stride))
    return emitOpError() << "expects 'stride' to be at least 1 with radix * "
                            "stride dividing the size "
                         << *d << ", got stride " << stride << " for radix "
                         << radix;
  return success();
}

//===----------------------------------------------------------------------===//
// AffineOp
//===----------------------------------------------------------------------===//

LogicalResult AffineOp::verify() {
  return verifyEpilogue(*this, getInput(), getScaleAttr(), getMul(), getAdd());
}

OpFoldResult AffineOp::fold(FoldAdaptor) {
  if (!getMul() && !getAdd() && getScaleValue() == 1.0)
    return getInput();
  return {};
}
