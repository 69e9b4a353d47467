//===- FuseEpilogue.cpp - walsh-fuse-epilogue ------------------------------===//
//
// residual(stage) -> epilogue(stage, residual); norm(residual(stage)) and
// norm(stage) -> epilogue(stage, [residual,] norm), when the stage has no
// other user than the epilogue chain (and the function's return, which then
// takes the epilogue's h).
//
//===----------------------------------------------------------------------===//
#include "walsh/Dialect/Walsh/IR/Walsh.h"
#include "walsh/Dialect/Walsh/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::walsh {
#define GEN_PASS_DEF_WALSHFUSEEPILOGUE
#include "walsh/Dialect/Walsh/Transforms/Passes.h.inc"
} // namespace mlir::walsh

using namespace mlir;
using namespace mlir::walsh;

namespace {
struct FuseResidual : OpRewritePattern<ResidualOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ResidualOp op,
                                PatternRewriter &rewriter) const override {
    auto stage = op.getInput().getDefiningOp<StageOp>();
    if (!stage || !stage->hasOneUse())
      return failure();
    Type type = op.getType();
    rewriter.replaceOpWithNewOp<EpilogueOp>(
        op, type, /*normed=*/Type(), stage.getResult(), op.getResidual(),
        /*norm_weight=*/Value(), /*norm_bias=*/Value(), /*center=*/UnitAttr(),
        /*eps=*/FloatAttr());
    return success();
  }
};

/// A norm of h, where h is a fused residual sum without a norm yet, or the
/// stage itself. Other users of h (the function's return) take the new
/// epilogue's h.
template <typename NormOp>
struct FuseNorm : OpRewritePattern<NormOp> {
  using OpRewritePattern<NormOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(NormOp op,
                                PatternRewriter &rewriter) const override {
    Value h = op.getInput();
    StageOp stage;
    Value residual;
    auto previous = h.getDefiningOp<EpilogueOp>();
    if (previous) {
      if (previous.getNormed())
        return failure();
      stage = previous.getInput().template getDefiningOp<StageOp>();
      residual = previous.getResidual();
    } else {
      stage = h.getDefiningOp<StageOp>();
      // Every other user of the stage is redirected to h below; only the
      // norm and non-walsh users (the return) may use it.
      if (!stage)
        return failure();
      for (Operation *user : h.getUsers())
        if (user != op && isa<WalshDialect>(user->getDialect()))
          return failure();
    }
    if (!stage)
      return failure();
    // The fused op takes the norm's place: h's other users must come after.
    for (Operation *user : h.getUsers())
      if (user != op && (user->getBlock() != op->getBlock() ||
                         user->isBeforeInBlock(op)))
        return failure();
    Value bias;
    UnitAttr center;
    if constexpr (std::is_same_v<NormOp, LayerNormOp>) {
      bias = op.getBias();
      center = rewriter.getUnitAttr();
    }
    Type type = op.getType();
    auto fused = rewriter.create<EpilogueOp>(
        op.getLoc(), type, type, stage.getResult(), residual, op.getWeight(),
        bias, center, op.getEpsAttr());
    rewriter.replaceOp(op, fused.getNormed());
    if (previous) {
      rewriter.replaceOp(previous, fused.getResult());
    } else {
      rewriter.replaceUsesWithIf(h, fused.getResult(), [&](OpOperand &use) {
        return use.getOwner() != fused;
      });
    }
    return success();
  }
};

struct WalshFuseEpiloguePass
    : mlir::walsh::impl::WalshFuseEpilogueBase<WalshFuseEpiloguePass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<FuseResidual, FuseNorm<RmsNormOp>, FuseNorm<LayerNormOp>>(
        ctx);
    if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                            std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
