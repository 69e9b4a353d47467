//===- HadamardTest.cpp - Hadamard constructions and sizes -----------------===//
#include "walsh/Hadamard/Hadamard.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

using namespace walsh;

TEST(Hadamard, SylvesterIsHadamardAndSymmetric) {
  for (unsigned k = 0; k <= 7; ++k) {
    SignMatrix h = sylvester(k);
    EXPECT_EQ(h.order(), int64_t(1) << k);
    EXPECT_TRUE(h.isHadamard()) << "k = " << k;
    EXPECT_TRUE(h.isSymmetric()) << "k = " << k;
  }
  // Natural (Hadamard) order: row 1 of H_4 alternates, row 2 pairs.
  SignMatrix h4 = sylvester(2);
  EXPECT_EQ(h4.at(1, 0), 1);
  EXPECT_EQ(h4.at(1, 1), -1);
  EXPECT_EQ(h4.at(2, 1), 1);
  EXPECT_EQ(h4.at(2, 2), -1);
  EXPECT_EQ(h4.at(3, 3), 1);
}

TEST(Hadamard, PaleyIForEveryPrimeUpTo63) {
  for (int64_t q : {3, 7, 11, 19, 23, 31, 43, 47, 59}) {
    std::optional<SignMatrix> h = paleyI(q);
    ASSERT_TRUE(h) << "q = " << q;
    EXPECT_EQ(h->order(), q + 1);
    EXPECT_TRUE(h->isHadamard()) << "q = " << q;
    // Skew type: H - I is antisymmetric.
    for (int64_t i = 0; i < h->order(); ++i)
      for (int64_t j = 0; j < h->order(); ++j)
        if (i != j) {
          ASSERT_EQ(h->at(i, j), -h->at(j, i)) << "q = " << q;
        }
  }
  EXPECT_FALSE(paleyI(5));  // 5 = 1 mod 4
  EXPECT_FALSE(paleyI(15)); // not prime
  EXPECT_FALSE(paleyI(27)); // prime power: not constructed
}

TEST(Hadamard, PaleyIIForEveryPrimeUpTo31) {
  for (int64_t q : {5, 13, 17, 29}) {
    std::optional<SignMatrix> h = paleyII(q);
    ASSERT_TRUE(h) << "q = " << q;
    EXPECT_EQ(h->order(), 2 * (q + 1));
    EXPECT_TRUE(h->isHadamard()) << "q = " << q;
  }
  EXPECT_FALSE(paleyII(7));
  EXPECT_FALSE(paleyII(25));
}

TEST(Hadamard, WilliamsonForOddNUpTo15) {
  for (int64_t n = 1; n <= 15; n += 2) {
    std::optional<SignMatrix> h = williamson(n);
    ASSERT_TRUE(h) << "n = " << n;
    EXPECT_EQ(h->order(), 4 * n);
    EXPECT_TRUE(h->isHadamard()) << "n = " << n;
  }
  EXPECT_FALSE(williamson(2));
  EXPECT_FALSE(williamson(17));
}

/// Periodic autocorrelation of a +-1 sequence at shift t.
static int paf(const std::string &s, size_t t) {
  int a = 0;
  for (size_t i = 0; i < s.size(); ++i)
    a += (s[i] == '+' ? 1 : -1) * (s[(i + t) % s.size()] == '+' ? 1 : -1);
  return a;
}

// The pinned Williamson matrices are the first solutions of the search the
// header describes; re-derive them here so that an edit to the table fails.
TEST(Hadamard, WilliamsonSequencesAreTheFirstSearchSolutions) {
  for (int64_t n = 3; n <= 15; n += 2) {
    int64_t h = (n - 1) / 2, count = int64_t(1) << h;
    std::vector<std::string> seqs;
    for (int64_t c = 0; c < count; ++c) {
      std::string s(n, '+');
      for (int64_t i = 1; i <= h; ++i)
        s[i] = s[n - i] = (c >> (i - 1)) & 1 ? '-' : '+';
      seqs.push_back(s);
    }
    bool found = false;
    for (int64_t a = 0; a < count && !found; ++a)
      for (int64_t b = a; b < count && !found; ++b)
        for (int64_t c = b; c < count && !found; ++c)
          for (int64_t d = c; d < count && !found; ++d) {
            bool ok = true;
            for (int64_t t = 1; t <= h && ok; ++t)
              ok = paf(seqs[a], t) + paf(seqs[b], t) + paf(seqs[c], t) +
                       paf(seqs[d], t) ==
                   0;
            if (!ok)
              continue;
            found = true;
            // Rebuild the first block row [A B C D] and compare.
            SignMatrix w = *williamson(n);
            const std::string *rows[4] = {&seqs[a], &seqs[b], &seqs[c],
                                          &seqs[d]};
            for (int blk = 0; blk < 4; ++blk)
              for (int64_t j = 0; j < n; ++j)
                ASSERT_EQ(w.at(0, blk * n + j), (*rows[blk])[j] == '+' ? 1 : -1)
                    << "n = " << n << ", block " << blk << ", column " << j;
          }
    EXPECT_TRUE(found) << "n = " << n;
  }
}

