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

/// `: input-type [-> result-type]` of walsh.stage and walsh.affine: the
/// result type is printed only when it differs (an output cast folded in).
static ParseResult parseCastType(OpAsmParser &parser, Type &input,
                                 Type &result) {
  if (parser.parseColonType(input))
    return failure();
  result = input;
  if (succeeded(parser.parseOptionalArrow()))
    return parser.parseType(result);
  return success();
}

static void printCastType(OpAsmPrinter &p, Operation *, Type input,
                          Type result) {
  p << ": " << input;
  if (result != input)
    p << " -> " << result;
}

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

/// A result of the input's shape, of any float element type (the output
/// cast); the message names `what`.
static LogicalResult verifyCastShape(Operation *op, RankedTensorType input,
                                     Type result, StringRef what) {
  auto type = dyn_cast<RankedTensorType>(result);
  if (!type || type.getShape() != input.getShape())
    return op->emitOpError()
           << "expects " << what << " to have the shape of 'input', " << input
           << ", got " << result;
  return success();
}

/// Rows, scale and the optional per-column mul/add of an epilogue-carrying
/// op (walsh.stage, walsh.affine), whose result has the input's shape (its
/// element type may differ: an output cast); returns d.
static FailureOr<int64_t> verifyEpilogue(Operation *op,
                                         TypedValue<RankedTensorType> input,
                                         FloatAttr scale, Value mul,
                                         Value add) {
  Type elementType = input.getType().getElementType();
  if (failed(verifyCastShape(op, input.getType(), op->getResult(0).getType(),
                             "the result")))
    return failure();
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
// The attention prologue: MergeHeadsOp, CombineSplitsOp
//===----------------------------------------------------------------------===//

/// Two sizes that must agree where both are static.
static bool compatible(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

LogicalResult MergeHeadsOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getResult().getType());
  ArrayRef<int64_t> s = in.getShape();
  if (ShapedType::isDynamic(s[1]) || ShapedType::isDynamic(s[3]))
    return emitOpError() << "expects static heads and head_dim (dimensions 1 "
                            "and 3 of [batch, heads, seq, head_dim]), got "
                         << in;
  if (out.getRank() != 2 || out.getElementType() != in.getElementType() ||
      out.getShape()[1] != s[1] * s[3])
    return emitOpError() << "expects rows of heads * head_dim = "
                         << s[1] * s[3] << " elements of "
                         << in.getElementType() << ", got " << out;
  int64_t tokens = ShapedType::isDynamic(s[0]) || ShapedType::isDynamic(s[2])
                       ? ShapedType::kDynamic
                       : s[0] * s[2];
  if (!compatible(out.getShape()[0], tokens))
    return emitOpError() << "expects batch * seq = " << tokens
                         << " rows, got " << out.getShape()[0];
  return success();
}

LogicalResult CombineSplitsOp::verify() {
  auto parts = cast<RankedTensorType>(getPartials().getType());
  auto lse = cast<RankedTensorType>(getLse().getType());
  auto out = cast<RankedTensorType>(getResult().getType());
  ArrayRef<int64_t> p = parts.getShape(), l = lse.getShape();
  if (ShapedType::isDynamic(p[0]) || p[0] < 1 || ShapedType::isDynamic(p[2]))
    return emitOpError() << "expects a static split count and row length "
                            "(dimensions 0 and 2 of [K, rows, d]), got "
                         << parts;
  if (out.getRank() != 2 || out.getElementType() != parts.getElementType() ||
      out.getShape()[1] != p[2] || !compatible(out.getShape()[0], p[1]))
    return emitOpError() << "expects rows [rows, " << p[2] << "] of "
                         << parts.getElementType() << ", got " << out;
  if (l[0] != p[0] || !compatible(l[1], p[1]) || ShapedType::isDynamic(l[2]) ||
      l[2] < 1 || p[2] % l[2])
    return emitOpError() << "expects 'lse' to be [" << p[0]
                         << ", rows, heads] with heads dividing " << p[2]
                         << ", got " << lse;
  return success();
}

