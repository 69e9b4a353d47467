//===- WalshToCPU.cpp - walsh-convert-to-cpu -------------------------------===//
//
// Turns a recognised stage chain (walsh/Analysis/StageChain.h) into a
// destination-passing function over memrefs whose body runs, per row, the
// passes of planCpuSchedule with fp32 vectors held in registers. See
// Passes.td for the IR it produces.
//
//===----------------------------------------------------------------------===//
#include "walsh/Conversion/Passes.h"

#include "walsh/Analysis/StageChain.h"
#include "walsh/Conversion/WalshToCPU/CpuSchedule.h"
#include "walsh/Dialect/Walsh/IR/Walsh.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "llvm/Support/SaveAndRestore.h"

#include <functional>

namespace mlir::walsh {
#define GEN_PASS_DEF_WALSHCONVERTTOCPU
#include "walsh/Conversion/Passes.h.inc"
} // namespace mlir::walsh

using namespace mlir;

namespace {

/// Default schedule when the stages carry no #walsh.cpu_config: 8 lanes
/// (AVX2), 3 levels per pass (8 vectors in registers), ordinary stores.
constexpr int64_t kDefaultVectorWidth = 8;
constexpr int kDefaultLevelsPerPass = 3;

/// Where a pass reads or writes a row: a 2-D memref at [row, i] or the fp32
/// scratch row at [i].
struct RowRef {
  Value memref;
  Value row; // null for the scratch row
  Type elementType;
};

/// Emits the body of one kernel: the row loop and every pass.
class KernelEmitter {
public:
  KernelEmitter(OpBuilder &b, Location loc, const ::walsh::StageChain &chain,
                const ::walsh::CpuSchedule &schedule, bool nontemporal,
                bool nativeBF16, Value mul, Value add)
      : b(b), loc(loc), chain(chain), schedule(schedule),
        nontemporal(nontemporal), nativeBF16(nativeBF16), mul(mul), add(add),
        normed(chain.hasNorm()),
        f32(b.getF32Type()),
        storage(chain.rowsType.getElementType()),
        outStorage(chain.outType ? chain.outType : storage),
        vf32(VectorType::get({schedule.lanes}, f32)),
        d(chain.factors.m << chain.factors.k) {}

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

  /// The config's prefetch_per_line (0: prefetchesPerLine's rule).
  void setPrefetchPerLine(int64_t r) { configuredPrefetches = r; }

  /// Whether the rows' prefetches go to L1 through the scratch row too
  /// (walsh::prefetchRowsIntoL1 of the host's L1 size).
  void setRowsIntoL1(bool l1) { rowsIntoL1 = l1; }

  /// Whether the last pass's stores are non-temporal, decided at run time
  /// by `flag` (i1): the last pass is emitted in both forms under an
  /// scf.if, every other pass once (convert: the kernel body both entry
  /// points share).
  void setNontemporalFlag(Value flag) { ntFlag = flag; }

  void emit(Value x, Value y) {
    // Every row is transformed in an fp32 scratch row (cache-resident across
    // rows), so the output is written once, by the last pass.
    // A dense factor's rows past 48 KB (an L1 of 12 ways of 4 KB, the Zen 5
    // and Golden Cove ones) pad the scratch row by a cache line a block:
    // the dense pass's m streams at 2 or 4 KB apart map to one or two L1
    // sets, together with the input's. This VM (Zen 5), f32, one thread,
    // 256 MB: d = 14336 (28 x 512) 0.70 -> 0.81-0.88 of memcpy, 20480
    // (20 x 1024) 0.66-0.70 -> 0.92-0.93, 28672 0.51-0.53 -> 0.79-0.80;
    // 12288 and 15360 (60 x 256) the same; rows that fit L1 gained nothing.
    if (chain.factors.m > 1 && d * 4 > 48 * 1024)
      scratchPad = 16;
    Value scratch = b.create<memref::AllocaOp>(
        loc, MemRefType::get({d + chain.factors.m * scratchPad}, f32),
        ValueRange{}, b.getI64IntegerAttr(64));
    scratchRow = scratch;
    prepareEpilogue();
    input = x;
    Value rows = inputRows(x);
    Value lastRow = b.create<arith::SubIOp>(loc, rows, index(1));
    if (weighted())
      weights = b.create<memref::AllocaOp>(
          loc, MemRefType::get({splitCount() * heads()}, f32), ValueRange{},
          b.getI64IntegerAttr(64));
    b.create<scf::ForOp>(
        loc, index(0), rows, index(1), ValueRange{},
        [&](OpBuilder &, Location, Value r, ValueRange) {
          RowRef in{x, r, storage}, out{y, r, outStorage};
          currentRow = r;
          // The next row is prefetched while this one is transformed, so
          // the reads from memory overlap the arithmetic: rows, part by
          // part in every pass (store); the head merge's next token, in
          // the first pass (loadInput); not the weighted prologues.
          prefetchRow = b.create<arith::MinUIOp>(
              loc, b.create<arith::AddIOp>(loc, r, index(rowsAhead())),
              lastRow);
          beginInputRow(x, r);
          prefetchFrom = chain.prologue == ::walsh::Prologue::None ? x : Value();
          RowRef work{scratch, Value(), f32};
          size_t n = schedule.passes.size();
          passCount = int64_t(n);
          auto emitPass = [&](size_t i, Value lo, int64_t extent) {
            passIndex = int64_t(i);
            RowRef src = i == 0 ? in : work;
            // With a norm the finished row h stays in the fp32 scratch row
            // (cache-resident) for the statistics, then goes out with n.
            RowRef dst = i + 1 == n && !normed ? out : work;
            const ::walsh::CpuPass &p = schedule.passes[i];
            auto emitOne = [&] {
              if (p.kind == ::walsh::CpuPass::Kind::Radix2)
                emitRadix2Pass(p, src, dst, i + 1 == n, lo, extent);
              else
                emitDensePass(src, dst, i + 1 == n);
            };
            if (i + 1 < n || !ntFlag)
              return emitOne();
            auto branch = b.create<scf::IfOp>(loc, ntFlag, /*withElse=*/true);
            for (bool nt : {true, false}) {
              OpBuilder::InsertionGuard guard(b);
              b.setInsertionPointToStart(nt ? &branch.getThenRegion().front()
                                            : &branch.getElseRegion().front());
              llvm::SaveAndRestore<bool> stores(nontemporal, nt);
              emitOne();
            }
          };
          // The passes after the first (widest stride first), or before
          // the last (contiguous pass first), work within blocks of the
          // widest one's span among them (its group of vectors: what its
          // levels mix), so with three passes or more they run block by
          // block on a piece of the scratch row that stays in L1 instead
          // of each sweeping the whole row (d = 16384: a 64 KB row
          // against a 48 KB L1). Contiguous first, the first pass then
          // reads the input a block at a time, front to back.
          bool narrowFirst = schedule.contiguousFirst;
          size_t begin = narrowFirst ? 0 : 1, end = narrowFirst ? n - 1 : n;
          if (!narrowFirst)
            emitPass(0, index(0), d);
          int64_t block =
              end > begin
                  ? passSpan(schedule.passes[narrowFirst ? end - 1 : begin])
                  : d;
          if (end - begin > 1 && block < d) {
            b.create<scf::ForOp>(
                loc, index(0), index(d), index(block), ValueRange{},
                [&](OpBuilder &, Location, Value lo, ValueRange) {
                  for (size_t i = begin; i < end; ++i)
                    emitPass(i, lo, block);
                  b.create<scf::YieldOp>(loc);
                });
          } else {
            for (size_t i = begin; i < end; ++i)
              emitPass(i, index(0), d);
          }
          if (narrowFirst)
            emitPass(n - 1, index(0), d);
          if (normed)
            emitNorm(work, out);
          b.create<scf::YieldOp>(loc);
        });
  }

private:
  Value index(int64_t v) { return b.create<arith::ConstantIndexOp>(loc, v); }
  int64_t heads() const { return chain.headDim ? d / chain.headDim : 0; }
  /// The prologues that weigh the input per head: the split-KV combine (K
  /// weights) and the row-sum normalisation (one).
  bool weighted() const {
    return chain.prologue == ::walsh::Prologue::CombineSplits ||
           chain.prologue == ::walsh::Prologue::NormalizeHeads;
  }
  int64_t splitCount() const { return chain.splits ? chain.splits : 1; }
  Value f32Constant(double v) {
    return b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(float(v)));
  }

