//===- WalshToGPU.cpp - walsh-convert-to-gpu ------------------------------===//
//
// Turns a recognised stage chain into a gpu.func following its
// #walsh.config (see Passes.td for the thread layout). Registers are kept as
// scalar fp32 SSA values, one per element a thread holds:
//   reg(a, c, v) = element a * P + (c * T + t) * V + v of the row,
// a < m (dense index), c < chunks, v < V (lane of a vector access), with
// P = 2^k, T threads per row and V the vector width. A radix-2 level at
// stride 2^j pairs lanes (j < log2 V), threads (log2 V <= j < log2 V +
// log2 T) or chunks.
//
// Levels across threads, cross_warp = shared: shuffles within a warp, one
// shared-memory round trip per level across warps (or, where a thread
// holds one position of every dense index over 2 to 16 warps, all of them
// in one transpose across dense indices: gpuDenseTranspose). cross_warp =
// transpose:
// the row goes through shared memory in a few transposes instead. Write
// q = i / V (the vector index, log2 T + log2 C bits) and call a layout the
// C positions of q's bits that the chunk index c spans; the thread index
// fills the other positions in increasing order. Loads and stores use the
// layout above (c spans q's top bits); each transpose moves to a layout
// whose c spans the next log2 C thread bits, so those levels run as chunk
// levels in registers. Vectors sit in shared memory at q ^ ((q >> log2 C) &
// 7), in planes of 16 bytes (a vector of 8 fp32 values is two planes):
// conflict-free 16-byte accesses in every layout. Two buffers, one barrier
// per transpose, when they fit in 96 KB (64 KB beside row groups' prefetch
// buffers: gpuSharedLayout); else one and two. When that plan needs more
// than two transposes and m = 1, two go through a wide layout instead,
// whose registers hold middle bits in some lanes too (planWide; the
// addresses from wideTransposeColumns).
//
// The split layout (config.splitsDense(m)): a row's m * T threads are m
// groups of T, group `sub` holding dense index sub only (the registers
// above with m = 1 and columns offset by sub * P), so the 2^k levels run as
// for m = 1; splitDenseStage then puts the row in shared memory and runs
// H_m on pieces of V2 positions with all m indices. For fp32 rows with
// cross_warp = mma (gpuSplitHmMma32; T = 32 / g lanes a dense index)
// splitDenseStageMma32 runs it on tensor cores instead, over n-tiles of 8
// positions, in persistent blocks.
//
//===----------------------------------------------------------------------===//
#include "walsh/Conversion/Passes.h"

#include "walsh/Analysis/StageChain.h"
#include "walsh/Dialect/Walsh/IR/Walsh.h"

#include "MmaBuilder.h"

#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/IR/Builders.h"
#include "llvm/Support/SaveAndRestore.h"

#include <cmath>
#include <functional>
#include <numeric>
#include <optional>

namespace mlir::walsh {
#define GEN_PASS_DEF_WALSHCONVERTTOGPU
#include "walsh/Conversion/Passes.h.inc"
} // namespace mlir::walsh

using namespace mlir;

namespace {

constexpr int64_t kWarp = 32;

int log2Exact(int64_t v) { return __builtin_ctzll(uint64_t(v)); }

/// The tensor-core helpers GpuKernelEmitter's fp32 m-point stage uses
/// (splitDenseStageMma32): the bf16 pieces, mma.sync and H_m's fragments.
class SplitMmaHelper : public mlir::walsh::detail::MmaBuilder {
public:
  SplitMmaHelper(OpBuilder &b, Location loc, const ::walsh::StageChain &chain)
      : MmaBuilder(b, loc, chain) {}
  using MmaBuilder::copyFragments;
  using MmaBuilder::hmFragments;
  using MmaBuilder::mma;
  using MmaBuilder::prefetchRowL2;
  using MmaBuilder::splitPair;
};

} // namespace

bool mlir::walsh::gpuSplitHmMma32(ConfigAttr config, int64_t d, int64_t m,
                                  int64_t storageBytes) {
  return storageBytes == 4 && config.mmaSplit(d, m) &&
         !config.mmaSplitsPowerOfTwo(d, m);
}

namespace {
/// The positions of each dense index a thread holds as one vector where
/// it holds all m of them: one, a pair (vector_width at least 2), or in
/// fp32 four (vector_width at least 4; over 16 warps the dense-index
/// transpose reads them in halves: readHalves); 0 otherwise (chunks, the
/// split or grouped layouts, no dense factor).
int64_t densePositions(mlir::walsh::ConfigAttr config, int64_t m,
                       const mlir::walsh::GpuChainTraits &chain) {
  int64_t e = config.getElemsPerThread();
  int64_t per = m > 1 && e % m == 0 ? e / m : 0;
  int64_t V = config.getVectorWidth();
  bool four = per == 4 && V >= 4 && chain.fp32Rows;
  return per == 1 || (per == 2 && V >= 2) || four ? per : 0;
}
} // namespace

bool mlir::walsh::gpuDenseTranspose(ConfigAttr config, int64_t m,
                                    const GpuChainTraits &chain) {
  return config.getCrossWarp() == CrossWarp::Shared &&
         densePositions(config, m, chain) > 0 && config.getCluster() == 1 &&
         config.threadsPerIndex(m) >= 2 * 32 &&
         config.threadsPerIndex(m) <= 16 * 32 && !chain.norm &&
         !chain.residual && !chain.crossHeadOnly;
}

int64_t mlir::walsh::gpuDenseTransposeDeferred(ConfigAttr config, int64_t m,
                                               const GpuChainTraits &chain) {
  if (!gpuDenseTranspose(config, m, chain))
    return 0;
  int64_t V = densePositions(config, m, chain);
  int64_t W = config.threadsPerIndex(m) / 32;
  int64_t D = 0;
  while ((V << (D + 1)) <= 4 && W * (V << (D + 1)) <= 32)
    ++D;
  return D;
}

int64_t mlir::walsh::gpuHmColumnBlocks(ConfigAttr config, int64_t m,
                                       int64_t storageBytes) {
  int64_t e = config.getElemsPerThread();
  bool holdsAll = m > 1 && e % m == 0 && !config.denseGroups(m) &&
                  config.getCrossWarp() != CrossWarp::Mma;
  int64_t threads = config.threadsPerIndex(m) * config.getRowsPerBlock();
  if (!holdsAll || storageBytes != 4)
    return 1;
  return (m == 60 && config.threadsPerIndex(m) >= 64) ||
                 (m == 52 && threads >= 256)
             ? 4
             : 1;
}

int64_t mlir::walsh::gpuHmRowBlocks(ConfigAttr config, int64_t m,
                                    const GpuChainTraits &chain) {
  int64_t V = densePositions(config, m, chain);
  if (!chain.fp32Rows || V == 0 || !gpuDenseTranspose(config, m, chain))
    return 1;
  int64_t threads = config.threadsPerIndex(m);
  if (V == 2)
    return (m == 36 || m == 44) && threads == 256 ? m / 4 : 1;
  if (m == 52 && threads >= 128)
    return 13;
  if (m == 60 && threads == 256)
    return 15;
  if (m == 60 && threads == 512)
    return 10;
  return 1;
}

namespace {

/// gpuSplitHmMma32's H_m fragments in shared memory: ceil(m / 16)^2 blocks
/// of 16 x 16, 128 words (512 bytes) each.
int64_t splitHmMma32FragmentWords(int64_t m) {
  int64_t IT = (m + 15) / 16;
  return IT * IT * 128;
}

/// Emits one kernel body.
class GpuKernelEmitter {
public:
  GpuKernelEmitter(OpBuilder &b, Location loc, const ::walsh::StageChain &chain,
                   mlir::walsh::ConfigAttr config)
      : b(b), loc(loc), chain(chain), f32(b.getF32Type()),
        storage(chain.rowsType.getElementType()),
        outStorage(chain.outType ? chain.outType : storage) {
    m = chain.factors.m;
    split = config.splitsDense(m);
    groups = config.denseGroups(m);
    // A cluster's block transforms a slice of d / cluster (m = 1), or in
    // the grouped layout the whole row, storing m / cluster of H_m's
    // outputs (outBlocks).
    if (groups)
      outBlocks = config.getCluster();
    else
      cluster = config.getCluster();
    P = (int64_t(1) << chain.factors.k) / cluster;
    d = m * P;
    mt = split ? 1 : groups ? m / groups : m;
    mo = mt / outBlocks;
    T = config.threadsPerIndex(m);
    R = config.getRowsPerBlock();
    int64_t eb = config.elemsPerIndex(m); // b-space elements
    V = std::min<int64_t>(config.getVectorWidth(), eb);
    chunks = eb / V;
    hmMma32 = mlir::walsh::gpuSplitHmMma32(config, d * cluster, m,
                                           storage.getIntOrFloatBitWidth() / 8);
    // (cross_warp = mma: 'row_iters' is how far ahead the rows are
    // prefetched into L2, not groups a block.)
    K = hmMma32 ? 1 : config.getRowIters();
    rowsAhead = hmMma32 ? config.getRowIters() : 1;
    mlir::walsh::GpuChainTraits traits = mlir::walsh::gpuChainTraits(chain);
    shared = mlir::walsh::gpuSharedLayout(
        d * cluster, m, storage.getIntOrFloatBitWidth() / 8, config, traits);
    denseTranspose = mlir::walsh::gpuDenseTranspose(config, m, traits);
    deferLanes = mlir::walsh::gpuDenseTransposeDeferred(config, m, traits);
    hmRowBlocks = mlir::walsh::gpuHmRowBlocks(config, m, traits);
    hmBlocks = hmRowBlocks > 1 ? 1
                               : mlir::walsh::gpuHmColumnBlocks(
                                     config, m,
                                     storage.getIntOrFloatBitWidth() / 8);
  }

  /// Whether the transposes go through a wide layout (planWide).
  bool wideTransposes() const { return !wideMid.empty(); }

  /// The widest vector of a row's elements a thread loads or stores (the
  /// row alignment the launcher checks, in elements): V, or V 2^D after
  /// the dense-index transpose with D deferred lane levels.
  int64_t rowLanes() const { return V << deferLanes; }
  /// The parts the dense-index transpose reads a thread's vectors in: 2
  /// where a round of W whole vectors would pass 32 values a thread (four
  /// positions over 16 warps), else 1.
  int64_t readHalves() const {
    return denseTranspose && deferLanes == 0 && (T / kWarp) * V > 32 ? 2 : 1;
  }

  /// Bytes of dynamic shared memory the kernel needs: the exchange
  /// buffers, then (row_iters > 1) two row groups in the storage type.
  int64_t sharedBytes() const { return shared.total(); }

  /// The fused epilogue's memrefs (null when absent): residual rows, the
  /// norm's weight and bias, the normalised output rows.
  void setEpilogue(Value res, Value weight, Value bias, Value out) {
    residual = res;
    normWeight = weight;
    normBias = bias;
    normOut = out;
  }

  /// The prologue's statistics memref: the split-KV lse or the row sums.
  void setPrologue(Value statsMemref) { stats = statsMemref; }

  void emit(Value x, Value y, Value mul, Value add) {
    Value bid = b.create<gpu::BlockIdOp>(loc, gpu::Dimension::x);
    // Cluster (c, 1, 1) q holds blocks c q ... c q + c - 1: the block's
    // rank is bid % c, its row bid / c, its slice at rank * P.
    if (cluster > 1) {
      rank = b.create<arith::RemUIOp>(loc, bid, index(cluster));
      colBase = b.create<arith::MulIOp>(loc, rank, index(P));
      bid = b.create<arith::DivUIOp>(loc, bid, index(cluster));
    }
    if (outBlocks > 1) {
      rank = b.create<arith::RemUIOp>(loc, bid, index(outBlocks));
      bid = b.create<arith::DivUIOp>(loc, bid, index(outBlocks));
    }
    Value tid = b.create<gpu::ThreadIdOp>(loc, gpu::Dimension::x);
    setThreadIndex(tid);
    // Every block of a cluster must have started before another writes
    // its shared memory: arrive now, wait before the first push.
    if (cluster > 1)
      b.create<NVVM::ClusterArriveRelaxedOp>(loc, b.getUnitAttr());
    switch (chain.prologue) {
    case ::walsh::Prologue::MergeHeads:
      rows = b.create<arith::MulIOp>(loc, b.create<memref::DimOp>(loc, x, 0),
                                     b.create<memref::DimOp>(loc, x, 2));
      break;
    case ::walsh::Prologue::CombineSplits:
      rows = b.create<memref::DimOp>(loc, x, 1);
      break;
    case ::walsh::Prologue::NormalizeHeads:
    case ::walsh::Prologue::None:
      rows = b.create<memref::DimOp>(loc, x, 0);
      break;
    }
    if (sharedBytes()) {
      auto ws = gpu::AddressSpaceAttr::get(b.getContext(),
                                           gpu::AddressSpace::Workgroup);
      Value raw = b.create<gpu::DynamicSharedMemoryOp>(
          loc, MemRefType::get({ShapedType::kDynamic}, b.getI8Type(),
                               MemRefLayoutAttrInterface(), ws));
      if (shared.clusterBytes) {
        int64_t at = shared.total() - shared.clusterBytes;
        slice = b.create<memref::ViewOp>(
            loc, MemRefType::get({d}, f32, MemRefLayoutAttrInterface(), ws),
            raw, index(at), ValueRange{});
        sliceBase =
            pointerOf(raw, LLVM::LLVMPointerType::get(b.getContext(), 3), at);
      }
      if (exchangeBytes())
        smem = b.create<memref::ViewOp>(
            loc,
            MemRefType::get({exchangeBytes() / 4}, f32,
                            MemRefLayoutAttrInterface(), ws),
            raw, index(0), ValueRange{});
      if (hmMma32) {
        // H_m's fragments once a block, after the row (the barrier before
        // the m-point stage orders them before their first use).
        int64_t IT = (m + 15) / 16;
        fragView = b.create<memref::ViewOp>(
            loc,
            MemRefType::get({splitHmMma32FragmentWords(m)}, b.getI32Type(),
                            MemRefLayoutAttrInterface(), ws),
            raw, index(R * d * 4), ValueRange{});
        SplitMmaHelper h(b, loc, chain);
        h.copyFragments(tid, m * T * R, h.hmFragments(m, 1, IT, IT, false),
                        IT * IT, fragView);
      }
      if (shared.prefetchBytes) {
        int64_t n =
            shared.prefetchBytes / (storage.getIntOrFloatBitWidth() / 8);
        pbuf = b.create<memref::ViewOp>(
            loc, MemRefType::get({n}, storage, MemRefLayoutAttrInterface(), ws),
            raw, index(exchangeBytes()), ValueRange{});
        pbufBase = pointerOf(raw, LLVM::LLVMPointerType::get(b.getContext(), 3),
                             exchangeBytes());
      }
      if (shared.reduceBytes)
        red = b.create<memref::ViewOp>(
            loc,
            MemRefType::get({shared.reduceBytes / 4}, f32,
                            MemRefLayoutAttrInterface(), ws),
            raw, index(exchangeBytes() + shared.prefetchBytes), ValueRange{});
      if (shared.affineBytes) {
        int64_t at =
            exchangeBytes() + shared.prefetchBytes + shared.reduceBytes;
        if (mul) {
          mulTable = b.create<memref::ViewOp>(
              loc, MemRefType::get({d}, f32, MemRefLayoutAttrInterface(), ws),
              raw, index(at), ValueRange{});
          at += 4 * d;
        }
        if (add)
          addTable = b.create<memref::ViewOp>(
              loc,
              MemRefType::get({d}, storage, MemRefLayoutAttrInterface(), ws),
              raw, index(at), ValueRange{});
      }
    }

    int logT = log2Exact(T), logC = log2Exact(chunks);
    // The load/store layout: c spans q's top bits.
    for (int i = 0; i < logC; ++i)
      loadLayout.push_back(logT + i);
    if (shared.transpose) {
      plan = planTransposes(logT, logC);
      // Past two transposes, two through one wide layout when it fits.
      if (plan.size() > 2 && mt == 1 && T >= kWarp)
        planWide(log2Exact(V), logT, logC);
    }

    // The affine's operands in the layout the row is stored from: in
    // registers (shared.hoistAffine, kept in the storage type until the
    // epilogue), from the affine table, or loaded by each group. The
    // epilogue is a multiply (scale folded into a) and a fused add.
    tqFinal = finalBase();
    SmallVector<Value> mulVecs, addVecs;
    if (shared.hoistAffine)
      loadAffine(mul, add, mulVecs, addVecs);

    if (hmMma32) {
      // As the other tensor-core kernels: persistent blocks over row
      // groups bid, bid + G, ... (the launcher's grid the blocks the device
      // holds at once; H_m's fragments copied once a block), each from
      // 'row_iters' 2 prefetching into L2 the row that many grids on.
      Value grid = b.create<gpu::GridDimOp>(loc, gpu::Dimension::x);
      Value count = mlir::walsh::emitRowGroupCount(b, loc, rows, R, bid, grid);
      auto loop = b.create<scf::ForOp>(loc, index(0), count, index(1));
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value group = b.create<arith::AddIOp>(
          loc, bid, b.create<arith::MulIOp>(loc, loop.getInductionVar(), grid));
      if (rowsAhead > 1) {
        Value ahead = b.create<arith::AddIOp>(
            loc, group, b.create<arith::MulIOp>(loc, grid, index(rowsAhead)));
        Value in = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult,
                                           ahead, rows);
        SplitMmaHelper(b, loc, chain)
            .prefetchRowL2(x, ahead, in, d, 4, tid, m * T * R);
      }
      rowGroup(group, x, y, mul, add, mulVecs, addVecs, Value());
      // (The next row's writes to the row's buffer after every warp's
      // reads of this one.)
      b.create<gpu::BarrierOp>(loc);
      return;
    }
    if (K == 1) {
      if (int64_t ahead = prefetchDistance())
        prefetchAhead(x, bid, ahead);
      rowGroup(bid, x, y, mul, add, mulVecs, addVecs, Value());
      return;
    }
    // Row groups bid, bid + G, bid + 2G, ... (G blocks in the grid), each
    // prefetched into buffer i % 2 while the one before is transformed. The
    // launcher's grid of ceil(rows / (R * K)) blocks gives each about K
    // groups; past the blocks the device holds at once it launches only
    // those, and each takes its share in turn (no last, partial wave: bf16
    // d = 4096 at 16384 rows ran 5.2 waves of 396 blocks). A thread copies
    // and later reads only its own vectors, so the wait needs no barrier.
    // One loop body for every group (the last prefetches nothing and
    // commits an empty group): peeling the last group doubled the kernel's
    // code, and ptxas's time with it (bf16 d = 4096: 0.28 s against 0.15 s).
    Value grid = b.create<gpu::GridDimOp>(loc, gpu::Dimension::x);
    Value count = mlir::walsh::emitRowGroupCount(b, loc, rows, R, bid, grid);
    Value first = bid;
    copyGroup(x, first, index(0));
    b.create<NVVM::CpAsyncCommitGroupOp>(loc);
    if (shared.affineBytes)
      fillAffineTable(mul, add);
    // Row sums travel one group ahead too, in registers (loop-carried), so
    // their loads' latency overlaps a group's work like the rows' copies.
    bool carrySums = chain.prologue == ::walsh::Prologue::NormalizeHeads;
    SmallVector<Value> firstSums;
    if (carrySums)
      firstSums = loadGroupSums(first);
    auto loop = b.create<scf::ForOp>(loc, index(0), count, index(1), firstSums);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    Value it = loop.getInductionVar();
    Value group = b.create<arith::AddIOp>(
        loc, first, b.create<arith::MulIOp>(loc, it, grid));
    Value next = b.create<arith::AddIOp>(loc, group, grid);
    Value nextIt = b.create<arith::AddIOp>(loc, it, index(1));
    SmallVector<Value> nextSums;
    if (carrySums) {
      // The next group's (past the last: row 0's, never used).
      nextSums = loadGroupSums(next);
      groupSums.assign(loop.getRegionIterArgs().begin(),
                       loop.getRegionIterArgs().end());
    }
    // The next group's copy (none past the last: an empty commit group),
    // into the other buffer, or with one buffer once this group is read.
    auto copyNext = [&](Value buf) {
      auto more = b.create<scf::IfOp>(
          loc,
          b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, nextIt,
                                  count),
          /*withElse=*/false);
      {
        OpBuilder::InsertionGuard inner(b);
        b.setInsertionPointToStart(&more.getThenRegion().front());
        copyGroup(x, next, buf);
      }
      b.create<NVVM::CpAsyncCommitGroupOp>(loc);
    };
    if (shared.prefetchBuffers == 2) {
      copyNext(b.create<arith::AndIOp>(loc, nextIt, index(1)));
      b.create<NVVM::CpAsyncWaitGroupOp>(loc, 1);
      rowGroup(group, x, y, mul, add, mulVecs, addVecs,
               b.create<arith::AndIOp>(loc, it, index(1)));
    } else {
      // The thread's reads of the buffer come before its copies into it in
      // program order, and each thread reads only what it copied.
      b.create<NVVM::CpAsyncWaitGroupOp>(loc, 0);
      rowGroup(group, x, y, mul, add, mulVecs, addVecs, index(0),
               [&] { copyNext(index(0)); });
    }
    // The next group's first transpose reuses a buffer this group's last
    // one read unless two buffers alternate over an even count.
    // The split layout's m-point stage reads the whole row from shared
    // memory, which the next group's first exchange overwrites.
    // So do the dense-index transpose's reads.
    if (split || denseTranspose ||
        (shared.transpose &&
         (shared.exchangeBuffers == 1 || plan.size() % 2 == 1)))
      b.create<gpu::BarrierOp>(loc);
    groupSums.clear();
    if (carrySums)
      b.create<scf::YieldOp>(loc, nextSums);
  }