LogicalResult NormalizeHeadsOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto sums = cast<RankedTensorType>(getSums().getType());
  auto out = cast<RankedTensorType>(getResult().getType());
  if (in.getRank() != 2 || ShapedType::isDynamic(in.getShape()[1]) ||
      out != in)
    return emitOpError() << "expects rows with a static row length and a "
                            "result of the same type, got "
                         << in << " -> " << out;
  int64_t d = in.getShape()[1];
  ArrayRef<int64_t> l = sums.getShape();
  if (!compatible(l[0], in.getShape()[0]) || ShapedType::isDynamic(l[1]) ||
      l[1] < 1 || d % l[1])
    return emitOpError() << "expects 'sums' to be [rows, heads] with heads "
                            "dividing "
                         << d << ", got " << sums;
  return success();
}

//===----------------------------------------------------------------------===//
// AffineOp
//===----------------------------------------------------------------------===//

LogicalResult AffineOp::verify() {
  return verifyEpilogue(*this, getInput(), getScaleAttr(), getMul(), getAdd());
}

OpFoldResult AffineOp::fold(FoldAdaptor) {
  if (!getMul() && !getAdd() && getScaleValue() == 1.0 &&
      getInput().getType() == getType())
    return getInput();
  return {};
}

LogicalResult CastOp::verify() {
  if (failed(verifyRows(*this, getInput().getType())))
    return failure();
  return verifyCastShape(*this, getInput().getType(), getType(),
                         "the result");
}

//===----------------------------------------------------------------------===//
// The attention epilogue: ResidualOp, RmsNormOp, LayerNormOp, EpilogueOp
//===----------------------------------------------------------------------===//

static LogicalResult verifyEps(Operation *op, FloatAttr eps) {
  if (eps && !(eps.getValueAsDouble() > 0 &&
               std::isfinite(eps.getValueAsDouble())))
    return op->emitOpError() << "expects 'eps' to be a finite number > 0, got "
                             << eps.getValueAsDouble();
  return success();
}

/// Rows, the norm's weight and optional bias, and eps; returns d.
static FailureOr<int64_t> verifyNorm(Operation *op,
                                     TypedValue<RankedTensorType> input,
                                     Value weight, Value bias, FloatAttr eps) {
  Type elementType = input.getType().getElementType();
  FailureOr<int64_t> d = verifyRows(op, input.getType());
  if (failed(d) || failed(verifyEps(op, eps)) ||
      failed(verifyColumn(op, weight, "weight", *d, elementType)) ||
      failed(verifyColumn(op, bias, "bias", *d, elementType)))
    return failure();
  return d;
}

LogicalResult ResidualOp::verify() {
  return verifyRows(*this, getInput().getType());
}

LogicalResult RmsNormOp::verify() {
  return verifyNorm(*this, getInput(), getWeight(), Value(), getEpsAttr());
}

LogicalResult LayerNormOp::verify() {
  return verifyNorm(*this, getInput(), getWeight(), getBias(), getEpsAttr());
}