TEST(Hadamard, KroneckerOfHadamardsIsHadamard) {
  SignMatrix k = kronecker(*williamson(3), sylvester(2));
  EXPECT_EQ(k.order(), 48);
  EXPECT_TRUE(k.isHadamard());
  EXPECT_EQ(k.at(5, 6), williamson(3)->at(1, 1) * sylvester(2).at(1, 2));
  // Orders 40 and 56 by doubling.
  EXPECT_TRUE(kronecker(sylvester(1), *williamson(5)).isHadamard());
  EXPECT_TRUE(kronecker(sylvester(1), *williamson(7)).isHadamard());
}

// Every Hadamard order up to 64 comes out of the constructions above.
TEST(Hadamard, EveryOrderUpTo64IsConstructed) {
  std::map<int64_t, SignMatrix> byOrder;
  for (unsigned k = 0; k <= 6; ++k)
    byOrder.emplace(int64_t(1) << k, sylvester(k));
  for (int64_t n = 1; n <= 15; n += 2)
    byOrder.emplace(4 * n, *williamson(n));
  for (int64_t q : {23, 47})
    byOrder.emplace(q + 1, *paleyI(q));
  byOrder.emplace(40, kronecker(sylvester(1), *williamson(5)));
  byOrder.emplace(56, kronecker(sylvester(1), *williamson(7)));
  for (int64_t order : {1, 2}) {
    EXPECT_TRUE(byOrder.count(order));
  }
  for (int64_t order = 4; order <= 64; order += 4) {
    ASSERT_TRUE(byOrder.count(order)) << "order " << order;
    EXPECT_TRUE(byOrder.at(order).isHadamard()) << "order " << order;
  }
}

TEST(Hadamard, BaseMatricesAreNotSymmetric) {
  // Why walsh.transform has `transpose`: the dense factors differ from
  // their transposes.
  for (int64_t m : baseOrders()) {
    const SignMatrix &h = baseMatrix(m);
    EXPECT_TRUE(h.isHadamard()) << "m = " << m;
    EXPECT_FALSE(h.isSymmetric()) << "m = " << m;
  }
}

TEST(Hadamard, Factorize) {
  EXPECT_EQ(factorize(1), (Factorization{1, 0}));
  EXPECT_EQ(factorize(2), (Factorization{1, 1}));
  EXPECT_EQ(factorize(768), (Factorization{12, 6}));
  EXPECT_EQ(factorize(12), (Factorization{12, 0}));
  EXPECT_EQ(factorize(24), (Factorization{12, 1}));
  EXPECT_EQ(factorize(40), (Factorization{20, 1}));
  EXPECT_EQ(factorize(5120), (Factorization{20, 8}));
  EXPECT_EQ(factorize(112), (Factorization{28, 2}));
  EXPECT_EQ(factorize(61440), (Factorization{60, 10}));
  EXPECT_EQ(factorize(65536), (Factorization{1, 16}));
  for (int64_t bad : {0, -4, 3, 6, 10, 68, 100, 131072, 98304})
    EXPECT_FALSE(factorize(bad)) << bad;
  EXPECT_EQ(supportedSizesText(), "2^k or m * 2^k with m in {12, 20, 28, 36, "
                                  "44, 52, 60}, at most 65536");
}

TEST(Hadamard, EntryOfIsTheKroneckerProduct) {
  for (int64_t d : {8, 12, 48, 40, 112}) {
    Factorization f = *factorize(d);
    SignMatrix expected =
        kronecker(f.m > 1 ? baseMatrix(f.m) : sylvester(0), sylvester(f.k));
    for (int64_t i = 0; i < d; ++i)
      for (int64_t j = 0; j < d; ++j)
        ASSERT_EQ(entryOf(f, i, j), expected.at(i, j))
            << "d = " << d << " (" << i << ", " << j << ")";
  }
}