private:
  /// t (the thread's index in its row), slot (its row in the block) and
  /// what derives from them, from the block's thread index `tid`.
  void setThreadIndex(Value tid) {
    // In the split layout a row's m * T threads are m groups of T, group
    // `sub` holding dense index sub; in the grouped layout g groups, group
    // `sub` holding dense indices sub * m / g ... (sub + 1) * m / g - 1.
    bool grouped = split || groups;
    int64_t rowThreads = split ? m * T : groups ? groups * T : T;
    Value inRow = b.create<arith::RemUIOp>(loc, tid, index(rowThreads));
    slot = b.create<arith::DivUIOp>(loc, tid, index(rowThreads));
    t = grouped ? b.create<arith::RemUIOp>(loc, inRow, index(T)).getResult()
                : inRow;
    tV = b.create<arith::MulIOp>(loc, t, index(V));
    if (grouped) {
      sub = b.create<arith::DivUIOp>(loc, inRow, index(T));
      aBase = b.create<arith::MulIOp>(loc, sub, index(mt * P));
      tV = b.create<arith::AddIOp>(loc, tV, aBase);
      // The first dense index the thread stores: rank * m / cluster + sub
      // * mo where the cluster's blocks split H_m's outputs.
      outBase = outBlocks == 1
                    ? aBase
                    : b.create<arith::MulIOp>(
                          loc,
                          b.create<arith::AddIOp>(
                              loc,
                              b.create<arith::MulIOp>(loc, rank,
                                                      index(m / outBlocks)),
                              b.create<arith::MulIOp>(loc, sub, index(mo))),
                          index(P));
    }
    if (tqFinal)
      tqFinal = finalBase();
  }
  /// The thread index through an asm with side effects: a value LLVM can
  /// neither hoist nor merge with another read.
  Value readThreadIndex() {
    Value tid = mlir::walsh::emitInlinePtx(b, loc, b.getI32Type(), {},
                                           "mov.u32 $0, %tid.x;", "=r",
                                           /*sideEffects=*/true);
    return b.create<arith::IndexCastUIOp>(loc, b.getIndexType(), tid);
  }
  /// The layout the row is stored from, and the thread's part of q in it.
  ArrayRef<int> finalLayout() const {
    return plan.empty() ? ArrayRef<int>(loadLayout)
                        : ArrayRef<int>(plan.back().first);
  }
  Value finalBase() { return layoutBase(finalLayout()); }
  /// The reciprocals of this thread's row sums of row group `group` (rows
  /// past the end: row 0's), one per (a, c) vector: 1 / the sum of that
  /// vector's head. Computed a group ahead, so the divisions are off the
  /// group's critical path too.
  SmallVector<Value> loadGroupSums(Value group) {
    Value row = b.create<arith::AddIOp>(
        loc, b.create<arith::MulIOp>(loc, group, index(R)), slot);
    Value valid =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, row, rows);
    Value rowc = b.create<arith::SelectOp>(loc, valid, row, index(0));
    SmallVector<Value> sums;
    for (int64_t a = 0; a < mt; ++a)
      for (int64_t c = 0; c < chunks; ++c)
        sums.push_back(b.create<memref::LoadOp>(
            loc, stats,
            ValueRange{rowc, b.create<arith::ShRUIOp>(
                                 loc, offset(a, c),
                                 index(log2Exact(chain.headDim)))}));
    for (Value &sum : sums)
      sum = rowSumFactor(sum);
    return sums;
  }
  int64_t exchangeBytes() const { return shared.exchangeBytes; }
  /// One group of R rows (row group * R + slot for this thread): load,
  /// every level, the affine, a predicated store. `buf` set: the rows come
  /// from that prefetch buffer instead of global memory.
  void rowGroup(Value group, Value x, Value y, Value mul, Value add,
                SmallVector<Value> mulVecs, SmallVector<Value> addVecs,
                Value buf, llvm::function_ref<void()> afterLoad = {}) {
    // Wide transposes address shared memory through many distinct XORed
    // bases of the thread index; with row groups LLVM hoists them all out
    // of the group loop, one 64-bit register pair each. Reading the thread
    // index afresh in every group (an asm LLVM cannot hoist) keeps them in
    // the loop: bf16 d = 2048 168 -> 125 registers, 8192 168 with 8 bytes
    // of spills -> 148 without; H200, 65536 rows, fraction of the copy
    // roofline: d = 2048 0.89 -> 0.92 (bf16 and f16), 8192 0.82 -> 0.84
    // (f16 0.84 -> 0.87). Not for the planes' two transposes, whose few
    // bases cost little: bf16 d = 4096 lost (0.84 -> 0.82), and its bhsd
    // kernel (0.78 -> 0.74).
    if (buf && wideTransposes())
      setThreadIndex(readThreadIndex());
    Value row = b.create<arith::AddIOp>(
        loc, b.create<arith::MulIOp>(loc, group, index(R)), slot);
    Value valid =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, row, rows);
    // Rows past the end compute on row 0 and store nothing, so that every
    // thread reaches every barrier.
    Value rowc = b.create<arith::SelectOp>(loc, valid, row, index(0));
    layout = loadLayout;
    exchanges = 0;
    regs.assign(size_t(mt * chunks * V), Value());
    Value pbase;
    if (buf)
      pbase = prefetchRowBase(buf);
    if (chain.prologue == ::walsh::Prologue::MergeHeads) {
      Value seq = b.create<memref::DimOp>(loc, x, 2);
      batchPos = b.create<arith::DivUIOp>(loc, rowc, seq);
      seqPos = b.create<arith::RemUIOp>(loc, rowc, seq);
    }
    for (int64_t a = 0; a < mt; ++a)
      for (int64_t c = 0; c < chunks; ++c) {
        // From the prefetch buffer the rows are as stored (merged, for
        // bhsd); the row-sum normalisation still applies.
        Value v =
            buf ? scaleByRowSum(widen(b.create<vector::LoadOp>(
                                    loc, VectorType::get({V}, storage), pbuf,
                                    ValueRange{b.create<arith::AddIOp>(
                                        loc, pbase, offset(a, c))})),
                                rowc, offset(a, c),
                                groupSums.empty()
                                    ? Value()
                                    : groupSums[size_t(a * chunks + c)])
                : loadInput(x, rowc, globalOffset(a, c));
        for (int64_t l = 0; l < V; ++l)
          reg(a, c, l) = b.create<vector::ExtractOp>(loc, v, l);
      }
    if (afterLoad)
      afterLoad();

    if (shared.transpose) {
      // Some of a's and b's vectors loaded before the last transpose's
      // barrier, where few registers are live (earlyAffineVectors).
      int64_t early = earlyAffineVectors();
      if (early > 0 && mulVecs.empty())
        beforeLastBarrier = [&, early] {
          loadAffine(mul, add, mulVecs, addVecs, 0, early);
        };
      transposeLevels(log2Exact(V), log2Exact(chunks), plan);
      beforeLastBarrier = nullptr;
    } else {
      int logV = log2Exact(V), logT = log2Exact(T);
      for (int j = 0; j < log2Exact(P); ++j) {
        if (!chain.hasLevel(j))
          continue; // below a cross-head-only chain's head_dim
        if (j < logV)
          laneLevel(int64_t(1) << j);
        else if (j < logV + logT) {
          // (Across warps: denseTransposeStage, after H_m.)
          if (denseTranspose &&
              ((int64_t(1) << (j - logV)) >= kWarp || j - logV < deferLanes))
            continue;
          threadLevel(int64_t(1) << (j - logV));
        } else
          chunkLevel(int64_t(1) << (j - logV - logT));
      }
    }
    if (split) {
      splitDenseStage(row, rowc, valid, mul, add, y);
      return;
    }
    if (groups)
      groupDenseLevel();
    else if (m > 1)
      denseLevel();
    if (denseTranspose) {
      denseTransposeStage(row, valid, mul, add, y);
      return;
    }
    if (cluster > 1) {
      clusterStage(row, valid, mul, add, y);
      return;
    }

    if (chain.hasEpilogue()) {
      fusedEpilogue(row, rowc, valid, mul, add, mulVecs, addVecs, y,
                    buf ? buf : index(0));
      return;
    }
    auto ifValid = b.create<scf::IfOp>(loc, valid, /*withElse=*/false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&ifValid.getThenRegion().front());
    if (int64_t(mulVecs.size()) < mo * chunks)
      groupAffine(mul, add, mulVecs, addVecs);
    for (int64_t a = 0; a < mo; ++a)
      for (int64_t c = 0; c < chunks; ++c)
        b.create<vector::StoreOp>(
            loc, narrow(affine(a, c, mulVecs, addVecs)), y,
            ValueRange{row, finalOffset(a, c)});
  }
  /// The levels across the W = T / 32 warps of a row as one transpose
  /// across dense indices (gpuDenseTranspose), once H_m and the levels
  /// within warps are done: each thread writes its m vectors of V values
  /// (positions t V ... of every dense index) to the exchange buffer, one
  /// barrier, then warp w takes dense indices w, W + w, 2 W + w, ... (the
  /// last round partly idle where W does not divide m): lane l reads the
  /// vectors at (l + 32 i) V (i < W), which differ in the warp bits only,
  /// applies H_W in registers and the affine, and stores. Shared accesses stay
  /// consecutive across a warp both ways (no bank conflicts). Rows past the end
  /// compute on row 0 and store nothing. A thread's shared accesses go from 2
  /// log2 W to two an element, its barriers from 2 log2 W to one. H200,
  /// 2026-12-04, fp32, fraction of the copy roofline, the round trips -> this
  /// (runs 422, 423): at 16384 rows 9216 0.73 -> 0.92, 11264 0.71 -> 0.88-0.89
  /// (capped at two blocks), 13312 0.58 -> 0.70, 15360 0.51 -> 0.66, 18432
  /// 0.58 -> 0.71-0.72, 22528 0.55 -> 0.70; at 65536 rows 4608 0.83 ->
  /// 0.94-0.98, 5632 0.79 -> 0.89-0.94, 6656 0.77 -> 0.84-0.87, 7680 0.69
  /// -> 0.76-0.77. With a and b loaded next to their stores (run420) it
  /// lost 0.04-0.21 instead.
  void denseTransposeStage(Value row, Value valid, Value mul, Value add,
                           Value y) {
    // With deferLanes = D a warp takes 2^D dense indices a round, 32 / 2^D
    // lanes each, lane q of a dense index the vectors of U = V 2^D values
    // at q U + 32 V i (i < W). Where W vectors of V would pass 32 values a
    // thread (four positions over 16 warps) the reads are halved instead
    // (readHalves): a dense index takes two warps a round, its 64 lanes
    // the vectors of U = V / 2 at q U + 32 V i.
    int64_t D = deferLanes, V0 = V, halves = readHalves();
    int64_t U = (V << D) / halves, perWarp = int64_t(1) << D;
    int64_t W = T / kWarp, perRound = W * perWarp / halves,
            rounds = (m + perRound - 1) / perRound;
    Value base = b.create<arith::MulIOp>(loc, slot, index(d));
    if (hmRowBlocks <= 1)
      for (int64_t a = 0; a < m; ++a)
        storeDenseExchange(a);
    Value warp = b.create<arith::DivUIOp>(loc, t, index(kWarp));
    Value lane = b.create<arith::RemUIOp>(loc, t, index(kWarp));
    Value mine = b.create<arith::MulIOp>(loc, warp, index(perWarp));
    Value laneV = b.create<arith::MulIOp>(loc, lane, index(V));
    if (halves > 1) {
      mine = b.create<arith::DivUIOp>(loc, t, index(halves * kWarp));
      laneV = b.create<arith::MulIOp>(
          loc, b.create<arith::RemUIOp>(loc, t, index(halves * kWarp)),
          index(U));
    } else if (D > 0) {
      mine = b.create<arith::AddIOp>(
          loc, mine, b.create<arith::ShRUIOp>(loc, lane, index(5 - D)));
      laneV = b.create<arith::MulIOp>(
          loc, b.create<arith::AndIOp>(loc, lane, index((kWarp >> D) - 1)),
          index(U));
    }
    // Round g: the thread's dense index, whether it stores (the row valid
    // and, in a last partial round, the index below m), and its W columns
    // (clamped to dense index 0 past m: read, never stored).
    SmallVector<Value> storeIf;
    SmallVector<SmallVector<Value>> cols;
    for (int64_t g = 0; g < rounds; ++g) {
      Value a = b.create<arith::AddIOp>(loc, mine, index(g * perRound));
      Value first = b.create<arith::AddIOp>(
          loc, b.create<arith::MulIOp>(loc, a, index(P)), laneV);
      Value ok = valid;
      if ((g + 1) * perRound > m) {
        Value below = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, a,
                                              index(m));
        ok = b.create<arith::AndIOp>(loc, ok, below);
        first = b.create<arith::SelectOp>(loc, below, first, laneV);
      }
      storeIf.push_back(ok);
      cols.emplace_back();
      for (int64_t i = 0; i < W; ++i)
        cols.back().push_back(
            b.create<arith::AddIOp>(loc, first, index(i * kWarp * V)));
    }
    // From here on the vectors are of U values (the helpers read V).
    llvm::SaveAndRestore<int64_t> width(V, U);
    // a and b in batches of eight values, each batch's loads issued before
    // the previous batch's stores (the stores may alias them, so nothing
    // moves a load above a store: loaded next to its store, each value
    // waited for its loads in turn), the first batch's before the barrier.
    // (Vectors: eight values, at least one vector.)
    int64_t kBatch = std::max<int64_t>(1, 8 / V);
    int64_t items = rounds * W;
    auto loadBatch = [&](int64_t j) {
      SmallVector<std::pair<Value, Value>> ab;
      for (int64_t k = j * kBatch; k < std::min(items, (j + 1) * kBatch); ++k) {
        Value col = cols[size_t(k / W)][size_t(k % W)];
        ab.push_back({mul ? loadRaw(mul, Value(), col) : Value(),
                      add ? loadRaw(add, Value(), col) : Value()});
      }
      return ab;
    };
    auto pending = loadBatch(0);
    b.create<gpu::BarrierOp>(loc);
    SmallVector<Value> z;
    for (int64_t j = 0; j * kBatch < items; ++j) {
      auto current = pending;
      int64_t lo = j * kBatch, hi = std::min(items, lo + kBatch);
      // The rounds this batch stores: read and transformed when first met.
      for (int64_t g = lo / W; g <= (hi - 1) / W; ++g) {
        if (int64_t(z.size()) > g * W)
          continue;
        SmallVector<Value> round;
        for (int64_t i = 0; i < W; ++i)
          round.push_back(
              b.create<vector::LoadOp>(loc, vf32(), smem,
                                       ValueRange{b.create<arith::AddIOp>(
                                           loc, base, cols[size_t(g)][i])}));
        if (D == 0) {
          // Whole vectors (pairs): H_W across them. (The scalar form below
          // computes the same but orders PTX otherwise.)
          for (int64_t h = 1; h < W; h *= 2)
            for (int64_t i = 0; i < W; ++i)
              if (!(i & h))
                butterfly(round[size_t(i)], round[size_t(i + h)]);
        } else {
          // The deferred lane levels inside each vector, H_W across them.
          SmallVector<Value> v;
          for (int64_t i = 0; i < W; ++i)
            for (int64_t e = 0; e < U; ++e)
              v.push_back(
                  b.create<vector::ExtractOp>(loc, round[size_t(i)], e));
          for (int64_t s = V0; s < U; s *= 2)
            for (int64_t i = 0; i < W; ++i)
              for (int64_t e = 0; e < U; ++e)
                if (!(e & s))
                  butterfly(v[size_t(i * U + e)], v[size_t(i * U + e + s)]);
          for (int64_t h = 1; h < W; h *= 2)
            for (int64_t i = 0; i < W; ++i)
              if (!(i & h))
                for (int64_t e = 0; e < U; ++e)
                  butterfly(v[size_t(i * U + e)], v[size_t((i + h) * U + e)]);
          for (int64_t i = 0; i < W; ++i) {
            Value r = splat(0.0);
            for (int64_t e = 0; e < U; ++e)
              r = b.create<vector::InsertOp>(loc, v[size_t(i * U + e)], r, e);
            round[size_t(i)] = r;
          }
        }
        z.append(round);
      }
      if (hi < items)
        pending = loadBatch(j + 1);
      for (int64_t g = lo / W; g <= (hi - 1) / W; ++g) {
        auto ifOk = b.create<scf::IfOp>(loc, storeIf[size_t(g)],
                                        /*withElse=*/false);
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(&ifOk.getThenRegion().front());
        for (int64_t k = std::max(lo, g * W); k < std::min(hi, (g + 1) * W);
             ++k) {
          auto [mv, av] = current[size_t(k - lo)];
          b.create<vector::StoreOp>(
              loc, narrow(affineOf(z[size_t(k)], mv, av)), y,
              ValueRange{row, cols[size_t(g)][size_t(k % W)]});
        }
      }
    }
  }
  /// H_cluster across the cluster's blocks (the slice index is the row's
  /// top bits: H_d = H_cluster (x) H_P). Block r finishes positions r *
  /// share ... of every slice (share = P / cluster); its buffer holds them
  /// slice by slice, q * share + position. Each block pushes each of its
  /// transformed vectors into the buffer of the block that finishes it
  /// (mapa + st.shared::cluster: distributed shared memory), once every
  /// block of the cluster has started (a relaxed arrive at the kernel's
  /// start, its wait here); after the cluster's barrier it reads its own
  /// buffer (thread t its V-vectors j * T + t of each slice, consecutive
  /// across a warp), runs H_cluster on them in registers and stores slice
  /// q's at q * P + position, through the affine, whose a and b it loads
  /// before the barrier. Nothing touches another block's memory after the
  /// barrier, so blocks exit freely.
  void clusterStage(Value row, Value valid, Value mul, Value add, Value y) {
    int64_t share = P / cluster, perSlice = chunks / cluster;
    Value first = b.create<arith::MulIOp>(loc, rank, index(share));
    SmallVector<Value> positions, mulVecs, addVecs;
    for (int64_t j = 0; j < perSlice; ++j) {
      Value pos = b.create<arith::AddIOp>(
          loc, first, b.create<arith::AddIOp>(loc, index(j * T * V), tV));
      positions.push_back(pos);
      for (int64_t q = 0; q < cluster; ++q) {
        Value col = b.create<arith::AddIOp>(loc, pos, index(q * P));
        mulVecs.push_back(mul ? loadRaw(mul, Value(), col) : Value());
        addVecs.push_back(add ? loadRaw(add, Value(), col) : Value());
      }
    }
    b.create<NVVM::ClusterWaitOp>(loc, b.getUnitAttr());
    for (int64_t c = 0; c < chunks; ++c) {
      Value p = finalOffset(0, c);
      Value owner = b.create<arith::DivUIOp>(loc, p, index(share));
      // Slice `rank`'s place in the owner's buffer (first = rank * share).
      Value at = b.create<arith::AddIOp>(
          loc, first, b.create<arith::RemUIOp>(loc, p, index(share)));
      pushVector(packRegs(0, c), at, owner);
    }
    b.create<NVVM::ClusterArriveOp>(loc, b.getUnitAttr());
    b.create<NVVM::ClusterWaitOp>(loc, b.getUnitAttr());
    auto ifValid = b.create<scf::IfOp>(loc, valid, /*withElse=*/false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&ifValid.getThenRegion().front());
    for (int64_t j = 0; j < perSlice; ++j) {
      Value local = b.create<arith::SubIOp>(loc, positions[size_t(j)], first);
      SmallVector<Value> z;
      for (int64_t q = 0; q < cluster; ++q)
        z.push_back(b.create<vector::LoadOp>(
            loc, vf32(), slice,
            ValueRange{b.create<arith::AddIOp>(loc, local, index(q * share))}));
      for (int64_t h = 1; h < cluster; h *= 2)
        for (int64_t q = 0; q < cluster; ++q)
          if (!(q & h)) {
            Value sum = b.create<arith::AddFOp>(loc, z[q], z[q + h]);
            z[q + h] = b.create<arith::SubFOp>(loc, z[q], z[q + h]);
            z[q] = sum;
          }
      for (int64_t q = 0; q < cluster; ++q) {
        size_t i = size_t(j * cluster + q);
        b.create<vector::StoreOp>(
            loc, narrow(affineOf(z[size_t(q)], mulVecs[i], addVecs[i])), y,
            ValueRange{row, b.create<arith::AddIOp>(loc, positions[size_t(j)],
                                                    index(q * P))});
      }
    }
  }
  /// Stores the V values `v` at `at` of block `owner`'s slice buffer
  /// through distributed shared memory (mapa to its window, then
  /// st.shared::cluster in 16-byte pieces); an asm with side effects, kept
  /// between the cluster's barriers.
  void pushVector(Value v, Value at, Value owner) {
    auto ptr3 = LLVM::LLVMPointerType::get(b.getContext(), 3);
    Value peer = b.create<arith::IndexCastOp>(loc, b.getI32Type(), owner);
    for (int64_t from = 0; from < V; from += 4) {
      int64_t n = std::min<int64_t>(4, V);
      Value bytes = b.create<arith::IndexCastOp>(
          loc, b.getI32Type(),
          b.create<arith::MulIOp>(
              loc, b.create<arith::AddIOp>(loc, at, index(from)), index(4)));
      Value addr = b.create<LLVM::PtrToIntOp>(
          loc, b.getI32Type(),
          b.create<LLVM::GEPOp>(loc, ptr3, b.getI8Type(), sliceBase,
                                ValueRange{bytes}));
      SmallVector<Value> operands{addr, peer};
      std::string regs;
      for (int64_t l = 0; l < n; ++l) {
        operands.push_back(
            b.create<vector::ExtractOp>(loc, v, from + l).getResult());
        regs += (l ? ", $" : "$") + std::to_string(l + 2);
      }
      std::string text =
          "{\n\t.reg .b32 walsh_peer;\n\tmapa.shared::cluster.u32 "
          "walsh_peer, $0, $1;\n\tst.shared::cluster" +
          (n > 1 ? ".v" + std::to_string(n) : std::string()) +
          ".f32 [walsh_peer], " + (n > 1 ? "{" + regs + "}" : regs) + ";\n\t}";
      std::string constraints = "r,r";
      for (int64_t l = 0; l < n; ++l)
        constraints += ",f";
      mlir::walsh::emitInlinePtx(b, loc, Type(), operands, text, constraints,
                                 /*sideEffects=*/true);
    }
  }
  /// The input's V-vector at column `col` of row `rowc`, through the
  /// prologue: the head merge reads x[b, col / hd, s, col % hd]; the
  /// split-KV combine weighs each partial by exp(lse_k - lse) of the
  /// vector's head; the row-sum normalisation divides by the head's sum
  /// (a vector never straddles heads: hd >= 16 > V).
  Value loadInput(Value x, Value rowc, Value col) {
    if (chain.prologue == ::walsh::Prologue::None)
      return load(x, rowc, col);
    if (chain.prologue == ::walsh::Prologue::NormalizeHeads)
      return scaleByRowSum(load(x, rowc, col), rowc, col);
    auto type = VectorType::get({V}, storage);
    int logHd = log2Exact(chain.headDim);
    Value h = b.create<arith::ShRUIOp>(loc, col, index(logHd));
    if (chain.prologue == ::walsh::Prologue::MergeHeads) {
      Value e = b.create<arith::AndIOp>(loc, col, index(chain.headDim - 1));
      return widen(b.create<vector::LoadOp>(
          loc, type, x, ValueRange{batchPos, h, seqPos, e}));
    }
    // The partials' loads first, then the lse's: all in flight together.
    SmallVector<Value> parts, l;
    for (int64_t k = 0; k < chain.splits; ++k)
      parts.push_back(widen(b.create<vector::LoadOp>(
          loc, type, x, ValueRange{index(k), rowc, col})));
    for (int64_t k = 0; k < chain.splits; ++k)
      l.push_back(
          b.create<memref::LoadOp>(loc, stats, ValueRange{index(k), rowc, h}));
    Value top;
    for (Value v : l)
      top = top ? Value(b.create<arith::MaximumFOp>(loc, top, v)) : v;
    // exp(v) = 2^(v log2 e) through ex2.approx.
    SmallVector<Value> e;
    Value total = constant(0);
    for (int64_t k = 0; k < chain.splits; ++k) {
      Value arg = b.create<arith::MulFOp>(
          loc, b.create<arith::SubFOp>(loc, l[k], top), constant(M_LOG2E));
      e.push_back(ptxUnary("ex2.approx.f32", arg));
      total = b.create<arith::AddFOp>(loc, total, e.back());
    }
    Value inv = reciprocal(total);
    Value acc;
    for (int64_t k = 0; k < chain.splits; ++k) {
      Value v = parts[size_t(k)];
      Value w = broadcast(b.create<arith::MulFOp>(loc, e[k], inv));
      acc = acc ? Value(b.create<vector::FMAOp>(loc, v, w, acc))
                : Value(b.create<arith::MulFOp>(loc, v, w));
    }
    return acc;
  }
  /// `v` (the vector at column `col` of row `rowc`) divided by its head's
  /// row sum with a row-sum normalisation (`inv`: 1 / that sum, when
  /// already computed); else `v`.
  Value scaleByRowSum(Value v, Value rowc, Value col, Value inv = Value()) {
    if (chain.prologue != ::walsh::Prologue::NormalizeHeads)
      return v;
    if (!inv)
      inv = rowSumFactor(b.create<memref::LoadOp>(
          loc, stats,
          ValueRange{rowc, b.create<arith::ShRUIOp>(
                               loc, col, index(log2Exact(chain.headDim)))}));
    return b.create<arith::MulFOp>(loc, v, broadcast(inv));
  }
  /// 1 / x within 1 ulp (rcp.approx.ftz; a subnormal x gives inf). IEEE
  /// division (rcp.rn, which ptxas expands into a refinement with a slow
  /// path for special operands) cost far more than its arithmetic: bf16
  /// d = 4096 row sums, eight a thread and group, ran at 0.62 of the copy
  /// roofline with rcp.rn and 0.76 with this (f16 0.62 -> 0.81; H200,
  /// 2026-11-30, 16384 rows, with the scale folded in as below).
  Value reciprocal(Value x) {
    return b.create<NVVM::RcpApproxFtzF32Op>(loc, x.getType(), x);
  }
  /// 1 / a row sum, times the transform's scale: the affine then leaves
  /// the scale out (one multiply per head instead of per element).
  Value rowSumFactor(Value sum) {
    Value r = reciprocal(sum);
    return chain.scale == 1.0
               ? r
               : b.create<arith::MulFOp>(loc, r, constant(chain.scale));
  }
  /// The PTX instruction `op` (an approximate fp32 function: ex2, rsqrt)
  /// on the fp32 scalar `x`, as inline asm: convert-gpu-to-nvvm takes
  /// math.exp2 and math.rsqrt only as libdevice calls, which this pipeline
  /// links none of.
  Value ptxUnary(StringRef op, Value x) {
    return mlir::walsh::emitInlinePtx(b, loc, f32, x, (op + " $0, $1;").str(),
                                      "=f,f");
  }
  /// `contract` on a multiply and the add of its product: one fma.rn.
  /// Without it NVPTX emits mul.rn and add.rn, which ptxas may not fuse.
  arith::FastMathFlagsAttr contract() {
    return arith::FastMathFlagsAttr::get(b.getContext(),
                                         arith::FastMathFlags::contract);
  }
  /// The finished registers of (a, c) through the affine: t * scale (.) a
  /// + b, fp32.
  Value affine(int64_t a, int64_t c, ArrayRef<Value> mulVecs,
               ArrayRef<Value> addVecs) {
    return affineOf(packRegs(a, c), mulVecs[size_t(a * chunks + c)],
                    addVecs[size_t(a * chunks + c)]);
  }
  /// The vector `out` through the affine, with a's and b's vectors as
  /// stored (null where absent).
  Value affineOf(Value out, Value mulVec, Value addVec) {
    Value mv = widen(mulVec);
    Value av = widen(addVec);
    // (With row sums the scale is in their reciprocals; the affine table's
    // a has it already.)
    if (scalesA() && !(mv && mulTable))
      mv = mv ? b.create<arith::MulFOp>(loc, mv, splat(chain.scale))
              : splat(chain.scale);
    if (mv)
      out = b.create<arith::MulFOp>(loc, out, mv, contract());
    if (av)
      out = b.create<arith::AddFOp>(loc, out, av, contract());
    return out;
  }
  /// A scalar in every lane of a vector<V x f32>.
  Value broadcast(Value scalar) {
    Value v = splat(0.0);
    for (int64_t l = 0; l < V; ++l)
      v = b.create<vector::InsertOp>(loc, scalar, v, l);
    return v;
  }
  /// fp32 to the output's storage type (y's, after any output cast).
  Value narrow(Value v) {
    return outStorage == f32 ? v
                             : b.create<arith::TruncFOp>(
                                   loc, VectorType::get({V}, outStorage), v);
  }
  /// The fused attention epilogue on the finished row (walsh.epilogue):
  /// h = affine + residual, and with a norm its statistics over the row's
  /// T threads (shuffles within a warp, then shared memory across warps),
  /// computed by every thread (rows past the end on row 0) so all reach
  /// the barriers; h and n are stored for valid rows. `parity` picks the
  /// reduction buffers (the row group's, alternating).
  void fusedEpilogue(Value row, Value rowc, Value valid, Value mul, Value add,
                     SmallVector<Value> mulVecs, SmallVector<Value> addVecs,
                     Value y, Value parity) {
    if (int64_t(mulVecs.size()) < m * chunks)
      groupAffine(mul, add, mulVecs, addVecs);
    SmallVector<Value> h;
    for (int64_t a = 0; a < m; ++a)
      for (int64_t c = 0; c < chunks; ++c) {
        Value v = affine(a, c, mulVecs, addVecs);
        if (residual)
          v = b.create<arith::AddFOp>(
              loc, v, load(residual, rowc, finalOffset(a, c), outStorage));
        h.push_back(v);
      }
    Value mean, rstd;
    if (chain.hasNorm()) {
      Value invD = constant(1.0 / double(d));
      Value sq;
      if (chain.normCenter) {
        auto [meanScalar, m2] = rowMeanM2(h, parity);
        mean = broadcast(meanScalar);
        sq = m2;
      } else {
        sq = rowSum(
            h,
            [&](Value v) {
              return b.create<arith::MulFOp>(loc, v, v, contract());
            },
            parity, 1);
      }
      Value var = b.create<arith::AddFOp>(
          loc, b.create<arith::MulFOp>(loc, sq, invD),
          constant(chain.normEps));
      // 1 / sqrt(var) within 2^-22.9 (rsqrt.approx), instead of sqrt.rn
      // and rcp.rn with their slow paths.
      rstd = broadcast(ptxUnary("rsqrt.approx.ftz.f32", var));
    }
    auto ifValid = b.create<scf::IfOp>(loc, valid, /*withElse=*/false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&ifValid.getThenRegion().front());
    for (int64_t a = 0; a < m; ++a)
      for (int64_t c = 0; c < chunks; ++c) {
        Value v = h[size_t(a * chunks + c)];
        Value at = finalOffset(a, c);
        b.create<vector::StoreOp>(loc, narrow(v), y, ValueRange{row, at});
        if (!chain.hasNorm())
          continue;
        Value n = mean ? b.create<arith::SubFOp>(loc, v, mean) : v;
        n = b.create<arith::MulFOp>(
            loc, b.create<arith::MulFOp>(loc, n, rstd),
            load(normWeight, Value(), at, outStorage), contract());
        if (normBias)
          n = b.create<arith::AddFOp>(
              loc, n, load(normBias, Value(), at, outStorage), contract());
        b.create<vector::StoreOp>(loc, narrow(n), normOut,
                                  ValueRange{row, at});
      }
  }
  /// The row's mean and Σ (v - mean)^2 in one reduction (LayerNorm),
  /// in every thread of the row: each thread's mean and centred sum of
  /// squares over its own values, merged pairwise by Chan et al.'s rule
  /// for equal counts (M2 = M2a + M2b + (mean_b - mean_a)^2 * n / 2 when
  /// each side has n values), through shuffles within the warp and (T >
  /// 32) one (mean, M2) pair per warp through shared memory: one barrier
  /// where a sum, then a centred sum, took two. Numerically like the
  /// two-pass form: no sum of squares minus a squared sum.
  std::pair<Value, Value> rowMeanM2(ArrayRef<Value> h, Value parity) {
    int64_t n = int64_t(h.size()) * V; // values a thread holds
    Value acc = h[0];
    for (size_t i = 1; i < h.size(); ++i)
      acc = b.create<arith::AddFOp>(loc, acc, h[i]);
    Value sum = b.create<vector::ExtractOp>(loc, acc, 0);
    for (int64_t l = 1; l < V; ++l)
      sum = b.create<arith::AddFOp>(loc, sum,
                                    b.create<vector::ExtractOp>(loc, acc, l));
    Value mean = b.create<arith::MulFOp>(loc, sum, constant(1.0 / double(n)));
    Value meanVec = broadcast(mean);
    Value sq;
    for (Value v : h) {
      Value c = b.create<arith::SubFOp>(loc, v, meanVec);
      Value c2 = b.create<arith::MulFOp>(loc, c, c, contract());
      sq = sq ? b.create<arith::AddFOp>(loc, sq, c2, contract()).getResult()
              : c2;
    }
    Value m2 = b.create<vector::ExtractOp>(loc, sq, 0);
    for (int64_t l = 1; l < V; ++l)
      m2 = b.create<arith::AddFOp>(loc, m2,
                                   b.create<vector::ExtractOp>(loc, sq, l));
    // Merge with a partner of `count` values each (the same on both sides,
    // in the same order, so every thread ends with the same bits).
    auto merge = [&](Value meanA, Value m2A, Value meanB, Value m2B,
                     int64_t count) {
      Value delta = b.create<arith::SubFOp>(loc, meanB, meanA);
      Value mergedMean = b.create<arith::MulFOp>(
          loc, b.create<arith::AddFOp>(loc, meanA, meanB), constant(0.5));
      Value merged = b.create<arith::AddFOp>(
          loc, b.create<arith::AddFOp>(loc, m2A, m2B),
          b.create<arith::MulFOp>(loc,
                                  b.create<arith::MulFOp>(loc, delta, delta),
                                  constant(0.5 * double(count))));
      return std::make_pair(mergedMean, merged);
    };
    Value width = b.create<arith::ConstantIntOp>(loc, kWarp, 32);
    auto shuffle = [&](Value v, int64_t off) {
      return b
          .create<gpu::ShuffleOp>(loc, v,
                                  b.create<arith::ConstantIntOp>(loc, off, 32),
                                  width, gpu::ShuffleMode::XOR)
          .getShuffleResult();
    };
    for (int64_t off = std::min(T, kWarp) / 2; off >= 1; off /= 2) {
      // The lower lane of each pair is side a on both lanes.
      Value otherMean = shuffle(mean, off), otherM2 = shuffle(m2, off);
      Value upper = b.create<arith::CmpIOp>(
          loc, arith::CmpIPredicate::ne,
          b.create<arith::AndIOp>(loc, t, index(off)), index(0));
      auto pick = [&](Value ifUpper, Value ifLower) {
        return b.create<arith::SelectOp>(loc, upper, ifUpper, ifLower)
            .getResult();
      };
      std::tie(mean, m2) = merge(pick(otherMean, mean), pick(otherM2, m2),
                                 pick(mean, otherMean), pick(m2, otherM2), n);
      n *= 2;
    }
    if (T <= kWarp)
      return {mean, m2};
    int64_t W = T / kWarp;
    // Slots 0 and 1 of rowSum's: the means, the M2s.
    auto parts = warpPartials({{mean, 0}, {m2, 1}}, parity);
    ArrayRef<Value> means = parts[0], m2s = parts[1];
    // Equal counts n a warp: mean = the warps' mean; M2 = Σ M2_w +
    // n Σ (mean_w - mean)^2.
    Value total = means[0], totalM2 = m2s[0];
    for (int64_t w = 1; w < W; ++w) {
      total = b.create<arith::AddFOp>(loc, total, means[w]);
      totalM2 = b.create<arith::AddFOp>(loc, totalM2, m2s[w]);
    }
    total = b.create<arith::MulFOp>(loc, total, constant(1.0 / double(W)));
    Value spread;
    for (int64_t w = 0; w < W; ++w) {
      Value dlt = b.create<arith::SubFOp>(loc, means[w], total);
      Value d2 = b.create<arith::MulFOp>(loc, dlt, dlt);
      spread =
          spread ? b.create<arith::AddFOp>(loc, spread, d2).getResult() : d2;
    }
    totalM2 = b.create<arith::AddFOp>(
        loc, totalM2,
        b.create<arith::MulFOp>(loc, spread, constant(double(n))));
    return {total, totalM2};
  }
  /// Per-warp values across the T / 32 warps of a row: lane 0 of each
  /// warp stores each (value, slot) at ((parity * 2 + slot) * R + row
  /// slot) * W + warp of the reduction buffer, one barrier, then every
  /// thread of the row reads all W warps' values of each: result[k][w].
  SmallVector<SmallVector<Value>>
  warpPartials(ArrayRef<std::pair<Value, int>> values, Value parity) {
    int64_t W = T / kWarp;
    auto base = [&](int which) -> Value {
      return b.create<arith::MulIOp>(
          loc,
          b.create<arith::AddIOp>(
              loc,
              b.create<arith::MulIOp>(
                  loc,
                  b.create<arith::AddIOp>(
                      loc, b.create<arith::MulIOp>(loc, parity, index(2)),
                      index(which)),
                  index(R)),
              slot),
          index(W));
    };
    SmallVector<Value> bases;
    for (auto &[value, which] : values)
      bases.push_back(base(which));
    Value lane = b.create<arith::RemUIOp>(loc, t, index(kWarp));
    Value warp = b.create<arith::DivUIOp>(loc, t, index(kWarp));
    auto first = b.create<scf::IfOp>(
        loc,
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, lane, index(0)),
        /*withElse=*/false);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&first.getThenRegion().front());
      for (size_t k = 0; k < values.size(); ++k)
        b.create<memref::StoreOp>(
            loc, values[k].first, red,
            ValueRange{
                b.create<arith::AddIOp>(loc, bases[k], warp).getResult()});
    }
    b.create<gpu::BarrierOp>(loc);
    SmallVector<SmallVector<Value>> out(values.size());
    for (int64_t w = 0; w < W; ++w)
      for (size_t k = 0; k < values.size(); ++k)
        out[k].push_back(b.create<memref::LoadOp>(
            loc, red,
            ValueRange{
                w ? b.create<arith::AddIOp>(loc, bases[k], index(w)).getResult()
                  : bases[k]}));
    return out;
  }
  /// Σ f(v) over the row's elements (the vectors `h` of each of its T
  /// threads), in every thread of the row: the thread's sum, shuffles
  /// within the warp, then (T > 32) one partial per warp through shared
  /// memory, buffer (parity, which).
  Value rowSum(ArrayRef<Value> h, const std::function<Value(Value)> &f,
               Value parity, int which) {
    Value acc = f(h[0]);
    for (size_t i = 1; i < h.size(); ++i)
      acc = b.create<arith::AddFOp>(loc, acc, f(h[i]), contract());
    // Lane by lane: this pipeline lowers vector.insert/extract only.
    Value s = b.create<vector::ExtractOp>(loc, acc, 0);
    for (int64_t l = 1; l < V; ++l)
      s = b.create<arith::AddFOp>(loc, s,
                                  b.create<vector::ExtractOp>(loc, acc, l));
    Value width = b.create<arith::ConstantIntOp>(loc, kWarp, 32);
    for (int64_t off = std::min(T, kWarp) / 2; off >= 1; off /= 2)
      s = b.create<arith::AddFOp>(
          loc, s,
          b.create<gpu::ShuffleOp>(
               loc, s, b.create<arith::ConstantIntOp>(loc, off, 32), width,
               gpu::ShuffleMode::XOR)
              .getShuffleResult());
    if (T <= kWarp)
      return s;
    SmallVector<Value> parts = warpPartials({{s, which}}, parity)[0];
    Value total = parts[0];
    for (size_t w = 1; w < parts.size(); ++w)
      total = b.create<arith::AddFOp>(loc, total, parts[w]);
    return total;
  }
  /// Offset in the final layout of dense index a, chunk c.
  Value finalOffset(int64_t a, int64_t c) {
    Value at = b.create<arith::AddIOp>(
        loc, index(a * P + layoutChunk(finalLayout(), c) * V),
        b.create<arith::MulIOp>(loc, tqFinal, index(V)));
    return outBase ? b.create<arith::AddIOp>(loc, at, outBase).getResult()
                   : at;
  }
  /// a and b (when present) as stored, one vector per (a, c) of the final
  /// layout; a null entry where the operand is absent.
  void loadAffine(Value mul, Value add, SmallVector<Value> &mulVecs,
                  SmallVector<Value> &addVecs, int64_t begin = 0,
                  int64_t end = -1) {
    if (end < 0)
      end = mo * chunks;
    for (int64_t a = 0; a < mo; ++a)
      for (int64_t c = 0; c < chunks; ++c) {
        if (a * chunks + c < begin || a * chunks + c >= end)
          continue;
        Value i = finalOffset(a, c);
        mulVecs.push_back(mul ? loadRaw(mul, Value(), i) : Value());
        addVecs.push_back(add ? loadRaw(add, Value(), i) : Value());
      }
  }
  /// How many of the thread's (a, c) vectors of a and b the last transpose
  /// loads before its barrier (the rest in the epilogue): 5 of the 8 of
  /// 16-bit d = 16384 as 64 values over 256 threads (no row groups, the
  /// transform and affine alone), else none. A measured choice of ptxas's
  /// schedule, not a rule: H200, 2026-12-01, every kernel checked, two
  /// passes (run254-255), fraction of the copy roofline at 16384 / 65536
  /// rows: bf16 0.84 / 0.84-0.85 -> 0.85 / 0.86, f16 0.84 / 0.83-0.84 ->
  /// 0.87 / 0.88; 1 to 6 vectors: 2 and 3 lost 0.01-0.03, 4 helped f16
  /// only, 6 nothing. Every vector early lost wherever it applies (16-bit
  /// 4096 and 8192 0.01-0.02, 16384 0.04-0.07, 32768 0.14-0.15; fp32 16384
  /// and 32768 0.34-0.38), and half of them (16-bit 8192 0.05, 32768
  /// 0.06-0.08; fp32 0.25-0.33).
  int64_t earlyAffineVectors() const {
    bool shape = storage.getIntOrFloatBitWidth() == 16 && m == 1 &&
                 P == 16384 && T == 256 && chunks * V == 64 && K == 1;
    bool plain =
        !chain.hasEpilogue() && chain.prologue == ::walsh::Prologue::None;
    if (!shape || !plain || !shared.transpose || shared.hoistAffine ||
        shared.affineBytes || split || cluster > 1)
      return 0;
    return 5;
  }
  /// Whether a is multiplied by the transform's scale (not with row sums:
  /// the scale is in their reciprocals).
  bool scalesA() const {
    return chain.scale != 1.0 &&
           chain.prologue != ::walsh::Prologue::NormalizeHeads;
  }
  /// A row group's a and b: from the affine table, else loaded.
  void groupAffine(Value mul, Value add, SmallVector<Value> &mulVecs,
                   SmallVector<Value> &addVecs) {
    if (!shared.affineBytes) {
      // The rest of those the last transpose loaded early, if any.
      loadAffine(mul, add, mulVecs, addVecs, int64_t(mulVecs.size()));
      return;
    }
    for (int64_t j = 0; j < m * chunks; ++j) {
      mulVecs.push_back(mulTable ? tableVector(mulTable, j) : Value());
      addVecs.push_back(addTable ? tableVector(addTable, j) : Value());
    }
  }
  /// Elements of `table`'s type in one 16-byte piece of a vector (at most
  /// V).
  int64_t tablePiece(Value table) const {
    int64_t bytes =
        cast<MemRefType>(table.getType()).getElementTypeBitWidth() / 8;
    return std::min<int64_t>(V, 16 / bytes);
  }
  /// Index in `table` of piece p of this thread's vector j (= a * chunks +
  /// c of the final layout): pieces are thread-major, ((j * V / w + p) * T
  /// + t) * w for w-element pieces, so a warp's 16-byte accesses are
  /// consecutive and the block's rows share them.
  Value tableIndex(Value table, int64_t j, int64_t p) {
    int64_t w = tablePiece(table);
    return b.create<arith::MulIOp>(
        loc, b.create<arith::AddIOp>(loc, index((j * (V / w) + p) * T), t),
        index(w));
  }
  /// This thread's vector j of `table`.
  Value tableVector(Value table, int64_t j) {
    int64_t w = tablePiece(table);
    Type type = cast<MemRefType>(table.getType()).getElementType();
    Value v;
    for (int64_t p = 0; p < V / w; ++p) {
      Value piece =
          b.create<vector::LoadOp>(loc, VectorType::get({w}, type), table,
                                   ValueRange{tableIndex(table, j, p)});
      if (!v) {
        v = piece;
        continue;
      }
      SmallVector<int64_t> both(static_cast<size_t>(p * w + w));
      std::iota(both.begin(), both.end(), 0);
      v = b.create<vector::ShuffleOp>(loc, v, piece, both);
    }
    return v;
  }
  /// The affine table (GpuSharedLayout::affineBytes): the block's first row
  /// of threads writes a * scale widened and b as stored, in the order
  /// each thread reads them (the same in every row); one barrier.
  void fillAffineTable(Value mul, Value add) {
    auto first = b.create<scf::IfOp>(
        loc,
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, slot, index(0)),
        /*withElse=*/false);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&first.getThenRegion().front());
      for (int64_t a = 0; a < m; ++a)
        for (int64_t c = 0; c < chunks; ++c) {
          int64_t j = a * chunks + c;
          Value i = finalOffset(a, c);
          if (mulTable) {
            Value av = load(mul, Value(), i);
            if (scalesA())
              av = b.create<arith::MulFOp>(loc, av, splat(chain.scale));
            storeTable(mulTable, j, av);
          }
          if (addTable)
            storeTable(addTable, j, loadRaw(add, Value(), i));
        }
    }
    b.create<gpu::BarrierOp>(loc);
  }
  void storeTable(Value table, int64_t j, Value v) {
    int64_t w = tablePiece(table);
    for (int64_t p = 0; p < V / w; ++p) {
      SmallVector<int64_t> part(static_cast<size_t>(w));
      std::iota(part.begin(), part.end(), p * w);
      Value piece =
          w == V ? v : b.create<vector::ShuffleOp>(loc, v, v, part).getResult();
      b.create<vector::StoreOp>(loc, piece, table,
                                ValueRange{tableIndex(table, j, p)});
    }
  }
  /// Element index in the prefetch buffers where this thread's row of
  /// buffer `buf` starts.
  Value prefetchRowBase(Value buf) {
    return b.create<arith::MulIOp>(
        loc,
        b.create<arith::AddIOp>(
            loc, b.create<arith::MulIOp>(loc, buf, index(R)), slot),
        index(d));
  }
  /// How many blocks ahead a block without row groups prefetches rows into
  /// L2 (0: none). Without row groups a block loads its rows and waits on
  /// them with nothing else in flight; prefetching the rows of the block
  /// `ahead` later puts them in L2 by the time it starts. H200, 2026-12-01,
  /// fraction of the copy roofline at 65536 / 16384 rows: 132 blocks
  /// ahead (run210) took 16-bit d = 16384 (32 KB rows, 4 MB ahead) from
  /// 0.77-0.78 / 0.79-0.80 to 0.84 / 0.83-0.84 and fp32 16384 (8 MB) from
  /// 0.84 to 0.86; 8 MB lost at fp32 16384 (264 blocks: 0.66) and 16 MB
  /// everywhere (fp32 32768 at 132 blocks 0.89 -> 0.69, 16-bit 16384 at
  /// 528 0.70). With 4 MB of rows ahead (run211, run212, the 20 bulk
  /// defaults it changes): 16-bit 16384 0.85 / 0.84, fp32 16384 0.87 /
  /// 0.87, 32768 0.87-0.91 / 0.93-0.94, 3328 0.80 -> 0.92-0.93 / 0.88,
  /// 7168 0.88 -> 0.91-0.92 / 0.90, 5120 0.90 -> 0.94-0.95 / 0.92, 8192
  /// 0.97 -> 1.00; only 3840 went down, within the runs' spread (0.79-0.80
  /// -> 0.78-0.79). The split layout's lines go over all m * T threads of
  /// the row (a first version had each of its m groups prefetch the whole
  /// row, run211: fp32 10240 0.80 -> 0.27); spread (run215): fp32 6144
  /// 0.93 -> 0.99-1.00 / 0.92 -> 0.97, 10240 0.81 -> 0.84-0.85 / 0.80 ->
  /// 0.84, 12288 0.82 -> 0.88-0.89 / 0.88, 16-bit 6144 0.74-0.76 ->
  /// 0.78-0.81 / 0.77-0.78, 10240 0.53-0.55 -> 0.57-0.58, 12288 0.63-0.65
  /// -> 0.65-0.68. Rows under 8 KB, a cluster's slices and the prologues'
  /// strided inputs are left to the caches. Rows past 96 KB (fp32 from
  /// 26624; one block a multiprocessor, so 4 MB ahead was 32-39 blocks of
  /// a wave of 132) go 2 MB ahead. H200, 2026-12-04 (runs 448-450,
  /// walsh-gpu, every kernel checked), fraction of the copy roofline at
  /// 16384 rows, 4 MB -> 2 MB ahead: 26624 0.68-0.70 -> 0.73 (three
  /// passes; 16 or 28 blocks ahead 0.72-0.73), 30720 0.66-0.67 ->
  /// 0.70-0.71, 28672 0.75-0.76 -> 0.76, 32768 0.87-0.88 either way; none
  /// 0.58-0.77, a wave (132) or more ahead 0.49-0.76. Not at the rows of
  /// 72 to 96 KB (18432, 20480, 22528 at 16 or 28 blocks: within 0.01;
  /// 24576, 96 KB, at 10 to 28 blocks: 0.80-0.81 as at 42, run452), nor
  /// 16384's 64 KB (32 or 48 blocks: 0.87 as at 64).
  int64_t prefetchDistance() const {
    int64_t rowBytes = d * (storage.getIntOrFloatBitWidth() / 8);
    if (K != 1 || cluster != 1 || chain.prologue != ::walsh::Prologue::None ||
        rowBytes < 8 * 1024)
      return 0;
    int64_t ahead = rowBytes > 96 * 1024 ? int64_t(2) << 20 : int64_t(4) << 20;
    return std::max<int64_t>(1, ahead / (R * rowBytes));
  }
  /// prefetch.global.L2 of the rows block `bid + dist` will transform (when
  /// there are such rows): its row's 128-byte lines spread over the row's
  /// threads.
  void prefetchAhead(Value x, Value bid, int64_t dist) {
    Value row = b.create<arith::AddIOp>(
        loc,
        b.create<arith::MulIOp>(
            loc, b.create<arith::AddIOp>(loc, bid, index(dist)), index(R)),
        slot);
    Value valid =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, row, rows);
    auto ifValid = b.create<scf::IfOp>(loc, valid, /*withElse=*/false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&ifValid.getThenRegion().front());
    auto [xBase, rowStart] = mlir::walsh::emitRowStart(b, loc, x, row);
    int64_t bytes = storage.getIntOrFloatBitWidth() / 8;
    Value rowByte = b.create<arith::MulIOp>(loc, rowStart, index(bytes));
    int64_t lines = (d * bytes + 127) / 128;
    auto global = LLVM::LLVMPointerType::get(b.getContext(), 1);
    // All the row's threads: in the split layout its m groups of T, in
    // the grouped layout its g.
    int64_t rowThreads = split ? m * T : groups ? groups * T : T;
    Value rowThread =
        sub ? b.create<arith::AddIOp>(
                  loc, b.create<arith::MulIOp>(loc, sub, index(T)), t)
            : t;
    for (int64_t k = 0; k * rowThreads < lines; ++k) {
      Value line =
          b.create<arith::AddIOp>(loc, rowThread, index(k * rowThreads));
      // A last round with fewer lines than threads: those past it idle.
      std::optional<OpBuilder::InsertionGuard> partial;
      if ((k + 1) * rowThreads > lines) {
        auto inRow = b.create<scf::IfOp>(
            loc,
            b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, line,
                                    index(lines)),
            /*withElse=*/false);
        partial.emplace(b);
        b.setInsertionPointToStart(&inRow.getThenRegion().front());
      }
      Value addr = addressAt(
          xBase,
          b.create<arith::AddIOp>(
              loc, rowByte, b.create<arith::MulIOp>(loc, line, index(128))),
          global);
      mlir::walsh::emitInlinePtx(b, loc, Type(), addr,
                                 "prefetch.global.L2 [$0];", "l",
                                 /*sideEffects=*/true);
    }
  }
  /// The address of `memref`'s first element (plus `bytes`) as an LLVM
  /// pointer of type `ptrType`.
  Value pointerOf(Value memref, Type ptrType, int64_t bytes) {
    Value base =
        b.create<memref::ExtractAlignedPointerAsIndexOp>(loc, memref);
    return addressAt(base, index(bytes), ptrType);
  }
  Value addressAt(Value baseIndex, Value byteOffset, Type ptrType) {
    return mlir::walsh::emitAddressAt(
        b, loc, baseIndex, byteOffset, cast<LLVM::LLVMPointerType>(ptrType));
  }
  /// cp.async of this thread's vectors of row group `group` (past the end:
  /// row 0, never stored) into prefetch buffer `buf`.
  void copyGroup(Value x, Value group, Value buf) {
    Value row = b.create<arith::AddIOp>(
        loc, b.create<arith::MulIOp>(loc, group, index(R)), slot);
    Value valid =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, row, rows);
    Value rowc = b.create<arith::SelectOp>(loc, valid, row, index(0));
    auto meta = b.create<memref::ExtractStridedMetadataOp>(loc, x);
    Value xBase = b.create<memref::ExtractAlignedPointerAsIndexOp>(loc, x);
    int64_t bytes = storage.getIntOrFloatBitWidth() / 8;
    auto strides = meta.getStrides();
    // Element index of the row's column 0 (rows) or of its head 0 (bhsd:
    // [b, 0, s, 0]); `headStride` apart per head.
    Value rowStart, headStride;
    if (chain.prologue == ::walsh::Prologue::MergeHeads) {
      Value seq = b.create<memref::DimOp>(loc, x, 2);
      rowStart = b.create<arith::AddIOp>(
          loc, meta.getOffset(),
          b.create<arith::AddIOp>(
              loc,
              b.create<arith::MulIOp>(
                  loc, b.create<arith::DivUIOp>(loc, rowc, seq), strides[0]),
              b.create<arith::MulIOp>(
                  loc, b.create<arith::RemUIOp>(loc, rowc, seq), strides[2])));
      headStride = strides[1];
    } else {
      rowStart = b.create<arith::AddIOp>(
          loc, meta.getOffset(),
          b.create<arith::MulIOp>(loc, rowc, strides[0]));
    }
    Value pbase = prefetchRowBase(buf);
    auto global = LLVM::LLVMPointerType::get(b.getContext(), 1);
    auto shared = LLVM::LLVMPointerType::get(b.getContext(), 3);
    int32_t size = int32_t(V * bytes);
    for (int64_t a = 0; a < mt; ++a)
      for (int64_t c = 0; c < chunks; ++c) {
        Value off = offset(a, c);
        // The column's element offset from rowStart: the column itself, or
        // (bhsd) head col / hd at headStride plus col % hd.
        Value from = off;
        if (headStride)
          from = b.create<arith::AddIOp>(
              loc,
              b.create<arith::MulIOp>(
                  loc,
                  b.create<arith::ShRUIOp>(loc, off,
                                           index(log2Exact(chain.headDim))),
                  headStride),
              b.create<arith::AndIOp>(loc, off, index(chain.headDim - 1)));
        Value src = addressAt(
            xBase,
            b.create<arith::MulIOp>(
                loc, b.create<arith::AddIOp>(loc, rowStart, from),
                index(bytes)),
            global);
        Value dstOff = b.create<arith::IndexCastOp>(
            loc, b.getI32Type(),
            b.create<arith::MulIOp>(
                loc, b.create<arith::AddIOp>(loc, pbase, off), index(bytes)));
        Value dst = b.create<LLVM::GEPOp>(loc, shared, b.getI8Type(),
                                          pbufBase, ValueRange{dstOff});
        b.create<NVVM::CpAsyncOp>(
            loc, dst, src, b.getI32IntegerAttr(size),
            NVVM::LoadCacheModifierKindAttr::get(
                b.getContext(), size == 16 ? NVVM::LoadCacheModifierKind::CG
                                           : NVVM::LoadCacheModifierKind::CA),
            Value());
      }
  }
  Value index(int64_t v) { return b.create<arith::ConstantIndexOp>(loc, v); }
  Value constant(double v) {
    return b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(float(v)));
  }
  Value splat(double v) { return splatOf(vf32(), v); }
  Value splatOf(VectorType type, double v) {
    return b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(type, b.getF32FloatAttr(float(v))));
  }
  VectorType vf32() { return VectorType::get({V}, f32); }
  Value &reg(int64_t a, int64_t c, int64_t l) {
    return regs[size_t((a * chunks + c) * V + l)];
  }
  /// The V registers of (a, c) as one vector<V x f32>.
  Value packRegs(int64_t a, int64_t c) {
    Value v = splat(0.0);
    for (int64_t l = 0; l < V; ++l)
      v = b.create<vector::InsertOp>(loc, reg(a, c, l), v, l);
    return v;
  }
  /// offset(a, c) in the row: past a cluster's slice base (rank * P).
  Value globalOffset(int64_t a, int64_t c) {
    Value at = offset(a, c);
    return colBase ? b.create<arith::AddIOp>(loc, at, colBase).getResult() : at;
  }
  /// a * P + c * T * V + t * V.
  Value offset(int64_t a, int64_t c) {
    return b.create<arith::AddIOp>(loc, index(a * P + c * T * V), tV);
  }
  /// A V-element vector of `memref` (rows when `row` is set), as stored
  /// (elements of `type`; null: the input's storage type).
  Value loadRaw(Value memref, Value row, Value i, Type type = Type()) {
    SmallVector<Value, 2> idx;
    if (row)
      idx.push_back(row);
    idx.push_back(i);
    return b.create<vector::LoadOp>(
        loc, VectorType::get({V}, type ? type : storage), memref, idx);
  }
  /// A stored vector as fp32 (null stays null).
  Value widen(Value v) {
    if (!v)
      return v;
    auto type = cast<VectorType>(v.getType());
    if (type.getElementType() == f32)
      return v;
    int64_t n = type.getNumElements();
    // bf16 is fp32's upper half: each 32-bit word holds two values, the
    // even one in its low half (shifted up: one SHF) and the odd one in its
    // high half (masked: one LOP3). arith.extf went through 16-bit
    // registers and cost the odd value two instructions (a PRMT and a SHF:
    // 96 of the 1470 a thread issued per row at d = 4096). H200, 2026-11-30,
    // fraction of the copy roofline, bf16: d = 4096 0.84 -> 0.86-0.87,
    // 8192 0.84 -> 0.86 (65536 rows), 16384 0.73 -> 0.78-0.80, 32768 0.56
    // -> 0.61 (16384 rows). Not for pairs (d = 768's two lanes: 0.74 ->
    // 0.71).
    if (!type.getElementType().isBF16() || n < 4 || n % 2)
      return b.create<arith::ExtFOp>(loc, VectorType::get({n}, f32), v);
    auto words = VectorType::get({n / 2}, b.getI32Type());
    auto floats = VectorType::get({n / 2}, f32);
    Value w = b.create<vector::BitCastOp>(loc, words, v);
    Value even = b.create<arith::BitcastOp>(
        loc, floats,
        b.create<arith::ShLIOp>(
            loc, w,
            b.create<arith::ConstantOp>(
                loc, DenseElementsAttr::get(words, b.getI32IntegerAttr(16)))));
    Value odd = b.create<arith::BitcastOp>(
        loc, floats,
        b.create<arith::AndIOp>(
            loc, w,
            b.create<arith::ConstantOp>(
                loc, DenseElementsAttr::get(
                         words, b.getI32IntegerAttr(int32_t(0xFFFF0000u))))));
    SmallVector<int64_t> interleave;
    for (int64_t i = 0; i < n / 2; ++i) {
      interleave.push_back(i);
      interleave.push_back(n / 2 + i);
    }
    return b.create<vector::ShuffleOp>(loc, even, odd, interleave);
  }
  /// A V-element vector of `memref` (rows when `row` is set) as fp32.
  Value load(Value memref, Value row, Value i, Type type = Type()) {
    return widen(loadRaw(memref, row, i, type));
  }
  void butterfly(Value &lo, Value &hi) {
    Value s = b.create<arith::AddFOp>(loc, lo, hi);
    Value dlt = b.create<arith::SubFOp>(loc, lo, hi);
    lo = s;
    hi = dlt;
  }
  void laneLevel(int64_t s) {
    for (int64_t a = 0; a < mt; ++a)
      for (int64_t c = 0; c < chunks; ++c)
        for (int64_t l = 0; l < V; ++l)
          if (!(l & s))
            butterfly(reg(a, c, l), reg(a, c, l + s));
  }
  void chunkLevel(int64_t s) {
    for (int64_t a = 0; a < mt; ++a)
      for (int64_t c = 0; c < chunks; ++c)
        if (!(c & s))
          for (int64_t l = 0; l < V; ++l)
            butterfly(reg(a, c, l), reg(a, c + s, l));
  }
  /// Partner thread t ^ delta: r' = r * sign + partner, sign = +1 on the
  /// lower thread of the pair and -1 on the upper.
  void threadLevel(int64_t delta) {
    Value isUpper = b.create<arith::CmpIOp>(
        loc, arith::CmpIPredicate::ne,
        b.create<arith::AndIOp>(loc, t, index(delta)), index(0));
    Value sign = b.create<arith::SelectOp>(loc, isUpper, constant(-1.0),
                                           constant(1.0));
    SmallVector<Value> partner(regs.size());
    if (delta < kWarp) {
      Value off = b.create<arith::ConstantIntOp>(loc, delta, 32);
      Value width = b.create<arith::ConstantIntOp>(loc, kWarp, 32);
      for (size_t i = 0; i < regs.size(); ++i)
        partner[i] = b.create<gpu::ShuffleOp>(loc, regs[i], off, width,
                                              gpu::ShuffleMode::XOR)
                         .getShuffleResult();
    } else {
      // Across warps: every thread publishes its registers in natural
      // order, then reads its partner's.
      Value base = b.create<arith::MulIOp>(loc, slot, index(d));
      Value partnerTV = b.create<arith::MulIOp>(
          loc, b.create<arith::XOrIOp>(loc, t, index(delta)), index(V));
      if (aBase)
        partnerTV = b.create<arith::AddIOp>(loc, partnerTV, aBase);
      for (int64_t a = 0; a < mt; ++a)
        for (int64_t c = 0; c < chunks; ++c)
          for (int64_t l = 0; l < V; ++l) {
            Value at = b.create<arith::AddIOp>(
                loc, base,
                b.create<arith::AddIOp>(loc, offset(a, c), index(l)));
            b.create<memref::StoreOp>(loc, reg(a, c, l), smem, at);
          }
      b.create<gpu::BarrierOp>(loc);
      for (int64_t a = 0; a < mt; ++a)
        for (int64_t c = 0; c < chunks; ++c)
          for (int64_t l = 0; l < V; ++l) {
            Value at = b.create<arith::AddIOp>(
                loc, base,
                b.create<arith::AddIOp>(
                    loc, partnerTV, index(a * P + c * T * V + l)));
            partner[size_t((a * chunks + c) * V + l)] =
                b.create<memref::LoadOp>(loc, smem, at);
          }
      b.create<gpu::BarrierOp>(loc);
    }
    // One fma.rn a value (exact: the product by +-1 is) instead of mul.rn
    // + add.rn: d = 5120 issued 200 such pairs a thread (H200, 2026-11-30,
    // 65536 rows, bf16: 768 0.83 -> 0.87 of the copy roofline, 1536 0.76
    // -> 0.80, 3072 f16 0.57 -> 0.71, fp32 1536 0.86 -> 0.93).
    for (size_t i = 0; i < regs.size(); ++i)
      regs[i] = b.create<arith::AddFOp>(
          loc, b.create<arith::MulFOp>(loc, regs[i], sign, contract()),
          partner[i], contract());
  }
  /// The thread's part of q in a layout: the bits of t deposited, in
  /// order, at the positions the layout leaves to threads.
  Value layoutBase(ArrayRef<int> cBits) {
    int qBits = log2Exact(T) + int(cBits.size());
    Value q = index(0);
    int src = 0;
    for (int pos = 0; pos < qBits;) {
      if (llvm::is_contained(cBits, pos)) {
        ++pos;
        continue;
      }
      int run = 0;
      while (pos + run < qBits && !llvm::is_contained(cBits, pos + run))
        ++run;
      Value bits = b.create<arith::AndIOp>(
          loc, b.create<arith::ShRUIOp>(loc, t, index(src)),
          index((int64_t(1) << run) - 1));
      q = b.create<arith::AddIOp>(
          loc, q, b.create<arith::ShLIOp>(loc, bits, index(pos)));
      src += run;
      pos += run;
    }
    return q;
  }
  /// The chunk's part of q in a layout: bit k of c at position cBits[k].
  static int64_t layoutChunk(ArrayRef<int> cBits, int64_t c) {
    int64_t q = 0;
    for (size_t k = 0; k < cBits.size(); ++k)
      if (c & (int64_t(1) << k))
        q |= int64_t(1) << cBits[k];
    return q;
  }
  /// The bank swizzle of vector index q: q ^ ((q >> log2 C) & 7), kept
  /// within the row. It is linear over XOR, and the thread's and the
  /// chunk's bits of q are disjoint, so swizzle(tq | cq) = swizzle(tq) ^
  /// swizzle(cq): one swizzle per transpose, a constant per chunk.
  int64_t swizzleConst(int64_t q) const {
    int64_t Q = P / V;
    return q ^ ((q >> log2Exact(chunks)) & std::min<int64_t>(7, Q - 1));
  }
  Value swizzle(Value q) {
    int64_t Q = P / V;
    return b.create<arith::XOrIOp>(
        loc, q,
        b.create<arith::AndIOp>(
            loc, b.create<arith::ShRUIOp>(loc, q, index(log2Exact(chunks))),
            index(std::min<int64_t>(7, Q - 1))));
  }
  /// Moves the registers from `layout` to `next` through shared memory.
  /// The swizzle makes 16-byte accesses conflict-free: a quarter warp's 8
  /// threads reach 8 distinct groups of 4 banks. A vector of V > 4 fp32
  /// values (16-bit storage: V = 8) is stored as V / 4 planes of 16 bytes,
  /// plane p of every vector together, so each access is one such 16-byte
  /// piece at the swizzled vector index. (As one 32-byte vector, a quarter
  /// warp reached only 4 of the 8 groups with each half: two-way conflicts,
  /// half the shared-memory bandwidth; bf16 d = 4096 spent 74 of 87% of its
  /// L1 throughput on shared memory, half of it conflicts.)
  void transposeTo(SmallVector<int> next, bool last) {
    int buf = exchanges % shared.exchangeBuffers;
    int64_t Q = P / V; // vectors per dense index
    int64_t W = std::min<int64_t>(V, 4); // fp32 lanes per 16-byte piece
    int64_t planes = V / W;
    // One plane: the block's vectors (R rows of m * Q) of W floats.
    int64_t planeFloats = R * m * Q * W;
    // The block's vectors in this buffer start at rowBase; the thread's
    // swizzled part of q in each layout.
    Value rowBase = b.create<arith::MulIOp>(loc, slot, index(m * Q));
    if (split) // this thread's dense index's vectors
      rowBase = b.create<arith::AddIOp>(
          loc, rowBase, b.create<arith::MulIOp>(loc, sub, index(Q)));
    Value from = swizzle(layoutBase(layout)), to = swizzle(layoutBase(next));
    auto at = [&](Value thread, int64_t a, int64_t cq, int64_t plane) -> Value {
      Value q = b.create<arith::XOrIOp>(loc, thread, index(swizzleConst(cq)));
      Value vec = b.create<arith::AddIOp>(
          loc, rowBase, b.create<arith::AddIOp>(loc, q, index(a * Q)));
      return b.create<arith::AddIOp>(
          loc, b.create<arith::MulIOp>(loc, vec, index(W)),
          index(buf * R * d + plane * planeFloats));
    };
    auto piece = VectorType::get({W}, f32);
    for (int64_t a = 0; a < mt; ++a)
      for (int64_t c = 0; c < chunks; ++c)
        for (int64_t p = 0; p < planes; ++p) {
          Value v = splatOf(piece, 0.0);
          for (int64_t l = 0; l < W; ++l)
            v = b.create<vector::InsertOp>(loc, reg(a, c, p * W + l), v, l);
          b.create<vector::StoreOp>(
              loc, v, smem,
              ValueRange{at(from, a, layoutChunk(layout, c), p)});
        }
    if (last && beforeLastBarrier)
      beforeLastBarrier();
    b.create<gpu::BarrierOp>(loc);
    for (int64_t a = 0; a < mt; ++a)
      for (int64_t c = 0; c < chunks; ++c)
        for (int64_t p = 0; p < planes; ++p) {
          Value v = b.create<vector::LoadOp>(
              loc, piece, smem,
              ValueRange{at(to, a, layoutChunk(next, c), p)});
          for (int64_t l = 0; l < W; ++l)
            reg(a, c, p * W + l) = b.create<vector::ExtractOp>(loc, v, l);
        }
    // With one buffer, nobody may write the next transpose's values before
    // everyone has read these.
    if (shared.exchangeBuffers == 1 && !last)
      b.create<gpu::BarrierOp>(loc);
    ++exchanges;
    layout = std::move(next);
  }
  /// The layouts the transposes go through, each with how many of its
  /// chunk bits are new thread bits: log2 C thread bits at a time, the last
  /// group padded with top positions (already done) so that stores stay
  /// coalesced.
  static SmallVector<std::pair<SmallVector<int>, int>>
  planTransposes(int logT, int logC) {
    SmallVector<std::pair<SmallVector<int>, int>> plan;
    for (int start = 0; start < logT; start += logC) {
      SmallVector<int> next;
      for (int pos = start; pos < std::min(start + logC, logT); ++pos)
        next.push_back(pos);
      int live = int(next.size());
      for (int pad = logT + logC - 1; int(next.size()) < logC; --pad)
        next.push_back(pad);
      plan.push_back({next, live});
    }
    return plan;
  }
  /// Every level: lanes and chunks in the load layout, then after each
  /// transpose of the plan the thread bits it made thread-local.
  void transposeLevels(int logV, int logC,
                       ArrayRef<std::pair<SmallVector<int>, int>> plan) {
    // Level j is radix-2 stride 2^j: lane bits are levels 0 .. logV - 1, a
    // chunk bit spanning q's bit p is level logV + p. A cross-head-only
    // chain skips the levels below its head_dim.
    for (int j = 0; j < logV; ++j)
      if (chain.hasLevel(j))
        laneLevel(int64_t(1) << j);
    for (int k = 0; k < logC; ++k)
      if (chain.hasLevel(logV + loadLayout[k]))
        chunkLevel(int64_t(1) << k);
    if (!wideMid.empty()) {
      // L0 -> the wide layout: its register bits past the piece are new.
      SmallVector<int> from = regBitsOf(layout), to = regBitsOf(plan[1].first);
      wideTransposeTo(from, wideMid, /*last=*/false);
      for (int k = 0; k < int(wideMid.size()); ++k)
        if (!llvm::is_contained(from, wideMid[k]) && chain.hasLevel(wideMid[k]))
          registerLevel(k);
      wideTransposeTo(wideMid, to, /*last=*/true);
      layout = plan[1].first;
      for (int k = 0; k < plan[1].second; ++k)
        if (chain.hasLevel(logV + plan[1].first[k]))
          chunkLevel(int64_t(1) << k);
      return;
    }
    for (size_t n = 0; n < plan.size(); ++n) {
      transposeTo(plan[n].first, n + 1 == plan.size());
      for (int k = 0; k < plan[n].second; ++k)
        if (chain.hasLevel(logV + plan[n].first[k]))
          chunkLevel(int64_t(1) << k);
    }
  }

  // Wide transposes (m = 1, T >= 32). planTransposes keeps the lanes in
  // every layout, so each transpose makes only log2 C thread bits local.
  // Once the lane levels are done, the lanes may hold other element bits
  // too: the load layout L0 (lanes + the top log2 C bits) goes to a wide
  // layout holding w lane bits (the piece: w <= 2 bits that stay in
  // registers on both sides, so that accesses are 2^w floats) and the
  // first log2 V + log2 C - w middle bits, then to the standard layout of
  // the remaining middle bits for the store. Two transposes where
  // planTransposes needs ceil(log2 T / log2 C): 16-bit d = 2048 (32 values
  // a thread), 8192, 16384, 32768; fp32 8192 and 32768. Layouts here list,
  // per register bit (r = c * V + l), the element bit of the row it holds.

  /// A wide plan when the remaining middle bits fit the store layout:
  /// sets wideMid and plan (two entries: the wide layout's, unused, and the
  /// store layout with its new levels).
  void planWide(int logV, int logT, int logC) {
    int regBits = logV + logC;
    int w = std::min({2, logV, regBits + logC - logT});
    if (w < 0)
      return;
    wideMid.clear();
    for (int j = 0; j < w; ++j)
      wideMid.push_back(j);
    for (int j = 0; j < regBits - w; ++j)
      wideMid.push_back(logV + j); // middle bits: q positions 0 ..
    int done = regBits - w;        // ... done - 1 of the thread's q bits
    SmallVector<int> next;
    for (int pos = done; pos < logT; ++pos)
      next.push_back(pos);
    int live = int(next.size());
    for (int pad = logT + logC - 1; int(next.size()) < logC; --pad)
      next.push_back(pad);
    plan.clear();
    plan.push_back({SmallVector<int>(), done});
    plan.push_back({next, live});
  }
  /// The element bit of each register bit in a standard layout (lanes,
  /// then the chunk bits at q positions cBits).
  SmallVector<int> regBitsOf(ArrayRef<int> cBits) const {
    int logV = log2Exact(V);
    SmallVector<int> bits;
    for (int j = 0; j < logV; ++j)
      bits.push_back(j);
    for (int q : cBits)
      bits.push_back(logV + q);
    return bits;
  }
  /// The element bits a layout leaves to the thread index, lowest first.
  SmallVector<int> threadBitsOf(ArrayRef<int> regBits) const {
    SmallVector<int> bits;
    for (int e = 0; e < log2Exact(P); ++e)
      if (!llvm::is_contained(regBits, e))
        bits.push_back(e);
    return bits;
  }
  /// A radix-2 level between registers r and r ^ 2^k.
  void registerLevel(int k) {
    for (size_t r = 0; r < regs.size(); ++r)
      if (!(r & (size_t(1) << k)))
        butterfly(regs[r], regs[r | (size_t(1) << k)]);
  }
  /// Moves the registers from layout `from` to `to` (element bit per
  /// register bit) through shared memory, in accesses of 2^w floats.
  void wideTransposeTo(ArrayRef<int> from, ArrayRef<int> to, bool last) {
    int n = log2Exact(P);
    SmallVector<int> piece;
    for (int e = 0; e < n && piece.size() < 2; ++e)
      if (llvm::is_contained(from, e) && llvm::is_contained(to, e))
        piece.push_back(e);
    int w = int(piece.size());
    int64_t W = int64_t(1) << w;
    SmallVector<int> threadFrom = threadBitsOf(from),
                     threadTo = threadBitsOf(to);
    int phase = 5 - w;
    SmallVector<int64_t> column = mlir::walsh::wideTransposeColumns(
        n, piece, ArrayRef<int>(threadFrom).take_front(phase),
        ArrayRef<int>(threadTo).take_front(phase));
    int buf = exchanges % shared.exchangeBuffers;
    Value base = b.create<arith::AddIOp>(
        loc, b.create<arith::MulIOp>(loc, slot, index(d)), index(buf * R * d));
    if (split) // this thread's dense index (P = 2^n: no bit in common)
      base = b.create<arith::AddIOp>(loc, base, aBase);
    auto threadAddr = [&](ArrayRef<int> threadBits) {
      Value acc = index(0);
      for (size_t j = 0; j < threadBits.size(); ++j) {
        Value bit = b.create<arith::AndIOp>(
            loc, b.create<arith::ShRUIOp>(loc, t, index(int64_t(j))), index(1));
        acc = b.create<arith::XOrIOp>(
            loc, acc,
            b.create<arith::MulIOp>(loc, bit, index(column[threadBits[j]])));
      }
      return b.create<arith::AddIOp>(loc, base, acc).getResult();
    };
    // Register index of piece element u (bit j of u: piece bit j) in a
    // layout, over register index r whose piece bits are clear.
    auto pieceReg = [&](ArrayRef<int> regBits, int64_t r, int64_t u) {
      for (int j = 0; j < w; ++j)
        if (u & (int64_t(1) << j))
          r |= int64_t(1) << (llvm::find(regBits, piece[j]) - regBits.begin());
      return r;
    };
    auto regAddr = [&](ArrayRef<int> regBits, int64_t r) {
      int64_t a = 0;
      for (size_t k = 0; k < regBits.size(); ++k)
        if (r & (int64_t(1) << k))
          a ^= column[regBits[k]];
      return a;
    };
    auto isPieceStart = [&](ArrayRef<int> regBits, int64_t r) {
      for (int e : piece)
        if (r & (int64_t(1) << (llvm::find(regBits, e) - regBits.begin())))
          return false;
      return true;
    };
    auto piece_t = VectorType::get({W}, f32);
    // A register's part of the address XORs the bank field (bits below
    // 32 floats) and adds the rest: the base's and the thread's high bits
    // are disjoint from it, so ptxas folds it into an immediate offset and
    // only the few XORed thread bases take registers.
    llvm::SmallDenseMap<int64_t, Value> xored;
    auto at = [&](Value thread, int64_t regPart) {
      Value &x = xored[regPart & 31];
      if (!x)
        x = (regPart & 31)
                ? b.create<arith::XOrIOp>(loc, thread, index(regPart & 31))
                      .getResult()
                : thread;
      return regPart & ~int64_t(31)
                 ? b.create<arith::AddIOp>(loc, x,
                                           index(regPart & ~int64_t(31)))
                       .getResult()
                 : x;
    };
    int64_t nregs = int64_t(regs.size());
    // The row base (a multiple of d) and the buffer's offset have no bits
    // in common with the XORed address: adding them first is the same.
    Value fromT = threadAddr(threadFrom);
    for (int64_t r = 0; r < nregs; ++r) {
      if (!isPieceStart(from, r))
        continue;
      Value addr = at(fromT, regAddr(from, r));
      if (W == 1) {
        b.create<memref::StoreOp>(loc, regs[r], smem, ValueRange{addr});
        continue;
      }
      Value v = splatOf(piece_t, 0.0);
      for (int64_t u = 0; u < W; ++u)
        v = b.create<vector::InsertOp>(loc, regs[pieceReg(from, r, u)], v, u);
      b.create<vector::StoreOp>(loc, v, smem, ValueRange{addr});
    }
    if (last && beforeLastBarrier)
      beforeLastBarrier();
    b.create<gpu::BarrierOp>(loc);
    xored.clear();
    Value toT = threadAddr(threadTo);
    for (int64_t r = 0; r < nregs; ++r) {
      if (!isPieceStart(to, r))
        continue;
      Value addr = at(toT, regAddr(to, r));
      if (W == 1) {
        regs[r] = b.create<memref::LoadOp>(loc, smem, ValueRange{addr});
        continue;
      }
      Value v = b.create<vector::LoadOp>(loc, piece_t, smem, ValueRange{addr});
      for (int64_t u = 0; u < W; ++u)
        regs[pieceReg(to, r, u)] = b.create<vector::ExtractOp>(loc, v, u);
    }
    if (shared.exchangeBuffers == 1 && !last)
      b.create<gpu::BarrierOp>(loc);
    ++exchanges;
  }
  /// The split layout's m-point stage and the rest of the row. Every
  /// thread stores its dense index's finished values in the row's shared
  /// memory (fp32, float f at f ^ ((f >> 3) & 28): 16-byte pieces XORed
  /// within their 32 floats, so the 16-byte writes of consecutive or
  /// strided vectors and the reads of consecutive pieces reach distinct
  /// banks), one barrier, then the row's m * T threads take its P / V2
  /// pieces of V2 positions in turn, each piece with all m dense indices:
  /// H_m, the affine, the residual, the store.
  void splitDenseStage(Value row, Value rowc, Value valid, Value mul, Value add,
                       Value y) {
    int buf = shared.transpose ? exchanges % shared.exchangeBuffers : 0;
    // One buffer: the last transpose's reads first.
    if (exchanges > 0 && shared.exchangeBuffers == 1)
      b.create<gpu::BarrierOp>(loc);
    Value base = b.create<arith::AddIOp>(
        loc, b.create<arith::MulIOp>(loc, slot, index(d)), index(buf * R * d));
    // (Rows of a multiple of 32 floats only: the XOR stays within the
    // 32 floats of f, which then lie in one row of one buffer.)
    auto swizzled = [&](Value f) -> Value {
      if (d % 32)
        return f;
      return b.create<arith::XOrIOp>(
          loc, f,
          b.create<arith::AndIOp>(
              loc, b.create<arith::ShRUIOp>(loc, f, index(3)), index(28)));
    };
    int64_t W = std::min<int64_t>(V, 4);
    auto piece = VectorType::get({W}, f32);
    Value rowTerm = hmMma32 ? rowSwizzle(sub) : Value();
    for (int64_t c = 0; c < chunks; ++c) {
      Value col = b.create<arith::AddIOp>(loc, base, finalOffset(0, c));
      for (int64_t p = 0; p < V / W; ++p) {
        Value v = splatOf(piece, 0.0);
        for (int64_t l = 0; l < W; ++l)
          v = b.create<vector::InsertOp>(loc, reg(0, c, p * W + l), v, l);
        Value at = swizzled(b.create<arith::AddIOp>(loc, col, index(p * W)));
        if (rowTerm)
          at = b.create<arith::XOrIOp>(loc, at, rowTerm);
        b.create<vector::StoreOp>(loc, v, smem, ValueRange{at});
      }
    }
    b.create<gpu::BarrierOp>(loc);
    ++exchanges;
    if (hmMma32) {
      splitDenseStageMma32(row, valid, mul, add, y, base, swizzled);
      return;
    }

    int64_t V2 = splitPieceWidth();
    int64_t pieces = P / V2, rowThreads = m * T;
    Value u = b.create<arith::AddIOp>(
        loc, b.create<arith::MulIOp>(loc, sub, index(T)), t);
    // The helpers below (loadRaw, vf32, splat, narrow) work on vectors of
    // V elements: V2 here, V again on return.
    llvm::SaveAndRestore<int64_t> pieceWidth(V, V2);
    for (int64_t j = 0; j * rowThreads < pieces; ++j) {
      Value at = b.create<arith::AddIOp>(loc, u, index(j * rowThreads));
      Value cond = valid;
      if ((j + 1) * rowThreads > pieces)
        cond = b.create<arith::AndIOp>(
            loc, cond,
            b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, at,
                                    index(pieces)));
      auto inRange = b.create<scf::IfOp>(loc, cond, /*withElse=*/false);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&inRange.getThenRegion().front());
      Value col = b.create<arith::MulIOp>(loc, at, index(V2));
      Value from = b.create<arith::AddIOp>(loc, base, col);
      SmallVector<Value> vecs;
      for (int64_t a = 0; a < m; ++a)
        vecs.push_back(b.create<vector::LoadOp>(
            loc, vf32(), smem,
            ValueRange{
                swizzled(b.create<arith::AddIOp>(loc, from, index(a * P)))}));
      SmallVector<Value> outs(m, splat(0.0));
      for (int64_t l = 0; l < V2; ++l) {
        SmallVector<Value> in;
        for (int64_t a = 0; a < m; ++a)
          in.push_back(b.create<vector::ExtractOp>(loc, vecs[a], l));
        SmallVector<Value> out =
            mlir::walsh::emitBaseProduct(b, loc, m, chain.transpose, in);
        for (int64_t a = 0; a < m; ++a)
          outs[a] = b.create<vector::InsertOp>(loc, out[a], outs[a], l);
      }
      for (int64_t a = 0; a < m; ++a) {
        Value i = b.create<arith::AddIOp>(loc, col, index(a * P));
        Value v = affineOf(outs[a], mul ? loadRaw(mul, Value(), i) : Value(),
                           add ? loadRaw(add, Value(), i) : Value());
        if (residual)
          v = b.create<arith::AddFOp>(loc, v,
                                      load(residual, rowc, i, outStorage));
        b.create<vector::StoreOp>(loc, narrow(v), y, ValueRange{row, i});
      }
    }
  }
  /// The fp32 m-point stage's extra swizzle of dense index `a`'s row: its
  /// 16-byte pieces XORed by 8 (a ^ a >> 1) & 3 floats (a Gray code), so
  /// that a B fragment's four lanes of one position (dense indices 2 q
  /// (+1, +8, +9) apart) reach distinct banks, as do rows a and a + 1
  /// (even a) written by one quarter-warp.
  Value rowSwizzle(Value a) {
    Value gray = b.create<arith::AndIOp>(
        loc,
        b.create<arith::XOrIOp>(loc, a,
                                b.create<arith::ShRUIOp>(loc, a, index(1))),
        index(3));
    return b.create<arith::ShLIOp>(loc, gray, index(3));
  }
  /// splitDenseStage on tensor cores for fp32 rows (gpuSplitHmMma32): the
  /// row's W = m T / 32 warps take its P / 8 n-tiles of 8 positions in
  /// turn; for each, Y = H_m X over IT x IT blocks of 16 x 16 with X's
  /// B fragments (dense indices 16 j + 2 q (+1, +8, +9), position 8 n + g;
  /// zero past m) as bf16 hi + mid + lo (24 bits: the products exact, fp32
  /// sums), three mma.sync a block, H_m's A fragments (+-1, exact in bf16)
  /// one 16-byte shared load each. The lane then holds outputs 16 i + g
  /// (+8) at positions 2 q, 2 q + 1: the affine and 8-byte stores.
  void splitDenseStageMma32(Value row, Value valid, Value mul, Value add,
                            Value y, Value base,
                            llvm::function_ref<Value(Value)> swizzled) {
    SplitMmaHelper h(b, loc, chain);
    int64_t IT = (m + 15) / 16, W = m * T / kWarp, tiles = P / 8;
    Value u = b.create<arith::AddIOp>(
        loc, b.create<arith::MulIOp>(loc, sub, index(T)), t);
    Value lane = b.create<arith::RemUIOp>(loc, u, index(kWarp));
    Value warp = b.create<arith::DivUIOp>(loc, u, index(kWarp));
    Value g = b.create<arith::ShRUIOp>(loc, lane, index(2));
    Value q2 = b.create<arith::MulIOp>(
        loc, b.create<arith::AndIOp>(loc, lane, index(3)), index(2));
    Value laneWords = b.create<arith::MulIOp>(loc, lane, index(4));
    auto loop =
        b.create<scf::ForOp>(loc, warp, index(tiles), index(W), ValueRange{});
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    Value p0 = b.create<arith::MulIOp>(loc, loop.getInductionVar(), index(8));
    Value zero = constant(0.0);
    Value col = b.create<arith::AddIOp>(loc, p0, q2);
    // Output row 16 i + 8 half + g of the tile (where it may pass m, a
    // clamped copy for the addresses) and its element.
    auto outRow = [&](int64_t i, int64_t half) -> std::pair<Value, Value> {
      int64_t first = 16 * i + 8 * half;
      Value a = b.create<arith::AddIOp>(loc, g, index(first));
      Value in;
      if (first + 7 >= m)
        in = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, a,
                                     index(m));
      Value ac = in ? b.create<arith::SelectOp>(loc, in, a, index(0)) : a;
      return {in, b.create<arith::AddIOp>(
                      loc, b.create<arith::MulIOp>(loc, ac, index(P)), col)};
    };
    // a's and b's pairs loaded before the products, so that their latency
    // overlaps the mma chains, where a thread may hold 144 registers or
    // more (the pairs take some 20 beside the ~108 of loading them where
    // they are used). H200, 2026-12-04 (run410, walsh-gpu, two passes,
    // every kernel checked; run409's ncu had 46 % of the warps' cycles in
    // long-scoreboard stalls), fraction of the copy roofline at 16384
    // rows, where used -> early: 26624 over 416 threads (152 registers a
    // thread allowed) 0.41 -> 0.43; not 30720 over 480 (136: ptxas took
    // 128), 0.43 -> 0.41.
    bool early = 65536 / (m * T * R) >= 144;
    SmallVector<Value> mulPairs, addPairs;
    if (early) {
      llvm::SaveAndRestore<int64_t> pairWidth(V, 2);
      for (int64_t i = 0; i < IT; ++i)
        for (int64_t half = 0; half < 2; ++half) {
          if (16 * i + 8 * half >= m)
            continue;
          Value idx = outRow(i, half).second;
          mulPairs.push_back(mul ? loadRaw(mul, Value(), idx) : Value());
          addPairs.push_back(add ? loadRaw(add, Value(), idx) : Value());
        }
    }
    std::vector<SmallVector<Value>> acc(static_cast<size_t>(IT));
    for (int64_t j = 0; j < IT; ++j) {
      SmallVector<Value> x;
      for (int64_t r : {0, 1, 8, 9}) {
        // Dense index 16 j + r + 2 q (q < 4): past m only where 16 j + r
        // + 6 is.
        Value a = b.create<arith::AddIOp>(loc, q2, index(16 * j + r));
        Value in;
        if (16 * j + r + 6 >= m) {
          in = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, a,
                                       index(m));
          a = b.create<arith::SelectOp>(loc, in, a, index(0));
        }
        Value f = b.create<arith::AddIOp>(
            loc,
            b.create<arith::AddIOp>(loc, base,
                                    b.create<arith::MulIOp>(loc, a, index(P))),
            b.create<arith::AddIOp>(loc, p0, g));
        Value at = b.create<arith::XOrIOp>(loc, swizzled(f), rowSwizzle(a));
        Value v = b.create<memref::LoadOp>(loc, smem, ValueRange{at});
        if (in)
          v = b.create<arith::SelectOp>(loc, in, v, zero);
        x.push_back(v);
      }
      // B's two words (k = 2 q, 2 q + 1 and 2 q + 8, 2 q + 9), three
      // pieces each.
      SmallVector<Value> b0 = h.splitPair(x[0], x[1], 3);
      SmallVector<Value> b1 = h.splitPair(x[2], x[3], 3);
      for (int64_t i = 0; i < IT; ++i) {
        Value at =
            b.create<arith::AddIOp>(loc, laneWords, index((i * IT + j) * 128));
        Value frag =
            b.create<vector::LoadOp>(loc, VectorType::get({4}, b.getI32Type()),
                                     fragView, ValueRange{at});
        SmallVector<Value> aw;
        for (int64_t e = 0; e < 4; ++e)
          aw.push_back(b.create<vector::ExtractOp>(loc, frag, e));
        // The smallest piece first.
        for (int64_t piece = 2; piece >= 0; --piece)
          acc[size_t(i)] =
              h.mma("bf16", aw, b0[size_t(piece)], b1[size_t(piece)],
                    acc[size_t(i)], /*sideEffects=*/true);
      }
    }
    llvm::SaveAndRestore<int64_t> pairWidth(V, 2);
    size_t pair = 0;
    for (int64_t i = 0; i < IT; ++i)
      for (int64_t half = 0; half < 2; ++half) {
        int64_t first = 16 * i + 8 * half;
        if (first >= m)
          continue;
        auto [in, idx] = outRow(i, half);
        Value cond = in ? b.create<arith::AndIOp>(loc, valid, in) : valid;
        auto ifIn = b.create<scf::IfOp>(loc, cond, /*withElse=*/false);
        OpBuilder::InsertionGuard inner(b);
        b.setInsertionPointToStart(&ifIn.getThenRegion().front());
        Value mv = early ? mulPairs[pair]
                         : (mul ? loadRaw(mul, Value(), idx) : Value());
        Value av = early ? addPairs[pair]
                         : (add ? loadRaw(add, Value(), idx) : Value());
        ++pair;
        Value v = splat(0.0);
        v = b.create<vector::InsertOp>(loc, acc[size_t(i)][size_t(2 * half)], v,
                                       0);
        v = b.create<vector::InsertOp>(
            loc, acc[size_t(i)][size_t(2 * half + 1)], v, 1);
        v = affineOf(v, mv, av);
        b.create<vector::StoreOp>(loc, narrow(v), y, ValueRange{row, idx});
      }
  }
  /// Positions a piece of the split layout's m-point stage takes: the
  /// fewest that cover the row's P positions in one round of its m * T
  /// threads, at most min(V, 4) (a 16-byte shared-memory read) and m * V2
  /// <= 48 values. H200, 2026-11-30, 65536 rows, fraction of the copy
  /// roofline: with 16 values a thread (one round at V2 = 2), V2 = 1 / 2
  /// / 4: bf16 d = 6144 0.42 / 0.56 / 0.51, fp32 12288 0.45 / 0.62 / 0.58;
  /// with 32 (one round at V2 = 4), V2 = 2 / 4: bf16 12288 0.40 / 0.54,
  /// 24576 0.42 / 0.50, fp32 12288 0.70 / 0.82, 24576 0.66 / 0.75.
  int64_t splitPieceWidth() const {
    int64_t limit = std::min<int64_t>(V, 4);
    while (limit > 1 && m * limit > 48)
      limit /= 2;
    int64_t v = 1;
    while (v < limit && P / v > m * T)
      v *= 2;
    return v;
  }
  /// The grouped layout's m-point stage: each thread multiplies its m / g
  /// values (dense indices sub * mt + a) by its block of H_m's columns,
  /// keeps the mo sums of its own rows of H_m and publishes the others,
  /// block k = 0 ... g - 2 (rows of group (sub + 1 + k) % g) in plane k
  /// of the exchange buffer, where that group's thread t holds those rows;
  /// one barrier; then adds the g - 1 planes at its own elements. The
  /// levels across warps before it end with a barrier after their reads,
  /// and a block takes one row group. With outBlocks, the rows are H_m's
  /// block `rank` of outBlocks (m / outBlocks of them, mo = mt /
  /// outBlocks a group).
  void groupDenseLevel() {
    SmallVector<Value> in;
    for (int64_t a = 0; a < mt; ++a)
      in.push_back(reg(a, 0, 0));
    // A switch on the block's rank and the group (uniform across each warp
    // where a group is whole warps, 2^k >= 32), each case yielding its own
    // rows' sums, then the next groups' in turn.
    int64_t outs = m / outBlocks, cases = outBlocks * groups;
    Value which = sub;
    if (outBlocks > 1)
      which = b.create<arith::AddIOp>(
          loc, b.create<arith::MulIOp>(loc, rank, index(groups)), sub);
    auto sw = b.create<scf::IndexSwitchOp>(
        loc, SmallVector<Type>(size_t(outs), f32), which,
        llvm::to_vector(llvm::seq<int64_t>(0, cases - 1)), int(cases - 1));
    for (int64_t i = 0; i < cases; ++i) {
      int64_t block = i / groups, h = i % groups;
      OpBuilder::InsertionGuard guard(b);
      Region &region = i + 1 < cases ? sw.getCaseRegions()[unsigned(i)]
                                     : sw.getDefaultRegion();
      b.setInsertionPointToStart(&region.emplaceBlock());
      SmallVector<Value> sums = mlir::walsh::emitBaseColumnProduct(
          b, loc, m, chain.transpose, groups, h, outBlocks, block, in);
      std::rotate(sums.begin(), sums.begin() + h * mo, sums.end());
      b.create<scf::YieldOp>(loc, sums);
    }
    Value row = b.create<arith::MulIOp>(loc, slot, index(d));
    for (int64_t k = 0; k + 1 < groups; ++k) {
      // Group (sub + 1 + k) % g's first element, for this thread's own.
      Value to = b.create<arith::MulIOp>(
          loc,
          b.create<arith::RemUIOp>(
              loc, b.create<arith::AddIOp>(loc, sub, index(k + 1)),
              index(groups)),
          index(mt * P));
      Value base = b.create<arith::AddIOp>(
          loc, b.create<arith::AddIOp>(loc, row, index(k * R * d)),
          b.create<arith::SubIOp>(loc, to, aBase));
      for (int64_t i = 0; i < mo; ++i)
        b.create<memref::StoreOp>(
            loc, sw.getResult(unsigned((k + 1) * mo + i)), smem,
            ValueRange{b.create<arith::AddIOp>(loc, base, offset(i, 0))});
    }
    b.create<gpu::BarrierOp>(loc);
    for (int64_t i = 0; i < mo; ++i) {
      Value sum = sw.getResult(unsigned(i));
      for (int64_t k = 0; k + 1 < groups; ++k)
        sum = b.create<arith::AddFOp>(
            loc, sum,
            b.create<memref::LoadOp>(
                loc, smem,
                ValueRange{b.create<arith::AddIOp>(
                    loc, b.create<arith::AddIOp>(loc, row, index(k * R * d)),
                    offset(i, 0))}));
      reg(i, 0, 0) = sum;
    }
  }
  void denseLevel() {
    if (hmRowBlocks > 1) {
      // Row blocks (one vector of each dense index a thread), each block's
      // outputs for every position of the vector into the exchange buffer
      // as soon as made (denseTransposeStage stores nothing then).
      SmallVector<SmallVector<Value>> in(static_cast<size_t>(V));
      for (int64_t l = 0; l < V; ++l)
        for (int64_t a = 0; a < m; ++a)
          in[size_t(l)].push_back(reg(a, 0, l));
      mlir::walsh::emitBaseProductInRowBlocks(
          b, loc, m, chain.transpose, hmRowBlocks, in,
          [&](int64_t a, ArrayRef<Value> y) {
            for (int64_t l = 0; l < V; ++l)
              reg(a, 0, l) = y[size_t(l)];
            storeDenseExchange(a);
          });
      return;
    }
    for (int64_t c = 0; c < chunks; ++c)
      for (int64_t l = 0; l < V; ++l) {
        SmallVector<Value> in;
        for (int64_t a = 0; a < m; ++a)
          in.push_back(reg(a, c, l));
        SmallVector<Value> out;
        if (hmBlocks > 1) {
          int64_t q = m / hmBlocks;
          for (int64_t g = 0; g < hmBlocks; ++g) {
            SmallVector<Value> part = mlir::walsh::emitBaseColumnProduct(
                b, loc, m, chain.transpose, hmBlocks, g, 1, 0,
                ArrayRef<Value>(in).slice(size_t(g * q), size_t(q)));
            if (out.empty())
              out = part;
            else
              for (int64_t a = 0; a < m; ++a)
                out[a] = b.create<arith::AddFOp>(loc, out[a], part[a]);
          }
        } else
          out = mlir::walsh::emitBaseProduct(b, loc, m, chain.transpose, in);
        for (int64_t a = 0; a < m; ++a)
          reg(a, c, l) = out[a];
      }
  }
  /// Dense index a's vector into the dense-index transpose's exchange
  /// buffer (denseTransposeStage).
  void storeDenseExchange(int64_t a) {
    Value base = b.create<arith::MulIOp>(loc, slot, index(d));
    b.create<vector::StoreOp>(
        loc, packRegs(a, 0), smem,
        ValueRange{b.create<arith::AddIOp>(loc, base, offset(a, 0))});
  }

  OpBuilder &b;
  Location loc;
  const ::walsh::StageChain &chain;
  /// fp32; x's (and a's, b's) storage type; y's (the residual's, the
  /// norm's) after any output cast.
  Type f32, storage, outStorage;
  /// m: the dense factor; mt: the dense indices a thread holds (m, 1 in
  /// the split layout, m / g in the grouped layout); T: threads per dense
  /// index of a row.
  int64_t m, mt, P, d, T, R, V, chunks, K, cluster = 1;
  /// The grouped layout with 'cluster' > 1: the blocks a row, splitting
  /// H_m's outputs (`rank` the block's); and mo, the dense indices a
  /// thread stores (mt / outBlocks).
  int64_t outBlocks = 1, mo = 1;
  /// cluster > 1: the block's rank in its cluster, its slice's first
  /// column (rank * P), the slice buffer (GpuSharedLayout::clusterBytes)
  /// and its address.
  Value rank, colBase, slice, sliceBase;
  bool split;
  /// The levels across warps as one transpose across dense indices
  /// (gpuDenseTranspose; denseTransposeStage).
  bool denseTranspose = false;
  /// The dense-index transpose: the lane levels it takes after the
  /// transpose, in registers (position bits log2 V ... log2 V + D - 1),
  /// which makes its reads, a's and b's loads and the stores vectors of V
  /// 2^D.
  int64_t deferLanes = 0;
  /// H_m's sign program as that many column blocks (gpuHmColumnBlocks; 1:
  /// whole).
  int64_t hmBlocks = 1;
  /// H_m's sign program as that many row blocks, each block's outputs
  /// stored into the dense-index transpose's exchange buffer as made
  /// (gpuHmRowBlocks; 1: none).
  int64_t hmRowBlocks = 1;
  /// The split layout's m-point stage on tensor cores for fp32 rows
  /// (gpuSplitHmMma32): H_m's fragments in shared memory (fragView).
  bool hmMma32 = false;
  Value fragView;
  /// hmMma32: the rows prefetched into L2 that many grids ahead (from 2).
  int64_t rowsAhead = 1;
  /// The grouped layout's g (0: not that layout).
  int64_t groups = 0;
  /// The shared memory the kernel uses, and whether levels across threads
  /// go through transposes (gpuSharedLayout).
  mlir::walsh::GpuSharedLayout shared;
  int exchanges = 0;
  Value t, slot, tV, rows, smem, pbuf, pbufBase, tqFinal, red;
  /// The affine table's a * scale (fp32) and b (as stored), when present.
  Value mulTable, addTable;
  /// The split and grouped layouts': the thread's group, its first
  /// element's dense index times P (sub * mt * P), and the first dense
  /// index it stores times P (aBase, or with outBlocks (rank * m /
  /// outBlocks + sub * mo) * P).
  Value sub, aBase, outBase;
  /// The fused epilogue's memrefs (null when absent).
  Value residual, normWeight, normBias, normOut;
  /// The prologue's: its statistics (the split-KV lse or the row sums); the head
  /// merge's (batch, seq) position of the current row; with row groups, the
  /// current group's row sums (loaded one group ahead).
  Value stats, batchPos, seqPos;
  SmallVector<Value> groupSums;
  SmallVector<Value> regs;
  /// The q-bit positions the chunk index spans now (see the file comment),
  /// at the load, and the transposes' plan.
  SmallVector<int> layout, loadLayout;
  SmallVector<std::pair<SmallVector<int>, int>> plan;
  /// A wide plan's middle layout (element bit per register bit; see
  /// planWide), empty otherwise.
  SmallVector<int> wideMid;
  /// Called by the last transpose before its barrier (null: nothing): the
  /// early affine loads (see rowGroup).
  std::function<void()> beforeLastBarrier;
};

} // namespace

