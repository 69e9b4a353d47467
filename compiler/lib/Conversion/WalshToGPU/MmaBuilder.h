//===- MmaBuilder.h - What the tensor-core kernels build with -*- C++ -*-===//
//
// The helpers both cross_warp = mma emitters (MmaKernel.cpp, the tiles;
// HmMmaKernel.cpp, H_m on tensor cores) build their kernels with: the
// chain and its types, index and i32 constants, index sums in a fixed
// order, a row group's rows and where they start, inline PTX,
// mma.sync.m16n8k16 and the cvt.rn.bf16x2 / f16x2 pack.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_CONVERSION_WALSHTOGPU_MMABUILDER_H
#define WALSH_CONVERSION_WALSHTOGPU_MMABUILDER_H

#include "walsh/Analysis/StageChain.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Builders.h"

#include <initializer_list>
#include <string>

namespace mlir::walsh::detail {

class MmaBuilder {
protected:
  /// For the kernel of `chain`: x's (a's, b's) storage type, y's after any
  /// output cast.
  MmaBuilder(OpBuilder &b, Location loc, const ::walsh::StageChain &chain)
      : b(b), loc(loc), chain(chain), f32(b.getF32Type()), i32(b.getI32Type()),
        storage(chain.rowsType.getElementType()),
        outStorage(chain.outType ? chain.outType : storage) {}

  Value index(int64_t v) { return b.create<arith::ConstantIndexOp>(loc, v); }
  Value i32c(int64_t v) {
    return b.create<arith::ConstantIntOp>(loc, int32_t(uint32_t(v)), 32);
  }
  Value mulc(Value v, int64_t c) {
    return b.create<arith::MulIOp>(loc, v, index(c));
  }
  /// The sum of index values (arguments in order: builder calls made in
  /// an argument list would be emitted in an order the compiler picks).
  Value sum(std::initializer_list<Value> terms) {
    Value acc;
    for (Value t : terms)
      acc = acc ? b.create<arith::AddIOp>(loc, acc, t).getResult() : t;
    return acc;
  }
  Value toI32(Value v) { return b.create<arith::IndexCastUIOp>(loc, i32, v); }
  Value extract(Value v, int64_t i) {
    return b.create<vector::ExtractOp>(loc, v, i);
  }
  /// `vals` as a vector of `type` (inserted into zeros).
  Value vectorOf(VectorType type, ArrayRef<Value> vals) {
    Value v = b.create<arith::ConstantOp>(
        loc,
        DenseElementsAttr::get(type, b.getZeroAttr(type.getElementType())));
    for (size_t e = 0; e < vals.size(); ++e)
      v = b.create<vector::InsertOp>(loc, vals[e], v, int64_t(e));
    return v;
  }
  /// Row `slot` of row group `group` (`perGroup` rows a group) and whether
  /// it is one of the `rows` rows.
  std::pair<Value, Value> rowOfGroup(Value group, int64_t perGroup, Value slot,
                                     Value rows) {
    Value row = b.create<arith::AddIOp>(
        loc, b.create<arith::MulIOp>(loc, group, index(perGroup)), slot);
    Value valid =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, row, rows);
    return {row, valid};
  }
  /// x's aligned base address and the element at which `row` starts (row 0
  /// where not `valid`: a row past the end reads row 0 and stores nothing).
  std::pair<Value, Value> rowStartOf(Value x, Value row, Value valid) {
    Value rowc = b.create<arith::SelectOp>(loc, valid, row, index(0));
    return mlir::walsh::emitRowStart(b, loc, x, rowc);
  }
  /// Inline PTX with one result (or none: `result` null).
  Value asmOp(Type result, ValueRange operands, StringRef text,
              StringRef constraints, bool sideEffects = false) {
    return mlir::walsh::emitInlinePtx(b, loc, result, operands, text,
                                      constraints, sideEffects);
  }
  /// bf16(lo) in the low half, bf16(hi) in the high (round to nearest).
  Value pack(Value lo, Value hi, StringRef type = "bf16") {
    return asmOp(i32, ValueRange{hi, lo},
                 ("cvt.rn." + type + "x2.f32 $0, $1, $2;").str(), "=r,f,f");
  }
  /// D = A B + C for one m16n8k16 tile (C zero when `c` is empty), A and B
  /// in `type` (bf16 or f16), fp32 accumulators. `sideEffects` keeps LLVM
  /// from moving it into a branch that part of the warp takes.
  SmallVector<Value> mma(StringRef type, ArrayRef<Value> a, Value b0, Value b1,
                         ArrayRef<Value> c, bool sideEffects = false) {
    SmallVector<Value> operands(a.begin(), a.end());
    operands.push_back(b0);
    operands.push_back(b1);
    return mmaAsm("m16n8k16", type, operands, c,
                  "{$4, $5, $6, $7}, {$8, $9}, {$10, $11, $12, $13}",
                  "r,r,r,r,r,r", sideEffects);
  }
  /// The same for one m16n8k8 tile: A two words (rows g, g + 8; k = 2 q,
  /// 2 q + 1), B one (k = 2 q, 2 q + 1; n = g).
  SmallVector<Value> mmaK8(StringRef type, Value a0, Value a1, Value b0,
                           ArrayRef<Value> c, bool sideEffects = false) {
    return mmaAsm("m16n8k8", type, {a0, a1, b0}, c,
                  "{$4, $5}, {$6}, {$7, $8, $9, $10}", "r,r,r", sideEffects);
  }

  OpBuilder &b;
  Location loc;

private:
  /// mma.sync of `shape` with `operands` (A's and B's words), C (zero when
  /// `c` is empty) and fp32 accumulators, as its four results.
  SmallVector<Value> mmaAsm(StringRef shape, StringRef type,
                            ArrayRef<Value> operands, ArrayRef<Value> c,
                            StringRef slots, StringRef wordConstraints,
                            bool sideEffects) {
    SmallVector<Value> all(operands.begin(), operands.end());
    Value zero = b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(0.0f));
    for (int64_t i = 0; i < 4; ++i)
      all.push_back(c.empty() ? zero : c[size_t(i)]);
    auto result =
        LLVM::LLVMStructType::getLiteral(b.getContext(), {f32, f32, f32, f32});
    std::string text = ("mma.sync.aligned." + shape + ".row.col.f32." + type +
                        "." + type + ".f32 {$0, $1, $2, $3}, " + slots + ";")
                           .str();
    Value d = asmOp(result, all, text,
                    ("=f,=f,=f,=f," + wordConstraints + ",f,f,f,f").str(),
                    sideEffects);
    SmallVector<Value> out;
    for (int64_t i = 0; i < 4; ++i)
      out.push_back(b.create<LLVM::ExtractValueOp>(loc, d, i));
    return out;
  }

protected:
  const ::walsh::StageChain &chain;
  Type f32, i32, storage, outStorage;
};

} // namespace mlir::walsh::detail

#endif // WALSH_CONVERSION_WALSHTOGPU_MMABUILDER_H
