//===- GpuSharedTest.cpp - the shared memory a GPU kernel is given --------===//
//
// Two places compute a kernel's dynamic shared memory: checkGpuConfig, from
// the spec (the autotuner prunes candidates by it, `walsh compile` refuses
// what the device cannot hold), and the lowering, from the IR (the artifact
// the launcher sizes the launch by). They must agree, including the affine
// table's choice, which depends on the dtype, the prologue and the config.
// PTX only: no ptxas needed.
//
//===----------------------------------------------------------------------===//
#include "walsh/Hadamard/SignProgram.h"
#include "walsh/Runtime/GpuKernel.h"
#include "walsh/Runtime/Jit.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <tuple>
#include <string>

using namespace walsh;

namespace {
ProjectionSpec specOf(int64_t d, DType dtype) {
  ProjectionSpec s;
  s.d = d;
  s.dtype = dtype;
  return s;
}

/// The lowering's shared bytes for `spec` under `config` (its default
/// configuration for `rows` when null), checked against checkGpuConfig's.
int64_t sharedBytesAgree(const ProjectionSpec &spec, int64_t rows,
                         const GpuConfig *given = nullptr) {
  ::setenv("WALSH_CUDA_BIN", "none", 1);
  GpuConfig config = given ? *given : defaultGpuConfig(spec, rows);
  auto fromSpec = checkGpuConfig(spec, config);
  EXPECT_TRUE(bool(fromSpec)) << llvm::toString(fromSpec.takeError());
  auto artifact = compileForGpu(spec, config);
  EXPECT_TRUE(bool(artifact)) << llvm::toString(artifact.takeError());
  if (!fromSpec || !artifact)
    return -1;
  EXPECT_EQ(*fromSpec, artifact->sharedBytes)
      << specName(spec) << " at " << rows << " rows";
  return artifact->sharedBytes;
}
/// cross_warp = shared with `elems` values over `threads` a row: m values
/// (or m pairs, `width` 2) a thread where elems is m (2m).
GpuConfig sharedLanes(int64_t elems, int64_t threads, int64_t width = 1,
                      int64_t rowsPerBlock = 1, int64_t iters = 1) {
  GpuConfig c;
  c.elemsPerThread = elems;
  c.threadsPerRow = threads;
  c.rowsPerBlock = rowsPerBlock;
  c.vectorWidth = width;
  c.crossWarp = GpuCrossWarp::Shared;
  c.rowIters = iters;
  return c;
}
/// How often `what` occurs in `text`.
size_t occurrences(const std::string &text, const std::string &what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1))
    ++n;
  return n;
}
/// A 16-bit layout through transposes (16-byte vectors): `elems` values
/// over `threads` a row, `rows` rows a block, `iters` row groups.
GpuConfig transposeConfig(int64_t elems, int64_t threads, int64_t rows,
                          int64_t iters) {
  GpuConfig c;
  c.elemsPerThread = elems;
  c.threadsPerRow = threads;
  c.rowsPerBlock = rows;
  c.vectorWidth = 8;
  c.crossWarp = GpuCrossWarp::Transpose;
  c.rowIters = iters;
  return c;
}
} // namespace

TEST(GpuShared, SpecAndLoweringAgreeOnEveryKind) {
  for (DType dt : {DType::BF16, DType::F16, DType::F32})
    for (int64_t d : {256, 768, 1536, 4096})
      for (int64_t rows : {16, 16384, 65536}) {
        ProjectionSpec plain = specOf(d, dt);
        sharedBytesAgree(plain, rows);
        ProjectionSpec noAffine = plain;
        noAffine.withMul = noAffine.withAdd = false;
        sharedBytesAgree(noAffine, rows);
        // Heads of 64 (a power of two dividing every 2^k here).
        ProjectionSpec rowSum = plain;
        rowSum.rowSum = true;
        rowSum.headDim = 64;
        sharedBytesAgree(rowSum, rows);
        ProjectionSpec bhsd = plain;
        bhsd.layout = Layout::BHSD;
        bhsd.headDim = 64;
        sharedBytesAgree(bhsd, rows);
      }
}

// bf16 d = 4096 at 16384 rows (two rows a group, 64 values a thread,
// transposes): 32 KB of exchange and two 16 KB prefetch buffers; with a
// prologue, one prefetch buffer and the affine table (16 KB of a * scale in
// fp32, 8 KB of b): 72 KB. fp32 takes no table.
TEST(GpuShared, AffineTableOnlyWithAPrologueBesideTransposes) {
  ProjectionSpec plain = specOf(4096, DType::BF16);
  // (The plain transform's default is the power-of-two split on tensor
  // cores now; the transposes on request.)
  GpuConfig transposes = transposeConfig(64, 64, 2, 4);
  EXPECT_EQ(sharedBytesAgree(plain, 16384, &transposes), 65536);
  ProjectionSpec rowSum = plain;
  rowSum.rowSum = true;
  rowSum.headDim = 128;
  EXPECT_EQ(sharedBytesAgree(rowSum, 16384), 73728);
  ProjectionSpec noAffine = rowSum;
  noAffine.withMul = noAffine.withAdd = false;
  EXPECT_EQ(sharedBytesAgree(noAffine, 16384), 65536);
}

// Row groups of long rows: one prefetch buffer where two would not fit a
// block (16-bit d = 32768 over transposes: 128 KB of exchange buffer, then
// one 64 KB row, the default's sixteen groups at 16384 rows) or would leave
// one block a multiprocessor where one leaves two (16-bit d = 16384: 64 KB
// + 32 KB, not 64 + 2 x 32); two while both fit two blocks (f16 d = 8192's
// default: 32 KB + 2 x 16 KB).
TEST(GpuShared, OnePrefetchBufferWhereTwoCostABlock) {
  for (DType dt : {DType::BF16, DType::F16}) {
    // (Without a and b: with them the power-of-two split on tensor cores.)
    ProjectionSpec d32768 = specOf(32768, dt);
    d32768.withMul = d32768.withAdd = false;
    ASSERT_EQ(defaultGpuConfig(d32768, 16384).rowIters, 16);
    EXPECT_EQ(sharedBytesAgree(d32768, 16384), 4 * 32768 + 2 * 32768);
    ProjectionSpec d16384 = specOf(16384, dt);
    // (64 values over 256 threads through transposes: 16384's default
    // before the power-of-two split on tensor cores.)
    GpuConfig groups = transposeConfig(64, 256, 1, 4);
    EXPECT_EQ(sharedBytesAgree(d16384, 16384, &groups), 4 * 16384 + 2 * 16384);
  }
  // (Without a and b: with them f16 8192 takes the power-of-two split.)
  ProjectionSpec d8192 = specOf(8192, DType::F16);
  d8192.withMul = d8192.withAdd = false;
  ASSERT_EQ(defaultGpuConfig(d8192, 65536).rowIters, 4);
  EXPECT_EQ(sharedBytesAgree(d8192, 65536), 4 * 8192 + 2 * 2 * 8192);
}