SmallVector<int64_t> mlir::walsh::wideTransposeColumns(int n,
                                                       ArrayRef<int> piece,
                                                       ArrayRef<int> phaseA,
                                                       ArrayRef<int> phaseB) {
  int w = int(piece.size()), kb = 5 - w;
  SmallVector<int64_t> column(n);
  int next = w;
  for (int e = 0; e < n; ++e) {
    auto it = llvm::find(piece, e);
    column[e] =
        int64_t(1) << (it != piece.end() ? int(it - piece.begin()) : next++);
  }
  auto bank = [&](int64_t c) { return (c >> w) & ((1 << kb) - 1); };
  // The phase bits whose image lies above the bank field are unknowns.
  SmallVector<int> unknown;
  for (ArrayRef<int> phase : {phaseA, phaseB})
    for (int e : phase)
      if (column[e] >> 5 && !llvm::is_contained(unknown, e))
        unknown.push_back(e);
  auto independent = [&](ArrayRef<int> phase, size_t assigned) {
    SmallVector<int64_t> basis;
    for (int e : phase) {
      auto u = llvm::find(unknown, e);
      if (u != unknown.end() && size_t(u - unknown.begin()) >= assigned)
        continue;
      int64_t v = bank(column[e]);
      for (int64_t x : basis)
        v = std::min(v, v ^ x);
      if (!v)
        return false;
      basis.push_back(v);
    }
    return true;
  };
  SmallVector<int64_t> base(column);
  std::function<bool(size_t)> search = [&](size_t i) {
    if (i == unknown.size())
      return true;
    for (int64_t s = 0; s < (int64_t(1) << kb); ++s) {
      column[unknown[i]] = base[unknown[i]] | (s << w);
      if (independent(phaseA, i + 1) && independent(phaseB, i + 1) &&
          search(i + 1))
        return true;
    }
    column[unknown[i]] = base[unknown[i]];
    return false;
  };
  if (!search(0))
    return base; // unswizzled: correct, with conflicts
  return column;
}