  /// Rows of the input: batch * seq for the head merge, the partials' rows
  /// for the split-KV combine.
  Value inputRows(Value x) {
    switch (chain.prologue) {
    case ::walsh::Prologue::MergeHeads:
      return b.create<arith::MulIOp>(loc, b.create<memref::DimOp>(loc, x, 0),
                                     b.create<memref::DimOp>(loc, x, 2));
    case ::walsh::Prologue::CombineSplits:
      return b.create<memref::DimOp>(loc, x, 1);
    case ::walsh::Prologue::NormalizeHeads:
    case ::walsh::Prologue::None:
      break;
    }
    return b.create<memref::DimOp>(loc, x, 0);
  }

  /// Per row, what the prologue's loads need: the head merge's (batch,
  /// seq) position; the split-KV combine's weights exp(lse_k - lse) per
  /// split and head, into `weights` [K * heads] (max first, for range);
  /// the row-sum normalisation's 1 / sum per head.
  void beginInputRow(Value x, Value r) {
    if (chain.prologue == ::walsh::Prologue::MergeHeads) {
      Value seq = b.create<memref::DimOp>(loc, x, 2);
      batchPos = b.create<arith::DivUIOp>(loc, r, seq);
      seqPos = b.create<arith::RemUIOp>(loc, r, seq);
      nextBatchPos = b.create<arith::DivUIOp>(loc, prefetchRow, seq);
      nextSeqPos = b.create<arith::RemUIOp>(loc, prefetchRow, seq);
      return;
    }
    if (chain.prologue == ::walsh::Prologue::NormalizeHeads) {
      b.create<scf::ForOp>(
          loc, index(0), index(heads()), index(1), ValueRange{},
          [&](OpBuilder &, Location, Value h, ValueRange) {
            Value sum = b.create<memref::LoadOp>(loc, stats, ValueRange{r, h});
            b.create<memref::StoreOp>(
                loc, b.create<arith::DivFOp>(loc, f32Constant(1), sum),
                weights, ValueRange{h});
            b.create<scf::YieldOp>(loc);
          });
      return;
    }
    if (chain.prologue != ::walsh::Prologue::CombineSplits)
      return;
    b.create<scf::ForOp>(
        loc, index(0), index(heads()), index(1), ValueRange{},
        [&](OpBuilder &, Location, Value h, ValueRange) {
          SmallVector<Value> l;
          for (int64_t k = 0; k < chain.splits; ++k)
            l.push_back(b.create<memref::LoadOp>(
                loc, stats, ValueRange{index(k), r, h}));
          Value top;
          for (Value v : l)
            top = top ? Value(b.create<arith::MaximumFOp>(loc, top, v)) : v;
          SmallVector<Value> e;
          Value total = f32Constant(0);
          for (int64_t k = 0; k < chain.splits; ++k) {
            e.push_back(b.create<LLVM::ExpOp>(
                loc, b.create<arith::SubFOp>(loc, l[k], top)));
            total = b.create<arith::AddFOp>(loc, total, e.back());
          }
          Value inv = b.create<arith::DivFOp>(loc, f32Constant(1), total);
          for (int64_t k = 0; k < chain.splits; ++k)
            b.create<memref::StoreOp>(
                loc, b.create<arith::MulFOp>(loc, e[k], inv), weights,
                ValueRange{b.create<arith::AddIOp>(
                    loc, h, index(k * heads()))});
          b.create<scf::YieldOp>(loc);
        });
  }