// bf16 d = 512 at 65536 rows (eight rows a block, shuffles, four groups):
// two 8 KB prefetch buffers before; one and the table (2 KB + 1 KB) now.
TEST(GpuShared, AffineTableWithoutTransposes) {
  ProjectionSpec s = specOf(512, DType::BF16);
  EXPECT_EQ(sharedBytesAgree(s, 65536), 8 * 512 * 2 + 512 * 4 + 512 * 2);
  ProjectionSpec f32 = specOf(512, DType::F32);
  GpuConfig c = defaultGpuConfig(f32, 65536);
  auto bytes = checkGpuConfig(f32, c);
  ASSERT_TRUE(bool(bytes)) << llvm::toString(bytes.takeError());
  // fp32 rows in bulk take no row groups by default, so nothing to prefetch.
  EXPECT_EQ(c.rowIters, 1);
  EXPECT_EQ(*bytes, 0);
}

// Tensor-core tiles (cross_warp = mma): only the affine table, a * scale
// and b as fp32 (4 d bytes each as present); bf16 d = 3072 in bulk is the
// default.
TEST(GpuShared, MmaTilesTakeOnlyTheAffineTable) {
  ProjectionSpec plain = specOf(3072, DType::BF16);
  ASSERT_EQ(defaultGpuConfig(plain, 65536).crossWarp, GpuCrossWarp::Mma);
  EXPECT_EQ(sharedBytesAgree(plain, 65536), 2 * 4 * 3072);
  for (int64_t d : {256, 1024, 2048}) {
    ProjectionSpec f16 = specOf(d, DType::F16);
    GpuConfig mma = mmaGpuConfig(f16, 65536);
    EXPECT_EQ(sharedBytesAgree(f16, 65536, &mma), 2 * 4 * d);
    ProjectionSpec onlyB = f16;
    onlyB.withMul = false;
    EXPECT_EQ(sharedBytesAgree(onlyB, 65536, &mma), 4 * d);
    ProjectionSpec none = f16;
    none.withMul = none.withAdd = false;
    EXPECT_EQ(sharedBytesAgree(none, 65536, &mma), 0);
  }
  // 112 values a lane (the default at d = 3584 to an fp32 output; H_m on
  // tensor cores to 16 bits): two prefetch buffers of the block's eight
  // rows in the storage type after the table.
  ProjectionSpec async = specOf(3584, DType::BF16);
  async.outDtype = DType::F32;
  ASSERT_EQ(defaultGpuConfig(async, 65536).vectorWidth, 4);
  EXPECT_EQ(defaultGpuConfig(specOf(3584, DType::BF16), 65536).vectorWidth,
            2);
  EXPECT_EQ(sharedBytesAgree(async, 65536), 2 * 4 * 3584 + 2 * 8 * 2 * 3584);
  // Two warps a row (f16 d = 5120, two rows a block, on request): the
  // table, then two exchange buffers of the block's rows (fp32).
  ProjectionSpec wide = specOf(5120, DType::F16);
  GpuConfig twoWarps = mmaGpuConfig(wide, 65536);
  twoWarps.threadsPerRow = 64;
  twoWarps.elemsPerThread = 80;
  twoWarps.rowsPerBlock = 2;
  EXPECT_EQ(sharedBytesAgree(wide, 65536, &twoWarps),
            2 * 4 * 5120 + 2 * 2 * 2 * 5120);
  ProjectionSpec wideNone = specOf(5120, DType::F16);
  wideNone.withMul = wideNone.withAdd = false;
  EXPECT_EQ(sharedBytesAgree(wideNone, 65536, &twoWarps), 2 * 2 * 2 * 5120);
  // Tiles of four dense indices (2^k = 64; the default at 2304 in bulk):
  // the table alone; 120 values a lane (3840, on request) add the
  // prefetch buffers.
  ProjectionSpec quads = specOf(2304, DType::BF16);
  ASSERT_EQ(defaultGpuConfig(quads, 65536).crossWarp, GpuCrossWarp::Mma);
  EXPECT_EQ(sharedBytesAgree(quads, 65536), 2 * 4 * 2304);
  ProjectionSpec quadsAsync = specOf(3840, DType::F16);
  GpuConfig mma = mmaGpuConfig(quadsAsync, 65536);
  EXPECT_EQ(sharedBytesAgree(quadsAsync, 65536, &mma),
            2 * 4 * 3840 + 2 * 8 * 2 * 3840);
}

// The split layout on tensor cores (a warp g dense indices): the row in
// fp32 for the m-point stage, then a and b in the storage type as present
// (2 d bytes each); the default for 16-bit 3072, 6144, 7168, 10240 and
// 12288 in bulk (g = 2, 1, 4, 2, 1), not for rows of up to 64 or fp32.
TEST(GpuShared, MmaSplitTakesTheRow) {
  for (DType t : {DType::BF16, DType::F16}) {
    ProjectionSpec s = specOf(12288, t);
    GpuConfig c = defaultGpuConfig(s, 65536);
    ASSERT_EQ(c.crossWarp, GpuCrossWarp::Mma);
    EXPECT_EQ(c.threadsPerRow, 384);
    EXPECT_EQ(sharedBytesAgree(s, 65536), 8 * 12288);
    ProjectionSpec none = s;
    none.withMul = none.withAdd = false;
    EXPECT_EQ(sharedBytesAgree(none, 65536, &c), 4 * 12288);
    ProjectionSpec onlyA = s;
    onlyA.withAdd = false;
    EXPECT_EQ(sharedBytesAgree(onlyA, 65536, &c), 6 * 12288);
    EXPECT_NE(defaultGpuConfig(s, 64).crossWarp, GpuCrossWarp::Mma);
    for (auto [d, threads] : {std::pair<int64_t, int64_t>{3072, 192},
                              {6144, 384},
                              {7168, 224},
                              {10240, 320}}) {
      // (7168 takes H_m on tensor cores, bf16 at g = 2 and f16 at g = 4:
      // MmaSplitHmTensorCores.)
      if (d == 7168)
        continue;
      ProjectionSpec other = specOf(d, t);
      GpuConfig oc = defaultGpuConfig(other, 65536);
      EXPECT_EQ(oc.crossWarp, GpuCrossWarp::Mma) << d;
      EXPECT_EQ(oc.threadsPerRow, threads) << d;
      EXPECT_EQ(oc.rowsPerBlock, 1) << d;
      EXPECT_EQ(sharedBytesAgree(other, 65536), 8 * d);
    }
  }
  EXPECT_NE(defaultGpuConfig(specOf(12288, DType::F32), 65536).crossWarp,
            GpuCrossWarp::Mma);
  // Other dense factors and groups on request (m / g <= 32: at most 1024
  // threads).
  ProjectionSpec d10240 = specOf(10240, DType::BF16);
  GpuConfig c = mmaSplitGpuConfig(d10240);
  EXPECT_EQ(c.threadsPerRow, 640);
  EXPECT_EQ(sharedBytesAgree(d10240, 65536, &c), 8 * 10240);
  c = mmaSplitGpuConfig(d10240, 4);
  EXPECT_EQ(c.threadsPerRow, 160);
  EXPECT_EQ(c.elemsPerThread, 64);
  EXPECT_EQ(sharedBytesAgree(d10240, 65536, &c), 8 * 10240);
  // fp32 rows: walsh-convert-to-gpu's split layout with the m-point stage
  // on tensor cores (gpuSplitHmMma32): the row in fp32, then H_m's
  // fragments, 512 bytes a block of 16 x 16 (12: one; 60: sixteen); not
  // with 'vector_width' 8.
  ProjectionSpec f32 = specOf(12288, DType::F32);
  GpuConfig onF32 = mmaSplitGpuConfig(f32);
  EXPECT_EQ(sharedBytesAgree(f32, 65536, &onF32), 4 * 12288 + 512);
  ProjectionSpec f30720 = specOf(30720, DType::F32);
  GpuConfig big = mmaSplitGpuConfig(f30720, 4);
  EXPECT_EQ(big.threadsPerRow, 480);
  EXPECT_EQ(sharedBytesAgree(f30720, 16384, &big), 4 * 30720 + 16 * 512);
  onF32.vectorWidth = 8;
  auto bytes = checkGpuConfig(f32, onF32);
  ASSERT_FALSE(bool(bytes));
  EXPECT_NE(llvm::toString(bytes.takeError())
                .find("expects 'vector_width' = 4 for fp32 rows in the split "
                      "layout on tensor cores"),
            std::string::npos);
}