std::string mlir::walsh::gpuNormConflict(ConfigAttr config, int64_t m,
                                         bool norm) {
  if (!norm || !config.splitsDense(m))
    return "";
  return "expects 'elems_per_thread' to be a multiple of the dense factor " +
         std::to_string(m) + " with a fused norm: the split layout's rows " +
         "span " + std::to_string(m) +
         " groups of threads, which the norm's reduction does not";
}

std::string mlir::walsh::gpuClusterConflict(ConfigAttr config,
                                            const GpuChainTraits &chain) {
  if (config.getCluster() == 1 ||
      !(chain.prologue || chain.norm || chain.residual || chain.crossHeadOnly))
    return "";
  return "expects 'cluster' = 1 with a prologue, a fused epilogue or the "
         "cross-head factor alone: a cluster runs the plain transform and "
         "affine";
}

std::string mlir::walsh::gpuGroupsConflict(ConfigAttr config, int64_t m,
                                           const GpuChainTraits &chain) {
  int64_t g = config.denseGroups(m);
  if (!g ||
      !(chain.prologue || chain.norm || chain.residual || chain.crossHeadOnly))
    return "";
  return "expects no prologue, fused epilogue or cross-head factor alone in "
         "the grouped layout ('elems_per_thread' = m / " +
         std::to_string(g) + " = " + std::to_string(m / g) +
         "): it runs the plain transform and affine";
}

