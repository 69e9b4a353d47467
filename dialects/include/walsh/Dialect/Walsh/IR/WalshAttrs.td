//===- WalshAttrs.td - walsh attributes ---------------------*- tablegen -*-===//
#ifndef WALSH_ATTRS_TD
#define WALSH_ATTRS_TD

include "walsh/Dialect/Walsh/IR/WalshBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Walsh_CrossWarp : I32EnumAttr<"CrossWarp",
    "how butterfly stages whose partners lie in other threads exchange data", [
  I32EnumAttrCase<"Shared", 0, "shared">,
  I32EnumAttrCase<"Transpose", 1, "transpose">,
  I32EnumAttrCase<"Mma", 2, "mma">
]> {
  let cppNamespace = "::mlir::walsh";
  let genSpecializedAttr = 0;
}

def Walsh_PassOrder : I32EnumAttr<"PassOrder",
    "the order of the CPU lowering's passes over a row", [
  I32EnumAttrCase<"Rule", 0, "rule">,
  I32EnumAttrCase<"WidestFirst", 1, "widest_first">,
  I32EnumAttrCase<"ContiguousFirst", 2, "contiguous_first">
]> {
  let cppNamespace = "::mlir::walsh";
  let genSpecializedAttr = 0;
}

// #walsh.cpu_config's pass_order: omitted when it is the lowering's rule.
def Walsh_PassOrderParam : EnumParameter<Walsh_PassOrder> {
  let defaultValue = "::mlir::walsh::PassOrder::Rule";
}

