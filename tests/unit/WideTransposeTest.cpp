//===- WideTransposeTest.cpp - the GPU wide transposes' shared addresses
//---===//
//
// wideTransposeColumns (walsh-convert-to-gpu): for the transposes walsh's
// default kernels make, the address map is one-to-one on the row and the
// threads of every access phase reach distinct banks on both sides.
//
//===----------------------------------------------------------------------===//
#include "walsh/Conversion/Passes.h"

#include <gtest/gtest.h>

#include <set>

namespace {

struct Case {
  const char *name;
  int n;
  std::vector<int> piece, phaseA, phaseB;
};

int64_t addressOf(const llvm::SmallVector<int64_t> &column, int64_t i) {
  int64_t a = 0;
  for (size_t e = 0; e < column.size(); ++e)
    if (i & (int64_t(1) << e))
      a ^= column[e];
  return a;
}

/// Whether the phase's threads reach 32 / 2^w distinct banks: their bank
/// fields (address bits w .. 4) are linearly independent over XOR.
bool conflictFree(const llvm::SmallVector<int64_t> &column, int w,
                  const std::vector<int> &phase) {
  std::vector<int64_t> basis;
  for (int e : phase) {
    int64_t v = (column[e] >> w) & ((1 << (5 - w)) - 1);
    for (int64_t x : basis)
      v = std::min(v, v ^ x);
    if (!v)
      return false;
    basis.push_back(v);
  }
  return true;
}

// The layouts (element bits in registers) of planWide's two transposes;
// a phase is the first 5 - w of the other bits (the thread's).
const Case kCases[] = {
    // 16-bit d = 8192, 64 values a thread, 128 threads: registers
    // {0,1,2,10,11,12} -> {0,1,3,4,5,6} -> {0,1,2,7,8,9}.
    {"bf16_8192_first", 13, {0, 1}, {3, 4, 5}, {2, 7, 8}},
    {"bf16_8192_second", 13, {0, 1}, {2, 7, 8}, {3, 4, 5}},
    // d = 16384, 256 threads: {0,1,2,11,12,13} -> {0,3,..,7} ->
    // {0,1,2,8,9,10}; 8-byte accesses.
    {"bf16_16384_first", 14, {0}, {3, 4, 5, 6}, {1, 2, 8, 9}},
    {"bf16_16384_second", 14, {0}, {1, 2, 8, 9}, {3, 4, 5, 6}},
    // d = 32768, 512 threads: {0,1,2,12,13,14} -> {3,..,8} ->
    // {0,1,2,9,10,11}; 4-byte accesses.
    {"bf16_32768_first", 15, {}, {3, 4, 5, 6, 7}, {0, 1, 2, 9, 10}},
    {"bf16_32768_second", 15, {}, {0, 1, 2, 9, 10}, {3, 4, 5, 6, 7}},
};

TEST(WideTranspose, ConflictFreeAndOneToOne) {
  for (const Case &c : kCases) {
    SCOPED_TRACE(c.name);
    auto column =
        mlir::walsh::wideTransposeColumns(c.n, c.piece, c.phaseA, c.phaseB);
    ASSERT_EQ(column.size(), size_t(c.n));
    int w = int(c.piece.size());
    EXPECT_TRUE(conflictFree(column, w, c.phaseA));
    EXPECT_TRUE(conflictFree(column, w, c.phaseB));
    // The piece is the low address bits, in order: accesses of 2^w
    // consecutive floats.
    for (int j = 0; j < w; ++j)
      EXPECT_EQ(column[c.piece[j]], int64_t(1) << j);
    std::set<int64_t> seen;
    for (int64_t i = 0; i < (int64_t(1) << c.n); ++i) {
      int64_t a = addressOf(column, i);
      ASSERT_LT(a, int64_t(1) << c.n);
      ASSERT_TRUE(seen.insert(a).second) << "element " << i;
    }
  }
}

TEST(WideTranspose, UnswizzledConflicts) {
  // Without the search's swizzle the 8192 case's second side would
  // conflict: element bits 7 and 8 sit above the bank field.
  llvm::SmallVector<int64_t> plain;
  int next = 2;
  for (int e = 0; e < 13; ++e)
    plain.push_back(e < 2 ? int64_t(1) << e : int64_t(1) << next++);
  EXPECT_FALSE(conflictFree(plain, 2, {2, 7, 8}));
}

} // namespace