Value mlir::walsh::emitRowGroupCount(OpBuilder &b, Location loc, Value rows,
                                     int64_t rowsPerBlock, Value bid,
                                     Value grid) {
  auto index = [&](int64_t v) {
    return b.create<arith::ConstantIndexOp>(loc, v).getResult();
  };
  Value padded = b.create<arith::AddIOp>(loc, rows, index(rowsPerBlock - 1));
  Value groups = b.create<arith::DivUIOp>(loc, padded, index(rowsPerBlock));
  Value has =
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, bid, groups);
  Value left = b.create<arith::SubIOp>(loc, groups, bid);
  Value up = b.create<arith::AddIOp>(
      loc, left, b.create<arith::SubIOp>(loc, grid, index(1)));
  Value per = b.create<arith::DivUIOp>(loc, up, grid);
  return b.create<arith::SelectOp>(loc, has, per, index(0));
}

std::pair<Value, Value> mlir::walsh::emitRowStart(OpBuilder &b, Location loc,
                                                  Value x, Value row) {
  auto meta = b.create<memref::ExtractStridedMetadataOp>(loc, x);
  Value xBase = b.create<memref::ExtractAlignedPointerAsIndexOp>(loc, x);
  Value scaled = b.create<arith::MulIOp>(loc, row, meta.getStrides()[0]);
  return {xBase, b.create<arith::AddIOp>(loc, meta.getOffset(), scaled)};
}

