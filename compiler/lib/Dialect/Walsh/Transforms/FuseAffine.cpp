//===- FuseAffine.cpp - walsh-fuse-affine: epilogue into the last stage ----===//
//
// affine(stage(x)) -> stage(x) with the affine as its epilogue, when the
// stage has no other user. Runs with the dialect's canonicalization patterns
// so that chains of affines compose first.
//
//===----------------------------------------------------------------------===//
#include "walsh/Dialect/Walsh/IR/AffineParams.h"
#include "walsh/Dialect/Walsh/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::walsh {
#define GEN_PASS_DEF_WALSHFUSEAFFINE
#include "walsh/Dialect/Walsh/Transforms/Passes.h.inc"
} // namespace mlir::walsh

using namespace mlir;
using namespace mlir::walsh;

namespace {
struct FuseAffineIntoStage : OpRewritePattern<AffineOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AffineOp affine,
                                PatternRewriter &rewriter) const override {
    auto stage = affine.getInput().getDefiningOp<StageOp>();
    // A stage that casts already computes its result's type, not the
    // affine's operands' (walsh-fuse-cast runs after this pass).
    if (!stage || !stage->hasOneUse() ||
        stage.getInput().getType() != stage.getType())
      return failure();
    RankedTensorType type = affine.getType();
    AffineParams inner{stage.getScaleValue(), stage.getMul(),
                       stage.getAdd()};
    AffineParams outer{affine.getScaleValue(), affine.getMul(),
                       affine.getAdd()};
    // The parameters have the affine's input type (its result may cast).
    AffineParams p = composeAffine(
        rewriter, affine.getLoc(), inner, outer,
        affine.getInput().getType().getElementType(), type.getShape().back());
    rewriter.replaceOpWithNewOp<StageOp>(
        affine, type, stage.getInput(), p.mul, p.add, stage.getRadixAttr(),
        stage.getStrideAttr(), stage.getTransposeAttr(),
        p.scaleAttr(rewriter), stage.getConfigAttr());
    rewriter.eraseOp(stage);
    return success();
  }
};

struct WalshFuseAffinePass
    : mlir::walsh::impl::WalshFuseAffineBase<WalshFuseAffinePass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<FuseAffineIntoStage>(ctx);
    AffineOp::getCanonicalizationPatterns(patterns, ctx);
    if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                            std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
