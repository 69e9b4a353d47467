//===- ProjectionBuilder.cpp - spec -> walsh IR ----------------------------===//
#include "walsh/Builder/ProjectionBuilder.h"

#include "walsh/Dialect/Walsh/IR/Walsh.h"
#include "walsh/Hadamard/Hadamard.h"
#include "walsh/Support/NumberText.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

#include <cmath>

using namespace mlir;

namespace walsh {

llvm::Error validateEpilogue(const ProjectionSpec &spec) {
  if (spec.norm != NormKind::None &&
      !(spec.normEps > 0 && std::isfinite(spec.normEps)))
    return llvm::createStringError("eps: expects a finite number > 0, got " +
                                   shortestText(spec.normEps));
  return llvm::Error::success();
}

llvm::Error parsePrologue(llvm::StringRef layout, int64_t splits, bool rowSum,
                          ProjectionSpec &spec) {
  if (layout != "rows" && layout != "bshd" && layout != "bhsd")
    return llvm::createStringError(
        "--layout: expects rows, bshd or bhsd, got '" + layout.str() + "'");
  spec.layout = layout == "bhsd" ? Layout::BHSD : Layout::Rows;
  spec.splits = splits;
  spec.rowSum = rowSum;
  return llvm::Error::success();
}

llvm::Error parseScale(llvm::StringRef text, ProjectionSpec &spec) {
  spec.scale.reset();
  if (text.empty())
    return llvm::Error::success();
  double scale;
  if (text.getAsDouble(scale))
    return llvm::createStringError("--scale: expects a number, got '" +
                                   text.str() + "'");
  spec.scale = scale;
  return llvm::Error::success();
}

llvm::Error parseOutDType(llvm::StringRef name, ProjectionSpec &spec) {
  spec.outDtype.reset();
  if (name.empty())
    return llvm::Error::success();
  std::optional<DType> t = parseDType(name.str());
  if (!t)
    return llvm::createStringError(
        "--out-dtype: expects f32, f16 or bf16 (or nothing: the dtype), got '" +
        name.str() + "'");
  spec.outDtype = t;
  return llvm::Error::success();
}

llvm::Error validatePrologue(const ProjectionSpec &spec) {
  if (spec.splits && (spec.splits < 2 || spec.splits > kMaxSplits))
    return llvm::createStringError(
        "splits: expects 0 (none) or a split-KV count from 2 to " +
        std::to_string(kMaxSplits) + ", got " + std::to_string(spec.splits));
  if (spec.layout != Layout::Rows && spec.splits)
    return llvm::createStringError(
        "layout: split-KV partials are token-major rows; expects layout rows "
        "with splits, got " +
        std::string(layoutName(spec.layout)));
  if (spec.rowSum && (spec.splits || spec.layout != Layout::Rows))
    return llvm::createStringError(
        "row_sum: normalises one set of token-major accumulators; expects "
        "layout rows without splits");
  if (!spec.hasPrologue()) {
    if (spec.headDim)
      return llvm::createStringError(
          "head_dim: only a bhsd layout, a split-KV combine or a row-sum "
          "normalisation takes it; expects 0, got " +
          std::to_string(spec.headDim));
    return llvm::Error::success();
  }
  if (spec.crossHeadOnly)
    return llvm::createStringError(
        "cross_head_only: expects 0 with a bhsd layout, a split-KV combine or "
        "a row-sum normalisation (the per-head factor runs inside the "
        "attention kernel, before them), got " +
        std::to_string(spec.crossHeadOnly));
  auto f = factorize(spec.d);
  int64_t h = spec.headDim, p2 = f ? int64_t(1) << f->k : 0;
  if (h < kMinPrologueHeadDim || (h & (h - 1)) || !f || p2 % h)
    return llvm::createStringError(
        "head_dim: " + std::string(spec.splits   ? "a split-KV combine"
                                   : spec.rowSum ? "a row-sum normalisation"
                                                 : "the bhsd layout") +
        " expects a power of two >= " + std::to_string(kMinPrologueHeadDim) +
        " dividing " + std::to_string(p2) + " (the 2^k of d = " +
        std::to_string(spec.d) + "), got " + std::to_string(h));
  return llvm::Error::success();
}

llvm::Error validateSpec(const ProjectionSpec &spec) {
  if (!factorize(spec.d))
    return llvm::createStringError("d: expects " + supportedSizesText() +
                                   ", got " + std::to_string(spec.d));
  if (spec.rows < 0)
    return llvm::createStringError(
        "rows: expects 0 (dynamic) or a positive row count, got " +
        std::to_string(spec.rows));
  if (spec.scale && !std::isfinite(*spec.scale))
    return llvm::createStringError("scale: expects a finite number, got " +
                                   shortestText(*spec.scale));
  if (llvm::Error e = validateEpilogue(spec))
    return e;
  if (spec.crossHeadOnly) {
    auto f = factorize(spec.d);
    int64_t h = spec.crossHeadOnly;
    if (h < 2 || (h & (h - 1)) || h >= spec.d || (int64_t(1) << f->k) % h)
      return llvm::createStringError(
          "cross_head_only: expects 0 or a head_dim that is a power of two "
          ">= 2 dividing " +
          std::to_string(int64_t(1) << f->k) + " (the 2^k of d = " +
          std::to_string(spec.d) + ") with at least two heads, got " +
          std::to_string(h));
  }
  if (llvm::Error e = validatePrologue(spec))
    return e;
  if (spec.hasEpilogue() && spec.d < 2)
    return llvm::createStringError(
        "epilogue: expects d >= 2 for a residual or a norm, got d = " +
        std::to_string(spec.d));
  return llvm::Error::success();
}

llvm::Error parseEpilogueList(llvm::StringRef list, ProjectionSpec &spec) {
  spec.residual = false;
  spec.norm = NormKind::None;
  llvm::SmallVector<llvm::StringRef> items;
  list.split(items, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef item : items) {
    item = item.trim();
    if (item == "none" && items.size() == 1)
      continue;
    if (item == "residual") {
      spec.residual = true;
      continue;
    }
    std::optional<NormKind> norm = parseNorm(item.str());
    if (!norm || *norm == NormKind::None)
      return llvm::createStringError(
          "--epilogue: expects a comma-separated list of residual, rmsnorm "
          "and layernorm (or none), got '" +
          item.str() + "'");
    if (spec.norm != NormKind::None)
      return llvm::createStringError(
          "--epilogue: expects at most one of rmsnorm and layernorm, got '" +
          list.str() + "'");
    spec.norm = *norm;
  }
  return llvm::Error::success();
}

void loadDialects(MLIRContext &ctx) {
  ctx.loadDialect<func::FuncDialect, arith::ArithDialect,
                  mlir::walsh::WalshDialect>();
}

static Type elementTypeOf(MLIRContext &ctx, DType t) {
  switch (t) {
  case DType::F32:
    return Float32Type::get(&ctx);
  case DType::F16:
    return Float16Type::get(&ctx);
  case DType::BF16:
    return BFloat16Type::get(&ctx);
  }
  return {};
}

llvm::Expected<OwningOpRef<ModuleOp>> buildProjectionModule(MLIRContext &ctx, const ProjectionSpec &spec,
                      Attribute config) {
  if (llvm::Error e = validateSpec(spec))
    return std::move(e);
  loadDialects(ctx);
  OpBuilder b(&ctx);
  Location loc = b.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  Type elt = elementTypeOf(ctx, spec.dtype);
  int64_t rowCount = spec.rows ? spec.rows : ShapedType::kDynamic;
  auto rows = RankedTensorType::get({rowCount, spec.d}, elt);
  auto column = RankedTensorType::get({spec.d}, elt);
  // After the output cast (walsh.cast): y, the residual, the norm's weight
  // and bias and the normalised rows.
  Type outElt = elementTypeOf(ctx, spec.outType());
  auto outRows = RankedTensorType::get({rowCount, spec.d}, outElt);
  auto outColumn = RankedTensorType::get({spec.d}, outElt);
  // The input: rows, or the attention output in another layout, or split-KV
  // partials and their log-sum-exp (walsh.merge_heads, walsh.combine_splits
  // turn them into rows).
  SmallVector<Type> args{rows};
  int64_t heads = spec.headDim ? spec.d / spec.headDim : 0;
  if (spec.layout == Layout::BHSD)
    args[0] = RankedTensorType::get({ShapedType::kDynamic, heads,
                                     ShapedType::kDynamic, spec.headDim},
                                    elt);
  if (spec.splits) {
    args[0] = RankedTensorType::get({spec.splits, rowCount, spec.d}, elt);
    args.push_back(RankedTensorType::get({spec.splits, rowCount, heads},
                                         b.getF32Type()));
  }
  if (spec.rowSum)
    args.push_back(RankedTensorType::get({rowCount, heads}, b.getF32Type()));
  int firstParam = int(args.size());
  if (spec.withMul)
    args.push_back(column);
  if (spec.withAdd)
    args.push_back(column);
  // The epilogue's arguments: residual rows, the norm's weight and bias.
  int residualArg = -1, weightArg = -1, biasArg = -1;
  if (spec.residual) {
    residualArg = int(args.size());
    args.push_back(outRows);
  }
  if (spec.norm != NormKind::None) {
    weightArg = int(args.size());
    args.push_back(outColumn);
  }
  if (spec.norm == NormKind::Layer) {
    biasArg = int(args.size());
    args.push_back(outColumn);
  }
  SmallVector<Type> results{outRows};
  if (spec.norm != NormKind::None)
    results.push_back(outRows);
  b.setInsertionPointToEnd(module->getBody());
  auto fn = b.create<func::FuncOp>(loc, "outproj",
                                   b.getFunctionType(args, results));
  Block *body = fn.addEntryBlock();
  b.setInsertionPointToEnd(body);
  FloatAttr scale = spec.scale ? b.getF64FloatAttr(*spec.scale) : FloatAttr();
  Value x = body->getArgument(0);
  if (spec.layout == Layout::BHSD)
    x = b.create<mlir::walsh::MergeHeadsOp>(loc, rows, x);
  if (spec.splits)
    x = b.create<mlir::walsh::CombineSplitsOp>(loc, rows, x,
                                               body->getArgument(1));
  if (spec.rowSum)
    x = b.create<mlir::walsh::NormalizeHeadsOp>(loc, rows, x,
                                                body->getArgument(1));
  Value y = b.create<mlir::walsh::TransformOp>(
      loc, x, scale, spec.transpose ? b.getUnitAttr() : UnitAttr(), config);
  if (spec.withMul || spec.withAdd) {
    Value mul = spec.withMul ? body->getArgument(firstParam) : Value();
    Value add = spec.withAdd
                    ? body->getArgument(firstParam + (spec.withMul ? 1 : 0))
                    : Value();
    y = b.create<mlir::walsh::AffineOp>(loc, rows, y, mul, add, FloatAttr());
  }
  // The output cast; walsh-fuse-cast folds it into the last stage.
  if (spec.casts())
    y = b.create<mlir::walsh::CastOp>(loc, outRows, y);
  // The unfused epilogue; walsh-fuse-epilogue folds it into the last stage.
  if (spec.residual)
    y = b.create<mlir::walsh::ResidualOp>(loc, y,
                                          body->getArgument(residualArg));
  SmallVector<Value> outs{y};
  FloatAttr eps = b.getF64FloatAttr(spec.normEps);
  if (spec.norm == NormKind::RMS)
    outs.push_back(b.create<mlir::walsh::RmsNormOp>(
        loc, y, body->getArgument(weightArg), eps));
  else if (spec.norm == NormKind::Layer)
    outs.push_back(b.create<mlir::walsh::LayerNormOp>(
        loc, y, body->getArgument(weightArg), body->getArgument(biasArg),
        eps));
  b.create<func::ReturnOp>(loc, outs);
  return module;
}

} // namespace walsh
