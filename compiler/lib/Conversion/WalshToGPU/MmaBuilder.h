//===- MmaBuilder.h - What the tensor-core kernels build with -*- C++ -*-===//
//
// The helpers both cross_warp = mma emitters (MmaKernel.cpp, the tiles;
// HmMmaKernel.cpp, H_m on tensor cores) build their kernels with: the
// chain and its types, index and i32 constants, index sums in a fixed
// order, a row group's rows and where they start, inline PTX,
// mma.sync.m16n8k16 and the cvt.rn.bf16x2 / f16x2 pack, H_m's A fragments
// as a module constant, and 16-byte stores through a warp's staging area
// (stmatrix).
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_CONVERSION_WALSHTOGPU_MMABUILDER_H
#define WALSH_CONVERSION_WALSHTOGPU_MMABUILDER_H

#include "walsh/Analysis/StageChain.h"
#include "walsh/Hadamard/Hadamard.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Builders.h"

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

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
  /// The two bf16 values of a 4-byte word (the low half first) as fp32:
  /// bf16 is fp32's upper half, so the low one shifted up and the high one
  /// masked (one instruction each, exact).
  std::pair<Value, Value> bf16WordToF32(Value word) {
    Value lo = b.create<arith::BitcastOp>(
        loc, f32, b.create<arith::ShLIOp>(loc, word, i32c(16)));
    Value hi = b.create<arith::BitcastOp>(
        loc, f32, b.create<arith::AndIOp>(loc, word, i32c(0xFFFF0000u)));
    return {lo, hi};
  }
  /// A pair of 16-bit values (vector<2x storage>) as fp32: bf16 by its
  /// 4-byte word (bf16WordToF32; fpext's lowering took three instructions
  /// for the pair's high half: prmt and two imad), f16 by the conversion.
  Value widenPair(Value pair) {
    auto vec2 = VectorType::get({2}, f32);
    if (!storage.isBF16())
      return b.create<arith::ExtFOp>(loc, vec2, pair);
    auto [lo, hi] = bf16WordToF32(extract(
        b.create<vector::BitCastOp>(loc, VectorType::get({1}, i32), pair), 0));
    return vectorOf(vec2, {lo, hi});
  }
  /// bf16(lo) in the low half, bf16(hi) in the high (round to nearest).
  Value pack(Value lo, Value hi, StringRef type = "bf16") {
    return asmOp(i32, ValueRange{hi, lo},
                 ("cvt.rn." + type + "x2.f32 $0, $1, $2;").str(), "=r,f,f");
  }
  /// f16(lo * s) in the low half, f16(hi * s) in the high: a scaled f16
  /// piece (s a power of two that keeps it within f16's range).
  Value packScaledF16(Value lo, Value hi, Value s) {
    return pack(b.create<arith::MulFOp>(loc, lo, s),
                b.create<arith::MulFOp>(loc, hi, s), "f16");
  }
  /// The bf16 pair (x0 low, x1 high) and, for n > 1, the n - 1 pairs of
  /// what each leaves (exact in fp32): x0 = hi + mid + ... to 8 n bits.
  SmallVector<Value> splitPair(Value x0, Value x1, int64_t n) {
    SmallVector<Value> words;
    for (int64_t piece = 0; piece < n; ++piece) {
      Value h = pack(x0, x1);
      words.push_back(h);
      if (piece + 1 == n)
        break;
      auto [lo, hi] = bf16WordToF32(h);
      Value r1 = b.create<arith::SubFOp>(loc, x1, hi);
      x0 = b.create<arith::SubFOp>(loc, x0, lo);
      x1 = r1;
    }
    return words;
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
  /// One m16n8k8 tile in tf32: A four words (rows g, g + 8; k = q, q + 4),
  /// B two (k = q, q + 4; n = g), fp32 accumulators.
  SmallVector<Value> mmaTf32(ArrayRef<Value> a, Value b0, Value b1,
                             ArrayRef<Value> c, bool sideEffects = false) {
    SmallVector<Value> operands(a.begin(), a.end());
    operands.push_back(b0);
    operands.push_back(b1);
    return mmaAsm("m16n8k8", "tf32", operands, c,
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

  /// H_m0 (x) H_fold's (H_m0^T's with a transposed chain) A fragments
  /// for IT x KS blocks of 16 x 16 (m = m0 fold padded with zeros), as a
  /// module constant: for block (a, jk), register r and lane, word ((a KS +
  /// jk) 4 + r) 32 + lane holds entries (16 a + g + 8 (r & 1), 16 jk + 2 q +
  /// 8 (r >> 1) (+1)), +-1 in f16 or bf16. Its address (global).
  Value hmFragments(int64_t m0, int64_t fold, int64_t IT, int64_t KS,
                    bool f16) {
    const ::walsh::SignMatrix &h = ::walsh::baseMatrix(m0);
    int64_t m = m0 * fold;
    uint32_t one = f16 ? 0x3C00u : 0x3F80u;
    // H_m0 (x) H_fold (Sylvester's factor symmetric; H^T transposes H_m0).
    auto entry = [&](int64_t i, int64_t k) -> uint32_t {
      if (i >= m || k >= m)
        return 0;
      int64_t i0 = i / fold, k0 = k / fold;
      int8_t s = chain.transpose ? h.at(k0, i0) : h.at(i0, k0);
      bool negative =
          (s < 0) != bool(llvm::popcount(uint64_t(i % fold & k % fold)) & 1);
      return negative ? (one | 0x8000u) : one;
    };
    std::vector<int32_t> words;
    for (int64_t a = 0; a < IT; ++a)
      for (int64_t jk = 0; jk < KS; ++jk)
        for (int64_t r = 0; r < 4; ++r)
          for (int64_t ln = 0; ln < 32; ++ln) {
            int64_t i = 16 * a + ln / 4 + 8 * (r & 1);
            int64_t k = 16 * jk + 2 * (ln % 4) + 8 * (r >> 1);
            words.push_back(int32_t(entry(i, k) | (entry(i, k + 1) << 16)));
          }
    auto module = b.getInsertionBlock()
                      ->getParentOp()
                      ->getParentOfType<gpu::GPUModuleOp>();
    std::string name = "walsh_hm" + std::to_string(m0) +
                       (fold > 1 ? "x" + std::to_string(fold) : "") +
                       (chain.transpose ? "t_" : "_") + (f16 ? "f16" : "bf16");
    auto arrayType = LLVM::LLVMArrayType::get(i32, words.size());
    LLVM::GlobalOp global;
    if (auto existing = module.lookupSymbol<LLVM::GlobalOp>(name)) {
      global = existing;
    } else {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(module.getBody());
      global = b.create<LLVM::GlobalOp>(
          loc, arrayType, /*isConstant=*/true, LLVM::Linkage::Internal, name,
          DenseElementsAttr::get(
              RankedTensorType::get({int64_t(words.size())}, i32),
              ArrayRef<int32_t>(words)),
          /*alignment=*/16, /*addrSpace=*/1);
    }
    return b.create<LLVM::AddressOfOp>(loc, global);
  }

  /// `blocks` blocks of hmFragments' words at `base` into registers: this
  /// `lane`'s four words of each block, block by block.
  SmallVector<Value> fragmentRegisters(Value base, int64_t blocks,
                                       Value lane) {
    SmallVector<Value> words;
    Value laneI = toI32(lane);
    for (int64_t e = 0; e < blocks * 4; ++e) {
      Value ptr = b.create<LLVM::GEPOp>(
          loc, base.getType(), i32, base,
          ValueRange{b.create<arith::AddIOp>(loc, laneI, i32c(e * 32))});
      words.push_back(b.create<LLVM::LoadOp>(loc, i32, ptr));
    }
    return words;
  }

  /// f(i) for i = first, first + step, ... below n, where `first` (a
  /// thread's or lane's index, times a stride) is below `step`: the
  /// block's fills of shared memory, each thread its share, and a lane's
  /// copies of a row. Unrolled (past `mostUnrolled` steps, a loop of
  /// kStridedUnroll a round; a guarded last step where step does not
  /// divide n), so that a thread's loads are in flight together: as an
  /// scf.for each step of a fill waited for its load from the L2, about
  /// 14 round trips at d = 3328 before a block's first row. Fills unroll
  /// up to 16 steps: bf16 5632 and f16 7680 (22 and 32 steps) ran the
  /// same with 16 as with all (run350), their cold compiles 330-383 ->
  /// 310-335 ms; the 24 conformance kernels it changes PASS (run352).
  void forStrided(Value first, int64_t n, int64_t step,
                  llvm::function_ref<void(Value)> f,
                  int64_t mostUnrolled = kFillUnrolled) {
    int64_t full = n / step, done = 0;
    if (full > mostUnrolled) {
      done = full / kStridedUnroll * kStridedUnroll;
      auto loop = b.create<scf::ForOp>(loc, first, index(done * step),
                                       index(kStridedUnroll * step));
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      for (int64_t k = 0; k < kStridedUnroll; ++k)
        f(b.create<arith::AddIOp>(loc, loop.getInductionVar(),
                                  index(k * step)));
    }
    for (int64_t k = done; k < full; ++k)
      f(b.create<arith::AddIOp>(loc, first, index(k * step)));
    if (n % step == 0)
      return;
    Value i = b.create<arith::AddIOp>(loc, first, index(full * step));
    Value in = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, i,
                                       index(n));
    auto branch = b.create<scf::IfOp>(loc, in, /*withElse=*/false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&branch.getThenRegion().front());
    f(i);
  }
  static constexpr int64_t kStridedUnroll = 8, kFillUnrolled = 16;

  /// prefetch.global.L2 of x's row `row` (`elems` elements of
  /// `elemBytes`) when `valid`, its 128-byte lines over the row's
  /// `threads` threads (`me` the thread's place among them): the
  /// persistent tensor-core kernels' rows 'row_iters' grids ahead.
  void prefetchRowL2(Value x, Value row, Value valid, int64_t elems,
                     int64_t elemBytes, Value me, int64_t threads) {
    auto ifValid = b.create<scf::IfOp>(loc, valid, /*withElse=*/false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&ifValid.getThenRegion().front());
    auto [xBase, rowStart] = rowStartOf(x, row, valid);
    Value rowByte = b.create<arith::MulIOp>(loc, rowStart, index(elemBytes));
    auto global = LLVM::LLVMPointerType::get(b.getContext(), 1);
    forStrided(
        me, (elems * elemBytes + 127) / 128, threads,
        [&](Value line) {
          Value at = b.create<arith::AddIOp>(
              loc, rowByte,
              b.create<arith::MulIOp>(loc, line, index(128)).getResult());
          asmOp(Type(),
                ValueRange{mlir::walsh::emitAddressAt(b, loc, xBase, at,
                                                      global)},
                "prefetch.global.L2 [$0];", "l", /*sideEffects=*/true);
        },
        /*mostUnrolled=*/elems);
  }

  /// `blocks` blocks of hmFragments' words at `base` into shared memory
  /// (`view`, i32), each lane's four words of a block together (one 16-byte
  /// load a block): word ((blk 32 + lane) 4 + r). By the block's `threads`
  /// threads, thread `tid` from its own.
  void copyFragments(Value tid, int64_t threads, Value base, int64_t blocks,
                     Value view) {
    forStrided(tid, blocks * 128, threads, [&](Value e) {
      Value ln = b.create<arith::AndIOp>(loc, e, index(31));
      Value r = b.create<arith::AndIOp>(
          loc, b.create<arith::ShRUIOp>(loc, e, index(5)).getResult(),
          index(3));
      Value blk = b.create<arith::ShRUIOp>(loc, e, index(7));
      Value ptr = b.create<LLVM::GEPOp>(loc, base.getType(), i32, base,
                                        ValueRange{toI32(e)});
      Value word = b.create<LLVM::LoadOp>(loc, i32, ptr);
      Value at = sum({mulc(blk, 128), mulc(ln, 4), r});
      b.create<memref::StoreOp>(loc, word, view, ValueRange{at});
    });
  }

  /// ops = {this lane's stmatrix address, its four words}: the warp's
  /// words through its staging area (stmatrix, a warp sync, one 16-byte
  /// read back at `readAt`, a sync); the four words read back.
  SmallVector<Value> throughStaging(ArrayRef<Value> ops, Value readAt) {
    asmOp(Type(), ops,
          "stmatrix.sync.aligned.m8n8.x4.shared.b16 [$0], {$1, $2, $3, $4};",
          "r,r,r,r,r,~{memory}", /*sideEffects=*/true);
    asmOp(Type(), ValueRange{}, "bar.warp.sync -1;", "~{memory}", true);
    auto v4 =
        LLVM::LLVMStructType::getLiteral(b.getContext(), {i32, i32, i32, i32});
    Value got = asmOp(v4, ValueRange{readAt},
                      "ld.shared.v4.b32 {$0, $1, $2, $3}, [$4];",
                      "=r,=r,=r,=r,r,~{memory}", /*sideEffects=*/true);
    asmOp(Type(), ValueRange{}, "bar.warp.sync -1;", "~{memory}", true);
    SmallVector<Value> words;
    for (int64_t w = 0; w < 4; ++w)
      words.push_back(b.create<LLVM::ExtractValueOp>(loc, got, w));
    return words;
  }

  /// Four words (eight 16-bit outputs) stored at y[row][col].
  void storeWords(ArrayRef<Value> words, Value y, Value row, Value col) {
    Value v =
        b.create<vector::BitCastOp>(loc, VectorType::get({8}, outStorage),
                                    vectorOf(VectorType::get({4}, i32), words));
    b.create<vector::StoreOp>(loc, v, y, ValueRange{row, col});
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