  /// The input's vector at column i of the current row through the
  /// prologue: the head merge reads x[b, i / hd, s, i % hd]; the split-KV
  /// combine sums its partials' vectors weighted by their head's weight,
  /// the row-sum normalisation scales by its head's 1 / sum (a vector
  /// never straddles heads: hd >= 16 lanes).
  Value loadInput(Value i) {
    auto type = VectorType::get({schedule.lanes}, storage);
    int logHd = __builtin_ctzll(uint64_t(chain.headDim));
    Value h = b.create<arith::ShRUIOp>(loc, i, index(logHd));
    if (chain.prologue == ::walsh::Prologue::MergeHeads) {
      Value e = b.create<arith::AndIOp>(loc, i, index(chain.headDim - 1));
      // Into L2 as the rows' prefetches (store), for the same reason: this
      // VM (Zen 4), f32, one thread, d = 4096, 16384 rows: 32 heads of 128
      // 0.68-0.70 -> 0.79-0.83 of memcpy, 64 of 64 0.58-0.59 -> 0.74-0.78.
      b.create<memref::PrefetchOp>(
          loc, input, ValueRange{nextBatchPos, h, nextSeqPos, e},
          /*isWrite=*/false, prefetchLocality(), /*isDataCache=*/true);
      return widenRow(b.create<vector::LoadOp>(
          loc, type, input, ValueRange{batchPos, h, seqPos, e}));
    }
    Value acc;
    for (int64_t k = 0; k < splitCount(); ++k) {
      Value w = b.create<memref::LoadOp>(
          loc, weights,
          ValueRange{b.create<arith::AddIOp>(loc, h, index(k * heads()))});
      SmallVector<Value, 3> at{currentRow, i};
      if (chain.splits)
        at.insert(at.begin(), index(k));
      Value v = widenRow(b.create<vector::LoadOp>(loc, type, input, at));
      Value wv = b.create<vector::BroadcastOp>(loc, vf32, w);
      acc = acc ? Value(b.create<vector::FMAOp>(loc, v, wv, acc))
                : Value(b.create<arith::MulFOp>(loc, v, wv));
    }
    return acc;
  }

  Value addIndex(Value base, int64_t offset) {
    return offset ? b.create<arith::AddIOp>(loc, base, index(offset)) : base;
  }