// The split layout with H_m on tensor cores ('vector_width' = 8): the row
// as bf16 padded to 16 ceil(m / 16) dense indices, a and b in rows of 2^k
// + 8, H_m's fragments (512 bytes a block) unless three blocks or fewer
// fit the registers or (m > 48: 13312, 15360) each warp holds one block
// row's in registers, 512 bytes of staging a warp; f16 rows the same (one
// f16 piece a value). With a or b, two row buffers where the last round
// of whole items leaves half the warps idle and a thread holds 32 values
// (11264: 16 items over 11 warps; 14336: 32 over 14; not 7168's 16
// values, nor 9216's one round). The default for bf16 rows at m = 36 ...
// 60 over 256 positions (and 28 x 256), 36 and 28 x 512 and 28 x 1024,
// and for f16 rows at all of those but 28 x 256; an output cast is
// refused by name.
TEST(GpuShared, MmaSplitHmTensorCores) {
  struct Case {
    int64_t d, m, threads, fragments;
    bool stationary = false; // a block row of fragments a warp
    bool twoRows = false;    // two row buffers with a or b
  };
  for (Case c :
       {Case{9216, 36, 576, 0}, Case{11264, 44, 352, 0, false, true},
        Case{13312, 52, 832, 16 * 512, true},
        Case{15360, 60, 480, 16 * 512, true}, Case{18432, 36, 576, 9 * 512},
        Case{14336, 28, 448, 0, false, true}, Case{7168, 28, 448, 0},
        Case{28672, 28, 896, 4 * 512}}) {
    ProjectionSpec s = specOf(c.d, DType::BF16);
    GpuConfig config = defaultGpuConfig(s, 65536);
    ASSERT_EQ(config.crossWarp, GpuCrossWarp::Mma) << c.d;
    EXPECT_EQ(config.vectorWidth, 8) << c.d;
    EXPECT_EQ(config.threadsPerRow, c.threads) << c.d;
    int64_t p = c.d / c.m, padded = (c.m + 15) / 16 * 16;
    int64_t fixed = padded * p * 2 + c.fragments + c.threads / 32 * 512;
    int64_t bf16Fixed = fixed - (c.stationary ? c.fragments : 0);
    int64_t withAb = 2 * 2 * c.m * (p + 8) + (c.twoRows ? padded * p * 2 : 0);
    EXPECT_EQ(sharedBytesAgree(s, 65536), bf16Fixed + withAb) << c.d;
    ProjectionSpec none = s;
    none.withMul = none.withAdd = false;
    EXPECT_EQ(sharedBytesAgree(none, 65536, &config), bf16Fixed) << c.d;
    // f16 rows: one f16 piece a value, so bf16's bytes on bf16's
    // configuration (and its default, but at m = 28 over 256, where f16
    // takes g = 4: 224 threads, its rows two grids ahead in a second row
    // buffer; run484).
    ProjectionSpec f16 = specOf(c.d, DType::F16);
    EXPECT_EQ(sharedBytesAgree(f16, 65536, &config), bf16Fixed + withAb) << c.d;
    GpuConfig f16Default = defaultGpuConfig(f16, 65536);
    EXPECT_EQ(f16Default.crossWarp, GpuCrossWarp::Mma) << c.d;
    EXPECT_EQ(f16Default.vectorWidth, 8) << c.d;
    if (c.m == 28 && p == 256) {
      EXPECT_EQ(f16Default.threadsPerRow, 224);
      EXPECT_EQ(f16Default.rowIters, 2);
      EXPECT_EQ(sharedBytesAgree(f16, 65536),
                2 * padded * p * 2 + 224 / 32 * 512 + 2 * 2 * c.m * (p + 8));
    } else {
      EXPECT_EQ(f16Default.threadsPerRow, c.threads) << c.d;
    }
    // No output cast.
    ProjectionSpec cast = s;
    cast.outDtype = DType::F32;
    EXPECT_NE(defaultGpuConfig(cast, 65536).vectorWidth, 8) << c.d;
    auto refused = checkGpuConfig(cast, config);
    ASSERT_FALSE(bool(refused)) << c.d;
    EXPECT_NE(llvm::toString(refused.takeError())
                  .find("expects no output cast for H_m on tensor cores in "
                        "the split layout"),
              std::string::npos);
  }
  // Not 6144 (12 x 512).
  EXPECT_EQ(defaultGpuConfig(specOf(6144, DType::BF16), 65536).vectorWidth,
            4);
}

TEST(GpuShared, HmTensorCoresFp32Rows) {
  // fp32 rows with H_m on tensor cores (1920 = 60 x 32, the default in
  // bulk, four rows a block): the two fp32 tables (8 bytes a padded
  // element of 64 x 32), H_m's fragments in shared memory at every 2^k
  // (16 blocks of 512 bytes: the registers go to X's three pieces), each
  // row's two fp32 buffers (4 bytes a padded element), and no output
  // staging (fp32 pairs fill whole 32-byte sectors).
  ProjectionSpec spec = specOf(1920, DType::F32);
  GpuConfig config = defaultGpuConfig(spec, 65536);
  ASSERT_EQ(config.crossWarp, GpuCrossWarp::Mma);
  ASSERT_EQ(config.vectorWidth, 2);
  ASSERT_EQ(config.rowsPerBlock, 4);
  EXPECT_EQ(sharedBytesAgree(spec, 65536),
            8 * 64 * 32 + 16 * 512 + 4 * 2 * 4 * 64 * 32);
  // 16-bit rows of the size: the fragments in registers, 2-byte buffers,
  // each warp's 512-byte staging.
  ProjectionSpec half = specOf(1920, DType::BF16);
  ASSERT_EQ(defaultGpuConfig(half, 65536).rowsPerBlock, 8);
  EXPECT_EQ(sharedBytesAgree(half, 65536),
            8 * 64 * 32 + 8 * 2 * 2 * 64 * 32 + 8 * 512);
}

