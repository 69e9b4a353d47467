//===- MmaKernel.cpp - walsh-convert-to-gpu, cross_warp = mma -------------===//
//
// The kernel body for #walsh.config's cross_warp = mma: 16-bit rows of
// d = m * 2^k, 2^k >= 256, one warp a row, the radix-2 levels of each
// 256-element tile on tensor cores (HadaCore's idea, arXiv 2412.08832),
// fp32 everywhere else.
//
// Element i of a row is i = tile * 256 + p, tile = a * C + c (a < m the
// dense index, C = 2^k / 256). Sylvester's H_256 is the same matrix under
// any permutation of p's eight bits applied to rows and columns alike, so
// p's bits name a 16 x 16 matrix X[h][l] as
//   p0 = h3, p1 = l3, p2 = h1, p3 = h2, p4 = l1, p5 = l2, p6 = l0, p7 = h0
// and H_256 x = H_16 X H_16. Lane = 4 g + q (g < 8, q < 4):
//  - loads: the lane holds X[h][l] for h in {2q, 2q+1, 2q+8, 2q+9} and l in
//    {g, g+8}: two 8-byte vectors (h0 = 0 and 1) at p = 4q + 16(g >> 1) +
//    64(g & 1) (+ 128), each holding (h3, l3) in memory order, so that a
//    warp's vector is 256 contiguous bytes. Byte permutes (prmt) make them
//    the B fragments of mma.m16n8k16 (k = h, n = l), two n-tiles.
//  - stage 1: Y = H_16 X, A = H_16 in the storage type (exact), fp32
//    accumulators. The two n-tiles' accumulators are, as they stand, the A
//    fragment of Y (rows h', k = l).
//  - Y = hi + lo in bf16 (hi = bf16(Y), lo = bf16(Y - hi)): 16 bits of
//    mantissa, where one bf16 operand keeps 8 (and f16 could overflow:
//    |Y| reaches 16 max|x|).
//  - stage 2: Z = Y H_16 (B = H_16 in bf16), hi then lo into one fp32
//    accumulator. The lane then holds Z[h'][l'] for h' in {g, g+8} and l'
//    in {2q, 2q+1, 2q+8, 2q+9}: two 8-byte vectors (l'0 = 0 and 1) at p =
//    4(g >> 1) + 16q + 128(g & 1) (+ 64), 2 x 128 contiguous bytes a warp.
// Then, in registers, H_C's radix-2 levels and H_m's sign program across
// the row's T = m C tiles for each of the lane's 8 values; the affine, a *
// scale and b as fp32 from a shared-memory table in the order the lanes
// read them (16-byte loads, filled once a block); the stores.
//
// Blocks take row groups bid, bid + G, ... (rows_per_block warps, a row
// each), as the row-group kernels do; the next group's loads are issued
// after the tensor-core stages, in registers, so they fly through the rest.
//
//===----------------------------------------------------------------------===//
#include "walsh/Conversion/Passes.h"

#include "walsh/Analysis/StageChain.h"
#include "walsh/Dialect/Walsh/IR/Walsh.h"

#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/IR/Builders.h"

using namespace mlir;

namespace {

class MmaEmitter {
public:
  MmaEmitter(OpBuilder &b, Location loc, const ::walsh::StageChain &chain,
             mlir::walsh::ConfigAttr config)
      : b(b), loc(loc), chain(chain), f32(b.getF32Type()),
        i32(b.getI32Type()), storage(chain.rowsType.getElementType()),
        outStorage(chain.outType ? chain.outType : storage) {
    m = chain.factors.m;
    C = (int64_t(1) << chain.factors.k) / 256;
    T = m * C;
    d = T * 256;
    R = config.getRowsPerBlock();
  }

