//===- GpuCompiler.cpp - spec -> PTX for NVIDIA GPUs -----------------------===//
#include "walsh/Target/NVPTX/GpuCompiler.h"

#include "walsh/Builder/ProjectionBuilder.h"
#include "walsh/Conversion/Passes.h"
#include "walsh/Dialect/Walsh/IR/Walsh.h"
#include "walsh/Hadamard/Hadamard.h"
#include "walsh/Pipelines/OptMain.h"
#include "walsh/Pipelines/Pipelines.h"
#include "walsh/Support/Async.h"
#include "walsh/Support/AtomicFile.h"
#include "walsh/Support/RunProgram.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVM/NVVM/Utils.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <future>
#include <mutex>
#include <optional>
#include <set>
#include <vector>

namespace walsh {

/// The dense indices a warp holds where the split layout on tensor cores
/// is the default for 16-bit rows of m x p in bulk (defaultGpuConfig's
/// measurements), 0 elsewhere.
static int64_t mmaSplitIndicesPerWarp(int64_t m, int64_t p) {
  if ((m == 12 && p >= 512 && p <= 2048) || (m == 20 && p == 1024))
    return 1;
  if ((m == 12 && p == 256) || (m == 20 && p == 512) ||
      (m == 28 && (p == 512 || p == 1024)))
    return 2;
  if ((m == 28 && p == 256) || (m >= 36 && m <= 52 && p == 256) ||
      (m == 36 && p == 512))
    return 4;
  return 0;
}

/// Where 16-bit rows of d = m p in bulk (no output cast) take the split
/// layout with H_m on tensor cores, its dense indices a warp (else 0).
/// H200, 2026-12-02 (walsh-gpu, two passes, every kernel checked),
/// fraction of the copy roofline at 65536 / 16384 rows, the sign program
/// -> this. bf16 (one bf16 piece of each value; runs 311-314): 9216 (36 x
/// 256, g = 2) 0.73-0.74 / 0.70 -> 0.76-0.77 / 0.77-0.78, 11264 (44 x
/// 256, g = 4) 0.64 / 0.63 -> 0.78-0.79 / 0.79, 13312 (52 x 256, g = 2)
/// 0.39 / 0.39 -> 0.62 / 0.62 (g = 4 0.60), 15360 (60 x 256, g = 4) 0.30 /
/// 0.30 -> 0.66 / 0.66, 18432 (36 x 512, g = 2) 0.61 / 0.62 -> 0.66 /
/// 0.65-0.66, 14336 (28 x 512, g = 2) 0.78-0.79 / 0.76 -> 0.79 / 0.79,
/// 28672 (28 x 1024, g = 1) 0.57 / 0.56 -> 0.68-0.69 / 0.68, 7168 (28 x
/// 256, g = 2; run316) 0.83 / 0.82 -> 0.86 / 0.85-0.86 (g = 4 0.79); not
/// 6144 (12 x 512, 0.92 -> 0.77), 10240 (20 x 512, 0.88-0.90 -> 0.78),
/// 20480 (20 x 1024, 0.85 -> 0.62), nor 11264 at g = 2 (0.79). f16, with
/// two bf16 pieces a value (hi + lo; run314), took it at 13312 and 15360
/// only (0.38 -> 0.50, 0.30 -> 0.54, g = 4); with one f16 piece (z / 16 C,
/// MmaKernel.cpp's splitDenseStageMma) on bf16's configurations (run360,
/// 2026-12-03, walsh run, two passes, each form checked on 257 rows;
/// 16384 / 65536 rows, f16's default before -> this): 9216 0.69 / 0.71 ->
/// 0.76 / 0.75, 11264 0.62 / 0.63 -> 0.79 / 0.78, 13312 0.50 / 0.50 ->
/// 0.70 / 0.68 (g = 4: 0.63), 15360 0.53-0.54 / 0.54 -> 0.70 / 0.68,
/// 18432 0.61 / 0.60-0.61 -> 0.64 / 0.64, 28672 0.56 / 0.57 -> 0.68 /
/// 0.68; not m = 28 at 256, where f16's sign program in the split layout
/// stays ahead (7168 0.86 / 0.83-0.85 against 0.85 / 0.82-0.83; run401:
/// 0.82 / 0.84-0.85 against 0.82 / 0.85). At 28 x 512 (14336) too until
/// its two row buffers (MmaKernel.cpp's mmaSplitHmTwoRows; run401,
/// 2026-12-04): 0.76 / 0.77 against 0.76 / 0.81. And past 18432
/// (run398, 2026-12-04, two passes at 16384 rows, bf16 / f16; no run had
/// timed these sizes before): 22528 (44 x 512, g = 4) 0.30 / 0.31 -> 0.70
/// / 0.68 (g = 2 0.69 / 0.66), 26624 (52 x 512, g = 2, its rows two grids
/// ahead: mmaRowsAhead) 0.27 / 0.27 -> 0.61 / 0.60-0.61 (g = 4 0.52 /
/// 0.51), 30720 (60 x 512, g = 4) 0.16 / 0.16 -> 0.57 / 0.56 (g = 2 0.53
/// / 0.53-0.54). 26624 takes g = 4 since 2026-12-07: over 832 threads
/// (72 registers) it spilled 44 bytes whatever the items at a time, over
/// 416 it spilled at three (52 bytes, run398's g = 4) and fits at one
/// with its rows two grids ahead (MmaKernel.cpp's mmaSplitHmItemsAtOnce,
/// mmaRowsAhead); H100 (run538, walsh-gpu, two passes, every kernel
/// checked), 16384 / 65536 rows, bf16 0.76 / 0.76 -> 0.91-0.92 / 0.92,
/// f16 0.74-0.75 / 0.74 -> 0.88-0.89 / 0.88-0.89. f16 at 28 x 256 (7168) takes
/// g = 4 instead, its rows two grids ahead (mmaRowsAhead): `walsh tune` at
/// 65536 rows found it 1.07 x the sign program (run482), and timed beside it
/// (run484, 2026-12-05, walsh run, three alternations, each form checked):
/// 65536 rows 0.85-0.86 -> 0.87-0.89 (one grid ahead 0.87-0.88), 16384 rows
/// 0.86 -> 0.89 (0.88-0.89); the five conformance kernels it moves PASS.
static int64_t mmaSplitHmIndicesPerWarp(int64_t m, int64_t p, DType dtype) {
  if (dtype == DType::F16 && m == 28 && p == 256)
    return 4;
  if (dtype != DType::BF16 && dtype != DType::F16)
    return 0;
  if (p == 256 && (m == 28 || m == 36 || m == 52))
    return 2;
  if (p == 256 && (m == 44 || m == 60))
    return 4;
  if ((m == 36 || m == 28) && p == 512)
    return 2;
  if ((m == 44 || m == 52 || m == 60) && p == 512)
    return 4;
  if (m == 28 && p == 1024)
    return 1;
  return 0;
}

/// defaultGpuConfig's layout (then mmaRowsAhead sets an mma kernel's
/// 'row_iters').
static GpuConfig layoutDefault(const ProjectionSpec &spec, int64_t rows,
                               bool tensorCores, bool rowGroups,
                               bool clusters) {
  Factorization f = *factorize(spec.d);
  int64_t p = int64_t(1) << f.k;
  // Decode rows from d = 8192: a cluster of blocks a row (eight; four for
  // 16-bit 8192 and 16384), each transforming a slice through transposes
  // (32 values a thread, 64 at 16-bit 32768), then H_8 (H_4) across the
  // blocks through distributed shared memory: a row's loads, levels and
  // stores over several multiprocessors instead of one. H200, 2026-12-01
  // (walsh tune, per call under graph replay of 100 launches, every
  // candidate checked), default -> the cluster, 1 / 16 rows, us: with
  // the cluster stage pulling (run194, run196), f32 8192 2.92 / 3.64 ->
  // 2.42 / 3.22 (eight one-warp blocks), 16384 5.72 / 6.65 -> 2.63 /
  // 3.94, 32768 9.44 / 10.56 -> 3.70 / 5.84, bf16 16384 3.81 / 4.90 ->
  // 3.41 / 4.26, 32768 8.91 / 9.78 -> 3.81 / 5.93; pushing (run200, side
  // by side) another 0.2-0.7 (f32 8192 2.21 / 3.06-3.07); and so 16-bit
  // 8192 too (run201): bf16 2.55 / 2.95 -> 2.48 / 2.67-2.69, f16 2.62 /
  // 2.99 -> 2.51 / 2.70-2.71. Not d = 4096 (f32 1.89 against 2.01 at one
  // row, though 2.36 against 2.22 at 16; bf16 2.00 against 2.33) nor
  // 2048.
  bool clusterRows = spec.d == 8192 || spec.d == 16384 || spec.d == 32768;
  if (clusters && clusterRows && rows > 0 && rows <= 64 &&
      !spec.hasPrologue() && !spec.hasEpilogue() && !spec.crossHeadOnly) {
    GpuConfig c;
    bool sixteen = spec.dtype != DType::F32;
    c.cluster = sixteen && spec.d <= 16384 ? 4 : 8;
    c.elemsPerThread = sixteen && spec.d == 32768 ? 64 : 32;
    c.threadsPerRow = spec.d / c.cluster / c.elemsPerThread;
    c.vectorWidth = 16 / dtypeBytes(spec.dtype);
    c.crossWarp = GpuCrossWarp::Transpose;
    return c;
  }
  // Decode rows with a dense factor and 2^k = 8 ... 128: the grouped
  // layout, at g = 2 the half layout (one element of m / 2 dense indices a
  // thread, 2^(k+1) threads a row, one row a block; each thread's half of
  // H_m's columns, the halves met through shared memory): half the sign
  // program and the shuffles a thread, twice the warps, where a decode
  // call is latency. H200,
  // 2026-12-03 (run369-370, walsh run --check, us a call under graph
  // replay, 16 rows, old default -> half): bf16 192 2.02 -> 1.46, 448
  // 2.97 -> 1.70, 960 4.51 -> 2.50, 1920 4.27 -> 2.35, 768 2.21 -> 1.47,
  // 1792 2.92 -> 1.84, 3840 4.59 -> 2.71, 2560 2.20 -> 2.12, 3584 2.64 ->
  // 2.47 (f16 2.68 -> 2.47), 7680 5.67 -> 4.45; fp32 alike from 2^k = 16
  // to 64 (960 4.06 -> 2.45), level at 1536, 2560, 3584, ahead from 4608
  // (7680 6.30 -> 4.96). Not at 2^k = 256 (bf16 3072 2.05 -> 2.51, 5120
  // 2.96 -> 3.35), nor in bulk (fp32 7680 0.71 -> 0.54 of the copy
  // roofline, bf16 0.88 -> 0.28: the exchange's shared-memory traffic);
  // 2^k = 4 unmeasured (2^k = 8 below). Four groups (m / 4 values over 4 2^k
  // threads) where the dense factor is large and 2^k small, m >= 36 and
  // 2^k <= 32 (runs 372-373, 1 / 16 rows, half -> four groups: bf16 960
  // 2.25 / 2.51 -> 1.69 / 1.95, fp32 2.19 / 2.46 -> 1.67 / 1.94; bf16 1920
  // 2.08 / 2.34 -> 1.68 / 1.95, 1664 1.91 / 2.17 -> 1.60 / 1.87, 576 1.61 /
  // 1.88 -> 1.41 / 1.66, 704 1.80 / 2.05 -> 1.50 / 1.75, 1152 1.58 / 1.82
  // -> 1.44 / 1.69, 1408 1.74 / 1.98 -> 1.53 / 1.78; fp32 704 1.98 -> 1.73
  // and 1408 1.90 -> 1.78 at 16 rows); level at 2^k = 64 (3840, 3328),
  // behind at 128 (3584 2.38 / 2.45 -> 2.73 / 2.84, 7680 4.17 -> 4.99) and
  // at m = 12 (768 1.19 -> 1.25). And (run375, 16 rows) at m = 20 and 28
  // too (bf16 320 1.58 -> 1.50, 448 1.70 -> 1.57, 896 1.66 -> 1.59; fp32
  // 320 1.56 -> 1.48); at 2^k = 8 both against the old layouts: bf16 160
  // 2.19 -> 1.54 (two) / 1.58 (four), 224 2.66 -> 1.64 / 1.66, 288 2.92 ->
  // 1.79 / 1.77, 480 4.73 -> 2.38 / 2.16; fp32 224 2.78 -> 1.62 / 1.66,
  // 480 4.01 -> 2.32 / 2.15: four from m = 36 there. m = 12 at 2^k <= 32
  // and 2^k = 8 at m = 12 are unmeasured (two, and the old layout). The
  // new defaults checked and timed (run376): 1.40-2.16 us a call at 16
  // rows for every 2^k = 8 size from 160 and 320 ... 896, every dtype.
  // Two groups at 2^k = 64 and 128 from m = 20 as a cluster of two blocks
  // a row, each block the whole row and half of H_m's outputs (m / 4 a
  // thread: m = 60's program 509 -> 306 operations a thread). run377, 1 /
  // 16 rows, two groups -> a cluster of two: bf16 3840 2.64 / 2.72 -> 2.40
  // / 2.46, 3328 2.46 / 2.54 -> 2.24 / 2.31, 2816 2.18 / 2.23 -> 1.98 /
  // 2.05, 3584 2.39 / 2.49 -> 2.24 / 2.32, 2560 2.03 / 2.10 -> 1.94 / 2.01,
  // 4608 2.95 / 3.03 -> 2.60 / 2.70, 7680 4.18 / 4.45 -> 3.53 / 3.73; fp32
  // 3840 2.58 / 2.96 -> 2.33 / 2.58, 3584 2.40 / 2.65 -> 2.18 / 2.36, 3328
  // 2.49 / 2.71 -> 2.17 / 2.32, 7680 4.28 / 4.93 -> 3.52 / 4.19; m = 20
  // and 28 at 2^k = 64 level (1280, 1792); behind at m = 12 (768 1.23 /
  // 1.47 -> 1.26 / 1.52) and against four groups at 2^k <= 32 (960 1.71 /
  // 1.94 -> 1.94 / 2.20, 1920 1.71 / 1.95 -> 1.89 / 2.13). At 1 ... 16
  // rows larger clusters where m / (cluster g) stays 5 or 6 (run378, 1 /
  // 16 / 64 rows): m = 60, two groups, a cluster of 5: bf16 3840 2.43 /
  // 2.47 / 3.29 -> 2.31 / 2.40 / 4.13, fp32 2.37 / 2.58 / 3.50 -> 2.20 /
  // 2.42 / 4.21, bf16 7680 3.53 / 3.74 -> 3.15 / 3.34, fp32 3.53 / 4.20 ->
  // 3.10 / 3.82 (3 and 6 between); m = 60, four groups, a cluster of 3:
  // bf16 480 1.92 / 2.16 -> 1.70 / 2.01, 960 1.74 / 1.95 -> 1.59 / 1.87,
  // 1920 1.75 / 1.96 -> 1.58 / 1.84, fp32 alike; m = 36, two groups, a
  // cluster of 3: bf16 4608 2.62 / 2.68 -> 2.50 / 2.60, fp32 2.58 / 2.99
  // -> 2.42 / 2.88, 2304 1.96 / 1.99 -> 1.89 / 1.97. At 64 rows (more
  // blocks than multiprocessors) they lose (3840 3.29 -> 4.13, 7680 4.80
  // -> 7.17), and so do 2 or 3 outputs a thread (m = 28 with 7, 3584 2.32
  // -> 2.79 at 16 rows; m = 20 with 5; m = 36 four groups with 3, 576 1.67
  // -> 1.74).
  // And at 2^k = 256 (where the grouped layout alone lost, run370) as a
  // cluster of two at m = 28, and at m = 20 in fp32 (run382, 1 / 16 / 64
  // rows, old layout -> two groups, two blocks: bf16 7168 3.74 / 3.95 /
  // 5.38 -> 3.54 / 3.65 / 4.62, fp32 3.87 / 5.16 / 5.82 -> 3.53 / 4.26 /
  // 4.86, fp32 5120 3.06 / 3.65 / 4.40 -> 2.88 / 3.41 / 4.03; not bf16
  // 5120, 2.85 / 2.97 -> 2.92 / 3.00, nor m = 12, 3072 1.97 / 2.06 ->
  // 2.32 / 2.40; without a cluster two groups lost everywhere there).
  // Past 8192 likewise from m = 36 (run384, bf16 / fp32 at 16 rows: 9216
  // 5.24 / 5.70 -> 4.70 / 5.11 at two blocks, 4.49 / 4.91 at three; 11264
  // 6.28 / 6.48 -> 5.50 / 5.87; 13312 7.46 / 7.73 -> 6.32 / 6.57; 15360
  // 8.42 / 8.59 -> 7.34 / 7.45 at two, 6.32 / 6.44 at five; at 64 rows two
  // blocks 0.6-1.1 us ahead, three and five far behind), taking the
  // larger clusters at m = 36 and 60 below as at 2^k <= 128.
  bool grouped256 =
      clusters && p == 256 &&
      (f.m >= 28 || (f.m == 20 && spec.dtype == DType::F32));
  bool groupedDecode =
      f.m > 1 && ((p >= 8 && p <= 128 && (p >= 16 || f.m >= 20)) ||
                  grouped256);
  if (groupedDecode && rows > 0 && rows <= 64 && !spec.hasPrologue() &&
      !spec.hasEpilogue() && !spec.crossHeadOnly) {
    int64_t g = p <= 32 && f.m >= (p == 8 ? 36 : 20) ? 4 : 2;
    GpuConfig c;
    c.elemsPerThread = f.m / g;
    c.threadsPerRow = g * p;
    c.rowsPerBlock = 1;
    c.vectorWidth = 1;
    c.crossWarp = GpuCrossWarp::Shared;
    if (clusters && rows <= 16 && f.m == 60)
      c.cluster = g == 2 ? 5 : 3;
    else if (clusters && rows <= 16 && f.m == 36 && g == 2)
      c.cluster = 3;
    else if (clusters && g == 2 && p >= 64 && f.m >= 20)
      c.cluster = 2; // (every grouped256 case)
    return c;
  }
  // 16-bit rows of a dense factor with 2^k = 128 or 256 in bulk (d =
  // 1536, 2560, 3072, 3584): tensor-core tiles (cross_warp = mma), where
  // the shuffle layout issued 26 instructions an element of the 31 the copy
  // roofline leaves (bf16 d = 3072). H200, 2026-11-30 (run75, walsh-gpu,
  // every kernel checked, two passes), fraction of the copy roofline, old
  // default -> mma, 65536 rows (16384 alike within 0.03): bf16 1536 0.80 ->
  // 0.84-0.85, 2560 0.67-0.68 -> 0.87-0.88, 3072 0.70 -> 0.89-0.90, 3584
  // 0.59 -> 0.84-0.85; f16 the same within 0.02. Not where a warp's row
  // takes more than 112 values (5120, 6144, 7168: they spill), nor at m =
  // 1 (d = 1024, 2048, 4096: 0.89, 0.91-0.92, 0.88 against the defaults'
  // 0.97, 0.89-0.92, 0.89-0.91), nor for decode rows (d = 3072, 16 rows:
  // 5.96 us a call under graph replay against 2.0).
  bool plainRows =
      !spec.hasPrologue() && !spec.hasEpilogue() && !spec.crossHeadOnly;
  bool mmaRows = tensorCores && spec.dtype != DType::F32 && f.m > 1 &&
                 plainRows && (rows == 0 || rows > 64);
  // The split layout on tensor cores in bulk (a warp g dense indices, their
  // tiles, H_m through shared memory with a and b there too: MmaKernel.cpp's
  // splitDenseStage), a row a block at a time: g = 1 at 16-bit 6144,
  // 12288, 24576 (12 x 512 ... 2048) and 20480 (20 x 1024), 2 at 3072 (12
  // x 256), 10240 (20 x 512), 14336 and 28672 (28 x 512, 1024), 4 at 7168
  // (28 x 256), 9216, 11264, 13312 (36, 44, 52 x 256) and 18432 (36 x
  // 512). H200, 2026-12-02 (run284, walsh-gpu, every
  // kernel checked, two passes), fraction of the copy roofline at 65536 /
  // 16384 rows, old default -> this, bf16 / f16: 12288 0.79 / 0.79 -> 0.88
  // / 0.87, 0.72 / 0.71 -> 0.84 / 0.88 (a and b from global memory, as
  // before, 0.79-0.80 / 0.79 and 0.71-0.72 / 0.71-0.72: the shared copy
  // took them off the L2, the busiest unit in run281); 6144 0.80 / 0.78-0.80
  // -> 0.92 / 0.91, 0.78-0.80 / 0.79-0.80 -> 0.89 / 0.88; 10240 0.58-0.59 /
  // 0.57 -> 0.89 / 0.88, 0.59-0.60 / 0.56-0.57 -> 0.80-0.81 / 0.82 (g = 1:
  // 0.82 / 0.81, 0.74 / 0.71-0.72); 7168 0.68 / 0.68 -> 0.83 / 0.82-0.83,
  // 0.67-0.69 / 0.69 -> 0.74 / 0.74 (g = 2: 0.75, 0.68); 3072 0.90 / 0.85
  // -> 0.93-0.94 / 0.92, 0.90 / 0.85 -> 0.92 / 0.90. Not 5120 (20 x 256:
  // 0.90-0.91 / 0.83-0.84 -> 0.84 / 0.83 at g = 2, 0.68 at 4). And past
  // 12288 (run285, the same way): g = 1 at 24576 (12 x 2048) 0.51-0.52 /
  // 0.52 -> 0.91 / 0.92, 0.52 / 0.52 -> 0.83 / 0.85 and 20480 (20 x 1024)
  // 0.46-0.47 / 0.47-0.48 -> 0.87 / 0.85, 0.47 / 0.48 -> 0.76 (g = 2 0.53,
  // 0.48); g = 2 at 14336 (28 x 512) 0.43 / 0.43 -> 0.79 / 0.77, 0.45 /
  // 0.45 -> 0.73 / 0.71 (g = 4 0.61-0.62) and 28672 (28 x 1024) 0.35 /
  // 0.35 -> 0.57 / 0.56, 0.36 -> 0.54 / 0.53. And g = 4 past m = 28 (a
  // piece of one position in the m-point stage; run286, bf16): 9216 (36 x
  // 256) 0.38 / 0.39 -> 0.73 / 0.70, 11264 (44 x 256) 0.37 -> 0.63, 13312
  // (52 x 256) 0.31 -> 0.39-0.40, 18432 (36 x 512) 0.31-0.32 -> 0.61-0.62
  // (g = 2: 0.09-0.55, spilling); not 15360 (60 x 256: 0.30 -> 0.24).
  // The split layout with H_m on tensor cores too ('vector_width' = 8;
  // MmaKernel.cpp's splitDenseStageMma), where the sign program's 8.5-15.4
  // additions an element cost more than the mma: mmaSplitHmIndicesPerWarp.
  if (int64_t g = mmaSplitHmIndicesPerWarp(f.m, p, spec.dtype);
      mmaRows && g && !spec.casts()) {
    GpuConfig c = mmaSplitGpuConfig(spec, g);
    c.vectorWidth = 8;
    return c;
  }
  if (int64_t g = mmaSplitIndicesPerWarp(f.m, p); mmaRows && g)
    return mmaSplitGpuConfig(spec, g);
  // 16-bit d = 16384 in bulk: the split layout on tensor cores as H_16 (x)
  // H_1024 (sixteen warps a row, each a 1024-element sixteenth as four
  // tiles, then H_16 by its radix-2 levels on pairs of positions through
  // the row's fp32 copy in shared memory, a and b there too), instead of
  // 64 values over 256 threads through transposes. H200, 2026-12-02
  // (run335, walsh-gpu, two passes, every kernel checked; walsh tune
  // beside it), fraction of the copy roofline at 16384 rows, the old default
  // -> this: bf16 0.85 -> 0.91 (tune 1.11 x), f16 0.86 -> 0.91 (1.10 x); at
  // 65536 rows 0.90 in both (the old default 0.80-0.85 there, runs 213,
  // 256). Not H_8 (x) H_2048 (0.87), H_32 (x) H_512 (0.74-0.76), H_16 on
  // tensor cores (0.85 / 0.72), nor d = 8192 (H_4 (x) H_2048 0.84-0.87
  // against 0.85-0.87) or 32768 (below 0.65 against 0.68: its a and b no
  // longer fit beside the row). In its forms (run336, two passes): H^T
  // and to the other 16-bit type 0.85-0.87 -> 0.91, to fp32 0.72-0.78 ->
  // 0.89-0.90; but without a and b the transposes ran 0.98-0.99 against
  // 0.92-0.93, so that form keeps them (with one of a and b: not measured).
  // And 16-bit d = 4096 as H_8 (x) H_512 (256 threads: walsh tune, run336,
  // 1.03-1.06 x), instead of 64 values over 64 threads, two rows a block
  // (run337, walsh-gpu, two passes, every kernel checked), 65536 / 16384
  // rows: 0.91 / 0.86-0.88 -> 0.93 / 0.91-0.92 in both types, transposed
  // and to the other 16-bit type alike, to fp32 0.72-0.76 / 0.68-0.71 ->
  // 0.90 / 0.91-0.92; without a and b 0.95 / 0.82-0.83 -> 0.89-0.90 /
  // 0.88-0.89 (kept there). Not H_4 (x) H_1024 (0.84-0.85) nor H_16 (x)
  // H_256 (0.63-0.66).
  // And 16-bit d = 8192 as H_8 (x) H_1024 (256 threads, two blocks a
  // multiprocessor: WalshToGPU.cpp), instead of 64 values over 128 threads
  // through transposes: run339 (walsh-gpu, two passes, every kernel
  // checked), 65536 / 16384 rows, bf16 0.83-0.84 / 0.87 -> 0.91 / 0.91, f16
  // 0.83 / 0.85-0.86 -> 0.90 / 0.90-0.91.
  // From a known count of rows on: 16384 past 64, 4096 past 256 and 8192
  // past 384 rows (one row a block of 256 threads leaves fewer rows in
  // flight than the transposes' kernels there). run343-344 (walsh-gpu, two
  // passes, every kernel checked), the old default -> the split, bf16 /
  // f16: 4096 at 256 rows 0.84 / 0.81-0.84 -> 0.76 / 0.74-0.77, at 384
  // 0.79-0.81 / 0.77-0.80 -> 0.85-0.86 / 0.83, at 1024 0.70-0.76 ->
  // 0.78-0.81; 8192 at 384 0.79-0.84 / 0.80-0.81 -> 0.74-0.77 /
  // 0.76-0.79, at 512 0.70 / 0.69-0.74 -> 0.80-0.84 / 0.82-0.83, at 1024
  // 0.69-0.72 -> 0.84-0.85; 16384 at 256 0.77-0.78 / 0.76-0.77 ->
  // 0.77-0.79 / 0.79-0.81, at 384 0.64-0.66 -> 0.81-0.82, at 4096
  // 0.80-0.81 -> 0.88-0.89.
  int64_t splitFromRows =
      spec.d == 16384 ? 64 : spec.d == 8192 ? 384 : 256;
  bool powerOfTwoSplit =
      spec.d == 16384 || spec.d == 8192 || spec.d == 4096;
  if (tensorCores && spec.dtype != DType::F32 && powerOfTwoSplit &&
      plainRows && (spec.withMul || spec.withAdd) &&
      (rows == 0 || rows > splitFromRows)) {
    return mmaPowerOfTwoSplitGpuConfig(spec, spec.d == 16384 ? 512 : 256);
  }
  // And 16-bit d = 32768 as H_16 (x) H_2048 with H_16 on tensor cores
  // ('vector_width' = 8: the row's bf16 or f16 piece, a and b in shared
  // memory, 203 KB, so on sm_90 only) and the rows two grids ahead in L2
  // (mmaRowsAhead), instead of the transposes (128 values over 256 threads
  // with sixteen row groups from 16384 rows, latency-bound on 8 warps:
  // run343's ncu; 64 over 512 with fewer groups below). H200, 2026-12-04
  // (runs 403-404, walsh-gpu, two passes, every kernel checked), the
  // transposes' default -> this, bf16 / f16: 16384 rows 0.68 / 0.66-0.67
  // -> 0.74 / 0.69-0.70, 65536 0.69 / 0.67 -> 0.72-0.73 / 0.68, 8192 0.63
  // / 0.64 -> 0.74 / 0.70, 4096 0.61 / 0.61 -> 0.71 / 0.67; H^T alike.
  // Not without the prefetch (0.64-0.65) nor three grids ahead
  // (0.53-0.60), H_32 (x) H_1024 (0.62-0.66), H_16 by its radix-2 levels
  // (a and b from global memory: 0.42-0.45; run335 had the split at
  // 0.63-0.65 before the prefetch). From 4096 rows, and for a count not
  // given (as 16384's split); without a and b, with an output cast or a
  // fused norm, the transposes stay (not measured against the split).
  if (tensorCores && clusters && spec.dtype != DType::F32 &&
      spec.d == 32768 && plainRows && (spec.withMul || spec.withAdd) &&
      !spec.casts() && (rows == 0 || rows >= 4096)) {
    GpuConfig c = mmaPowerOfTwoSplitGpuConfig(spec, 512);
    c.vectorWidth = 8;
    return c;
  }
  // (3584 = 28 x 128 to a 16-bit output takes H_m on tensor cores: below.)
  bool hm3584 = p == 128 && f.m == 28 && spec.outType() != DType::F32;
  // (And bf16 1536 (12 x 128) for a known count of at least 65536 rows,
  // four rows a block: walsh tune (H200, 2026-12-02, run334, 65536 rows,
  // 1.04 x over the tiles), then walsh run --check beside the default, two
  // passes: 108.6-108.9 us against 112.5-113.3, 0.92 against 0.88-0.89 of
  // the copy roofline (errors 3.2-3.3e-3). The form measured only: bf16 to
  // bf16 with a and b, not transposed (run323 had it 0.03-0.15 lower with
  // eight rows a block; 16384 rows not measured with four); f16 level
  // (0.89 either way).)
  bool hm1536 = spec.dtype == DType::BF16 && p == 128 && f.m == 12 &&
                rows >= 65536 && !spec.transpose && !spec.casts() &&
                spec.withMul && spec.withAdd;
  if (mmaRows && (p == 128 || p == 256) && spec.d / 32 <= 112 && !hm3584 &&
      !hm1536)
    return mmaGpuConfig(spec, rows);
  // 2^k = 64, tiles of four dense indices (d = 1280, 1792, 2304, 2816).
  // H200, 2026-11-30 (run90, walsh-gpu, every kernel checked), fraction of
  // the copy roofline, old default -> mma, bf16 / f16 at 65536 rows (16384
  // rows): 1280 0.73 / 0.74 -> 0.86 / 0.84 (0.73 -> 0.86 / 0.87), 1792
  // 0.63 / 0.65 -> 0.90 / 0.89 (0.64 -> 0.85 / 0.84), 2304 0.54 / 0.55 ->
  // 0.92 / 0.92 (0.57 -> 0.88 / 0.87), 2816 0.50 / 0.51 -> 0.92 / 0.85
  // (0.53 -> 0.85 / 0.77). Not 3328 and 3840, whose 104 and 120 values a
  // lane spill (0.48 -> 0.60, 0.38 -> 0.53; with cp.async 0.62, 0.53).
  // 768 only for a known count of at most 32768 rows (run92, two passes,
  // bf16 / f16): 65536 rows 0.88 / 0.89 -> 0.85 / 0.83-0.84, but 32768
  // 0.84 -> 0.90-0.91 / 0.90-0.92, 16384 0.83-0.84 / 0.84-0.86 -> 0.90 /
  // 0.88-0.92, 8192 0.83-0.85 / 0.82-0.83 -> 0.86-0.89 / 0.87.
  // Since H_m on tensor cores stores 16 bytes a lane (20:30 UTC) it beats
  // the tiles at 2816 (44 x 64, four rows a block) and the shuffle layout
  // at 768 from 32768 rows (eight): run160 (walsh-gpu, two passes, every
  // kernel checked), bf16 / f16 at 65536 rows (16384): 2816 tiles 0.92 /
  // 0.85-0.86 (0.84-0.86 / 0.79) -> 0.92-0.93 / 0.92-0.93 (0.86 / 0.86);
  // 768 shuffles 0.87 / 0.89 -> 0.93 / 0.93 (the tiles stay below 32768
  // rows: 0.89-0.91 at 16384, run142). Elsewhere the tiles stay (1280
  // 0.84 against 0.68-0.71, 2304 0.91 against 0.78-0.81, 2560, 3584; 1536
  // and 1792 within 0.02 either way).
  bool hmAt64 =
      p == 64 && (f.m == 44 || (f.m == 12 && (rows == 0 || rows > 32768)));
  if (mmaRows && hmAt64) {
    GpuConfig c = mmaGpuConfig(spec, rows);
    c.vectorWidth = 2;
    c.rowsPerBlock = std::min<int64_t>(c.rowsPerBlock, f.m == 44 ? 4 : 8);
    return c;
  }
  // 1792 (28 x 64) four rows a block: walsh tune (run177, 16384 rows, 1.05
  // x), then H200 run178 (walsh-gpu, three passes, bf16 / f16 alike),
  // eight -> four: 16384 rows 0.83-0.85 -> 0.88-0.89, 32768 0.87-0.88 ->
  // 0.89-0.90, 65536 0.89-0.90 -> 0.92.
  if (mmaRows && p == 64 && f.m >= 20 && spec.d / 32 <= 88) {
    GpuConfig c = mmaGpuConfig(spec, rows);
    if (f.m == 28)
      c.rowsPerBlock = std::min<int64_t>(c.rowsPerBlock, 4);
    return c;
  }
  if (mmaRows && p == 64 && f.m == 12 && rows > 0 && rows <= 32768)
    return mmaGpuConfig(spec, rows);
  // 2^k = 8, 16 or 32: H_m on tensor cores too (HmMmaKernel.cpp), where the
  // sign programs cost 10-15 additions an element. H200, 2026-11-30 (run123,
  // walsh-gpu, every kernel checked, two passes), fraction of the copy
  // roofline at 65536 rows, old default -> mma (rows a block as
  // mmaGpuConfig picks), bf16 (f16 within 0.02): 192 0.71 -> 0.81, 320
  // 0.77 -> 0.79-0.82, 384 0.80 -> 0.84-0.86, 448 0.75 -> 0.80-0.81, 576
  // 0.63 -> 0.83-0.84, 640 0.79 -> 0.84-0.85, 704 0.56-0.58 -> 0.89-0.90,
  // 832 0.55-0.56 -> 0.90, 896 0.65-0.66 -> 0.83, 960 0.49-0.50 -> 0.89-0.90,
  // 1152 0.60-0.61 -> 0.89, 1408 0.56 -> 0.88, 1664 0.46 -> 0.90-0.91, 1920
  // 0.39 -> 0.87-0.88; at 16384 rows 0.41-0.78 -> 0.78-0.90. And 2^k = 8
  // (stage 1 an mma, H_8 by shuffles; run130, 65536 rows, bf16, f16 alike):
  // 96 0.62-0.67 -> 0.73-0.79, 160 0.62-0.63 -> 0.81, 224 0.55-0.57 ->
  // 0.88-0.91, 288 0.57-0.58 -> 0.84-0.86, 352 0.55 -> 0.89-0.91, 416 0.50
  // -> 0.83-0.86, 480 0.46-0.47 -> 0.86-0.88 (16384 rows 0.52-0.80 ->
  // 0.81-0.94).
  if (mmaRows && (p == 8 || p == 16 || p == 32))
    return mmaGpuConfig(spec, rows);
  // And where the tiles of four dense indices or of dense-index pairs take
  // too many values a lane: 2^k = 64 with m = 52, 60 (eight rows a block),
  // 2^k = 128 with m >= 36 (four). H200, 2026-11-30 (run125/126,
  // walsh-gpu, every kernel checked, two or three passes), fraction of the
  // copy roofline at 65536 rows (16384), bf16 and f16 alike: 3328 0.47 ->
  // 0.77 (0.49 -> 0.72), 3840 0.43 -> 0.84 (0.45 -> 0.77), 4608 0.46 ->
  // 0.57, 5632 0.44 -> 0.64, 6656 0.41 -> 0.48, 7680 0.38 -> 0.55. Not
  // below m = 52 at 64 or 36 at 128, where the tiles ran 0.84-0.93 (the
  // new kernel 0.68-0.84).
  // At 4608 and 5120 (20 x 256) the kernel works on 64 positions with the
  // Sylvester factor joined to the dense one, X's fragments in registers,
  // eight rows a block; 7168 (28 x 256) folds too, four rows a block
  // (hmShape). H200, 2026-11-30 (run132, walsh-gpu, every kernel checked,
  // two passes), 65536 rows (16384), bf16 / f16: 4608 0.57-0.58 -> 0.82
  // (0.55 -> 0.75), 5120 0.70 / 0.67-0.68 (the split layout / two warps a
  // row) -> 0.82 (0.67 / 0.65-0.66 -> 0.74-0.76), 7168 0.53 / 0.54-0.55 ->
  // 0.58 / 0.59 (0.53 / 0.55 -> 0.56). Not 6144 (12 x 512: 0.64 against
  // the split layout's 0.74) nor 10240 (0.18: two rows a block fit).
  // (f16 5120 had taken tiles over two warps a row, swapping halves through
  // shared memory, two rows a block: run76, 0.58 -> 0.67 of the roofline;
  // those at 6144 ran 0.66 against the split layout's 0.75, at 7168 0.56
  // with 385 ms of cold compile. They stay a candidate of walsh tune.)
  // 5632, 6656 and 7680 (m = 44, 52, 60 over 128, not folded) take two
  // warps a row (the row's blocks of 16 dense indices in turn, one copy of
  // the row for both), so that a multiprocessor holds eight warps where the
  // shared memory holds four rows: run134 (walsh-gpu, every kernel checked,
  // two passes), 65536 rows (16384), bf16 and f16 alike: 5632 0.64 -> 0.71
  // with two rows a block (0.61 -> 0.69), 6656 0.50 -> 0.56 with four (0.47
  // -> 0.54), 7680 0.53 -> 0.62-0.63 with four (0.50 -> 0.59). Not where
  // one warp a row fits eight a multiprocessor (3840 0.83 -> 0.75, 4608
  // 0.82 -> 0.73, 5120 0.82 -> 0.76) nor at 7168 (0.58 either way).
  // (Eight rows a block where the kernel keeps the row's fragments in
  // registers: 3328, 3840, 4608, 5120; else four, over two warps a row at
  // 2^k = 128.)
  // Where it reads them again for each block and has four or more blocks
  // (6656, 7680: 52 and 60 x 128; 7168 folded to 112 x 64, seven), a warp
  // a block (one row a block at four, two at seven): 234-236 and 128
  // registers instead of 255, every warp's loop one block long. H200,
  // 2026-12-01 (run239, run240: walsh-gpu, every kernel checked, two
  // passes), fraction of the copy roofline, old default -> this, 65536 rows
  // (16384): bf16 6656 0.62-0.63 -> 0.71 (0.61 -> 0.67-0.68), 7680 0.70 ->
  // 0.80-0.81 (0.67 -> 0.75-0.77), 7168 0.62 -> 0.71-0.72 (0.58-0.59 ->
  // 0.67); f16 7680 0.69 -> 0.82-0.83 (0.65-0.66 -> 0.77-0.79), f16 6656
  // 0.73 (0.69). Four warps of two rows lost a little (6656 0.69, 7680
  // 0.79), of three or four rows much (0.51-0.61: 128-168 registers,
  // spilling); at 7168 one row of seven warps 0.66-0.67, two warps a row
  // 0.70, four 0.56-0.59. Not where the fragments stay in registers (3328,
  // 3840, 4608, 5120, 5632 with two or four warps a row: 0.49-0.82 against
  // the defaults' 0.82-0.91).
  // bf16 5632 (44 x 128): one warp a row, eight rows a block (225 KB of
  // shared memory, 246 registers), walsh tune's choice since (run259, 1.11
  // x at 65536 rows). H200, 2026-12-01 (run260: walsh-gpu, every kernel
  // checked, two passes), fraction of the copy roofline at 65536 / 16384
  // rows, two warps and two rows -> this: 0.86-0.87 / 0.79-0.80 -> 0.91 /
  // 0.82. Not f16, whose conversions take it past 255 registers (20 bytes
  // of spills): 0.87 / 0.81-0.82 -> 0.77 / 0.70-0.71. Its other forms
  // (run262, the same way): transposed 0.86 / 0.82 -> 0.91-0.92 /
  // 0.82-0.83, f16 output 0.86-0.87 / 0.81 -> 0.91-0.92 / 0.82-0.83, f32
  // output 0.86 / 0.84-0.85 -> 0.88 / 0.85-0.86, no affine 0.88 / 0.83 ->
  // 0.89-0.90 / 0.80-0.83. After a second of launches (the power cap,
  // run271, walsh-gpu --sustain 1) still ahead: 0.77 / 0.78-0.79 ->
  // 0.80-0.81 / 0.79-0.80.
  // bf16 since H_m on tensor cores' stage 2 takes one piece (walsh tune,
  // run294; H200, 2026-12-02, run296, walsh-gpu side by side, two passes,
  // every kernel and its forms checked), 65536 / 16384 rows: 3840 two
  // warps a row of four rows a block, 0.87 / 0.81-0.82 -> 0.92-0.93 / 0.87;
  // 6656 and 7680 two rows a block of a warp a block (below), 0.78 / 0.75
  // -> 0.81-0.82 / 0.81, 0.84-0.86 / 0.82 -> 0.86-0.87 / 0.86-0.90. f16,
  // whose stage 2 kept hi + lo, lost with them (3840 0.89 -> 0.81-0.82,
  // 7680 0.78-0.82 -> 0.75-0.76) and kept one warp a row, one row.
  // f16 to a 16-bit output since its stage 2 takes one tf32 piece (walsh
  // tune, run320; H200, 2026-12-02, run321, walsh-gpu side by side, two
  // passes, every kernel and its forms checked), 65536 / 16384 rows: 5632
  // one warp a row of eight 0.85-0.88 / 0.83 -> 0.89-0.90 / 0.83-0.84,
  // 3840 two warps a row of four 0.91 / 0.84 -> 0.91 / 0.86, 6656 a warp a
  // block of two rows 0.73-0.74 / 0.72 -> 0.73-0.77 / 0.74; 7680 level
  // (0.80-0.85 / 0.81 -> 0.79-0.81 / 0.81-0.82) keeps one row. f16 to fp32
  // (hi + lo still) keeps its layouts.
  // bf16 5632 to a 16-bit output back on two warps a row of two rows
  // (walsh tune, run331, 16384 rows, 1.05 x): H200, 2026-12-02 (run332,
  // walsh-gpu side by side, three passes, every kernel checked), one warp
  // of eight rows -> this, fraction of the copy roofline: 65536 rows
  // 0.89-0.90 -> 0.90-0.91, 32768 0.87 -> 0.91, 16384 0.84 -> 0.88-0.89,
  // 8192 0.80-0.81 -> 0.84. Not f16 (0.90 -> 0.88-0.89, 0.88-0.89 -> 0.87,
  // 0.84-0.85 level, 0.80 -> 0.78-0.79), nor bf16 to fp32, whose stage 2
  // keeps hi + lo (not measured again).
  // f16 to a 16-bit output since its stage 2 takes one f16 piece
  // (HmMmaKernel.cpp's f16Piece) takes bf16's layouts at 5632 and 7680:
  // H200, 2026-12-03 (run364, walsh run side by side, two passes, every
  // kernel checked), 65536 / 16384 rows, the f16 piece on f16's layouts
  // -> on bf16's: 5632 0.90 / 0.85-0.86 -> 0.90 / 0.88-0.89, 7680
  // 0.81-0.82 / 0.84-0.85 -> 0.91 / 0.90 (before the f16 piece 0.84-0.90
  // / 0.86 and 0.79-0.82 / 0.83). f16 to bf16, whose stage 2 was one bf16
  // piece already, too (run367, the same way): 5632 0.89-0.90 / 0.85 ->
  // 0.90 / 0.89-0.90, 7680 0.85-0.86 / 0.85-0.86 -> 0.88-0.89 / 0.90.
  bool bf16 = spec.dtype == DType::BF16;
  // (bf16 rows keep their layouts to an fp32 output too, run262.)
  bool onePiece = bf16 || spec.outType() != DType::F32;
  // One warp a row of eight rows at 5632: bf16 to fp32 (run262); 16-bit
  // outputs (bf16 run332, f16 run364) and f16 to fp32 two warps.
  bool toF32 = spec.outType() == DType::F32;
  bool oneWarp5632 = p == 128 && f.m == 44 && bf16 && toF32;
  // And 3584 (28 x 128, folded to 56 x 64, eight rows a block) since its
  // stage 2 takes one piece (bf16) or one tf32 piece (f16): H200,
  // 2026-12-02 (run323, walsh-gpu side by side, two passes, every kernel
  // checked), fraction of the copy roofline at 65536 / 16384 rows, the
  // tiles -> this: bf16 0.89 / 0.82 -> 0.92 / 0.85, f16 0.89 / 0.81-0.83
  // -> 0.93-0.94 / 0.85. Not (the same run) 1280 (0.84 -> 0.74-0.75),
  // 1536, 2304 (0.03-0.15 lower), 1792 and 2560 (0.02-0.06 higher at
  // 65536 rows, level or 0.03 lower at 16384, and at 0.9 / 0.85 already),
  // nor to an fp32 output, where stage 2 keeps hi + lo (run324: 0.88 /
  // 0.85-0.86 -> 0.86-0.87 / 0.83-0.84).
  if (mmaRows && ((p == 64 && f.m >= 52) || (p == 128 && f.m >= 36) || hm3584 ||
                  hm1536 || (p == 256 && (f.m == 20 || f.m == 28)))) {
    bool keeps = mlir::walsh::gpuHmMmaKeepsRowFragments(spec.d, f.m);
    int64_t blocks = hmTensorCoreBlocks(spec);
    GpuConfig c = mmaGpuConfig(spec, rows);
    c.vectorWidth = 2;
    c.rowsPerBlock =
        std::min<int64_t>(c.rowsPerBlock, keeps || oneWarp5632 ? 8 : 4);
    if (oneWarp5632) {
      // (mmaGpuConfig's one warp a row.)
    } else if (onePiece && p == 64 && f.m == 60) {
      c.threadsPerRow = 64;
      c.rowsPerBlock = std::min<int64_t>(c.rowsPerBlock, 4);
    } else if (!keeps && blocks >= 4 && spec.d % (32 * blocks) == 0) {
      c.threadsPerRow = 32 * blocks;
      bool twoRows = onePiece;
      c.rowsPerBlock =
          std::min<int64_t>(c.rowsPerBlock, blocks == 4 && !twoRows ? 1 : 2);
    } else if (p == 128 && !keeps) {
      c.threadsPerRow = 64;
      c.rowsPerBlock = std::min<int64_t>(c.rowsPerBlock, f.m == 44 ? 2 : 4);
    }
    if (hm1536)
      c.rowsPerBlock = 4;
    c.elemsPerThread = spec.d / c.threadsPerRow;
    return c;
  }
  // fp32 rows take H_m on tensor cores too (X as bf16 hi + mid + lo, three
  // products, HmMmaKernel.cpp), eight rows a block, where the sign
  // program's m values a thread (up to 60: 168 registers, spilling) held
  // them back: m >= 20 over 8 positions, 960 (60 x 16), and m >= 52 over
  // 32 (352 and 480 on grids of two blocks a multiprocessor from 32768
  // rows: gpuPersistentBlocksPerSM). H200, 2026-11-30
  // (run171, run172: walsh-gpu, every kernel checked, two passes each),
  // fraction of the copy roofline, old default -> H_m, 65536 rows / 16384
  // rows: 160 0.78-0.82 -> 0.86-0.88 / 0.83-0.86 -> 0.86-0.91, 224
  // 0.81-0.83 -> 0.86-0.88 / 0.75-0.78 -> 0.84-0.90, 288 0.86-0.87 ->
  // 0.89-0.90 / 0.76-0.84 -> 0.85-0.89, 352 0.87-0.89 -> 0.82-0.83
  // (capped, run174: 0.92-0.94) / 0.78-0.82 -> 0.88-0.91, 416 0.86-0.87 ->
  // 0.89-0.90 / 0.77-0.80 -> 0.82-0.86, 480 0.76-0.77 -> 0.83-0.84
  // (capped 0.91-0.92) / 0.68-0.70 -> 0.83-0.87, 960
  // 0.81 -> 0.93-0.95 / 0.75-0.76 -> 0.87-0.89, 1664 0.76 -> 0.90 / 0.73-0.74
  // -> 0.80-0.81, 1920 0.72 -> 0.88-0.90 / 0.68-0.69 -> 0.81-0.82. Not
  // where the sign program runs 0.9 already (192 ... 1408 but 960:
  // 0.90-0.98 against 0.82-0.93), nor at 96 (0.81-0.82 -> 0.87 at 65536
  // rows, but 0.88-0.92 -> 0.80-0.87 at 16384), nor at 2^k = 64 (1280 ...
  // 3840: 0.51-0.82 against 0.79-0.97).
  // And m <= 28 over 16 positions for a known count of at most 16384 rows
  // (run171, 16384 rows: 192 0.88 -> 0.91-0.94, 320 0.84-0.85 -> 0.86-0.88,
  // 448 0.80-0.82 -> 0.87-0.90; at 65536 rows the default stays ahead,
  // 0.91-0.97 against 0.84-0.91).
  bool fewRows = rows > 0 && rows <= 16384;
  bool fp32Hm = tensorCores && spec.dtype == DType::F32 && f.m > 1 &&
                plainRows && (rows == 0 || rows > 64) &&
                ((p == 8 && f.m >= 20) || (p == 16 && f.m == 60) ||
                 (p == 16 && f.m <= 28 && fewRows) || (p == 32 && f.m >= 52));
  if (fp32Hm) {
    GpuConfig c = mmaGpuConfig(spec, rows);
    // Four rows a block at 1664 and 1920 (52 and 60 x 32), eight
    // elsewhere. H200, 2026-12-04 (run437, walsh-gpu, two passes, every
    // kernel checked; run436's `walsh tune` took it at 1664), fraction of
    // the copy roofline at 16384 / 65536 rows, eight rows a block (1664
    // with the rows two grids ahead in L2, mmaRowsAhead until then) ->
    // four without: 1664 0.80-0.81 / 0.89-0.90 -> 0.84-0.85 / 0.90, 1920
    // 0.85-0.86 / 0.90 -> 0.87-0.88 / 0.90; four with the rows ahead
    // 0.82 / 0.85-0.86 and 0.81-0.82 / 0.81. At 65536 rows the two are
    // level (run439, four passes: 1664 0.87-0.88 either way, 1920
    // 0.89-0.90 against 0.88-0.90).
    int64_t most = p == 32 && f.m >= 52 ? 4 : 8;
    c.rowsPerBlock = rows > 0 ? std::clamp<int64_t>(rows, 1, most) : most;
    return c;
  }
  // fp32 30720 (60 x 512) and 26624 (52 x 512) in bulk: the split layout
  // on tensor cores (gpuSplitHmMma32: four dense indices a warp, their 512
  // positions over eight lanes each, 64 values a thread, then H_m as
  // mma.sync on three bf16 pieces a value), persistent blocks, 131 and 114
  // KB of shared memory (so on sm_90 only), rather than 60 (52) values a
  // thread over 512 through H_m's sign program (128 registers, 600 bytes
  // of spills at 30720). H200, 2026-12-04 (runs 407-408, walsh-gpu, two
  // passes, every kernel checked), fraction of the copy roofline at 16384
  // / 4096 rows: 30720 0.27 -> 0.42 / 0.41, 26624 0.36 -> 0.41 / 0.39 (two
  // dense indices a warp: 0.39, 0.41; 26624 then 0.43 with a and b loaded
  // before the products, run410). Not at the
  // other fp32 sizes of a dense factor from 9216 (it lost 0.08-0.41: the
  // sign program costs no more instructions there than the three pieces'
  // split and products), nor with the rows two grids ahead in L2 (30720
  // 0.25, 26624 0.27).
  // (26624 since takes the dense-index transpose, below, and 30720 too
  // since H_m's sign program is emitted in column blocks: 0.42 -> 0.53,
  // run432.)
  // fp32 rows of m = 20 or 28 over 2^k = 256 or 512 and of 52 or 60 over
  // 512 in bulk (and, two lanes, m <= 28 over 1024, below): one lane, m values
  // a thread over 2^k threads, one row a block, so that the levels across warps
  // take the dense-index transpose (gpuDenseTranspose: one barrier, two shared
  // accesses an element), rather than two lanes (56 values over 256 threads at
  // 14336; 40 over 128 at 5120), the split layout (16 values over 640 and 448
  // threads at 10240 and 7168) or the split layout on tensor cores (26624).
  // H200, 2026-12-04 (run424, walsh-gpu, two passes, every kernel checked),
  // fraction of the copy roofline at 16384 rows: 5120 0.92 -> 0.97, 7168
  // 0.91 -> 0.97, 10240 0.91-0.92 -> 0.94, 14336 0.72-0.73 -> 0.81-0.85,
  // 26624 0.45 -> 0.54-0.55; 30720 (60 x 512) lost then (0.42 -> 0.38,
  // 396 bytes of spills), until H_m's sign program went in column blocks
  // (gpuHmColumnBlocks: 0.53, run432). Not at 6144 (12 x 512: 0.97 ->
  // 0.91-0.92), 3584 (28 x 128: 0.97 either way), nor for 16-bit rows, whose
  // one lane is a 2-byte access (at 65536 rows bf16 6656 0.84 -> 0.48, 7168
  // 0.85-0.88 -> 0.53, f16 7680 0.85-0.90 -> 0.45). And m = 12, 20 and 28 over
  // 2^k = 1024 with two lanes, m pairs a thread over 512 threads (16 warps),
  // rather than the split layout through transposes (12288, 20480) or one lane
  // over 1024 threads (28672, whose 32 warps the form does not take). H200,
  // 2026-12-04 (run426): 12288 0.89 -> 0.99, 20480 0.69 -> 0.77, 28672 0.55 ->
  // 0.79 (at 65536 rows, the same configuration without the form, 0.55-0.56 ->
  // 0.79-0.80). Not four lanes at 24576 (12 x 2048: 0.83 -> 0.53), nor
  // 16-bit pairs (bf16 9216, 18432, 20480, 28672 and f16 14336 lost
  // 0.16-0.32, bf16 7168 at 65536 rows 0.88 -> 0.70). And m = 36 and 44
  // over 2^k = 512 with two lanes, 2 m values a thread over 256 threads,
  // H_m in row blocks (gpuHmRowBlocks: 128 registers, no spills, two blocks
  // a multiprocessor), rather than one lane over 512 threads (one block a
  // multiprocessor, 36 or 44 scalar loads a thread queued: DRAM 65 %).
  // H200, 2026-12-04 (run453, walsh-gpu, two passes, every kernel
  // checked), fraction of the copy roofline at 16384 rows: 18432 0.74 ->
  // 0.84-0.87 (the whole program: 0.79-0.80), 22528 0.73 -> 0.82-0.84; not
  // 26624 (52 pairs: 132 bytes of spills, 0.72-0.73 -> 0.71).
  // And m = 20 over 2^k = 1024 with four lanes, 80 values a thread over
  // 256 threads (16-byte accesses, 128 registers, no spills, two blocks a
  // multiprocessor), rather than pairs over 512 threads (94 registers, one
  // block). H200, 2026-12-04 (run455, walsh-gpu, two passes, every kernel
  // checked), fraction of the copy roofline at 16384 rows: 20480 0.77 ->
  // 0.86-0.87 (H_m in five row blocks: the same). Not at 24576 (12 x
  // 2048, four lanes over 512 threads: 0.53 with 188 bytes of spills,
  // 0.79-0.80 since its reads come in halves, run457, against the
  // transposes' 0.81), nor 28672 (112 values a thread), nor for 16-bit
  // rows (bf16 20480 0.83-0.84 -> 0.65).
  bool pairs512 = (f.m == 36 || f.m == 44) && p == 512;
  bool quads1024 = f.m == 20 && p == 1024;
  if (spec.dtype == DType::F32 && plainRows && !spec.casts() &&
      (rows == 0 || rows > 64) &&
      (((f.m == 20 || f.m == 28) && (p == 256 || p == 512)) ||
       ((f.m == 52 || f.m == 60) && p == 512) || pairs512 ||
       (f.m > 1 && f.m <= 28 && p == 1024))) {
    int64_t lanes = quads1024 ? 4 : p == 1024 || pairs512 ? 2 : 1;
    GpuConfig c;
    c.elemsPerThread = f.m * lanes;
    c.threadsPerRow = p / lanes;
    c.rowsPerBlock = 1;
    c.vectorWidth = lanes;
    c.crossWarp = GpuCrossWarp::Shared;
    return c;
  }
  GpuConfig c;
  c.vectorWidth = std::min<int64_t>(16 / dtypeBytes(spec.dtype), p);
  // A thread holds m vectors for the dense stage: at most 56 values, and
  // in fp32 at most 2 lanes. With the m-point stage as a sign program
  // (emitBaseProduct), on the H200 (2026-11-30, 65536 rows, fraction of the
  // copy roofline, walsh tune's choices checked side by side):
  //  - 16 bits, 4 lanes at m = 12 (48 values) over 2: d = 768 0.79 ->
  //    0.83, 1536 0.65 -> 0.77, 3072 0.55 -> 0.68, 12288 0.37 -> 0.46.
  //  - fp32, 4 lanes at m = 12 lost at 768 (0.98 -> 0.87), 3072 (0.90 ->
  //    0.73) and 12288 (0.72 -> 0.52), though it won at 1536 (0.86 ->
  //    0.97) and 6144 (0.78 -> 0.82); 2 lanes at m = 28 (56 values) over
  //    one: 7168 0.68 -> 0.88 (bf16 x 1.48 in walsh tune).
  // Past that, registers spill: 8 lanes at m = 60 spilled 17 KB and took
  // ptxas 20 s; m = 20 with 4 lanes spilled 808 bytes.
  if (f.m > 1 && spec.dtype == DType::F32)
    c.vectorWidth = std::min<int64_t>(c.vectorWidth, 2);
  while (c.vectorWidth > 1 && f.m * c.vectorWidth > 56)
    c.vectorWidth /= 2;
  // fp32 d = 1792 (28 x 64) in bulk: one lane, so that a row takes 64
  // threads and a block one row (below), rather than 56 values over 32
  // threads, four rows a block (176 registers, two blocks a
  // multiprocessor). H200, 2026-11-30 (run103, walsh-gpu, every kernel
  // checked, two passes): 0.65-0.67 -> 0.90-0.92 of the copy roofline at
  // 65536 and 16384 rows (two rows a block: 0.82-0.83; the two lanes
  // capped to 128 registers: 0.80-0.82).
  // fp32 d = 28672 (28 x 1024) for a known count of 65 ... 32768 rows
  // likewise: one lane, 28 values over 1024 threads rather than 56 over
  // 512. walsh tune on the H200 (2026-12-02, run329, 16384 rows): 1811 ->
  // 1614 us; walsh-gpu side by side (run330, every kernel checked, two
  // passes), fraction of the copy roofline at 16384 rows 0.49-0.51 ->
  // 0.54-0.55, but at 65536 rows 0.56 -> 0.55 (6272-6288 -> 6400-6417
  // us), where the old layout stays.
  bool oneLane28 = (p == 64 && (rows == 0 || rows > 64)) ||
                   (p == 1024 && rows > 64 && rows <= 32768);
  if (spec.dtype == DType::F32 && f.m == 28 && oneLane28 &&
      !spec.hasPrologue() && !spec.hasEpilogue())
    c.vectorWidth = 1;
  int64_t vectors = p / c.vectorWidth; // b-space vectors per row
  int64_t chunks;
  bool twoRows = false; // two rows a block instead of 128 threads' worth
  bool fusedNorm16 = spec.norm != NormKind::None && !spec.splits &&
                     spec.dtype != DType::F32 && f.m == 1 && rows > 64 &&
                     vectors >= 256 && vectors <= 1024;
  bool bulk = rows == 0 || rows > 64;
  bool plain = !spec.hasPrologue() && !spec.hasEpilogue();
  bool fp32Pairs =
      spec.dtype == DType::F32 && f.m == 12 && p == 256 && bulk && plain;
  if (f.m > 1) {
    // Decode, from 2^k = 128: fewer lanes, so that a row takes
    // 128 threads (latency, not bandwidth). walsh tune on the H200
    // (2026-11-30, per call under CUDA-graph replay, 1 / 16 rows): d =
    // 3072 four lanes 2.46 / 2.71 us (bf16; f16 2.65 / 2.72) -> two lanes
    // 2.10 / 2.19 (f16 2.11 / 2.20); 1536 2.23 / 2.55 (f16 2.52 / 2.65) ->
    // one lane 1.82-1.91. m = 20 and 28 at 2^k = 128, two lanes over 64
    // threads -> one over 128 (09:00 UTC): d = 2560 2.48 / 2.64 -> 2.26 /
    // 2.32 (f16 2.49 / 2.56 -> 2.26 / 2.35), 3584 3.35 / 3.51 -> 2.69 /
    // 2.76 (f16 3.18 / 3.26 -> 2.70 / 2.80); fp32, two lanes over 64
    // threads -> one over 128: 1536 1.84 / 1.99 -> 1.75 / 1.84, 2560 2.73 /
    // 2.86 -> 2.13 / 2.32, 3584 3.40 / 3.49 -> 2.58 / 2.76. Sizes whose
    // rows take 128 threads already (3072 in fp32, 5120, 6144, 7168) keep
    // their lanes. (At 2^k = 128 the half layout, above, took over from
    // this, but for the cross-head factor alone.)
    if (rows > 0 && rows <= 64 && p >= 128 && !spec.hasPrologue() &&
        !spec.hasEpilogue()) {
      while (c.vectorWidth > 1 && p / c.vectorWidth < 128)
        c.vectorWidth /= 2;
      vectors = p / c.vectorWidth;
    }
    // Every chunk costs m vectors of registers: one.
    chunks = std::max<int64_t>(1, vectors / 1024);
    // fp32 d = 3072 in bulk: two (48 values over 64 threads, one row a
    // block, below). walsh tune on the H200 (2026-11-30, 65536 rows): 425.9
    // -> 387.4 us, 0.90 -> 1.00 of the copy roofline.
    if (fp32Pairs)
      chunks = 2;
  } else if (spec.splits > 0) {
    // Split-KV partials: K vectors in flight per chunk, so fewer chunks:
    // 8 / K a thread (two at K = 4), shuffles. walsh tune on the H200,
    // bf16 d = 4096, K = 4, over the rules below: 1 and 16 rows 1.10 x
    // faster under graph replay, 16384 rows 1.18 x (0.70 -> 0.84 of the
    // copy of the bytes moved).
    chunks = std::clamp<int64_t>(8 / spec.splits,
                                 std::max<int64_t>(1, vectors / 1024),
                                 vectors);
    // 16-bit rows of 4096 in bulk: four vectors a thread through
    // transposes (walsh tune, H200, bf16 d = 4096, K = 4, 16384 rows: with
    // residual + RMSNorm 340 -> 314 us, 0.79 of the copy roofline; without
    // a norm, after the wide transposes (2026-11-30), 212.1 -> 197.4 us,
    // 0.84 -> 0.90).
    if (spec.dtype != DType::F32 && rows > 64 && vectors == 512) {
      chunks = 4;
      c.crossWarp = GpuCrossWarp::Transpose;
    }
  } else if (rows > 0 && rows <= 64 && vectors >= 128 && vectors <= 2048) {
    // Decode: latency, not bandwidth. 128 threads a row (more past 1024
    // vectors), at most eight vectors a thread, transposes from four: what
    // walsh tune chose on the H200 for 1 and 16 rows, per call under graph
    // replay, over the rule below: bf16 d = 1024 1.92 -> 1.40 us, 2048
    // 2.33 -> 1.91, 8192 3.9 -> 3.54; f32 8192 3.5 -> 3.18; 4096 the same.
    chunks = std::clamp<int64_t>(vectors / 128, 1, 8);
    // Row sums: 256 threads a row, each thread's few heads' sums loaded
    // by more threads at once (walsh tune, H200, d = 4096 at 1 and 16
    // rows: bf16 3.05 -> 2.77 us, f32 3.45 -> 2.80 us per call).
    if (spec.rowSum)
      chunks = std::clamp<int64_t>(vectors / 256, 1, 8);
    c.crossWarp = chunks >= 4 ? GpuCrossWarp::Transpose : GpuCrossWarp::Shared;
  } else if (rows > 0 && rows <= 64) {
    // Decode, other sizes: four vectors per thread, through transposes
    // from 256 vectors on.
    chunks = std::min<int64_t>(vectors, std::max<int64_t>(4, vectors / 1024));
    c.crossWarp = vectors >= 256 && chunks >= 2 ? GpuCrossWarp::Transpose
                                                : GpuCrossWarp::Shared;
  } else if (fusedNorm16) {
    // A fused norm on 16-bit rows of 256 to 1024 vectors, in bulk: four
    // vectors a thread (eight at 1024, two rows a block) through
    // transposes, no row groups: what walsh tune chose on the H200 once
    // the transposes were free of bank conflicts (2026-11-29, 22:38 UTC,
    // bf16 residual + RMSNorm, 16384 rows, fraction of the copy of the
    // bytes moved): d = 2048 0.80 -> 0.95, 4096 0.76 -> 0.87 (bhsd input
    // 0.70 -> 0.88), 8192 0.60 -> 0.78. (Before, with conflicts: four
    // vectors and shuffles with 8 row groups, 4096 0.58 -> 0.75.) Not at
    // 16384 (not measured since).
    chunks = vectors == 1024 ? 8 : 4;
    c.crossWarp = GpuCrossWarp::Transpose;
    twoRows = vectors == 1024;
  } else if (vectors >= 256) {
    // Long rows: every level across threads through shared-memory
    // transposes, eight vectors per thread (on the H200: bf16 d = 2048
    // 0.51 -> 0.65 of the copy roofline, d = 16384 0.28 -> 0.54; f32
    // d = 16384 0.59 -> 0.89).
    c.crossWarp = GpuCrossWarp::Transpose;
    chunks = std::max<int64_t>(8, vectors / 1024);
    // fp32 from d = 16384: sixteen, in 256- and 512-thread blocks instead
    // of 512 and 1024 (H200, 16384 rows: d = 16384 0.76 -> 0.78, 32768
    // 0.77 -> 0.83; the tuner found the same). Not in 16 bits at 16384,
    // where 128 values a thread lose (bf16 0.54 -> 0.50; 0.80 -> 0.76 with
    // four row groups, run183); at 32768 with sixteen row groups (the end
    // of this function).
    if (spec.dtype == DType::F32 && vectors >= 4096)
      chunks = 16;
    // 16-bit d = 2048 in bulk: four vectors a thread (64 threads a row),
    // with row groups (below). walsh tune on the H200 once the transposes
    // were free of bank conflicts (2026-11-29, 22:40 UTC), bf16: 65536
    // rows 0.71 -> 0.83 of the copy roofline (over shuffles with 16
    // groups), 16384 rows 0.77 -> 0.81.
    if (spec.dtype != DType::F32 && vectors == 256 && rows > 64)
      chunks = 4;
  } else if (spec.dtype != DType::F32 && vectors == 128 && f.m == 1 &&
             rows > 64 && spec.norm == NormKind::None) {
    // 16-bit d = 1024 in bulk: four vectors a thread through (wide)
    // transposes, two rows a block, four row groups (below). walsh tune on
    // the H200 (2026-11-30, 65536 rows) over shuffles with 16 groups: bf16
    // 78.7 -> 72.1 us, 0.97 of the copy roofline; f16 80.0 -> 71.4 us,
    // 0.99. Checked side by side (three runs): 65536 rows bf16 0.88-0.89
    // -> 0.97, f16 0.88 -> 0.97-0.98; 16384 rows 0.82-0.84 -> 0.94-0.95,
    // with row sums 0.76-0.77 -> 0.81-0.84, bhsd 0.79-0.81 -> 0.83-0.90.
    // Not with a fused norm, which lost (bf16 residual + RMSNorm 43.5 ->
    // 44.2 us at 16384 rows).
    chunks = 4;
    c.crossWarp = GpuCrossWarp::Transpose;
    twoRows = true;
  } else {
    // Four vectors per thread: shuffles, instruction-bound in 16 bits.
    chunks = std::min<int64_t>(vectors, std::max<int64_t>(4, vectors / 1024));
  }
  c.threadsPerRow = vectors / chunks;
  c.elemsPerThread = spec.d / c.threadsPerRow;
  c.rowsPerBlock = std::max<int64_t>(1, 128 / c.threadsPerRow);
  if (twoRows)
    c.rowsPerBlock = 2;
  // A dense factor of 12 or 20 with 2^k >= 1024, no fused norm: the split
  // layout (32 values of one dense index a thread, the 2^k levels through
  // transposes as for m = 1, H_m after one pass through shared memory),
  // one row a block, no row groups. H200, 2026-11-30, fraction of the copy
  // roofline, old default -> this, 65536 rows (16384 alike): bf16 d =
  // 12288 0.49 -> 0.54, 20480 0.35 -> 0.43-0.45, 24576 0.39 -> 0.49-0.50;
  // fp32 0.75 -> 0.82, 0.61 -> 0.64, 0.62 -> 0.75. Four row groups gained
  // nothing at 12288 (0.55) and lost at 20480 (0.38) and 24576 (0.48); 64
  // values a thread lost everywhere (bf16 12288 0.41). Not at m = 28,
  // whose pieces take one position (28672: bf16 0.33 -> 0.23, fp32 0.59
  // -> 0.37); not from 2^k = 256 or 512, where it lost in 16 bits (bf16
  // 3072 0.71 -> 0.58, 5120 0.57 -> 0.49, 6144 0.59 -> 0.53) and in fp32
  // at 5120 and 7168 (0.90 -> 0.87, 0.88 -> 0.74), though it won in fp32
  // at 3072 (0.90 -> 0.92) and 6144 (0.80 -> 0.84), which walsh tune finds.
  // (With shuffles instead of transposes 6144 won in 16 bits too: below.)
  bool splitLayout =
      (f.m == 12 || f.m == 20) && p >= 1024 && spec.norm == NormKind::None;
  // d = 6144 in bulk: the split layout with four 16-byte vectors a thread
  // (16 values in fp32, 32 in 16 bits) and shuffles, one row a block.
  // walsh tune on the H200 (2026-11-30, 65536 rows): fp32 963.4 -> 818.8
  // us, 0.79 -> 0.92 of the copy roofline (the old layout's best, 48
  // values over 128 threads, 842.7); 16 bits (run84, over the tensor-core
  // tiles' two warps a row) 1.13-1.15 x, bf16 0.75 at 65536 and 16384
  // rows, f16 0.75-0.76 (the shuffle layout 0.59-0.61, the tiles 0.66).
  // bf16 d = 5120 in bulk likewise, 32 values a thread (walsh tune, run84,
  // 1.02-1.05 x over two warps of tiles; side by side, run87, two passes:
  // 0.66 -> 0.70 at 65536 rows, 0.65-0.66 -> 0.67-0.68 at 16384; and 90
  // ms of cold compile against 248). f16 kept the tiles: its split kernel
  // widens through cvt and ran 0.61 against 0.66-0.67. Both dtypes of 5120
  // now take H_m on tensor cores where it runs (above; 0.81).
  // 16-bit d = 12288 (12 x 1024) and every dtype's 10240 (20 x 512)
  // likewise: a warp a dense index at 12288, so every radix-2 level is a
  // register or a shuffle level. walsh tune on the H200 (2026-11-30,
  // run108, 16384 and 65536 rows) over the split layout's transposes
  // (12288) and the shuffle layout (10240): bf16 12288 364.4 -> 306.3 us
  // and 1418.5 -> 1195.9 (0.53 -> 0.63-0.64 of the copy roofline), f16
  // likewise; bf16 10240 363.1 -> 315.4 and 1415.6 -> 1204.0 (0.45 ->
  // 0.52-0.53), f16 1.18-1.20 x; fp32 10240 (16 values) 1.02-1.05 x. fp32
  // 12288 keeps the transposes (1.00 x), as do 20480 and 24576 (within
  // 0.01). fp32 7168 (28 x 256) too, 16 values over 448 threads: walsh
  // tune chose it (run329, 65536 rows, 1.03 x); walsh-gpu side by side on
  // the H200 (2026-12-02, run331, every kernel checked, three passes), old
  // default (56 values over 128 threads) -> this, fraction of the copy
  // roofline at 65536 / 16384 rows: 0.84-0.85 / 0.88 -> 0.89 / 0.91-0.92
  // (through transposes instead, 0.64-0.66).
  bool splitShuffles = ((f.m == 12 && p == 512) || (f.m == 20 && p == 512) ||
                        (spec.dtype != DType::F32 && f.m == 12 && p == 1024) ||
                        (spec.dtype == DType::BF16 && f.m == 20 && p == 256) ||
                        (spec.dtype == DType::F32 && f.m == 28 && p == 256)) &&
                       bulk && plain;
  if (splitLayout || splitShuffles) {
    c.vectorWidth = 16 / dtypeBytes(spec.dtype);
    c.elemsPerThread =
        splitShuffles && spec.dtype == DType::F32 ? 16 : 32;
    // Past 32768 (40960 = 20 x 2048, 49152 = 12 x 4096) 32 values a thread
    // would take more than 1024 threads: 64 (the default had asked for
    // 1280 and 1536 threads, which the verifier refused).
    while (spec.d / c.elemsPerThread > 1024)
      c.elemsPerThread *= 2;
    c.threadsPerRow = spec.d / c.elemsPerThread;
    c.rowsPerBlock = 1;
    c.crossWarp =
        !splitShuffles ? GpuCrossWarp::Transpose : GpuCrossWarp::Shared;
    splitLayout = true;
  }
  // Rows of a dense factor over 64 threads: one row a block (walsh tune,
  // H200, 2026-11-30, bf16 d = 3072: 0.59 of the copy roofline with two
  // rows a block, 0.68-0.70 with one; fp32 at 65536 rows, 2560 394.2 ->
  // 326.9 us, 0.83 -> 1.00, 3584 672.6 -> 482.9 us, 0.67 -> 0.93).
  if (f.m > 1 && c.threadsPerRow == 64)
    c.rowsPerBlock = 1;
  // 16-bit d = 2048 from 65536 rows, after the wide transposes: one row a
  // block (64 threads), 48 KB blocks, four a multiprocessor (H200,
  // 2026-11-30, 65536 rows: bf16 0.86 -> 0.89 of the copy roofline, f16
  // 0.86 -> 0.90; the same at d = 4096 lost, 0.84 -> 0.80). Not at 16384
  // rows, where the 1024 blocks of 16 groups ran 51.7 us against two rows
  // a block's 46.8.
  if (spec.dtype != DType::F32 && vectors == 256 && rows >= 65536 &&
      !fusedNorm16 && !spec.splits && f.m == 1)
    c.rowsPerBlock = 1;
  // 16-bit rows in bulk: a block takes several row groups in turn, each
  // thread copying its part of the next one (cp.async) while it transforms
  // the current, so loads stay in flight through the arithmetic. Measured
  // on the H200 at 65536 rows (fraction of the copy roofline, bf16):
  // d = 256 0.86 -> 0.92 (4 groups), 512 0.79 -> 0.90 (4), 1024 0.69 ->
  // 0.89 (16), 768 0.69 -> 0.74 (one row a block, 8), 4096 0.55 -> 0.65
  // (16); a loss at 16384 (0.53 -> 0.43) and in fp32 (0.98 -> 0.95).
  // Only with a known row count, and never below 1024 blocks: a grid of a
  // few blocks per multiprocessor leaves most of the GPU idle.
  int64_t vectorBytes =
      std::min(c.vectorWidth,
               splitLayout ? c.elemsPerThread : c.elemsPerThread / f.m) *
      dtypeBytes(spec.dtype);
  int64_t iters = 1, groupRows = c.rowsPerBlock;
  // Not with a split-KV combine: the prefetch copies one row, not K.
  if (spec.dtype != DType::F32 && rows > 64 && !spec.splits && !splitLayout &&
      (vectorBytes == 4 || vectorBytes == 8 || vectorBytes == 16)) {
    if (f.m > 1) {
      // Four groups while a row takes at most a warp (walsh tune, H200,
      // 2026-11-30, bf16 65536 rows: d = 768 sixteen threads a row, eight
      // rows a block; 1536 32 and four); none on wider rows (3072 and up).
      if (c.threadsPerRow <= 32)
        iters = 4;
      // Not m = 20 and 28 over 8 or 16 threads (d = 320, 448, 640, 896):
      // walsh tune (H200, 2026-11-30, run114, 65536 rows, the same layout)
      // timed four groups 7-35 % slower than none: bf16 320 43.5 -> 36.0
      // us, 448 62.8 -> 46.8, 640 62.9 -> 58.9 (f16 alike). At 896 none
      // won in f16 (101.5 -> 85.3) but lost in bf16 (102.9 -> 106.5);
      // sixteen groups of four rows won in both (bf16 92.7, f16 93.7).
      if ((f.m == 20 || f.m == 28) &&
          (c.threadsPerRow == 8 || c.threadsPerRow == 16)) {
        bool d896 = f.m == 28 && c.threadsPerRow == 16;
        iters = d896 ? 16 : 1;
        if (d896)
          groupRows = 4;
      }
    } else if (fusedNorm16) {
      // None: walsh tune chose transposes without row groups (above).
    } else if (c.crossWarp != GpuCrossWarp::Transpose) {
      iters = vectors < 128 ? 4 : 16;
    } else if (vectors == 256 || vectors == 1024) {
      // Transposes with 16 groups (d = 2048, 8192 in 16 bits; at 8192 one
      // row a group: walsh tune, H200, bf16 65536 rows 0.69 -> 0.72).
      // Before the transposes were free of bank conflicts, d = 2048 took
      // shuffles with row groups and 8192 no groups. Since the wide
      // transposes, four at 8192 (walsh tune, H200, 2026-11-30, bf16:
      // 65536 rows 613.5 -> 587.3 us, 16384 rows 159.0 -> 156.5; walsh-gpu
      // side by side, two passes: 65536 rows bf16 592 -> 582-585 us, f16
      // 583-584 -> 578; 16384 rows bf16 the same, f16 153 -> 155-156).
      // Since blocks without row groups prefetch the rows ahead into L2
      // (2026-12-01), none again for bf16's plain transform and affine:
      // walsh tune chose it (run259, 1.06 x at 65536 rows, 1.04 x at
      // 16384); H200 run260 (walsh-gpu, every kernel checked, two passes),
      // fraction of the copy roofline at 65536 / 16384 rows, four groups
      // -> none: bf16 0.87 / 0.84-0.85 -> 0.90 / 0.88; f16 0.88 / 0.84 ->
      // 0.87 / 0.84-0.85 (f16 keeps four). (Its transposed, no-affine and
      // output-cast forms follow the plain one, untimed.) Those are
      // full-clock timings; after a second of launches (the power cap,
      // run271, walsh-gpu --sustain 1) the two are level: 0.82 / 0.83
      // -> 0.81 / 0.84.
      bool bf16Plain8192 =
          vectors == 1024 && spec.dtype == DType::BF16 && plain;
      iters = bf16Plain8192 ? 1 : vectors == 1024 ? 4 : 16;
    } else if (vectors == 128 || vectors == 512) {
      // d = 1024 and 4096: four groups, more blocks (walsh tune, H200,
      // 2026-11-30: d = 4096 over 16 groups at 65536 rows bf16 307.3 ->
      // 297.6 us, 0.88 of the copy roofline, f16 307.4 -> 297.1; over 8
      // at 16384 rows 87.9 -> 85.8 and 84.4 -> 83.9).
      iters = 4;
    } else if (vectors == 4096 && plain) {
      // d = 32768: sixteen groups over one prefetch buffer (two do not fit
      // beside the 128 KB exchange buffer: gpuSharedLayout). H200,
      // 2026-11-30, run107, side by side, two passes: 16384 rows bf16
      // 823-824 -> 803 us (0.62 -> 0.63 of the copy roofline), f16 844-845
      // -> 795 (0.60 -> 0.64); 65536 rows bf16 3252 -> 3164, f16 3331 ->
      // 3195. walsh tune chose it as well (1.03-1.06 x). Only the plain
      // transform and affine (also transposed, without a or b, or with an
      // output cast), the forms measured and checked (run107, run120); a
      // prologue or a fused epilogue keeps none.
      iters = 16;
    }
  }
  // fp32 rows of 52 or 60 dense indices over one warp: four groups (walsh
  // tune chose them at d = 1664, 1.10 x, run144; H200, 2026-11-30, run145,
  // walsh-gpu side by side, two passes, fraction of the copy roofline at
  // 65536 / 16384 rows: 1664 0.70 -> 0.76-0.77 / 0.70 -> 0.73, 1920 0.65 ->
  // 0.72 / 0.64 -> 0.69). Not below m = 52, where they lost as in fp32's
  // other sizes (1152 0.90 -> 0.86, 1408 0.92 -> 0.79, 640 0.97 -> 0.81,
  // 896 0.97 -> 0.92; 384 the same); only the plain transform and affine,
  // the forms measured.
  if (spec.dtype == DType::F32 && f.m >= 52 && c.threadsPerRow == 32 &&
      !splitLayout && plain && rows > 64 &&
      (vectorBytes == 4 || vectorBytes == 8 || vectorBytes == 16))
    iters = 4;
  // A dense factor's groups keep down to 512 blocks: walsh tune chose four
  // groups of eight rows at d = 768, 16384 rows (H200, bf16, side by side
  // in walsh-gpu: 0.72 of the copy roofline without groups, 0.76-0.78
  // with them).
  // (16-bit d = 256 and 512 down to 512 too: walsh tune, run177, f16 512
  // at 16384 rows, 1.04 x; H200 run178, walsh-gpu, three passes, 16384
  // rows, none -> four groups of eight rows: 256 bf16 0.85-0.87 ->
  // 0.86-0.92, f16 0.84-0.87 -> 0.88-0.90; 512 bf16 0.86-0.89 ->
  // 0.90-0.92, f16 0.83-0.87 -> 0.91-0.93.)
  bool narrow = f.m == 1 && (vectors == 32 || vectors == 64) &&
                c.crossWarp != GpuCrossWarp::Transpose;
  int64_t minBlocks = f.m > 1 || narrow ? 512 : 1024;
  // (256's sixteen rows a block: groups of eight where sixteen would
  // leave fewer blocks, as run178 measured at 16384 rows.)
  if (narrow && groupRows > 8 && rows / (groupRows * iters) < minBlocks)
    groupRows = 8;
  while (iters > 1 && rows / (groupRows * iters) < minBlocks)
    iters /= 2;
  // Two groups overlap half the loads and lost to none (H200, 2026-11-30,
  // d = 512 at 16384 rows, three runs: bf16 0.72-0.75 of the copy roofline
  // with two, 0.77-0.79 without; f16 0.69-0.72 and 0.74-0.78).
  if (iters >= 4 && rowGroups) {
    c.rowsPerBlock = groupRows;
    c.rowIters = iters;
  }
  // 16-bit d = 32768 where it takes sixteen row groups (from 16384 rows):
  // sixteen vectors a thread as well, 128 values over 256 threads (255
  // registers, no spill; one row a block either way). H200, 2026-12-01
  // (run183, run184: walsh-gpu, every kernel checked, two passes),
  // fraction of the copy roofline, eight -> sixteen: 16384 rows bf16 0.63
  // -> 0.68, f16 0.63-0.64 -> 0.67; 65536 rows bf16 0.63 -> 0.68-0.69, f16
  // 0.62-0.63 -> 0.67. With four groups 0.63-0.68, none 0.54; at d = 16384
  // (0.76 with four groups against 0.80) and every other 16-bit size tried
  // (3328 ... 8192, 72 to 128 values a thread, run183) more than 64 values
  // lost.
  if (spec.dtype != DType::F32 && vectors == 4096 && c.rowIters == 16) {
    c.threadsPerRow = vectors / 16;
    c.elemsPerThread = spec.d / c.threadsPerRow;
  }
  return c;
}

int64_t gpuPersistentBlocksPerSM(const ProjectionSpec &spec,
                                 const GpuConfig &config) {
  // Two defaults ran faster on fewer blocks than a multiprocessor holds.
  // H200, 2026-11-30 (run166: the grid of every tensor-core default capped
  // at 1 ... 6 blocks a multiprocessor; run167: two passes, bf16 and f16,
  // every kernel checked), fraction of the copy roofline at 65536 / 32768 /
  // 16384 rows, the resident blocks -> the cap: 896 (28 x 32, H_m on tensor
  // cores, four rows a block, four blocks held) three blocks 0.83-0.84 ->
  // 0.92-0.93 / 0.86-0.89 -> 0.89-0.91 / 0.85-0.88 -> 0.86-0.88; 1536 (12
  // x 128, tiles of eight rows, two held) one block 0.85-0.86 -> 0.89 /
  // 0.82-0.84 -> 0.86 / 0.84-0.87 -> 0.83-0.85. So from 32768 rows only
  // (launchGrid). Every other default was within 0.01-0.02 of its grid or
  // slower capped (352 gained 0.01-0.02 at three blocks). Why these two is
  // not known: ncu on one isolated launch (run164) timed 896 at 3.76 TB/s,
  // like its neighbours; back to back it lost 20 %.
  // And fp32 H_m on tensor cores at 352 and 480 (44 and 60 x 8, eight rows
  // a block, three held): two blocks. run174 (walsh-gpu, every fp32
  // default on 1 ... 4 blocks a multiprocessor, two passes), 65536 rows:
  // 352 0.84-0.86 -> 0.92-0.94, 480 0.85-0.86 -> 0.91-0.92 (16384 rows:
  // within 0.01 either way); the other fp32 defaults within 0.02 or slower.
  if (config.crossWarp != GpuCrossWarp::Mma)
    return 0;
  Factorization f = factorize(spec.d).value_or(Factorization{});
  int64_t P = f.m > 1 ? spec.d / f.m : 0;
  if (spec.dtype == DType::F32)
    return (f.m == 44 || f.m == 60) && P == 8 && config.vectorWidth == 2 &&
                   config.threadsPerRow == 32 && config.rowsPerBlock == 8
               ? 2
               : 0;
  if (f.m == 28 && P == 32 && config.vectorWidth == 2 &&
      config.threadsPerRow == 32 && config.rowsPerBlock == 4)
    return 3;
  if (f.m == 12 && P == 128 && config.vectorWidth == 4 &&
      config.threadsPerRow == 32 && config.rowsPerBlock == 8)
    return 1;
  return 0;
}

int64_t hmTensorCoreBlocks(const ProjectionSpec &spec) {
  Factorization f = *factorize(spec.d);
  return mlir::walsh::gpuHmMmaBlocks(spec.d, f.m);
}

GpuConfig mmaSplitGpuConfig(const ProjectionSpec &spec,
                            int64_t indicesPerWarp) {
  Factorization f = factorize(spec.d).value_or(Factorization{});
  GpuConfig c;
  c.threadsPerRow = 32 * f.m / indicesPerWarp;
  c.elemsPerThread = spec.d / c.threadsPerRow;
  c.rowsPerBlock = 1;
  c.vectorWidth = 4;
  c.crossWarp = GpuCrossWarp::Mma;
  return c;
}

GpuConfig mmaPowerOfTwoSplitGpuConfig(const ProjectionSpec &spec,
                                      int64_t threadsPerRow) {
  GpuConfig c;
  c.threadsPerRow = threadsPerRow;
  c.elemsPerThread = spec.d / threadsPerRow;
  c.rowsPerBlock = 1;
  c.vectorWidth = 4;
  c.crossWarp = GpuCrossWarp::Mma;
  return c;
}

GpuConfig mmaGpuConfig(const ProjectionSpec &spec, int64_t rows) {
  GpuConfig c;
  c.elemsPerThread = spec.d / 32;
  c.threadsPerRow = 32;
  c.rowsPerBlock = rows > 0 ? std::clamp<int64_t>(rows, 1, 8) : 8;
  c.vectorWidth = 4;
  c.crossWarp = GpuCrossWarp::Mma;
  // H_m on tensor cores (2^k = 8, 16 or 32: the only mma kernel there) stores
  // pairs (vector_width 2, which picks it at 64 and 128 too). Four rows a block
  // where run123 (H200, 65536 rows, bf16 / f16) timed them faster than
  // eight: 832 0.89-0.90 against 0.80-0.82, 896 0.83 / 0.80, 960 0.89-0.90
  // / 0.86, 1152 0.89-0.90 / 0.84-0.85 (1920 the same); elsewhere eight
  // (1408 0.88-0.89 against 0.79-0.81, 192 ... 640 by 0.02-0.06). With
  // the staged stores (run158, 2, 4 and 8 rows a block side by side, two
  // passes, every kernel checked) 384 (12 x 32) moved to four: 0.84-0.85
  // -> 0.91-0.92 at 65536 rows, 0.80-0.84 -> 0.82-0.89 at 16384 (bf16 and
  // f16); 1920 (60 x 32) to eight: 0.92-0.93 -> 0.93-0.94, 0.84-0.86 ->
  // 0.86-0.88. Every other size kept its count (within 0.01-0.02 or
  // slower).
  Factorization f = factorize(spec.d).value_or(Factorization{});
  int64_t P = f.m > 1 ? spec.d / f.m : 0;
  if (P == 8 || P == 16 || P == 32) {
    c.vectorWidth = 2;
    bool four =
        (P == 16 && f.m >= 52) ||
        (P == 32 &&
         (f.m == 12 || (f.m >= 28 && f.m != 44 && f.m != 52 && f.m != 60)));
    if (four)
      c.rowsPerBlock = std::min<int64_t>(c.rowsPerBlock, 4);
  }
  return c;
}

/// #walsh.config's cross_warp for a GpuConfig's.
static mlir::walsh::CrossWarp configCrossWarp(GpuCrossWarp c) {
  switch (c) {
  case GpuCrossWarp::Shared:
    return mlir::walsh::CrossWarp::Shared;
  case GpuCrossWarp::Transpose:
    return mlir::walsh::CrossWarp::Transpose;
  case GpuCrossWarp::Mma:
    return mlir::walsh::CrossWarp::Mma;
  }
  return mlir::walsh::CrossWarp::Shared;
}

/// `config` as a #walsh.config in `ctx` (the Walsh dialect loaded); null,
/// the verifier's diagnostics emitted in `ctx`, where it refuses it.
static mlir::walsh::ConfigAttr configAttrOf(mlir::MLIRContext &ctx,
                                            const GpuConfig &config) {
  return mlir::walsh::ConfigAttr::getChecked(
      [&] { return mlir::emitError(mlir::UnknownLoc::get(&ctx)); }, &ctx,
      config.elemsPerThread, config.threadsPerRow, config.rowsPerBlock,
      config.vectorWidth, configCrossWarp(config.crossWarp), config.rowIters,
      config.cluster);
}

/// `config` as a #walsh.config in a context of its own, diagnostics
/// silenced, handed to `query` (a null attribute where the verifier
/// refuses it).
template <typename Query>
static auto queryConfigAttr(const GpuConfig &config, Query query) {
  mlir::MLIRContext ctx(mlir::MLIRContext::Threading::DISABLED);
  ctx.getOrLoadDialect<mlir::walsh::WalshDialect>();
  mlir::ScopedDiagnosticHandler quiet(
      &ctx, [](mlir::Diagnostic &) { return mlir::success(); });
  return query(configAttrOf(ctx, config));
}

bool gpuConfigIsMmaSplit(const ProjectionSpec &spec, const GpuConfig &config) {
  auto f = factorize(spec.d);
  if (!f || config.crossWarp != GpuCrossWarp::Mma)
    return false;
  return queryConfigAttr(config, [&](mlir::walsh::ConfigAttr attr) {
    return attr && attr.mmaSplit(spec.d, f->m);
  });
}

int64_t gpuConfigDenseGroups(const ProjectionSpec &spec,
                             const GpuConfig &config) {
  auto f = factorize(spec.d);
  if (!f || f->m == 1)
    return 0;
  return queryConfigAttr(config, [&](mlir::walsh::ConfigAttr attr) {
    return attr ? attr.denseGroups(f->m) : int64_t(0);
  });
}

/// A cross_warp = mma default's 'row_iters': 2 (each iteration of a
/// block's loop over its row groups also prefetches into L2 the group two
/// grids on, besides loading the next one) where that gained, else 1.
/// H200, 2026-12-03, fraction of the copy roofline at 16384 / 65536 rows,
/// none -> two grids (walsh-gpu, two passes in opposite orders, every
/// kernel checked). The split layouts (run387, run388): the power-of-two
/// split of 16-bit 16384 over sixteen warps, bf16 0.91 / 0.91 -> 0.94 /
/// 0.93-0.95, f16 0.92 / 0.91 -> 0.94 / 0.92-0.93 (45.7 x cuBLAS's bf16
/// product at 16384 rows, walsh bench); H_m on tensor cores in the split
/// layout, not stationary, at 2^k = 256 or m = 28: bf16 9216 0.77 / 0.78
/// -> 0.82 / 0.79-0.80, 7168 0.86 -> 0.88, 14336 0.78 -> 0.80, 28672 0.68
/// -> 0.70, 11264 0.80 -> 0.81 (f16 9216 0.75 -> 0.77, 28672 0.68 -> 0.70,
/// the rest level). Three grids lost at 16384 (0.81-0.85), four nearly
/// everywhere (0.64-0.80); two lost at the power-of-two split of 8192 (two
/// blocks a multiprocessor: 0.91 -> 0.86 / 0.89), 12288 (0.87 -> 0.84),
/// 20480 (0.83 -> 0.79), the stationary 13312 (0.71 -> 0.67), the tiles
/// of 1280 and 2304 (0.86-0.92 -> 0.78-0.89), and were mixed at 4096,
/// 3072 and 6144. H_m on tensor cores (run389, all 120 of its defaults):
/// 16-bit 2^k = 8 from m = 36 for a known count of at most 16384 rows,
/// bf16 / f16 288 0.85-0.87 -> 0.90-0.91 / 0.87-0.89, 352 0.88 -> 0.92 /
/// 0.91-0.92, 416 0.86-0.87 -> 0.92-0.97 / 0.84-0.92, 480 0.89-0.90 ->
/// 0.93-0.96 (at 65536 rows -0.01 ... +0.01); 16-bit 416 at every row
/// count, 0.88 -> 0.90 (f16 0.89-0.90) at 65536 rows, and 320 past 16384
/// rows, 0.90 -> 0.93 (f16 0.89-0.91 -> 0.92-0.93; at 16384 rows 0.85-0.92
/// against 0.86-0.88, and walsh bench, run390, 0.84-0.85);
/// fp32 288 0.86-0.87 -> 0.91 and 1664 0.85-0.86 -> 0.90 at 65536 rows
/// (level at 16384; 1664 since four rows a block without it, run437:
/// layoutDefault). Not elsewhere: from 3328 it lost 0.02-0.18 (5120
/// 0.91 -> 0.76), and at 65536 rows 704, 768, 1152, 1920 and fp32 416,
/// 480, 1920 lost 0.02-0.07. And 16-bit 26624 (52 x 512 over 832
/// threads, run398, 16384 rows): 0.59 -> 0.61 (f16 0.58-0.59 -> 0.60-0.61);
/// not 22528 and 30720 over 704 and 960 threads (0.69 -> 0.67, 0.53 ->
/// 0.49-0.52), not measured over the 352 and 480 their defaults take.
/// 26624 over 416 threads too since 2026-12-07 (one item at a time there,
/// MmaKernel.cpp's mmaSplitHmItemsAtOnce; run538 on an H100, 0.76 ->
/// 0.91-0.92 bf16 against the 832 threads before).
static int64_t mmaRowsAhead(const ProjectionSpec &spec, const GpuConfig &c,
                            int64_t rows) {
  auto f = factorize(spec.d);
  if (!f || c.crossWarp != GpuCrossWarp::Mma)
    return 1;
  int64_t m = f->m, p = int64_t(1) << f->k;
  bool sixteen = spec.dtype != DType::F32;
  return queryConfigAttr(c, [&](mlir::walsh::ConfigAttr attr) -> int64_t {
    if (!attr)
      return 1;
    if (attr.mmaSplitsPowerOfTwo(spec.d, m))
      return (spec.d == 16384 || (spec.d == 32768 && c.vectorWidth == 8)) &&
                     c.threadsPerRow == 16 * 32
                 ? 2
                 : 1;
    if (attr.mmaSplit(spec.d, m) && c.vectorWidth == 8) {
      bool moving = !mlir::walsh::gpuMmaSplitHmStationary(attr, spec.d, m);
      bool twoAhead = (moving && (p == 256 || m == 28)) ||
                      (m == 52 && p == 512); // 26624, whatever its threads
      return twoAhead ? 2 : 1;
    }
    if (!attr.hmTensorCores(spec.d, m))
      return 1;
    bool bulk = rows == 0 || rows > 16384;
    bool ahead = sixteen ? (p == 8 && m >= 36 && !bulk) || spec.d == 416 ||
                               (spec.d == 320 && bulk)
                         : spec.d == 288;
    return ahead ? 2 : 1;
  });
}

GpuConfig defaultGpuConfig(const ProjectionSpec &spec, int64_t rows,
                           bool tensorCores, bool rowGroups, bool clusters) {
  GpuConfig c = layoutDefault(spec, rows, tensorCores, rowGroups, clusters);
  if (c.crossWarp == GpuCrossWarp::Mma && c.rowIters == 1)
    c.rowIters = mmaRowsAhead(spec, c, rows);
  return c;
}

llvm::Expected<int64_t> checkGpuConfig(const ProjectionSpec &spec,
                                       const GpuConfig &config) {
  auto f = factorize(spec.d);
  if (!f)
    return llvm::createStringError("d: " + std::to_string(spec.d) +
                                   " is not m * 2^k with a known Hadamard "
                                   "order m");
  mlir::MLIRContext ctx(mlir::MLIRContext::Threading::DISABLED);
  ctx.getOrLoadDialect<mlir::walsh::WalshDialect>();
  std::string diagnostics;
  mlir::ScopedDiagnosticHandler handler(&ctx, [&](mlir::Diagnostic &d) {
    diagnostics += d.str();
    return mlir::success();
  });
  auto emit = [&] { return mlir::emitError(mlir::UnknownLoc::get(&ctx)); };
  mlir::walsh::ConfigAttr attr = configAttrOf(ctx, config);
  if (!attr || mlir::failed(attr.verifyForSize(emit, spec.d, f->m)))
    return llvm::createStringError("config: " + diagnostics);
  int64_t bytes = dtypeBytes(spec.dtype);
  int64_t lanes =
      std::min(config.vectorWidth, attr.elemsPerIndex(f->m)) * bytes;
  if (std::string why =
          mlir::walsh::gpuNormConflict(attr, f->m, spec.norm != NormKind::None);
      !why.empty())
    return llvm::createStringError("config: " + why);
  mlir::walsh::GpuChainTraits traits;
  traits.norm = spec.norm != NormKind::None;
  traits.mul = spec.withMul;
  traits.add = spec.withAdd;
  traits.prologue = spec.hasPrologue();
  traits.residual = spec.residual;
  traits.crossHeadOnly = spec.crossHeadOnly != 0;
  traits.outCast = spec.casts();
  traits.fp32Rows = spec.dtype == DType::F32;
  if (std::string why = mlir::walsh::gpuClusterConflict(attr, traits);
      !why.empty())
    return llvm::createStringError("config: " + why);
  if (std::string why = mlir::walsh::gpuGroupsConflict(attr, f->m, traits);
      !why.empty())
    return llvm::createStringError("config: " + why);
  if (std::string why =
          mlir::walsh::gpuMmaConflict(attr, spec.d, f->m, bytes, traits);
      !why.empty())
    return llvm::createStringError("config: " + why);
  if (config.rowIters > 1 && spec.splits)
    return llvm::createStringError(
        "config: expects 'row_iters' = 1 with a split-KV combine: the "
        "prefetch (cp.async) copies one row, not K partials");
  if (config.rowIters > 1 && lanes != 4 && lanes != 8 && lanes != 16)
    return llvm::createStringError(
        "config: expects 'row_iters' = 1 for " + std::to_string(lanes) +
        "-byte vector accesses: the prefetch (cp.async) copies 4, 8 or 16 "
        "bytes");
  return mlir::walsh::gpuSharedLayout(spec.d, f->m, bytes, attr, traits)
      .total();
}

/// The most dynamic shared memory a block may opt into on `chip` (CUDA C++
/// Programming Guide, "Technical Specifications per Compute Capability").
static int64_t maxSharedBytes(const std::string &chip) {
  if (chip == "sm_90" || chip == "sm_90a")
    return mlir::walsh::kSm90SharedPerBlock;
  if (chip == "sm_80" || chip == "sm_87")
    return 163 * 1024;
  if (chip == "sm_86" || chip == "sm_89")
    return 99 * 1024;
  if (chip == "sm_75")
    return 64 * 1024;
  return 96 * 1024; // sm_70, sm_72
}

bool gpuChipHasTensorCores(const std::string &chip) {
  return chip != "sm_70" && chip != "sm_72" && chip != "sm_75";
}

bool gpuChipHasClusters(const std::string &chip) {
  return chip == "sm_90" || chip == "sm_90a";
}

GpuConfig defaultGpuConfigForChip(const ProjectionSpec &spec, int64_t rows,
                                  const std::string &chip) {
  bool sm80 = gpuChipHasTensorCores(chip);
  return defaultGpuConfig(spec, rows, /*tensorCores=*/sm80,
                          /*rowGroups=*/sm80,
                          /*clusters=*/gpuChipHasClusters(chip));
}

llvm::Error validateChip(const std::string &chip) {
  using mlir::walsh::kGpuChips;
  if (llvm::is_contained(kGpuChips, chip))
    return llvm::Error::success();
  return llvm::createStringError(
      "chip: expects one of " +
      llvm::join(std::begin(kGpuChips), std::end(kGpuChips), ", ") +
      ", got '" + chip + "'");
}

namespace {
/// The gpu.module to PTX, translated to LLVM IR and optimized once: MLIR's
/// gpu-module-to-binary did it twice (for the PTX, and again for the
/// optimized IR that is the `llvm` stage), and parsed and linked libdevice
/// each time, which walsh's kernels do not call. Beside ptxas, the second
/// translation was the longer of the two (bf16 d = 7168: 80 ms of ptxas in
/// a window of 95-119 ms, this VM, 2026-11-30). libdevice is still linked
/// when the module declares one of its functions.
class PtxSerializer : public mlir::NVVM::SerializeGPUModuleBase {
public:
  PtxSerializer(mlir::gpu::GPUModuleOp module,
                mlir::NVVM::NVVMTargetAttr target)
      : SerializeGPUModuleBase(*module, target) {}

