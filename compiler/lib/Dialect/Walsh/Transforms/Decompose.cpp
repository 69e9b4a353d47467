//===- Decompose.cpp - walsh-decompose: transform -> stages ----------------===//
//
// Replaces each walsh.transform by the stages of walsh::planStages (the one
// definition the oracle also uses), followed by a walsh.affine carrying the
// scale when it is not 1.
//
//===----------------------------------------------------------------------===//
#include "walsh/Dialect/Walsh/Transforms/Passes.h"

#include "walsh/Hadamard/Stages.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::walsh {
#define GEN_PASS_DEF_WALSHDECOMPOSE
#include "walsh/Dialect/Walsh/Transforms/Passes.h.inc"
} // namespace mlir::walsh

using namespace mlir;
using namespace mlir::walsh;

namespace {
struct WalshDecomposePass
    : mlir::walsh::impl::WalshDecomposeBase<WalshDecomposePass> {
  using WalshDecomposeBase::WalshDecomposeBase;

  void runOnOperation() override {
    SmallVector<TransformOp> transforms;
    getOperation()->walk([&](TransformOp op) { transforms.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (TransformOp op : transforms) {
      rewriter.setInsertionPoint(op);
      // The verifier guarantees a supported size.
      ::walsh::Factorization f = *::walsh::factorize(op.getSize());
      Value value = op.getInput();
      for (const ::walsh::StageDesc &st : ::walsh::planStages(
               f, op.getTranspose(),
               descending ? ::walsh::StageOrder::Descending
                          : ::walsh::StageOrder::Ascending)) {
        value = rewriter.create<StageOp>(
            op.getLoc(), op.getType(), value, Value(), Value(),
            rewriter.getI64IntegerAttr(st.radix),
            rewriter.getI64IntegerAttr(st.stride),
            st.transpose ? rewriter.getUnitAttr() : UnitAttr(), FloatAttr(),
            op.getConfigAttr());
      }
      double scale = op.getEffectiveScale();
      if (scale != 1.0)
        value = rewriter.create<AffineOp>(op.getLoc(), op.getType(), value,
                                          Value(), Value(),
                                          rewriter.getF64FloatAttr(scale));
      rewriter.replaceOp(op, value);
    }
  }
};
} // namespace
