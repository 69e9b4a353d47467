//===- AffineParams.h - composing walsh affine epilogues -------*- C++ -*-===//
//
// The (scale, mul, add) triple that walsh.affine and a fused walsh.stage
// carry, and its composition, shared by the dialect's canonicalization
// (affine after affine) and walsh-fuse-affine (affine after a stage).
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_DIALECT_WALSH_IR_AFFINEPARAMS_H
#define WALSH_DIALECT_WALSH_IR_AFFINEPARAMS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"

namespace mlir::walsh {

/// y = x * scale (.) mul + add; a null mul or add is absent.
struct AffineParams {
  double scale = 1.0;
  Value mul;
  Value add;

  /// True when the map is the identity.
  bool isIdentity() const { return scale == 1.0 && !mul && !add; }
  /// The scale as an optional attribute: null when it is 1.
  FloatAttr scaleAttr(Builder &b) const;
};

/// The parameters of outer(inner(x)):
///   scale = si * so, mul = mi (.) mo, add = (ai * so) (.) mo + ao,
/// building arith ops on the 1-D parameter tensors at `loc` where two
/// tensors (or a tensor and a scale) must combine. `elementType` and `d`
/// type the splat constants it may need.
AffineParams composeAffine(OpBuilder &b, Location loc, const AffineParams &inner,
                           const AffineParams &outer, Type elementType,
                           int64_t d);

/// `s` when it is not within 1e-12 of 1, else exactly 1: products like
/// (1/sqrt(d))^2 * d are mathematically 1 and should fold away.
double snapToOne(double s);

} // namespace mlir::walsh

#endif // WALSH_DIALECT_WALSH_IR_AFFINEPARAMS_H