TEST(GpuShared, HmTensorCoresFoldPastSixtyFourPositions) {
  // H_m on tensor cores at 4608 = 36 x 128 and 5120 = 20 x 256 (the
  // defaults in bulk, eight rows a block) works on 64 positions: 72 and 80
  // dense indices, both 5 blocks of 16 (80 x 64 padded elements): the two
  // tables (8 bytes a padded element), H_m's fragments (25 blocks of 512
  // bytes), each warp's two row buffers (2 bytes a padded element) and its
  // 512-byte output staging.
  for (int64_t d : {4608, 5120}) {
    ProjectionSpec spec = specOf(d, DType::BF16);
    GpuConfig config = defaultGpuConfig(spec, 65536);
    ASSERT_EQ(config.crossWarp, GpuCrossWarp::Mma);
    ASSERT_EQ(config.vectorWidth, 2);
    ASSERT_EQ(config.rowsPerBlock, 8);
    EXPECT_EQ(sharedBytesAgree(spec, 65536),
              8 * 80 * 64 + 25 * 512 + 8 * 2 * 2 * 80 * 64 + 8 * 512);
  }
  // 5632 = 44 x 128 stays at 128 positions (its folded fragments would not
  // stay in registers): 3 blocks, tables and buffers of 48 x 128, 9
  // fragment blocks; two warps a row share its buffers, two rows (the
  // default but from bf16 rows to fp32, one warp a row of eight; f16 to
  // f16 since its stage 2 takes one f16 piece, run364). X's fragments are
  // read again for each block (96 registers), so the tables hold a and b
  // in the storage type: 4 bytes a padded element. Four warps' staging.
  ProjectionSpec native = specOf(5632, DType::F16);
  EXPECT_EQ(defaultGpuConfig(native, 65536).threadsPerRow, 64);
  EXPECT_EQ(defaultGpuConfig(native, 65536).rowsPerBlock, 2);
  ProjectionSpec toF32 = specOf(5632, DType::BF16);
  toF32.outDtype = DType::F32;
  EXPECT_EQ(defaultGpuConfig(toF32, 65536).threadsPerRow, 32);
  EXPECT_EQ(defaultGpuConfig(toF32, 65536).rowsPerBlock, 8);
  GpuConfig pairs = mmaGpuConfig(native, 65536);
  pairs.vectorWidth = 2;
  pairs.threadsPerRow = 64;
  pairs.elemsPerThread = 5632 / 64;
  pairs.rowsPerBlock = 2;
  EXPECT_EQ(sharedBytesAgree(native, 65536, &pairs),
            4 * 48 * 128 + 9 * 512 + 2 * 2 * 2 * 48 * 128 + 4 * 512);
  // 7168 = 28 x 256 folds (112 dense indices, 7 blocks), two rows of seven
  // warps (a warp a block: 14 warps' staging); its 16-bit tables. (The
  // default before the split layout took 7168.)
  ProjectionSpec wide = specOf(7168, DType::BF16);
  GpuConfig hm = mmaGpuConfig(wide, 65536);
  hm.vectorWidth = 2;
  hm.threadsPerRow = 7 * 32;
  hm.elemsPerThread = 7168 / hm.threadsPerRow;
  hm.rowsPerBlock = 2;
  EXPECT_EQ(sharedBytesAgree(wide, 65536, &hm),
            4 * 112 * 64 + 49 * 512 + 2 * 2 * 2 * 112 * 64 + 14 * 512);
  ProjectionSpec onlyB = wide;
  onlyB.withMul = false;
  EXPECT_EQ(sharedBytesAgree(onlyB, 65536, &hm),
            2 * 112 * 64 + 49 * 512 + 2 * 2 * 2 * 112 * 64 + 14 * 512);
  // 7680 = 60 x 128 and 6656 = 52 x 128: four blocks, two rows of four
  // warps where stage 2 takes one piece (bf16: 2026-12-02 run296; f16
  // 6656 since its stage 2 took one tf32 piece, run321, and 7680 since it
  // takes one f16 piece, run364), one row to an fp32 output from f16.
  ProjectionSpec four = specOf(7680, DType::F16);
  ASSERT_EQ(defaultGpuConfig(four, 65536).threadsPerRow, 4 * 32);
  ASSERT_EQ(defaultGpuConfig(four, 65536).rowsPerBlock, 2);
  EXPECT_EQ(sharedBytesAgree(four, 65536),
            4 * 64 * 128 + 16 * 512 + 2 * 2 * 2 * 64 * 128 + 8 * 512);
  ProjectionSpec fourF32 = four;
  fourF32.outDtype = DType::F32;
  ASSERT_EQ(defaultGpuConfig(fourF32, 65536).threadsPerRow, 4 * 32);
  ASSERT_EQ(defaultGpuConfig(fourF32, 65536).rowsPerBlock, 1);
  ProjectionSpec fourH = specOf(6656, DType::F16);
  ASSERT_EQ(defaultGpuConfig(fourH, 65536).threadsPerRow, 4 * 32);
  ASSERT_EQ(defaultGpuConfig(fourH, 65536).rowsPerBlock, 2);
  EXPECT_EQ(sharedBytesAgree(fourH, 65536),
            4 * 64 * 128 + 16 * 512 + 2 * 2 * 2 * 64 * 128 + 8 * 512);
  ProjectionSpec fourB = specOf(6656, DType::BF16);
  ASSERT_EQ(defaultGpuConfig(fourB, 65536).threadsPerRow, 4 * 32);
  ASSERT_EQ(defaultGpuConfig(fourB, 65536).rowsPerBlock, 2);
  EXPECT_EQ(sharedBytesAgree(fourB, 65536),
            4 * 64 * 128 + 16 * 512 + 2 * 2 * 2 * 64 * 128 + 8 * 512);
}

TEST(GpuDefaults, BeforeSm80NeitherTensorCoresNorRowGroups) {
  // sm_70 ... sm_75 have neither mma.sync with 16-bit operands nor
  // cp.async: a kernel compiled for them defaults to neither tensor cores
  // nor row groups (fp32 1920 in bulk takes H_m on tensor cores on sm_90;
  // its shuffle layout has four row groups), and compiles; row groups asked
  // for are refused by name (LLVM aborted on cp.async there).
  ::setenv("WALSH_CUDA_BIN", "none", 1);
  ProjectionSpec spec = specOf(1920, DType::F32);
  EXPECT_EQ(defaultGpuConfigForChip(spec, 65536, "sm_90").crossWarp,
            GpuCrossWarp::Mma);
  for (const char *chip : {"sm_70", "sm_75"}) {
    GpuConfig c = defaultGpuConfigForChip(spec, 65536, chip);
    EXPECT_NE(c.crossWarp, GpuCrossWarp::Mma) << chip;
    EXPECT_EQ(c.rowIters, 1) << chip;
    auto art = compileForGpu(spec, c, chip);
    EXPECT_TRUE(bool(art)) << llvm::toString(art.takeError());
    for (ProjectionSpec other :
         {specOf(960, DType::BF16), specOf(1024, DType::BF16)}) {
      GpuConfig o = defaultGpuConfigForChip(other, 65536, chip);
      EXPECT_NE(o.crossWarp, GpuCrossWarp::Mma) << chip;
      EXPECT_EQ(o.rowIters, 1) << chip;
    }
  }
  GpuConfig groups = defaultGpuConfig(specOf(1024, DType::BF16), 65536);
  ASSERT_GT(groups.rowIters, 1);
  auto refused = compileForGpu(specOf(1024, DType::BF16), groups, "sm_75");
  ASSERT_FALSE(bool(refused));
  EXPECT_EQ(llvm::toString(refused.takeError()),
            "chip: expects sm_80 or newer for 'row_iters' > 1 (the prefetch "
            "copies rows with cp.async), got 'sm_75'");
}

