//===- SignProgramTest.cpp - The m-point stage's sign program ------------===//
#include "walsh/Hadamard/SignProgram.h"

#include <gtest/gtest.h>

using namespace walsh;

namespace {

/// Column c of the program's matrix: the program applied to e_c. Exact in
/// doubles, since every value is a small integer.
std::vector<double> column(const SignProgram &p, int64_t c) {
  std::vector<double> e(static_cast<size_t>(p.inputs), 0.0);
  e[c] = 1.0;
  return p.apply(e);
}

} // namespace

TEST(SignProgram, ComputesEveryBaseMatrixAndItsTranspose) {
  for (int64_t m : baseOrders())
    for (bool transpose : {false, true}) {
      const SignMatrix &h = baseMatrix(m);
      const SignProgram &p = baseProgram(m, transpose);
      ASSERT_EQ(p.inputs, m);
      ASSERT_EQ(static_cast<int64_t>(p.outputs.size()), m);
      for (int64_t c = 0; c < m; ++c) {
        std::vector<double> y = column(p, c);
        for (int64_t r = 0; r < m; ++r)
          ASSERT_EQ(y[r], transpose ? h.at(c, r) : h.at(r, c))
              << "m = " << m << " transpose = " << transpose << " (" << r
              << ", " << c << ")";
      }
      // Every step reads values computed before it.
      for (size_t i = 0; i < p.steps.size(); ++i) {
        EXPECT_LT(p.steps[i].lhs, m + static_cast<int64_t>(i));
        EXPECT_LT(p.steps[i].rhs, m + static_cast<int64_t>(i));
      }
    }
}

TEST(SignProgram, AtMostHalfTheDenseProduct) {
  // The figures Passes.h's emitBaseProduct quotes.
  EXPECT_EQ(baseProgram(12, false).operations(), 56);
  EXPECT_EQ(baseProgram(20, false).operations(), 138);
  for (int64_t m : baseOrders())
    for (bool transpose : {false, true})
      EXPECT_LE(baseProgram(m, transpose).operations(), m * (m - 1) / 2)
          << "m = " << m << " transpose = " << transpose;
}

TEST(SignProgram, NoSharedPairFallsBackToTheDenseProduct) {
  // H_2's rows share no signed pair: x0 + x1 and x0 - x1.
  SignProgram p = signProgram(sylvester(1), false);
  EXPECT_EQ(p.operations(), 2);
  EXPECT_EQ(column(p, 1), (std::vector<double>{1.0, -1.0}));
  // An all-negative row pays one negation: y0 = -x0 - x1.
  SignMatrix s(2);
  s.set(0, 0, -1);
  s.set(0, 1, -1);
  s.set(1, 1, -1);
  SignProgram q = signProgram(s, false);
  EXPECT_EQ(q.operations(), 3);
  EXPECT_EQ(column(q, 0), (std::vector<double>{-1.0, 1.0}));
  EXPECT_EQ(column(q, 1), (std::vector<double>{-1.0, -1.0}));
}
