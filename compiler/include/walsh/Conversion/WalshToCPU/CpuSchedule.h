//===- CpuSchedule.h - how the CPU lowering walks a row --------*- C++ -*-===//
//
// Plain index algebra (no MLIR): the passes over one row that the x86
// lowering emits for d = m * 2^k, given the #walsh.cpu_config.
//
// V = min(vector_width, 2^k) fp32 lanes; R = 2^levels vectors per group.
// A radix-2 pass with stride s and l levels loads, for every block
// b < d / (s * 2^l) and offset q < s (step V), the vectors at
// b * s * 2^l + q + j * s (j < 2^l), applies the radix-2 levels at strides
// s, 2s, ..., 2^(l-1) s between them, and stores them back. The contiguous
// pass has s = V and also applies the log2(V) levels inside each vector
// (strides 1 ... V/2, by shuffles). The dense pass (m > 1) loads the m
// vectors at a * 2^k + p (a < m) for every p < 2^k (step V) and applies H_m.
// Stages commute, so the passes run widest stride first: the dense pass,
// then radix-2 passes by decreasing stride, then the contiguous pass. The
// first pass reads the input; the last (contiguous, so the output is written
// front to back in whole lines) applies the epilogue and writes the output;
// passes between work in an fp32 scratch row. Or (contiguousFirst) the other
// way round: the contiguous pass first, so that the input is read front to
// back, and the widest last (see contiguousPassFirst). The levels between
// vectors go into the fewest radix-2 passes of at most levels_per_pass
// levels: each takes levels_per_pass and the widest the rest, or
// (spreadEvenly) they are spread evenly, the larger shares to the
// contiguous pass and the next narrowest.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_CONVERSION_WALSHTOCPU_CPUSCHEDULE_H
#define WALSH_CONVERSION_WALSHTOCPU_CPUSCHEDULE_H

#include "walsh/Hadamard/Hadamard.h"

#include <cstdint>
#include <vector>

namespace walsh {

/// One pass over a row.
struct CpuPass {
  enum class Kind { Radix2, Dense };
  Kind kind;
  /// Radix-2: the smallest stride between vectors (V for the first pass).
  int64_t stride;
  /// Radix-2: levels between vectors (the group holds 2^levels vectors).
  int levels;
  /// Radix-2: levels inside each vector, by shuffles (first pass only),
  /// the first at stride 2^inVectorFirst.
  int inVectorLevels;
  int inVectorFirst = 0;