// fp32 rows of m = 36 or 44 over 2^k = 512 in bulk take pairs over 256
// threads (run453) and m = 20 over 1024 four positions over 256 (run455):
// two blocks of 8 warps a multiprocessor, where one lane or pairs over 512
// threads held one of 16; 16-bit rows keep tensor cores there.
TEST(GpuDefaults, Fp32SixteenWarpDenseSizesTakeWiderVectors) {
  struct Case {
    int64_t d, elems, threads, width;
  };
  for (Case c : {Case{18432, 72, 256, 2}, Case{22528, 88, 256, 2},
                 Case{20480, 80, 256, 4}, Case{12288, 24, 512, 2},
                 Case{28672, 56, 512, 2}}) {
    for (int64_t rows : {0, 16384, 65536}) {
      GpuConfig g = defaultGpuConfig(specOf(c.d, DType::F32), rows);
      EXPECT_EQ(g.crossWarp, GpuCrossWarp::Shared) << c.d << " " << rows;
      EXPECT_EQ(g.elemsPerThread, c.elems) << c.d << " " << rows;
      EXPECT_EQ(g.threadsPerRow, c.threads) << c.d << " " << rows;
      EXPECT_EQ(g.vectorWidth, c.width) << c.d << " " << rows;
    }
  }
  for (int64_t d : {18432, 20480, 22528})
    EXPECT_EQ(defaultGpuConfig(specOf(d, DType::BF16), 16384).crossWarp,
              GpuCrossWarp::Mma)
        << d;
}

// The split layout on tensor cores of a power-of-two d (cross_warp = mma
// over M * 32 threads: M warps a row, a d / M each, then Sylvester's H_M
// through the row's fp32 copy in shared memory): the default for 16-bit d =
// 16384 in bulk with a or b, as H_16 (x) H_1024 (512 threads), with a and
// b copied beside the row (64 KB + 2 x 32 KB); not without a and b, for
// decode rows (a cluster), fp32, a fused epilogue or chips without tensor
// cores. At 32768 the copy
// of a and b would pass the 227 KB a block may have: they are read from
// global memory, and the row alone takes shared memory.
TEST(GpuDefaults, SixteenBitPowersOfTwoTakeTheSplitOnTensorCores) {
  for (DType dt : {DType::BF16, DType::F16}) {
    ProjectionSpec spec = specOf(16384, dt);
    for (int64_t rows : {0, 65, 16384, 65536}) {
      GpuConfig c = defaultGpuConfig(spec, rows);
      EXPECT_EQ(c.crossWarp, GpuCrossWarp::Mma) << rows;
      EXPECT_EQ(c.threadsPerRow, 512) << rows;
      EXPECT_EQ(c.elemsPerThread, 32) << rows;
      EXPECT_EQ(c.vectorWidth, 4) << rows;
      EXPECT_EQ(c.rowsPerBlock, 1) << rows;
    }
    EXPECT_EQ(sharedBytesAgree(spec, 16384), 4 * 16384 + 2 * 2 * 16384);
    // Without a and b the transposes stay (0.98 against 0.92, run336); the
    // split takes the row's fp32 copy alone then.
    ProjectionSpec noAffine = spec;
    noAffine.withMul = noAffine.withAdd = false;
    EXPECT_EQ(defaultGpuConfig(noAffine, 16384).crossWarp,
              GpuCrossWarp::Transpose);
    GpuConfig split = defaultGpuConfig(spec, 16384);
    EXPECT_EQ(sharedBytesAgree(noAffine, 16384, &split), 4 * 16384);
    EXPECT_EQ(defaultGpuConfig(spec, 64).cluster, 4);
    EXPECT_NE(defaultGpuConfigForChip(spec, 16384, "sm_75").crossWarp,
              GpuCrossWarp::Mma);
    ProjectionSpec residual = spec;
    residual.residual = true;
    EXPECT_NE(defaultGpuConfig(residual, 16384).crossWarp, GpuCrossWarp::Mma);
    ProjectionSpec big = specOf(32768, dt);
    GpuConfig wide = defaultGpuConfig(spec, 16384);
    wide.elemsPerThread = 64;
    EXPECT_EQ(sharedBytesAgree(big, 16384, &wide), 4 * 32768);
  }
  EXPECT_NE(defaultGpuConfig(specOf(16384, DType::F32), 16384).crossWarp,
            GpuCrossWarp::Mma);
  // And 4096 and 8192 as H_8 (x) H_512 and H_8 (x) H_1024 (256 threads;
  // the row in fp32, a and b in 16 bits), without a and b the transposes;
  // for a known count of rows from 257 (4096) and 385 (8192) on, below
  // which the transposes ran ahead (run343-344).
  for (auto [d, dt] : {std::pair{4096, DType::BF16}, {4096, DType::F16},
                       {8192, DType::BF16}, {8192, DType::F16}}) {
    ProjectionSpec spec = specOf(d, dt);
    int64_t from = d == 4096 ? 257 : 385;
    for (int64_t rows : {int64_t(0), from, int64_t(65536)})
      EXPECT_EQ(defaultGpuConfig(spec, rows).crossWarp, GpuCrossWarp::Mma)
          << d << " " << rows;
    for (int64_t rows : {int64_t(65), from - 1})
      EXPECT_EQ(defaultGpuConfig(spec, rows).crossWarp,
                GpuCrossWarp::Transpose)
          << d << " " << rows;
    GpuConfig c = defaultGpuConfig(spec, 65536);
    EXPECT_EQ(c.crossWarp, GpuCrossWarp::Mma);
    EXPECT_EQ(c.threadsPerRow, 256);
    EXPECT_EQ(c.elemsPerThread, d / 256);
    EXPECT_EQ(sharedBytesAgree(spec, 65536), 4 * d + 2 * 2 * d);
    ProjectionSpec noAffine = spec;
    noAffine.withMul = noAffine.withAdd = false;
    EXPECT_EQ(defaultGpuConfig(noAffine, 65536).crossWarp,
              GpuCrossWarp::Transpose);
  }
}