Value mlir::walsh::emitInlinePtx(OpBuilder &b, Location loc, Type result,
                                 ValueRange operands, StringRef text,
                                 StringRef constraints, bool sideEffects) {
  auto op = b.create<LLVM::InlineAsmOp>(
      loc, result ? TypeRange{result} : TypeRange{}, operands, text,
      constraints, sideEffects,
      /*is_align_stack=*/false, LLVM::AsmDialectAttr(), ArrayAttr());
  return result ? op.getResult(0) : Value();
}

Value mlir::walsh::emitAddressAt(OpBuilder &b, Location loc, Value baseIndex,
                                 Value byteOffset,
                                 LLVM::LLVMPointerType ptrType) {
  Value i = b.create<arith::IndexCastOp>(
      loc, b.getI64Type(),
      b.create<arith::AddIOp>(loc, baseIndex, byteOffset));
  if (ptrType.getAddressSpace() != 1)
    return b.create<LLVM::IntToPtrOp>(loc, ptrType, i);
  // A global address: generic, then cast (cvta.to.global).
  Value generic = b.create<LLVM::IntToPtrOp>(
      loc, LLVM::LLVMPointerType::get(b.getContext()), i);
  return b.create<LLVM::AddrSpaceCastOp>(loc, ptrType, generic);
}

