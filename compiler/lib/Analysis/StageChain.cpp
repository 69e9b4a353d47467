//===- StageChain.cpp - the stage chain a backend lowers -------------------===//
#include "walsh/Analysis/StageChain.h"

#include "walsh/Dialect/Walsh/IR/Walsh.h"

#include <algorithm>

using namespace mlir;

namespace walsh {

static int argNumber(func::FuncOp fn, Value v) {
  auto arg = dyn_cast_or_null<BlockArgument>(v);
  if (!arg || arg.getOwner() != &fn.getBody().front())
    return -1;
  return int(arg.getArgNumber());
}

SmallVector<Type> kernelArgumentTypes(const StageChain &chain) {
  MLIRContext *ctx = chain.rowsType.getContext();
  int64_t d = chain.rowsType.getShape()[1];
  Type t = chain.rowsType.getElementType();
  Type o = chain.outType ? chain.outType : t;
  auto rowsOf = [&](Type element) {
    return MemRefType::get({ShapedType::kDynamic, d}, element,
                           StridedLayoutAttr::get(ctx, ShapedType::kDynamic,
                                                  {ShapedType::kDynamic, 1}));
  };
  MemRefType rows = rowsOf(t), out = rowsOf(o);
  auto strided = [&](ArrayRef<int64_t> shape, Type element) {
    SmallVector<int64_t> strides(shape.size(), ShapedType::kDynamic);
    strides.back() = 1;
    return MemRefType::get(
        shape, element,
        StridedLayoutAttr::get(ctx, ShapedType::kDynamic, strides));
  };
  int64_t heads = chain.headDim ? d / chain.headDim : 0;
  constexpr int64_t dyn = ShapedType::kDynamic;
  Type x = rows;
  if (chain.prologue == Prologue::MergeHeads)
    x = strided({dyn, heads, dyn, chain.headDim}, t);
  if (chain.prologue == Prologue::CombineSplits)
    x = strided({chain.splits, dyn, d}, t);
  SmallVector<Type> args{x, out};
  for (unsigned i = 1; i < chain.numArgs; ++i) {
    bool normParam = int(i) == chain.normWeightArg || int(i) == chain.normBiasArg;
    args.push_back(int(i) == chain.residualArg ? Type(out)
                   : int(i) == chain.statsArg
                       ? Type(chain.splits
                                  ? strided({chain.splits, dyn, heads},
                                            Float32Type::get(ctx))
                                  : strided({dyn, heads},
                                            Float32Type::get(ctx)))
                       : Type(MemRefType::get({d}, normParam ? o : t)));
  }
  if (chain.hasNorm())
    args.push_back(out);
  return args;
}

bool isStageChainCandidate(func::FuncOp fn) {
  if (fn.isExternal())
    return false;
  if (!fn.getOps<mlir::walsh::StageOp>().empty())
    return true;
  auto rows = fn.getNumArguments()
                  ? dyn_cast<RankedTensorType>(fn.getArgument(0).getType())
                  : RankedTensorType();
  if (!rows || rows.getRank() != 2 || rows.getShape()[1] != 1)
    return false;
  for (Operation &op : fn.getBody().front().without_terminator())
    if (!isa<mlir::walsh::WalshDialect>(op.getDialect()))
      return false;
  return true;
}

FailureOr<StageChain> matchStageChain(func::FuncOp fn) {
  if (!fn.getBody().hasOneBlock() || fn.getNumArguments() < 1 ||
      fn.getNumResults() < 1 || fn.getNumResults() > 2)
    return fn.emitError("expects a function with one block, the rows as "
                        "first argument and one result (two with a norm)");
  Block &body = fn.getBody().front();
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  SmallVector<mlir::walsh::StageOp> stages;
  // d = 1 has no stages: at most one walsh.affine carries the epilogue.
  mlir::walsh::AffineOp lone;
  mlir::walsh::EpilogueOp epilogue;
  // The prologue, when the first op is one: its result is the rows.
  StageChain chain;
  Value rowsValue = body.getArgument(0);
  Operation *prologueOp = nullptr;
  if (!body.without_terminator().empty())
    prologueOp = &body.front();
  // A prologue op must take argument 0 (and, with statistics, a later
  // argument) and feed only the first stage.
  auto prologue = [&](Operation *op, Value input, Value stats, Prologue kind,
                      int64_t headDim, StringRef what) -> LogicalResult {
    if (stats)
      chain.statsArg = argNumber(fn, stats);
    if (input != body.getArgument(0) || (stats && chain.statsArg < 1) ||
        !op->hasOneUse())
      return op->emitError("expects walsh.")
             << op->getName().stripDialect()
             << " to take the function's first argument" << what
             << " and to have one user, the first stage";
    chain.prologue = kind;
    chain.headDim = headDim;
    rowsValue = op->getResult(0);
    return success();
  };
  LogicalResult matched = success();
  if (auto m = dyn_cast_or_null<mlir::walsh::MergeHeadsOp>(prologueOp)) {
    matched = prologue(m, m.getInput(), Value(), Prologue::MergeHeads,
                       m.getInput().getType().getShape()[3], "");
  } else if (auto c =
                 dyn_cast_or_null<mlir::walsh::CombineSplitsOp>(prologueOp)) {
    chain.splits = c.getPartials().getType().getShape()[0];
    matched = prologue(c, c.getPartials(), c.getLse(), Prologue::CombineSplits,
                       c.getHeadDim(),
                       " and a later argument as 'lse',");
  } else if (auto nh =
                 dyn_cast_or_null<mlir::walsh::NormalizeHeadsOp>(prologueOp)) {
    matched = prologue(nh, nh.getInput(), nh.getSums(),
                       Prologue::NormalizeHeads, nh.getHeadDim(),
                       " and a later argument as 'sums',");
  } else {
    prologueOp = nullptr;
  }
  if (failed(matched))
    return failure();
  for (Operation &op : body.without_terminator()) {
    if (&op == prologueOp)
      continue;
    if (auto e = dyn_cast<mlir::walsh::EpilogueOp>(op)) {
      if (epilogue || stages.empty() || e.getInput() != stages.back().getResult())
        return e.emitError("expects one walsh.epilogue, on the last stage");
      epilogue = e;
      continue;
    }
    if (epilogue)
      return op.emitError("expects the walsh.epilogue to be the last op");
    auto affine = dyn_cast<mlir::walsh::AffineOp>(op);
    if (affine && !lone && !prologueOp &&
        affine.getInput() == body.getArgument(0) &&
        affine.getType().getShape().back() == 1) {
      lone = affine;
      continue;
    }
    auto stage = dyn_cast<mlir::walsh::StageOp>(op);
    if (!stage)
      return op.emitError("expects only walsh.stage ops (and one "
                          "walsh.epilogue) in the function (run "
                          "walsh-to-stages first), got ")
             << op.getName();
    Value expectedInput =
        stages.empty() ? rowsValue : stages.back().getResult();
    if (stage.getInput() != expectedInput || !stage->hasOneUse())
      return stage.emitError(
          "expects each stage to consume the previous one (the first, the "
          "function's first argument or its prologue) and to have one user");
    stages.push_back(stage);
  }
  if (prologueOp && stages.empty())
    return prologueOp->emitError("expects a walsh.stage after the prologue");
  chain.rowsType = dyn_cast<RankedTensorType>(rowsValue.getType());
  if (!chain.rowsType || chain.rowsType.getRank() != 2 ||
      ShapedType::isDynamic(chain.rowsType.getShape()[1]) ||
      !factorize(chain.rowsType.getShape()[1]))
    return fn.emitError("expects the first argument to be a 2-D tensor of "
                        "rows with a static, supported row length");
  int64_t d = chain.rowsType.getShape().back();
  chain.factors = *factorize(d);
  chain.numArgs = fn.getNumArguments();
  Type elementType = chain.rowsType.getElementType();
  if (epilogue) {
    if (epilogue.getResidual()) {
      chain.residualArg = argNumber(fn, epilogue.getResidual());
      if (chain.residualArg < 1)
        return epilogue.emitError(
            "expects 'residual' to be a function argument");
    }
    if (Value w = epilogue.getNormWeight())
      if ((chain.normWeightArg = argNumber(fn, w)) < 1)
        return epilogue.emitError("expects 'norm' to be a function argument");
    if (Value b = epilogue.getNormBias())
      if ((chain.normBiasArg = argNumber(fn, b)) < 1)
        return epilogue.emitError("expects 'bias' to be a function argument");
    chain.normCenter = epilogue.getCenter();
    if (FloatAttr eps = epilogue.getEpsAttr())
      chain.normEps = eps.getValueAsDouble();
  }
  Value result = lone             ? lone.getResult()
                 : epilogue       ? epilogue.getResult()
                 : stages.empty() ? rowsValue
                                  : stages.back().getResult();
  chain.outType = cast<RankedTensorType>(result.getType()).getElementType();
  for (unsigned i = 1; i < fn.getNumArguments(); ++i) {
    if (int(i) == chain.residualArg || int(i) == chain.statsArg)
      continue; // rows of y's type, or the lse: the ops' verifiers checked
    // The norm's parameters have y's type (after an output cast), a and b
    // the rows'.
    Type want = int(i) == chain.normWeightArg || int(i) == chain.normBiasArg
                    ? chain.outType
                    : elementType;
    auto type = dyn_cast<RankedTensorType>(fn.getArgument(i).getType());
    if (!type || type.getRank() != 1 || type.getShape()[0] != d ||
        type.getElementType() != want)
      return fn.emitError("expects argument ")
             << i << " to be " << RankedTensorType::get({d}, want) << ", got "
             << fn.getArgument(i).getType();
  }
  if (ret.getOperand(0) != result ||
      (epilogue && epilogue.getNormed() &&
       (ret.getNumOperands() != 2 || ret.getOperand(1) != epilogue.getNormed())) ||
      (!(epilogue && epilogue.getNormed()) && ret.getNumOperands() != 1))
    return fn.emitError("expects the function to return its last stage (or "
                        "the walsh.epilogue's results)");
  if (d == 1) {
    chain.transpose = false;
    chain.scale = lone ? lone.getScaleValue() : 1.0;
    if (lone && lone.getMul())
      chain.mulArg = argNumber(fn, lone.getMul());
    if (lone && lone.getAdd())
      chain.addArg = argNumber(fn, lone.getAdd());
    return chain;
  }
  if (stages.empty())
    return fn.emitError("expects at least one walsh.stage");
  chain.config = stages.front().getConfigAttr();
  chain.transpose = false;
  std::vector<StageDesc> have;
  for (auto [i, s] : llvm::enumerate(stages)) {
    bool last = i + 1 == stages.size();
    if (!last && (s.getScaleAttr() || s.getMul() || s.getAdd()))
      return s.emitError("expects only the last stage to carry an epilogue");
    if (!last && s.getInput().getType() != s.getType())
      return s.emitError("expects only the last stage to cast (its element "
                         "type changes: run walsh-fuse-cast)");
    if (s.getConfigAttr() != chain.config)
      return s.emitError("expects every stage to carry the same config");
    if (s.getRadix() > 2 && s.getTranspose())
      chain.transpose = true;
    have.push_back({int64_t(s.getRadix()), int64_t(s.getStride()),
                    s.getRadix() > 2 && s.getTranspose()});
  }
  if (auto hd = fn->getAttrOfType<IntegerAttr>("walsh.head_dim"))
    chain.crossHeadOnly = hd.getInt();
  std::vector<StageDesc> want;
  for (const StageDesc &st : planStages(chain.factors, chain.transpose))
    if (!(st.radix == 2 && st.stride < chain.crossHeadOnly))
      want.push_back(st);
  auto byStride = [](const StageDesc &a, const StageDesc &b) {
    return a.stride < b.stride;
  };
  std::sort(have.begin(), have.end(), byStride);
  std::sort(want.begin(), want.end(), byStride);
  if (have != want)
    return fn.emitError("expects the stages of H_")
           << d << " (radix-2 at strides 1 .. 2^" << chain.factors.k - 1
           << " and one radix-" << chain.factors.m << " stage), in any order";

  mlir::walsh::StageOp last = stages.back();
  chain.scale = last.getScaleValue();
  // Every op in the body is a stage, so parameters are arguments.
  if (last.getMul())
    chain.mulArg = argNumber(fn, last.getMul());
  if (last.getAdd())
    chain.addArg = argNumber(fn, last.getAdd());
  return chain;
}

} // namespace walsh