// 16-bit d = 32768 from 16384 rows: 128 values over 256 threads with
// sixteen row groups (H200 run183/184: 0.63 -> 0.67-0.69 of the copy
// roofline). Not without a row count, for fewer rows, in fp32, with a
// fused epilogue, or before sm_80 (no row groups, where 128 values a
// thread ran 0.54).
TEST(GpuDefaults, SixteenBitD32768TakesSixteenVectorsWithRowGroups) {
  for (DType dt : {DType::BF16, DType::F16}) {
    ProjectionSpec spec = specOf(32768, dt);
    // With a or b (from 4096 rows), the power-of-two split as H_16 (x)
    // H_2048 with H_16 on tensor cores and the rows two grids ahead: the
    // row's 16-bit piece (16 dense indices of 2048), a and b in rows of
    // 2048 + 8, H_16's one fragment block, sixteen warps' staging.
    for (int64_t rows : {16384, 65536}) {
      GpuConfig c = defaultGpuConfig(spec, rows);
      EXPECT_EQ(c.crossWarp, GpuCrossWarp::Mma) << rows;
      EXPECT_EQ(c.threadsPerRow, 512) << rows;
      EXPECT_EQ(c.vectorWidth, 8) << rows;
      EXPECT_EQ(c.rowIters, 2) << rows;
      auto bytes = checkGpuConfig(spec, c);
      ASSERT_TRUE(bool(bytes)) << llvm::toString(bytes.takeError());
      EXPECT_EQ(*bytes, 16 * 2048 * 2 + 2 * 2 * 16 * 2056 + 512 + 16 * 512);
    }
    // Without a and b (and on sm_80, whose blocks have 163 KB), the
    // transposes: 128 values over 256 threads, sixteen row groups.
    ProjectionSpec plain = spec;
    plain.withMul = plain.withAdd = false;
    for (int64_t rows : {16384, 65536}) {
      GpuConfig c = defaultGpuConfig(plain, rows);
      EXPECT_EQ(c.elemsPerThread, 128) << rows;
      EXPECT_EQ(c.threadsPerRow, 256) << rows;
      EXPECT_EQ(c.rowIters, 16) << rows;
      auto bytes = checkGpuConfig(plain, c);
      ASSERT_TRUE(bool(bytes)) << llvm::toString(bytes.takeError());
      EXPECT_EQ(*bytes, 4 * 32768 + 2 * 32768);
      EXPECT_EQ(defaultGpuConfigForChip(spec, rows, "sm_80").elemsPerThread,
                128);
    }
    for (int64_t rows : {0, 4096})
      EXPECT_EQ(defaultGpuConfig(plain, rows).elemsPerThread, 64) << rows;
    // From 4096 rows, and for a count not given, the split; not at 2048.
    for (int64_t rows : {0, 4096})
      EXPECT_EQ(defaultGpuConfig(spec, rows).crossWarp, GpuCrossWarp::Mma)
          << rows;
    EXPECT_EQ(defaultGpuConfig(spec, 2048).crossWarp, GpuCrossWarp::Transpose);
    // (Decode rows take a cluster: LargeDecodeRowsTakeAClusterOfBlocks.)
    EXPECT_EQ(defaultGpuConfig(spec, 64).cluster, 8);
    EXPECT_EQ(defaultGpuConfigForChip(spec, 65536, "sm_75").elemsPerThread,
              64);
    ProjectionSpec norm = spec;
    norm.residual = true;
    EXPECT_EQ(defaultGpuConfig(norm, 65536).elemsPerThread, 64);
  }
  EXPECT_EQ(defaultGpuConfig(specOf(32768, DType::F32), 65536).elemsPerThread,
            64);
}

// Decode rows (1 to 64) of d = 8192, 16384 and 32768 take a cluster of
// blocks a row, on sm_90 only, for the plain
// transform and affine. fp32 8192's shared memory: two 4 KB exchange
// buffers for the slice's transposes and the 4 KB slice the other blocks
// read.
TEST(GpuDefaults, LargeDecodeRowsTakeAClusterOfBlocks) {
  ProjectionSpec spec = specOf(8192, DType::F32);
  for (int64_t rows : {1, 16, 64}) {
    GpuConfig c = defaultGpuConfig(spec, rows);
    EXPECT_EQ(c.cluster, 8) << rows;
    EXPECT_EQ(c.threadsPerRow, 32) << rows;
    EXPECT_EQ(c.elemsPerThread, 32) << rows;
    EXPECT_EQ(sharedBytesAgree(spec, rows), 2 * 4096 + 4096) << rows;
  }
  EXPECT_EQ(defaultGpuConfig(spec, 65).cluster, 1);
  EXPECT_EQ(defaultGpuConfig(spec, 0).cluster, 1);
  EXPECT_EQ(defaultGpuConfigForChip(spec, 16, "sm_80").cluster, 1);
  EXPECT_EQ(defaultGpuConfigForChip(spec, 16, "sm_90a").cluster, 8);
  EXPECT_EQ(defaultGpuConfig(specOf(4096, DType::BF16), 16).cluster, 1);
  // 16-bit 8192, and 16384 and 32768 in every dtype: eight blocks (four
  // at 16-bit 8192 and 16384), 32 values a thread (64 at 16-bit 32768).
  for (auto [d, dt, cluster, values] : {std::tuple{16384, DType::F32, 8, 32},
                                        std::tuple{32768, DType::F32, 8, 32},
                                        std::tuple{8192, DType::BF16, 4, 32},
                                        std::tuple{16384, DType::BF16, 4, 32},
                                        std::tuple{32768, DType::F16, 8, 64}}) {
    GpuConfig c = defaultGpuConfig(specOf(d, dt), 16);
    EXPECT_EQ(c.cluster, cluster) << d;
    EXPECT_EQ(c.elemsPerThread, values) << d;
    EXPECT_EQ(c.elemsPerThread * c.threadsPerRow * c.cluster, d) << d;
    EXPECT_GT(sharedBytesAgree(specOf(d, dt), 16), 0) << d;
    EXPECT_EQ(defaultGpuConfig(specOf(d, dt), 16384).cluster, 1) << d;
  }
  EXPECT_EQ(defaultGpuConfig(specOf(4096, DType::F32), 16).cluster, 1);
  ProjectionSpec residual = spec;
  residual.residual = true;
  EXPECT_EQ(defaultGpuConfig(residual, 16).cluster, 1);
}

// A cluster config that compiles, its shared bytes agreeing between
// checkGpuConfig and the lowering; and the errors name what does not fit.
TEST(GpuShared, ClusterConfigsCheckedByName) {
  ProjectionSpec spec = specOf(4096, DType::BF16);
  GpuConfig c;
  c.elemsPerThread = 32;
  c.threadsPerRow = 64;
  c.vectorWidth = 8;
  c.crossWarp = GpuCrossWarp::Shared;
  c.cluster = 2;
  // 2048 bf16 a slice over 64 threads: one fp32 row of exchange (levels
  // across warps) and the 8 KB slice.
  EXPECT_EQ(sharedBytesAgree(spec, 16, &c), 8192 + 8192);
  c.cluster = 4;
  auto wrong = checkGpuConfig(spec, c);
  ASSERT_FALSE(bool(wrong));
  EXPECT_NE(llvm::toString(wrong.takeError())
                .find("expects 'elems_per_thread' * 'threads_per_row' * "
                      "'cluster' to equal the transform size 4096, got 32 * "
                      "64 * 4"),
            std::string::npos);
  c.cluster = 2;
  auto old = compileForGpu(spec, c, "sm_86");
  ASSERT_FALSE(bool(old));
  EXPECT_EQ(llvm::toString(old.takeError()),
            "chip: expects sm_90 or sm_90a for 'cluster' > 1 (thread-block "
            "clusters), got 'sm_86'");
  ProjectionSpec bhsd = spec;
  bhsd.layout = Layout::BHSD;
  bhsd.headDim = 64;
  auto pro = checkGpuConfig(bhsd, c);
  ASSERT_FALSE(bool(pro));
  EXPECT_EQ(llvm::toString(pro.takeError()),
            "config: expects 'cluster' = 1 with a prologue, a fused epilogue "
            "or the cross-head factor alone: a cluster runs the plain "
            "transform and affine");
}

