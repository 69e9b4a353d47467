//===- HmMmaKernel.cpp - cross_warp = mma with pairs: H_m on tensors ----===//
//
// The kernel body for #walsh.config's cross_warp = mma with vector_width =
// 2 (ConfigAttr::hmTensorCores) on 16-bit rows of d = m * P with a dense
// factor m and P = 2^k >= 8 (fp32 rows to P = 64: below), one warp a row
// (or past P = 32 up to eight), both factors on tensor cores. Past P = 64 the
// kernel may work on H_m (x) H_{P/64} and 64 positions instead (hmShape: d
// <= 5120, and every P >= 256); below, m and P are the shape it works on. The
// row is the matrix X[j][p] (j the dense index, p the position: element j P +
// p), and
//   Y = H_m X H_P^T
// in two mma.sync.m16n8k16 stages:
//  - stage 1, C = H_m X: A = H_m's 16 x 16 blocks in the storage type
//    (exact, m padded to a multiple of 16 with zero rows and columns), B = X
//    from ldmatrix.x4.trans (k = j, n = p), fp32 accumulators: the lane
//    holds C[i = 16 a + g (+8)][p = 8 n + 2 q (+1)] (lane = 4 g + q).
//  - stage 2, Y = C H_P^T: A = C itself (the accumulators of two n-tiles
//    are an A fragment over k = p), split into bf16 hi + lo (16 bits of
//    mantissa; hi alone for a bf16 output from P = 64, at P = 8 and for m
//    <= 28: stage2Pieces; there from f16 rows to f16 one f16 piece of C /
//    S instead, S its fan-in rounded up to a power of two: f16Piece; from
//    bf16 rows to f16 from P = 64 one tf32 piece by m16n8k8: tf32Stage2;
//    f16 unscaled could overflow), B = H_P^T (Sylvester,
//    computed per lane), both into one fp32 accumulator: the lane holds
//    Y[i][2 q (+1) of each 8 positions]. Past P = 16 each four n-tiles of
//    16-bit output go through the warp's 512-byte staging area (stmatrix,
//    then one 16-byte read back a lane) and out as 16-byte stores; at P <=
//    16 and for fp32 outputs, as 4-byte pairs.
// Past P = 32, H_P = H_{P/32} (x) H_32: the first factor as fp32
// butterflies across chunks of 32 positions between the stages, stage 2 a
// chunk at a time, and the blocks of 16 dense indices a loop (so that one
// block's P / 2 accumulators are live, not m's). At P = 8 stage 1 takes
// ldmatrix.x2.trans and stage 2 is one m16n8k8 mma a piece on stage 1's
// accumulators (16-bit rows; fp32 rows H_8 by xor shuffles).
// Where the sign program (emitBaseProduct) costs 10-15 additions an element
// for m = 36 ... 60, this costs about 13 instructions an element in all (a
// CUDA C++ prototype, benchmarks/data/device-scripts-1330/hm-mma-prototype.cu;
// the compiled kernels: benchmarks/RESULTS.md, 2026-11-30 15:10 UTC).
//
// fp32 rows: X's values are split into bf16 hi + mid + lo (24 bits of
// mantissa: every product with H_m's +-1 exact, three mma a product,
// fp32 sums), and stage 2's C into three pieces too. The row sits in
// shared memory as fp32 (chunkByte's swizzle for 4-byte values); a lane
// loads its fragment's values one ld.shared.f32 each (loadWideB), H_m's
// fragments stay in shared memory at every P (the registers go to X's
// pieces), and fp32 pairs go out without the staging area.
//
// The row goes to shared memory by cp.async (16 bytes a copy), two buffers
// a warp: the next row's copy flies while this one is transformed. A
// buffer holds the row padded to 16 ceil(m / 16) dense indices of P
// elements (the padding zeroed once), its 16-byte chunk c of dense index j
// at chunk c ^ ((j / max(1, 64 / P)) % min(8, P / 8)), so that ldmatrix's
// eight rows fall in distinct banks. H_m's fragments are a module constant
// (every lane's words), loaded once into registers at P <= 32, copied into
// shared memory past it; a * scale and b as fp32 from shared tables in the
// order the lanes read them (8-byte loads; where X's fragments are read
// again for each block, a and b in the storage type, 4-byte loads), filled
// once a block.
//
// Blocks take row groups bid, bid + G, ... (rows_per_block rows of one
// warp, or past P = 32 of W warps taking the blocks of 16 dense indices in
// turn, a named barrier a row), as the other mma kernels do.
//
//===----------------------------------------------------------------------===//
#include "walsh/Conversion/Passes.h"

#include "walsh/Analysis/StageChain.h"
#include "walsh/Dialect/Walsh/IR/Walsh.h"
#include "walsh/Hadamard/Hadamard.h"

#include "MmaBuilder.h"

#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/IR/Builders.h"

#include <array>
#include <type_traits>

using namespace mlir;

namespace {

/// X's fragments are kept in registers (read once a row, not again for each
/// block of 16 dense indices) where they take at most this many.
/// H200, 2026-11-30 (run126, run132, 65536 rows, bf16): 3840 0.72 -> 0.84
/// (64 registers), folded 4608 and 5120 0.66 / 0.63 -> 0.82 (80, eight rows
/// a block); at 96 and 112 (5632 ... 7168) ptxas spilled and four rows a
/// block ran 0.50-0.65 either way.
constexpr int64_t kHmCachedFragmentRegisters = 80;

/// Whether X's fragments for m dense indices (padded to blocks of 16) over
/// P > 32 positions fit kHmCachedFragmentRegisters: a k-step's ldmatrix.x4
/// gives four registers a lane for each 16 positions (fp32 rows: three
/// times that, X as bf16 hi + mid + lo).
bool hmCachesX(int64_t m, int64_t P, int64_t pieces = 1) {
  return (m + 15) / 16 * (P / 16) * 4 * pieces <= kHmCachedFragmentRegisters;
}

/// The matrix shape the kernel works on for d = m * P. Past P = 64 the
/// Sylvester factor H_{P/64} may join the dense factor: H_P = H_{P/64} (x)
/// H_64, so element j P + p is dense index j P / 64 + p / 64 (of H_m (x)
/// H_{P/64}) at position p % 64, and a block of 16 dense indices keeps 32
/// accumulators a lane rather than P / 2 (at P = 128: 255 registers). The
/// kernel folds where X's fragments then fit kHmCachedFragmentRegisters (d
/// <= 5120: at P = 128 both forms spill or read X again, and folded 5632
/// and 7680 ran 0.60 and 0.47 against 0.65 and 0.54, H200 run132) and past
/// 128, where it has no other form.
struct HmShape {
  int64_t m, P, fold;
};
HmShape hmShape(int64_t m, int64_t P) {
  int64_t fold = P / 64;
  if (P <= 64 || (P == 128 && !hmCachesX(m * fold, 64)))
    fold = 1;
  return {m * fold, P / fold, fold};
}

/// The kernel's shared memory: the affine tables (a * scale, then b, as
/// present: IT PN 2 32 fp32 pairs each; or a and b in the storage type),
/// past P = 32 H_m's fragments (IT^2 32 lanes' four words), then each
/// row's two buffers. Past P = 32 X's fragments are kept in registers where
/// they fit kHmCachedFragmentRegisters; where they do not, every block of
/// 16 dense indices reads them again from shared memory, whose wavefronts
/// then hold the kernel (ncu, H200 run136: 7168 0.22 an element against
/// 3840's 0.10), and the tables hold a and b themselves, half the bytes
/// (the scale multiplies the transform in fp32). H200, 2026-11-30 (run137,
/// walsh-gpu, every kernel checked, two passes), 65536 rows (16384), bf16
/// and f16 alike: 5632 0.71-0.72 -> 0.75 (0.69 -> 0.72), 6656 0.56 -> 0.60
/// (0.54 -> 0.59), 7168 0.58 -> 0.63 (0.56 -> 0.60), 7680 0.63 -> 0.67
/// (0.59-0.60 -> 0.64-0.65); where X's fragments stay in registers the
/// multiply cost more than the bytes saved (704 0.90 -> 0.87-0.88, 960 0.89
/// -> 0.84, 1920 0.87-0.88 -> 0.84, 3328 0.77-0.78 -> 0.73-0.74, 5120 0.82
/// -> 0.77; 3840 and 4608 within 0.01).
struct HmLayout {
  int64_t IT, PN, tableBytes, tables, fragments, rowBytes, buffers, staging;
  bool cachedX, tables16;
  int64_t total() const { return tables + fragments + buffers + staging; }
};
/// From P = 16 each warp stages its output through 512 bytes of shared
/// memory (8 rows of 32 positions, or at P = 16 16 rows of 16), so that a
/// lane stores 16 bytes (HmMmaEmitter::storeStaged, storeStaged16).
constexpr int64_t kStagingBytes = 512;
HmLayout hmLayout(int64_t m, int64_t P, int64_t rows, int64_t warps, bool mul,
                  bool add, int64_t storageBytes) {
  HmLayout s;
  bool wide = storageBytes == 4;
  s.IT = (m + 15) / 16;
  s.PN = P / 8;
  s.cachedX = hmCachesX(m, P, wide ? 3 : 1);
  s.tables16 = P > 32 && !s.cachedX && !wide;
  s.tableBytes = s.IT * s.PN * 2 * 32 * (s.tables16 ? 4 : 8);
  s.tables = s.tableBytes * (int64_t(mul) + int64_t(add));
  // (fp32 rows: in shared memory at every P, for the registers of X's
  // three pieces.)
  s.fragments = P > 32 || wide ? s.IT * s.IT * 32 * 16 : 0;
  s.rowBytes = s.IT * 16 * P * storageBytes;
  s.buffers = rows * 2 * s.rowBytes;
  // Not at m = 44 over 16 positions (d = 704: 0.89-0.91 -> 0.88 of the
  // copy roofline at 65536 rows, run153, where every other m x 16 gained:
  // 320 0.80-0.82 -> 0.86-0.87, 448 0.80-0.81 -> 0.89-0.92, 576 0.84-0.86
  // -> 0.89-0.92, 832 0.90 -> 0.90-0.92, 960 0.89-0.90 -> 0.90-0.91).
  // (fp32 rows store fp32 pairs, whole 32-byte sectors a warp's row.)
  bool staged = !wide && (P >= 32 || (P == 16 && m != 44));
  s.staging = staged ? warps * kStagingBytes : 0;
  return s;
}

class HmMmaEmitter : mlir::walsh::detail::MmaBuilder {
  /// X's B fragments for one k-step and 16 positions (loadB): one set of
  /// four words, or for fp32 rows three (bf16 hi, mid, lo).
  using XFrag = SmallVector<std::array<Value, 4>, 1>;

public:
  HmMmaEmitter(OpBuilder &b, Location loc, const ::walsh::StageChain &chain,
               mlir::walsh::ConfigAttr config)
      : MmaBuilder(b, loc, chain) {
    HmShape shape = hmShape(chain.factors.m, int64_t(1) << chain.factors.k);
    m0 = chain.factors.m;
    m = shape.m;
    P = shape.P;
    fold = shape.fold;
    R = config.getRowsPerBlock();
    W = config.getThreadsPerRow() / 32;
    rowsAhead = config.getRowIters();
    eb = storage.getIntOrFloatBitWidth() / 8;
    layout = hmLayout(m, P, R, R * W, chain.mulArg >= 0, chain.addArg >= 0, eb);
    IT = layout.IT;
    KS = IT;
    PN = layout.PN;
    PK = std::max<int64_t>(1, P / 16); // (P = 8: one half-step)
    P2 = std::min<int64_t>(P, 32);
    PN2 = P2 / 8;
    PK2 = P2 / 16;
    D = m * P;
    if (f16Piece())
      pieceScale = double(llvm::PowerOf2Ceil(uint64_t(m * (P / P2))));
    outScale = chain.scale * pieceScale;
  }

