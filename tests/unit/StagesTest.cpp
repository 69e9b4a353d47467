//===- StagesTest.cpp - stage plans and butterfly partners -----------------===//
#include "walsh/Hadamard/Reference.h"
#include "walsh/Hadamard/Stages.h"

#include <gtest/gtest.h>

using namespace walsh;
using V = std::vector<int64_t>;

TEST(Stages, PlanFor768) {
  std::vector<StageDesc> expected = {{2, 1},  {2, 2},  {2, 4},  {2, 8},
                                     {2, 16}, {2, 32}, {12, 64}};
  EXPECT_EQ(planStages(*factorize(768), false), expected);
  expected.back().transpose = true;
  EXPECT_EQ(planStages(*factorize(768), true), expected);
}

TEST(Stages, PlanDescending) {
  std::vector<StageDesc> expected = {{20, 4, true}, {2, 2}, {2, 1}};
  EXPECT_EQ(planStages(*factorize(80), true, StageOrder::Descending),
            expected);
}

TEST(Stages, PlanPowerOfTwoAndTrivial) {
  std::vector<StageDesc> expected = {{2, 1}, {2, 2}, {2, 4}};
  EXPECT_EQ(planStages(*factorize(8), true), expected);
  EXPECT_TRUE(planStages(*factorize(1), false).empty());
  expected = {{28, 1}};
  EXPECT_EQ(planStages(*factorize(28), false), expected);
}

TEST(Stages, GroupBases) {
  EXPECT_EQ(stageGroupBases(8, 2, 1), (V{0, 2, 4, 6}));
  EXPECT_EQ(stageGroupBases(8, 2, 2), (V{0, 1, 4, 5}));
  EXPECT_EQ(stageGroupBases(8, 2, 4), (V{0, 1, 2, 3}));
  EXPECT_EQ(stageGroupBases(24, 12, 2), (V{0, 1}));
  EXPECT_EQ(stageGroupBases(48, 12, 4), (V{0, 1, 2, 3}));
  EXPECT_EQ(stageGroupBases(12, 2, 3), (V{0, 1, 2, 6, 7, 8}));
}

TEST(Stages, GroupOfIndex) {
  EXPECT_EQ(stageGroupOf(5, 2, 4), (V{1, 5}));
  EXPECT_EQ(stageGroupOf(1, 2, 4), (V{1, 5}));
  EXPECT_EQ(stageGroupOf(6, 2, 1), (V{6, 7}));
  EXPECT_EQ(stageGroupOf(13, 12, 2),
            (V{1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23}));
  EXPECT_EQ(stageGroupOf(50, 12, 4),
            (V{50, 54, 58, 62, 66, 70, 74, 78, 82, 86, 90, 94}));
}

TEST(Stages, Fits) {
  EXPECT_TRUE(stageFits(768, 12, 64));
  EXPECT_TRUE(stageFits(768, 2, 384));
  EXPECT_FALSE(stageFits(768, 2, 768));
  EXPECT_FALSE(stageFits(768, 2, 0));
  EXPECT_FALSE(stageFits(64, 12, 1));
  EXPECT_FALSE(stageFits(8, 1, 1));
}

// A stage on the basis vector e_j gives column j of its matrix: for radix 2
// at stride 2 on d = 4, e_0 -> e_0 + e_2 and e_2 -> e_0 - e_2.
TEST(Stages, ApplyStageOnBasisVectors) {
  std::vector<double> e0 = {1, 0, 0, 0}, e2 = {0, 0, 1, 0};
  applyStage(4, {2, 2}, e0.data());
  applyStage(4, {2, 2}, e2.data());
  EXPECT_EQ(e0, (std::vector<double>{1, 0, 1, 0}));
  EXPECT_EQ(e2, (std::vector<double>{1, 0, -1, 0}));
  // Dense: column j of H_12 (H_12^T with transpose) at stride 1.
  const SignMatrix &h = baseMatrix(12);
  for (bool t : {false, true})
    for (int64_t j = 0; j < 12; ++j) {
      std::vector<double> e(12, 0.0);
      e[j] = 1;
      applyStage(12, {12, 1, t}, e.data());
      for (int64_t i = 0; i < 12; ++i)
        ASSERT_EQ(e[i], t ? h.at(j, i) : h.at(i, j));
    }
}
