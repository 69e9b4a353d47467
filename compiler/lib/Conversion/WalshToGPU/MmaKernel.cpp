//===- MmaKernel.cpp - walsh-convert-to-gpu, cross_warp = mma -------------===//
//
// The kernel body for #walsh.config's cross_warp = mma: 16-bit rows of
// d = m * 2^k, 2^k >= 256 (or 128 or 64 with a dense factor), one warp a
// row (or two), the radix-2 levels of 256-element tiles on tensor cores
// (HadaCore's idea, arXiv 2412.08832), fp32 everywhere else.
//
// A tile is a 16 x 16 matrix X[h][l] of the row's elements. Sylvester's
// H_2^j is the same matrix under any permutation of its index bits applied
// to rows and columns alike, so the bits of h and l may be any of the
// position's. With 2^k >= 256, tile t = a * C + c (a the dense index, C =
// 2^k / 256) holds positions t * 256 + p with
//   p0 = h0, p1 = h3, p2 = l3, p3 = h1, p4 = h2, p5 = l0, p6 = l1, p7 = l2,
// and its H_256 is H_16 X H_16. With 2^k = 128, l3 is a dense-index bit
// instead: tile t < m / 2 holds dense indices t and t + m / 2 (l3 = 0, 1),
// p0 = h0, p1 = h3, p2 = h1, p3 = h2, p4 = l0, p5 = l1, p6 = l2, and the l
// transform is H_8 (x) I_2. With 2^k = 64 (quads) h3 is a dense-index bit
// as well: tile t < m / 4 holds dense indices t + (2 l3 + h3) m / 4, p0 =
// h0, p1 = h1, p2 = h2, p3 = l0, p4 = l1, p5 = l2, both transforms are H_8
// (x) I_2, and a lane's words are 4-byte accesses (positions 2 lane, 2 lane
// + 1 of each of its four dense indices). Lane = 4 g + q (g < 8, q < 4):
//  - loads: the lane holds X[h][l] for h in {2q, 2q+1, 2q+8, 2q+9} and l in
//    {g, g+8}: two 8-byte halves (l3 = 0, 1) of four positions (h0, h3 in
//    memory order), at 8 lane (+ 4) in the tile, or 4 lane in each dense
//    index's 128 (quads: its two words h3 = 0, 1 from two dense indices'
//    64, at 2 lane). Each half's two 32-bit words (h0 in their 16-bit halves)
//    are the B fragment of mma.m16n8k16 for n-tile l3 (k = h, n = l0..2).
//  - stage 1: Y = H_16 X, A = H_16 in the storage type (exact), fp32
//    accumulators: the lane holds Y[h' = g, g+8][l = 2q, 2q+1 (+8)].
//  - Y = hi + lo in bf16 (hi = bf16(Y), lo = bf16(Y - hi)): 16 bits of
//    mantissa, where one bf16 operand keeps 8 (and f16 could overflow:
//    |Y| reaches 16 max|x|). In the split layout with a 16-bit output one
//    piece: bf16(Y), or from f16 rows to f16 f16(Y / 16).
//  - stage 2: Z^T = L Y^T (A = the l transform in bf16), B = Y^T straight
//    from stage 1's accumulators (n-tile i: h' = 8i + g), hi then lo into
//    one fp32 accumulator. The lane then holds Z[h'][l'] at the positions
//    it loaded: no permute on either side.
// Then, in registers, H_C's radix-2 levels and H_m's sign program across
// the tiles for each of the lane's positions; the affine, a * scale and b
// as fp32 from a shared-memory table in the order the lanes read them
// (16-byte loads, filled once a block); the 8-byte stores.
//
// Blocks take row groups bid, bid + G, ... (rows_per_block warps, a row
// each), as the row-group kernels do; the next group's loads are issued
// after the tensor-core stages, in registers, so they fly through the rest.
//
// The split layout (config.mmaSplit: threads_per_row = 32 m / g): warp w
// holds dense indices w g ... w g + g - 1, their C tiles each (g C tiles,
// one 16-byte load a tile); after the stages and H_C it writes them to the
// row's fp32 buffer in shared memory, and splitDenseStage runs H_m on
// pairs of positions (single ones past m = 28) with all m indices, a and
// b from the block's copy in shared memory. One row a block at a time.
// With 'vector_width' = 8 (mmaSplitHm) the row goes to shared memory as
// one 16-bit piece a value instead and splitDenseStageMma runs H_m on
// tensor cores too (into one of two buffers by turns where
// mmaSplitHmTwoRows: the barrier after the stage goes).
//
//===----------------------------------------------------------------------===//
#include "walsh/Conversion/Passes.h"

#include "walsh/Analysis/StageChain.h"
#include "walsh/Dialect/Walsh/IR/Walsh.h"

#include "MmaBuilder.h"

#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/IR/Builders.h"

#include <array>
#include <tuple>

using namespace mlir;

