//===- Passes.h - walsh conversion passes ----------------------*- C++ -*-===//
#ifndef WALSH_CONVERSION_PASSES_H
#define WALSH_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

#include <string>

namespace walsh {
struct SignProgram;
struct StageChain;
} // namespace walsh

namespace mlir::walsh {

#define GEN_PASS_DECL
#include "walsh/Conversion/Passes.h.inc"

class ConfigAttr;

/// Shared memory of the H100/H200 (sm_90), which the lowering's occupancy
/// rules are measured on: a multiprocessor's 228 KB, of which a block may
/// opt into 227 KB, and each resident block reserves 1 KB.
constexpr int64_t kSm90SharedPerMultiprocessor = 228 * 1024;
constexpr int64_t kSm90SharedPerBlock = 227 * 1024;
constexpr int64_t kSharedReservedPerBlock = 1024;
/// Blocks of `bytes` of dynamic shared memory an sm_90 multiprocessor holds.
constexpr int64_t sm90BlocksByShared(int64_t bytes) {
  return kSm90SharedPerMultiprocessor / (bytes + kSharedReservedPerBlock);
}

/// The dynamic shared memory walsh-convert-to-gpu gives a kernel of size
/// d = m * 2^k with `storageBytes`-byte elements under `config`: exchange
/// buffers (fp32; `exchangeBuffers` of them for transposes) and, with
/// row_iters > 1, two prefetch buffers of rows in the storage type. The
/// lowering and the autotuner's pruning both read it from here.
struct GpuSharedLayout {
  int64_t exchangeBytes = 0, prefetchBytes = 0;
  /// A fused norm's per-warp partials across the warps of a row (fp32; two
  /// slots: LayerNorm's mean and centred sum of squares, RMSNorm's sum of
  /// squares in the second; two row-group parities), after the prefetch
  /// buffers.
  int64_t reduceBytes = 0;
  /// The affine table, after the reduction buffers: with row groups, 16-bit
  /// storage and a and b not hoisted into registers, a * scale as fp32
  /// (mul) and b as stored (add), each d elements in the thread-major order
  /// the epilogue reads (written once by the block's first row of threads).
  /// The prefetch is then one buffer, refilled once the group is read.
  int64_t affineBytes = 0;
  /// cluster > 1: the block's slice once transformed (fp32, d / cluster
  /// elements), last, which the cluster's blocks read through distributed
  /// shared memory.
  int64_t clusterBytes = 0;
  int exchangeBuffers = 1, prefetchBuffers = 0;
  bool transpose = false;
  /// a and b are loaded once a thread into registers (in the storage type)
  /// rather than once a row group.
  bool hoistAffine = false;
  int64_t total() const {
    return exchangeBytes + prefetchBytes + reduceBytes + affineBytes +
           clusterBytes;
  }
};
/// Why `config` cannot lower a chain with a fused norm (`norm`) for dense
/// factor `m` (the split layout: its rows span m groups of threads, which
/// the norm's reduction does not), or "" when it can. The lowering and
/// checkGpuConfig both report it.
std::string gpuNormConflict(ConfigAttr config, int64_t m, bool norm);

/// What of a kernel besides its size and config decides its shared memory.
struct GpuChainTraits {
  /// It ends in a fused norm (walsh.epilogue).
  bool norm = false;
  /// Its affine has a (mul) and b (add).
  bool mul = false, add = false;
  /// It begins with a prologue (a head merge or row sums).
  bool prologue = false;
  /// It adds a residual (walsh.epilogue) or is only the cross-head factor.
  bool residual = false, crossHeadOnly = false;
  /// Its output is of another type (an output cast).
  bool outCast = false;
  /// Its rows are fp32 (not 16-bit storage).
  bool fp32Rows = false;
};
/// A recognised chain's traits.
GpuChainTraits gpuChainTraits(const ::walsh::StageChain &chain);
GpuSharedLayout gpuSharedLayout(int64_t d, int64_t m, int64_t storageBytes,
                                ConfigAttr config, const GpuChainTraits &chain);
/// Whether `config` is cross_warp = mma in the split layout for fp32 rows
/// of d = m * 2^k (a dense factor): walsh-convert-to-gpu's split layout
/// (each dense index's 2^k elements over 32 / g lanes of a warp: registers
/// and shuffles) with its m-point stage on tensor cores, three bf16 pieces
/// a value, in persistent blocks ('row_iters': rows prefetched into L2
/// that many grids ahead), not MmaKernel.cpp's 16-bit tiles.
bool gpuSplitHmMma32(ConfigAttr config, int64_t d, int64_t m,
                     int64_t storageBytes);
/// Whether `config`'s levels across warps run as one transpose across
/// dense indices rather than a shared-memory round trip each: cross_warp =
/// shared with a dense factor whose m values of one position (or one pair
/// of positions, or in fp32 four: elems_per_thread = m, 2 m or 4 m,
/// vector_width at least that) a thread holds, over 2 to 16 warps, without
/// a fused epilogue or a cross-head-only chain. After the levels within
/// warps and H_m, the row goes to shared memory once; warp w then reads
/// dense index g W + w's 32 W vectors (W warps: lane l the W at l + 32 i),
/// applies the W-point levels in registers and the affine, and stores,
/// instead of 2 log2 W shared accesses an element. Not over 32 warps (fp32
/// 28672 = 28 x
/// 1024 one lane: 0.55 -> 0.53, its 64 registers spilling; two lanes over
/// 16 warps took it to 0.79). Four positions over 8 warps: fp32 20480 (20
/// x 1024, 80 values over 256 threads) 0.77 -> 0.86-0.87 (H200,
/// 2026-12-04, run455; GpuCompiler.cpp's default since). Over 16 warps a
/// round of whole vectors would hold 64 values (fp32 24576 = 12 x 2048,
/// 48 values over 512 threads: 188 bytes of spills, 0.53, runs 426 and
/// 455), so a dense index there takes two warps a round and the reads come
/// in halves of 8 bytes: 92 registers, no spills, 0.79-0.80 against the
/// same configuration's round trips' 0.65 (run457; 24576's default, the
/// transposes, 0.81, stays). Not 16 bits, where it lost at 6144's decode
/// defaults (48 values over 128 threads, plain launches, 1 / 16 / 64 rows:
/// bf16 7.5-7.6 / 7.6 / 8.4-8.8 us -> 8.2-8.7 / 8.4-8.5 / 9.4-10.4, f16
/// alike; run456). Over two warps since the deferred lane levels (below):
/// fp32 one lane over 64 threads, round trips -> the form, at 65536 rows
/// (16384): 1792 0.92 -> 0.98 (0.90-0.91 -> 0.95), 3328 0.93 -> 0.98
/// (0.90 -> 0.94-0.95), 3840 0.87 -> 0.96-0.97 (0.84-0.85 -> 0.90-0.91),
/// 2816 0.98 -> 0.99, 2304 1.00 either way (run434; before them, 3840
/// 0.78 -> 0.80, run423).
bool gpuDenseTranspose(ConfigAttr config, int64_t m,
                       const GpuChainTraits &chain);
/// The lane levels the dense-index transpose takes after its barrier, in
/// registers, rather than by shuffles before it (0 where `config` does not
/// take the form): the most D whose vectors of V 2^D positions (V = 1 or
/// 2, a thread's positions before it) stay within 16 bytes of fp32 and
/// whose rounds of W such vectors (W warps) within 32 values a thread. A
/// warp then reads 2^D dense indices a round, 32 / 2^D lanes each: the
/// reads, a's and b's loads and the stores are vectors of V 2^D (so is
/// the row alignment), and a value takes 5 - D shuffles, not 5. H200,
/// 2026-12-04 (run430, fp32, walsh-gpu, two passes, every kernel checked),
/// fraction of the copy roofline at 16384 rows, D = 0 -> the rule: 9216
/// 0.92 -> 0.98, 11264 0.89-0.90 -> 0.97-0.98, 13312 0.70 -> 0.72-0.73,
/// 15360 0.65-0.66 -> 0.70 (8 warps, D = 2); 10240 0.94 -> 0.98, 14336
/// 0.80-0.88 -> 0.89-0.92, 18432 0.72 -> 0.74-0.75, 22528 0.71-0.72 ->
/// 0.73, 26624 0.54 -> 0.53 (16 warps, D = 1); at 65536 rows 5632 0.89
/// -> 0.99, 6656 0.85-0.87 -> 0.96, 7168 0.89 -> 0.99-1.00, 7680 0.76 ->
/// 0.78 (4 warps, D = 2). Past 32 values a round it spilled: 16 warps at D = 2 (10240 0.14, 14336 0.17, 18432 0.48) or
/// with pairs at D = 1 (12288 0.98 -> 0.16, 20480 0.76 -> 0.51, 28672 0.75
/// -> 0.52).
int64_t gpuDenseTransposeDeferred(ConfigAttr config, int64_t m,
                                  const GpuChainTraits &chain);
/// The column blocks H_m's sign program is emitted as where a thread holds
/// all m values of its positions (1: the whole program, Paar's greedy over
/// H_m). With g blocks, g programs of m / g inputs each (Paar's greedy over
/// a block of g columns: baseColumnProgram) give m partial products that
/// are summed as they come: 4-9 % more additions (m = 60: 962 against
/// 922, 52: 772 against 710), but only one block's subexpressions live at
/// once, where the whole program keeps some 200 values live and ptxas
/// spills or holds a block fewer a multiprocessor. 4 for fp32 rows of m =
/// 60 over 64 threads or more and of m = 52 with 256 threads a block or
/// more; H200, 2026-12-04 (run432, walsh-gpu, two passes, every kernel
/// checked), fraction of the copy roofline, whole -> four blocks: at 16384
/// rows 13312 0.72-0.73 -> 0.86-0.87 (128 registers, 120 bytes of spills
/// -> none), 15360 0.70 -> 0.73 (206 -> 187 registers), 26624 0.54 ->
/// 0.60, 30720 one lane 0.38 -> 0.53; at 65536 rows 7680 0.78 -> 0.93-0.95
/// (168 registers, 116 bytes of spills -> 167, none), 3840 0.78 ->
/// 0.82-0.86. Not where the whole program fits: 6656 (52 x 128, 160
/// registers) 0.98 -> 0.95-0.96, 9216 0.98 -> 0.82, 11264 0.97 -> 0.86,
/// 22528 0.73 -> 0.72, 18432 and 5632 within 0.01; two blocks at 13312
/// 0.84-0.85. 16-bit rows unmeasured.
/// (Not where gpuHmRowBlocks gives row blocks: the emitter takes those.)
int64_t gpuHmColumnBlocks(ConfigAttr config, int64_t m, int64_t storageBytes);
/// The row blocks H_m's sign program is emitted as in the dense-index
/// transpose of one lane (gpuDenseTranspose, one position a thread; 1:
/// none). With B blocks, B programs of m / B outputs each over all m
/// inputs (Paar's greedy over a block of rows: baseColumnProgram), each
/// block's outputs stored into the transpose's exchange buffer as soon as
/// made: a thread keeps its m inputs and one block's subexpressions live,
/// not the whole program's (some 200 values at m = 60) nor column blocks'
/// m partial sums. Blocks of four rows share about as much as the whole
/// (806 additions against 710 at m = 52, 1050 against 922 at 60; blocks of
/// 13 or 15 rows cost 977 and 1232). 13 blocks for fp32 rows of m = 52
/// over 128 threads or more, 15 for 60 over 256, 10 (six rows) for 60 over
/// 512. H200, 2026-12-04 (runs 441-443, walsh-gpu, two passes each, every
/// kernel checked), fraction of the copy roofline, the column blocks (or
/// at 6656 the whole program) -> row blocks: at 16384 rows 13312 0.86-0.87
/// -> 0.87-0.93 (0.92-0.93 in five of six passes), 15360 0.73 -> 0.85-0.88
/// (187 -> 128 registers: two blocks a multiprocessor), 26624 0.60 -> 0.68-0.69,
/// 30720 0.53 -> 0.66-0.67 (184 bytes of spills -> none; blocks of 4 or 5
/// rows 0.55-0.58, 10 or 12 rows 0.51-0.56, 3 rows 0.53); at 65536 rows
/// 6656 0.96 -> 0.98-0.99. Not at 7680 (60 x 128: 0.95-0.96 -> 0.90-0.93,
/// also with a fourth or fifth block a multiprocessor), 3840 (level), nor
/// 18432 and 22528 (36 and 44 over 512 in 9 and 11 blocks: 0.73-0.75 either
/// way; with one lane level fewer deferred and 64 registers, two blocks a
/// multiprocessor, 0.74-0.77). 16-bit rows unmeasured. And pairs (two
/// positions a thread, 2 m values) of m = 36 or 44 over 256 threads in m / 4
/// blocks, each block's outputs of both positions stored together: fp32
/// 18432 and 22528's defaults since (GpuCompiler.cpp), 128 registers and
/// no spills where the whole program spilled 44 (36) and 484 bytes (44):
/// run453, 16384 rows, 18432 0.79-0.80 (whole) -> 0.84-0.87, 22528 0.82-0.84.
int64_t gpuHmRowBlocks(ConfigAttr config, int64_t m,
                       const GpuChainTraits &chain);
/// The row blocks walsh-convert-to-cpu's dense pass emits H_m as (1: the
/// whole program): m / 4 blocks of four outputs for m >= 36, each block's
/// program over the m loaded vectors and its four stores before the next
/// block (as gpuHmRowBlocks), so that the registers hold the inputs and one
/// block's subexpressions, not the whole program's (x86 has 16 or 32
/// vector registers). Zen 5 development VM (AVX-512), 2026-12-04, `walsh
/// bench --target cpu --dtypes f32 --threads 1`, walsh's time in ms (two
/// runs each), whole -> row blocks: 2304 23.7-24.7 -> 19.9-21.4, 4608
/// 27.3-29.6 -> 21.6-24.2, 2816 29.8-30.9 -> 21.8-22.9, 5632 36.3-38.1 ->
/// 26.8-27.2, 3328 36.4-37.3 -> 26.9-29.2, 6656 38.4-39.0 -> 30.8-37.1,
/// 3840 36.8-37.4 -> 33.3-34.1, 7680 37.4-39.1 -> 32.8-35.1. Not for m
/// <= 28 (768 ... 3584 within the runs' spread).
int64_t cpuHmRowBlocks(int64_t m);

/// Why `config`'s cluster of blocks a row cannot lower a chain with these
/// traits (a cluster runs the plain transform and affine: no prologue,
/// fused epilogue or cross-head factor alone), or "" when it can or
/// `config` has no cluster. The lowering and checkGpuConfig both report it.
std::string gpuClusterConflict(ConfigAttr config, const GpuChainTraits &chain);

/// Why `config`'s grouped layout (ConfigAttr::denseGroups) cannot lower a
/// chain with these traits (it runs the plain transform and affine), or ""
/// when it can or `config` is not the grouped layout. The lowering and
/// checkGpuConfig both report it.
std::string gpuGroupsConflict(ConfigAttr config, int64_t m,
                              const GpuChainTraits &chain);

/// Why cross_warp = mma cannot lower a chain with these traits and
/// `storageBytes`-byte rows of d = m 2^k (it takes 16-bit rows, or fp32
/// rows with H_m on tensor cores at 2^k <= 64, and a plain transform and
/// affine), or "" when it can or `config` is not mma. The lowering and
/// checkGpuConfig both report it.
std::string gpuMmaConflict(ConfigAttr config, int64_t d, int64_t m,
                           int64_t storageBytes, const GpuChainTraits &chain);
/// The most dynamic shared memory a block may opt into on any chip walsh
/// compiles for (sm_90's 227 KB): what the lowering plans within where the
/// chip is not known (the mma split layout's copy of a and b; the blocks
/// a multiprocessor it asks of ptxas).
constexpr int64_t kGpuMostSharedBytes = 232448;
/// The shared memory of a cross_warp = mma kernel: its affine table, a *
/// scale and b as fp32 (4 d bytes each, as present), and with two warps a
/// row the exchange buffers (two of rows_per_block fp32 rows); or
/// gpuHmMmaSharedBytes where the config takes H_m on tensor cores.
int64_t gpuMmaSharedBytes(int64_t d, int64_t m, int64_t storageBytes,
                          ConfigAttr config, const GpuChainTraits &chain);
/// Whether `config` (cross_warp = mma) runs H_m on tensor cores in the
/// split layout ('vector_width' = 8) with each warp on one block row of
/// H_m (MmaKernel.cpp's mmaSplitHmStationary), for d = m 2^k.
bool gpuMmaSplitHmStationary(ConfigAttr config, int64_t d, int64_t m);
/// How many row groups block `bid` of a `grid`-block launch takes when
/// blocks take groups bid, bid + grid, ... of `rowsPerBlock` rows:
/// ceil((ceil(rows / rowsPerBlock) - bid) / grid), none past the groups.
/// The row-group and the mma kernels' loops.
Value emitRowGroupCount(OpBuilder &b, Location loc, Value rows,
                        int64_t rowsPerBlock, Value bid, Value grid);
/// `baseIndex + byteOffset` (index values) as an LLVM pointer of
/// `ptrType`; a global one as a generic pointer cast to the global space
/// (cvta.to.global). The cp.async copies' addresses.
Value emitAddressAt(OpBuilder &b, Location loc, Value baseIndex,
                    Value byteOffset, LLVM::LLVMPointerType ptrType);
/// x's aligned base address (an index) and the element index of row
/// `row`'s first element, offset + row * stride 0: where a row's loads,
/// copies and prefetches start.
std::pair<Value, Value> emitRowStart(OpBuilder &b, Location loc, Value x,
                                     Value row);
/// Inline PTX with one result of type `result` (or none: `result` null).
Value emitInlinePtx(OpBuilder &b, Location loc, Type result,
                    ValueRange operands, StringRef text, StringRef constraints,
                    bool sideEffects = false);
/// Emits the body of a cross_warp = mma kernel (MmaKernel.cpp) at `b`'s
/// insertion point: x and y the rows, mul and add a and b (null when
/// absent).
void emitMmaKernel(OpBuilder &b, Location loc, const ::walsh::StageChain &chain,
                   ConfigAttr config, Value x, Value y, Value mul, Value add);
/// The shared memory of cross_warp = mma with H_m on tensor cores: the affine
/// tables (as present: a * scale and b in fp32, or a and b in the storage
/// type where the row's fragments are read again for each block), past 32
/// positions H_m's fragments, two row buffers a row (of `storageBytes`
/// elements) and the warps' output staging.
int64_t gpuHmMmaSharedBytes(int64_t d, int64_t m, ConfigAttr config, bool mul,
                            bool add, int64_t storageBytes);
/// Whether that kernel keeps a row's fragments in registers (read once a
/// row) for d = m 2^k, 2^k >= 64, after any fold of H_{2^k/64} into H_m.
bool gpuHmMmaKeepsRowFragments(int64_t d, int64_t m);
/// That kernel's blocks of 16 dense indices for d = m 2^k, 2^k >= 64 (after
/// any fold): the W warps of a row take them in turn, so past W = blocks
/// warps would idle.
int64_t gpuHmMmaBlocks(int64_t d, int64_t m);
/// Emits that kernel's body (emitMmaKernel calls it where
/// ConfigAttr::hmTensorCores).
void emitHmMmaKernel(OpBuilder &b, Location loc,
                     const ::walsh::StageChain &chain, ConfigAttr config,
                     Value x, Value y, Value mul, Value add);

/// The shared-memory address (in floats, within a row of 2^n) of each
/// element bit, for a wide transpose (walsh-convert-to-gpu) between two
/// layouts whose access phases reach element bits `phaseA` and `phaseB`:
/// the threads of one phase are the first 5 - w thread bits of a layout,
/// where w = |piece| (accesses of 2^w floats). The piece sits at address
/// bits 0 .. w - 1, the other element bits after it in increasing order,
/// and the bank field (address bits w .. 4) is XORed with a linear
/// function of the bits above it, found by search, so that the threads of
/// a phase reach distinct banks on both sides. The address of element i is
/// the XOR of the columns of its set bits: one-to-one on the row. Without
/// a solution, the unswizzled columns (correct, with bank conflicts).
SmallVector<int64_t> wideTransposeColumns(int n, ArrayRef<int> piece,
                                          ArrayRef<int> phaseA,
                                          ArrayRef<int> phaseB);

/// y = H_m x (H_m^T x when `transpose`), the m-point stage of both
/// lowerings, as additions and subtractions of fp32 values (scalars or
/// vectors) following ::walsh::baseProgram(m, transpose): 56 operations for
/// m = 12 and 138 for m = 20 where the dense product takes 132 and 380.
SmallVector<Value> emitBaseProduct(OpBuilder &b, Location loc, int64_t m,
                                   bool transpose, ArrayRef<Value> x);

/// The grouped layout's partial product: y = H_m[rows, cols] x (H_m^T's
/// with `transpose`) for cols column block `group` of `groups` and rows row
/// block `block` of `blocks` (a cluster's blocks splitting the outputs), x
/// of m / groups values, y of m / blocks (::walsh::baseColumnProgram).
SmallVector<Value> emitBaseColumnProduct(OpBuilder &b, Location loc,
                                         int64_t m, bool transpose,
                                         int64_t groups, int64_t group,
                                         int64_t blocks, int64_t block,
                                         ArrayRef<Value> x);

/// y = H_m x (or H_m^T x) for each input set x of `xs` as `blocks`
/// programs over row blocks of m / blocks outputs, all m inputs each
/// (emitBaseColumnProduct with one column block): after each block (every
/// set's program), `done(a, y_a of each set)` for its outputs in order, so
/// that a caller can store them before the next block's additions
/// (gpuHmRowBlocks, cpuHmRowBlocks).
void emitBaseProductInRowBlocks(
    OpBuilder &b, Location loc, int64_t m, bool transpose, int64_t blocks,
    ArrayRef<SmallVector<Value>> xs,
    llvm::function_ref<void(int64_t, ArrayRef<Value>)> done);

/// `p`'s additions and subtractions on `x` (p.inputs values).
SmallVector<Value> emitSignProgram(OpBuilder &b, Location loc,
                                   const ::walsh::SignProgram &p,
                                   ArrayRef<Value> x);

#define GEN_PASS_REGISTRATION
#include "walsh/Conversion/Passes.h.inc"

} // namespace mlir::walsh

#endif // WALSH_CONVERSION_PASSES_H
