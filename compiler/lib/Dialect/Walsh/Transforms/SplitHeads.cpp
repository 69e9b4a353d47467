//===- SplitHeads.cpp - walsh-split-heads: H_d = H_heads (x) H_head_dim ----===//
//
// Moves the radix-2 stages at strides below head_dim (the per-head factor)
// of a stage chain into a function of their own, and leaves the cross-head
// stages, carrying the epilogue, in the original function. See Passes.td.
//
//===----------------------------------------------------------------------===//
#include "walsh/Dialect/Walsh/IR/Walsh.h"
#include "walsh/Dialect/Walsh/Transforms/Passes.h"

#include "walsh/Hadamard/Hadamard.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

#include <cmath>

namespace mlir::walsh {
#define GEN_PASS_DEF_WALSHSPLITHEADS
#include "walsh/Dialect/Walsh/Transforms/Passes.h.inc"
} // namespace mlir::walsh

using namespace mlir;
using namespace mlir::walsh;

namespace {
struct WalshSplitHeadsPass
    : mlir::walsh::impl::WalshSplitHeadsBase<WalshSplitHeadsPass> {
  using WalshSplitHeadsBase::WalshSplitHeadsBase;

  void runOnOperation() override {
    if (headDim < 2 || (headDim & (headDim - 1))) {
      getOperation().emitError("walsh-split-heads: expects 'head-dim' to be "
                               "a power of two >= 2, got ")
          << int64_t(headDim);
      return signalPassFailure();
    }
    SmallVector<func::FuncOp> fns(getOperation().getOps<func::FuncOp>());
    for (func::FuncOp fn : fns)
      split(fn);
  }

  /// The function's stages when its body is one chain from argument 0.
  static SmallVector<StageOp> chainOf(func::FuncOp fn) {
    SmallVector<StageOp> stages;
    if (fn.isExternal() || fn.getNumArguments() < 1)
      return {};
    Value expected = fn.getArgument(0);
    for (Operation &op : fn.getBody().front().without_terminator()) {
      auto s = dyn_cast<StageOp>(op);
      if (!s)
        break;
      if (s.getInput() != expected || !s->hasOneUse())
        return {};
      stages.push_back(s);
      expected = s.getResult();
    }
    return stages;
  }

  void split(func::FuncOp fn) {
    SmallVector<StageOp> stages = chainOf(fn);
    if (stages.empty() || fn->hasAttr("walsh.head_dim"))
      return;
    auto type = cast<RankedTensorType>(stages.front().getType());
    auto f = ::walsh::factorize(type.getShape().back());
    if (!f || headDim > (int64_t(1) << f->k) ||
        type.getShape().back() == headDim)
      return;
    SmallVector<StageOp> perHead, cross;
    int64_t hd = headDim;
    for (StageOp s : stages)
      (s.getRadix() == 2 && int64_t(s.getStride()) < hd ? perHead : cross)
          .push_back(s);
    if (perHead.empty() || cross.empty())
      return;
    StageOp last = stages.back();
    // Only the last stage may carry an epilogue (as walsh-fuse-affine
    // leaves it): it moves to the last cross-head stage below.
    for (StageOp s : ArrayRef<StageOp>(stages).drop_back())
      if (s.getScaleAttr() || s.getMul() || s.getAdd())
        return;

    // The per-head factor: its stages in order, orthonormal per head.
    OpBuilder b(fn);
    std::string name = (fn.getName() + "_head_factor").str();
    if (keepHeadFactor) {
      auto headFn = b.create<func::FuncOp>(
          fn.getLoc(), name, b.getFunctionType({type}, {type}));
      SymbolTable(getOperation()).insert(headFn);
      OpBuilder hb(headFn.getContext());
      hb.setInsertionPointToStart(headFn.addEntryBlock());
      Value v = headFn.getArgument(0);
      for (auto [i, s] : llvm::enumerate(perHead)) {
        bool lastHead = i + 1 == perHead.size();
        v = hb.create<StageOp>(
            s.getLoc(), type, v, Value(), Value(), s.getRadixAttr(),
            s.getStrideAttr(), s.getTransposeAttr(),
            lastHead ? hb.getF64FloatAttr(1.0 / std::sqrt(double(headDim)))
                     : FloatAttr(),
            s.getConfigAttr());
      }
      hb.create<func::ReturnOp>(fn.getLoc(), v);
    }

    // The cross-head rest: the same chain without the per-head stages; the
    // epilogue (wherever it was) on the last remaining stage, its scale
    // times sqrt(head_dim).
    double scale = last.getScaleValue() * std::sqrt(double(headDim));
    Value mul = last.getMul(), add = last.getAdd();
    Value prev = fn.getArgument(0);
    for (StageOp s : cross) {
      s.getInputMutable().assign(prev);
      prev = s.getResult();
    }
    StageOp tail = cross.back();
    // The chain's users (the return, a walsh.epilogue) come after every
    // stage, so the last cross-head stage dominates them.
    if (tail != last)
      last.getResult().replaceAllUsesWith(tail.getResult());
    OpBuilder tb(tail);
    auto fused = tb.create<StageOp>(
        tail.getLoc(), type, tail.getInput(), mul, add, tail.getRadixAttr(),
        tail.getStrideAttr(), tail.getTransposeAttr(),
        scale == 1.0 ? FloatAttr() : tb.getF64FloatAttr(scale),
        tail.getConfigAttr());
    tail.getResult().replaceAllUsesWith(fused.getResult());
    tail->erase();
    // Last first: each per-head stage may feed the next.
    for (StageOp s : llvm::reverse(perHead))
      s->erase();
    fn->setAttr("walsh.head_dim", b.getI64IntegerAttr(headDim));
    if (keepHeadFactor)
      fn->setAttr("walsh.head_factor",
                  FlatSymbolRefAttr::get(b.getContext(), name));
  }
};
} // namespace