  /// The optimized module as bitcode, before code generation (which
  /// rewrites the IR it compiles).
  std::string bitcode;

protected:
  std::optional<llvm::SmallVector<std::unique_ptr<llvm::Module>>>
  loadBitcodeFiles(llvm::Module &module) override {
    for (const llvm::Function &f : module)
      if (f.isDeclaration() && f.getName().starts_with("__nv_"))
        return SerializeGPUModuleBase::loadBitcodeFiles(module);
    return llvm::SmallVector<std::unique_ptr<llvm::Module>>();
  }

  std::optional<llvm::SmallVector<char, 0>>
  moduleToObject(llvm::Module &module) override {
    {
      llvm::raw_string_ostream os(bitcode);
      llvm::WriteBitcodeToFile(module, os);
    }
    std::optional<llvm::TargetMachine *> machine = getOrCreateTargetMachine();
    if (!machine) {
      getOperation().emitError() << "no LLVM target machine for " << triple;
      return std::nullopt;
    }
    std::optional<std::string> isa = translateToISA(module, **machine);
    if (!isa)
      return std::nullopt;
    return llvm::SmallVector<char, 0>(isa->begin(), isa->end());
  }
};
} // namespace

llvm::Expected<int64_t> checkGpuCompile(const ProjectionSpec &spec,
                                        const GpuConfig &config,
                                        const std::string &chip) {
  if (llvm::Error e = validateChip(chip))
    return std::move(e);
  // mma.sync.m16n8k16 with bf16 or f16 operands and fp32 accumulators.
  // (Row groups prefetch with cp.async, sm_80 on too: LLVM aborts on it
  // before.)
  if (config.rowIters > 1 && !gpuChipHasTensorCores(chip))
    return llvm::createStringError(
        "chip: expects sm_80 or newer for 'row_iters' > 1 (the prefetch "
        "copies rows with cp.async), got '" +
        chip + "'");
  if (config.crossWarp == GpuCrossWarp::Mma && !gpuChipHasTensorCores(chip))
    return llvm::createStringError(
        "chip: expects sm_80 or newer for cross_warp = mma (mma.sync "
        "m16n8k16 with 16-bit operands), got '" +
        chip + "'");
  // Thread-block clusters and distributed shared memory: sm_90 on.
  if (config.cluster > 1 && !gpuChipHasClusters(chip))
    return llvm::createStringError(
        "chip: expects sm_90 or sm_90a for 'cluster' > 1 (thread-block "
        "clusters), got '" +
        chip + "'");
  // What the configuration must satisfy against the spec, with the errors
  // the tuner's pruning gives ("config: ...").
  auto shared = checkGpuConfig(spec, config);
  if (!shared)
    return shared.takeError();
  // More than the chip allows would only fail at load, on a device.
  if (int64_t most = maxSharedBytes(chip); *shared > most) {
    // Where no layout of one block a row can fit (the row in fp32 alone is
    // too large: sm_90's d = 61440 and 65536), say so, not only the count.
    std::string why;
    if (spec.d * 4 > most)
      why = " (d = " + std::to_string(spec.d) + ": one row in fp32 alone " +
            "is " + std::to_string(spec.d * 4) + " bytes, more than a block " +
            "of " + chip + " holds; the CPU target takes every d)";
    return llvm::createStringError("config: needs " + std::to_string(*shared) +
                                   " bytes of shared memory a block; " + chip +
                                   " allows at most " + std::to_string(most) +
                                   why);
  }
  return *shared;
}

static llvm::Expected<GpuArtifact> compileHere(const ProjectionSpec &spec,
                                               const GpuConfig &config,
                                               const std::string &chip) {
  auto start = std::chrono::steady_clock::now();
  if (auto shared = checkGpuCompile(spec, config, chip); !shared)
    return shared.takeError();
  // (checkGpuConfig refuses a d that does not factor.)
  Factorization factors = *factorize(spec.d);
  mlir::DialectRegistry registry;
  registerAllWalshDialects(registry);
  mlir::MLIRContext ctx(registry, mlir::MLIRContext::Threading::DISABLED);
  loadDialects(ctx);
  std::string diagnostics;
  mlir::ScopedDiagnosticHandler handler(&ctx, [&](mlir::Diagnostic &d) {
    diagnostics += d.str() + "\n";
    return mlir::success();
  });
  mlir::walsh::ConfigAttr attr = configAttrOf(ctx, config);
  if (!attr)
    return llvm::createStringError("config: " + diagnostics);
  auto module = buildProjectionModule(ctx, spec, attr);
  if (!module)
    return module.takeError();
  if (mlir::failed(mlir::verify(**module)))
    return llvm::createStringError("config: " + diagnostics);

  GpuArtifact art;
  art.spec = spec;
  art.config = config;
  art.chip = chip;
  art.stages["walsh"] = mlir::walsh::printStage(**module);
  // Each phase verifies its result once, not after every pass: on the m =
  // 60 kernel's straight-line body (d = 15360) the per-pass verifier cost
  // 15 of the NVVM lowering's 40 ms (this VM, 2026-11-30); the output is
  // the same.
  auto run = [&](auto build, const char *name) -> llvm::Error {
    mlir::PassManager pm(&ctx, mlir::ModuleOp::getOperationName());
    pm.enableVerifier(false);
    build(pm);
    if (mlir::failed(pm.run(**module)))
      return llvm::createStringError(std::string(name) + " failed: " +
                                     diagnostics);
    if (mlir::failed(mlir::verify(**module)))
      return llvm::createStringError(std::string(name) +
                                     " produced invalid IR: " + diagnostics);
    return llvm::Error::success();
  };
  if (llvm::Error e = run(
          [&](mlir::OpPassManager &pm) {
            mlir::walsh::buildSpecToStagesPipeline(pm, spec.crossHeadOnly);
          },
          "walsh-to-stages"))
    return std::move(e);
  art.stages["stages"] = mlir::walsh::printStage(**module);
  if (llvm::Error e = run(
          [](mlir::OpPassManager &pm) {
            pm.addPass(mlir::walsh::createWalshConvertToGPU());
          },
          "walsh-convert-to-gpu"))
    return std::move(e);
  // The gpu and nvvm stages are printed while ptxas runs (below): bf16
  // d = 1920, 6-7 of its 195 ms (this VM, 2026-11-30).
  mlir::walsh::StageSnapshots snapshots;
  snapshots.copy("gpu", **module);
  int64_t lanes = 1;
  (*module)->walk([&](mlir::gpu::GPUFuncOp fn) {
    art.blockThreads = (*fn.getKnownBlockSize())[0];
    // The widest vector of a row's elements a thread accesses.
    lanes = fn->getAttrOfType<mlir::IntegerAttr>("walsh.row_lanes").getInt();
    art.rowsPerBlock =
        fn->getAttrOfType<mlir::IntegerAttr>("walsh.rows_per_block").getInt();
    art.sharedBytes =
        fn->getAttrOfType<mlir::IntegerAttr>("walsh.shared_bytes").getInt();
  });
  // (walsh-convert-to-gpu records each kernel's widest row access.)
  art.rowAlignment = lanes * dtypeBytes(spec.dtype);
  art.blocksPerSM = gpuPersistentBlocksPerSM(spec, config);

  // The rest of walsh-lower-to-nvvm (everything after the conversion), in
  // two steps so the NVVM form and the optimized LLVM IR can be kept.
  mlir::walsh::NvvmOptions options;
  options.chip = chip;
  options.format = "";
  if (llvm::Error e = run(
          [&](mlir::OpPassManager &pm) {
            mlir::walsh::buildGpuToNvvmPipeline(pm, options);
          },
          "the NVVM lowering"))
    return std::move(e);
  // (Translated, not changed, from here on.)
  snapshots.keep("nvvm", **module);
  // The gpu.module -> LLVM IR -> optimized -> PTX, once (PtxSerializer);
  // its optimized IR, kept as bitcode, is the `llvm` stage.
  std::string bitcode;
  {
    mlir::gpu::GPUModuleOp gpuModule;
    mlir::NVVM::NVVMTargetAttr target;
    (*module)->walk([&](mlir::gpu::GPUModuleOp op) {
      gpuModule = op;
      if (mlir::ArrayAttr targets = op.getTargetsAttr();
          targets && !targets.empty())
        target = llvm::dyn_cast<mlir::NVVM::NVVMTargetAttr>(targets[0]);
    });
    if (!target)
      return llvm::createStringError(
          "walsh-lower-to-nvvm left no gpu.module with an #nvvm.target");
    PtxSerializer serializer(gpuModule, target);
    mlir::NVVM::SerializeGPUModuleBase::init();
    std::optional<llvm::SmallVector<char, 0>> ptx = serializer.run();
    if (!ptx)
      return llvm::createStringError("LLVM IR -> PTX failed: " + diagnostics);
    art.ptx.assign(ptx->begin(), ptx->end());
    bitcode = std::move(serializer.bitcode);
  }
  while (!art.ptx.empty() && art.ptx.back() == '\0')
    art.ptx.pop_back();
  if (art.ptx.empty())
    return llvm::createStringError("walsh-lower-to-nvvm produced no PTX");
  art.stages["ptx"] = art.ptx;
  // ptxas (a process of its own, no MLIR) assembles the cubin while this
  // thread prints the optimized LLVM IR stage and the kept MLIR stages.
  art.ptxas = findCudaTool("ptxas");
  // One warp a row of tensor-core tiles with 2^k >= 128: ptxas's
  // fast-compile level. On the H200 (2026-11-30, run89 and run91,
  // walsh-gpu, the same PTX side by side, every kernel checked) those
  // kernels ran as fast or faster (bf16 2560 at 65536 rows 0.86-0.87 ->
  // 0.90-0.91, the rest within 0.01) and ptxas took 0.55-0.75 of the time
  // (3584: 160 -> 90 ms). Not elsewhere: tiles of four dense indices lost
  // up to 0.08 (bf16 2816: 0.92-0.93 -> 0.87 at 65536 rows, 0.86 -> 0.78
  // at 16384), the shuffle and transpose kernels up to 0.15 (bf16 3840 0.38
  // -> 0.23, f32 3584 0.93 -> 0.84), two warps a row 0.02 at 16384 rows,
  // and H_m on tensor cores (vector_width 2) up to 0.15 (run133, 65536 rows,
  // bf16 / f16: 4608 0.83 -> 0.76, 5120 0.82 -> 0.67, 6656 0.50 -> 0.42,
  // 7168 0.59 -> 0.51, 7680 0.54 -> 0.47; 5632 within 0.01).
  bool fastCompile = config.crossWarp == GpuCrossWarp::Mma &&
                     config.threadsPerRow == 32 && config.vectorWidth == 4 &&
                     spec.d / factors.m >= 128;
  walsh::Async<llvm::Expected<std::string>> cubin;
  if (!art.ptxas.empty())
    cubin = walsh::runAsync([&] {
      return assemblePtx(art.ptxas, art.ptx, chip, fastCompile,
                         &art.ptxasOptions);
    });
  llvm::Error printed = [&]() -> llvm::Error {
    llvm::LLVMContext llvmCtx;
    auto ir = llvm::parseBitcodeFile(
        llvm::MemoryBufferRef(bitcode, "kernel.bc"), llvmCtx);
    if (!ir)
      return ir.takeError();
    llvm::raw_string_ostream os(art.stages["llvm"]);
    (*ir)->print(os, nullptr);
    return llvm::Error::success();
  }();
  snapshots.printInto(art.stages);
  llvm::Expected<std::string> assembled =
      cubin.valid() ? cubin.get() : llvm::Expected<std::string>(std::string());
  if (printed) {
    llvm::consumeError(assembled.takeError());
    return std::move(printed);
  }
  if (!assembled)
    return assembled.takeError();
  art.cubin = std::move(*assembled);
  art.compileMs = std::chrono::duration<double, std::milli>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  return art;
}

llvm::Expected<GpuArtifact> compileForGpu(const ProjectionSpec &spec,
                                          const GpuConfig &config,
                                          const std::string &chip) {
  return withStack(kCompileStackBytes,
                   [&] { return compileHere(spec, config, chip); });
}

std::string findCudaTool(const std::string &name) {
  auto executable = [](const std::string &p) {
    return llvm::sys::fs::can_execute(p) && !llvm::sys::fs::is_directory(p);
  };
  // Empty is unset, as for every variable walsh reads (`WALSH_CUDA_BIN=`
  // looked for the tools in "" until 2026-12-06: kernels stayed PTX).
  if (const char *bin = std::getenv("WALSH_CUDA_BIN"); bin && *bin) {
    if (std::string(bin) == "none")
      return "";
    std::string p = std::string(bin) + "/" + name;
    if (executable(p))
      return p;
    // The one place asked for, and not there: said once a tool, since the
    // toolkit someone named is not the one PATH would give (until
    // 2026-12-06 a mistyped directory left kernels PTX without a word).
    static std::mutex mu;
    static std::set<std::string> said;
    std::lock_guard<std::mutex> lock(mu);
    if (said.insert(name).second)
      llvm::errs() << "walsh: warning: WALSH_CUDA_BIN: no executable " << name
                   << " in '" << bin << "'; going on without it"
                   << (name == "ptxas"
                           ? " (kernels stay PTX, which the driver compiles "
                             "when it loads them)"
                           : "")
                   << "\n";
    return "";
  }
  if (auto p = llvm::sys::findProgramByName(name))
    return *p;
  std::vector<std::string> dirs;
  if (const char *home = std::getenv("CUDA_HOME"); home && *home)
    dirs.push_back(std::string(home) + "/bin/");
  dirs.push_back("/usr/local/cuda/bin/");
  for (const std::string &dir : dirs)
    if (executable(dir + name))
      return dir + name;
  return "";
}

namespace {
/// A temporary directory removed, with what is in it, on scope exit.
struct TempDir {
  llvm::SmallString<128> path;
  std::vector<std::string> files;
  ~TempDir() {
    for (const std::string &f : files)
      llvm::sys::fs::remove(f);
    if (!path.empty())
      llvm::sys::fs::remove(path);
  }
  std::string file(const char *name) {
    llvm::SmallString<128> p(path);
    llvm::sys::path::append(p, name);
    files.push_back(std::string(p));
    return files.back();
  }
  /// A new directory `<prefix>-XXXXXX` in the system's temporary one.
  std::error_code create(const char *prefix) {
    return llvm::sys::fs::createUniqueDirectory(prefix, path);
  }
  /// `create`'s failure for `what`, naming the directory it was made in
  /// and where that came from (a TMPDIR that does not exist, or that this
  /// user cannot write, fails every GPU compile that runs ptxas).
  static llvm::Error error(const char *what, std::error_code ec) {
    llvm::SmallString<128> base;
    llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, base);
    const char *env = std::getenv("TMPDIR");
    return llvm::createStringError(
        ec, llvm::Twine(what) + ": cannot create a temporary directory in '" +
                base + "'" + (env && base == env ? " (TMPDIR)" : "") + ": " +
                ec.message());
  }
};

/// Runs `args` (args[0] the program) with stdout and stderr to files;
/// returns stdout, or an error quoting stderr.
llvm::Expected<std::string> runTool(TempDir &dir,
                                    llvm::ArrayRef<std::string> args) {
  std::string out = dir.file("stdout"), err = dir.file("stderr");
  std::vector<llvm::StringRef> argv(args.begin(), args.end());
  std::string message;
  // Not llvm::sys::ExecuteAndWait: it takes the host's alarm and fails
  // where the host ignores SIGCHLD (walsh/Support/RunProgram.h).
  int rc = runProgram(args[0], argv, out, err, /*seconds=*/120, &message);
  auto readBack = [](const std::string &p) {
    auto buf = llvm::MemoryBuffer::getFile(p);
    return buf ? (*buf)->getBuffer().str() : std::string();
  };
  if (rc != 0) {
    std::string text = readBack(err);
    if (llvm::StringRef(text).trim().empty())
      text = readBack(out);
    // What it said, if anything (a program that could not be started, as
    // under `ulimit -u`, said nothing: no colon and blank line then).
    text = llvm::StringRef(text).rtrim().str();
    return llvm::createStringError(
        args[0] + " failed" + (message.empty() ? "" : " (" + message + ")") +
        (text.empty() ? "" : ":\n" + text));
  }
  return readBack(out);
}
} // namespace