  void emit(Value x, Value y, Value mul, Value add) {
    Value tid = b.create<gpu::ThreadIdOp>(loc, gpu::Dimension::x);
    Value bid = b.create<gpu::BlockIdOp>(loc, gpu::Dimension::x);
    Value grid = b.create<gpu::GridDimOp>(loc, gpu::Dimension::x);
    lane = b.create<arith::RemUIOp>(loc, tid, index(32));
    Value warp = b.create<arith::DivUIOp>(loc, tid, index(32));
    Value g = b.create<arith::ShRUIOp>(loc, lane, index(2));
    Value q = b.create<arith::AndIOp>(loc, lane, index(3));
    Value rows = b.create<memref::DimOp>(loc, x, 0);

    // Where the lane's vectors sit in a tile: loads at inOff (+ 128), the
    // stores at outOff (+ 64).
    Value gHi = b.create<arith::ShRUIOp>(loc, g, index(1));
    Value gLo = b.create<arith::AndIOp>(loc, g, index(1));
    inOff = sum({mulc(q, 4), mulc(gHi, 16), mulc(gLo, 64)});
    outOff = sum({mulc(gHi, 4), mulc(q, 16), mulc(gLo, 128)});

    // The constant fragments: stage 1's A = H_16[h'][h] (rows g, g+8; k =
    // 2q.., 2q+8..) in the storage type, stage 2's B = H_16[l][l'] (k = 2q..,
    // 2q+8..; n = g + 8j) in bf16.
    Value gi = toI32(g), qi = toI32(q);
    uint32_t one = storage.isBF16() ? 0x3F80 : 0x3C00;
    Value q2 = b.create<arith::ShLIOp>(loc, qi, i32c(1));
    auto plus = [&](Value v, int64_t c) {
      return b.create<arith::AddIOp>(loc, v, i32c(c)).getResult();
    };
    for (int64_t r = 0; r < 4; ++r) {
      Value row = plus(gi, 8 * (r & 1));
      Value k = plus(q2, 8 * (r >> 1));
      stage1A.push_back(hpair(row, k, row, plus(k, 1), one));
    }
    for (int64_t j = 0; j < 2; ++j) {
      Value n = plus(gi, 8 * j);
      for (int64_t h = 0; h < 2; ++h) {
        Value k = plus(q2, 8 * h);
        stage2B.push_back(hpair(k, n, plus(k, 1), n, 0x3F80));
      }
    }

    if (mul || add)
      fillTable(tid, mul, add);

    // Row groups bid, bid + G, ...: ceil((groups - bid) / G) of them.
    Value groups = b.create<arith::DivUIOp>(
        loc, sum({rows, index(R - 1)}), index(R));
    Value has =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, bid, groups);
    Value left = b.create<arith::SubIOp>(loc, groups, bid);
    Value up = b.create<arith::AddIOp>(
        loc, left, b.create<arith::SubIOp>(loc, grid, index(1)));
    Value per = b.create<arith::DivUIOp>(loc, up, grid);
    Value count = b.create<arith::SelectOp>(loc, has, per, index(0));
    // A row past the end loads row 0 and stores nothing (the launcher
    // launches nothing for zero rows).
    auto rowOf = [&](Value group) {
      Value row = b.create<arith::AddIOp>(
          loc, b.create<arith::MulIOp>(loc, group, index(R)), warp);
      Value valid =
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, row, rows);
      return std::pair{row, valid};
    };
    auto loadRow = [&](Value group) {
      auto [row, valid] = rowOf(group);
      Value rowc = b.create<arith::SelectOp>(loc, valid, row, index(0));
      SmallVector<Value> vecs;
      auto type = VectorType::get({4}, storage);
      // Each vector as one 64-bit value: carried into the loop as a vector,
      // LLVM split every 8-byte load into two 4-byte ones.
      for (int64_t t = 0; t < T; ++t)
        for (int64_t h0 = 0; h0 < 2; ++h0) {
          Value v = b.create<vector::LoadOp>(
              loc, type, x,
              ValueRange{rowc, b.create<arith::AddIOp>(
                                   loc, inOff, index(t * 256 + h0 * 128))});
          vecs.push_back(b.create<vector::ExtractOp>(
              loc,
              b.create<vector::BitCastOp>(
                  loc, VectorType::get({1}, b.getI64Type()), v),
              0));
        }
      return vecs;
    };
    auto loop = b.create<scf::ForOp>(loc, index(0), count, index(1),
                                     loadRow(bid));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    Value group = b.create<arith::AddIOp>(
        loc, bid, b.create<arith::MulIOp>(loc, loop.getInductionVar(), grid));
    // z[v][tile]: the lane's value v = 4 s + e of each tile, s = l'0 and e
    // = (h'3, l'3) in memory order.
    std::vector<SmallVector<Value>> z(8, SmallVector<Value>(size_t(T)));
    for (int64_t t = 0; t < T; ++t) {
      // B fragments: for n-tile j, word j's low halves (h3 = 0) and high
      // halves (h3 = 1) of the two vectors (h0 = 0 low, 1 high).
      SmallVector<Value> acc[2];
      for (int64_t j = 0; j < 2; ++j) {
        Value w0 = wordOf(loop.getRegionIterArgs()[size_t(2 * t)], j);
        Value w1 = wordOf(loop.getRegionIterArgs()[size_t(2 * t + 1)], j);
        Value b0 = prmt(w0, w1, 0x5410);
        Value b1 = prmt(w0, w1, 0x7632);
        acc[j] = mma(storage.isBF16() ? "bf16" : "f16", stage1A, b0, b1, {});
      }
      SmallVector<Value> hiA, loA;
      for (int64_t r = 0; r < 4; ++r) {
        Value u = acc[r >> 1][size_t((r & 1) * 2)];
        Value v = acc[r >> 1][size_t((r & 1) * 2 + 1)];
        Value h = pack(u, v);
        Value uh = b.create<arith::BitcastOp>(
            loc, f32, b.create<arith::ShLIOp>(loc, h, i32c(16)));
        Value vh = b.create<arith::BitcastOp>(
            loc, f32, b.create<arith::AndIOp>(loc, h, i32c(0xFFFF0000u)));
        hiA.push_back(h);
        Value ul = b.create<arith::SubFOp>(loc, u, uh);
        Value vl = b.create<arith::SubFOp>(loc, v, vh);
        loA.push_back(pack(ul, vl));
      }
      for (int64_t j = 0; j < 2; ++j) {
        SmallVector<Value> out = mma("bf16", hiA, stage2B[size_t(2 * j)],
                                     stage2B[size_t(2 * j + 1)], {});
        out = mma("bf16", loA, stage2B[size_t(2 * j)],
                  stage2B[size_t(2 * j + 1)], out);
        for (int64_t s = 0; s < 2; ++s) {
          z[size_t(4 * s + 2 * j)][size_t(t)] = out[size_t(s)];
          z[size_t(4 * s + 2 * j + 1)][size_t(t)] = out[size_t(s + 2)];
        }
      }
    }
    // The next group's loads fly through the rest (past the last: row 0's,
    // never used).
    SmallVector<Value> next =
        loadRow(b.create<arith::AddIOp>(loc, group, grid));

