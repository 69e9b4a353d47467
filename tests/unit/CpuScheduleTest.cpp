//===- CpuScheduleTest.cpp - the CPU lowering's passes over a row ----------===//
#include "walsh/Conversion/WalshToCPU/CpuSchedule.h"

#include <gtest/gtest.h>

using namespace walsh;
using K = CpuPass::Kind;

TEST(CpuSchedule, D4096Avx2) {
  // 12 levels: 3 in-vector + 3 between vectors in the contiguous pass, then
  // 3 at strides 64.., 3 at strides 512..; widest first.
  CpuSchedule s = planCpuSchedule(*factorize(4096), 8, 3);
  EXPECT_EQ(s.lanes, 8);
  std::vector<CpuPass> expected = {
      {K::Radix2, 512, 3, 0}, {K::Radix2, 64, 3, 0}, {K::Radix2, 8, 3, 3}};
  EXPECT_EQ(s.passes, expected);
}

TEST(CpuSchedule, D768DenseFirst) {
  // 768 = 12 * 64: the dense pass at stride 64, then 6 radix-2 levels.
  CpuSchedule s = planCpuSchedule(*factorize(768), 8, 3);
  std::vector<CpuPass> expected = {{K::Dense, 64, 0, 0},
                                   {K::Radix2, 8, 3, 3}};
  EXPECT_EQ(s.passes, expected);
}

TEST(CpuSchedule, LeftoverLevels) {
  // Without spreading (16-bit rows): 2^14 with 16 lanes and 4 levels per
  // pass: 4 + 4 in the contiguous pass, 4 more, then the remaining 2.
  CpuSchedule s = planCpuSchedule(*factorize(16384), 16, 4);
  std::vector<CpuPass> expected = {{K::Radix2, 4096, 2, 0},
                                   {K::Radix2, 256, 4, 0},
                                   {K::Radix2, 16, 4, 4}};
  EXPECT_EQ(s.passes, expected);
}

TEST(CpuSchedule, LevelsSpreadEvenly) {
  // 2^14 with 16 lanes and 4 levels per pass: 4 inside vectors, then 10
  // between them over the fewest passes (three), spread evenly, the larger
  // share first: 4 in the contiguous pass, then 3 and 3 (not 4, 4, 2).
  CpuSchedule s = planCpuSchedule(*factorize(16384), 16, 4, 0, true);
  std::vector<CpuPass> expected = {
      {K::Radix2, 2048, 3, 0}, {K::Radix2, 256, 3, 0}, {K::Radix2, 16, 4, 4}};
  EXPECT_EQ(s.passes, expected);
  // 2^13: 9 levels between vectors are 3 + 3 + 3, not 4 + 4 + 1.
  CpuSchedule t = planCpuSchedule(*factorize(8192), 16, 4, 0, true);
  std::vector<CpuPass> expected8192 = {
      {K::Radix2, 1024, 3, 0}, {K::Radix2, 128, 3, 0}, {K::Radix2, 16, 3, 4}};
  EXPECT_EQ(t.passes, expected8192);
}

TEST(CpuSchedule, ContiguousFirst) {
  // The same passes as LevelsSpreadEvenly's 2^14, narrowest stride first.
  CpuSchedule s = planCpuSchedule(*factorize(16384), 16, 4, 0, true, true);
  std::vector<CpuPass> expected = {
      {K::Radix2, 16, 4, 4}, {K::Radix2, 256, 3, 0}, {K::Radix2, 2048, 3, 0}};
  EXPECT_EQ(s.passes, expected);
  EXPECT_TRUE(s.contiguousFirst);
  // A dense factor runs last: 3072 = 12 * 256.
  s = planCpuSchedule(*factorize(3072), 16, 4, 0, true, true);
  expected = {{K::Radix2, 16, 4, 4}, {K::Dense, 256, 0, 0}};
  EXPECT_EQ(s.passes, expected);
  // One pass has no order: the flag stays off.
  s = planCpuSchedule(*factorize(256), 16, 4, 0, true, true);
  EXPECT_EQ(s.passes.size(), 1u);
  EXPECT_FALSE(s.contiguousFirst);
}

TEST(CpuSchedule, ContiguousPassFirstRule) {
  auto first = [](int64_t d, int64_t bytes, int64_t l1) {
    return contiguousPassFirst(*factorize(d), bytes, l1);
  };
  // fp32 on a 48 KB or a 32 KB L1: the scratch and input rows, 8 bytes an
  // element of d, fit up to 4096.
  EXPECT_TRUE(first(1024, 4, 49152));
  EXPECT_TRUE(first(4096, 4, 49152));
  EXPECT_FALSE(first(8192, 4, 49152));
  EXPECT_TRUE(first(4096, 4, 32768));
  EXPECT_FALSE(first(8192, 4, 65535));
  EXPECT_TRUE(first(8192, 4, 65536));
  // fp32 rows of a dense factor past 8 KB on a 48 KB L1 or more: m <= 28
  // up to two thirds of the L1 (2560 = 20 * 128 ... 7168 = 28 * 256 on 48
  // KB; not 1792, 7 KB, nor 10240, 40 KB); m = 36, 52, 60 at any size
  // (2304, 15360), not m = 44 (2816, 11264); not on a 32 KB L1, not 16-bit
  // rows.
  EXPECT_TRUE(first(2560, 4, 49152));
  EXPECT_TRUE(first(3072, 4, 49152));
  EXPECT_TRUE(first(7168, 4, 49152));
  EXPECT_FALSE(first(1792, 4, 49152));
  EXPECT_FALSE(first(10240, 4, 49152));
  EXPECT_TRUE(first(10240, 4, 61440));
  EXPECT_FALSE(first(10240, 4, 61439));
  EXPECT_TRUE(first(2304, 4, 49152));
  EXPECT_TRUE(first(15360, 4, 49152));
  EXPECT_TRUE(first(13312, 4, 49152));
  EXPECT_FALSE(first(1920, 4, 49152));
  EXPECT_FALSE(first(2816, 4, 49152));
  EXPECT_FALSE(first(11264, 4, 1 << 22));
  EXPECT_FALSE(first(3072, 4, 32768));
  EXPECT_FALSE(first(7168, 2, 49152));
  EXPECT_FALSE(first(3072, 4, 0));
  // Rows of at most 2 KB, 16-bit rows and an unknown L1: never.
  EXPECT_FALSE(first(512, 4, 49152));
  EXPECT_FALSE(first(1024, 2, 49152));
  EXPECT_FALSE(first(1024, 4, 0));
}