const std::string &ptxasIdentity() {
  static const std::string id = [] {
    std::string ptxas = findCudaTool("ptxas");
    if (ptxas.empty())
      return std::string("none");
    TempDir dir;
    if (dir.create("walsh-ptxas"))
      return ptxas;
    auto out = runTool(dir, {ptxas, "--version"});
    if (!out) {
      llvm::consumeError(out.takeError());
      return ptxas;
    }
    auto [head, last] = llvm::StringRef(*out).trim().rsplit('\n');
    return ptxas + " " + (last.empty() ? head : last).str();
  }();
  return id;
}

llvm::Expected<std::string>
assemblePtx(const std::string &ptxas, const std::string &ptx,
            const std::string &chip, bool fastCompile, std::string *options) {
  TempDir dir;
  if (std::error_code ec = dir.create("walsh-ptxas"))
    return dir.error("ptxas", ec);
  std::string in = dir.file("kernel.ptx"), out = dir.file("kernel.cubin");
  if (llvm::Error e = writeFile(in, ptx))
    return std::move(e);
  std::string level = fastCompile ? "--Ofast-compile=min" : "-O3";
  auto ran = runTool(dir, {ptxas, "-arch=" + chip, level, in, "-o", out});
  // A ptxas older than CUDA 12.8's has no fast-compile level: -O3.
  if (!ran && fastCompile) {
    llvm::consumeError(ran.takeError());
    level = "-O3";
    ran = runTool(dir, {ptxas, "-arch=" + chip, level, in, "-o", out});
  }
  if (!ran)
    return ran.takeError();
  if (options)
    *options = level;
  auto cubin = llvm::MemoryBuffer::getFile(out, /*IsText=*/false);
  if (!cubin)
    return llvm::createStringError(cubin.getError(),
                                   "ptxas wrote no cubin: " +
                                       cubin.getError().message());
  return (*cubin)->getBuffer().str();
}

llvm::Expected<std::string> disassembleCubin(const std::string &cubin) {
  if (cubin.empty())
    return llvm::createStringError(
        "no cubin: the kernel was compiled without ptxas (looked in "
        "$WALSH_CUDA_BIN, PATH, $CUDA_HOME/bin and /usr/local/cuda/bin)");
  std::string tool = findCudaTool("cuobjdump");
  std::vector<std::string> args;
  TempDir dir;
  if (std::error_code ec = dir.create("walsh-sass"))
    return dir.error("SASS", ec);
  std::string in = dir.file("kernel.cubin");
  if (llvm::Error e = writeFile(in, cubin))
    return std::move(e);
  if (!tool.empty()) {
    args = {tool, "-sass", in};
  } else if (!(tool = findCudaTool("nvdisasm")).empty()) {
    args = {tool, "-c", in};
  } else {
    return llvm::createStringError(
        "SASS needs cuobjdump or nvdisasm from the CUDA toolkit; neither is "
        "in $WALSH_CUDA_BIN, PATH, $CUDA_HOME/bin or /usr/local/cuda/bin");
  }
  return runTool(dir, args);
}

} // namespace walsh
