//===- WalshAttrs.cpp - #walsh.config verification -------------------------===//
//
// What a configuration must satisfy on its own (verify) and against the
// transform it configures (verifyForSize).
//
//===----------------------------------------------------------------------===//
#include "walsh/Dialect/Walsh/IR/Walsh.h"

#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::walsh;

/// Largest number of threads in a CUDA block.
static constexpr int64_t kMaxThreadsPerBlock = 1024;
/// Row groups per block: the body is emitted twice whatever the count, but
/// a block's rows must stay a 32-bit launch quantity.
static constexpr int64_t kMaxRowIters = 1024;
/// cross_warp = mma: the most grids ahead a block prefetches rows into L2.
static constexpr int64_t kMaxMmaRowsAhead = 4;

LogicalResult ConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 int64_t elemsPerThread, int64_t threadsPerRow,
                                 int64_t rowsPerBlock, int64_t vectorWidth,
                                 CrossWarp crossWarp, int64_t rowIters,
                                 int64_t cluster) {
  auto positive = [&](int64_t v, StringRef name) -> LogicalResult {
    if (v >= 1)
      return success();
    return emitError() << "expects '" << name << "' to be at least 1, got "
                       << v;
  };
  if (failed(positive(elemsPerThread, "elems_per_thread")) ||
      failed(positive(threadsPerRow, "threads_per_row")) ||
      failed(positive(rowsPerBlock, "rows_per_block")) ||
      failed(positive(vectorWidth, "vector_width")) ||
      failed(positive(rowIters, "row_iters")))
    return failure();
  // (A slice of a power-of-two row needs a power of two: verifyForSize.)
  if (cluster < 1 || cluster > 8)
    return emitError() << "expects 'cluster' to be 1 to 8 (a portable "
                          "thread-block cluster), got "
                       << cluster;
  if (cluster > 1 &&
      (rowsPerBlock != 1 || rowIters != 1 || crossWarp == CrossWarp::Mma))
    return emitError() << "expects 'rows_per_block' = 1, 'row_iters' = 1 "
                          "and cross_warp shared or transpose with 'cluster' "
                          "> 1, got "
                       << rowsPerBlock << ", " << rowIters << " and "
                       << stringifyCrossWarp(crossWarp);
  if (rowIters > kMaxRowIters)
    return emitError() << "expects 'row_iters' to be at most " << kMaxRowIters
                       << ", got " << rowIters;
  // A power of two, or (the split layout) a dense factor m = 4 * odd
  // times one: a multiple of 4 either way past 2. Which m is checked
  // against the size (verifyForSize).
  if ((!llvm::isPowerOf2_64(threadsPerRow) && threadsPerRow % 4 != 0) ||
      threadsPerRow > kMaxThreadsPerBlock)
    return emitError() << "expects 'threads_per_row' to be a power of two, "
                          "or a dense factor times one (the split layout), "
                          "at most "
                       << kMaxThreadsPerBlock << ", got " << threadsPerRow;
  if (rowsPerBlock * threadsPerRow > kMaxThreadsPerBlock)
    return emitError() << "expects 'rows_per_block' * 'threads_per_row' to be "
                          "at most "
                       << kMaxThreadsPerBlock << ", got " << rowsPerBlock
                       << " * " << threadsPerRow;
  // (H_m on tensor cores, mma with 'vector_width' = 2, stores pairs of
  // its matrix's rows whatever 'elems_per_thread': at 2^k = 8 that is m /
  // 4, odd; verifyForSize checks it against the size.)
  bool pairs = crossWarp == CrossWarp::Mma && vectorWidth == 2;
  if (!llvm::isPowerOf2_64(vectorWidth) ||
      (elemsPerThread % vectorWidth != 0 && !pairs))
    return emitError() << "expects 'vector_width' to be a power of two that "
                          "divides 'elems_per_thread' ("
                       << elemsPerThread << "), got " << vectorWidth;
  return success();
}

LogicalResult ConfigAttr::verifyMmaRowsAhead(
    function_ref<InFlightDiagnostic()> emitError) const {
  if (getRowIters() <= kMaxMmaRowsAhead)
    return success();
  return emitError() << "expects 'row_iters' to be 1 to " << kMaxMmaRowsAhead
                     << " for cross_warp = mma (its blocks take row groups "
                        "in turn whatever the grid; from 2, each prefetches "
                        "into L2 the group that many grids on), got "
                     << getRowIters();
}