namespace {

/// Whether the rows are prefetched through shared memory (cp.async, at the
/// start of each iteration) rather than in registers: one warp a row of at
/// least 112 values a lane, where the registers' prefetch spilled. H200,
/// 2026-11-30 (run81, side by side, every kernel checked), fraction of the
/// copy roofline at 65536 rows, registers -> cp.async: d = 3584 (255
/// registers and 36 bytes of spills -> 181-ish, none) bf16 0.85 -> 0.89,
/// f16 0.86 -> 0.90; but 1536 0.86-0.87 -> 0.85, 2560 0.88 -> 0.86-0.87,
/// 3072 0.90 -> 0.86-0.88, and two warps a row 5120 0.67 -> 0.59-0.61, 6144
/// 0.66 -> 0.61-0.62 (7168's buffers would not fit); with tiles of four
/// dense indices (run90) 2304 0.92 -> 0.80, 2816 0.92 -> 0.80.
bool mmaAsyncRows(mlir::walsh::ConfigAttr config) {
  return config.getThreadsPerRow() == 32 && config.getElemsPerThread() >= 112;
}

/// The split layout with its m-point stage on tensor cores as well
/// ('vector_width' = 8: MmaEmitter::splitDenseStageMma).
bool mmaSplitHm(mlir::walsh::ConfigAttr config, int64_t d, int64_t m) {
  return config.mmaSplit(d, m) && config.getVectorWidth() == 8;
}

/// H_m's fragments in registers for the whole kernel (else one 16-byte
/// shared load a block and use): at most three blocks of 16 dense
/// indices (36 registers), where the registers ptxas allows a thread
/// (65536 over the block's threads rounded up to 128) leave 64 besides
/// two a value. H200, 2026-12-02 (run312, walsh-gpu, two passes, every
/// kernel checked), fraction of the copy roofline at 65536 / 16384 rows,
/// shared -> registers: 11264 (g = 4) 0.71 / 0.71 -> 0.78 / 0.79, 9216
/// (g = 2) 0.70 / 0.69 -> 0.76-0.77 / 0.77-0.78; where they spilled,
/// 18432 at g = 2 0.66 -> 0.56, 13312 (four blocks) 0.60 -> 0.50, 15360
/// 0.66 -> 0.60; 9216 at g = 4 0.70 either way.
bool mmaSplitHmRegisters(mlir::walsh::ConfigAttr config, int64_t m) {
  int64_t threads = (config.getThreadsPerRow() + 127) / 128 * 128;
  return (m + 15) / 16 <= 3 &&
         2 * config.getElemsPerThread() + 64 <= 65536 / threads;
}

/// The split layout's m-point stage on tensor cores with each warp on one
/// block row of H_m ("stationary": its IT fragments in registers, loaded
/// once a kernel) and items of 16 positions in turn among that block
/// row's W / IT warps, rather than every warp on whole items (all IT
/// block rows, the IT^2 fragments in registers or one 16-byte shared
/// load each an item): for 16-bit rows (one piece a value; f16 since
/// run360: 13312 at 832 threads, 0.70 of the copy roofline at 16384 rows
/// against 0.63 on whole items at 416) where H_m has at least
/// four block rows (m > 48, IT^2 >= 16 fragment loads an item) and the
/// busiest warp then has fewer blocks of 16 x 16 outputs a row. H200,
/// 2026-12-03 (runs 353-354, walsh-gpu, alternating passes, every kernel
/// checked), fraction of the copy roofline at 16384 / 65536 rows, whole
/// items -> stationary: bf16 13312 (g = 2, 832 threads, 4 -> 3 blocks a
/// warp) 0.62 / 0.62 -> 0.71 / 0.69, 15360 (g = 4, 480 threads, 8 -> 6)
/// 0.67 / 0.67 -> 0.73 / 0.71 (three items at a time). Not where H_m's
/// fragments fit registers anyway (nor, when f16 rows still took two
/// pieces, for them): its warps' one or two chains of dependent mma a
/// block lost there — 9216
/// 0.77 -> 0.64-0.69, 11264 0.80 -> 0.63-0.70, 14336 0.78 -> 0.72-0.75,
/// 7168 0.86 -> 0.79-0.84, 28672 0.68 -> 0.54-0.66, f16 13312 0.50 ->
/// 0.34-0.45, f16 15360 0.54 -> 0.36-0.49 (items one to three at a time).
bool mmaSplitHmStationary(mlir::walsh::ConfigAttr config, int64_t d,
                          int64_t m) {
  int64_t W = config.getThreadsPerRow() / 32, IT = (m + 15) / 16;
  if (!mmaSplitHm(config, d, m) || IT < 4 || W < IT)
    return false;
  int64_t items = d / m / 16, rowWarps = W / IT;
  int64_t whole = (items + W - 1) / W * IT;
  return (items + rowWarps - 1) / rowWarps < whole;
}

/// Items a stationary warp takes at a time (their ldmatrix and mma in
/// flight together) where a thread may hold 128 registers (the block's
/// threads rounded up to 128): three where it holds at most 32 values;
/// with more (64: 16-bit 26624 and 30720 over 416 and 480 threads, the
/// next row's 32 registers of loads live through the items) two where
/// the rows come one grid ahead and one where two ('row_iters'), the
/// counts ptxas fits without a spill (2026-12-07: three spilled 52-60
/// bytes, two 60 at two grids ahead, one 12 at one grid ahead). Else one.
/// H200, 2026-12-03 (run354), bf16 15360 (480 threads) at 16384 / 65536
/// rows, one -> three: 0.70 / 0.69 -> 0.73 / 0.71; bf16 13312 (832
/// threads, 72 registers) spilled 108-220 bytes with two or three, 0.71
/// -> 0.36-0.47. H100, 2026-12-07 (run538, walsh-gpu, two passes, every
/// kernel checked), fraction of the copy roofline at 16384 and 65536
/// rows, bf16 / f16: 30720 three -> two 0.79 / 0.78-0.79 -> 0.87-0.88 /
/// 0.85-0.86; 26624 over 416 threads at one, two grids ahead, 0.91-0.92
/// / 0.88-0.89 against 0.76 / 0.74-0.75 for its default before (832
/// threads, which spilled 44 bytes at one).
int64_t mmaSplitHmItemsAtOnce(mlir::walsh::ConfigAttr config) {
  int64_t threads = (config.getThreadsPerRow() + 127) / 128 * 128;
  if (65536 / threads < 128)
    return 1;
  if (config.getElemsPerThread() <= 32)
    return 3;
  return config.getRowIters() >= 2 ? 1 : 2;
}

/// Whether the split layout's m-point stage on tensor cores takes two row
/// buffers, a row's in turn, and no barrier after the stage (the next
/// row's writes go to the other buffer, which every warp finished reading
/// before this row's first barrier): where its warps take whole items
/// (not stationary) and the last round leaves at least half of them idle,
/// waiting at that barrier for the busiest; with a or b; 32 values a
/// thread or more, whose registers hold one block a multiprocessor anyway;
/// and at most 512 threads, so that a thread may take 128 registers.
/// H200, 2026-12-04 (runs 400-401, walsh-gpu, two passes, every kernel
/// checked), fraction of the copy roofline at 16384 / 65536 rows, one
/// buffer -> two: 11264 (44 x 256, 11 warps, 16 items) bf16 0.80-0.81 /
/// 0.77 -> 0.82-0.83 / 0.78-0.81, f16 0.79-0.80 / 0.75 -> 0.83-0.84 /
/// 0.77-0.78, 14336 (28 x 512, 14 warps, 32 items) bf16 0.79-0.80 / 0.77
/// -> 0.84-0.85 / 0.79-0.80 (H^T alike). Not where the rounds are full or
/// nearly (9216 0.83 -> 0.80, 18432 0.67 -> 0.63, 22528 0.70 -> 0.67;
/// stationary 13312 and 15360 within 0.01), without a and b (14336 0.94
/// -> 0.92), nor at 7168 (16 values a thread: 72 registers and two
/// blocks a multiprocessor, whose other block fills the idle warps' time;
/// two buffers took 93 registers and one block: 0.87 -> 0.76), nor 22528
/// over 704 threads (g = 2: 80 registers, 20 bytes spilled; 0.69 with
/// one buffer in run398, 0.57 with two in run403).
bool mmaSplitHmTwoRows(mlir::walsh::ConfigAttr config, int64_t d, int64_t m,
                       bool affine) {
  if (!affine || !mmaSplitHm(config, d, m) ||
      mmaSplitHmStationary(config, d, m) || config.getElemsPerThread() < 32 ||
      config.getThreadsPerRow() > 512)
    return false;
  int64_t W = config.getThreadsPerRow() / 32, left = d / m / 16 % W;
  return left != 0 && 2 * left <= W;
}

/// A mma kernel's dynamic shared memory, in bytes, in this order: the
/// affine table (a * scale and b as fp32, 4 d bytes each as present);
/// with two warps a row the exchange buffers (each warp half of its half
/// of the row in fp32: 2 d bytes a row; two buffers of rows_per_block
/// rows); with mmaAsyncRows the prefetch buffers (two of the block's rows
/// in the storage type, 2 bytes an element); in the split layout the row
/// in fp32 (4 d bytes), then a and b as present in the storage type (2 d
/// bytes each; none where that passes kGpuMostSharedBytes); with the
/// m-point stage on tensor cores (mmaSplitHm) the row as bf16 padded to
/// 16 IT dense indices (IT = ceil(m / 16); f16 rows as f16; two such
/// buffers, a row's in turn, where mmaSplitHmTwoRows), a and b in
/// rows of 2^k + 8 (against
/// bank conflicts), H_m's fragments (IT^2 blocks of 512 bytes) unless they
/// are in registers, and a 512-byte staging area a warp. The kernel's
/// views and gpuMmaSharedBytes both come from here.
struct MmaSharedLayout {
  int64_t table = 0, exchange = 0, prefetch = 0, row = 0, params = 0;
  /// mmaSplitHm: H_m's fragments, the warps' staging areas.
  int64_t frags = 0, staging = 0;
  /// mmaSplitHm: the row buffers (`row` holds them all), 1 or 2.
  int64_t rowBuffers = 1;
  /// One row buffer's 4-byte words.
  int64_t rowBufferWords() const { return row / rowBuffers / 4; }
  int64_t total() const {
    return table + exchange + prefetch + row + params + frags + staging;
  }
};
MmaSharedLayout mmaSharedLayout(int64_t d, int64_t m,
                                mlir::walsh::ConfigAttr config, bool mul,
                                bool add) {
  MmaSharedLayout s;
  // The split layout: the row in fp32 for the m-point stage, a and b
  // copied once a block in the storage type (an fp32 table of 8 d bytes
  // would halve the blocks a multiprocessor holds at 12288). Read from
  // shared memory rather than global (through the L2, the busiest unit in
  // run281's ncu): H200, 2026-12-02 (run284, walsh-gpu, every kernel
  // checked, two passes), bf16 12288 0.79-0.80 -> 0.88 of the copy roofline
  // at 65536 rows, f16 0.71-0.72 -> 0.84.
  if (mmaSplitHm(config, d, m)) {
    int64_t P = d / m, IT = (m + 15) / 16;
    s.row = IT * 16 * P * 2;
    s.params = 2 * m * (P + 8) * (int64_t(mul) + int64_t(add));
    s.frags = mmaSplitHmRegisters(config, m) ||
                      mmaSplitHmStationary(config, d, m)
                  ? 0
                  : IT * IT * 512;
    s.staging = config.getThreadsPerRow() / 32 * 512;
    if (mmaSplitHmTwoRows(config, d, m, mul || add) &&
        s.total() + s.row <= mlir::walsh::kGpuMostSharedBytes) {
      s.row *= 2;
      s.rowBuffers = 2;
    }
    return s;
  }
  if (config.mmaSplit(d, m)) {
    s.row = 4 * d;
    s.params = 2 * d * (int64_t(mul) + int64_t(add));
    // Where the copy would pass the most shared memory a block may have
    // (16-bit 32768 as the power-of-two split: 256 KB), a and b are read
    // from global memory where they are used instead.
    if (s.row + s.params > mlir::walsh::kGpuMostSharedBytes)
      s.params = 0;
    return s;
  }
  int64_t rows = config.getRowsPerBlock();
  s.table = 4 * d * (int64_t(mul) + int64_t(add));
  if (config.getThreadsPerRow() == 64)
    s.exchange = 2 * rows * 2 * d;
  if (mmaAsyncRows(config))
    s.prefetch = 2 * rows * 2 * d;
  return s;
}

/// Whether the split layout loads its rows with ld.global.L1::no_allocate
/// (16-byte loads that take no line of the L1; not .nc: y may be x):
///  - where the block's shared memory and the 1 KB the driver reserves a
///    block pass 164 KB, so that the carveout (one block a multiprocessor;
///    sharedCarveoutPercent) leaves the L1 60 KB or less of sm_90's 256 KB
///    (launched asking 205824 bytes, L1 92 KB -> 28 KB, the same PTX of
///    bf16 13312 ... 22528 lost 0.08-0.15 of the copy roofline: a load
///    that allocates waits for lines);
///  - with the rows two grids ahead (row_iters 2: twice the loads in
///    flight);
///  - without H_m on tensor cores (vector_width 4), 32 values a thread or
///    more, where two blocks' shared memory (and the driver's 1 KB each)
///    fits a multiprocessor's 228 KB: two blocks' rows in flight share
///    the L1.
/// H100, 2026-12-07 (runs 528-530 and 534, walsh-gpu, every kernel
/// checked), bf16 / f16 at 16384 rows, fraction of the copy roofline,
/// allocating -> not: 28672 0.77 / 0.78 -> 0.94-0.95 / 0.94, 32768 0.78 /
/// 0.77 -> 0.86-0.87 / 0.85-0.87, 30720 0.74 / 0.72-0.73 -> 0.79 / 0.78,
/// 26624 0.73 / 0.75 -> 0.76 / 0.74, 24576 0.91 -> 0.92-0.93; 7168 0.86 ->
/// 0.93-0.94, 9216 0.89-0.91 -> 0.95-0.96, 11264 0.89 -> 0.94, 14336 0.87
/// -> 0.93-0.94, 16384 0.89-0.90 -> 0.95-0.96 (at 65536 rows 0.90-0.96 ->
/// 0.93-0.96); 8192 (65536 bytes) 0.89-0.90 -> 0.93-0.94, 10240 (81920)
/// 0.86 -> 0.90-0.91, 12288 (98304) 0.87 -> 0.92-0.93 (at 65536 rows 8192
/// 0.92 -> 0.93-0.94, 10240 and 12288 level). Not with one grid ahead and
/// an L1 of 92 KB or more to one block (13312 0.92 -> 0.89-0.90, 15360
/// 0.95-0.96 -> 0.90-0.91, 18432 0.89-0.92 -> 0.84-0.89, 22528 0.96 ->
/// 0.88-0.89, 20480 (163840 bytes, vector_width 4) 0.91-0.92 -> 0.83, at 65536
/// rows 0.93-0.94 -> 0.84), nor with 16 values a thread (6144, two blocks: 0.94
/// -> 0.86-0.87, at 65536 rows 0.96 -> 0.86-0.87). The loads were measured as
/// .nc in runs 528-529; the plain form within 0.02 of it in run530.
bool mmaRowsSkipL1(const MmaSharedLayout &layout,
                   mlir::walsh::ConfigAttr config, bool split, bool hmSplit) {
  if (!split)
    return false;
  int64_t shared = layout.total();
  bool l1AtMost60K = shared + mlir::walsh::kSharedReservedPerBlock > 164 * 1024;
  return l1AtMost60K || config.getRowIters() >= 2 ||
         (!hmSplit && config.getElemsPerThread() >= 32 &&
          mlir::walsh::sm90BlocksByShared(shared) >= 2);
}

class MmaEmitter : mlir::walsh::detail::MmaBuilder {
public:
  MmaEmitter(OpBuilder &b, Location loc, const ::walsh::StageChain &chain,
             mlir::walsh::ConfigAttr config)
      : MmaBuilder(b, loc, chain), config(config) {
    m = chain.factors.m;
    int64_t P = int64_t(1) << chain.factors.k;
    rowElems = m * P;
    span = P >= 256 ? 1 : 256 / P;
    C = span > 1 ? 1 : P / 256;
    T = m * C / span;
    R = config.getRowsPerBlock();
    W = config.getThreadsPerRow() / 32;
    TW = T / W;
    split = config.mmaSplit(m * P, m);
    hmSplit = mmaSplitHm(config, m * P, m);
    rowsAhead = config.getRowIters();
    IT = (m + 15) / 16;
    pairs = W == 2 && !split;
    // Stage 2 from one piece of Y in the split layout with a 16-bit
    // output: Y rounded to bf16 once (an error of about 2^-9, a bf16
    // output's own rounding), or for f16 rows to an f16 output Y / 16 in
    // f16 (|Y| <= 16 max|x| cannot overflow it; 11 bits of mantissa, an
    // f16 output's; the 16 folded into the scale), one mma instead of hi +
    // lo's two. H200, 2026-12-02 (run290, walsh-gpu, two passes, every
    // kernel checked), f16, fraction of the copy roofline at 65536 / 16384
    // rows, hi + lo -> Y / 16: 7168 0.74 / 0.74 -> 0.86 / 0.86, 10240 0.82
    // / 0.83 -> 0.90 / 0.90, 24576 0.83 / 0.85 -> 0.91 / 0.92, 20480 0.76 ->
    // 0.84, 14336 0.73 / 0.71 -> 0.81 / 0.78, 9216 0.64 / 0.61 -> 0.73 /
    // 0.69, 6144 0.89 -> 0.91 / 0.90, 12288 0.85 / 0.88 -> 0.88 / 0.89;
    // errors 2.6-3.0e-4 -> 3.6-4.1e-4 (the f16 output's rounding is 2.4e-4).
    // (Below 6.1e-5 Y / 16 is subnormal in f16: inputs whose sums of 16 are
    // that small keep fewer bits.) The tiles outside the split layout keep
    // hi + lo: one piece lost as often as it won there (bf16 and f16 1792
    // 0.92 -> 0.87, 2560 0.91 -> 0.89, 3584 0.90 -> 0.88; 1280 0.86 ->
    // 0.87, 1536 0.89 -> 0.90).
    withLo = !(split && outStorage != f32);
    f16Hi = split && storage.isF16() && outStorage.isF16();
    scale = chain.scale * (f16Hi ? 16.0 : 1.0);
    stage1Sixteenth = f16Hi && (rowElems == 14336 || rowElems == 15360 ||
                                rowElems == 24576 || rowElems == 32768);
    asyncRows = mmaAsyncRows(config);
    deriveStage1 = span == 4 && !storage.isBF16();
    hmF16 = hmSplit && storage.isF16();
    assert(!hmF16 || f16Hi);
    hmStationary = mmaSplitHmStationary(config, m * P, m);
    layout = mmaSharedLayout(T * 256, m, config, chain.mulArg >= 0,
                             chain.addArg >= 0);
    rowsSkipL1 = mmaRowsSkipL1(layout, config, split, hmSplit);
  }