    for (auto &vals : z)
      acrossTiles(vals);

    auto [row, valid] = rowOf(group);
    auto ifValid = b.create<scf::IfOp>(loc, valid, /*withElse=*/false);
    {
      OpBuilder::InsertionGuard inner(b);
      b.setInsertionPointToStart(&ifValid.getThenRegion().front());
      for (int64_t t = 0; t < T; ++t)
        for (int64_t s = 0; s < 2; ++s) {
          Value v = b.create<arith::ConstantOp>(
              loc, DenseElementsAttr::get(VectorType::get({4}, f32),
                                          b.getF32FloatAttr(0.0f)));
          for (int64_t e = 0; e < 4; ++e)
            v = b.create<vector::InsertOp>(loc, z[size_t(4 * s + e)][size_t(t)],
                                           v, e);
          v = affine(v, t, s, bool(mul), bool(add));
          if (outStorage != f32)
            v = narrowPairs(v);
          b.create<vector::StoreOp>(
              loc, v, y,
              ValueRange{row, b.create<arith::AddIOp>(
                                  loc, outOff, index(t * 256 + s * 64))});
        }
    }
    b.create<scf::YieldOp>(loc, next);
  }

private:
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
  /// One 16-bit half of a ±1 pair: H_16[i][j] = (-1)^popcount(i & j), as
  /// `one` with the sign bit set when the parity is odd.
  Value hsign(Value i, Value j, uint32_t one) {
    Value x = b.create<arith::AndIOp>(loc, i, j);
    for (int64_t shift : {1, 2}) {
      Value down = b.create<arith::ShRUIOp>(loc, x, i32c(shift));
      x = b.create<arith::XOrIOp>(loc, x, down);
    }
    Value parity = b.create<arith::AndIOp>(loc, x, i32c(1));
    Value sign = b.create<arith::ShLIOp>(loc, parity, i32c(15));
    return b.create<arith::OrIOp>(loc, i32c(one), sign);
  }
  /// A fragment register: H_16[i0][j0] in the low half, H_16[i1][j1] in the
  /// high.
  Value hpair(Value i0, Value j0, Value i1, Value j1, uint32_t one) {
    Value low = hsign(i0, j0, one);
    Value high = b.create<arith::ShLIOp>(loc, hsign(i1, j1, one), i32c(16));
    return b.create<arith::OrIOp>(loc, low, high);
  }
  Value asmOp(Type result, ValueRange operands, StringRef text,
              StringRef constraints) {
    return b
        .create<LLVM::InlineAsmOp>(loc, result, operands, text, constraints,
                                   /*has_side_effects=*/false,
                                   /*is_align_stack=*/false,
                                   LLVM::AsmDialectAttr(), ArrayAttr())
        .getResult(0);
  }
  /// Word j (0: the low) of a 64-bit value.
  Value wordOf(Value v, int64_t j) {
    if (j)
      v = b.create<arith::ShRUIOp>(
          loc, v, b.create<arith::ConstantIntOp>(loc, 32, 64));
    return b.create<arith::TruncIOp>(loc, i32, v);
  }
  /// The bytes of w0 and w1 that `selector` picks (prmt.b32).
  Value prmt(Value w0, Value w1, uint32_t selector) {
    return asmOp(i32, ValueRange{w0, w1},
                 "prmt.b32 $0, $1, $2, 0x" + llvm::utohexstr(selector) + ";",
                 "=r,r,r");
  }
  /// `v` in both words of a vector<2xi32>.
  Value words(uint32_t v) {
    return b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(VectorType::get({2}, i32),
                                    b.getI32IntegerAttr(int32_t(v))));
  }
  Value extract(Value v, int64_t i) {
    return b.create<vector::ExtractOp>(loc, v, i);
  }
  /// bf16(lo) in the low half, bf16(hi) in the high (round to nearest).
  Value pack(Value lo, Value hi, StringRef type = "bf16") {
    return asmOp(i32, ValueRange{hi, lo},
                 ("cvt.rn." + type + "x2.f32 $0, $1, $2;").str(), "=r,f,f");
  }
  /// Four fp32 values in the output's 16-bit type, converted in pairs.
  Value narrowPairs(Value v) {
    StringRef type = outStorage.isBF16() ? "bf16" : "f16";
    Value packed = words(0);
    for (int64_t i = 0; i < 2; ++i) {
      Value lo = extract(v, 2 * i);
      Value hi = extract(v, 2 * i + 1);
      packed = b.create<vector::InsertOp>(loc, pack(lo, hi, type), packed, i);
    }
    return b.create<vector::BitCastOp>(loc, VectorType::get({4}, outStorage),
                                       packed);
  }
  /// D = A B + C for one m16n8k16 tile (C zero when `c` is empty).
  SmallVector<Value> mma(StringRef type, ArrayRef<Value> a, Value b0,
                         Value b1, ArrayRef<Value> c) {
    SmallVector<Value> operands(a.begin(), a.end());
    operands.push_back(b0);
    operands.push_back(b1);
    Value zero = b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(0.0f));
    for (int64_t i = 0; i < 4; ++i)
      operands.push_back(c.empty() ? zero : c[size_t(i)]);
    auto result = LLVM::LLVMStructType::getLiteral(b.getContext(),
                                                   {f32, f32, f32, f32});
    std::string text = ("mma.sync.aligned.m16n8k16.row.col.f32." + type + "." +
                        type + ".f32 {$0, $1, $2, $3}, {$4, $5, $6, $7}, "
                               "{$8, $9}, {$10, $11, $12, $13};")
                           .str();
    Value d = asmOp(result, operands, text, "=f,=f,=f,=f,r,r,r,r,r,r,f,f,f,f");
    SmallVector<Value> out;
    for (int64_t i = 0; i < 4; ++i)
      out.push_back(b.create<LLVM::ExtractValueOp>(loc, d, i));
    return out;
  }
  /// H_C's radix-2 levels, then H_m (or H_m^T), on one value of each tile.
  void acrossTiles(SmallVector<Value> &v) {
    for (int64_t s = 1; s < C; s <<= 1)
      for (int64_t t = 0; t < T; ++t)
        if (!(t & s)) {
          Value u = v[size_t(t)], w = v[size_t(t + s)];
          v[size_t(t)] = b.create<arith::AddFOp>(loc, u, w);
          v[size_t(t + s)] = b.create<arith::SubFOp>(loc, u, w);
        }
    if (m == 1)
      return;
    for (int64_t c = 0; c < C; ++c) {
      SmallVector<Value> in;
      for (int64_t a = 0; a < m; ++a)
        in.push_back(v[size_t(a * C + c)]);
      SmallVector<Value> out =
          mlir::walsh::emitBaseProduct(b, loc, m, chain.transpose, in);
      for (int64_t a = 0; a < m; ++a)
        v[size_t(a * C + c)] = out[size_t(a)];
    }
  }
  /// Floats a table entry holds: 4 of a * scale, then 4 of b, as present.
  int64_t entryFloats() const { return 4 * (int64_t(hasMul) + hasAdd); }
  /// The affine table: for each (tile, s, lane), in that order, the lane's
  /// 4 values of a * scale and of b as fp32 (16-byte loads, a warp's 512
  /// contiguous bytes: no bank conflicts). Filled by the whole block.
  void fillTable(Value tid, Value mul, Value add) {
    hasMul = bool(mul);
    hasAdd = bool(add);
    auto ws = gpu::AddressSpaceAttr::get(b.getContext(),
                                         gpu::AddressSpace::Workgroup);
    Value raw = b.create<gpu::DynamicSharedMemoryOp>(
        loc, MemRefType::get({ShapedType::kDynamic}, b.getI8Type(),
                             MemRefLayoutAttrInterface(), ws));
    table = b.create<memref::ViewOp>(
        loc,
        MemRefType::get({T * 64 * entryFloats()}, f32,
                        MemRefLayoutAttrInterface(), ws),
        raw, index(0), ValueRange{});
    auto loop = b.create<scf::ForOp>(loc, tid, index(T * 64), index(R * 32));
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value e = loop.getInductionVar();
      Value t = b.create<arith::DivUIOp>(loc, e, index(64));
      Value half = b.create<arith::ShRUIOp>(loc, e, index(5));
      Value s = b.create<arith::AndIOp>(loc, half, index(1));
      Value ln = b.create<arith::AndIOp>(loc, e, index(31));
      Value g = b.create<arith::ShRUIOp>(loc, ln, index(2));
      Value q = b.create<arith::AndIOp>(loc, ln, index(3));
      Value gHi = b.create<arith::ShRUIOp>(loc, g, index(1));
      Value gLo = b.create<arith::AndIOp>(loc, g, index(1));
      Value col = sum({mulc(t, 256), mulc(s, 64), mulc(gHi, 4), mulc(q, 16),
                       mulc(gLo, 128)});
      Value at = mulc(e, entryFloats());
      auto vec4 = VectorType::get({4}, f32);
      auto widen = [&](Value param) {
        return b.create<arith::ExtFOp>(
            loc, vec4,
            b.create<vector::LoadOp>(loc, VectorType::get({4}, storage), param,
                                     ValueRange{col})
                .getResult());
      };
      if (hasMul) {
        Value av = widen(mul);
        if (chain.scale != 1.0)
          av = b.create<arith::MulFOp>(loc, av, splat(chain.scale));
        b.create<vector::StoreOp>(loc, av, table, ValueRange{at});
      }
      if (hasAdd)
        b.create<vector::StoreOp>(
            loc, widen(add), table,
            ValueRange{b.create<arith::AddIOp>(loc, at, index(4 * hasMul))});
    }
    b.create<gpu::BarrierOp>(loc);
  }
  Value splat(double v) {
    return b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(VectorType::get({4}, f32),
                                    b.getF32FloatAttr(float(v))));
  }
  arith::FastMathFlagsAttr contract() {
    return arith::FastMathFlagsAttr::get(b.getContext(),
                                         arith::FastMathFlags::contract);
  }
  /// v * a * scale + b for the lane's vector s of tile t.
  Value affine(Value v, int64_t t, int64_t s, bool withMul, bool withAdd) {
    Value at;
    if (withMul || withAdd)
      at = sum({mulc(lane, entryFloats()),
                index((t * 2 + s) * 32 * entryFloats())});
    auto vec4 = VectorType::get({4}, f32);
    Value mv = withMul ? b.create<vector::LoadOp>(loc, vec4, table,
                                                  ValueRange{at})
                             .getResult()
                       : splat(chain.scale);
    if (withMul || chain.scale != 1.0)
      v = b.create<arith::MulFOp>(loc, v, mv, contract());
    if (withAdd)
      v = b.create<arith::AddFOp>(
          loc, v,
          b.create<vector::LoadOp>(
              loc, vec4, table,
              ValueRange{b.create<arith::AddIOp>(loc, at,
                                                 index(4 * withMul))}),
          contract());
    return v;
  }

  OpBuilder &b;
  Location loc;
  const ::walsh::StageChain &chain;
  Type f32, i32, storage, outStorage;
  /// m: the dense factor; C: tiles per dense index; T = m C tiles a row.
  int64_t m, C, T, d, R;
  bool hasMul = false, hasAdd = false;
  Value lane, inOff, outOff, table;
  SmallVector<Value> stage1A, stage2B;
};

} // namespace

std::string mlir::walsh::gpuMmaConflict(ConfigAttr config,
                                        int64_t storageBytes,
                                        const GpuChainTraits &chain) {
  if (config.getCrossWarp() != CrossWarp::Mma)
    return "";
  if (storageBytes != 2)
    return "expects 16-bit rows (bf16 or f16) for cross_warp = mma: the "
           "tensor-core stages multiply 16-bit operands";
  if (chain.prologue || chain.norm || chain.residual || chain.crossHeadOnly)
    return "expects a plain transform and affine for cross_warp = mma: no "
           "prologue (bhsd merge, split-KV combine, row sums), fused "
           "residual or norm, or cross-head-only chain";
  return "";
}

int64_t mlir::walsh::gpuMmaSharedBytes(int64_t d,
                                       const GpuChainTraits &chain) {
  return 4 * d * (int64_t(chain.mul) + int64_t(chain.add));
}

void mlir::walsh::emitMmaKernel(OpBuilder &b, Location loc,
                                const ::walsh::StageChain &chain,
                                ConfigAttr config, Value x, Value y,
                                Value mul, Value add) {
  MmaEmitter(b, loc, chain, config).emit(x, y, mul, add);
}