  Value splat(double v) {
    return b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(vf32, b.getF32FloatAttr(float(v))));
  }

  /// Floats of padding after each block of 2^k in the scratch row (see
  /// above), and that row.
  int64_t scratchPad = 0;
  Value scratchRow;
  /// Index i of `ref` where it is stored: past the padding of the blocks
  /// before i's in the scratch row.
  Value padded(const RowRef &ref, Value i) {
    if (ref.memref != scratchRow || !scratchPad)
      return i;
    return b.create<arith::AddIOp>(
        loc, i,
        b.create<arith::MulIOp>(
            loc, b.create<arith::ShRUIOp>(loc, i, index(chain.factors.k)),
            index(scratchPad)));
  }
  Value load(const RowRef &ref, Value i) {
    if (ref.memref == input && chain.prologue != ::walsh::Prologue::None)
      return loadInput(i);
    SmallVector<Value, 2> indices;
    if (ref.row)
      indices.push_back(ref.row);
    indices.push_back(padded(ref, i));
    auto type = VectorType::get({schedule.lanes}, ref.elementType);
    return widenRow(b.create<vector::LoadOp>(loc, type, ref.memref, indices));
  }

  /// A loaded vector as fp32.
  Value widenRow(Value v) {
    Type t = cast<VectorType>(v.getType()).getElementType();
    if (t == f32)
      return v;
    if (t.isBF16())
      return bf16ToF32(v);
    return b.create<arith::ExtFOp>(loc, vf32, v);
  }

  VectorType intVector(unsigned bits) {
    return VectorType::get({schedule.lanes}, b.getIntegerType(bits));
  }
  Value intSplat(unsigned bits, int64_t v) {
    VectorType t = intVector(bits);
    return b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(t, b.getIntegerAttr(t.getElementType(), v)));
  }

  /// bf16 -> f32 is a 16-bit shift of the bit pattern. Written out because
  /// arith-expand's form does not vectorize on x86.
  Value bf16ToF32(Value v) {
    Value bits = b.create<arith::BitcastOp>(loc, intVector(16), v);
    Value wide = b.create<arith::ExtUIOp>(loc, intVector(32), bits);
    Value shifted = b.create<arith::ShLIOp>(loc, wide, intSplat(32, 16));
    return b.create<arith::BitcastOp>(loc, vf32, shifted);
  }

  /// f32 -> bf16, round to nearest even. With `nativeBF16` an arith.truncf,
  /// which LLVM makes one vcvtneps2bf16 on a host with AVX512-BF16
  /// (without it, scalar code: hence the option). Else integer vector ops.
  /// No NaN special case: every value
  /// stored here is either the result of x86 arithmetic (a NaN is then
  /// quiet, with its top mantissa bit set, which the rounding keeps a NaN)
  /// or an exact bf16 value extended to f32 (whose low 16 bits are zero).
  Value f32ToBF16(Value v) {
    if (nativeBF16)
      return b.create<arith::TruncFOp>(
          loc, VectorType::get({schedule.lanes}, b.getBF16Type()), v);
    Value bits = b.create<arith::BitcastOp>(loc, intVector(32), v);
    Value lsb = b.create<arith::AndIOp>(
        loc, b.create<arith::ShRUIOp>(loc, bits, intSplat(32, 16)),
        intSplat(32, 1));
    Value bias = b.create<arith::AddIOp>(loc, lsb, intSplat(32, 0x7fff));
    Value rounded = b.create<arith::AddIOp>(loc, bits, bias);
    Value high = b.create<arith::ShRUIOp>(loc, rounded, intSplat(32, 16));
    Value narrow = b.create<arith::TruncIOp>(loc, intVector(16), high);
    return b.create<arith::BitcastOp>(
        loc, VectorType::get({schedule.lanes}, b.getBF16Type()), narrow);
  }

  /// The prefetches of one body of a pass. Pass k of n prefetches part k
  /// of the next row, element (k * d + i) / n for the pass's elements i, at
  /// the pace of its own stores, so the memory reads go on through every
  /// pass. (Before, the first pass prefetched the whole next row and the
  /// last pass again, so the passes between ran with none in flight. This
  /// VM, Zen 5, f32, one thread, 256 MB: d = 4096 0.89-0.90 -> 0.97-1.00 of
  /// memcpy, 16384 0.72-0.73 -> 0.79-0.84.) `first` is the body's place in
  /// the pass (its bodies in order, `elems` elements each); the body takes
  /// i = first, first + n * line / r, ... below first + elems, so that each
  /// cache line of the share is prefetched about r times (prefetchesPerLine).
  /// (Each store had its own prefetch and division before: 2n prefetches a
  /// line with AVX2, a third of the instructions of a radix-2 pass. A Zen 3
  /// VM without AVX-512, 2026-12-01, f32, one thread, rows in the cache: d =
  /// 1024 0.316 -> 0.309 ns an element, 4096 0.42 -> 0.39; 256 MB, fraction
  /// of memcpy over several alternations: 1024 0.55-0.73 -> 0.63-0.76, 4096
  /// 0.52-0.86 -> 0.69-0.79, 3584 0.43-0.57 -> 0.55-0.66; Sapphire Rapids
  /// 4096 0.59-0.73 -> 0.70-0.81, 12288 0.60-0.64 -> 0.64-0.75.)
  /// Where the row goes through the scratch row, into L2 (prefetcht1),
  /// not L1: the next row, the one in flight and the scratch row do not
  /// all fit a 32 KB L1 (Zen 4), and prefetcht0 evicted the scratch row
  /// the passes work on. This VM on Zen 4, 2026-12-01, f32, one thread,
  /// 256 MB, fraction of memcpy, L1 8 KB ahead -> L2 16 KB ahead (two
  /// runs): d = 1024 0.70 -> 1.15-1.20, 4096 0.70-0.74 -> 0.91, 16384
  /// 0.52-0.70 -> 0.88-0.91, 768 0.90-0.96 -> 1.07-1.27, 3072 0.70-0.75
  /// -> 0.91-0.95, 1152 0.71-0.76 -> 0.76; L2 8 KB ahead lost at 1152
  /// (0.56-0.67). A row of one pass (no scratch row) keeps L1: d = 256
  /// lost 10-25 % with L2 on Sapphire Rapids and a little on Zen 4. On an
  /// L1 of 48 KB or more (a Zen 5's) the next rows fit beside the scratch
  /// row, and into L1 won (walsh::prefetchRowsIntoL1).
  void prefetchShare(Value first, int64_t elems) {
    if (!prefetchFrom)
      return;
    int64_t line = lineElems();
    int64_t step = line * passCount / prefetchesPerLine();
    for (int64_t s = 0; s * step < elems; ++s) {
      Value j = b.create<arith::DivUIOp>(
          loc, addIndex(first, passIndex * d + s * step), index(passCount));
      j = b.create<arith::AndIOp>(loc, j, index(~(line - 1)));
      b.create<memref::PrefetchOp>(loc, prefetchFrom,
                                   ValueRange{prefetchRow, j},
                                   /*isWrite=*/false, rowPrefetchLocality(),
                                   /*isDataCache=*/true);
    }
  }

  /// Contiguous pass first on rows past 8 KB (d = 4096 in fp32), the first
  /// pass's body reading `elems` input elements from `base` first
  /// prefetches into L1 the lines 8 KB further on in the row (clamped to
  /// its last body), one a line: prefetchShare's lines of the next rows
  /// arrive in L2, and the demand loads of a body heavy with shuffles
  /// missed L1 for them. This VM (Zen 5, 48 KB L1), f32, one thread, 256
  /// MB, fraction of memcpy, medians of five alternations (a throwaway
  /// switch): d = 4096 with a and b, widest first 0.64, contiguous first
  /// 0.60, with these prefetches 2 KB ahead 0.75-0.78, 4 KB 0.79-0.82, 8
  /// KB 0.80-0.83, 16 KB 0.74 (crossing into the next row or clamped, the
  /// same); 8192 and 16384 (contiguous first forced) 0.58-0.60 and
  /// 0.57-0.58 against 0.58 and 0.63 widest first: not taken there.
  void prefetchAheadInRow(Value base, int64_t elems) {
    if (!schedule.contiguousFirst || d * storageBytes() <= 8192)
      return;
    int64_t ahead = 8192 / storageBytes(), line = lineElems();
    Value at = b.create<arith::MinUIOp>(loc, addIndex(base, ahead),
                                        index(d - elems));
    for (int64_t e = 0; e < elems; e += line)
      b.create<memref::PrefetchOp>(loc, input,
                                   ValueRange{currentRow, addIndex(at, e)},
                                   /*isWrite=*/false, /*locality=*/3,
                                   /*isDataCache=*/true);
  }

  /// How often prefetchShare prefetches each line of its share: twice where
  /// a vector is narrower than a cache line (AVX2's 8 f32 lanes, 16-bit
  /// rows) and the row takes at most two passes, else once. Measured, not
  /// derived: on a Zen 3 VM (AVX2, f32, one thread, 256 MB, fraction of
  /// memcpy, 2026-12-01) d = 512 and 768 (two passes) ran 0.72-1.01 with a
  /// prefetch every store (four a line), 0.49-0.77 with one a line and
  /// 0.77-1.00 with two; with three passes two a line bought nothing
  /// consistent (4096: 0.69-0.79 with one, 0.63-0.78 with two). On Sapphire
  /// Rapids (16 f32 lanes, a vector a line) one a line was best at every
  /// size (run219: d = 1024 0.90-0.94 against 0.81-0.87 with two).
  /// `prefetch_per_line` in the config overrides the rule, for the tuner.
  int64_t prefetchesPerLine() const {
    if (configuredPrefetches)
      return configuredPrefetches;
    return ::walsh::defaultPrefetchesPerLine(schedule, storageBytes(),
                                             d * storageBytes());
  }
  /// Bytes of an input element, and input elements in a 64-byte line.
  int64_t storageBytes() const { return storage.getIntOrFloatBitWidth() / 8; }
  int64_t lineElems() const { return 64 / storageBytes(); }

  /// `last`: the transform's last pass (the epilogue applies). `streaming`:
  /// a final output write (non-temporal when configured) that is not the
  /// last pass's (the norm's writes).
  void store(const RowRef &ref, Value i, Value v, bool last,
             bool streaming = false) {
    if (last) {
      v = epilogue(v, i);
      if (residual)
        v = b.create<arith::AddFOp>(loc, v,
                                    load({residual, currentRow, outStorage}, i));
    }
    if (ref.elementType.isBF16())
      v = f32ToBF16(v);
    else if (ref.elementType != f32)
      v = b.create<arith::TruncFOp>(
          loc, VectorType::get({schedule.lanes}, ref.elementType), v);
    SmallVector<Value, 2> indices;
    if (ref.row)
      indices.push_back(ref.row);
    indices.push_back(padded(ref, i));
    b.create<vector::StoreOp>(loc, v, ref.memref, indices,
                              /*nontemporal=*/(last || streaming) &&
                                  nontemporal && ref.row);
  }

  /// Sum over a row of `ref` of f(v) for its vectors, as a scalar.
  Value rowSum(const RowRef &ref, const std::function<Value(Value)> &f) {
    auto loop = b.create<scf::ForOp>(
        loc, index(0), index(d), index(schedule.lanes), ValueRange{splat(0)},
        [&](OpBuilder &, Location, Value i, ValueRange acc) {
          Value v = f(load(ref, i));
          b.create<scf::YieldOp>(
              loc, ValueRange{b.create<arith::AddFOp>(loc, acc[0], v)});
        });
    return b.create<vector::ReductionOp>(loc, vector::CombiningKind::ADD,
                                         loop.getResult(0));
  }

  /// The norm of the finished row h (fp32, in `work`): its statistics, then
  /// h to y and n = (h - mean) * rstd * weight (+ bias) to the normalised
  /// output, both in the output's storage type.
  void emitNorm(const RowRef &work, const RowRef &out) {
    Value zero = splat(0), mean = zero;
    if (chain.normCenter) {
      Value sum = rowSum(work, [](Value v) { return v; });
      Value m = b.create<arith::MulFOp>(
          loc, sum,
          b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(1.0f / float(d))));
      mean = b.create<vector::BroadcastOp>(loc, vf32, m);
    }
    Value sq = rowSum(work, [&](Value v) {
      Value c = chain.normCenter ? b.create<arith::SubFOp>(loc, v, mean) : v;
      return b.create<arith::MulFOp>(loc, c, c);
    });
    Value var = b.create<arith::AddFOp>(
        loc,
        b.create<arith::MulFOp>(
            loc, sq,
            b.create<arith::ConstantOp>(loc,
                                        b.getF32FloatAttr(1.0f / float(d)))),
        b.create<arith::ConstantOp>(loc,
                                    b.getF32FloatAttr(float(chain.normEps))));
    Value rstd = b.create<arith::DivFOp>(
        loc, b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(1.0f)),
        b.create<LLVM::SqrtOp>(loc, var));
    Value rstdV = b.create<vector::BroadcastOp>(loc, vf32, rstd);
    RowRef normRow{normOut, currentRow, outStorage};
    b.create<scf::ForOp>(
        loc, index(0), index(d), index(schedule.lanes), ValueRange{},
        [&](OpBuilder &, Location, Value i, ValueRange) {
          Value h = load(work, i);
          store(out, i, h, /*last=*/false, /*streaming=*/true);
          Value c = chain.normCenter ? b.create<arith::SubFOp>(loc, h, mean) : h;
          Value scaled = b.create<arith::MulFOp>(
              loc, b.create<arith::MulFOp>(loc, c, rstdV),
              load({weightF32, Value(), f32}, i));
          if (biasF32)
            scaled = b.create<arith::AddFOp>(loc, scaled,
                                             load({biasF32, Value(), f32}, i));
          store(normRow, i, scaled, /*last=*/false, /*streaming=*/true);
          b.create<scf::YieldOp>(loc);
        });
  }

  /// Once per call: scale * a, b, and the norm's weight and bias as fp32
  /// scratch rows, so the epilogue is one FMA per element whatever the
  /// storage type.
  void prepareEpilogue() {
    struct Column {
      Value source;
      double scale;
      Value *prepared;
      Type type; // as stored: a and b the input's, the norm's y's
    };
    SmallVector<Column> columns;
    for (Column c : {Column{mul, chain.scale, &scaledMul, storage},
                     Column{add, 1.0, &addF32, storage},
                     Column{normWeight, 1.0, &weightF32, outStorage},
                     Column{normBias, 1.0, &biasF32, outStorage}})
      if (c.source)
        columns.push_back(c);
    if (columns.empty())
      return;
    auto type = MemRefType::get({d}, f32);
    for (Column &c : columns)
      *c.prepared = b.create<memref::AllocaOp>(loc, type, ValueRange{},
                                               b.getI64IntegerAttr(64));
    b.create<scf::ForOp>(
        loc, index(0), index(d), index(schedule.lanes), ValueRange{},
        [&](OpBuilder &, Location, Value i, ValueRange) {
          for (Column &c : columns) {
            Value v = load({c.source, Value(), c.type}, i);
            if (c.scale != 1.0)
              v = b.create<arith::MulFOp>(loc, v, splat(c.scale));
            b.create<vector::StoreOp>(loc, v, *c.prepared, ValueRange{i});
          }
          b.create<scf::YieldOp>(loc);
        });
  }

  /// y = t * scale (.) a[i..] + b[i..], from the prepared fp32 rows.
  Value epilogue(Value v, Value i) {
    RowRef a{scaledMul, Value(), f32}, bias{addF32, Value(), f32};
    if (scaledMul && addF32)
      return b.create<vector::FMAOp>(loc, v, load(a, i), load(bias, i));
    if (scaledMul)
      return b.create<arith::MulFOp>(loc, v, load(a, i));
    if (chain.scale != 1.0 && addF32)
      return b.create<vector::FMAOp>(loc, v, splat(chain.scale),
                                     load(bias, i));
    if (chain.scale != 1.0)
      v = b.create<arith::MulFOp>(loc, v, splat(chain.scale));
    if (addF32)
      v = b.create<arith::AddFOp>(loc, v, load(bias, i));
    return v;
  }

  /// One radix-2 level at `stride` < lanes inside a vector:
  /// v = v * sign + swap(v), sign = -1 on the upper element of each pair.
  Value inVectorLevel(Value v, int64_t stride) {
    SmallVector<int64_t> mask;
    SmallVector<float> sign;
    for (int64_t i = 0; i < schedule.lanes; ++i) {
      mask.push_back(i ^ stride);
      sign.push_back(i & stride ? -1.0f : 1.0f);
    }
    Value swapped = b.create<vector::ShuffleOp>(loc, v, v, mask);
    Value signs = b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(vf32, ArrayRef<float>(sign)));
    return b.create<vector::FMAOp>(loc, v, signs, swapped);
  }

  /// Elements one group of a radix-2 pass spans (what its levels mix);
  /// the dense pass spans the row.
  int64_t passSpan(const ::walsh::CpuPass &p) const {
    return p.kind == ::walsh::CpuPass::Kind::Radix2
               ? p.stride * (int64_t(1) << p.levels)
               : d;
  }

  /// One radix-2 pass over the `extent` elements from `lo` (a multiple of
  /// its span).
  void emitRadix2Pass(const ::walsh::CpuPass &p, RowRef src, RowRef dst,
                      bool last, Value lo, int64_t extent) {
    int64_t group = int64_t(1) << p.levels;
    int64_t span = p.stride * group;
    // `first`: the body's place in the pass (prefetchShare): base with the
    // inner loop's position q scaled by the group, so bodies count densely.
    auto body = [&](Value base, Value first) {
      SmallVector<Value> v, at;
      if (src.memref == input && src.row)
        prefetchAheadInRow(base, group * schedule.lanes);
      for (int64_t j = 0; j < group; ++j) {
        at.push_back(addIndex(base, j * p.stride));
        v.push_back(load(src, at.back()));
      }
      for (int t = p.inVectorFirst; t < p.inVectorFirst + p.inVectorLevels;
           ++t)
        for (Value &x : v)
          x = inVectorLevel(x, int64_t(1) << t);
      for (int t = 0; t < p.levels; ++t) {
        int64_t h = int64_t(1) << t;
        for (int64_t j = 0; j < group; ++j)
          if (!(j & h)) {
            Value s = b.create<arith::AddFOp>(loc, v[j], v[j + h]);
            Value dlt = b.create<arith::SubFOp>(loc, v[j], v[j + h]);
            v[j] = s;
            v[j + h] = dlt;
          }
      }
      prefetchShare(first, group * schedule.lanes);
      for (int64_t j = 0; j < group; ++j)
        store(dst, at[j], v[j], last);
    };
    b.create<scf::ForOp>(
        loc, lo, b.create<arith::AddIOp>(loc, lo, index(extent)), index(span),
        ValueRange{},
        [&](OpBuilder &, Location, Value block, ValueRange) {
          if (p.stride == schedule.lanes) {
            body(block, block);
          } else {
            b.create<scf::ForOp>(
                loc, index(0), index(p.stride), index(schedule.lanes),
                ValueRange{}, [&](OpBuilder &, Location, Value q, ValueRange) {
                  body(b.create<arith::AddIOp>(loc, block, q),
                       b.create<arith::AddIOp>(
                           loc, block,
                           b.create<arith::MulIOp>(loc, q, index(group))));
                  b.create<scf::YieldOp>(loc);
                });
          }
          b.create<scf::YieldOp>(loc);
        });
  }

  /// H_m across the m blocks of 2^k elements.
  void emitDensePass(RowRef src, RowRef dst, bool last) {
    int64_t m = chain.factors.m, blockLen = int64_t(1) << chain.factors.k;
    b.create<scf::ForOp>(
        loc, index(0), index(blockLen), index(schedule.lanes), ValueRange{},
        [&](OpBuilder &, Location, Value pos, ValueRange) {
          SmallVector<Value> x, at;
          for (int64_t a = 0; a < m; ++a) {
            at.push_back(addIndex(pos, a * blockLen));
            x.push_back(load(src, at.back()));
          }
          // Row blocks (cpuHmRowBlocks): each block's outputs stored as
          // soon as made; the whole program's after the prefetches.
          SmallVector<Value> y;
          if (int64_t blocks = mlir::walsh::cpuHmRowBlocks(m); blocks > 1)
            mlir::walsh::emitBaseProductInRowBlocks(
                b, loc, m, chain.transpose, blocks, {x},
                [&](int64_t a, ArrayRef<Value> out) {
                  store(dst, at[a], out[0], last);
                });
          else
            y = mlir::walsh::emitBaseProduct(b, loc, m, chain.transpose, x);
          prefetchShare(b.create<arith::MulIOp>(loc, pos, index(m)),
                        m * schedule.lanes);
          for (size_t a = 0; a < y.size(); ++a)
            store(dst, at[a], y[a], last);
          b.create<scf::YieldOp>(loc);
        });
  }

  OpBuilder &b;
  Location loc;
  const ::walsh::StageChain &chain;
  const ::walsh::CpuSchedule &schedule;
  bool nontemporal;
  bool nativeBF16; // f32 -> bf16 by arith.truncf (AVX512-BF16 hosts)
  Value mul, add;
  bool normed; // the chain ends in a norm
  Value residual, normWeight, normBias, normOut; // the fused epilogue's
  Value input, stats, weights; // x, the lse or row sums, the weights
  Value batchPos, seqPos;      // the head merge's position of this row
  Value nextBatchPos, nextSeqPos; // and of the next (prefetched)
  Value currentRow;
  Value scaledMul, addF32; // fp32 scratch rows, set by prepareEpilogue
  Value weightF32, biasF32; // the norm's, likewise
  Value prefetchFrom, prefetchRow; // the input and the row to prefetch
  Value ntFlag; // setNontemporalFlag's
  int64_t passIndex = 0, passCount = 1; // the pass being emitted, of how many
  int64_t configuredPrefetches = 0;     // the config's prefetch_per_line
  bool rowsIntoL1 = false;              // setRowsIntoL1's
  /// Whether the row goes through the scratch row (more than one pass; see
  /// store): its prefetches then read further ahead (rowsAhead), into L2
  /// unless the L1 is large (rowsIntoL1).
  bool throughScratch() const { return schedule.passes.size() > 1; }
  /// memref.prefetch's locality for the head merge's prefetches (loadInput):
  /// 2 (prefetcht1, L2) through the scratch row, else 3 (prefetcht0, L1).
  uint32_t prefetchLocality() const { return throughScratch() ? 2 : 3; }
  /// The same for the rows' prefetches (prefetchShare): L1 also through the
  /// scratch row where the L1 is 48 KB or more (walsh::prefetchRowsIntoL1).
  uint32_t rowPrefetchLocality() const {
    return throughScratch() && !rowsIntoL1 ? 2 : 3;
  }
  /// How many rows ahead the prefetches read: at least one row, about 8 KB
  /// of input ahead for a row of one pass (Zen 5, f32, one thread, 256 MB:
  /// d = 256 11.4 -> 9.9 ms at 8 rows ahead, 1024 16.0 -> 11.7 ms at 2 to
  /// 8), 16 KB through the scratch row (Zen 4, into L2: at d = 1152 three
  /// rows against one, 0.76 against 0.56-0.67 of memcpy, the powers of two
  /// alike).
  int64_t rowsAhead() const {
    int64_t rowBytes = d * storageBytes();
    return std::max<int64_t>(1, (throughScratch() ? 16384 : 8192) / rowBytes);
  }
  /// fp32; x's (and a's, b's) storage type; y's (the residual's, the
  /// norm's) after any output cast.
  Type f32, storage, outStorage;
  VectorType vf32;
  int64_t d;
};