def Walsh_ConfigAttr : AttrDef<Walsh_Dialect, "Config"> {
  let mnemonic = "config";
  let summary = "The kernel configuration a tuner chose for one transform";
  let description = [{
    How a row of d elements is spread over a GPU thread block. Lowering obeys
    it; nothing else (no flag, no environment variable) changes the code a
    transform is lowered to.

    - `elems_per_thread`: elements of one row each thread holds in registers.
      A multiple of the dense factor m: the thread holds all m dense indices
      of its positions and the H_m stage runs in-thread. Or, for m > 1, a
      power of two: the split layout, where each thread holds positions of
      one dense index only, the 2^k levels run on each index's 2^k elements
      as for m = 1, and the H_m stage runs after one pass through shared
      memory, each thread taking all m indices of a few positions. Or m / g
      with g = 2 or 4 (the grouped layout, at g = 2 the half layout:
      `cross_warp = shared`, `vector_width` = 1, no prologue or fused
      epilogue): a row's g · 2^k threads are g groups, group h holding
      dense indices h·m/g … of one position; the 2^k levels run as usual,
      then each thread multiplies its block of H_m's columns and the
      groups' sums meet through shared memory, so that a thread has 1/g of
      the sign program and a row g times the threads.
    - `threads_per_row`: threads cooperating on a row, ≤ 1024; a power of
      two, or in the split layout m times one. `elems_per_thread ·
      threads_per_row` must equal d.
    - `rows_per_block`: rows one thread block processes at once;
      `rows_per_block · threads_per_row` ≤ 1024.
    - `vector_width`: elements per vector load and store, a power of two that
      divides `elems_per_thread`.
    - `cross_warp`: how stages whose partners lie in other threads exchange
      data. `shared`: one shuffle per element and level within a warp, one
      shared-memory round trip per level across warps (with
      `elems_per_thread` = m, or 2m with `vector_width` 2, over 2 to 16
      warps, one transpose across dense indices for all of them). `transpose`: every
      such level through swizzled shared-memory transposes, each making
      log2(elems_per_thread / m / vector_width) levels thread-local; needs
      at least two vectors per dense index per thread. `mma` (16-bit
      storage, 2^k ≥ 256, or 128 or 64 with a dense factor): one warp a row
      (`threads_per_row` = 32) or two (64, with a dense factor and 2^k ≥
      256; `rows_per_block` ≤ 15), `vector_width` = 4; each 256-element
      tile's H_16 ⊗ H_16 (H_16 ⊗ H_8 ⊗ I_2 over two dense indices at 2^k =
      128, H_8 ⊗ I_2 ⊗ H_8 ⊗ I_2 over four at 64) runs as two tensor-core
      `mma.sync` stages (the second on a bf16
      hi + lo split of the first's fp32 result), H_m and the rest of H_2^k
      across the tiles in registers; blocks stride over the rows (one
      block a multiprocessor slot, each loading its next row group while
      it transforms the current one), and `row_iters` (1 to 4) is how many
      grids ahead of its current group each block keeps rows coming: from
      2, each iteration also prefetches into L2 the group `row_iters`
      grids on. With a dense factor and `vector_width` = 2
      (at 2^k = 8, 16 and 32 the only form) H_m itself runs on tensor
      cores too (`hmTensorCores`), for 16-bit rows and, to 2^k = 64, fp32
      rows (X as bf16 hi + mid + lo, three products); past 2^k = 32 there
      `threads_per_row` may be any multiple of 32 to 256, the row's warps
      taking its blocks of 16 dense indices in turn (`rows_per_block` ≤
      15). In the split layout (16 bits, 2^k ≥ 256, `threads_per_row` = 32
      m / g for g dense indices a warp, g a power of two, `rows_per_block`
      = 1) each warp runs its indices' tiles, then H_m runs through shared
      memory over the block's threads: by the sign program with
      `vector_width` = 4, or with `vector_width` = 8 (no output cast) on
      tensor cores as well, each warp taking 16 positions of all m dense
      indices at a time and storing 8 outputs to a 16-byte vector. A
      power-of-two d over 128 threads or more (a power of two;
      `rows_per_block` = 1) splits the same way as H_M ⊗ H_{d/M}, M =
      `threads_per_row` / 32 (Sylvester's factors, natural order): warp w
      takes the row's w-th M-th (d / M ≥ 256), and H_M runs by its
      radix-2 levels (or on tensor cores with `vector_width` = 8).
    - `row_iters` (default 1, omitted when 1; for `mma`, above, the grids
      ahead of an L2 prefetch): how many groups of
      `rows_per_block` rows a block handles one after the other. From 2 on,
      each thread copies its part of the next group into shared memory
      (`cp.async`) while it transforms the current one, so loads stay in
      flight through the arithmetic and the barriers.
    - `cluster` (default 1, omitted when 1): thread blocks a row, 1 to 8
      (2, 4 or 8 for slices), run as one thread-block cluster (sm_90).
      Block r of a cluster
      holds the row's r-th slice of d / cluster elements, and the other
      fields describe one slice (`elems_per_thread · threads_per_row ·
      cluster` = d); the slices' H_{d / cluster} run as for a row of that
      size, then H_cluster across the blocks through distributed shared
      memory, block r finishing positions r·d / cluster² … of every slice.
      For decode rows: a row's arithmetic and memory traffic spread over
      `cluster` multiprocessors. Only m = 1, `rows_per_block` = 1,
      `row_iters` = 1, not `mma`, at least `cluster` vectors a thread, and
      the plain transform and affine. In the grouped layout (above) the
      blocks split H_m's outputs instead: each holds the whole row
      (`elems_per_thread · threads_per_row` = d) and runs its 2^k levels,
      and block r computes and stores dense indices r·m / cluster … of the
      output, m / (cluster · g) a thread (m a multiple of cluster · g), so
      the m-point stage's additions spread over `cluster`
      multiprocessors; nothing crosses blocks.

    ```mlir
    #walsh.config<elems_per_thread = 8, threads_per_row = 96,
                  rows_per_block = 2, vector_width = 8, cross_warp = shared>
    ```
  }];
  let parameters = (ins
    "int64_t":$elems_per_thread,
    "int64_t":$threads_per_row,
    "int64_t":$rows_per_block,
    "int64_t":$vector_width,
    EnumParameter<Walsh_CrossWarp>:$cross_warp,
    DefaultValuedParameter<"int64_t", "1">:$row_iters,
    DefaultValuedParameter<"int64_t", "1">:$cluster
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Checks this configuration against a transform of size `d` whose dense
    /// factor is `m`; reports through `emitError` and fails when they clash.
    ::mlir::LogicalResult verifyForSize(
        ::llvm::function_ref<::mlir::InFlightDiagnostic()> emitError,
        int64_t d, int64_t m) const;
    /// cross_warp = mma: 'row_iters' (the grids ahead of an L2 prefetch of
    /// the rows, from 2) is 1 to 4.
    ::mlir::LogicalResult verifyMmaRowsAhead(
        ::llvm::function_ref<::mlir::InFlightDiagnostic()> emitError) const;
    /// Whether this configures the split layout for dense factor `m`: a
    /// thread holds one dense index (elems_per_thread not a multiple of m).
    bool splitsDense(int64_t m) const {
      return m > 1 && getElemsPerThread() % m != 0 && !denseGroups(m);
    }
    /// The groups g of the grouped layout for dense factor `m` (0: not
    /// that layout): a thread holds one element of m / g dense indices
    /// (elems_per_thread = m / 2 or m / 4, never a power of two; g = 2 is
    /// the half layout), a row's threads g groups of 2^k, and H_m's column
    /// blocks meet through shared memory. (Not cross_warp = mma, whose H_m
    /// on tensor cores may hold m / 2.)
    int64_t denseGroups(int64_t m) const {
      if (m <= 1 || getCrossWarp() == CrossWarp::Mma)
        return 0;
      int64_t e = getElemsPerThread();
      return 2 * e == m ? 2 : 4 * e == m ? 4 : 0;
    }
    /// Elements a thread holds of each dense index it holds: all of them
    /// in the split layout, one in the grouped layout, else
    /// elems_per_thread / m.
    int64_t elemsPerIndex(int64_t m) const {
      if (denseGroups(m))
        return 1;
      return splitsDense(m) ? getElemsPerThread() : getElemsPerThread() / m;
    }
    /// Threads that share one dense index's 2^k elements of a row:
    /// threads_per_row, or threads_per_row / m in the split layout, / g in
    /// the grouped layout.
    int64_t threadsPerIndex(int64_t m) const {
      if (int64_t g = denseGroups(m))
        return getThreadsPerRow() / g;
      return splitsDense(m) ? getThreadsPerRow() / m : getThreadsPerRow();
    }
    /// Whether this is cross_warp = mma with H_m on tensor cores too
    /// (HmMmaKernel.cpp) for d = m * 2^k: a dense factor and 2^k = 8, 16
    /// or 32, or 2^k >= 64 with 'vector_width' = 2 (pairs; the tiles of
    /// 256, of dense-index pairs and quads take 4).
    bool hmTensorCores(int64_t d, int64_t m) const {
      int64_t p = m > 0 ? d / m : 0;
      return getCrossWarp() == CrossWarp::Mma && m > 1 &&
             (p == 8 || p == 16 || p == 32 ||
              (p >= 64 && getVectorWidth() == 2));
    }
    /// Whether this is cross_warp = mma in the split layout (MmaKernel.cpp):
    /// a warp g dense indices (g a power of two, threads_per_row = 32 m /
    /// g), their 2^k >= 256 elements as tensor-core tiles, then H_m
    /// through shared memory.
    bool mmaSplit(int64_t d, int64_t m) const {
      return getCrossWarp() == CrossWarp::Mma &&
             ((splitsDense(m) && !hmTensorCores(d, m)) ||
              mmaSplitsPowerOfTwo(d, m));
    }
    /// Whether this is the split layout on tensor cores for a power-of-two
    /// d (m = 1, or the factor mmaDenseFactor gives): cross_warp = mma
    /// over 128 threads or more, a power of two. H_d = H_M (x) H_{d / M}
    /// in Sylvester's natural order, M = threads_per_row / 32: a warp one
    /// "dense index" (the row's top log2 M bits), H_M as the m-point stage.
    bool mmaSplitsPowerOfTwo(int64_t d, int64_t m) const {
      int64_t t = getThreadsPerRow();
      return getCrossWarp() == CrossWarp::Mma && d > 0 &&
             (d & (d - 1)) == 0 && t >= 128 && (t & (t - 1)) == 0 &&
             (m == 1 || m == t / 32);
    }
    /// The dense factor the tensor-core kernels see: m, or for the split
    /// layout of a power-of-two d (mmaSplitsPowerOfTwo) threads_per_row /
    /// 32.
    int64_t mmaDenseFactor(int64_t d, int64_t m) const {
      return mmaSplitsPowerOfTwo(d, m) ? getThreadsPerRow() / 32 : m;
    }
  }];
}