  void emit(Value x, Value y, Value mul, Value add) {
    Value tid = b.create<gpu::ThreadIdOp>(loc, gpu::Dimension::x);
    Value bid = b.create<gpu::BlockIdOp>(loc, gpu::Dimension::x);
    Value grid = b.create<gpu::GridDimOp>(loc, gpu::Dimension::x);
    lane = b.create<arith::RemUIOp>(loc, tid, index(32));
    warp = b.create<arith::DivUIOp>(loc, tid, index(32));
    Value g = b.create<arith::ShRUIOp>(loc, lane, index(2));
    Value q = b.create<arith::AndIOp>(loc, lane, index(3));
    Value rows = b.create<memref::DimOp>(loc, x, 0);
    laneOff = mulc(lane, 8 / span);
    // With two warps a row, warp w of row slot r transforms tiles w T/2 ..
    // (its own), then keeps half l3 = w of every tile.
    Value r = b.create<arith::DivUIOp>(loc, warp, index(W));
    w = b.create<arith::RemUIOp>(loc, warp, index(W));
    Value own = mulc(w, TW * 256);
    Value ownLaneOff = b.create<arith::AddIOp>(loc, laneOff, own);

    // The constant fragments, rows g and g + 8, k = 2q.. and 2q + 8..:
    // stage 1's A = H_16 over h, in the storage type; stage 2's A over l,
    // in bf16: H_16, or H_8 (x) I_2 when l3 is a dense-index bit.
    Value gi = toI32(g), qi = toI32(q);
    Value q2 = b.create<arith::ShLIOp>(loc, qi, i32c(1));
    auto plus = [&](Value v, int64_t c) {
      return b.create<arith::AddIOp>(loc, v, i32c(c)).getResult();
    };
    // Warp 1 of a row takes stage 2's rows l' with bit 3 flipped, so that
    // its half l3 = 1 lands where warp 0's l3 = 0 does (the first two
    // accumulators): the half each keeps sits in the same registers.
    Value flip =
        pairs ? b.create<arith::ShLIOp>(loc, toI32(w), i32c(3)).getResult()
              : i32c(0);
    for (int64_t i = 0; i < 4; ++i) {
      Value row = plus(gi, 8 * (i & 1));
      Value k = plus(q2, 8 * (i >> 1));
      Value k1 = plus(k, 1);
      // (Derived from stage 2's a tile instead: stage1Fragments.)
      if (!deriveStage1)
        stage1A.push_back(hpair(row, k, row, k1,
                                storage.isBF16()  ? 0x3F80
                                : stage1Sixteenth ? 0x2C00
                                                  : 0x3C00,
                                span == 4));
      Value row2 = b.create<arith::XOrIOp>(loc, row, flip);
      stage2A.push_back(
          hpair(row2, k, row2, k1, f16Hi ? 0x3C00 : 0x3F80, span > 1));
    }

    // Shared memory: the affine table, then (two warps a row) the
    // exchange buffers.
    hasMul = bool(mul);
    hasAdd = bool(add);
    mulArg = mul;
    addArg = add;
    if (layout.total()) {
      auto ws = gpu::AddressSpaceAttr::get(b.getContext(),
                                           gpu::AddressSpace::Workgroup);
      raw = b.create<gpu::DynamicSharedMemoryOp>(
          loc, MemRefType::get({ShapedType::kDynamic}, b.getI8Type(),
                               MemRefLayoutAttrInterface(), ws));
      auto view = [&](int64_t bytes, int64_t at, Type type) {
        int64_t n = bytes / (type.getIntOrFloatBitWidth() / 8);
        return b.create<memref::ViewOp>(
            loc, MemRefType::get({n}, type, MemRefLayoutAttrInterface(), ws),
            raw, index(at), ValueRange{});
      };
      if (layout.table)
        table = view(layout.table, 0, f32);
      if (layout.row)
        rowBuf = view(layout.row, 0, hmSplit ? Type(i32) : Type(f32));
      if (layout.params)
        paramBuf = view(layout.params, layout.row, storage);
      if (hmSplit) {
        if (layout.frags)
          fragView = view(layout.frags, layout.row + layout.params, i32);
        auto sharedPtr = LLVM::LLVMPointerType::get(b.getContext(), 3);
        auto addressAt = [&](Value at) -> Value {
          return b.create<LLVM::PtrToIntOp>(
              loc, i32,
              mlir::walsh::emitAddressAt(
                  b, loc,
                  b.create<memref::ExtractAlignedPointerAsIndexOp>(loc, raw),
                  at, sharedPtr));
        };
        rowAddr = addressAt(index(0));
        stagingAddr = addressAt(b.create<arith::AddIOp>(
            loc, index(layout.row + layout.params + layout.frags),
            mulc(warp, 512)));
      }
      if (layout.exchange)
        xbuf = view(layout.exchange, layout.table, f32);
      // [buffer][warp][tile][half][lane] 8 bytes.
      if (layout.prefetch)
        pbuf = view(layout.prefetch, layout.table + layout.exchange,
                    b.getI8Type());
    }
    // Row groups bid, bid + G, ...
    Value count = mlir::walsh::emitRowGroupCount(b, loc, rows, R, bid, grid);
    // A row past the end loads row 0 and stores nothing (the launcher
    // launches nothing for zero rows).
    auto rowOf = [&](Value group) { return rowOfGroup(group, R, r, rows); };
    // A tile's two 8-byte halves (l3 = 0, 1) as 64-bit values: carried into
    // the loop as vectors, LLVM split every 8-byte load into two 4-byte
    // ones. Where 2^k >= 256 the halves are adjacent, but one 16-byte
    // access lost: bf16 d = 3072, 65536 rows, 0.89-0.90 of the copy
    // roofline with two 8-byte ones, 0.87 with one 16-byte (H200,
    // 2026-11-30, run75; 254 registers against 250).
    auto loadRow = [&](Value group) {
      auto [row, valid] = rowOf(group);
      Value rowc = b.create<arith::SelectOp>(loc, valid, row, index(0));
      Value xBase, rowStart;
      if (rowsSkipL1)
        std::tie(xBase, rowStart) = mlir::walsh::emitRowStart(b, loc, x, rowc);
      SmallVector<Value> halves;
      auto i64 = b.getI64Type();
      for (int64_t t = 0; t < TW; ++t) {
        // The split layout's 80 registers leave room for one 16-byte load
        // a tile (both halves; rows aligned to 16 bytes). H200, 2026-12-02
        // (run279, two passes, every kernel checked), fraction of the copy
        // roofline at 65536 / 16384 rows, two 8-byte loads -> one: bf16
        // 12288 0.77 / 0.77-0.78 -> 0.80 / 0.79, f16 12288 0.70 -> 0.72,
        // bf16 6144 0.80 / 0.79-0.80 -> 0.79-0.81 / 0.79.
        if (split) {
          Value both;
          if (rowsSkipL1) {
            // Not .nc: y may be x (in place). Its 16 bytes at the tile's
            // first element (2 bytes each: the split layout's rows are
            // 16-bit).
            Value at = mlir::walsh::emitAddressAt(
                b, loc, xBase,
                mulc(b.create<arith::AddIOp>(loc, rowStart,
                                             columnOf(t, 0, ownLaneOff)),
                     2),
                LLVM::LLVMPointerType::get(b.getContext(), 1));
            Value words =
                asmOp(LLVM::LLVMStructType::getLiteral(b.getContext(),
                                                       {i32, i32, i32, i32}),
                      ValueRange{at},
                      "ld.global.L1::no_allocate.v4.u32 {$0, $1, $2, $3}, "
                      "[$4];",
                      "=r,=r,=r,=r,l");
            SmallVector<Value> ws;
            for (int64_t i = 0; i < 4; ++i)
              ws.push_back(b.create<LLVM::ExtractValueOp>(loc, words, i));
            both = b.create<vector::BitCastOp>(
                loc, VectorType::get({2}, i64),
                vectorOf(VectorType::get({4}, i32), ws));
          } else {
            Value v = b.create<vector::LoadOp>(
                loc, VectorType::get({8}, storage), x,
                ValueRange{rowc, columnOf(t, 0, ownLaneOff)});
            both =
                b.create<vector::BitCastOp>(loc, VectorType::get({2}, i64), v);
          }
          halves.push_back(extract(both, 0));
          halves.push_back(extract(both, 1));
          continue;
        }
        for (int64_t j = 0; j < 2; ++j) {
          Value v;
          if (span == 4) {
            v = loadWords(x, [&](int64_t h3) -> SmallVector<Value> {
              return {rowc, columnOf(t, j, ownLaneOff, h3)};
            });
          } else {
            v = b.create<vector::LoadOp>(
                loc, VectorType::get({4}, storage), x,
                ValueRange{rowc, columnOf(t, j, ownLaneOff)});
          }
          halves.push_back(extract(
              b.create<vector::BitCastOp>(loc, VectorType::get({1}, i64), v),
              0));
        }
      }
      return halves;
    };
    // With cp.async: each lane copies its halves of the next group's row
    // into a shared buffer at the start of an iteration, so they fly
    // through all of it (in registers the prefetch could start only after
    // the tensor-core stages); it reads only what it copied.
    auto copyRow = [&](Value group, Value buf) {
      auto [row, valid] = rowOf(group);
      auto [xBase, rowStart] = rowStartOf(x, row, valid);
      auto global = LLVM::LLVMPointerType::get(b.getContext(), 1);
      auto sharedPtr = LLVM::LLVMPointerType::get(b.getContext(), 3);
      Value sharedBase = mlir::walsh::emitAddressAt(
          b, loc, b.create<memref::ExtractAlignedPointerAsIndexOp>(loc, raw),
          index(layout.table + layout.exchange), sharedPtr);
      // A half is one 8-byte copy, or with tiles of four dense indices
      // two of 4 bytes (h3 = 0, 1).
      int64_t pieces = span == 4 ? 2 : 1;
      for (int64_t t = 0; t < TW; ++t)
        for (int64_t j = 0; j < 2; ++j)
          for (int64_t h3 = 0; h3 < pieces; ++h3) {
            Value col = columnOf(t, j, ownLaneOff, h3);
            Value byteOff =
                mulc(b.create<arith::AddIOp>(loc, rowStart, col), 2);
            Value src =
                mlir::walsh::emitAddressAt(b, loc, xBase, byteOff, global);
            Value dstOff = b.create<arith::IndexCastOp>(
                loc, b.getI32Type(),
                b.create<arith::AddIOp>(loc, slotByte(buf, t, j),
                                        index(4 * h3)));
            Value dst = b.create<LLVM::GEPOp>(loc, sharedPtr, b.getI8Type(),
                                              sharedBase, ValueRange{dstOff});
            b.create<NVVM::CpAsyncOp>(
                loc, dst, src, b.getI32IntegerAttr(8 / pieces),
                NVVM::LoadCacheModifierKindAttr::get(
                    b.getContext(), NVVM::LoadCacheModifierKind::CA),
                Value());
          }
      b.create<NVVM::CpAsyncCommitGroupOp>(loc);
    };
    SmallVector<Value> first;
    if (asyncRows) {
      copyRow(bid, index(0));
    } else {
      first = loadRow(bid);
    }
    // The block's tables after the first group's loads, which fly through
    // them.
    if ((mul || add) && !split)
      fillTable(tid, mul, add);
    if (paramBuf)
      fillParams(tid, mul, add);
    if (hmSplit)
      fillHm(tid);
    auto loop = b.create<scf::ForOp>(loc, index(0), count, index(1), first);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    Value group = b.create<arith::AddIOp>(
        loc, bid, b.create<arith::MulIOp>(loc, loop.getInductionVar(), grid));
    SmallVector<Value> current(loop.getRegionIterArgs().begin(),
                               loop.getRegionIterArgs().end());
    if (rowsAhead > 1) {
      auto [ahead, valid] = rowOf(b.create<arith::AddIOp>(
          loc, group, b.create<arith::MulIOp>(loc, grid, index(rowsAhead))));
      prefetchRowL2(x, ahead, valid, rowElems,
                    storage.getIntOrFloatBitWidth() / 8,
                    b.create<arith::AddIOp>(loc, mulc(w, 32), lane), W * 32);
    }
    if (asyncRows) {
      Value it = loop.getInductionVar();
      Value nextBuf = b.create<arith::AndIOp>(
          loc, b.create<arith::AddIOp>(loc, it, index(1)).getResult(),
          index(1));
      copyRow(b.create<arith::AddIOp>(loc, group, grid), nextBuf);
      b.create<NVVM::CpAsyncWaitGroupOp>(loc, 1);
      Value buf = b.create<arith::AndIOp>(loc, it, index(1));
      for (int64_t t = 0; t < TW; ++t)
        for (int64_t j = 0; j < 2; ++j) {
          Value v = b.create<vector::LoadOp>(
              loc, VectorType::get({8}, b.getI8Type()), pbuf,
              ValueRange{slotByte(buf, t, j)});
          current.push_back(
              extract(b.create<vector::BitCastOp>(
                          loc, VectorType::get({1}, b.getI64Type()), v),
                      0));
        }
    }
    // z[e][tile]: the lane's value e = h0 + 2 h3 + 4 l3 of each tile (with
    // two warps: e = h0 + 2 h3 of its half, own tiles first).
    std::vector<SmallVector<Value>> z(
        pairs ? 4 : 8, SmallVector<Value>(size_t(split ? TW : T)));
    SmallVector<Value> sent;
    for (int64_t t = 0; t < TW; ++t) {
      // Stage 1, n-tile j (l3 = j): B = half j's words (h3 = 0, 1; h0 in
      // their halves).
      SmallVector<Value> acc[2];
      SmallVector<Value> a1 = stage1Fragments();
      for (int64_t j = 0; j < 2; ++j) {
        Value half = current[size_t(2 * t + j)];
        Value b0 = wordOf(half, 0);
        Value b1 = wordOf(half, 1);
        acc[j] = mma(storage.isBF16() ? "bf16" : "f16", a1, b0, b1, {});
      }
      // Stage 2 takes Y^T as B: n-tile i (h' = 8i + g) is acc[0][2i..] (l
      // = 2q..) and acc[1][2i..] (l = 2q + 8..), as hi + lo.
      SmallVector<Value> other;
      for (int64_t i = 0; i < 2; ++i) {
        SmallVector<Value> hi, lo;
        for (int64_t j = 0; j < 2; ++j) {
          Value u = acc[j][size_t(2 * i)];
          Value v = acc[j][size_t(2 * i + 1)];
          if (f16Hi) {
            // Y / 16 in f16 (the 16 is in `scale`; stage1Sixteenth: from
            // stage 1's fragments).
            if (stage1Sixteenth) {
              hi.push_back(pack(u, v, "f16"));
              continue;
            }
            Value s =
                b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(0.0625f));
            hi.push_back(packScaledF16(u, v, s));
            continue;
          }
          Value h = pack(u, v);
          auto [uh, vh] = bf16WordToF32(h);
          Value ul = b.create<arith::SubFOp>(loc, u, uh);
          Value vl = b.create<arith::SubFOp>(loc, v, vh);
          hi.push_back(h);
          lo.push_back(pack(ul, vl));
        }
        SmallVector<Value> out =
            mma(f16Hi ? "f16" : "bf16", stage2A, hi[0], hi[1], {});
        if (withLo)
          out = mma("bf16", stage2A, lo[0], lo[1], out);
        // Z[h' = 8i + 2q + h0][l' = g + 8 l3] = out[2 l3 + h0] (with two
        // warps l3 is the kept half for out[h0], the other for out[2 + h0]).
        for (int64_t l3 = 0; l3 < 2; ++l3)
          for (int64_t h0 = 0; h0 < 2; ++h0) {
            if (!pairs || l3 == 0)
              z[size_t(h0 + 2 * i + 4 * l3)][size_t(t)] =
                  out[size_t(2 * l3 + h0)];
            else
              other.push_back(out[size_t(2 + h0)]);
          }
      }
      if (pairs)
        sent.push_back(vectorOf(VectorType::get({4}, f32), other));
    }
    // The next group's loads fly through the rest (past the last: row 0's,
    // never used).
    SmallVector<Value> next;
    if (!asyncRows)
      next = loadRow(b.create<arith::AddIOp>(loc, group, grid));

