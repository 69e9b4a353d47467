//===- SignProgramTest.cpp - The m-point stage's sign program ------------===//
#include "walsh/Hadamard/SignProgram.h"

#include "walsh/Conversion/Passes.h"

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

// Every kernel with a dense factor is emitted from these programs, so a
// change to Paar's greedy or its tie-breaking changes their code (and what
// the H200 measurements in RESULTS.md measured). The programs' fingerprints
// (FNV-1a over steps and outputs), as of 2026-11-30; a change to the
// algorithm that means to keep its output must keep them.
TEST(SignProgram, ProgramsAreThoseTheKernelsWereMeasuredWith) {
  struct Expected {
    int64_t m;
    bool transpose;
    uint64_t fingerprint;
  };
  const Expected expected[] = {
      {12, false, 0xfe31cd6602a5c757ull}, {12, true, 0x6d2edcfa2ef2b794ull},
      {20, false, 0x6cedcc2408b33c40ull}, {20, true, 0x3f1001516d2ef24dull},
      {28, false, 0x36c1e5967977014dull}, {28, true, 0x9b67af78622916ccull},
      {36, false, 0xb503ba22be110fe3ull}, {36, true, 0x03407ec0b9a3dec3ull},
      {44, false, 0x489e5c01c38366a7ull}, {44, true, 0x6e01ba1f89428956ull},
      {52, false, 0xd3f855caf28f94cbull}, {52, true, 0xde550812acdf0953ull},
      {60, false, 0x3fc0f8ac8e3efbd6ull}, {60, true, 0xe1c7be19dd68cf22ull},
  };
  ASSERT_EQ(baseOrders().size() * 2, std::size(expected));
  for (const Expected &e : expected) {
    const SignProgram &p = baseProgram(e.m, e.transpose);
    uint64_t h = 1469598103934665603ull;
    auto mix = [&](int64_t v) { h = (h ^ uint64_t(v)) * 1099511628211ull; };
    for (const SignProgram::Step &s : p.steps) {
      mix(s.lhs);
      mix(s.rhs);
      mix(s.subtract);
    }
    for (const SignProgram::Output &o : p.outputs) {
      mix(o.value);
      mix(o.negate);
    }
    EXPECT_EQ(h, e.fingerprint) << "m = " << e.m << " transpose = "
                                << e.transpose;
  }
}

// The CPU's row blocks (four rows, m >= 36) come from the build too: the
// same, step for step, as signProgramBlock now, and what baseColumnProgram
// returns; other blocks are not in the table.
TEST(SignProgram, BuildTimeBlockTablesAreTheGreedysPrograms) {
  int found = 0;
  for (int64_t m : baseOrders())
    for (bool transpose : {false, true}) {
      if (m < 36) {
        EXPECT_FALSE(buildTimeBlockProgram(m, transpose, m / 4, 0));
        continue;
      }
      EXPECT_FALSE(buildTimeBlockProgram(m, transpose, m / 2, 0));
      for (int64_t block = 0; block < m / 4; ++block) {
        std::optional<SignProgram> table =
            buildTimeBlockProgram(m, transpose, m / 4, block);
        ASSERT_TRUE(table) << "m = " << m << " block " << block;
        ++found;
        SignProgram now =
            signProgramBlock(baseMatrix(m), transpose, block * 4, 4, 0, m);
        const SignProgram &used =
            baseColumnProgram(m, transpose, 1, 0, m / 4, block);
        const SignProgram *fromTable = &*table;
        for (const SignProgram *p : {fromTable, &used}) {
          ASSERT_EQ(p->inputs, m);
          ASSERT_EQ(p->steps.size(), now.steps.size());
          for (size_t i = 0; i < now.steps.size(); ++i) {
            EXPECT_EQ(p->steps[i].lhs, now.steps[i].lhs);
            EXPECT_EQ(p->steps[i].rhs, now.steps[i].rhs);
            EXPECT_EQ(p->steps[i].subtract, now.steps[i].subtract);
          }
          ASSERT_EQ(p->outputs.size(), 4u);
          for (size_t r = 0; r < 4; ++r) {
            EXPECT_EQ(p->outputs[r].value, now.outputs[r].value);
            EXPECT_EQ(p->outputs[r].negate, now.outputs[r].negate);
          }
        }
      }
    }
  EXPECT_EQ(found, 2 * (9 + 11 + 13 + 15));
}

// The table covers what the CPU lowering asks for: every row block of
// cpuHmRowBlocks (the generator, below the compiler, writes blocks of four
// rows for m >= 36 on its own; were the rule to change, this fails rather
// than every cold compile quietly paying Paar's greedy again).
TEST(SignProgram, BuildTimeBlockTablesCoverTheCpuRowBlocks) {
  int blocked = 0;
  for (int64_t m : baseOrders()) {
    int64_t blocks = mlir::walsh::cpuHmRowBlocks(m);
    if (blocks <= 1)
      continue;
    ++blocked;
    for (bool transpose : {false, true})
      for (int64_t block = 0; block < blocks; ++block)
        EXPECT_TRUE(buildTimeBlockProgram(m, transpose, blocks, block))
            << "m = " << m << " block " << block << " of " << blocks;
  }
  EXPECT_GT(blocked, 0);
}