def Walsh_CpuConfigAttr : AttrDef<Walsh_Dialect, "CpuConfig"> {
  let mnemonic = "cpu_config";
  let summary = "The kernel configuration a tuner chose for the CPU target";
  let description = [{
    How the x86 lowering schedules one row (fp32 arithmetic):

    - `vector_width`: fp32 lanes per vector, a power of two ≤ 16 (8 for AVX2,
      16 for AVX-512). Rows whose power-of-two part is narrower use that.
    - `levels_per_pass`: radix-2 levels applied per pass over a row while
      2^levels_per_pass vectors sit in registers, in [1, 5]. Fewer passes
      mean less cache traffic; more vectors than registers mean spills.
    - `nontemporal`: the last pass writes the output with non-temporal
      stores, which skip the read-for-ownership of every output line (a third
      of the memory traffic when the rows do not fit in cache) but evict
      nothing useful only when the output is not read again soon.
    - `prefetch_per_line` (optional): how many times the passes prefetch
      each cache line of the next rows' input, 1, 2 or 4; absent (0), the
      lowering's rule (two where a vector is narrower than a line and the
      row takes at most two passes, else one). Hosts differ here, so the
      tuner may choose it.
    - `pass_order` (optional): `widest_first` (the widest stride's pass
      reads the input, the contiguous pass writes the output),
      `contiguous_first` (the other way round: the input read front to
      back), or absent (`rule`): the lowering's rule, contiguous first for
      fp32 rows of d = 2^k past 2 KB whose scratch and input rows fit the
      L1 size walsh's CPU compiler marks on the module. Hosts differ here
      too (a Zen 5 gains from contiguous first, Sapphire Rapids loses), so
      the tuner may choose it. `contiguous_first` needs the whole transform
      with no prologue and no fused epilogue past the affine.

    ```mlir
    #walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = true>
    #walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = true, prefetch_per_line = 2>
    #walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = true, pass_order = widest_first>
    ```
  }];
  let parameters = (ins "int64_t":$vector_width, "int64_t":$levels_per_pass,
                        "bool":$nontemporal,
                        DefaultValuedParameter<"int64_t", "0">:$prefetch_per_line,
                        Walsh_PassOrderParam:$pass_order);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

// Either target's configuration.
def Walsh_AnyConfigAttr : AnyAttrOf<[Walsh_ConfigAttr, Walsh_CpuConfigAttr]>;

#endif // WALSH_ATTRS_TD