LogicalResult EpilogueOp::verify() {
  auto input = cast<TypedValue<RankedTensorType>>(getInput());
  if (failed(verifyNorm(*this, input, getNormWeight(), getNormBias(),
                        getEpsAttr())))
    return failure();
  RankedTensorType type = input.getType();
  if (getResidual() && getResidual().getType() != type)
    return emitOpError() << "expects 'residual' to have the type of 'input', "
                         << type << ", got " << getResidual().getType();
  if (!getResidual() && !getNormWeight())
    return emitOpError()
           << "expects a 'residual', a 'norm' or both (nothing to fuse)";
  bool norm = bool(getNormWeight());
  if (!norm && (getNormBias() || getCenter() || getEpsAttr()))
    return emitOpError()
           << "expects 'bias', 'center' and 'eps' only with a 'norm'";
  if (norm && !getEpsAttr())
    return emitOpError() << "expects 'eps' with a 'norm'";
  if (getNormBias() && !getCenter())
    return emitOpError()
           << "expects 'bias' only with 'center' (LayerNorm; RMSNorm has none)";
  if (bool(getNormed()) != norm)
    return emitOpError() << "expects " << (norm ? 2 : 1)
                         << " results (h, then the normalised rows with a "
                            "'norm'), got "
                         << getNumResults();
  for (Value r : getResults())
    if (r.getType() != type)
      return emitOpError() << "expects every result to have the type of "
                              "'input', "
                           << type << ", got " << r.getType();
  auto stage = getInput().getDefiningOp<StageOp>();
  if (!stage || !stage->hasOneUse())
    return emitOpError() << "expects 'input' to be a walsh.stage with no other "
                            "user (the epilogue runs on its registers)";
  return success();
}

// walsh.epilogue %s [residual(%r)] [norm(%g : T1)] [bias(%b : T1)] [center]
//                   [eps(F)] attr-dict : T
ParseResult EpilogueOp::parse(OpAsmParser &parser, OperationState &result) {
  OpAsmParser::UnresolvedOperand input, residual, weight, bias;
  Type columnType, biasType, type;
  bool hasResidual = false, hasWeight = false, hasBias = false;
  if (parser.parseOperand(input))
    return failure();
  if (succeeded(parser.parseOptionalKeyword("residual"))) {
    hasResidual = true;
    if (parser.parseLParen() || parser.parseOperand(residual) ||
        parser.parseRParen())
      return failure();
  }
  if (succeeded(parser.parseOptionalKeyword("norm"))) {
    hasWeight = true;
    if (parser.parseLParen() || parser.parseOperand(weight) ||
        parser.parseColonType(columnType) || parser.parseRParen())
      return failure();
  }
  if (succeeded(parser.parseOptionalKeyword("bias"))) {
    hasBias = true;
    if (parser.parseLParen() || parser.parseOperand(bias) ||
        parser.parseColonType(biasType) || parser.parseRParen())
      return failure();
  }
  if (succeeded(parser.parseOptionalKeyword("center")))
    result.addAttribute("center", parser.getBuilder().getUnitAttr());
  if (succeeded(parser.parseOptionalKeyword("eps"))) {
    double eps;
    if (parser.parseLParen() || parser.parseFloat(eps) || parser.parseRParen())
      return failure();
    result.addAttribute("eps", parser.getBuilder().getF64FloatAttr(eps));
  }
  if (parser.parseOptionalAttrDict(result.attributes) ||
      parser.parseColonType(type))
    return failure();
  if (parser.resolveOperand(input, type, result.operands) ||
      (hasResidual && parser.resolveOperand(residual, type, result.operands)) ||
      (hasWeight &&
       parser.resolveOperand(weight, columnType, result.operands)) ||
      (hasBias && parser.resolveOperand(bias, biasType, result.operands)))
    return failure();
  result.addAttribute(getOperandSegmentSizeAttr(),
                      parser.getBuilder().getDenseI32ArrayAttr(
                          {1, hasResidual, hasWeight, hasBias}));
  result.addTypes(type);
  if (hasWeight)
    result.addTypes(type);
  return success();
}

void EpilogueOp::print(OpAsmPrinter &p) {
  p << ' ' << getInput();
  if (getResidual())
    p << " residual(" << getResidual() << ')';
  if (Value w = getNormWeight())
    p << " norm(" << w << " : " << w.getType() << ')';
  if (Value b = getNormBias())
    p << " bias(" << b << " : " << b.getType() << ')';
  if (getCenter())
    p << " center";
  if (FloatAttr eps = getEpsAttr()) {
    p << " eps(";
    p.printFloat(eps.getValue());
    p << ')';
  }
  p.printOptionalAttrDict((*this)->getDiscardableAttrDictionary().getValue());
  p << " : " << getInput().getType();
}