// The dense-index transpose (gpuDenseTranspose: m values a thread over 4
// to 16 warps): fp32 d = 3072 = 12 x 256 with row groups takes the
// exchange buffer and the two prefetch buffers, and its PTX has the one
// barrier and the group loop's, where the round trips had two a level
// across warps; over two warps (768 = 12 x 64) the round trips stay.
TEST(GpuShared, DenseTransposeOneBarrier) {
  auto dense = [](int64_t elems, int64_t threads, int64_t iters) {
    return sharedLanes(elems, threads, 1, 1, iters);
  };
  auto barriers = [](const std::string &ptx) {
    return occurrences(ptx, "bar.sync");
  };
  ::setenv("WALSH_CUDA_BIN", "none", 1);
  ProjectionSpec s = specOf(3072, DType::F32);
  GpuConfig c = dense(12, 256, 2);
  EXPECT_EQ(sharedBytesAgree(s, 65536, &c), 3072 * 4 + 2 * 3072 * 4);
  auto grouped = compileForGpu(s, c);
  ASSERT_TRUE(bool(grouped)) << llvm::toString(grouped.takeError());
  EXPECT_EQ(barriers(grouped->ptx), 2u);
  GpuConfig one = dense(12, 256, 1);
  auto plain = compileForGpu(s, one);
  ASSERT_TRUE(bool(plain)) << llvm::toString(plain.takeError());
  EXPECT_EQ(barriers(plain->ptx), 1u);
  // 16-bit pairs with row groups (4-byte vectors): no affine table either
  // (the stage reads a and b itself; a table's a, scaled already, would
  // have left the scale out), so the exchange and one prefetch buffer.
  ProjectionSpec pairs = specOf(3072, DType::BF16);
  GpuConfig p2 = dense(24, 128, 2);
  p2.vectorWidth = 2;
  EXPECT_EQ(sharedBytesAgree(pairs, 65536, &p2), 3072 * 4 + 2 * 3072 * 2);
  // Two warps take it too (one barrier); 32 keep a round trip a level
  // across warps (two barriers each).
  auto twoWarps = compileForGpu(specOf(768, DType::BF16), dense(12, 64, 1));
  ASSERT_TRUE(bool(twoWarps)) << llvm::toString(twoWarps.takeError());
  EXPECT_EQ(barriers(twoWarps->ptx), 1u);
  auto roundTrips =
      compileForGpu(specOf(12288, DType::BF16), dense(12, 1024, 1));
  ASSERT_TRUE(bool(roundTrips)) << llvm::toString(roundTrips.takeError());
  EXPECT_EQ(barriers(roundTrips->ptx), 10u);
}

// The dense-index transpose defers the lowest lane levels past its barrier
// (gpuDenseTransposeDeferred): vectors of up to four fp32 positions, a
// round within 32 values a thread. The reads, a and b and the stores are
// then vectors that wide, and so is the row alignment the launcher checks.
TEST(GpuShared, DenseTransposeDeferredLanes) {
  auto dense = [](int64_t elems, int64_t threads, int64_t width) {
    return sharedLanes(elems, threads, width);
  };
  auto count = occurrences;
  ::setenv("WALSH_CUDA_BIN", "none", 1);
  struct Case {
    int64_t d;
    DType dtype;
    GpuConfig config;
    int64_t rowAlignment;
    size_t shuffles;    // 12 values a thread: (5 - D) levels each
    const char *stores; // the widest global store
  };
  const Case cases[] = {
      // 8 warps, one position a thread: D = 2.
      {3072, DType::F32, dense(12, 256, 1), 16, 12 * 3, "st.global.v4.f32"},
      // 16 warps: D = 1 (8-byte vectors).
      {6144, DType::F32, dense(12, 512, 1), 8, 12 * 4, "st.global.v2.f32"},
      // Pairs over 8 warps: D = 1, 16-byte vectors.
      {6144, DType::F32, dense(24, 256, 2), 16, 24 * 4, "st.global.v4.f32"},
      // Pairs over 16 warps: none (a round would hold 64 values).
      {12288, DType::F32, dense(24, 512, 2), 8, 24 * 5, "st.global.v2.f32"},
      // 16-bit, 8 warps: four values, 8 bytes.
      {3072, DType::BF16, dense(12, 256, 1), 8, 12 * 3, "st.global.v4.b16"},
      // Four positions over 8 warps (fp32 20480's default): none deferred,
      // 16-byte vectors.
      {20480, DType::F32, dense(80, 256, 4), 16, 80 * 5, "st.global.v4.f32"},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE("d = " + std::to_string(c.d) + ", " +
                 std::to_string(c.config.threadsPerRow) + " threads");
    auto art = compileForGpu(specOf(c.d, c.dtype), c.config);
    ASSERT_TRUE(bool(art)) << llvm::toString(art.takeError());
    EXPECT_EQ(art->rowAlignment, c.rowAlignment);
    EXPECT_EQ(count(art->ptx, "shfl.sync"), c.shuffles);
    EXPECT_GT(count(art->ptx, c.stores), 0u);
  }
  // Two warps: D = 2 too; 32 warps keep a round trip a level (no form,
  // scalar accesses).
  auto two = compileForGpu(specOf(768, DType::F32), dense(12, 64, 1));
  ASSERT_TRUE(bool(two)) << llvm::toString(two.takeError());
  EXPECT_EQ(two->rowAlignment, 16);
  auto many = compileForGpu(specOf(12288, DType::F32), dense(12, 1024, 1));
  ASSERT_TRUE(bool(many)) << llvm::toString(many.takeError());
  EXPECT_EQ(many->rowAlignment, 4);
  // The launcher holds rows to it, by name: fp32 9216's default (one
  // lane over 8 warps, D = 2) takes strides of 4 elements, 10240's (16
  // warps, D = 1) of 2.
  auto launch = [](int64_t d, int64_t stride) {
    auto art = compileForGpu(specOf(d, DType::F32),
                             defaultGpuConfig(specOf(d, DType::F32), 16384));
    if (!art)
      return llvm::toString(art.takeError());
    GpuRunArgs args;
    args.x = 0x100000;
    args.y = 0x200000;
    args.a = 0x300000;
    args.b = 0x400000;
    args.rows = 4;
    args.xRowStride = stride;
    llvm::Error e = validateGpuArgs(gpuLaunchInfo(*art), args);
    return e ? llvm::toString(std::move(e)) : std::string();
  };
  EXPECT_EQ(launch(9216, 9220), "");
  EXPECT_EQ(launch(9216, 9218),
            "x_row_stride: expects a multiple of 4 elements (rows aligned to "
            "16 bytes), got 9218");
  EXPECT_EQ(launch(10240, 10242), "");
  EXPECT_EQ(launch(10240, 10241),
            "x_row_stride: expects a multiple of 2 elements (rows aligned to "
            "8 bytes), got 10241");
}