mlir::walsh::GpuChainTraits
mlir::walsh::gpuChainTraits(const ::walsh::StageChain &chain) {
  GpuChainTraits traits;
  traits.norm = chain.hasNorm();
  traits.mul = chain.mulArg >= 0;
  traits.add = chain.addArg >= 0;
  traits.prologue = chain.prologue != ::walsh::Prologue::None;
  traits.residual = chain.residualArg >= 0;
  traits.crossHeadOnly = chain.crossHeadOnly != 0;
  mlir::Type storage = chain.rowsType.getElementType();
  traits.outCast = chain.outType && chain.outType != storage;
  traits.fp32Rows = storage.isF32();
  return traits;
}

mlir::walsh::GpuSharedLayout
mlir::walsh::gpuSharedLayout(int64_t d, int64_t m, int64_t storageBytes,
                             ConfigAttr config, const GpuChainTraits &chain) {
  // A cluster's block: its slice's layout, then the slice for the other
  // blocks (a and b loaded where the block finishes, not hoisted).
  // (In the grouped layout the blocks hold the whole row and split H_m's
  // outputs: nothing crosses them.)
  if (int64_t c = config.getCluster(); c > 1 && !config.denseGroups(m)) {
    GpuSharedLayout s = gpuSharedLayout(
        d / c, m, storageBytes,
        ConfigAttr::get(config.getContext(), config.getElemsPerThread(),
                        config.getThreadsPerRow(), config.getRowsPerBlock(),
                        config.getVectorWidth(), config.getCrossWarp(),
                        config.getRowIters(), 1),
        chain);
    s.hoistAffine = false;
    s.clusterBytes = d / c * 4;
    return s;
  }
  // (fp32 rows in the split layout on tensor cores: the split layout's
  // buffers below, 'row_iters' the rows prefetched into L2 ahead.)
  bool hmMma32 = gpuSplitHmMma32(config, d, m, storageBytes);
  if (config.getCrossWarp() == CrossWarp::Mma && !hmMma32) {
    GpuSharedLayout s;
    s.affineBytes = gpuMmaSharedBytes(d, m, storageBytes, config, chain);
    return s;
  }
  int64_t T = config.threadsPerIndex(m), R = config.getRowsPerBlock();
  int64_t K = hmMma32 ? 1 : config.getRowIters(), P = d / m;
  int64_t eb = config.elemsPerIndex(m);
  int64_t V = std::min<int64_t>(config.getVectorWidth(), eb);
  int64_t chunks = eb / V;
  bool split = config.splitsDense(m);
  int64_t groups = config.denseGroups(m);
  // The dense indices a thread holds.
  int64_t held = split ? 1 : groups ? m / groups : m;
  auto layout = [&](int prefetchBuffers, int64_t affineBytes) {
    GpuSharedLayout s;
    s.transpose =
        config.getCrossWarp() == CrossWarp::Transpose && T > 1 && chunks >= 2;
    s.prefetchBuffers = K > 1 ? prefetchBuffers : 0;
    s.prefetchBytes = s.prefetchBuffers * R * d * storageBytes;
    s.affineBytes = affineBytes;
    // Two exchange buffers (one barrier per transpose) when they fit in
    // 96 KB beside the prefetch buffers, and with row groups in 64 KB: past
    // that the second buffer costs a block per multiprocessor (228 KB of
    // shared memory: 96 KB blocks run two at a time, 64 KB blocks three).
    // H200, bf16, 65536 rows, the same kernels with one buffer: d = 4096
    // (16 groups of 2 rows) 330.1 -> 309.3 us, 0.79 -> 0.84 of the copy
    // roofline; 8192 (16 groups of 1) 710.5 -> 678.3 us, 0.72 -> 0.75.
    int64_t beside = s.prefetchBytes + s.affineBytes;
    int64_t twoBuffers = 2 * R * d * 4 + beside;
    s.exchangeBuffers = s.transpose && twoBuffers <= 96 * 1024 &&
                                (!beside || twoBuffers <= 64 * 1024)
                            ? 2
                            : 1;
    if (s.transpose)
      s.exchangeBytes = s.exchangeBuffers * R * d * 4;
    else
      // (The grouped layout: a plane for each other group.)
      s.exchangeBytes = T > kWarp || split || groups
                            ? std::max<int64_t>(groups - 1, 1) * R * d * 4
                            : 0;
    if (chain.norm && T > kWarp)
      s.reduceBytes = 2 * 2 * R * (T / kWarp) * 4;
    // The fp32 m-point stage on tensor cores: H_m's fragments after the
    // row.
    if (hmMma32)
      s.exchangeBytes += 4 * splitHmMma32FragmentWords(m);
    return s;
  };
  GpuSharedLayout s = layout(2, 0);
  // Row groups of large rows: one prefetch buffer, refilled once the
  // group is read, where two would not fit a block (227 KB: 16-bit d =
  // 32768 over transposes, 128 KB of exchange buffer and two 64 KB rows) or
  // would leave one block a multiprocessor where one buffer leaves two
  // (113 KB each: 16-bit d = 16384, 64 KB + 2 x 32 KB against 64 + 32).
  if (s.prefetchBuffers == 2) {
    GpuSharedLayout one = layout(1, 0);
    if (s.total() > kSm90SharedPerBlock ||
        (sm90BlocksByShared(s.total()) < 2 &&
         sm90BlocksByShared(one.total()) >= 2))
      s = one;
  }
  // a and b kept in registers (in the storage type, loaded first so their
  // latency overlaps the row's and, with row groups, once for every group)
  // only while a thread holds at most 32 values in a block of at most 256
  // threads (more costs occupancy: 162 registers for bf16 d = 4096 with 64
  // values; and 1024-thread blocks cap ptxas at 64 registers, so f32 d =
  // 32768 spilled and fell from 0.78 to 0.46 of the roofline). Not with
  // row groups on rows of fewer than 128 vectors: across the group loop
  // LLVM keeps them converted, 64 fp32 registers, and the occupancy they
  // cost is worth more than a load per group (H200, 2026-11-30, 65536
  // rows, bf16: d = 256 157 -> 96 registers, 0.89-0.92 -> 0.93-0.94 of the
  // copy roofline; 512 0.88-0.89 -> 0.92; at d = 1024 it lost, 0.87-0.88 ->
  // 0.82-0.83).
  // (Not with the dense-index transpose, which reads a and b in a layout
  // of its own.)
  s.hoistAffine = !split && !gpuDenseTranspose(config, m, chain) &&
                  held * chunks * V <= 32 &&
                  std::max<int64_t>(groups, 1) * T * R <= 256 &&
                  !(K > 1 && m == 1 && P / V < 128);
  // Otherwise, with row groups in 16 bits, every group loaded a and b
  // again and widened them, and multiplied a by the scale: 3.4 of the 24
  // instructions an element took at bf16 d = 4096 (ncu, H200, 2026-11-30:
  // 44.4 against 37.3 million warp instructions without the affine). The
  // table holds a * scale widened once a block; a group then reads it and
  // b with 16-byte shared loads: 11% fewer instructions there, but 37% more
  // shared-memory wavefronts, and transposes keep that pipe busy already
  // (74% against 55% of the kernel's time). So the table is for kernels
  // without transposes, or with a prologue's instructions besides. H200,
  // 2026-11-30, fraction of the copy roofline, before -> with the table:
  // at 65536 rows d = 256 0.92-0.93 -> 0.95-0.98, 512 0.87-0.88 -> 0.93,
  // 768 f16 0.88-0.89 -> 0.90; at 16384 rows d = 4096's bhsd form 0.83-0.84
  // -> 0.87-0.91, its row sums 0.81-0.83 -> 0.86-0.88; but the transform
  // alone at d = 4096 lost at 65536 rows (0.91-0.92 -> 0.89, with 4 to 16
  // groups a block, capped grid or not) for 0.01-0.03 at 16384.
  // It may not cost a block a multiprocessor either: it is kept only while
  // the kernel stays within what it used before or 72 KB (three blocks in
  // 228 KB), the second prefetch buffer given up.
  // Not with the dense-index transpose, which reads a and b in a layout of
  // its own (16-bit pairs take row groups: 4-byte vectors).
  if (K > 1 && !split && !s.hoistAffine && storageBytes == 2 &&
      !gpuDenseTranspose(config, m, chain) && (chain.mul || chain.add) &&
      (!s.transpose || chain.prologue)) {
    GpuSharedLayout t =
        layout(1, (chain.mul ? 4 * d : 0) + (chain.add ? storageBytes * d : 0));
    if (t.total() <= std::max<int64_t>(s.total(), 72 * 1024))
      return t;
  }
  return s;
}

