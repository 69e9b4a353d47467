//===- FuseCast.cpp - walsh-fuse-cast: the output cast into the last stage -===//
//
// cast(stage(x)) -> stage(x) storing the cast's element type, when the stage
// has no other user (likewise a lone walsh.affine, d = 1); a cast of a
// function argument becomes an identity walsh.affine that casts; a cast to
// the input's own type goes away.
//
//===----------------------------------------------------------------------===//
#include "walsh/Dialect/Walsh/IR/Walsh.h"
#include "walsh/Dialect/Walsh/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::walsh {
#define GEN_PASS_DEF_WALSHFUSECAST
#include "walsh/Dialect/Walsh/Transforms/Passes.h.inc"
} // namespace mlir::walsh

using namespace mlir;
using namespace mlir::walsh;

namespace {
struct FuseCast : OpRewritePattern<CastOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CastOp cast,
                                PatternRewriter &rewriter) const override {
    Value input = cast.getInput();
    RankedTensorType type = cast.getType();
    if (input.getType() == type) {
      rewriter.replaceOp(cast, input);
      return success();
    }
    Operation *producer = input.getDefiningOp();
    // Only an op that does not cast already: its result is the rows it
    // computed in fp32, rounded once.
    if (producer && producer->hasOneUse() &&
        producer->getOperand(0).getType() == input.getType()) {
      if (auto stage = dyn_cast<StageOp>(producer)) {
        rewriter.replaceOpWithNewOp<StageOp>(
            cast, type, stage.getInput(), stage.getMul(), stage.getAdd(),
            stage.getRadixAttr(), stage.getStrideAttr(),
            stage.getTransposeAttr(), stage.getScaleAttr(),
            stage.getConfigAttr());
        rewriter.eraseOp(stage);
        return success();
      }
      if (auto affine = dyn_cast<AffineOp>(producer)) {
        rewriter.replaceOpWithNewOp<AffineOp>(
            cast, type, affine.getInput(), affine.getMul(), affine.getAdd(),
            affine.getScaleAttr());
        rewriter.eraseOp(affine);
        return success();
      }
    }
    if (isa<BlockArgument>(input)) {
      rewriter.replaceOpWithNewOp<AffineOp>(cast, type, input, Value(),
                                            Value(), FloatAttr());
      return success();
    }
    return failure();
  }
};

struct WalshFuseCastPass
    : mlir::walsh::impl::WalshFuseCastBase<WalshFuseCastPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<FuseCast>(ctx);
    if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                            std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
