//===- BaseProduct.cpp - The m-point stage as a sign program -----------===//
#include "walsh/Conversion/Passes.h"

#include "walsh/Hadamard/SignProgram.h"

using namespace mlir;

SmallVector<Value> mlir::walsh::emitBaseProduct(OpBuilder &b, Location loc,
                                                int64_t m, bool transpose,
                                                ArrayRef<Value> x) {
  // A power of two (the split layout of a power-of-two d on tensor cores:
  // Sylvester's H_m, symmetric): its log2 m radix-2 levels, m log2 m
  // additions, natural order.
  if (m > 1 && llvm::isPowerOf2_64(uint64_t(m))) {
    SmallVector<Value> v(x.begin(), x.end());
    for (int64_t s = 1; s < m; s *= 2)
      for (int64_t i = 0; i < m; ++i)
        if ((i & s) == 0) {
          Value u = v[size_t(i)], w = v[size_t(i + s)];
          v[size_t(i)] = b.create<arith::AddFOp>(loc, u, w);
          v[size_t(i + s)] = b.create<arith::SubFOp>(loc, u, w);
        }
    return v;
  }
  return emitSignProgram(b, loc, ::walsh::baseProgram(m, transpose), x);
}

SmallVector<Value> mlir::walsh::emitBaseColumnProduct(
    OpBuilder &b, Location loc, int64_t m, bool transpose, int64_t groups,
    int64_t group, int64_t blocks, int64_t block, ArrayRef<Value> x) {
  return emitSignProgram(
      b, loc,
      ::walsh::baseColumnProgram(m, transpose, groups, group, blocks, block),
      x);
}

void mlir::walsh::emitBaseProductInRowBlocks(
    OpBuilder &b, Location loc, int64_t m, bool transpose, int64_t blocks,
    ArrayRef<SmallVector<Value>> xs,
    llvm::function_ref<void(int64_t, ArrayRef<Value>)> done) {
  int64_t q = m / blocks;
  for (int64_t r = 0; r < blocks; ++r) {
    SmallVector<SmallVector<Value>> ys;
    for (const SmallVector<Value> &x : xs)
      ys.push_back(
          emitBaseColumnProduct(b, loc, m, transpose, 1, 0, blocks, r, x));
    for (int64_t i = 0; i < q; ++i) {
      SmallVector<Value> outs;
      for (const SmallVector<Value> &y : ys)
        outs.push_back(y[size_t(i)]);
      done(r * q + i, outs);
    }
  }
}

SmallVector<Value>
mlir::walsh::emitSignProgram(OpBuilder &b, Location loc,
                             const ::walsh::SignProgram &p,
                             ArrayRef<Value> x) {
  SmallVector<Value> v(x.begin(), x.end());
  for (const ::walsh::SignProgram::Step &s : p.steps)
    v.push_back(s.subtract
                    ? Value(b.create<arith::SubFOp>(loc, v[s.lhs], v[s.rhs]))
                    : Value(b.create<arith::AddFOp>(loc, v[s.lhs], v[s.rhs])));
  SmallVector<Value> y;
  for (const ::walsh::SignProgram::Output &o : p.outputs)
    y.push_back(o.negate ? Value(b.create<arith::NegFOp>(loc, v[o.value]))
                         : v[o.value]);
  return y;
}

int64_t mlir::walsh::cpuHmRowBlocks(int64_t m) {
  return m >= 36 && m % 4 == 0 ? m / 4 : 1;
}