namespace {

struct WalshConvertToGPUPass
    : mlir::walsh::impl::WalshConvertToGPUBase<WalshConvertToGPUPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> fns;
    module.walk([&](func::FuncOp fn) {
      if (::walsh::isStageChainCandidate(fn))
        fns.push_back(fn);
    });
    if (fns.empty())
      return;
    OpBuilder b(module.getBodyRegion());
    module->setAttr(gpu::GPUDialect::getContainerModuleAttrName(),
                    b.getUnitAttr());
    auto gpuModule = b.create<gpu::GPUModuleOp>(module.getLoc(),
                                                "walsh_kernels");
    for (func::FuncOp fn : fns)
      if (failed(convert(fn, gpuModule)))
        return signalPassFailure();
  }

  LogicalResult convert(func::FuncOp fn, gpu::GPUModuleOp gpuModule) {
    FailureOr<::walsh::StageChain> chain = ::walsh::matchStageChain(fn);
    if (failed(chain))
      return failure();
    auto config =
        dyn_cast_or_null<mlir::walsh::ConfigAttr>(chain->config);
    // d = 1 has no stages to carry a config: one thread per row.
    if (!config && chain->rowsType.getShape()[1] == 1)
      config = mlir::walsh::ConfigAttr::get(
          &getContext(), 1, 1, 128, 1, mlir::walsh::CrossWarp::Shared, 1, 1);
    if (!config)
      return fn.emitError("expects the stages to carry a #walsh.config for "
                          "the GPU target");
    int64_t d = chain->rowsType.getShape()[1];
    int64_t m = chain->factors.m;
    int64_t eb = config.elemsPerIndex(m);
    // (A warp a row with H_m on tensor cores holds no whole dense index.)
    bool hmTiles = config.hmTensorCores(d, m);
    // (A cluster's blocks hold slices of the row, or in the grouped layout
    // each the whole row.)
    int64_t slices = config.denseGroups(m) ? 1 : config.getCluster();
    if (!hmTiles &&
        (eb * config.threadsPerIndex(m) * slices !=
             (int64_t(1) << chain->factors.k) ||
         (config.splitsDense(m) && config.getThreadsPerRow() % m != 0)))
      return fn.emitError("expects 'elems_per_thread' / m * "
                          "'threads_per_row' * 'cluster' to be 2^k = ")
             << (int64_t(1) << chain->factors.k) << " for d = " << d;
    if (std::string why =
            mlir::walsh::gpuNormConflict(config, m, chain->hasNorm());
        !why.empty())
      return fn.emitError(why);
    int64_t storageBytes =
        chain->rowsType.getElementType().getIntOrFloatBitWidth() / 8;
    if (std::string why = mlir::walsh::gpuMmaConflict(
            config, d, m, storageBytes, mlir::walsh::gpuChainTraits(*chain));
        !why.empty())
      return fn.emitError(why);
    int64_t vectorBytes = std::min(config.getVectorWidth(), eb) * storageBytes;
    if (config.getRowIters() > 1 && vectorBytes != 4 && vectorBytes != 8 &&
        vectorBytes != 16)
      return fn.emitError("expects 'row_iters' = 1 for ")
             << vectorBytes
             << "-byte vector accesses: the prefetch (cp.async) copies 4, 8 "
                "or 16 bytes";

    if (std::string why = mlir::walsh::gpuClusterConflict(
            config, mlir::walsh::gpuChainTraits(*chain));
        !why.empty())
      return fn.emitError(why);
    if (std::string why = mlir::walsh::gpuGroupsConflict(
            config, m, mlir::walsh::gpuChainTraits(*chain));
        !why.empty())
      return fn.emitError(why);
    if (config.getRowIters() > 1 &&
        chain->prologue == ::walsh::Prologue::CombineSplits)
      return fn.emitError("expects 'row_iters' = 1 with walsh.combine_splits: "
                          "the prefetch copies one row, not K partials");

    SmallVector<Type> args = ::walsh::kernelArgumentTypes(*chain);
    OpBuilder b = OpBuilder::atBlockTerminator(gpuModule.getBody());
    auto kernel = b.create<gpu::GPUFuncOp>(fn.getLoc(), fn.getName(),
                                           b.getFunctionType(args, {}));
    kernel->setAttr(gpu::GPUDialect::getKernelFuncAttrName(),
                    b.getUnitAttr());
    int32_t threads =
        int32_t(config.getThreadsPerRow() * config.getRowsPerBlock());
    kernel.setKnownBlockSizeAttr(b.getDenseI32ArrayAttr({threads, 1, 1}));
    b.setInsertionPointToStart(&kernel.getBody().front());
    Block &entry = kernel.getBody().front();
    auto argOr = [&](int n) {
      return n < 0 ? Value() : entry.getArgument(unsigned(n) + 1);
    };
    // (fp32 rows in the split layout on tensor cores: this pass's emitter,
    // below, with its m-point stage on tensor cores.)
    bool hmMma32 = mlir::walsh::gpuSplitHmMma32(config, d, m, storageBytes);
    if (config.getCrossWarp() == mlir::walsh::CrossWarp::Mma && !hmMma32) {
      mlir::walsh::emitMmaKernel(b, fn.getLoc(), *chain, config,
                                 entry.getArgument(0), entry.getArgument(1),
                                 argOr(chain->mulArg), argOr(chain->addArg));
      b.create<gpu::ReturnOp>(fn.getLoc());
      // (Its 'row_iters' is how far ahead the rows are prefetched, not
      // groups a block: the launcher's grid counts groups of
      // rows_per_block.)
      kernel->setAttr("walsh.rows_per_block",
                      b.getI64IntegerAttr(config.getRowsPerBlock()));
      kernel->setAttr("walsh.shared_bytes",
                      b.getI64IntegerAttr(mlir::walsh::gpuMmaSharedBytes(
                          d, chain->factors.m, storageBytes, config,
                          mlir::walsh::gpuChainTraits(*chain))));
      // The widest row access: H_m on tensor cores copies rows in 16-byte
      // pieces (cp.async), the split layout on tensor cores loads a tile's
      // 8 values of a lane at once; else the config's vectors.
      kernel->setAttr("walsh.row_lanes",
                      b.getI64IntegerAttr(
                          config.hmTensorCores(d, m) || config.mmaSplit(d, m)
                              ? 16 / storageBytes
                              : std::min<int64_t>(config.getVectorWidth(),
                                                  config.elemsPerIndex(m))));
      // The split layout: as many blocks a multiprocessor as leave each
      // thread the registers it needs, from two, so that one block's
      // barriers do not idle the multiprocessor: 80 (H200, 2026-12-02,
      // run276, a CUDA prototype: bf16 12288 0.73 -> 0.77 of the copy
      // roofline at 65536 rows with two blocks of 80 registers, not one
      // of 107; 6144 0.69 -> 0.76), or past that 2 m for the m-point
      // stage (a piece's 2 m values; past m = 28 a piece is one position,
      // but the sign program's temporaries take as many; with H_m on
      // tensor cores, 'vector_width' = 8, none asked: two blocks of 64-80
      // registers spilled 132-148 bytes, bf16 11264 0.79 -> 0.64, 13312
      // 0.60 -> 0.50, 15360 0.66 -> 0.52, H200 run314), the next row's
      // loads (half the thread's values) and 30 more (run284: bf16 7168, 28 x
      // 256 over 224 threads, three blocks of 80 registers spilled 240 bytes,
      // 0.52; two of 128, 0.83).
      int64_t m = config.mmaDenseFactor(d, chain->factors.m);
      int64_t splitRegs =
          std::max<int64_t>(80, 2 * m + config.getElemsPerThread() / 2 + 30);
      // The power-of-two split: at least three registers a value a lane.
      // H200, 2026-12-03 (run339, walsh-gpu, two passes, every kernel
      // checked), 16-bit 8192 as H_8 (x) H_1024 (256 threads, 32 values),
      // fraction of the copy roofline at 65536 / 16384 rows, three blocks a
      // multiprocessor asked (80 registers) -> two (ptxas took 100): 0.87
      // / 0.83 -> 0.91 / 0.90-0.91 (none asked: 76 registers, 0.87 /
      // 0.83-0.84); 4096 as H_8 (x) H_512 (16 values) keeps three (0.93 /
      // 0.91-0.92; four 0.87-0.88 / 0.85).
      if (config.mmaSplitsPowerOfTwo(d, chain->factors.m))
        splitRegs =
            std::max<int64_t>(splitRegs, 3 * config.getElemsPerThread());
      // (No more than sm_90's shared memory holds: 16-bit 16384 as the
      // power-of-two split, 128 KB a block, would otherwise ask ptxas for
      // two blocks' registers where one block fits.)
      int64_t shared = mlir::walsh::gpuMmaSharedBytes(
          d, chain->factors.m, storageBytes, config,
          mlir::walsh::gpuChainTraits(*chain));
      int64_t splitBlocks = 65536 / (threads * splitRegs);
      if (shared > 0)
        splitBlocks = std::min<int64_t>(
            splitBlocks, mlir::walsh::kGpuMostSharedBytes / shared);
      // (The power-of-two split with H_M on tensor cores asks for none
      // either: bf16 8192 at M = 8 and 4, 256 and 128 threads, would ask
      // for three and six blocks, and ptxas spilled 32 and 84 bytes at 80
      // registers; so they ran 0.58 and 0.38 of the copy roofline on the
      // H200, run335, where the radix-2 levels ran 0.83 and 0.85.)
      bool hmPowerOfTwo = config.mmaSplitsPowerOfTwo(d, chain->factors.m) &&
                          config.getVectorWidth() == 8;
      if (config.mmaSplit(d, m) && splitBlocks >= 2 && !hmPowerOfTwo)
        kernel->setAttr("nvvm.minctasm",
                        b.getI32IntegerAttr(int32_t(splitBlocks)));
      // H_m on tensor cores at 2^k = 8 with m = 36 (16-bit d = 288, eight
      // rows a block): H_8 as an m16n8k8 mma took it from 80 registers to
      // 84, two blocks a multiprocessor instead of three; asked for three,
      // ptxas keeps to 80 without a spill. H200, 2026-12-02 (run296,
      // walsh-gpu, two passes, every kernel checked), 65536 / 16384 rows:
      // bf16 0.82-0.84 / 0.85-0.86 -> 0.90 / 0.86-0.87, f16 0.81-0.82 /
      // 0.82-0.83 -> 0.89-0.90 / 0.85-0.88 (the shuffles had run 0.86-0.90
      // / 0.81-0.84).
      if (config.hmTensorCores(d, m) && storageBytes == 2 && m == 36 &&
          d == 36 * 8 && threads == 256)
        kernel->setAttr("nvvm.minctasm", b.getI32IntegerAttr(3));
      fn.erase();
      return success();
    }
    GpuKernelEmitter emitter(b, fn.getLoc(), *chain, config);
    emitter.setEpilogue(
        argOr(chain->residualArg), argOr(chain->normWeightArg),
        argOr(chain->normBiasArg),
        chain->hasNorm() ? entry.getArgument(chain->normOutArg()) : Value());
    emitter.setPrologue(argOr(chain->statsArg));
    emitter.emit(entry.getArgument(0), entry.getArgument(1),
                 argOr(chain->mulArg), argOr(chain->addArg));
    b.create<gpu::ReturnOp>(fn.getLoc());
    // What the launcher needs to know, next to the kernel (a persistent
    // kernel's groups are rows_per_block rows).
    kernel->setAttr("walsh.rows_per_block",
                    b.getI64IntegerAttr(config.getRowsPerBlock() *
                                        (hmMma32 ? 1 : config.getRowIters())));
    kernel->setAttr("walsh.shared_bytes",
                    b.getI64IntegerAttr(emitter.sharedBytes()));
    kernel->setAttr("walsh.row_lanes", b.getI64IntegerAttr(emitter.rowLanes()));
    if (hmMma32) {
      fn.erase();
      return success();
    }
    // 512-thread blocks whose threads hold at most 32 values: two blocks
    // per multiprocessor, so one block's barrier does not idle the SM
    // (ptxas keeps to 64 registers: f32 d = 16384 went from 73 registers
    // and 0.71 of the copy roofline to 0.76). Not with more values or
    // 1024-thread blocks: the cap spills (bf16 d = 32768 fell from 0.40 to
    // 0.23, f32 from 0.75 to 0.30).
    if (threads == 512 && config.getElemsPerThread() <= 32)
      kernel->setAttr("nvvm.minctasm", b.getI32IntegerAttr(2));
    // Kernels of at least 64 values a thread whose registers limit
    // occupancy below what shared memory allows: cap them to the blocks an
    // H100/H200 multiprocessor's 228 KB of shared memory holds, but never
    // below 128 registers. Measured on the H200 (2026-11-30), fraction of
    // the copy roofline:
    //  - wide transposes (more distinct XORed bases, smaller pieces):
    //    bf16 d = 8192 184 -> 168 registers, 65536 rows 0.79 -> 0.82 (f16
    //    0.81 -> 0.84); d = 16384 135 -> 128, two blocks of 256 threads
    //    instead of one (0.44 -> 0.75);
    //  - a prologue (row sums, the bhsd head merge): bf16 d = 4096 row
    //    sums 209 -> 168 registers, 16384 rows 0.55 -> 0.61 (65536 rows
    //    0.56 -> 0.63; f16 likewise), bhsd 0.77 -> 0.79;
    //  - f16 (184 registers at d = 4096): 0.76 -> 0.82 at 16384 rows,
    //    0.81 -> 0.86 at 65536;
    //  - bf16 since its values are widened through 32-bit words (184
    //    registers at d = 4096 without the cap, 168 with it and no spill:
    //    0.84 -> 0.86-0.87). (With arith.extf, plain bf16 d = 4096 already
    //    took 168 registers and the cap spilled.)
    //  - f32 d = 16384 (64 values over 256 threads): 172 -> 128 registers
    //    and 60 bytes of spills, two blocks a multiprocessor instead of
    //    one: 0.78 -> 0.83-0.84 at 16384 and 65536 rows (run98); its
    //    fused forms, at 16384 rows (run99, every other conformance kernel
    //    the cap changes within 0.01): RMSNorm 0.56 -> 0.89, LayerNorm
    //    0.51 -> 0.63, residual + LayerNorm 0.61-0.62 -> 0.71, residual
    //    0.95-0.96 -> 1.03-1.04, a 16-bit output 0.83 -> 0.91-0.92.
    //  Rows of 60 values a thread (m = 60, one lane: H_60's sign program
    //  keeps some 220 values live) took 241-255 registers: their floor is
    //  about 170 instead of 128.
    //  - 64-thread blocks (d = 3840 = 60 x 64), six blocks (170
    //    registers, 116 bytes of spills; run100): f32 0.68 -> 0.79-0.80,
    //    bf16 0.38 -> 0.43-0.44, 65536 and 16384 rows alike; eight (128
    //    registers, 564-604 bytes) 0.26-0.40.
    //  - 128-thread blocks, three (168 registers, 116-120 bytes; run111,
    //    65536 rows, two passes, GB/s): d = 480 f32 +15 %, bf16 +6-7 %;
    //    960 +14 % / +11-12 %; 7680 +13 % / +23 % (16384 rows alike,
    //    bf16 480 -2 %); four (128 registers, 564-648 bytes) lost 30-40 %.
    //    f16 (run112): 480 0.44 -> 0.47-0.48, 960 0.40 -> 0.50, 7680
    //    0.31 -> 0.38.
    //  Not rows of fewer than eight threads (d = 60, 120, 240, 128
    //  threads a block: f32 240 0.64 -> 0.60-0.61, the rest within
    //  0.02), nor a warp a row (d = 1920 = 60 x 32, four rows a block:
    //  f32 -4 %, 164 bytes of spills; bf16 +9 %), nor 3328 or 1664 (m =
    //  52: eight blocks within 0.01 at 3328; 1664 f32 +10 %, bf16 -4 %),
    //  nor 15360 (60 x 256 over 256 threads: two blocks lost, 0.26 ->
    //  0.20).
    //  Rows of 52 values over 256 threads (fp32 d = 13312 = 52 x 256, the
    //  default): 168 registers, one block; capped at 128 (148 bytes of
    //  spills), two: 0.51 -> 0.58 of the copy roofline at 16384 and 65536
    //  rows (H200, 2026-12-03, run394, two passes); its forms (run395):
    //  without a and b 0.55 -> 0.75, to bf16 0.43 -> 0.48-0.49, RMSNorm
    //  0.37 -> 0.44, residual + RMSNorm 0.41 -> 0.46, residual +
    //  LayerNorm 0.35 -> 0.36; not H^T (H_52 is not symmetric: its sign
    //  program spilled 324 bytes, 0.51 -> 0.43). Not 52 over 128 threads
    //  (6656: three blocks to four lost, 0.78 -> 0.72), nor caps past a
    //  second block (fp32 9216, 36 x 256: two blocks to three, 0.73 ->
    //  0.70; 5632, 44 x 128: four to five, 0.84 -> 0.57), nor 15360 at
    //  128 or 18432 (36 x 512) at 64 (0.52 -> 0.34, 0.58 -> 0.34). Only
    //  as measured: one row a block, no row groups (the groups' form
    //  would spill 376 bytes at 128). 16-bit rows take tensor cores at
    //  13312; a 16-bit config of this shape gets the cap unmeasured.
    //  With the dense-index transpose (gpuDenseTranspose), 44 values over
    //  256 threads (fp32 11264) take 137 registers, one block: capped at
    //  128 (no spills), two: 0.61 -> 0.88-0.89 of the copy roofline at
    //  16384 rows (the round-trip form it replaced: 0.71; H200,
    //  2026-12-04, run422). Not 60 (15360 at 128: 408 bytes of spills, 0.66
    //  -> 0.43), nor 60 or 52 over 128 threads at 128, four blocks (7680
    //  0.76 -> 0.48, 6656 0.87 -> 0.78; run423); 52 over 256 keeps the cap
    //  above (13312: 0.70 with it, run422); 36 (9216, 18432) fit two blocks
    //  or one of 512 threads without one.
    int64_t values = config.getElemsPerThread();
    int64_t threadsPerRow = config.getThreadsPerRow();
    // 52 values (any form) or 44 with the dense-index transpose, over 256
    // threads, one row a block, no row groups, not H^T.
    bool capTwoBlocks =
        threadsPerRow == 256 && config.getRowsPerBlock() == 1 &&
        config.getRowIters() == 1 && !chain->transpose &&
        (values == 52 ||
         (values == 44 &&
          mlir::walsh::gpuDenseTranspose(config, chain->factors.m,
                                         mlir::walsh::gpuChainTraits(*chain))));
    int64_t registerFloor = 0;
    if (values >= 64 || capTwoBlocks)
      registerFloor = 128;
    else if (values == 60 && threadsPerRow >= 8 && threadsPerRow != kWarp)
      registerFloor = 170;
    if (registerFloor) {
      int64_t blocks =
          std::min(mlir::walsh::sm90BlocksByShared(emitter.sharedBytes()),
                   65536 / (int64_t(threads) * registerFloor));
      if (blocks >= 2)
        kernel->setAttr("nvvm.minctasm", b.getI32IntegerAttr(int32_t(blocks)));
    }
    fn.erase();
    return success();
  }
};

} // namespace