  void emit(Value x, Value y, Value mul, Value add) {
    Value tid = b.create<gpu::ThreadIdOp>(loc, gpu::Dimension::x);
    Value bid = b.create<gpu::BlockIdOp>(loc, gpu::Dimension::x);
    Value grid = b.create<gpu::GridDimOp>(loc, gpu::Dimension::x);
    lane = b.create<arith::RemUIOp>(loc, tid, index(32));
    Value warp = b.create<arith::DivUIOp>(loc, tid, index(32));
    // The row's slot in the block, the warp's place in the row (W warps a
    // row take its blocks of 16 dense indices in turn) and the thread's.
    slotOfRow = b.create<arith::DivUIOp>(loc, warp, index(W));
    warpInRow = b.create<arith::RemUIOp>(loc, warp, index(W));
    rowLane = b.create<arith::RemUIOp>(loc, tid, index(W * 32));
    g = b.create<arith::ShRUIOp>(loc, lane, index(2));
    q = b.create<arith::AndIOp>(loc, lane, index(3));
    Value rows = b.create<memref::DimOp>(loc, x, 0);

    auto ws = gpu::AddressSpaceAttr::get(b.getContext(),
                                         gpu::AddressSpace::Workgroup);
    Value raw = b.create<gpu::DynamicSharedMemoryOp>(
        loc, MemRefType::get({ShapedType::kDynamic}, b.getI8Type(),
                             MemRefLayoutAttrInterface(), ws));
    hasMul = bool(mul);
    hasAdd = bool(add);
    tableType = layout.tables16 ? storage : f32;
    tableUnit = layout.tables16 ? 2 : 4;
    if (layout.tables)
      table = b.create<memref::ViewOp>(
          loc,
          MemRefType::get({layout.tables / tableUnit}, tableType,
                          MemRefLayoutAttrInterface(), ws),
          raw, index(0), ValueRange{});
    auto sharedPtr = LLVM::LLVMPointerType::get(b.getContext(), 3);
    // This row's two buffers.
    Value mine =
        b.create<arith::AddIOp>(loc, index(layout.tables + layout.fragments),
                                mulc(slotOfRow, 2 * layout.rowBytes));
    if (layout.fragments)
      fragView = b.create<memref::ViewOp>(
          loc,
          MemRefType::get({layout.fragments / 4}, i32,
                          MemRefLayoutAttrInterface(), ws),
          raw, index(layout.tables), ValueRange{});
    bufPtr = mlir::walsh::emitAddressAt(
        b, loc, b.create<memref::ExtractAlignedPointerAsIndexOp>(loc, raw),
        mine, sharedPtr);
    bufAddr = b.create<LLVM::PtrToIntOp>(loc, i32, bufPtr);
    if (layout.staging) {
      Value at = b.create<arith::AddIOp>(
          loc, index(layout.tables + layout.fragments + layout.buffers),
          mulc(warp, kStagingBytes));
      stagingAddr = b.create<LLVM::PtrToIntOp>(
          loc, i32,
          mlir::walsh::emitAddressAt(
              b, loc,
              b.create<memref::ExtractAlignedPointerAsIndexOp>(loc, raw), at,
              sharedPtr));
    }

    // The padding rows (dense indices m .. 16 IT - 1) of both buffers: zero.
    int64_t padChunks = (IT * 16 - m) * P * eb / 16;
    auto zero16 = b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(VectorType::get({16}, b.getI8Type()),
                                    b.getI8IntegerAttr(0)));
    for (int64_t buf = 0; buf < 2; ++buf)
      forLaneChunks(padChunks, [&](Value c) {
        Value at =
            sum({mine, index(buf * layout.rowBytes + m * P * eb), mulc(c, 16)});
        b.create<vector::StoreOp>(loc, zero16, raw, ValueRange{at});
      });
    if (hasMul || hasAdd)
      fillTables(tid, mul, add);
    Value hmBase = hmGlobal();
    if (layout.fragments)
      fillFragments(tid, hmBase);
    b.create<gpu::BarrierOp>(loc);

    if (!layout.fragments)
      loadHmFragments(hmBase);
    hpFragments();