  bool operator==(const CpuPass &o) const {
    return kind == o.kind && stride == o.stride && levels == o.levels &&
           inVectorLevels == o.inVectorLevels &&
           inVectorFirst == o.inVectorFirst;
  }
};

/// The row schedule: lanes per vector and the passes, first to last.
struct CpuSchedule {
  int64_t lanes;
  std::vector<CpuPass> passes;
  /// The passes run narrowest stride first (only set with two passes or
  /// more).
  bool contiguousFirst = false;
};

/// Plans the passes for a size, a vector width (lanes) and levels per pass,
/// in execution order. Every radix-2 level of H_{2^k} appears in exactly one
/// pass; the dense factor, when m > 1, is the first pass. A row with no
/// stages (d = 1) gets one radix-2 pass of zero levels, which only applies
/// the epilogue.
/// With `crossHeadOnly` = head_dim > 0, the radix-2 levels at strides below
/// head_dim are left out (the cross-head factor of walsh-split-heads); a
/// first pass with no level left is dropped when the dense pass remains.
/// With `spreadEvenly`, the levels between vectors are spread evenly over
/// the passes (what the lowering does for fp32 rows). With
/// `contiguousFirst`, the same passes in the reverse order: the contiguous
/// pass first, the dense pass last.
CpuSchedule planCpuSchedule(const Factorization &f, int64_t vectorWidth,
                            int levelsPerPass, int64_t crossHeadOnly = 0,
                            bool spreadEvenly = false,
                            bool contiguousFirst = false);

/// Whether the lowering runs a row's passes contiguous pass first: for
/// fp32 rows of d = 2^k past 2 KB whose scratch row and input row fit the
/// host's L1 data cache (`l1Bytes`; 0: unknown, never), 8 * d bytes; and
/// for fp32 rows of a dense factor past 8 KB on an L1 of 48 KB or more:
/// for m <= 28 up to two thirds of the L1 (32 KB of a 48 KB L1: d = 2560
/// ... 7168), for m = 36, 52 and 60 at every size, not for m = 44. Widest
/// first, the dense pass reads the input as m streams (28 at 1 KB apart at
/// 7168); contiguous first reads it front to back and leaves the m streams
/// to the scratch row and the non-temporal stores. (The Zen 5 VM,
/// 2026-12-04, f32, one thread, 256 MB, walsh's time in ms widest ->
/// contiguous first, three to seven alternations: 2560 18.8-22.6 ->
/// 17.7-20.2, 3584 20.8-29.0 -> 17.2-23.3, 5120 24.4-28.7 -> 18.1-24.8,
/// 6144 23.4-30.7 -> 20.7-30.9, 7168 31.0-36.6 -> 19.7-27.5, 3072 level;
/// 2304 22.2-24.3 -> 20.4-21.5, 4608 25.1-27.7 -> 23.5-24.7, 9216
/// 27.9-31.5 -> 23.2-24.4, 3328 34.4-35.1 -> 31.5-34.0, 6656 32.4-38.1 ->
/// 30.1-32.0, 13312 35.0-37.1 -> 29.6-30.3, 3840 39.2-40.4 -> 31.3-39.1,
/// 7680 36.1-36.6 -> 30.7-31.8, 15360 37.9-39.4 -> 32.7-34.7. Lost: m = 44
/// at every size (2816 24.5-24.9 -> 28.7-31.4, 5632 27.8-28.7 ->
/// 34.6-41.4, 11264 32.4-34.1 -> 33.3-38.1; with one prefetch a line
/// instead of defaultPrefetchesPerLine's four, level with widest first,
/// so no gain either way), m <= 28 past
/// 32 KB (10240 24.8-28.1 -> 28.7-29.8, 12288 25.0-25.4 -> 26.9-27.4,
/// 14336 26.4-27.1 -> 27.8-28.4), rows of 8 KB or less (640-1280; level
/// at 1536, 1792 and m >= 36's 1152-1920), bf16 rows (25-65 %):
/// benchmarks/data/vm-zen5-cpu-order-dense-1204.txt.)
/// Widest stride first, the first pass reads each row as 2^levels streams
/// (a 4 KB row's 8 at 512 bytes apart), which one core streams more slowly
/// than one front-to-back read. (A Zen 5 VM with a 48 KB L1, f32, one
/// thread, 256 MB, fraction of memcpy, medians of five to seven
/// alternations, widest first -> contiguous first: d = 1024 0.63 -> 0.80,
/// 2048 0.63 -> 0.77, 4096 without a and b 0.88 -> 0.98, with them 0.64
/// -> 0.80-0.83 where the first pass also prefetches into L1 8 KB ahead in
/// the row (the lowering's prefetchAheadInRow; 0.60 without). Not taken:
/// 8192 and 16384 (0.58 -> 0.58-0.60, 0.63 -> 0.57-0.58), bf16 rows (1024
/// 0.60 -> 0.54, 4096 0.41 -> 0.30); a dense factor's rows lost on
/// 2026-12-03 (1536 0.95 -> 0.89, 3072 0.67 -> 0.61), before the rows'
/// prefetches into L1 and four a line, and won from 10 KB on 2026-12-04
/// (above).
/// On Sapphire Rapids the order lost at 1024 to 4096, so walsh's CPU
/// compiler gives the rule an L1 size on a Zen 5 only: HostCpu.)
bool contiguousPassFirst(const Factorization &f, int64_t storageBytes,
                         int64_t l1Bytes);

/// Whether rows of several passes prefetch the next rows' input into L1
/// (prefetcht0) rather than L2 (prefetcht1): on an L1 data cache of 48 KB
/// or more (`l1Bytes`; 0: unknown, never), where the next row's lines, the
/// row in flight and the scratch row fit beside one another. (Into L2 came
/// from a Zen 4 VM with a 32 KB L1, where prefetcht0 evicted the scratch
/// row. A Zen 5 VM with a 48 KB L1, 2026-12-04, one thread, 256 MB of
/// fp32 (128 of bf16), the same code with the one locality switched,
/// walsh's time L1 / L2 in back-to-back pairs, medians of six: f32 d =
/// 1024 0.90, 3072 0.83, 4096 0.96, 8192 0.89, 16384 0.94, 2048 and 7680
/// level; bf16 2048 and 4096 0.85, 12288 0.95, 16384 0.90, 6144 1.07 in a
/// spread of 0.81-1.34: benchmarks/data/vm-zen5-cpu-prefetch-l1-1204.txt.)
/// Walsh's CPU compiler gives the rule an L1 size on a Zen 5 only
/// (HostCpu), as for contiguousPassFirst: Sapphire Rapids has a 48 KB L1
/// too, and there L1 lost (run476, the pass order held, medians of four
/// pairs: f32 2048 1.04, 3072 1.13, 4096 1.10, 16384 1.05; 8192 0.87,
/// bf16 2048 0.92). The lowering takes the rule for what was measured
/// only, as contiguousPassFirst: the whole transform and affine, no
/// prologue (the head merge's next-token prefetches stay in L2), no fused
/// epilogue past the affine, not the cross-head factor alone.
bool prefetchRowsIntoL1(int64_t l1Bytes);

/// The prefetches of each 64-byte line of the next rows' input the
/// lowering issues when the config leaves `prefetch_per_line` to its rule:
/// four on rows past 4 KB (`rowBytes`) whose passes run contiguous pass
/// first; else two where a vector is less than a line (`storageBytes` an
/// element) and the row takes at most two passes, else one. One function
/// for the lowering and the tuner (which skips the candidate equal to the
/// rule). (Four a line: a Zen 5 VM, f32, one thread, 256 MB, contiguous
/// first, fraction of memcpy, medians of seven alternations, 2026-12-03:
/// d = 2048 0.82 -> 0.86, 4096 0.79 -> 0.84; at 1024, a 4 KB row, 1.02 ->
/// 0.80, so not there; `walsh tune` had found it at 2048 and 4096.)
int64_t defaultPrefetchesPerLine(const CpuSchedule &schedule,
                                 int64_t storageBytes, int64_t rowBytes);

} // namespace walsh

#endif // WALSH_CONVERSION_WALSHTOCPU_CPUSCHEDULE_H