    if (pairs)
      exchange(z, sent, r, loop.getInductionVar());
    acrossTiles(z);

    auto [row, valid] = rowOf(group);
    if (split) {
      if (hmSplit)
        splitDenseStageMma(z, row, valid, y, loop.getInductionVar());
      else
        splitDenseStage(z, row, valid, y);
      if (!asyncRows)
        b.create<scf::YieldOp>(loc, next);
      return;
    }
    auto ifValid = b.create<scf::IfOp>(loc, valid, /*withElse=*/false);
    {
      OpBuilder::InsertionGuard inner(b);
      b.setInsertionPointToStart(&ifValid.getThenRegion().front());
      for (int64_t t = 0; t < T; ++t)
        for (int64_t j = 0; j < 2 / W; ++j) {
          SmallVector<Value> vals;
          for (int64_t e = 0; e < 4; ++e)
            vals.push_back(z[size_t(4 * j + e)][size_t(t)]);
          Value v = affine(vectorOf(VectorType::get({4}, f32), vals), t, j,
                           bool(mul), bool(add));
          if (outStorage != f32)
            v = narrowPairs(v);
          if (span == 4) {
            // Values h0 + 2 h3 of the half: a word of dense index h3 each.
            for (int64_t h3 = 0; h3 < 2; ++h3) {
              Value part = b.create<vector::ExtractStridedSliceOp>(
                  loc, v, ArrayRef<int64_t>{2 * h3}, ArrayRef<int64_t>{2},
                  ArrayRef<int64_t>{1});
              b.create<vector::StoreOp>(
                  loc, part, y, ValueRange{row, columnOf(t, j, laneOff, h3)});
            }
            continue;
          }
          b.create<vector::StoreOp>(loc, v, y,
                                    ValueRange{row, storeColumn(t, j)});
        }
    }
    // (Without carried values the loop has its empty yield already.)
    if (!asyncRows)
      b.create<scf::YieldOp>(loc, next);
  }

private:
  /// Stage 1's A fragments for a tile. In f16 with tiles of four dense
  /// indices they are stage 2's (bf16, the same signs and zeros) with each
  /// 1.0 turned into f16's (0x3F80 & 0xBC00 = 0x3C00), by an opaque `and`
  /// a tile, where bf16 shares one set: kept apart, the four more
  /// registers made ptxas spill at d = 2816 (255 registers).
  SmallVector<Value> stage1Fragments() {
    if (!deriveStage1)
      return stage1A;
    SmallVector<Value> out;
    for (Value v : stage2A)
      out.push_back(asmOp(i32, ValueRange{v}, "and.b32 $0, $1, 0xBC00BC00;",
                          "=r,r", /*sideEffects=*/true));
    return out;
  }
  /// One 16-bit entry (i, j) of H_16 = (-1)^popcount(i & j), as `one`
  /// with the sign bit set when the parity is odd; of H_8 (x) I_2 (bit 3
  /// a dense-index bit: 0 where i and j differ in it) when `pairs`.
  Value hsign(Value i, Value j, uint32_t one, bool pairs) {
    Value x = b.create<arith::AndIOp>(loc, i, j);
    for (int64_t shift : {1, 2}) {
      Value down = b.create<arith::ShRUIOp>(loc, x, i32c(shift));
      x = b.create<arith::XOrIOp>(loc, x, down);
    }
    Value parity = b.create<arith::AndIOp>(loc, x, i32c(1));
    if (pairs) {
      // Bit 3 of i & j is in the parity: take it out again.
      Value top = b.create<arith::ShRUIOp>(
          loc, b.create<arith::AndIOp>(loc, i, j).getResult(), i32c(3));
      parity = b.create<arith::XOrIOp>(loc, parity, top);
    }
    Value sign = b.create<arith::ShLIOp>(loc, parity, i32c(15));
    Value entry = b.create<arith::OrIOp>(loc, i32c(one), sign);
    if (!pairs)
      return entry;
    Value apart = b.create<arith::AndIOp>(
        loc, b.create<arith::XOrIOp>(loc, i, j).getResult(), i32c(8));
    Value same =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, apart, i32c(0));
    return b.create<arith::SelectOp>(loc, same, entry, i32c(0));
  }
  /// A fragment register: entry (i0, j0) in the low half, (i1, j1) in the
  /// high (hsign).
  Value hpair(Value i0, Value j0, Value i1, Value j1, uint32_t one,
              bool pairs) {
    Value low = hsign(i0, j0, one, pairs);
    Value high =
        b.create<arith::ShLIOp>(loc, hsign(i1, j1, one, pairs), i32c(16));
    return b.create<arith::OrIOp>(loc, low, high);
  }
  /// Tiles of four dense indices: a half's two words (h3 = 0, 1: two 16-bit
  /// elements each, from two dense indices) loaded from `mem` at
  /// `indices(h3)` as one vector of four; each word's indices are emitted
  /// just before its load.
  Value loadWords(Value mem,
                  llvm::function_ref<SmallVector<Value>(int64_t)> indices) {
    auto vec2 = VectorType::get({2}, storage);
    Value w0 = b.create<vector::LoadOp>(loc, vec2, mem, indices(0));
    Value w1 = b.create<vector::LoadOp>(loc, vec2, mem, indices(1));
    return b.create<vector::ShuffleOp>(loc, w0, w1,
                                       ArrayRef<int64_t>{0, 1, 2, 3});
  }
  /// Column of the first of the lane's four elements in half j (l3 = j) of
  /// tile t: t * 256 + 8 lane + 4 j; with dense-index pairs (2^k = 128)
  /// (t + j m / 2) * 128 + 4 lane; with quads (2^k = 64) the first of the
  /// two of word h3, (t + (2 j + h3) m / 4) * 64 + 2 lane. `lanePart` is
  /// the lane's part (laneOff, or with two warps a row laneOff + the
  /// warp's own tiles).
  Value columnOf(int64_t t, int64_t j, Value lanePart, int64_t h3 = 0) {
    int64_t base = span == 4   ? (t + (2 * j + h3) * (m / 4)) * 64
                   : span == 2 ? (t + j * (m / 2)) * 128
                               : t * 256 + 4 * j;
    return b.create<arith::AddIOp>(loc, lanePart, index(base));
  }
  /// The tile array index t stands for: t itself with one warp a row; with
  /// two, the warp's own tiles w T/2 .. first, then the other's.
  Value actualTile(int64_t t) {
    if (W == 1)
      return index(t);
    Value first = t < TW ? w : b.create<arith::SubIOp>(loc, index(1), w);
    return b.create<arith::AddIOp>(loc, mulc(first, TW), index(t % TW));
  }
  /// Where the lane stores half j of array tile t (two warps: half w).
  Value storeColumn(int64_t t, int64_t j) {
    if (W == 1)
      return columnOf(t, j, laneOff);
    // 2^k >= 256 (two warps a row need it): t * 256 + 4 w + 8 lane.
    return sum({mulc(actualTile(t), 256), mulc(w, 4), laneOff});
  }
  /// The byte of the prefetch buffers where the lane's half j of its tile t
  /// of buffer `buf` sits ([buffer][warp][tile][half][lane] 8 bytes; one
  /// warp a row, mmaAsyncRows).
  Value slotByte(Value buf, int64_t t, int64_t j) {
    Value region = sum({mulc(buf, R), warp});
    return sum({mulc(region, TW * 512), index((2 * t + j) * 256),
                mulc(lane, 8)});
  }
  /// Two warps a row: each warp's other half of its own tiles (`sent`, one
  /// vector a tile) through shared memory to the row's other warp, which
  /// puts them after its own tiles in z. Double-buffered by the iteration's
  /// parity, so one barrier of the row's 64 threads (bar.sync 1 + r, 64)
  /// an iteration: a warp writes a buffer again two iterations on, after
  /// the barrier of the one between, which its partner reaches only once it
  /// has read.
  void exchange(std::vector<SmallVector<Value>> &z, ArrayRef<Value> sent,
                Value r, Value it) {
    Value parity = b.create<arith::AndIOp>(loc, it, index(1));
    // xbuf[parity][r][warp][tile][lane][4].
    auto slot = [&](Value warpOfRow, int64_t t) {
      Value region = sum({mulc(parity, R * 2), mulc(r, 2), warpOfRow});
      return sum({mulc(region, TW * 128), index(t * 128), mulc(lane, 4)});
    };
    auto vec4 = VectorType::get({4}, f32);
    for (int64_t t = 0; t < TW; ++t)
      b.create<vector::StoreOp>(loc, sent[size_t(t)], xbuf,
                                ValueRange{slot(w, t)});
    Value id = b.create<arith::AddIOp>(loc, toI32(r), i32c(1));
    asmOp(Type(), id, "bar.sync $0, 64;", "r,~{memory}", /*sideEffects=*/true);
    Value partner = b.create<arith::SubIOp>(loc, index(1), w);
    for (int64_t t = 0; t < TW; ++t) {
      Value v = b.create<vector::LoadOp>(loc, vec4, xbuf,
                                         ValueRange{slot(partner, t)});
      for (int64_t e = 0; e < 4; ++e)
        z[size_t(e)][size_t(TW + t)] = extract(v, e);
    }
  }
  /// Word j (0: the low) of a 64-bit value.
  Value wordOf(Value v, int64_t j) {
    if (j)
      v = b.create<arith::ShRUIOp>(loc, v,
                                   b.create<arith::ConstantIntOp>(loc, 32, 64));
    return b.create<arith::TruncIOp>(loc, i32, v);
  }
  /// `v` in every word of a vector<n x i32>.
  Value words(uint32_t v, int64_t n = 2) {
    return b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(VectorType::get({n}, i32),
                                    b.getI32IntegerAttr(int32_t(v))));
  }
  /// An even number of fp32 values (a vector) in the output's 16-bit type,
  /// converted in pairs.
  Value narrowPairs(Value v) {
    StringRef type = outStorage.isBF16() ? "bf16" : "f16";
    int64_t n = cast<VectorType>(v.getType()).getNumElements();
    Value packed = words(0, n / 2);
    for (int64_t i = 0; i < n / 2; ++i) {
      Value lo = extract(v, 2 * i);
      Value hi = extract(v, 2 * i + 1);
      packed = b.create<vector::InsertOp>(loc, pack(lo, hi, type), packed, i);
    }
    return b.create<vector::BitCastOp>(loc, VectorType::get({n}, outStorage),
                                       packed);
  }
  /// In registers, for each of the lane's positions: H_C's radix-2 levels
  /// over the tiles of one dense index, then H_m (or H_m^T) over the dense
  /// indices. z[e][t] is value e of tile t; with dense-index pairs, dense
  /// index a is tile a % (m / 2), values 4 (a / (m / 2)) ...
  void acrossTiles(std::vector<SmallVector<Value>> &z) {
    for (auto &v : z)
      for (int64_t s = 1; s < C; s <<= 1)
        for (int64_t t = 0; t < int64_t(v.size()); ++t)
          if (!(t & s)) {
            Value u = v[size_t(t)], w = v[size_t(t + s)];
            v[size_t(t)] = b.create<arith::AddFOp>(loc, u, w);
            v[size_t(t + s)] = b.create<arith::SubFOp>(loc, u, w);
          }
    if (m == 1 || split)
      return;
    // (e, t) of dense index a at position (e0, c).
    auto slot = [&](int64_t e0, int64_t c, int64_t a) {
      if (span == 1)
        return std::pair<size_t, size_t>(size_t(e0), size_t(a * C + c));
      // Dense index a is tile a % T, its values (8 / span) (a / T) + e0.
      return std::pair<size_t, size_t>(size_t(e0 + (8 / span) * (a / T)),
                                       size_t(a % T));
    };
    // H_m on z's dense indices, array index (a + rot) % m holding a.
    auto denseStage = [&](std::vector<SmallVector<Value>> &v, int64_t rot) {
      for (int64_t e0 = 0; e0 < (pairs ? 4 : 8 / span); ++e0)
        for (int64_t c = 0; c < C; ++c) {
          SmallVector<Value> in;
          for (int64_t a = 0; a < m; ++a) {
            auto [e, t] = slot(e0, c, (a + rot) % m);
            in.push_back(v[e][t]);
          }
          SmallVector<Value> out =
              mlir::walsh::emitBaseProduct(b, loc, m, chain.transpose, in);
          for (int64_t a = 0; a < m; ++a) {
            auto [e, t] = slot(e0, c, (a + rot) % m);
            v[e][t] = out[size_t(a)];
          }
        }
    };
    if (W == 1) {
      denseStage(z, 0);
      return;
    }
    // Two warps a row: warp 1's array starts at tile T/2, dense index m/2
    // (the tiles of one dense index stay together): the same program
    // wired m/2 further, in a branch uniform over each warp.
    SmallVector<Type> types;
    for (auto &v : z)
      types.append(v.size(), f32);
    Value first =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, w, index(0));
    auto branch = b.create<scf::IfOp>(loc, types, first, /*withElse=*/true);
    for (int64_t k = 0; k < 2; ++k) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(k == 0 ? &branch.getThenRegion().front()
                                        : &branch.getElseRegion().front());
      std::vector<SmallVector<Value>> v = z;
      denseStage(v, k == 0 ? 0 : m / 2);
      SmallVector<Value> flat;
      for (auto &row : v)
        flat.append(row.begin(), row.end());
      b.create<scf::YieldOp>(loc, flat);
    }
    size_t n = 0;
    for (auto &row : z)
      for (Value &val : row)
        val = branch.getResult(unsigned(n++));
  }
  /// The split layout's m-point stage and the rest of the row. Warp w's
  /// lanes store their finished tiles (dense indices w g ...) in the row's
  /// fp32 buffer (tile t's positions 8 lane .. 8 lane + 7 as two 16-byte
  /// pieces; float f at f ^ ((f >> 5) & 1) << 2, so that a quarter warp's
  /// pieces, 32 bytes apart, reach distinct banks), one barrier; then the
  /// block's threads take the row's P / 2 pairs of positions in turn, each
  /// with all m dense indices (8-byte reads, consecutive across a warp):
  /// H_m (the sign program), the scale, a and b from the block's shared
  /// copy (fillParams), 4-byte stores; a barrier before the next row's
  /// stores.
  void splitDenseStage(const std::vector<SmallVector<Value>> &z, Value row,
                       Value valid, Value y) {
    int64_t P = C * 256;
    auto swizzled = [&](Value f) -> Value {
      Value bit = b.create<arith::AndIOp>(
          loc, b.create<arith::ShRUIOp>(loc, f, index(3)), index(4));
      return b.create<arith::XOrIOp>(loc, f, bit);
    };
    Value base = sum({mulc(w, TW * 256), mulc(lane, 8)});
    for (int64_t t = 0; t < TW; ++t)
      for (int64_t j = 0; j < 2; ++j) {
        SmallVector<Value> vals;
        for (int64_t e = 0; e < 4; ++e)
          vals.push_back(z[size_t(4 * j + e)][size_t(t)]);
        b.create<vector::StoreOp>(
            loc, vectorOf(VectorType::get({4}, f32), vals), rowBuf,
            ValueRange{swizzled(
                b.create<arith::AddIOp>(loc, base, index(t * 256 + 4 * j)))});
      }
    b.create<gpu::BarrierOp>(loc);
    Value tid = b.create<gpu::ThreadIdOp>(loc, gpu::Dimension::x);
    // Pieces of two positions (2 m values a thread through H_m), or of
    // one past m = 28, whose 2 m would spill.
    int64_t pw = m > 28 ? 1 : 2;
    auto pieces = b.create<scf::ForOp>(loc, tid, index(P / pw), index(W * 32));
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(pieces.getBody());
      Value col = mulc(pieces.getInductionVar(), pw);
      auto vecN = VectorType::get({pw}, f32);
      // a and b (in the storage type) from shared memory where they are
      // used: no global loads wait behind the row's stores, nor hold
      // registers through H_m.
      // (Past the shared memory a block may have, from global memory:
      // mmaSharedLayout. bf16 pairs are widened by widenPair.)
      auto param = [&](int64_t a) -> Value {
        auto type = VectorType::get({pw}, storage);
        Value v =
            paramBuf
                ? b.create<vector::LoadOp>(
                      loc, type, paramBuf,
                      ValueRange{
                          b.create<arith::AddIOp>(loc, col, index(a * P))})
                : b.create<vector::LoadOp>(
                      loc, type, a >= m || !hasMul ? addArg : mulArg,
                      ValueRange{b.create<arith::AddIOp>(
                          loc, col, index((a % m) * P))});
        return pw == 2 ? widenPair(v) : b.create<arith::ExtFOp>(loc, vecN, v);
      };
      SmallVector<Value> in[2];
      for (int64_t a = 0; a < m; ++a) {
        Value v = b.create<vector::LoadOp>(
            loc, vecN, rowBuf,
            ValueRange{
                swizzled(b.create<arith::AddIOp>(loc, col, index(a * P)))});
        for (int64_t l = 0; l < pw; ++l)
          in[l].push_back(extract(v, l));
      }
      SmallVector<Value> out[2];
      for (int64_t l = 0; l < pw; ++l)
        out[l] =
            mlir::walsh::emitBaseProduct(b, loc, m, chain.transpose, in[l]);
      auto ifValid = b.create<scf::IfOp>(loc, valid, /*withElse=*/false);
      OpBuilder::InsertionGuard inner(b);
      b.setInsertionPointToStart(&ifValid.getThenRegion().front());
      Value scaleV = b.create<arith::ConstantOp>(
          loc, DenseElementsAttr::get(vecN, b.getF32FloatAttr(float(scale))));
      for (int64_t a = 0; a < m; ++a) {
        Value at = b.create<arith::AddIOp>(loc, col, index(a * P));
        SmallVector<Value> vals;
        for (int64_t l = 0; l < pw; ++l)
          vals.push_back(out[l][size_t(a)]);
        Value v = vectorOf(vecN, vals);
        if (scale != 1.0)
          v = b.create<arith::MulFOp>(loc, v, scaleV, contract());
        if (hasMul)
          v = b.create<arith::MulFOp>(loc, v, param(a), contract());
        if (hasAdd)
          v = b.create<arith::AddFOp>(loc, v, param(hasMul ? m + a : a),
                                      contract());
        if (outStorage != f32)
          v = pw == 2 ? narrowPairs(v)
                      : b.create<arith::TruncFOp>(
                            loc, VectorType::get({pw}, outStorage), v);
        b.create<vector::StoreOp>(loc, v, y, ValueRange{row, at});
      }
    }
    b.create<gpu::BarrierOp>(loc);
  }
  /// mmaSplitHm, once a block: H_m's fragments into shared memory and the
  /// row buffer's padding (dense indices m .. 16 IT - 1) zeroed; the first
  /// row's barrier orders both before their reads.
  void fillHm(Value tid) {
    int64_t P = C * 256, threads = W * 32;
    // (A power-of-two d's factor is Sylvester's H_m: H_1 (x) H_m.)
    bool sylvester = llvm::isPowerOf2_64(uint64_t(m));
    Value base = hmFragments(sylvester ? 1 : m, sylvester ? m : 1, IT, IT,
                             /*f16=*/hmF16);
    if (hmStationary) {
      // Warp w < IT Wj: block row w / Wj, items w % Wj, + Wj, ...; the
      // warps past IT Wj take none (block row IT - 1's fragments).
      int64_t wj = W / IT;
      Value inUse =
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, w,
                                  index(wj * IT));
      hmBlockRow = b.create<arith::MinUIOp>(
          loc, b.create<arith::DivUIOp>(loc, w, index(wj)), index(IT - 1));
      hmFirstItem = b.create<arith::SelectOp>(
          loc, inUse, b.create<arith::RemUIOp>(loc, w, index(wj)),
          index(P / 16));
      Value rowBase = b.create<LLVM::GEPOp>(
          loc, base.getType(), i32, base,
          ValueRange{toI32(mulc(hmBlockRow, IT * 128))});
      hmRegs = fragmentRegisters(rowBase, IT, lane);
    } else if (hmRegisters())
      hmRegs = fragmentRegisters(base, IT * IT, lane);
    else
      copyFragments(tid, threads, base, IT * IT, fragView);
    int64_t chunks = (IT * 16 - m) * P * 2 / 16;
    int64_t bufWords = layout.rowBufferWords();
    for (int64_t buf = 0; chunks && buf < layout.rowBuffers; ++buf) {
      auto loop =
          b.create<scf::ForOp>(loc, tid, index(chunks), index(threads));
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value zeros = b.create<arith::ConstantOp>(
          loc, DenseElementsAttr::get(VectorType::get({4}, i32),
                                      b.getI32IntegerAttr(0)));
      b.create<vector::StoreOp>(
          loc, zeros, rowBuf,
          ValueRange{sum({index(buf * bufWords + m * P / 2),
                          mulc(loop.getInductionVar(), 4)})});
    }
  }
  /// The split layout's m-point stage on tensor cores (mmaSplitHm; no
  /// output cast). Each warp writes its dense indices' values to the row
  /// buffer as one 16-bit piece — bf16(z) for bf16 rows (as stage 2 of the
  /// tiles took Y), f16(z / 16 C) for f16 rows, the 16 C back in the
  /// output's scale (|z| <= 16 C max|x| there, Y / 16 having gone into
  /// stage 2, so z / 16 C cannot overflow f16; its 11 bits are an f16
  /// output's) — index j's 16-byte chunk c at chunk c ^ (j % 8) so that
  /// ldmatrix's eight rows fall in distinct banks (the buffer of the
  /// iteration's parity where there are two: mmaSplitHmTwoRows); a
  /// barrier; then the warps take items of 16 positions in turn: C = H_m
  /// Z as IT x IT mma.sync.m16n8k16 a pair of n-tiles, A = H_m's 16 x 16
  /// blocks (exact in bf16 and f16, m padded with zero rows and columns;
  /// fragments in registers or one 16-byte shared load a block:
  /// mmaSplitHmRegisters; or, mmaSplitHmStationary, each warp one block
  /// row of C, its fragments in registers, items in turn among that block
  /// row's warps), B = Z from ldmatrix.x4.trans (k = j, n = p); the
  /// affine on the accumulators (a and b pairs from the block's copy), and
  /// each block of 16 dense indices x 16 positions through the warp's
  /// staging area (stmatrix, chunks swizzled by (row / 4) % 2) to 16-byte
  /// stores, whole 32-byte sectors a pair of lanes (the 4-byte pairs had
  /// the L2 at 79 %, H200 run309). Where the sign program costs 8.5-15.4
  /// additions an element (m = 28 ... 60) this costs one mma per 16 x 16 x
  /// 8 products. H200, 2026-12-02: a CUDA prototype
  /// (benchmarks/data/device-scripts-1202g, runs 307-310), then the
  /// compiled kernels (runs 311-315; the defaults: GpuCompiler.cpp's
  /// mmaSplitHmIndicesPerWarp). Errors: bf16 outputs their rounding plus
  /// two of 2^-9 (Y's and Z's pieces), 2.4-4.5e-3 of the largest output
  /// against the sign program's 2.0-3.3e-3; f16 3.2-4.5e-4 (run360; with
  /// f16 rows' two bf16 pieces, hi + lo, before: 3.4-5.5e-4, and one mma
  /// more a block: f16 13312 0.50 -> 0.70, 15360 0.54 -> 0.70 of the copy
  /// roofline at 16384 rows).
  void splitDenseStageMma(const std::vector<SmallVector<Value>> &z, Value row,
                          Value valid, Value y, Value iter) {
    int64_t P = C * 256, g = TW / C;
    // This row's buffer: iteration parity with two.
    Value bufAt = layout.rowBuffers == 2
                      ? mulc(b.create<arith::AndIOp>(loc, iter, index(1)),
                             layout.rowBufferWords())
                      : index(0);
    // The i32 index of dense index j's chunk c (8 bf16 values).
    auto chunkWord = [&](Value j, Value c) -> Value {
      Value swz = b.create<arith::XOrIOp>(
          loc, c, b.create<arith::AndIOp>(loc, j, index(7)));
      return sum({mulc(j, P / 2), mulc(swz, 4)});
    };
    auto vec4i = VectorType::get({4}, i32);
    float inv16C = float(1.0 / double(16 * C));
    Value down = hmF16 ? b.create<arith::ConstantOp>(
                             loc, b.getF32FloatAttr(inv16C))
                       : Value();
    for (int64_t t = 0; t < TW; ++t) {
      Value j = b.create<arith::AddIOp>(loc, mulc(w, g), index(t / C));
      Value c = b.create<arith::AddIOp>(loc, lane, index((t % C) * 32));
      SmallVector<Value> words;
      for (int64_t e = 0; e < 8; e += 2) {
        Value u = z[size_t(e)][size_t(t)], v = z[size_t(e + 1)][size_t(t)];
        words.push_back(hmF16 ? packScaledF16(u, v, down) : pack(u, v));
      }
      b.create<vector::StoreOp>(loc, vectorOf(vec4i, words), rowBuf,
                                ValueRange{sum({chunkWord(j, c), bufAt})});
    }
    b.create<gpu::BarrierOp>(loc);

    auto byte = [&](Value v) {
      return b.create<arith::IndexCastOp>(loc, i32, v).getResult();
    };
    Value mtx = b.create<arith::ShRUIOp>(loc, lane, index(3));
    Value low = b.create<arith::AndIOp>(loc, mtx, index(1));
    Value high = b.create<arith::ShRUIOp>(loc, mtx, index(1));
    Value r8 = b.create<arith::AndIOp>(loc, lane, index(7));
    // ldmatrix: matrix lane / 8 = (k half, n-tile), row lane % 8.
    Value jOff = sum({mulc(low, 8), r8});
    // stmatrix: matrix lane / 8 = (h, n) = (low, high), row lane % 8 of
    // block row 8 h + lane % 8; read back: row lane / 2, chunk lane % 2.
    auto swz = [&](Value r) {
      return b.create<arith::AndIOp>(
          loc, b.create<arith::ShRUIOp>(loc, r, index(2)), index(1));
    };
    Value stRow = b.create<arith::AddIOp>(loc, r8, mulc(low, 8));
    Value stAt = b.create<arith::AddIOp>(
        loc, stagingAddr,
        byte(sum({mulc(stRow, 32),
                  mulc(b.create<arith::XOrIOp>(loc, high, swz(stRow)), 16)})));
    Value ldRow = b.create<arith::ShRUIOp>(loc, lane, index(1));
    Value ldChunk = b.create<arith::AndIOp>(loc, lane, index(1));
    Value ldAt = b.create<arith::AddIOp>(
        loc, stagingAddr,
        byte(sum({mulc(ldRow, 32),
                  mulc(b.create<arith::XOrIOp>(loc, ldChunk, swz(ldRow)), 16)})));
    Value gq = b.create<arith::ShRUIOp>(loc, lane, index(2));
    Value q2 = mulc(b.create<arith::AndIOp>(loc, lane, index(3)), 2);
    int64_t stride = P + 8;

    using Acc = std::vector<std::array<SmallVector<Value>, 2>>;
    auto four = LLVM::LLVMStructType::getLiteral(b.getContext(),
                                                 {i32, i32, i32, i32});
    // Item it's products: C = H_m Z for its 16 positions, all IT block rows
    // (acc[jb]) or, stationary, the warp's one (acc[0]).
    auto products = [&](Value it) {
      int64_t outRows = hmStationary ? 1 : IT;
      Acc acc(static_cast<size_t>(outRows));
      for (int64_t kb = 0; kb < IT; ++kb) {
        Value j = b.create<arith::AddIOp>(loc, jOff, index(kb * 16));
        Value c = b.create<arith::AddIOp>(loc, mulc(it, 2), high);
        Value at = b.create<arith::AddIOp>(
            loc, rowAddr, byte(mulc(sum({chunkWord(j, c), bufAt}), 4)));
        SmallVector<Value> bw;
        Value bx = asmOp(four, ValueRange{at},
                         "ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {$0, "
                         "$1, $2, $3}, [$4];",
                         "=r,=r,=r,=r,r,~{memory}", /*sideEffects=*/true);
        for (int64_t i = 0; i < 4; ++i)
          bw.push_back(b.create<LLVM::ExtractValueOp>(loc, bx, i));
        for (int64_t jb = 0; jb < outRows; ++jb) {
          SmallVector<Value> a;
          if (hmStationary || hmRegisters()) {
            auto first = hmRegs.begin() + (jb * IT + kb) * 4;
            a.assign(first, first + 4);
          } else {
            Value f = b.create<vector::LoadOp>(
                loc, vec4i, fragView,
                ValueRange{b.create<arith::AddIOp>(
                    loc, mulc(lane, 4), index((jb * IT + kb) * 128))});
            for (int64_t i = 0; i < 4; ++i)
              a.push_back(extract(f, i));
          }
          for (int64_t n = 0; n < 2; ++n)
            acc[size_t(jb)][size_t(n)] =
                mma(hmF16 ? "f16" : "bf16", a, bw[size_t(2 * n)],
                    bw[size_t(2 * n + 1)], acc[size_t(jb)][size_t(n)]);
        }
      }
      return acc;
    };
    auto vec2 = VectorType::get({2}, f32);
    // (One f16 piece: z / (16 C) went in, 16 C comes back here.)
    double outScale = scale * (hmF16 ? double(16 * C) : 1.0);
    Value scaleV = b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(vec2, b.getF32FloatAttr(float(outScale))));
    // Item it's outputs (inside the row's validity test): the affine on
    // each block row's accumulators, through the staging area, stored.
    auto outputs = [&](Value it, const Acc &acc) {
      for (int64_t jb = 0; jb < int64_t(acc.size()); ++jb) {
        // The block row's first dense index, and whether it passes m.
        Value jb16 = hmStationary ? mulc(hmBlockRow, 16) : index(jb * 16);
        bool past = hmStationary ? 16 * IT > m : 16 * (jb + 1) > m;
        // The lane's pairs: rows jb16 + g (+ 8 h), positions 16 it + 8 n +
        // 2 q (+1); rows past m (their products zero) read row m - 1's a
        // and b and are not stored.
        SmallVector<Value> ops{stAt};
        for (int64_t n = 0; n < 2; ++n)
          for (int64_t h = 0; h < 2; ++h) {
            Value j = b.create<arith::MinUIOp>(
                loc, sum({gq, jb16, index(8 * h)}), index(m - 1));
            Value at =
                sum({mulc(j, stride), mulc(it, 16), index(8 * n), q2});
            const SmallVector<Value> &c = acc[size_t(jb)][size_t(n)];
            Value v =
                vectorOf(vec2, {c[size_t(2 * h)], c[size_t(2 * h + 1)]});
            auto param = [&](int64_t which) -> Value {
              return widenPair(b.create<vector::LoadOp>(
                  loc, VectorType::get({2}, storage), paramBuf,
                  ValueRange{b.create<arith::AddIOp>(
                      loc, at, index(which * m * stride))}));
            };
            if (outScale != 1.0)
              v = b.create<arith::MulFOp>(loc, v, scaleV, contract());
            if (hasMul)
              v = b.create<arith::MulFOp>(loc, v, param(0), contract());
            if (hasAdd)
              v = b.create<arith::AddFOp>(loc, v, param(hasMul ? 1 : 0),
                                          contract());
            ops.push_back(pack(extract(v, 0), extract(v, 1),
                               outStorage.isF16() ? "f16" : "bf16"));
          }
        // (ops' words: matrices (h, n) = (0, 0), (1, 0), (0, 1), (1, 1).)
        SmallVector<Value> words = throughStaging(ops, ldAt);
        Value jo = b.create<arith::AddIOp>(loc, ldRow, jb16);
        Value col = sum({mulc(jo, P), mulc(it, 16), mulc(ldChunk, 8)});
        if (!past) {
          storeWords(words, y, row, col);
          continue;
        }
        auto inRange = b.create<scf::IfOp>(
            loc,
            b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, jo,
                                    index(m)),
            /*withElse=*/false);
        OpBuilder::InsertionGuard inner(b);
        b.setInsertionPointToStart(&inRange.getThenRegion().front());
        storeWords(words, y, row, col);
      }
    };
    {
      OpBuilder::InsertionGuard guard(b);
      if (!hmStationary) {
        auto items = b.create<scf::ForOp>(loc, w, index(P / 16), index(W));
        b.setInsertionPointToStart(items.getBody());
        Value it = items.getInductionVar();
        Acc acc = products(it);
        auto ifValid = b.create<scf::IfOp>(loc, valid, /*withElse=*/false);
        b.setInsertionPointToStart(&ifValid.getThenRegion().front());
        outputs(it, acc);
      } else {
        // Stationary: the warp's block row, items first, first + Wj, ...
        // U at a time (their products first, in flight together; an item
        // past the last computes the first's again and stores nothing).
        int64_t wj = W / IT, items = P / 16;
        int64_t U =
            std::min(mmaSplitHmItemsAtOnce(config), (items + wj - 1) / wj);
        auto loop = b.create<scf::ForOp>(loc, hmFirstItem, index(items),
                                         index(U * wj));
        b.setInsertionPointToStart(loop.getBody());
        Value base = loop.getInductionVar();
        SmallVector<Value> its{base}, oks{Value()};
        for (int64_t u = 1; u < U; ++u) {
          Value itU = b.create<arith::AddIOp>(loc, base, index(u * wj));
          Value ok = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult,
                                             itU, index(items));
          oks.push_back(ok);
          its.push_back(b.create<arith::SelectOp>(loc, ok, itU, base));
        }
        std::vector<Acc> accs;
        for (Value it : its)
          accs.push_back(products(it));
        auto ifValid = b.create<scf::IfOp>(loc, valid, /*withElse=*/false);
        b.setInsertionPointToStart(&ifValid.getThenRegion().front());
        for (int64_t u = 0; u < U; ++u) {
          if (!oks[size_t(u)]) {
            outputs(its[size_t(u)], accs[size_t(u)]);
            continue;
          }
          auto inRange =
              b.create<scf::IfOp>(loc, oks[size_t(u)], /*withElse=*/false);
          OpBuilder::InsertionGuard inner(b);
          b.setInsertionPointToStart(&inRange.getThenRegion().front());
          outputs(its[size_t(u)], accs[size_t(u)]);
        }
      }
    }
    // With two buffers the next row's writes go to the other one, which
    // every warp finished reading before this row's barrier.
    if (layout.rowBuffers == 1)
      b.create<gpu::BarrierOp>(loc);
  }
  /// Quarter-tiles of 4 floats a lane holds in the table for each tile:
  /// a * scale's two halves, then b's, as present.
  int64_t quarters() const { return 2 * (int64_t(hasMul) + hasAdd); }
  /// The affine table: for each (tile, quarter, lane), in that order, the
  /// lane's 4 values of a * scale (quarters 0 and 1: halves l3 = 0, 1) and
  /// of b (then 2 and 3) as fp32: 16-byte loads, a warp's 512 contiguous
  /// bytes (no bank conflicts). Filled by the whole block.
  void fillTable(Value tid, Value mul, Value add) {
    forStrided(tid, T * quarters() * 32, R * W * 32, [&](Value e) {
      Value t = b.create<arith::DivUIOp>(loc, e, index(quarters() * 32));
      Value k = b.create<arith::RemUIOp>(
          loc, b.create<arith::ShRUIOp>(loc, e, index(5)).getResult(),
          index(quarters()));
      Value j = b.create<arith::AndIOp>(loc, k, index(1));
      Value ln = b.create<arith::AndIOp>(loc, e, index(31));
      // columnOf(t, j, h3) for lane ln.
      auto col = [&](int64_t h3) {
        if (span == 4)
          return sum({mulc(t, 64), mulc(j, (m / 2) * 64),
                      index(h3 * (m / 4) * 64), mulc(ln, 2)});
        if (span == 2)
          return sum({mulc(t, 128), mulc(j, (m / 2) * 128), mulc(ln, 4)});
        return sum({mulc(t, 256), mulc(j, 4), mulc(ln, 8)});
      };
      // Computed once for a and b; with quads for each (where run90-93
      // measured them: computed once, bf16 2816 took 8 bytes of spills and
      // ran 0.87 of the copy roofline against 0.92, run98).
      Value col0 = span == 4 ? Value() : col(0);
      Value at = mulc(e, 4);
      auto vec4 = VectorType::get({4}, f32);
      // a * scale or b, as the quarter takes it.
      auto widen = [&](Value param, bool scaled) {
        Value v;
        if (span == 4) {
          v = loadWords(param, [&](int64_t h3) -> SmallVector<Value> {
            return {col(h3)};
          });
        } else {
          v = b.create<vector::LoadOp>(loc, VectorType::get({4}, storage),
                                       param, ValueRange{col0});
        }
        v = b.create<arith::ExtFOp>(loc, vec4, v);
        if (scaled && scale != 1.0)
          v = b.create<arith::MulFOp>(loc, v, splat(scale));
        return v;
      };
      // Quarters 0, 1: a (when present); the rest: b. With both, each
      // step loads both and picks one (no branch, so that ptxas may issue
      // every step's loads together).
      Value v;
      if (hasMul && hasAdd) {
        Value isA = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, k,
                                            index(2));
        Value va = widen(mul, true);
        v = b.create<arith::SelectOp>(loc, isA, va, widen(add, false));
      } else {
        v = widen(hasMul ? mul : add, hasMul);
      }
      b.create<vector::StoreOp>(loc, v, table, ValueRange{at});
    });
    b.create<gpu::BarrierOp>(loc);
  }
  /// The split layout's a and b (as present, in the storage type, a then
  /// b) copied into shared memory once a block, 16 bytes a copy; the
  /// first row's barrier orders it before their reads.
  void fillParams(Value tid, Value mul, Value add) {
    int64_t P = C * 256, d = m * P;
    auto vec8 = VectorType::get({8}, storage);
    int64_t at = 0;
    for (Value param : {mul, add}) {
      if (!param)
        continue;
      forStrided(mulc(tid, 8), d, W * 32 * 8, [&](Value i) {
        Value v = b.create<vector::LoadOp>(loc, vec8, param, ValueRange{i});
        // (mmaSplitHm: dense index j's row at j (P + 8).)
        Value to = hmSplit ? sum({i, mulc(b.create<arith::DivUIOp>(
                                              loc, i, index(P)),
                                          8),
                                  index(at)})
                           : b.create<arith::AddIOp>(loc, i, index(at));
        b.create<vector::StoreOp>(loc, v, paramBuf, ValueRange{to});
      });
      at += hmSplit ? m * (P + 8) : d;
    }
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
  /// v * a * scale + b for the lane's half j of array tile t (two warps a
  /// row: half w).
  Value affine(Value v, int64_t t, int64_t j, bool withMul, bool withAdd) {
    auto vec4 = VectorType::get({4}, f32);
    auto quarter = [&](int64_t k) {
      Value at;
      if (W == 1)
        at = sum({mulc(lane, 4), index((t * quarters() + k) * 128)});
      else
        at = sum({mulc(lane, 4), mulc(actualTile(t), quarters() * 128),
                  mulc(w, 128), index(k * 128)});
      return b.create<vector::LoadOp>(loc, vec4, table, ValueRange{at})
          .getResult();
    };
    Value mv = withMul ? quarter(j) : splat(scale);
    if (withMul || scale != 1.0)
      v = b.create<arith::MulFOp>(loc, v, mv, contract());
    if (withAdd)
      v = b.create<arith::AddFOp>(loc, v, quarter(2 * withMul + j), contract());
    return v;
  }

  /// m: the dense factor; C: tiles per dense index; span: dense indices a
  /// tile spans (1; 2 at 2^k = 128, l3 a dense-index bit; 4 at 2^k = 64, h3
  /// too); T: tiles a row (m C / span). W warps a row (1 or 2), TW = T / W
  /// tiles each transforms (the split layout: W = m / g, TW = g C).
  int64_t m, C, span, T, R, W, TW, rowElems = 0;
  /// The split layout (config.mmaSplit): warp w of the row transforms
  /// the g C tiles of dense indices w g ..., then splitDenseStage. `pairs`: two
  /// warps a row that swap halves of their tiles (exchange). `withLo`: stage 2
  /// multiplies Y's lo half too; not in the split layout to a 16-bit
  /// output. `f16Hi`: there, from f16 rows to f16, Y's one piece is f16(Y /
  /// 16) (stage 2 in f16) and `scale` is the transform's scale times 16.
  bool split = false, pairs = false, withLo = true, f16Hi = false;
  /// f16Hi: stage 1's fragments are ±1/16 (f16 0x2C00, exact), so that its
  /// mma gives Y / 16 itself (the same bits) with no multiply before the
  /// pack. Only at the sizes where that measured faster: the instruction
  /// saved moves ptxas's allocation, which went both ways. H200,
  /// 2026-12-04 (run473, walsh-gpu, two passes, every kernel checked), f16
  /// at 16384 rows, ±1 and a multiply -> ±1/16: 14336 0.82 -> 0.86-0.87,
  /// 15360 0.70-0.71 -> 0.73, 24576 0.91-0.92 -> 0.93, 32768 0.70 ->
  /// 0.73-0.74; but 10240 0.90 -> 0.82, 11264 0.85 -> 0.81-0.82, 13312
  /// 0.69-0.70 -> 0.63, 26624 0.62 -> 0.53, 28672 0.70 -> 0.68, 30720 0.55
  /// -> 0.52 (the rest level).
  bool stage1Sixteenth = false;
  /// The split layout's m-point stage on tensor cores (mmaSplitHm); IT
  /// blocks of 16 dense indices.
  mlir::walsh::ConfigAttr config;
  bool hmSplit = false;
  /// 'row_iters': from 2, each iteration prefetches into L2 the row group
  /// that many grids on (as HmMmaKernel's).
  int64_t rowsAhead = 1;
  /// Its piece of each value in f16 (f16 rows: z / 16 C) rather than bf16.
  bool hmF16 = false;
  int64_t IT = 1;
  bool hmRegisters() const { return mmaSplitHmRegisters(config, m); }
  SmallVector<Value> hmRegs;
  /// mmaSplitHmStationary: the warp's block row of H_m (hmRegs holds its
  /// IT blocks' fragments) and its first item.
  bool hmStationary = false;
  Value hmBlockRow, hmFirstItem;
  double scale = 1.0;
  bool hasMul = false, hasAdd = false;
  /// The kernel's a and b (null when absent).
  Value mulArg, addArg;
  Value lane, laneOff, warp, w;
  /// Rows prefetched by cp.async into shared memory (else in registers,
  /// after the tensor-core stages): mmaAsyncRows.
  bool asyncRows = false;
  /// The split layout's row loads take no L1 lines (mmaRowsSkipL1).
  bool rowsSkipL1 = false;
  /// The dynamic shared memory and its views: the affine table, the two
  /// warps' exchange buffers, the prefetch buffers (bytes); in the split
  /// layout the row (fp32) and a and b (the storage type).
  MmaSharedLayout layout;
  Value raw, table, xbuf, pbuf, rowBuf, paramBuf;
  /// mmaSplitHm: H_m's fragments (i32), the row's and this warp's staging
  /// area's shared addresses.
  Value fragView, rowAddr, stagingAddr;
  SmallVector<Value> stage1A, stage2A;
  /// stage1Fragments derives stage 1's from stage 2's.
  bool deriveStage1 = false;
};

} // namespace

