//===- Passes.td - walsh conversion passes ------------------*- tablegen -*-===//
#ifndef WALSH_CONVERSION_PASSES_TD
#define WALSH_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def WalshConvertToCPU : Pass<"walsh-convert-to-cpu", "::mlir::ModuleOp"> {
  let summary = "Lower walsh stage chains to scf + vector loops over memrefs";
  let description = [{
    Rewrites every function that `walsh-to-stages` left as a chain of
    `walsh.stage` ops into a destination-passing function over memrefs with
    the C interface (`llvm.emit_c_interface`):

        func.func @f(%x: memref<?xDxT, strided<[?, 1], offset: ?>>,
                     %y: memref<?xDxT, strided<[?, 1], offset: ?>>,
                     [%a: memref<DxT>], [%b: memref<DxT>])

    A loop over rows runs the passes of `walsh::planCpuSchedule` (see
    `CpuSchedule.h`), each an `scf.for` nest whose body holds 2^levels
    fp32 vectors in registers: `vector.load` (and `arith.extf` from 16-bit
    storage), butterflies (`vector.shuffle` + `vector.fma` inside a vector,
    `arith.addf`/`arith.subf` between vectors), the dense H_m as the adds
    and subtracts of `walsh::baseProgram` (SignProgram.h: 56 for H_12
    where the dense product takes 132; from m = 36, as m / 4 programs of
    four outputs each whose stores precede the next block's additions:
    `cpuHmRowBlocks`), and in the last pass the epilogue
    and `vector.store` (after `arith.truncf`). Every row is transformed in
    an fp32 scratch row (cache-resident across rows; with a dense factor
    past 48 KB, padded by a cache line after each block of 2^k) and written
    once, by the last pass (widest stride first; or, for fp32 rows where
    `walsh::contiguousPassFirst` says, given the host's L1 data cache in
    `l1d-bytes` or the module's `walsh.l1d_bytes`, the contiguous pass
    first, reading the input front to back, past 8 KB with prefetches into
    L1 8 KB ahead in the row). The
    schedule follows the stages' `#walsh.cpu_config` (default: vector_width
    8, levels_per_pass 3): the fewest passes of at most levels_per_pass
    levels between vectors, for fp32 rows with the levels spread evenly
    over them. Each pass prefetches its share of the next rows' input,
    each cache line `prefetch_per_line` times when the config sets it
    (else twice where a vector is narrower than a line and the row takes
    at most two passes, once otherwise), into L1 for a row of one pass,
    into L2 through the scratch row unless that L1 size is 48 KB or more
    (`walsh::prefetchRowsIntoL1`; the whole transform and affine only).

    Before:
    ```mlir
    func.func @f(%x: tensor<?x16xf32>) -> tensor<?x16xf32> {
      %0 = walsh.stage %x radix 2 stride 1 : tensor<?x16xf32>
      ...
      %3 = walsh.stage %2 radix 2 stride 8 scale(2.500000e-01) : tensor<?x16xf32>
      return %3 : tensor<?x16xf32>
    }
    ```
    After (sketch):
    ```mlir
    func.func @f(%x: memref<?x16xf32, strided<[?, 1], offset: ?>>,
                 %y: memref<?x16xf32, strided<[?, 1], offset: ?>>)
        attributes {llvm.emit_c_interface} {
      scf.for %r = %c0 to %rows step %c1 {
        %v0 = vector.load %x[%r, %c0] : ..., vector<8xf32>
        %s = vector.shuffle %v0, %v0 [1, 0, 3, 2, 5, 4, 7, 6] : ...
        %t = vector.fma %v0, %sign, %s : vector<8xf32>
        ...
        vector.store %out, %y[%r, %c0] : ..., vector<8xf32>
      }
    }
    ```
  }];
  let options = [
    Option<"nativeBF16", "native-bf16", "bool", /*default=*/"false",
           "Round fp32 to bf16 with arith.truncf (one vcvtneps2bf16 on a "
           "host with AVX512-BF16) instead of integer vector ops; also on "
           "for a module marked walsh.native_bf16">,
    Option<"l1dBytes", "l1d-bytes", "int64_t", /*default=*/"0",
           "The L1 data cache in bytes that the pass order of "
           "walsh::contiguousPassFirst and the prefetch level of "
           "walsh::prefetchRowsIntoL1 assume (0: none, widest stride "
           "first, the next rows into L2); a module's walsh.l1d_bytes (what "
           "walsh's CPU compiler sets on a Zen 5 host) overrides it">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect", "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect"
  ];
}