    Value count = mlir::walsh::emitRowGroupCount(b, loc, rows, R, bid, grid);
    auto rowOf = [&](Value group) {
      return rowOfGroup(group, R, slotOfRow, rows);
    };
    // Each lane's chunks of a row: source byte offsets (the same for every
    // row) and destination bytes within a buffer (swizzled).
    auto copyRow = [&](Value group, Value buf) {
      auto [row, valid] = rowOf(group);
      auto [xBase, rowStart] = rowStartOf(x, row, valid);
      Value rowByte = mulc(rowStart, eb);
      auto global = LLVM::LLVMPointerType::get(b.getContext(), 1);
      Value bufByte =
          b.create<arith::IndexCastOp>(loc, i32, mulc(buf, layout.rowBytes));
      int64_t perIndex = P * eb / 16; // chunks of a dense index
      forLaneChunks(D * eb / 16, [&](Value c) {
        Value src = mlir::walsh::emitAddressAt(
            b, loc, xBase, b.create<arith::AddIOp>(loc, rowByte, mulc(c, 16)),
            global);
        Value j = b.create<arith::DivUIOp>(loc, c, index(perIndex));
        Value cc = b.create<arith::RemUIOp>(loc, c, index(perIndex));
        Value dstOff =
            b.create<arith::AddIOp>(loc, bufByte, toI32(chunkByte(j, cc)));
        Value dst = b.create<LLVM::GEPOp>(
            loc, LLVM::LLVMPointerType::get(b.getContext(), 3), b.getI8Type(),
            bufPtr, ValueRange{dstOff});
        b.create<NVVM::CpAsyncOp>(
            loc, dst, src, b.getI32IntegerAttr(16),
            NVVM::LoadCacheModifierKindAttr::get(
                b.getContext(), NVVM::LoadCacheModifierKind::CG),
            Value());
      });
      b.create<NVVM::CpAsyncCommitGroupOp>(loc);
    };
    // The first row group's copies after the fills, not before: issued
    // first they kept their addresses' registers through the fills (d =
    // 704: 125 -> 128 registers, 0.90 -> 0.86-0.87 of the copy roofline
    // at 65536 rows), and the fills unrolled gained alone (run346:
    // 16384 rows, 3328 bf16 0.85 -> 0.88, 7680 0.88 -> 0.90, fp32 960
    // 0.87 -> 0.90).
    copyRow(bid, index(0));
    auto loop = b.create<scf::ForOp>(loc, index(0), count, index(1));
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value it = loop.getInductionVar();
      Value group = b.create<arith::AddIOp>(
          loc, bid, b.create<arith::MulIOp>(loc, it, grid));
      // From 'row_iters' = 2: the group that many grids on into L2.
      if (rowsAhead > 1) {
        auto [row, valid] = rowOf(b.create<arith::AddIOp>(
            loc, group,
            b.create<arith::MulIOp>(loc, grid, index(rowsAhead))));
        prefetchRowL2(x, row, valid, D, eb, rowLane, 32 * W);
      }
      // Every lane is past its reads of the buffer the next copy refills.
      syncRow();
      Value nextBuf = b.create<arith::AndIOp>(
          loc, b.create<arith::AddIOp>(loc, it, index(1)).getResult(),
          index(1));
      copyRow(b.create<arith::AddIOp>(loc, group, grid), nextBuf);
      b.create<NVVM::CpAsyncWaitGroupOp>(loc, 1);
      // The row's copies, by every lane, are visible to the row's warps.
      syncRow();
      Value buf = b.create<arith::AndIOp>(loc, it, index(1));
      Value rowAddr = b.create<arith::AddIOp>(
          loc, bufAddr,
          b.create<arith::IndexCastOp>(loc, i32, mulc(buf, layout.rowBytes)));
      std::vector<std::vector<SmallVector<Value>>> c1;
      if (P <= 32)
        c1 = stage1(rowAddr);
      auto [row, valid] = rowOf(group);
      auto ifValid = b.create<scf::IfOp>(loc, valid, /*withElse=*/false);
      OpBuilder::InsertionGuard inner(b);
      b.setInsertionPointToStart(&ifValid.getThenRegion().front());
      transformRow(rowAddr, y, row, P <= 32 ? &c1 : nullptr);
    }
    b.create<NVVM::CpAsyncWaitGroupOp>(loc, 0);
  }