std::string mlir::walsh::gpuMmaConflict(ConfigAttr config, int64_t d, int64_t m,
                                        int64_t storageBytes,
                                        const GpuChainTraits &chain) {
  if (config.getCrossWarp() != CrossWarp::Mma)
    return "";
  m = config.mmaDenseFactor(d, m);
  // (fp32 rows: X as bf16 hi + mid + lo, three products; HmMmaKernel.cpp,
  // and in the split layout walsh-convert-to-gpu's m-point stage.)
  bool wideHm = config.hmTensorCores(d, m) && d / m <= 64;
  bool split32 = config.mmaSplit(d, m) && !config.mmaSplitsPowerOfTwo(d, m);
  if (storageBytes != 2 && !wideHm && !split32)
    return "expects 16-bit rows (bf16 or f16) for cross_warp = mma, or fp32 "
           "rows with H_m on tensor cores ('vector_width' = 2, a dense factor "
           "and 2^k = 8 ... 64) or in the split layout of a dense factor: "
           "the tensor-core stages multiply 16-bit operands";
  if (storageBytes == 4 && split32 && config.getVectorWidth() != 4)
    return "expects 'vector_width' = 4 for fp32 rows in the split layout on "
           "tensor cores (16-byte accesses; their m-point stage is on "
           "tensor cores already), got " +
           std::to_string(config.getVectorWidth());
  if (chain.prologue || chain.norm || chain.residual || chain.crossHeadOnly)
    return "expects a plain transform and affine for cross_warp = mma: no "
           "prologue (bhsd merge, split-KV combine, row sums), fused "
           "residual or norm, or cross-head-only chain";
  if (mmaSplitHm(config, d, m) && chain.outCast)
    return "expects no output cast for H_m on tensor cores in the split "
           "layout ('vector_width' = 8): its m-point stage writes the rows' "
           "type";
  return "";
}