LogicalResult
ConfigAttr::verifyForSize(function_ref<InFlightDiagnostic()> emitError,
                          int64_t d, int64_t m) const {
  // The grouped layout with a cluster: every block the whole row, block r
  // H_m's outputs r * m / cluster ... (WalshToGPU.cpp).
  if (int64_t g = denseGroups(m); g && getCluster() > 1) {
    if (getElemsPerThread() * getThreadsPerRow() != d)
      return emitError() << "expects 'elems_per_thread' * 'threads_per_row' "
                            "to equal the transform size "
                         << d << " in the grouped layout with 'cluster' > 1 "
                         << "(each block the whole row), got "
                         << getElemsPerThread() << " * "
                         << getThreadsPerRow();
    if (m % (getCluster() * g) != 0 || getCrossWarp() != CrossWarp::Shared ||
        getVectorWidth() != 1)
      return emitError() << "expects cross_warp = shared, 'vector_width' = 1 "
                            "and m = "
                         << m << " a multiple of 'cluster' * g = "
                         << getCluster() << " * " << g
                         << " in the grouped layout with 'cluster' > 1 (each "
                            "block m / cluster of H_m's outputs, m / "
                            "(cluster * g) a thread), got "
                         << stringifyCrossWarp(getCrossWarp()) << " and "
                         << getVectorWidth();
    return success();
  }
  if (getCluster() > 1) {
    if (getElemsPerThread() * getThreadsPerRow() * getCluster() != d)
      return emitError() << "expects 'elems_per_thread' * 'threads_per_row' "
                            "* 'cluster' to equal the transform size "
                         << d << ", got " << getElemsPerThread() << " * "
                         << getThreadsPerRow() << " * " << getCluster();
    // Block r finishes V-vectors of positions r * d / cluster^2 ... of
    // every slice: at least one a thread.
    int64_t vectors =
        getElemsPerThread() / std::min(getVectorWidth(), getElemsPerThread());
    if (m != 1 || vectors < getCluster())
      return emitError() << "expects a power-of-two size and at least "
                            "'cluster' = "
                         << getCluster()
                         << " vectors a thread (elems_per_thread / "
                            "vector_width), or the grouped layout, with "
                            "'cluster' > 1, got d = "
                         << d << " and " << vectors;
    return success();
  }
  if (getElemsPerThread() * getThreadsPerRow() != d)
    return emitError() << "expects 'elems_per_thread' * 'threads_per_row' to "
                          "equal the transform size "
                       << d << ", got " << getElemsPerThread() << " * "
                       << getThreadsPerRow();
  // The grouped layout: one element of m / g dense indices a thread, the
  // groups' blocks of H_m's columns met through shared memory
  // (WalshToGPU.cpp).
  if (int64_t g = denseGroups(m)) {
    if (getCrossWarp() == CrossWarp::Transpose || getVectorWidth() != 1 ||
        getRowIters() != 1)
      return emitError() << "expects cross_warp = shared, 'vector_width' = 1 "
                            "and 'row_iters' = 1 in the grouped layout "
                            "('elems_per_thread' = m / "
                         << g << " = " << m / g << "), got "
                         << stringifyCrossWarp(getCrossWarp()) << ", "
                         << getVectorWidth() << " and " << getRowIters();
    return success();
  }
  // (A warp a row with H_m on tensor cores holds no whole dense index.)
  bool hm = hmTensorCores(d, m);
  if (getElemsPerThread() % m != 0 &&
      !llvm::isPowerOf2_64(getElemsPerThread()) && !hm)
    return emitError() << "expects 'elems_per_thread' to be a multiple of the "
                          "dense factor "
                       << m << " of size " << d
                       << ", a power of two (the split layout), m / 2 or m "
                          "/ 4 (the grouped layout), got "
                       << getElemsPerThread();
  if (mmaSplit(d, m)) {
    // A warp g dense indices (g a power of two: elems_per_thread is one),
    // their 2^k elements as tiles of 256, 8 values of each a lane (one
    // 16-byte vector); one row a block, which takes row groups in turn.
    // 'vector_width' = 8: the m-point stage on tensor cores too, its
    // outputs stored 8 to a 16-byte vector. A power-of-two d splits as M =
    // threads_per_row / 32 dense indices of Sylvester's H_M, one a warp.
    int64_t warps = getThreadsPerRow() / 32;
    if (mmaSplitsPowerOfTwo(d, m)) {
      if ((getVectorWidth() != 4 && getVectorWidth() != 8) ||
          (d / warps) % 256 != 0 || getRowsPerBlock() != 1)
        return emitError()
               << "expects 'vector_width' = 4 (or 8: H_M on tensor cores), "
                  "'rows_per_block' = 1 and d / M >= 256 "
                  "for cross_warp = mma in the split layout of a "
                  "power-of-two d (M = 'threads_per_row' / 32 = "
               << warps << " warps a row, one d / M each), got "
               << getVectorWidth() << ", " << getRowsPerBlock()
               << " and d / M = " << d / warps;
      return verifyMmaRowsAhead(emitError);
    }
    if (getThreadsPerRow() % 32 != 0 || m % warps != 0 ||
        (getVectorWidth() != 4 && getVectorWidth() != 8) ||
        (d / m) % 256 != 0 || getRowsPerBlock() != 1)
      return emitError() << "expects 'threads_per_row' = 32 m / g = 32 * " << m
                         << " / g (g dense indices a warp, a power of two), "
                            "'vector_width' = 4 (or 8: H_m on tensor cores), "
                            "'rows_per_block' = 1 and 2^k >= 256 for "
                            "cross_warp = mma in the split layout, got "
                         << getThreadsPerRow() << ", " << getVectorWidth()
                         << ", " << getRowsPerBlock()
                         << " and 2^k = " << d / m;
    return verifyMmaRowsAhead(emitError);
  }
  if (getCrossWarp() == CrossWarp::Mma) {
    // One or two warps a row, 8 values of each 256-element tile a thread,
    // in two 8-byte vectors; the tiles' H_16 (x) H_16 needs 2^k >= 256.
    // At 2^k = 8, 16 or 32 (with a dense factor) H_m on tensor cores too, one
    // warp a row, storing pairs of values ('vector_width' = 2, which from
    // 2^k = 64 on picks that kernel over the tiles).
    bool small = m > 1 && (d / m == 8 || d / m == 16 || d / m == 32);
    bool either = m > 1 && d / m >= 64; // tiles or H_m
    // (H_m on tensor cores past 2^k = 32: up to eight warps a row, taking
    // its blocks of 16 dense indices in turn.)
    bool hmWarps = hm && !small && getThreadsPerRow() % 32 == 0 &&
                   getThreadsPerRow() <= 256;
    if ((getThreadsPerRow() != 32 && getThreadsPerRow() != 64 && !hmWarps) ||
        (getVectorWidth() != 4 && !hm) || (small && getVectorWidth() != 2))
      return emitError() << "expects 'threads_per_row' = 32 or 64 (H_m on "
                            "tensor cores past 2^k = 32: a multiple of 32 up "
                            "to 256) and 'vector_width' = "
                         << (small    ? "2"
                             : either ? "4 (or 2: H_m on tensor cores)"
                                      : "4")
                         << " for cross_warp = mma"
                         << (small ? " with 2^k = 8, 16 or 32" : "") << ", got "
                         << getThreadsPerRow() << " and " << getVectorWidth();
    // Tiles of 256, or at 2^k = 128 of two dense indices' 128, at 2^k = 64
    // of four's 64 (every dense factor is a multiple of 4).
    if ((d / m) % 256 != 0 && !((d / m == 128 || d / m == 64) && m > 1) && !hm)
      return emitError() << "expects the power-of-two factor of d = " << d
                         << " to be at least 256, or with a dense factor "
                            "8, 16, 32, 64 or 128, for cross_warp = mma, got "
                         << d / m;
    // (Past 2^k = 32 several warps a row may take its blocks of 16 dense
    // indices in turn.)
    if (hm && small && getThreadsPerRow() != 32)
      return emitError() << "expects 'threads_per_row' = 32 for cross_warp "
                            "= mma with 2^k = "
                         << d / m
                         << " and 'vector_width' = 2 (H_m on tensor cores), "
                            "got "
                         << getThreadsPerRow();
    // Two warps a row swap halves of tiles of 256 from one dense index
    // each, and sync on the row's named barrier (1 + its slot, at most 15).
    if (getThreadsPerRow() == 64 && !hm && (m == 1 || (d / m) % 256 != 0))
      return emitError() << "expects a dense factor and 2^k >= 256 for "
                            "cross_warp = mma over 64 threads a row, got d = "
                         << d;
    if (getThreadsPerRow() > 32 && getRowsPerBlock() > 15)
      return emitError() << "expects 'rows_per_block' <= 15 for cross_warp = "
                            "mma over "
                         << getThreadsPerRow()
                         << " threads a row (a named barrier a row), got "
                         << getRowsPerBlock();
    return verifyMmaRowsAhead(emitError);
  }
  // (Then E * T = m * 2^k makes T a power of two, or m times one.)
  int64_t perIndex = elemsPerIndex(m);
  int64_t vectors = perIndex / std::min(getVectorWidth(), perIndex);
  if (getCrossWarp() == CrossWarp::Transpose && getThreadsPerRow() > 1 &&
      vectors < 2)
    return emitError() << "expects at least two vectors per dense index per "
                          "thread for cross_warp = transpose "
                          "(elems_per_thread / m / vector_width = "
                       << perIndex << " / " << std::min(getVectorWidth(), perIndex)
                       << " = " << vectors << ")";
  return success();
}

LogicalResult
CpuConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                      int64_t vectorWidth, int64_t levelsPerPass, bool,
                      int64_t prefetchPerLine, PassOrder) {
  if (vectorWidth < 1 || vectorWidth > 16 || !llvm::isPowerOf2_64(vectorWidth))
    return emitError() << "expects 'vector_width' to be a power of two in "
                          "[1, 16], got "
                       << vectorWidth;
  if (levelsPerPass < 1 || levelsPerPass > 5)
    return emitError() << "expects 'levels_per_pass' in [1, 5], got "
                       << levelsPerPass;
  if (prefetchPerLine != 0 && prefetchPerLine != 1 && prefetchPerLine != 2 &&
      prefetchPerLine != 4)
    return emitError() << "expects 'prefetch_per_line' to be 1, 2 or 4 (or "
                          "absent: the lowering's rule), got "
                       << prefetchPerLine;
  return success();
}