struct WalshConvertToCPUPass
    : mlir::walsh::impl::WalshConvertToCPUBase<WalshConvertToCPUPass> {
  using WalshConvertToCPUBase::WalshConvertToCPUBase;
  void runOnOperation() override {
    SmallVector<func::FuncOp> fns;
    getOperation().walk([&](func::FuncOp fn) {
      if (::walsh::isStageChainCandidate(fn))
        fns.push_back(fn);
    });
    // The option, or the module's mark (what walsh's CPU compiler sets for
    // a host with AVX512-BF16).
    native = nativeBF16 || getOperation()->hasAttr("walsh.native_bf16");
    l1Bytes = l1dBytes;
    if (auto a = getOperation()->getAttrOfType<IntegerAttr>("walsh.l1d_bytes"))
      l1Bytes = a.getInt();
    for (func::FuncOp fn : fns)
      if (failed(convert(fn)))
        return signalPassFailure();
  }
  bool native = false;
  int64_t l1Bytes = 0; // the option, or the module's walsh.l1d_bytes

  LogicalResult convert(func::FuncOp fn) {
    FailureOr<::walsh::StageChain> chain = ::walsh::matchStageChain(fn);
    if (failed(chain))
      return failure();
    int64_t vw = kDefaultVectorWidth;
    int levels = kDefaultLevelsPerPass;
    bool nontemporal = false;
    int64_t prefetches = 0;
    mlir::walsh::PassOrder order = mlir::walsh::PassOrder::Rule;
    if (chain->config) {
      auto cpu = dyn_cast<mlir::walsh::CpuConfigAttr>(chain->config);
      if (!cpu)
        return fn.emitError("expects a #walsh.cpu_config (or none) for the "
                            "CPU target, got ")
               << chain->config;
      vw = cpu.getVectorWidth();
      levels = int(cpu.getLevelsPerPass());
      nontemporal = cpu.getNontemporal();
      prefetches = cpu.getPrefetchPerLine();
      order = cpu.getPassOrder();
    }
    // fp32 rows spread the levels between vectors evenly over the passes
    // (this VM, Zen 5, one thread, 256 MB: f32 d = 8192 18.2-19.4 ->
    // 14.6-15.3 ms, 0.74-0.77 -> 0.92-0.96 of memcpy; 16384 17.4-19.0 ->
    // 15.0-16.9 ms; 32768 the same). Not 16-bit rows, whose first pass then
    // reads eight streams instead of two: bf16 d = 8192 13.9-14.6 -> 19.3
    // ms, 16384 14.3-15.1 -> 16.0-16.1.
    bool spread = chain->rowsType.getElementType().isF32();
    // The contiguous pass first where the config's pass_order asks, or
    // where the rule says (contiguousPassFirst) for an L1 size from the
    // option or the module's mark (what walsh's CPU compiler sets on a
    // Zen 5: HostCpu); either only for what was measured: the whole
    // transform (not walsh-split-heads' cross-head factor, whose first pass
    // strides by head_dim), no prologue, no fused epilogue past the affine.
    // The rows' prefetches into L1 on a large L1 (prefetchRowsIntoL1)
    // likewise.
    int64_t storageBytes =
        chain->rowsType.getElementType().getIntOrFloatBitWidth() / 8;
    bool wholeTransform = chain->prologue == ::walsh::Prologue::None &&
                          !chain->hasEpilogue() && chain->crossHeadOnly == 0;
    bool narrowFirst = false;
    switch (order) {
    case mlir::walsh::PassOrder::Rule:
      narrowFirst =
          wholeTransform && ::walsh::contiguousPassFirst(
                                chain->factors, storageBytes, l1Bytes);
      break;
    case mlir::walsh::PassOrder::WidestFirst:
      narrowFirst = false;
      break;
    case mlir::walsh::PassOrder::ContiguousFirst:
      if (!wholeTransform)
        return fn.emitError("pass_order = contiguous_first needs the whole "
                            "transform with no prologue and no fused "
                            "epilogue past the affine (not the cross-head "
                            "factor of walsh-split-heads)");
      narrowFirst = true;
      break;
    }
    ::walsh::CpuSchedule schedule =
        ::walsh::planCpuSchedule(chain->factors, vw, levels,
                                 chain->crossHeadOnly, spread, narrowFirst);
    // Rows of one lane (2^k = 1: d = m) have no non-temporal store (x86
    // has none for one float in a vector register): their "_nt" entry
    // point was the same code generated twice (d = 60: 1844 additions, f32
    // cold compile 262-275 ms).
    if (schedule.lanes == 1)
      nontemporal = false;

    OpBuilder b(fn);
    Location loc = fn.getLoc();
    // The non-temporal stores are y's (and the normalised rows'), of
    // outType.
    Type t = chain->outType;
    SmallVector<Type> args = ::walsh::kernelArgumentTypes(*chain);
    // With `nontemporal`, a second entry point (suffix "_nt") writes the
    // output with non-temporal stores; it may only be called when every
    // output row is aligned to a whole vector (the runtime checks), and is
    // marked so the x86 target can give those stores that alignment.
    // With a dense factor of 52 or 60 and no fused norm the two entry
    // points call one private body (internal, never inlined) whose last
    // pass is emitted in both forms and chosen by its last argument, so
    // every other pass is compiled once: x86 code generation of the
    // straight-line H_m pass twice was most of the CPU's cold compile. This
    // VM (Zen 5), bf16 `compile_ms`, side by side: d = 15360 (60 x 256)
    // 252-253 -> 167, 3840 228-232 -> 138-139, 480 188-189 -> 116-130. One
    // thread, 256 MB, three passes side by side, fraction of memcpy: 3840,
    // 7680, 3328, 6656 within the VM's noise (f32 0.47 -> 0.48-0.52,
    // 0.44-0.48 -> 0.45-0.48, 0.50-0.55 -> 0.48-0.57, 0.45-0.52 ->
    // 0.48-0.52; bf16 alike). Not below: the same body lost at f32 2816 (44
    // x 64: 0.67-0.72 -> 0.56-0.63), 8192 (0.85-0.94 -> 0.81-0.85) and
    // 16384 (0.81-0.90 -> 0.73), where the H_m pass is small or absent.
    bool sharedBody =
        nontemporal && !chain->hasNorm() && chain->factors.m >= 52;
    auto entryPoint = [&](bool nt) {
      b.setInsertionPoint(fn);
      auto kernel =
          b.create<func::FuncOp>(loc, (fn.getName() + (nt ? "_nt" : "")).str(),
                                 b.getFunctionType(args, {}));
      kernel->setAttr("llvm.emit_c_interface", b.getUnitAttr());
      if (nt)
        kernel->setAttr("walsh.nontemporal_alignment",
                        b.getI64IntegerAttr(schedule.lanes *
                                            t.getIntOrFloatBitWidth() / 8));
      return kernel;
    };
    // The kernel's body into `f`: non-temporal last stores when `nt`, or
    // chosen by f's last argument (an i1) when `byFlag`.
    auto emitBody = [&](func::FuncOp f, bool nt, bool byFlag) {
      Block *entry = f.addEntryBlock();
      b.setInsertionPointToStart(entry);
      auto argOr = [&](int n) {
        return n < 0 ? Value() : entry->getArgument(unsigned(n) + 1);
      };
      KernelEmitter emitter(b, loc, *chain, schedule, nt, native,
                            argOr(chain->mulArg), argOr(chain->addArg));
      emitter.setEpilogue(
          argOr(chain->residualArg), argOr(chain->normWeightArg),
          argOr(chain->normBiasArg),
          chain->hasNorm() ? entry->getArgument(chain->normOutArg()) : Value());
      emitter.setPrologue(argOr(chain->statsArg));
      emitter.setPrefetchPerLine(prefetches);
      emitter.setRowsIntoL1(wholeTransform &&
                            ::walsh::prefetchRowsIntoL1(l1Bytes));
      if (byFlag)
        emitter.setNontemporalFlag(entry->getArguments().back());
      emitter.emit(entry->getArgument(0), entry->getArgument(1));
      b.create<func::ReturnOp>(loc);
    };
    if (sharedBody) {
      SmallVector<Type> bodyArgs(args);
      bodyArgs.push_back(b.getI1Type());
      b.setInsertionPoint(fn);
      auto body = b.create<func::FuncOp>(loc, (fn.getName() + "_body").str(),
                                         b.getFunctionType(bodyArgs, {}));
      body.setPrivate();
      body->setAttr("no_inline", b.getUnitAttr());
      body->setAttr(
          "llvm.linkage",
          LLVM::LinkageAttr::get(b.getContext(), LLVM::Linkage::Internal));
      emitBody(body, /*nt=*/false, /*byFlag=*/true);
      for (bool nt : {false, true}) {
        func::FuncOp kernel = entryPoint(nt);
        Block *entry = kernel.addEntryBlock();
        b.setInsertionPointToStart(entry);
        SmallVector<Value> callArgs(entry->getArguments());
        callArgs.push_back(b.create<arith::ConstantIntOp>(loc, nt, 1));
        b.create<func::CallOp>(loc, body, callArgs);
        b.create<func::ReturnOp>(loc);
      }
    } else {
      for (bool nt : {false, true})
        if (!nt || nontemporal)
          emitBody(entryPoint(nt), nt, /*byFlag=*/false);
    }
    fn.erase();
    return success();
  }
};

} // namespace