private:
  /// A barrier of the row's threads: its warp, or with W warps a row named
  /// barrier 1 + the row's slot over 32 W threads.
  void syncRow() {
    if (W == 1) {
      asmOp(Type(), ValueRange{}, "bar.warp.sync -1;", "~{memory}",
            /*sideEffects=*/true);
      return;
    }
    Value id = b.create<arith::AddIOp>(loc, toI32(slotOfRow), i32c(1));
    asmOp(Type(), ValueRange{id},
          "bar.sync $0, " + std::to_string(32 * W) + ";", "r,~{memory}",
          /*sideEffects=*/true);
  }
  /// f(c) for chunks c = t, t + 32 W, ... < n (t the thread's place in its
  /// row); the last round under a condition where 32 W does not divide n.
  void forLaneChunks(int64_t n, llvm::function_ref<void(Value)> f) {
    forStrided(rowLane, n, 32 * W, f, /*mostUnrolled=*/n);
  }
  /// fp32 rows: the chunk swizzle of dense index j from half = j / 2,
  /// 2 (half % 4) within the row's P / 4 chunks.
  Value wideSwizzle(Value half) {
    return b.create<arith::AndIOp>(
        loc, mulc(b.create<arith::AndIOp>(loc, half, index(3)), 2),
        index(P / 4 - 1));
  }
  /// The byte, within a buffer, of 16-byte chunk c of dense index j. fp32
  /// rows: chunk c ^ 2 ((j / 2) % 4) (within the row's P / 4 chunks), so
  /// that a B fragment's four dense indices 2 q (+1, +8, +9) over eight
  /// positions fall in distinct banks from P = 32 (two ways at 8 and 16).
  Value chunkByte(Value j, Value c) {
    if (eb == 4) {
      Value half = b.create<arith::ShRUIOp>(loc, j, index(1));
      Value at = b.create<arith::XOrIOp>(loc, c, wideSwizzle(half));
      return sum({mulc(j, P * 4), mulc(at, 16)});
    }
    Value swz = b.create<arith::RemUIOp>(
        loc,
        b.create<arith::DivUIOp>(loc, j, index(std::max<int64_t>(1, 64 / P)))
            .getResult(),
        index(std::min<int64_t>(8, P / 8)));
    Value at = b.create<arith::XOrIOp>(loc, c, swz);
    return sum({mulc(j, P * 2), mulc(at, 16)});
  }

  /// H_m's (or H_m^T's) A fragments as a module constant (hmFragments).
  Value hmGlobal() { return hmFragments(m0, fold, IT, KS, fragF16()); }
  /// The fragments into registers (P <= 32: all of H_m's for the kernel).
  void loadHmFragments(Value base) {
    hm = fragmentRegisters(base, IT * KS, lane);
  }
  /// H_P^T's B fragments (k = p, n = q, H_P symmetric) per (pk, qn):
  /// entries (q = 8 qn + g, p = 16 pk + 2 q' (+1), +8 (+9)) in bf16; for
  /// tf32Stage2 the lane's two fp32 signs and their negations.
  void hpFragments() {
    Value gi = toI32(g), qi = toI32(q);
    auto sign = [&](Value i, int64_t iPlus, Value j, int64_t jPlus) {
      Value ii = b.create<arith::AddIOp>(loc, i, i32c(iPlus));
      Value jj = b.create<arith::AddIOp>(loc, j, i32c(jPlus));
      Value bits = b.create<arith::AndIOp>(loc, ii, jj);
      Value parity = b.create<LLVM::CtPopOp>(loc, i32, bits);
      parity = b.create<arith::AndIOp>(loc, parity, i32c(1));
      return b.create<arith::OrIOp>(
          loc, i32c(f16Piece() ? 0x3C00 : 0x3F80),
          b.create<arith::ShLIOp>(loc, parity, i32c(15)).getResult());
    };
    Value q2 = b.create<arith::ShLIOp>(loc, qi, i32c(1));
    if (tf32Stage2()) {
      // H_P2's entry (8 qn + g, 8 t + 2 q + e) is sign (qn & t) times
      // sign (g & (2 q + e)): the lane's two fp32 +-1 (e = 0, 1) and their
      // negations; stage2 picks by (qn, t), known here.
      // (sign's bf16 +-1 in the high half is the fp32 one.)
      for (int64_t e = 0; e < 2; ++e)
        hp.push_back(
            b.create<arith::ShLIOp>(loc, sign(gi, 0, q2, e), i32c(16)));
      for (int64_t e = 0; e < 2; ++e)
        hp.push_back(
            b.create<arith::XOrIOp>(loc, hp[size_t(e)], i32c(0x80000000u)));
      return;
    }
    if (P == 8) {
      // m16n8k8's B: entries (k = 2 q (+1), n = g).
      Value lo = sign(gi, 0, q2, 0);
      Value hi = sign(gi, 0, q2, 1);
      hp.push_back(b.create<arith::OrIOp>(
          loc, lo, b.create<arith::ShLIOp>(loc, hi, i32c(16)).getResult()));
      return;
    }
    for (int64_t pk = 0; pk < PK2; ++pk)
      for (int64_t qn = 0; qn < PN2; ++qn)
        for (int64_t half = 0; half < 2; ++half) {
          int64_t p0 = 16 * pk + 8 * half;
          Value lo = sign(gi, 8 * qn, q2, p0);
          Value hi = sign(gi, 8 * qn, q2, p0 + 1);
          hp.push_back(b.create<arith::OrIOp>(
              loc, lo, b.create<arith::ShLIOp>(loc, hi, i32c(16)).getResult()));
        }
  }
  /// mma with side effects: mma.sync is warp-wide, and LLVM would otherwise
  /// sink one whose results only lanes g < m % 16 store into their branch
  /// (run122 hung so).
  SmallVector<Value> warpMma(StringRef type, ArrayRef<Value> a, Value b0,
                             Value b1, ArrayRef<Value> c) {
    return mma(type, a, b0, b1, c, /*sideEffects=*/true);
  }
  /// X's B fragments for k-step jk (dense indices 16 jk ..) and positions
  /// 16 pk ..: n-tiles 2 pk (w0, w1) and 2 pk + 1 (w2, w3). 16-bit rows by
  /// ldmatrix.x4.trans; fp32 rows a value a load (the lane's dense indices
  /// 16 jk + 2 q (+1, +8, +9) at position 8 n + g), each pair as bf16 hi +
  /// mid + lo (24 bits of mantissa: the products exact, fp32 sums).
  XFrag loadB(Value rowAddr, int64_t jk, int64_t pk) {
    if (eb == 4)
      return loadWideB(rowAddr, jk, pk);
    return {loadB16(rowAddr, jk, pk)};
  }
  /// fp32 rows: the byte of (j, p) = (16 jk + r' + 2 q, 16 pk + 8 h + g)
  /// (r' = 0, 1, 8, 9) in a buffer, chunkByte's, is r' 4 P + (K & ~6) 16 +
  /// lane term K & 6 (K = 4 pk + 2 h; the swizzle, 2 (q % 4) within the
  /// row's chunks, touches only K's bits 1 and 2): 2 q 4 P + ((K & 6) ^
  /// swz + g / 4) 16 + (g % 4) 4. From P = 32 four lane terms, computed
  /// once, so that every load is a register and an immediate: an address
  /// a load held 128 64-bit registers at d = 3840 and spilled, and H200
  /// run172 (walsh-gpu, two passes, 65536 rows) timed 1664 0.83 -> 0.90 of
  /// the copy roofline, 3840 0.31 -> 0.51; but at P = 16 960 0.94 -> 0.84
  /// (P = 8 within 0.02 either way), so below 32 an address a load.
  Value wideLaneTerm(int64_t t) {
    if (wideLane.empty()) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointAfterValue(q);
      // (j / 2 = 8 jk + 4 (r' >> 3) + q: its swizzle is q's.)
      Value swz = wideSwizzle(q);
      Value gHigh = b.create<arith::ShRUIOp>(loc, g, index(2));
      Value gLow = mulc(b.create<arith::AndIOp>(loc, g, index(3)), 4);
      for (int64_t k = 0; k < 8; k += 2) {
        Value chunk = b.create<arith::AddIOp>(
            loc, b.create<arith::XOrIOp>(loc, index(k), swz), gHigh);
        wideLane.push_back(
            toI32(sum({mulc(q, 2 * P * 4), mulc(chunk, 16), gLow})));
      }
    }
    return wideLane[size_t(t / 2)];
  }
  XFrag loadWideB(Value rowAddr, int64_t jk, int64_t pk) {
    auto sharedPtr = LLVM::LLVMPointerType::get(b.getContext(), 3);
    XFrag w(3);
    for (int64_t h = 0; h < (P == 8 ? 1 : 2); ++h) {
      int64_t K = 4 * pk + 2 * h;
      Value base =
          P >= 32 ? b.create<arith::AddIOp>(loc, rowAddr, wideLaneTerm(K & 6))
                  : Value();
      Value p = sum({index(16 * pk + 8 * h), g});
      Value x[4];
      for (int64_t r = 0; r < 4; ++r) {
        int64_t j0 = 16 * jk + (r & 1) + 8 * (r >> 1);
        Value at;
        if (base) {
          at = b.create<arith::AddIOp>(
              loc, base, i32c(j0 * P * 4 + (K & ~int64_t(6)) * 16));
        } else {
          Value j = b.create<arith::AddIOp>(loc, index(j0), mulc(q, 2));
          Value byte = b.create<arith::AddIOp>(
              loc, chunkByte(j, b.create<arith::ShRUIOp>(loc, p, index(2))),
              mulc(b.create<arith::AndIOp>(loc, p, index(3)), 4));
          at = b.create<arith::AddIOp>(loc, rowAddr, toI32(byte));
        }
        Value ptr = b.create<LLVM::IntToPtrOp>(loc, sharedPtr, at);
        x[r] = b.create<LLVM::LoadOp>(loc, f32, ptr);
      }
      for (int64_t half = 0; half < 2; ++half) {
        SmallVector<Value> words = splitPair(x[2 * half], x[2 * half + 1], 3);
        for (int64_t piece = 0; piece < 3; ++piece)
          w[size_t(piece)][size_t(2 * h + half)] = words[size_t(piece)];
      }
    }
    return w;
  }
  std::array<Value, 4> loadB16(Value rowAddr, int64_t jk, int64_t pk) {
    Value mtx = b.create<arith::ShRUIOp>(loc, lane, index(3));
    Value rr = b.create<arith::AndIOp>(loc, lane, index(7));
    Value mlow = b.create<arith::AndIOp>(loc, mtx, index(1));
    Value mhigh = b.create<arith::ShRUIOp>(loc, mtx, index(1));
    auto resultType =
        LLVM::LLVMStructType::getLiteral(b.getContext(), {i32, i32, i32, i32});
    // Matrices (j 0-7, p 0-7), (j 8-15, p 0-7), (j 0-7, p 8-15), (j 8-15,
    // p 8-15) of this k-step and block of 16 positions.
    Value j = sum({index(jk * 16), mulc(mlow, 8), rr});
    Value c = b.create<arith::AddIOp>(loc, index(pk * 2), mhigh);
    Value addr = b.create<arith::AddIOp>(loc, rowAddr, toI32(chunkByte(j, c)));
    std::array<Value, 4> w;
    if (P == 8) {
      // Only the first two matrices (8 positions): lanes 0-15's addresses.
      auto two = LLVM::LLVMStructType::getLiteral(b.getContext(), {i32, i32});
      Value bx = asmOp(
          two, ValueRange{addr},
          "ldmatrix.sync.aligned.m8n8.x2.trans.shared.b16 {$0, $1}, [$2];",
          "=r,=r,r,~{memory}", /*sideEffects=*/true);
      for (int64_t i = 0; i < 2; ++i)
        w[size_t(i)] = b.create<LLVM::ExtractValueOp>(loc, bx, i);
      return w;
    }
    Value bx = asmOp(
        resultType, ValueRange{addr},
        "ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {$0, $1, $2, $3}, "
        "[$4];",
        "=r,=r,=r,=r,r,~{memory}", /*sideEffects=*/true);
    for (int64_t i = 0; i < 4; ++i)
      w[size_t(i)] = b.create<LLVM::ExtractValueOp>(loc, bx, i);
    return w;
  }
  /// Past P = 32 the fragments into shared memory (copyFragments).
  void fillFragments(Value tid, Value base) {
    copyFragments(tid, R * W * 32, base, IT * KS, fragView);
  }
  /// H_m's A fragments for block a (16 a ..) and k-step jk: the
  /// registers' (P <= 32), or one 16-byte load from shared memory.
  template <typename Block>
  SmallVector<Value, 4> fragmentsOf(Block a, int64_t jk) {
    if (!layout.fragments) {
      if constexpr (std::is_same_v<Block, int64_t>) {
        auto first = hm.begin() + (a * KS + jk) * 4;
        return SmallVector<Value, 4>(first, first + 4);
      }
      llvm_unreachable("H_m's fragments in registers need a known block");
    }
    Value at;
    if constexpr (std::is_same_v<Block, int64_t>)
      at = b.create<arith::AddIOp>(loc, index((a * KS + jk) * 128),
                                   mulc(lane, 4));
    else
      at = sum({mulc(a, KS * 128), index(jk * 128), mulc(lane, 4)});
    Value v = b.create<vector::LoadOp>(loc, VectorType::get({4}, i32), fragView,
                                       ValueRange{at});
    SmallVector<Value, 4> out;
    for (int64_t i = 0; i < 4; ++i)
      out.push_back(b.create<vector::ExtractOp>(loc, v, i));
    return out;
  }
  /// acc[2 pk + h] += A w (n-tile h of loadB's, each of its pieces), A a
  /// block of H_m's fragments (fragmentsOf).
  void stage1Step(ArrayRef<Value> av, int64_t pk, XFrag &w,
                  std::vector<SmallVector<Value>> &acc) {
    for (int64_t h = 0; h < (P == 8 ? 1 : 2); ++h) {
      SmallVector<Value> &c = acc[size_t(2 * pk + h)];
      for (std::array<Value, 4> &piece : w)
        c = warpMma(fragF16() ? "f16" : "bf16", av, piece[size_t(2 * h)],
                    piece[size_t(2 * h + 1)], c);
    }
  }

  /// Stage 1 for P <= 32: c1[a][n] (n-tile n of 8 positions) = H_m X for
  /// the row in the buffer at shared address `rowAddr`, every block a at
  /// once (X's fragments read once).
  std::vector<std::vector<SmallVector<Value>>> stage1(Value rowAddr) {
    std::vector<std::vector<SmallVector<Value>>> c1(
        static_cast<size_t>(IT),
        std::vector<SmallVector<Value>>(static_cast<size_t>(PN)));
    for (int64_t jk = 0; jk < KS; ++jk)
      for (int64_t pk = 0; pk < PK; ++pk) {
        XFrag w = loadB(rowAddr, jk, pk);
        for (int64_t a = 0; a < IT; ++a)
          stage1Step(fragmentsOf(a, jk), pk, w, c1[size_t(a)]);
      }
    return c1;
  }

  /// The transform and stores of one row: for P <= 32 stage 1 for every
  /// block a of 16 dense indices, then stage 2 and the stores block by
  /// block; past 32 block by block in a loop (so that a block's P / 2
  /// accumulators are live, not m's; X's fragments read once before it
  /// where they fit in 64 registers, else again for each block), the
  /// butterflies of H_{P/32} across the chunks of 32 positions, stage 2
  /// chunk by chunk.
  void transformRow(Value rowAddr, Value y, Value row,
                    std::vector<std::vector<SmallVector<Value>>> *c1) {
    if (!c1) {
      cachedB.clear();
      if (layout.cachedX)
        for (int64_t jk = 0; jk < KS; ++jk)
          for (int64_t pk = 0; pk < PK; ++pk)
            cachedB.push_back(loadB(rowAddr, jk, pk));
      // A loop over the blocks, so that no two blocks' values are live
      // together (unrolled, ptxas interleaved them: 255 registers); with W
      // warps a row each takes every W-th block.
      auto loop = b.create<scf::ForOp>(loc, warpInRow, index(IT), index(W));
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      transformBlock(loop.getInductionVar(), rowAddr, y, row, nullptr);
      return;
    }
    for (int64_t a = 0; a < IT; ++a)
      transformBlock(a, rowAddr, y, row, &(*c1)[size_t(a)]);
  }
  template <typename Block>
  void transformBlock(Block a, Value rowAddr, Value y, Value row,
                      std::vector<SmallVector<Value>> *stage1Done) {
    std::vector<SmallVector<Value>> c;
    if (stage1Done) {
      c = *stage1Done;
    } else {
      c.resize(static_cast<size_t>(PN));
      for (int64_t jk = 0; jk < KS; ++jk) {
        // (Once a k-step: the mma asm's side effects would keep LLVM from
        // merging loads repeated for each pk.)
        SmallVector<Value, 4> av = fragmentsOf(a, jk);
        for (int64_t pk = 0; pk < PK; ++pk) {
          XFrag w = cachedB.empty() ? loadB(rowAddr, jk, pk)
                                    : cachedB[size_t(jk * PK + pk)];
          stage1Step(av, pk, w, c);
        }
      }
      for (int64_t s = 1; s < P / 32; s <<= 1)
        for (int64_t ch = 0; ch < P / 32; ++ch)
          if (!(ch & s))
            for (int64_t n = 0; n < 4; ++n)
              for (int64_t r = 0; r < 4; ++r) {
                Value &u = c[size_t(ch * 4 + n)][size_t(r)];
                Value &v = c[size_t((ch + s) * 4 + n)][size_t(r)];
                Value sumV = b.create<arith::AddFOp>(loc, u, v);
                Value diff = b.create<arith::SubFOp>(loc, u, v);
                u = sumV;
                v = diff;
              }
    }
    if (P == 8) {
      std::vector<SmallVector<Value>> d2{eb == 2 ? stage2K8(c[0])
                                                 : shuffleH8(c[0])};
      storeBlock(a, 0, d2, y, row);
      return;
    }
    for (int64_t ch = 0; ch < P / P2; ++ch) {
      ArrayRef<SmallVector<Value>> tiles(&c[size_t(ch * PN2)], size_t(PN2));
      std::vector<SmallVector<Value>> d2 = stage2(tiles);
      storeBlock(a, ch * PN2, d2, y, row);
    }
  }
  /// H_8 over the positions at P = 8 by one m16n8k8 mma a piece: stage
  /// 1's accumulators (rows g, g + 8, positions 2 q, 2 q + 1) are its A
  /// fragment as they stand, B = H_8 (symmetric), and the result lands in
  /// the same places. H200, 2026-12-02 (run295, two passes, every kernel
  /// checked), fraction of the copy roofline at 65536 / 16384 rows,
  /// shuffles -> mma: bf16 (one piece) 480 0.85-0.86 / 0.79-0.82 -> 0.90-0.91
  /// / 0.87, 416 0.83-0.84 / 0.80-0.81 -> 0.87-0.88 / 0.86, 352 0.88-0.92 /
  /// 0.83-0.84 -> 0.92 / 0.87-0.93, 160 0.78-0.81 -> 0.87-0.93 / 0.82-0.84,
  /// 96 0.70-0.72 -> 0.79; f16 (hi + lo) 480 0.85-0.87 -> 0.89-0.92, 416
  /// 0.82-0.83 -> 0.85-0.86, 224 0.87-0.88 -> 0.90.
  SmallVector<Value> stage2K8(const SmallVector<Value> &c) {
    SmallVector<Value> w0 = stage2Words(c[0], c[1]);
    SmallVector<Value> w1 = stage2Words(c[2], c[3]);
    SmallVector<Value> d;
    for (size_t piece = 0; piece < w0.size(); ++piece)
      d = mmaK8(f16Piece() ? "f16" : "bf16", w0[piece], w1[piece], hp[0], d,
                /*sideEffects=*/true);
    return d;
  }
  /// H_8 over the positions at P = 8 by shuffles (fp32 rows, where the
  /// three pieces' m16n8k8 lost: run295, 288 0.90-0.91 -> 0.86-0.88, 480
  /// 0.90-0.92 -> 0.85-0.86 of the copy roofline at 65536 rows): the lane
  /// holds rows g, g + 8 at positions 2 q, 2 q + 1 (v[0, 1], v[2, 3]);
  /// position bit 0 in the lane, bits 1 and 2 (q's) by shuffles across
  /// lanes 1 and 2 apart. The result stays where it was.
  SmallVector<Value> shuffleH8(SmallVector<Value> v) {
    for (int64_t r = 0; r < 4; r += 2) {
      Value u = v[size_t(r)], w = v[size_t(r + 1)];
      v[size_t(r)] = b.create<arith::AddFOp>(loc, u, w);
      v[size_t(r + 1)] = b.create<arith::SubFOp>(loc, u, w);
    }
    Value width = b.create<arith::ConstantIntOp>(loc, 32, 32);
    for (int64_t bit : {1, 2}) {
      Value upper = b.create<arith::CmpIOp>(
          loc, arith::CmpIPredicate::ne,
          b.create<arith::AndIOp>(loc, q, index(bit)).getResult(), index(0));
      for (Value &x : v) {
        Value other = b.create<gpu::ShuffleOp>(
                           loc, x, b.create<arith::ConstantIntOp>(loc, bit, 32),
                           width, gpu::ShuffleMode::XOR)
                          .getShuffleResult();
        // The lane with the bit set holds the difference, partner - x.
        Value sumV = b.create<arith::AddFOp>(loc, x, other);
        Value diff = b.create<arith::SubFOp>(loc, other, x);
        x = b.create<arith::SelectOp>(loc, upper, diff, sumV);
      }
    }
    return v;
  }

  /// The pieces stage 2 splits C into: three for fp32 rows; one (C rounded
  /// to bf16 once, an error of the bf16 output's own rounding) for a bf16
  /// output from 2^k = 64 positions on, at 8 and for m <= 28; else two (hi +
  /// lo). H200,
  /// 2026-12-02 (run290, walsh-gpu, two passes, every kernel checked),
  /// fraction of the copy roofline at 65536 / 16384 rows, hi + lo -> hi:
  /// bf16 3328 0.82 / 0.76 -> 0.94 / 0.85, 4608 0.85 / 0.79 -> 0.94 / 0.86,
  /// 6656 0.71 / 0.68 -> 0.80 / 0.75, 7680 0.79 / 0.77 -> 0.86 / 0.82, 5120
  /// 0.91 / 0.84 -> 0.92 / 0.87, 768, 2816, 3840, 5632 within 0.01 (errors
  /// 2.2-2.7e-3 -> 2.8-3.4e-3). At 16 and 32 positions (run292) it won for
  /// m <= 28 (320 0.89 / 0.84-0.87 -> 0.93 / 0.88-0.89, 640 0.91 / 0.85 ->
  /// 0.94-0.95 / 0.90, 448 0.92-0.93 / 0.87-0.90 -> 0.93 / 0.90-0.92, 384
  /// and 896 level) and lost or drew past it (960 0.91-0.92 -> 0.87, 1152
  /// 0.93 -> 0.86, 1920 0.93 -> 0.89 at 65536 rows; 1408 0.92 -> 0.94, 576,
  /// 704, 832, 1664 level). f16 rows to f16 take one f16 piece where bf16
  /// takes one (f16Piece); bf16 rows to f16 keep hi + lo, from P = 64 as
  /// one tf32 piece instead (tf32Stage2).
  int64_t stage2Pieces() const {
    if (eb == 4)
      return 3;
    if (f16Piece())
      return 1;
    return outStorage.isBF16() && (P >= 64 || P == 8 || m <= 28) ? 1 : 2;
  }
  /// Stage 2 from one f16 piece for f16 rows to an f16 output where a bf16
  /// output takes one bf16 piece (P >= 64, P = 8, m <= 28): f16(C / S), S
  /// the power of two at or past C's fan-in (m P / P2 values of X summed,
  /// so |C| / S <= max|x| and no f16 row overflows it), B = H_P2 in f16, and
  /// S in the output scale (outScale). One m16n8k16 mma a tile where hi +
  /// lo took two and tf32 two m16n8k8. (C / S below f16's normal range,
  /// 6.1e-5, keeps fewer bits: rows of values about 1e-3 or smaller lose
  /// precision the tf32 piece kept; README, "Stage 2 as one f16 piece".)
  /// H200, 2026-12-03 (run364, walsh run side
  /// by side, two passes, every kernel checked on 257 rows), fraction of
  /// the copy roofline at 65536 / 16384 rows, the old stage 2 -> this: 6656
  /// 0.72-0.77 / 0.75-0.76 -> 0.78-0.83 / 0.81-0.82, 4608 0.87-0.89 / 0.84
  /// -> 0.92 / 0.86, 3328 0.91-0.92 / 0.85-0.86 -> 0.94 / 0.88-0.89, 768
  /// 0.90-0.91 -> 0.94-0.96, 640 0.90-0.92 / 0.84-0.85 -> 0.94 / 0.87, 320
  /// 0.86 / 0.84-0.85 -> 0.89-0.90 / 0.85-0.86, 480 0.90-0.95 / 0.83-0.87
  /// -> 0.92-0.93 / 0.88-0.89; 3584, 3840, 5120, 2816, 352, 896 level;
  /// errors 2.0-4.6e-4 -> 2.6-5.2e-4 (an f16 output's rounding is 2.4e-4).
  bool f16Piece() const {
    return eb == 2 && storage.isF16() && outStorage.isF16() &&
           (P >= 64 || P == 8 || m <= 28);
  }
  /// C's pair (x0 low, x1 high) as stage 2's A words: stage2Pieces() bf16
  /// pieces (splitPair) or the one f16 piece.
  SmallVector<Value> stage2Words(Value x0, Value x1) {
    if (!f16Piece())
      return splitPair(x0, x1, stage2Pieces());
    Value down = b.create<arith::ConstantOp>(
        loc, b.getF32FloatAttr(float(1.0 / pieceScale)));
    return {packScaledF16(x0, x1, down)};
  }
  /// Stage 2 as one tf32 piece (C rounded to nearest, 10 stored bits of
  /// mantissa as f16 has: an error of the 16-bit output's own rounding;
  /// tf32 keeps fp32's range, so no scale) where it would take bf16 hi +
  /// lo: a 16-bit output (in practice bf16 rows to f16: a bf16 output takes
  /// one bf16 piece here, f16 rows to f16 one f16 piece) from P = 64 on.
  /// The same mma count (m16n8k8 has half the k), a conversion a value
  /// where hi + lo took three, and B = H_P2 from the lane's two signs
  /// (hpFragments). Measured on f16 rows, which take f16Piece since; H200,
  /// 2026-12-02 (run319, walsh-gpu, two passes, every kernel checked),
  /// fraction of the copy roofline at 65536 / 16384 rows,
  /// hi + lo -> tf32: f16 3328 0.82 / 0.75-0.77 -> 0.90-0.91 / 0.82-0.83,
  /// 4608 0.85-0.86 / 0.79 -> 0.91-0.92 / 0.83, 5632 0.82-0.84 / 0.81 ->
  /// 0.85-0.86 / 0.83-0.84, 6656 0.71 / 0.70-0.71 -> 0.75-0.77 / 0.73,
  /// 7680 0.77-0.78 / 0.78-0.79 -> 0.82-0.85 / 0.81-0.82, 5120 +0.015,
  /// 2816 and 3840 level; f16 errors 2.8-4.0e-4 -> 3.6-4.7e-4. Not below
  /// P = 64 (576 ... 1920: as many losses as gains, bf16 and f16 704
  /// 0.89-0.91 -> 0.83-0.84; at P = 8 H_8's m16n8k8 as one tf32 mma, f16
  /// 160 ... 416 level to +0.02, 480 0.89-0.90 -> 0.75, run323), nor for
  /// the tiles' stage 2 (MmaKernel.cpp: 1792 0.91-0.92 -> 0.85-0.86, 2560
  /// 0.90-0.91 -> 0.86-0.87, the rest level). The fp32 bits as they are
  /// (tf32 truncates them: no conversion) ran 0.00-0.05 faster still
  /// (5632 0.90-0.91, 3328 0.93-0.94 at 65536 rows) but doubled the errors
  /// (6-10e-4); half an ulp added to them (an integer add) ran level with
  /// cvt.rna (run320).
  bool tf32Stage2() const {
    return eb == 2 && outIs16() && P >= 64 && stage2Pieces() == 2;
  }
  /// Stage 2 for one block of 16 dense indices and one chunk of P2
  /// positions (its PN2 n-tiles of stage 1): Y = C H_P2^T with C as
  /// stage2Pieces() pieces (one f16 piece: f16Piece), or as one tf32 piece
  /// (tf32Stage2).
  std::vector<SmallVector<Value>> stage2(ArrayRef<SmallVector<Value>> c) {
    std::vector<SmallVector<Value>> d2(static_cast<size_t>(PN2));
    if (tf32Stage2()) {
      // n-tile t's accumulators (rows g, g + 8; positions 8 t + 2 q (+1))
      // are an m16n8k8 tf32 A fragment with k = q for position 2 q and k
      // = q + 4 for 2 q + 1 (B's rows in that order: hpFragments).
      for (int64_t t = 0; t < PN2; ++t) {
        const SmallVector<Value> &u = c[size_t(t)];
        SmallVector<Value> a;
        for (int64_t r : {0, 2, 1, 3})
          a.push_back(asmOp(i32, ValueRange{u[size_t(r)]},
                            "cvt.rna.tf32.f32 $0, $1;", "=r,f"));
        for (int64_t qn = 0; qn < PN2; ++qn) {
          size_t flip = llvm::popcount(uint64_t(qn & t)) & 1 ? 2 : 0;
          d2[size_t(qn)] = mmaTf32(a, hp[flip], hp[flip + 1], d2[size_t(qn)],
                                   /*sideEffects=*/true);
        }
      }
      return d2;
    }
    for (int64_t pk = 0; pk < PK2; ++pk) {
      const SmallVector<Value> &u = c[size_t(2 * pk)];
      const SmallVector<Value> &v = c[size_t(2 * pk + 1)];
      Value w[8] = {u[0], u[1], u[2], u[3], v[0], v[1], v[2], v[3]};
      // A as bf16 hi + lo (16 bits of mantissa), hi alone, or for fp32
      // rows hi + mid + lo (all 24).
      SmallVector<SmallVector<Value>> as(static_cast<size_t>(stage2Pieces()));
      for (int64_t r = 0; r < 4; ++r) {
        SmallVector<Value> words = stage2Words(w[2 * r], w[2 * r + 1]);
        for (size_t piece = 0; piece < as.size(); ++piece)
          as[piece].push_back(words[piece]);
      }
      for (int64_t qn = 0; qn < PN2; ++qn) {
        Value b0 = hp[size_t((pk * PN2 + qn) * 2)];
        Value b1 = hp[size_t((pk * PN2 + qn) * 2 + 1)];
        for (SmallVector<Value> &a : as)
          d2[size_t(qn)] =
              warpMma(f16Piece() ? "f16" : "bf16", a, b0, b1, d2[size_t(qn)]);
      }
    }
    return d2;
  }

  /// y[i][8 qn + 2 q (+1)] = a s Y + b for block a's rows i = 16 a + g (+8)
  /// and n-tiles qn = qnBase + n of stage 2's d2[n].
  /// (a: a block number, or its index value in the loop past P = 32, where
  /// every row is checked against m at run time.)
  template <typename Block>
  void storeBlock(Block a, int64_t qnBase, std::vector<SmallVector<Value>> &d2,
                  Value y, Value row) {
    constexpr bool known = std::is_same_v<Block, int64_t>;
    if (layout.staging && d2.size() == 2 && outIs16()) {
      storeStaged16(a, d2, y, row);
      return;
    }
    for (int64_t h = 0; h < 2; ++h) {
      // Row i = 16 a + g + 8 h: past m for some lanes in the last block.
      int64_t left = 8; // lanes with g < left hold one
      Value i;
      if constexpr (known) {
        left = m - 16 * a - 8 * h;
        if (left <= 0)
          continue;
      } else {
        i = sum({mulc(a, 16), g, index(8 * h)});
        left = 0;
      }
      Value valid =
          left >= 8 ? Value()
          : known   ? b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, g,
                                            index(left))
                    : b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, i,
                                            index(m));
      if (layout.staging && d2.size() % 4 == 0 && outIs16()) {
        if constexpr (known)
          i = b.create<arith::AddIOp>(loc, g, index(16 * a + 8 * h));
        storeStaged(a, qnBase, d2, h, y, row, i, valid);
        continue;
      }
      storeWhere(valid, [&] {
        if constexpr (known)
          i = b.create<arith::AddIOp>(loc, g, index(16 * a + 8 * h));
        for (int64_t n = 0; n < int64_t(d2.size()); ++n) {
          int64_t qn = qnBase + n;
          Value col = sum({mulc(i, P), index(8 * qn), mulc(q, 2)});
          if (outIs16()) {
            Value v = b.create<vector::BitCastOp>(
                loc, VectorType::get({2}, outStorage),
                vectorOf(VectorType::get({1}, i32),
                         {packedPair(a, qn, h, d2[size_t(n)])}));
            b.create<vector::StoreOp>(loc, v, y, ValueRange{row, col});
          } else {
            Value o0 = d2[size_t(n)][size_t(2 * h)];
            Value o1 = d2[size_t(n)][size_t(2 * h + 1)];
            affine(o0, o1, a, qn, h);
            Value v = vectorOf(VectorType::get({2}, f32), {o0, o1});
            b.create<vector::StoreOp>(loc, v, y, ValueRange{row, col});
          }
        }
      });
    }
  }

  bool outIs16() const { return outStorage.isBF16() || outStorage.isF16(); }
  /// H_m's fragments and X's in f16 (f16 rows) or bf16 (bf16 and fp32).
  bool fragF16() const { return storage.isF16(); }

  /// a s Y + b of an n-tile's pair for half h (rows 16 a + g + 8 h), as
  /// the packed 16-bit word.
  template <typename Block>
  Value packedPair(Block a, int64_t qn, int64_t h, SmallVector<Value> &tile) {
    Value o0 = tile[size_t(2 * h)];
    Value o1 = tile[size_t(2 * h + 1)];
    affine(o0, o1, a, qn, h);
    return pack(o0, o1, outStorage.isBF16() ? "bf16" : "f16");
  }

  /// `emit` for every lane (`valid` null) or under scf.if valid.
  void storeWhere(Value valid, llvm::function_ref<void()> emit) {
    if (!valid)
      return emit();
    auto branch = b.create<scf::IfOp>(loc, valid, /*withElse=*/false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&branch.getThenRegion().front());
    emit();
  }

  /// Rows i = 16 a + g + 8 h of stage 2's d2 (16-bit outputs, groups of
  /// four n-tiles), 16 bytes a lane: the lane's words of four n-tiles (two
  /// positions of each) go to the warp's staging area by stmatrix (eight
  /// rows of 32 positions, 16-byte chunks swizzled by row / 2 so that
  /// neither side conflicts), and come back as one row's 8 positions of
  /// one n-tile (lane 4 g + q: tile q of the four), stored with one 16-byte
  /// access where `valid` (null: every lane). On the H200 (2026-11-30,
  /// run150, a probe storing the same bytes 16 a lane without the
  /// exchange) the 4-byte stores cost H_m on tensor cores up to 0.09 of the
  /// copy roofline.
  template <typename Block>
  void storeStaged(Block a, int64_t qnBase, std::vector<SmallVector<Value>> &d2,
                   int64_t h, Value y, Value row, Value i, Value valid) {
    if (!stagedOffsets) {
      OpBuilder::InsertionGuard guard(b);
      // (Computed once, where the lane's indices are.)
      b.setInsertionPointAfterValue(stagingAddr);
      auto byte = [&](Value v) {
        return b.create<arith::IndexCastOp>(loc, i32, v);
      };
      Value r = b.create<arith::AndIOp>(loc, lane, index(7));
      Value k = b.create<arith::ShRUIOp>(loc, lane, index(3));
      Value swzR = b.create<arith::AndIOp>(
          loc, b.create<arith::ShRUIOp>(loc, r, index(1)), index(3));
      Value swzG = b.create<arith::AndIOp>(
          loc, b.create<arith::ShRUIOp>(loc, g, index(1)), index(3));
      Value st =
          sum({mulc(r, 64), mulc(b.create<arith::XOrIOp>(loc, k, swzR), 16)});
      Value ld =
          sum({mulc(g, 64), mulc(b.create<arith::XOrIOp>(loc, q, swzG), 16)});
      stagedSt = b.create<arith::AddIOp>(loc, stagingAddr, byte(st));
      stagedLd = b.create<arith::AddIOp>(loc, stagingAddr, byte(ld));
      stagedOffsets = true;
    }
    for (int64_t c = 0; c < int64_t(d2.size()) / 4; ++c) {
      SmallVector<Value> ops{stagedSt};
      for (int64_t n = 4 * c; n < 4 * c + 4; ++n)
        ops.push_back(packedPair(a, qnBase + n, h, d2[size_t(n)]));
      SmallVector<Value> words = throughStaging(ops, stagedLd);
      Value col = sum({mulc(i, P), index(8 * (qnBase + 4 * c)), mulc(q, 8)});
      storeWhere(valid, [&] { storeWords(words, y, row, col); });
    }
  }

  /// At P = 16 (two n-tiles): block a's 16 rows of 16 positions through
  /// the staging area at once, 16 bytes a lane. stmatrix's four matrices
  /// are (h, n) = (0, 0), (0, 1), (1, 0), (1, 1), rows of 32 bytes, chunks
  /// swizzled by (row / 4) % 2; lane 2 r + c reads back row r (i = 16 a +
  /// r) chunk c, positions 8 c ... 8 c + 7.
  template <typename Block>
  void storeStaged16(Block a, std::vector<SmallVector<Value>> &d2, Value y,
                     Value row) {
    constexpr bool known = std::is_same_v<Block, int64_t>;
    if (!staged16Offsets) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointAfterValue(stagingAddr);
      auto byte = [&](Value v) {
        return b.create<arith::IndexCastOp>(loc, i32, v);
      };
      auto swz = [&](Value localRow) {
        return b.create<arith::AndIOp>(
            loc, b.create<arith::ShRUIOp>(loc, localRow, index(2)), index(1));
      };
      // stmatrix: matrix k = lane / 8 (h = k / 2, n = k % 2), row lane % 8.
      Value k = b.create<arith::ShRUIOp>(loc, lane, index(3));
      Value stRow = sum({b.create<arith::AndIOp>(loc, lane, index(7)),
                         mulc(b.create<arith::ShRUIOp>(loc, k, index(1)), 8)});
      Value stChunk = b.create<arith::XOrIOp>(
          loc, b.create<arith::AndIOp>(loc, k, index(1)), swz(stRow));
      stagedSt16 = b.create<arith::AddIOp>(
          loc, stagingAddr, byte(sum({mulc(stRow, 32), mulc(stChunk, 16)})));
      // Read back: row lane / 2, chunk lane % 2.
      ldRow16 = b.create<arith::ShRUIOp>(loc, lane, index(1));
      ldChunk16 = b.create<arith::AndIOp>(loc, lane, index(1));
      Value phys = b.create<arith::XOrIOp>(loc, ldChunk16, swz(ldRow16));
      stagedLd16 = b.create<arith::AddIOp>(
          loc, stagingAddr, byte(sum({mulc(ldRow16, 32), mulc(phys, 16)})));
      staged16Offsets = true;
    }
    SmallVector<Value> ops{stagedSt16};
    for (int64_t h = 0; h < 2; ++h)
      for (int64_t n = 0; n < 2; ++n)
        ops.push_back(packedPair(a, n, h, d2[size_t(n)]));
    SmallVector<Value> words = throughStaging(ops, stagedLd16);
    Value i;
    if constexpr (known)
      i = b.create<arith::AddIOp>(loc, ldRow16, index(16 * a));
    else
      i = sum({mulc(a, 16), ldRow16});
    Value col = sum({mulc(i, P), mulc(ldChunk16, 8)});
    int64_t left = 16;
    if constexpr (known)
      left = m - 16 * a;
    Value valid = left >= 16 ? Value()
                             : b.create<arith::CmpIOp>(
                                   loc, arith::CmpIPredicate::ult, i, index(m));
    storeWhere(valid, [&] { storeWords(words, y, row, col); });
  }

  /// The table slot (fp32 pair) of the lane's values (a, qn, h).
  Value slot(int64_t a, int64_t qn, int64_t h) {
    return b.create<arith::AddIOp>(loc, index(((a * PN + qn) * 2 + h) * 32),
                                   lane);
  }
  /// The same for a block a known only at run time (the loop past P = 32).
  Value slot(Value a, int64_t qn, int64_t h) {
    return sum({mulc(a, PN * 2 * 32), index((qn * 2 + h) * 32), lane});
  }
  /// o = o * a * scale + b for the lane's pair (a, qn, h), in place.
  template <typename Block>
  void affine(Value &o0, Value &o1, Block a, int64_t qn, int64_t h) {
    auto vec2 = VectorType::get({2}, f32);
    auto flags = arith::FastMathFlagsAttr::get(b.getContext(),
                                               arith::FastMathFlags::contract);
    auto pairAt = [&](int64_t which) {
      Value at =
          b.create<arith::AddIOp>(loc, mulc(slot(a, qn, h), 2),
                                  index(which * layout.tableBytes / tableUnit));
      Value v = b.create<vector::LoadOp>(loc, VectorType::get({2}, tableType),
                                         table, ValueRange{at});
      return tableType == f32 ? v : widenPair(v);
    };
    Value v = vectorOf(vec2, {o0, o1});
    // (16-bit tables hold a itself: the scale multiplies the transform.)
    if (tableType != f32 && hasMul && outScale != 1.0)
      v = b.create<arith::MulFOp>(
          loc, v,
          b.create<arith::ConstantOp>(
              loc, DenseElementsAttr::get(
                       vec2, b.getF32FloatAttr(float(outScale)))));
    Value mv = hasMul
                   ? pairAt(0)
                   : (Value)b.create<arith::ConstantOp>(
                         loc, DenseElementsAttr::get(
                                  vec2, b.getF32FloatAttr(float(outScale))));
    if (hasMul || outScale != 1.0)
      v = b.create<arith::MulFOp>(loc, v, mv, flags);
    if (hasAdd)
      v = b.create<arith::AddFOp>(loc, v, pairAt(hasMul ? 1 : 0), flags);
    o0 = b.create<vector::ExtractOp>(loc, v, 0);
    o1 = b.create<vector::ExtractOp>(loc, v, 1);
  }
  /// The tables: slot ((a PN + qn) 2 + h) 32 + lane holds a * scale (and
  /// in the second table b) at (16 a + g + 8 h) P + 8 qn + 2 q (+1) as an
  /// fp32 pair (or a and b as a pair of the storage type: tables16), zero
  /// past m. Filled by the whole block.
  void fillTables(Value tid, Value mul, Value add) {
    int64_t slots = IT * PN * 2 * 32;
    auto vec2 = VectorType::get({2}, tableType);
    Value zero = b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(vec2, b.getFloatAttr(tableType, 0)));
    forStrided(tid, slots, R * W * 32, [&](Value e) {
      Value ln = b.create<arith::AndIOp>(loc, e, index(31));
      Value hq = b.create<arith::ShRUIOp>(loc, e, index(5));
      Value h = b.create<arith::AndIOp>(loc, hq, index(1));
      Value aq = b.create<arith::ShRUIOp>(loc, hq, index(1));
      Value qn = b.create<arith::RemUIOp>(loc, aq, index(PN));
      Value a = b.create<arith::DivUIOp>(loc, aq, index(PN));
      Value i = sum({mulc(a, 16), b.create<arith::ShRUIOp>(loc, ln, index(2)),
                     mulc(h, 8)});
      Value in =
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, i, index(m));
      // Past m a slot holds zeros: its load reads column 0 instead (no
      // branch, so that ptxas may issue every step's loads together).
      Value col = b.create<arith::SelectOp>(
          loc, in,
          sum({mulc(i, P), mulc(qn, 8),
               mulc(b.create<arith::AndIOp>(loc, ln, index(3)), 2)}),
          index(0));
      int64_t which = 0;
      for (auto [param, scaled] :
           {std::pair{mul, true}, std::pair{add, false}}) {
        if (!param)
          continue;
        Value v = b.create<vector::LoadOp>(loc, VectorType::get({2}, storage),
                                           param, ValueRange{col});
        Value w = tableType == f32 && storage != f32
                      ? b.create<arith::ExtFOp>(loc, vec2, v)
                      : v;
        if (scaled && outScale != 1.0 && tableType == f32)
          w = b.create<arith::MulFOp>(
              loc, w,
              b.create<arith::ConstantOp>(
                  loc, DenseElementsAttr::get(
                           vec2, b.getF32FloatAttr(float(outScale)))));
        w = b.create<arith::SelectOp>(loc, in, w, zero);
        Value at = b.create<arith::AddIOp>(
            loc, mulc(e, 2), index(which * layout.tableBytes / tableUnit));
        b.create<vector::StoreOp>(loc, w, table, ValueRange{at});
        ++which;
      }
    });
  }

  /// m: the dense factor (IT = KS = 16-row blocks of it, padded); P = 2^k
  /// (PN n-tiles of 8 positions, PK k-steps of 16); D = m P; R rows a
  /// block.
  int64_t m, P, IT, KS, PN, PK, D, R;
  /// The storage's bytes: 2, or 4 (fp32 rows).
  int64_t eb;
  /// Warps a row (1, or 2 past P = 32).
  int64_t W;
  /// 'row_iters': from 2, each iteration prefetches into L2 the row group
  /// that many grids on.
  int64_t rowsAhead = 1;
  /// The spec's dense factor, and the Sylvester factor joined to it
  /// (hmShape): m = m0 fold.
  int64_t m0, fold;
  /// Stage 2's chunk of positions (P, or 32 past it: H_P = H_{P/32} (x)
  /// H_32, the first factor as fp32 butterflies across the chunks) and its
  /// n-tiles and k-steps.
  int64_t P2, PN2, PK2;
  bool hasMul = false, hasAdd = false;
  /// Stage 2's f16 piece's scale S (f16Piece; else 1), and the transform's
  /// scale times it, which the affine applies.
  double pieceScale = 1.0, outScale = 1.0;
  HmLayout layout;
  Value lane, g, q, table, fragView, bufPtr, bufAddr;
  /// This warp's output staging (HmLayout::staging), a shared address, and
  /// the lane's addresses in it for stmatrix and for reading back.
  Value stagingAddr, stagedSt, stagedLd;
  bool stagedOffsets = false;
  /// The same at P = 16 (storeStaged16), and the row and chunk a lane
  /// reads back.
  Value stagedSt16, stagedLd16, ldRow16, ldChunk16;
  bool staged16Offsets = false;
  /// The tables' element type (fp32: a * scale and b; or the storage
  /// type: a and b) and its bytes.
  Type tableType;
  int64_t tableUnit = 4;
  Value slotOfRow, warpInRow, rowLane;
  /// Past P = 32, X's fragments for every (jk, pk) where they fit
  /// (HmLayout::cachedX), read once a row for every block a.
  std::vector<XFrag> cachedB;
  /// fp32 rows: wideLaneTerm's four lane terms.
  SmallVector<Value, 4> wideLane;
  SmallVector<Value> hm, hp;
};

} // namespace

int64_t mlir::walsh::gpuHmMmaSharedBytes(int64_t d, int64_t m,
                                         ConfigAttr config, bool mul, bool add,
                                         int64_t storageBytes) {
  HmShape shape = hmShape(m, d / m);
  int64_t rows = config.getRowsPerBlock();
  return hmLayout(shape.m, shape.P, rows,
                  rows * (config.getThreadsPerRow() / 32), mul, add,
                  storageBytes)
      .total();
}

bool mlir::walsh::gpuHmMmaKeepsRowFragments(int64_t d, int64_t m) {
  HmShape shape = hmShape(m, d / m);
  return hmCachesX(shape.m, shape.P);
}

int64_t mlir::walsh::gpuHmMmaBlocks(int64_t d, int64_t m) {
  return (hmShape(m, d / m).m + 15) / 16;
}

void mlir::walsh::emitHmMmaKernel(OpBuilder &b, Location loc,
                                  const ::walsh::StageChain &chain,
                                  ConfigAttr config, Value x, Value y,
                                  Value mul, Value add) {
  HmMmaEmitter(b, loc, chain, config).emit(x, y, mul, add);
}
