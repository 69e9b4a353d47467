//===- ProjectionBuilder.cpp - spec -> walsh IR ----------------------------===//
#include "walsh/Builder/ProjectionBuilder.h"

#include "walsh/Dialect/Walsh/IR/Walsh.h"
#include "walsh/Hadamard/Hadamard.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

#include <cmath>

using namespace mlir;

namespace walsh {

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
                                   std::to_string(*spec.scale));
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
  auto rows = RankedTensorType::get(
      {spec.rows ? spec.rows : ShapedType::kDynamic, spec.d}, elt);
  auto column = RankedTensorType::get({spec.d}, elt);
  SmallVector<Type> args{rows};
  if (spec.withMul)
    args.push_back(column);
  if (spec.withAdd)
    args.push_back(column);
  b.setInsertionPointToEnd(module->getBody());
  auto fn = b.create<func::FuncOp>(loc, "outproj",
                                   b.getFunctionType(args, {rows}));
  Block *body = fn.addEntryBlock();
  b.setInsertionPointToEnd(body);
  FloatAttr scale = spec.scale ? b.getF64FloatAttr(*spec.scale) : FloatAttr();
  Value y = b.create<mlir::walsh::TransformOp>(
      loc, body->getArgument(0), scale,
      spec.transpose ? b.getUnitAttr() : UnitAttr(), config);
  if (spec.withMul || spec.withAdd) {
    Value mul = spec.withMul ? body->getArgument(1) : Value();
    Value add = spec.withAdd ? body->getArgument(spec.withMul ? 2 : 1) : Value();
    y = b.create<mlir::walsh::AffineOp>(loc, rows, y, mul, add, FloatAttr());
  }
  b.create<func::ReturnOp>(loc, y);
  return module;
}

} // namespace walsh
