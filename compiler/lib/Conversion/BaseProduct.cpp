//===- BaseProduct.cpp - The m-point stage as a sign program -----------===//
#include "walsh/Conversion/Passes.h"

#include "walsh/Hadamard/SignProgram.h"

using namespace mlir;

SmallVector<Value> mlir::walsh::emitBaseProduct(OpBuilder &b, Location loc,
                                                int64_t m, bool transpose,
                                                ArrayRef<Value> x) {
  const ::walsh::SignProgram &p = ::walsh::baseProgram(m, transpose);
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