def WalshConvertToGPU : Pass<"walsh-convert-to-gpu", "::mlir::ModuleOp"> {
  let summary = "Lower walsh stage chains to a gpu.func kernel";
  let description = [{
    Rewrites every stage-chain function (see `walsh::matchStageChain`) into a
    `gpu.func` kernel of the same name in a `gpu.module @walsh_kernels`,
    following the stages' `#walsh.config` (required):

    - a block of `rows_per_block` × `threads_per_row` threads handles
      `rows_per_block` rows; thread t of a row holds, for each dense index
      a < m and chunk c < E/(m·V), one `vector_width`-element vector at
      `a·2^k + (c·T + t)·V`, so consecutive threads make coalesced
      V-element (16-byte) accesses;
    - radix-2 levels inside a vector and across chunks run in registers;
      levels across threads, with `cross_warp = shared`, by `gpu.shuffle
      xor` within a warp and one shared-memory round trip per level across
      warps (dynamic, rows_per_block·d fp32; where `elems_per_thread` = m
      or 2m, or in fp32 4m (one vector of each dense index) over 2 to 16
      warps, after H_m one transpose across dense indices for all of them,
      with a barrier instead of two a level; four positions over 16 warps
      read back in halves); with `cross_warp = transpose`, through a
      few swizzled shared-memory transposes, each making the next
      log2(chunks) thread bits chunk bits (double-buffered when two buffers
      fit in 96 KB), no shuffles; where that takes more than two transposes
      (and m = 1), two through a wide layout whose lanes hold middle bits
      too, in accesses of 4, 8 or 16 bytes;
    - the dense H_m runs in registers, as `walsh::baseProgram`'s adds and
      subtracts (for fp32 rows of m = 52 or 60 a thread: as four column
      blocks' programs whose partial products are summed, or, before the
      dense-index transpose with one position a thread, and for pairs of m
      = 36 or 44, as row blocks' programs whose outputs go to shared
      memory as they are made: `gpuHmColumnBlocks`, `gpuHmRowBlocks`). In
      the split layout (`elems_per_thread` a power of two, not a multiple
      of m; `threads_per_row` = m·T) thread group a of a row's m
      holds only dense index a, as for m = 1; after the 2^k levels the row
      goes to shared memory (fp32, 16-byte pieces XOR-swizzled within 32
      floats), one barrier, and each thread takes pieces of V2 positions
      with all m indices for H_m, the affine, the residual and the store. A
      fused norm is refused there;
    - a shuffle or cross-warp level is one multiply-add a value, contracted
      (fma.rn); the epilogue is a multiply by scale·a and an add
      (contracted to an FMA) at the store, with a and b loaded before the
      transform when a thread holds at most 32 values in a block of at most
      256 threads (`GpuSharedLayout::hoistAffine`); 16-bit storage converts
      to fp32 at the load;
    - with `row_iters` = K > 1 a block takes row groups bid, bid + G, … (G
      the grid's blocks), each thread copying its vectors of the next group
      into shared memory (`cp.async`, two buffers) while it transforms the
      current one. In 16 bits, where a and b are not hoisted, kernels
      without transposes or with a prologue keep an affine table instead:
      a × scale (fp32) and b, written once per block by its first row of
      threads, read by every group; the prefetch is then one buffer, each
      group's copies read before the next group's are issued
      (`gpuSharedLayout`); with K = 1, rows of at least 8 KB, no prologue
      or cluster, a block first prefetches into L2 (an asm of
      `prefetch.global.L2`, a 128-byte line a thread, guarded by the row
      count) the rows of block bid + D, D the blocks in about 4 MB of rows;
    - with `cluster` = C > 1 (one thread-block cluster of C blocks a row,
      sm_90) block bid is rank bid % C of row bid / C and transforms the
      row's slice at rank · d / C as a row of d / C; block r finishes
      positions r · d / C² … of every slice, so once every block has
      started (`nvvm.cluster.arrive.relaxed` at the start, its `wait`
      here) each block stores each transformed vector into the shared
      memory of the block that finishes it (an asm of
      `mapa.shared::cluster` and `st.shared::cluster`); after
      `nvvm.cluster.arrive` / `wait` each block reads its own shared
      memory, runs H_C in registers and stores through the affine;
    - 512-thread blocks of at most 32 values per thread carry
      `nvvm.minctasm = 2`; 16-bit kernels of at least 64 values a thread
      with wide transposes, a prologue (row sums, the bhsd merge) or f16
      rows carry `nvvm.minctasm` = the blocks a Hopper multiprocessor's
      228 KB of shared memory holds, when that is 2 or more and leaves at
      least 128 registers a thread.

    With `cross_warp = mma` (16-bit rows, MmaKernel.cpp) the row's
    256-element tiles go through tensor cores instead: a warp holds 8
    values of each tile, H_16 over one index of the tile as an
    `mma.sync.m16n8k16` whose B operand is the loaded words, then the other
    index's H_16 (H_8 ⊗ I_2 where 2^k = 128 and the tile spans two dense
    indices) as a second mma on a bf16 hi + lo split of the first's fp32
    accumulators (16 bits of mantissa), which leaves every value where it
    was loaded; where 2^k = 64 a tile spans four dense indices and both
    stages multiply by H_8 ⊗ I_2; H_m's sign program and the rest of
    H_2^k across the tiles in registers; the affine from a shared table of
    a × scale and b in fp32; 8-byte accesses (4-byte at 2^k = 64). Blocks of `rows_per_block` rows (a warp each, or two
    warps swapping halves of their tiles through shared memory at a named
    barrier) take row groups bid, bid + G, …; the next row is loaded in
    registers after the tensor-core stages, or (112 values a lane and
    more) copied by `cp.async` into shared memory at the iteration's start.
    For fp32 rows of a dense factor in the split layout (`threads_per_row`
    = 32 m / g, `vector_width` = 4; `gpuSplitHmMma32`) `cross_warp = mma`
    keeps this pass's split layout, each dense index's 2^k levels in
    registers and shuffles, and runs its m-point stage on tensor cores:
    the row in shared memory as fp32, each 8-position n-tile's values
    split into bf16 hi + mid + lo, three `mma.sync.m16n8k16` a 16 × 16
    block of H_m, in persistent blocks (`row_iters`: the rows prefetched
    into L2 that many grids ahead).

    Rows past the end are computed on row 0's data and never stored, so
    every thread reaches every barrier.

    ```mlir
    gpu.module @walsh_kernels {
      gpu.func @outproj(%x: memref<?x768xbf16, strided<[?, 1], offset: ?>>,
                        %y: memref<?x768xbf16, strided<[?, 1], offset: ?>>, ...)
          kernel attributes {known_block_size = array<i32: 96, 1, 1>} {
        ...
        %s, %valid = gpu.shuffle xor %v, %c1, %c32 : f32
        ...
      }
    }
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::gpu::GPUDialect",
    "::mlir::LLVM::LLVMDialect", "::mlir::NVVM::NVVMDialect",
    "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def WalshAlignVectorAccess : Pass<"walsh-align-vector-access"> {
  let summary = "Give LLVM-dialect vector loads and stores their vector's alignment";
  let description = [{
    `vector.load`/`vector.store` lower with the element's alignment, so a
    `vector<8xbf16>` access becomes eight 2-byte loads on NVPTX. walsh's GPU
    kernels access rows at multiples of the vector width from row starts
    the runtime has checked to be aligned to the vector size (16 bytes), so
    this pass sets every vector `llvm.load` and `llvm.store` to that
    alignment; NVPTX then emits `ld.global.v4.b32` / `st.global.v4.b32`.

    Before: `llvm.load %p {alignment = 2 : i64} : !llvm.ptr -> vector<8xbf16>`
    After:  `llvm.load %p {alignment = 16 : i64} : !llvm.ptr -> vector<8xbf16>`
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // WALSH_CONVERSION_PASSES_TD