bool mlir::walsh::gpuMmaSplitHmStationary(ConfigAttr config, int64_t d,
                                          int64_t m) {
  return mmaSplitHmStationary(config, d, config.mmaDenseFactor(d, m));
}

int64_t mlir::walsh::gpuMmaSharedBytes(int64_t d, int64_t m,
                                       int64_t storageBytes, ConfigAttr config,
                                       const GpuChainTraits &chain) {
  m = config.mmaDenseFactor(d, m);
  if (config.hmTensorCores(d, m))
    return gpuHmMmaSharedBytes(d, m, config, chain.mul, chain.add,
                               storageBytes);
  return mmaSharedLayout(d, m, config, chain.mul, chain.add).total();
}

void mlir::walsh::emitMmaKernel(OpBuilder &b, Location loc,
                                const ::walsh::StageChain &chain,
                                ConfigAttr config, Value x, Value y, Value mul,
                                Value add) {
  int64_t d = chain.factors.m << chain.factors.k;
  if (config.hmTensorCores(d, chain.factors.m))
    return emitHmMmaKernel(b, loc, chain, config, x, y, mul, add);
  // The split layout of a power-of-two d: H_M (x) H_{d / M}, M dense
  // indices of Sylvester's H_M (mmaDenseFactor).
  ::walsh::StageChain split = chain;
  split.factors.m = config.mmaDenseFactor(d, chain.factors.m);
  split.factors.k = unsigned(llvm::Log2_64(uint64_t(d / split.factors.m)));
  MmaEmitter(b, loc, split, config).emit(x, y, mul, add);
}