// baseProgram copies the programs walsh-gen-base-programs found at build
// time (BasePrograms.inc): the same, step for step, as Paar's greedy now.
TEST(SignProgram, BuildTimeTablesAreTheGreedysPrograms) {
  for (int64_t m : baseOrders())
    for (bool transpose : {false, true}) {
      const SignProgram &table = baseProgram(m, transpose);
      SignProgram now = signProgram(baseMatrix(m), transpose);
      ASSERT_EQ(table.inputs, now.inputs);
      ASSERT_EQ(table.steps.size(), now.steps.size())
          << "m = " << m << " transpose = " << transpose;
      for (size_t i = 0; i < now.steps.size(); ++i) {
        EXPECT_EQ(table.steps[i].lhs, now.steps[i].lhs);
        EXPECT_EQ(table.steps[i].rhs, now.steps[i].rhs);
        EXPECT_EQ(table.steps[i].subtract, now.steps[i].subtract);
      }
      ASSERT_EQ(table.outputs.size(), now.outputs.size());
      for (size_t r = 0; r < now.outputs.size(); ++r) {
        EXPECT_EQ(table.outputs[r].value, now.outputs[r].value);
        EXPECT_EQ(table.outputs[r].negate, now.outputs[r].negate);
      }
    }
  // m = 2 is no base order: found when asked.
  EXPECT_EQ(baseProgram(2, false).operations(), 2);
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

// The grouped layout's partial products (WalshToGPU.cpp, groupDenseLevel):
// the program for a block of H_m's columns computes exactly those columns,
// each output from m / g inputs, and costs about 1 / g of the whole
// program.
TEST(SignProgram, ColumnProgramsComputeTheirColumns) {
  for (int64_t m : baseOrders())
    for (bool transpose : {false, true})
      for (int64_t groups : {2, 4})
        for (int64_t group = 0; group < groups; ++group) {
          const SignMatrix &h = baseMatrix(m);
          const SignProgram &p =
              baseColumnProgram(m, transpose, groups, group);
          int64_t n = m / groups, first = group * n;
          ASSERT_EQ(p.inputs, n);
          ASSERT_EQ(static_cast<int64_t>(p.outputs.size()), m);
          for (int64_t c = 0; c < n; ++c) {
            std::vector<double> y = column(p, c);
            for (int64_t r = 0; r < m; ++r)
              ASSERT_EQ(y[r], transpose ? h.at(first + c, r)
                                        : h.at(r, first + c))
                  << "m = " << m << " transpose = " << transpose
                  << " block " << group << " of " << groups << " (" << r
                  << ", " << c << ")";
          }
          // Never worse than the dense product of m rows of n terms; for
          // halves at most 0.6 of the whole program (m = 28: 107 of 237).
          EXPECT_LE(p.operations(), m * (n - 1));
          if (groups == 2) {
            EXPECT_LE(p.operations(),
                      baseProgram(m, transpose).operations() * 6 / 10)
                << "m = " << m;
          }
        }
}

// A cluster's blocks splitting H_m's outputs (groupDenseLevel with
// 'cluster' > 1): the program for row block `block` of `blocks` and column
// block `group` of `groups` computes exactly that block of H_m (or H_m^T),
// and no more than the whole column block's program.
TEST(SignProgram, BlockProgramsComputeTheirBlock) {
  for (int64_t m : baseOrders())
    for (bool transpose : {false, true})
      for (int64_t groups : {2, 4})
        for (int64_t blocks : {2, 3, 5, 6, 7}) {
          if (m % (groups * blocks) != 0)
            continue;
          const SignMatrix &h = baseMatrix(m);
          int64_t n = m / groups, rows = m / blocks;
          for (int64_t group = 0; group < groups; ++group)
            for (int64_t block = 0; block < blocks; ++block) {
              const SignProgram &p = baseColumnProgram(m, transpose, groups,
                                                       group, blocks, block);
              ASSERT_EQ(p.inputs, n);
              ASSERT_EQ(static_cast<int64_t>(p.outputs.size()), rows);
              for (int64_t c = 0; c < n; ++c) {
                std::vector<double> y = column(p, c);
                for (int64_t r = 0; r < rows; ++r) {
                  int64_t i = block * rows + r, j = group * n + c;
                  ASSERT_EQ(y[r], transpose ? h.at(j, i) : h.at(i, j))
                      << "m = " << m << " transpose = " << transpose
                      << " rows " << block << " of " << blocks
                      << ", columns " << group << " of " << groups;
                }
              }
              EXPECT_LE(p.operations(), rows * (n - 1));
              EXPECT_LE(p.operations(),
                        baseColumnProgram(m, transpose, groups, group)
                            .operations());
            }
        }
}
