//===- WalshCanonicalize.cpp - walsh canonicalization patterns -------------===//
//
//  - transform(transform(x)) -> affine{scale = s1 * s2 * d}(x), when the two
//    are each other's transposes or H_d is symmetric (d = 2^k), since
//    H_d H_d^T = d I;
//  - transform(affine{scale only}(x)) and affine{scale only}(transform(x))
//    -> one transform with the product of the scales (scaling commutes with
//    a linear map);
//  - affine(affine(x)) -> one affine (composeAffine).
//
//===----------------------------------------------------------------------===//
#include "walsh/Dialect/Walsh/IR/AffineParams.h"
#include "walsh/Dialect/Walsh/IR/Walsh.h"

#include "walsh/Hadamard/Hadamard.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <cmath>

using namespace mlir;
using namespace mlir::walsh;

double mlir::walsh::snapToOne(double s) {
  return std::abs(s - 1.0) <= 1e-12 ? 1.0 : s;
}

FloatAttr AffineParams::scaleAttr(Builder &b) const {
  return scale == 1.0 ? FloatAttr() : b.getF64FloatAttr(scale);
}

AffineParams mlir::walsh::composeAffine(OpBuilder &b, Location loc,
                                        const AffineParams &inner,
                                        const AffineParams &outer,
                                        Type elementType, int64_t d) {
  AffineParams r;
  r.scale = snapToOne(inner.scale * outer.scale);
  if (inner.mul && outer.mul)
    r.mul = b.create<arith::MulFOp>(loc, inner.mul, outer.mul);
  else
    r.mul = inner.mul ? inner.mul : outer.mul;
  Value add = inner.add;
  if (add && outer.scale != 1.0) {
    auto type = RankedTensorType::get({d}, elementType);
    Value splat = b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(
                 type, b.getFloatAttr(elementType, outer.scale)));
    add = b.create<arith::MulFOp>(loc, add, splat);
  }
  if (add && outer.mul)
    add = b.create<arith::MulFOp>(loc, add, outer.mul);
  if (add && outer.add)
    add = b.create<arith::AddFOp>(loc, add, outer.add);
  r.add = add ? add : outer.add;
  return r;
}

static AffineParams paramsOf(AffineOp op) {
  return {op.getScaleValue(), op.getMul(), op.getAdd()};
}

static bool isScaleOnly(AffineOp op) { return !op.getMul() && !op.getAdd(); }

/// An affine with an output cast folded in (result element type not the
/// input's): the patterns below leave it alone.
static bool casts(AffineOp op) {
  return op.getInput().getType() != op.getType();
}

namespace {

/// transform(transform(x)) -> affine{scale}(x) where H H^T = d I applies.
struct FoldTransformPair : OpRewritePattern<TransformOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransformOp outer,
                                PatternRewriter &rewriter) const override {
    auto inner = outer.getInput().getDefiningOp<TransformOp>();
    if (!inner)
      return failure();
    int64_t d = outer.getSize();
    bool symmetric = ::walsh::factorize(d)->m == 1;
    if (!symmetric && inner.getTranspose() == outer.getTranspose())
      return failure();
    double scale = snapToOne(inner.getEffectiveScale() *
                             outer.getEffectiveScale() * double(d));
    AffineParams p{scale, {}, {}};
    rewriter.replaceOpWithNewOp<AffineOp>(outer, outer.getType(),
                                          inner.getInput(), Value(), Value(),
                                          p.scaleAttr(rewriter));
    return success();
  }
};

/// transform(affine{scale}(x)) -> transform{scale'}(x).
struct FoldScaleIntoTransform : OpRewritePattern<TransformOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransformOp op,
                                PatternRewriter &rewriter) const override {
    auto affine = op.getInput().getDefiningOp<AffineOp>();
    if (!affine || !isScaleOnly(affine) || casts(affine))
      return failure();
    double scale = op.getEffectiveScale() * affine.getScaleValue();
    rewriter.modifyOpInPlace(op, [&] {
      op.getInputMutable().assign(affine.getInput());
      op.setScaleAttr(rewriter.getF64FloatAttr(scale));
    });
    return success();
  }
};

/// affine{scale}(transform(x)) -> transform{scale'}(x), when the transform
/// has no other user.
struct FoldScaleOfTransform : OpRewritePattern<AffineOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AffineOp op,
                                PatternRewriter &rewriter) const override {
    auto transform = op.getInput().getDefiningOp<TransformOp>();
    if (!transform || !transform->hasOneUse() || !isScaleOnly(op) ||
        casts(op))
      return failure();
    double scale =
        transform.getEffectiveScale() * op.getScaleValue();
    auto fused = rewriter.create<TransformOp>(
        op.getLoc(), transform.getInput(), rewriter.getF64FloatAttr(scale),
        transform.getTransposeAttr(), transform.getConfigAttr());
    rewriter.replaceOp(op, fused.getResult());
    rewriter.eraseOp(transform);
    return success();
  }
};

/// affine(affine(x)) -> affine(x), when the inner one has no other user.
struct ComposeAffines : OpRewritePattern<AffineOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AffineOp outer,
                                PatternRewriter &rewriter) const override {
    auto inner = outer.getInput().getDefiningOp<AffineOp>();
    if (!inner || !inner->hasOneUse() || casts(inner) || casts(outer))
      return failure();
    RankedTensorType type = outer.getType();
    AffineParams p =
        composeAffine(rewriter, outer.getLoc(), paramsOf(inner),
                      paramsOf(outer), type.getElementType(),
                      type.getShape().back());
    rewriter.replaceOpWithNewOp<AffineOp>(outer, type, inner.getInput(),
                                          p.mul, p.add, p.scaleAttr(rewriter));
    rewriter.eraseOp(inner);
    return success();
  }
};

} // namespace

void TransformOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<FoldTransformPair, FoldScaleIntoTransform>(context);
}

void AffineOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<FoldScaleOfTransform, ComposeAffines>(context);
}