// H_m's sign program in column blocks (gpuHmColumnBlocks): fp32 rows of m
// = 60 over 64 threads or more, of 52 with 256 threads a block or more,
// emit four programs of m / 4 inputs and sum their partial products. The
// levels before the transpose take fma, so two kernels that differ only
// there differ in their PTX's additions by the four column programs'
// steps plus 3 m sums less the whole program's steps: fp32 against bf16
// rows (whole) of the same configuration, and m = 52 with four rows a
// block against one.
TEST(GpuShared, HmColumnBlocks) {
  auto additions = [](const std::string &ptx) {
    return int64_t(occurrences(ptx, "add.rn.f32") +
                   occurrences(ptx, "sub.rn.f32"));
  };
  auto extra = [](int64_t m) {
    int64_t n = 3 * m - int64_t(walsh::baseProgram(m, false).steps.size());
    for (int64_t g = 0; g < 4; ++g)
      n += int64_t(walsh::baseColumnProgram(m, false, 4, g).steps.size());
    return n;
  };
  auto config = [](int64_t m, int64_t threads, int64_t rowsPerBlock) {
    return sharedLanes(m, threads, 1, rowsPerBlock);
  };
  ::setenv("WALSH_CUDA_BIN", "none", 1);
  auto count = [&](int64_t d, DType dtype, const GpuConfig &c) -> int64_t {
    auto art = compileForGpu(specOf(d, dtype), c);
    EXPECT_TRUE(bool(art)) << llvm::toString(art.takeError());
    return art ? additions(art->ptx) : -1;
  };
  EXPECT_GT(extra(60), 0);
  EXPECT_GT(extra(52), 0);
  EXPECT_EQ(count(3840, DType::F32, config(60, 64, 1)) -
                count(3840, DType::BF16, config(60, 64, 1)),
            extra(60));
  EXPECT_EQ(count(3328, DType::F32, config(52, 64, 4)) -
                count(3328, DType::F32, config(52, 64, 1)),
            extra(52));
}

// H_m's sign program in row blocks (gpuHmRowBlocks): fp32 rows of the
// dense-index transpose with one lane, m = 52 over 128 threads or more (13
// blocks), 60 over 256 (15) or 512 (10), and pairs of m = 36 or 44 over
// 256 (m / 4), emit B programs of m / B outputs
// over all m inputs, each block's outputs stored into the exchange buffer
// before the next block's additions. fp32 against bf16 rows of the same
// configuration (whole program; the levels before the transpose take fma)
// differ in their additions by the row programs' steps less the whole
// program's; and only the row blocks store into shared memory before the
// H_m stage's last addition (the whole program's stores follow it).
TEST(GpuShared, HmRowBlocks) {
  auto additions = [](const std::string &ptx) {
    return int64_t(occurrences(ptx, "add.rn.f32") +
                   occurrences(ptx, "sub.rn.f32"));
  };
  // The row programs' distinct steps (the compiler's CSE merges a sum two
  // blocks both compute: value numbering, additions commutative) less the
  // whole program's.
  auto extra = [](int64_t m, int64_t blocks) {
    std::map<std::tuple<bool, int64_t, int64_t>, int64_t> numbers;
    for (int64_t r = 0; r < blocks; ++r) {
      const walsh::SignProgram &p =
          walsh::baseColumnProgram(m, false, 1, 0, blocks, r);
      std::vector<int64_t> vn;
      for (int64_t i = 0; i < p.inputs; ++i)
        vn.push_back(i);
      for (const walsh::SignProgram::Step &st : p.steps) {
        int64_t l = vn[size_t(st.lhs)], rt = vn[size_t(st.rhs)];
        if (!st.subtract && l > rt)
          std::swap(l, rt);
        auto key = std::make_tuple(st.subtract, l, rt);
        auto it = numbers.find(key);
        if (it == numbers.end())
          it = numbers.emplace(key, m + int64_t(numbers.size())).first;
        vn.push_back(it->second);
      }
    }
    return int64_t(numbers.size()) -
           int64_t(walsh::baseProgram(m, false).steps.size());
  };
  // Whether a shared-memory store comes before the last addition ahead of
  // the kernel's first barrier.
  auto storesEarly = [](const std::string &ptx) {
    size_t barrier = ptx.find("bar.sync");
    std::string head = ptx.substr(0, barrier);
    size_t store = head.find("st.shared");
    size_t add = std::max(head.rfind("add.rn.f32"), head.rfind("sub.rn.f32"));
    return store != std::string::npos && add != std::string::npos &&
           store < add;
  };
  ::setenv("WALSH_CUDA_BIN", "none", 1);
  auto compile = [&](int64_t d, DType dtype, const GpuConfig &c) {
    auto art = compileForGpu(specOf(d, dtype), c);
    EXPECT_TRUE(bool(art)) << llvm::toString(art.takeError());
    return art ? art->ptx : std::string();
  };
  for (auto [d, m, threads, b] :
       {std::tuple<int64_t, int64_t, int64_t, int64_t>{6656, 52, 128, 13},
        {15360, 60, 256, 15},
        {30720, 60, 512, 10}}) {
    std::string f32 = compile(d, DType::F32, sharedLanes(m, threads));
    std::string bf16 = compile(d, DType::BF16, sharedLanes(m, threads));
    EXPECT_GT(extra(m, b), 0) << d;
    EXPECT_EQ(additions(f32) - additions(bf16), extra(m, b)) << d;
    EXPECT_TRUE(storesEarly(f32)) << d;
    EXPECT_FALSE(storesEarly(bf16)) << d;
  }
  // Pairs of m = 36 over 256 threads (fp32 18432's default): both
  // positions' row programs, so twice the difference.
  {
    std::string f32 = compile(18432, DType::F32, sharedLanes(72, 256, 2));
    std::string bf16 = compile(18432, DType::BF16, sharedLanes(72, 256, 2));
    EXPECT_EQ(additions(f32) - additions(bf16), 2 * extra(36, 9));
    EXPECT_TRUE(storesEarly(f32));
    EXPECT_FALSE(storesEarly(bf16));
  }
  // Not at 7680 (60 over 128: column blocks), 18432 (36 over 512), 3328 (52
  // over 64), nor with pairs of m = 28 (28672: 28 pairs over 512).
  EXPECT_FALSE(storesEarly(compile(7680, DType::F32, sharedLanes(60, 128))));
  EXPECT_FALSE(storesEarly(compile(18432, DType::F32, sharedLanes(36, 512))));
  EXPECT_FALSE(storesEarly(compile(3328, DType::F32, sharedLanes(52, 64))));
  EXPECT_FALSE(
      storesEarly(compile(28672, DType::F32, sharedLanes(56, 512, 2))));
}