TEST(CpuSchedule, PrefetchRowsIntoL1Rule) {
  // Into L1 from a 48 KB L1 (a Zen 5's); L2 on a 32 KB one (Zen 4's) and
  // where the size is unknown (0).
  EXPECT_TRUE(prefetchRowsIntoL1(49152));
  EXPECT_TRUE(prefetchRowsIntoL1(1048576));
  EXPECT_FALSE(prefetchRowsIntoL1(49151));
  EXPECT_FALSE(prefetchRowsIntoL1(32768));
  EXPECT_FALSE(prefetchRowsIntoL1(0));
}

TEST(CpuSchedule, PrefetchesPerLineRule) {
  auto rule = [](int64_t d, int64_t bytes, bool narrow) {
    CpuSchedule s = planCpuSchedule(*factorize(d), 16, 4, 0, bytes == 4,
                                    narrow);
    return defaultPrefetchesPerLine(s, bytes, d * bytes);
  };
  // Contiguous pass first: four a line on rows past 4 KB.
  EXPECT_EQ(rule(2048, 4, true), 4);
  EXPECT_EQ(rule(4096, 4, true), 4);
  EXPECT_EQ(rule(4096, 2, true), 4);
  EXPECT_EQ(rule(1024, 4, true), 1);
  // Widest first: one where a vector fills a line, two where it does not
  // and the row takes at most two passes.
  EXPECT_EQ(rule(4096, 4, false), 1);
  EXPECT_EQ(rule(1024, 2, false), 2);
  EXPECT_EQ(rule(16384, 2, false), 1);
}

TEST(CpuSchedule, NarrowRows) {
  // d = 4 < lanes: 4-lane vectors, all levels inside one vector.
  CpuSchedule s = planCpuSchedule(*factorize(4), 8, 3);
  EXPECT_EQ(s.lanes, 4);
  std::vector<CpuPass> expected = {{K::Radix2, 4, 0, 2}};
  EXPECT_EQ(s.passes, expected);
  // d = 12: no radix-2 levels, only the dense pass on 1-lane vectors.
  s = planCpuSchedule(*factorize(12), 8, 3);
  EXPECT_EQ(s.lanes, 1);
  expected = {{K::Dense, 1, 0, 0}};
  EXPECT_EQ(s.passes, expected);
  // d = 1: one pass of no levels, for the epilogue.
  s = planCpuSchedule(*factorize(1), 8, 3);
  expected = {{K::Radix2, 1, 0, 0}};
  EXPECT_EQ(s.passes, expected);
}

TEST(CpuSchedule, EveryLevelOnce) {
  for (int64_t d : {2, 8, 64, 96, 1024, 5120, 65536})
    for (int64_t vw : {1, 4, 8, 16})
      for (int l = 1; l <= 5; ++l) {
        Factorization f = *factorize(d);
        CpuSchedule s = planCpuSchedule(f, vw, l);
        int levels = 0, dense = 0;
        for (const CpuPass &p : s.passes) {
          if (p.kind == K::Dense)
            ++dense;
          else
            levels += p.levels + p.inVectorLevels;
        }
        EXPECT_EQ(levels, int(f.k)) << d << " " << vw << " " << l;
        EXPECT_EQ(dense, f.m > 1 ? 1 : 0);
        // The contiguous pass, stride = lanes, is last.
        if (f.k > 0) {
          EXPECT_EQ(s.passes.back().stride, s.lanes);
        }
      }
}

TEST(CpuSchedule, CrossHeadOnly) {
  // 4096 = 32 heads x 128: the levels below 128 are the per-head factor and
  // absent; the first pass starts at stride 128 with no in-vector level.
  CpuSchedule s = planCpuSchedule(*factorize(4096), 8, 3, 128);
  std::vector<CpuPass> expected = {{K::Radix2, 1024, 2, 0},
                                   {K::Radix2, 128, 3, 0}};
  EXPECT_EQ(s.passes, expected);
  // 16 = 4 x 4 with 8 lanes: the one level left inside a vector is stride 4.
  CpuSchedule n = planCpuSchedule(*factorize(16), 8, 3, 4);
  ASSERT_EQ(n.passes.size(), 1u);
  EXPECT_EQ(n.passes[0].inVectorFirst, 2);
  EXPECT_EQ(n.passes[0].inVectorLevels, 1);
  EXPECT_EQ(n.passes[0].levels, 1);
  // 768 = 12 heads x 64: only the dense pass is left.
  CpuSchedule d = planCpuSchedule(*factorize(768), 8, 3, 64);
  std::vector<CpuPass> dense = {{K::Dense, 64, 0, 0}};
  EXPECT_EQ(d.passes, dense);
}
