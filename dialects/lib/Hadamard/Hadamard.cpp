//===- Hadamard.cpp - Hadamard constructions and supported sizes ----------===//
//
// Sylvester, Paley I/II, Williamson and Kronecker constructions, the
// factorization d = m * 2^k and the canonical H_d (see Hadamard.h).
//
// The Williamson sequences below are the first solutions, in lexicographic
// order of the four first rows, of A^2 + B^2 + C^2 + D^2 = 4n I over
// symmetric circulant +-1 matrices with a leading +1. They are pinned here,
// not searched for at run time, because they define the transform: changing
// one changes every result for that size. tests/unit/HadamardTest.cpp
// re-derives them by that search.
//
//===----------------------------------------------------------------------===//
#include "walsh/Hadamard/Hadamard.h"

#include <array>
#include <cstdlib>
#include <map>
#include <mutex>

namespace walsh {

SignMatrix SignMatrix::transposed() const {
  SignMatrix t(n);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j)
      t.set(j, i, at(i, j));
  return t;
}

bool SignMatrix::isSymmetric() const { return *this == transposed(); }

bool SignMatrix::isHadamard() const {
  if (n < 1)
    return false;
  for (int8_t e : entries)
    if (e != 1 && e != -1)
      return false;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) {
      int64_t dot = 0;
      for (int64_t c = 0; c < n; ++c)
        dot += at(i, c) * at(j, c);
      if (dot != (i == j ? n : 0))
        return false;
    }
  return true;
}

SignMatrix sylvester(unsigned log2Order) {
  int64_t n = int64_t(1) << log2Order;
  SignMatrix h(n);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j)
      h.set(i, j, __builtin_popcountll(uint64_t(i & j)) % 2 ? -1 : 1);
  return h;
}

static bool isPrime(int64_t q) {
  if (q < 2)
    return false;
  for (int64_t p = 2; p * p <= q; ++p)
    if (q % p == 0)
      return false;
  return true;
}

/// Quadratic character of x modulo the prime q: 0, +1 or -1.
static int legendre(int64_t x, int64_t q) {
  x = ((x % q) + q) % q;
  if (x == 0)
    return 0;
  for (int64_t y = 1; y < q; ++y)
    if (y * y % q == x)
      return 1;
  return -1;
}

/// The (q+1) x (q+1) matrix [[0, 1^T], [e * 1, Q]] with Q the Jacobsthal
/// matrix Q[i][j] = chi(j - i); e = -1 (Paley I) or +1 (Paley II).
static std::vector<int> paleyCore(int64_t q, int e) {
  int64_t n = q + 1;
  std::vector<int> c(n * n, 0);
  for (int64_t j = 1; j < n; ++j) {
    c[j] = 1;
    c[j * n] = e;
  }
  for (int64_t i = 0; i < q; ++i)
    for (int64_t j = 0; j < q; ++j)
      c[(i + 1) * n + (j + 1)] = legendre(j - i, q);
  return c;
}

std::optional<SignMatrix> paleyI(int64_t q) {
  if (!isPrime(q) || q % 4 != 3)
    return std::nullopt;
  int64_t n = q + 1;
  std::vector<int> s = paleyCore(q, -1);
  SignMatrix h(n);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j)
      h.set(i, j, static_cast<int8_t>(i == j ? 1 : s[i * n + j]));
  return h;
}

std::optional<SignMatrix> paleyII(int64_t q) {
  if (!isPrime(q) || q % 4 != 1)
    return std::nullopt;
  int64_t n = q + 1;
  std::vector<int> c = paleyCore(q, 1);
  // H = C (x) [[1, 1], [1, -1]] + I (x) [[1, -1], [-1, -1]].
  SignMatrix h(2 * n);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) {
      int v = c[i * n + j];
      for (int a = 0; a < 2; ++a)
        for (int b = 0; b < 2; ++b) {
          int e = v == 0 ? ((a == 0 && b == 0) ? 1 : -1)
                         : v * ((a == 1 && b == 1) ? -1 : 1);
          h.set(2 * i + a, 2 * j + b, static_cast<int8_t>(e));
        }
    }
  return h;
}

namespace {
struct WilliamsonSeqs {
  int64_t n;
  std::array<const char *, 4> rows; // first rows of A, B, C, D
};
} // namespace

static const WilliamsonSeqs kWilliamson[] = {
    {1, {"+", "+", "+", "+"}},
    {3, {"+++", "+--", "+--", "+--"}},
    {5, {"+-++-", "++--+", "+----", "+----"}},
    {7, {"+-++++-", "+-++++-", "+--++--", "+++--++"}},
    {9, {"+-++++++-", "+--++++--", "+---++---", "++-+--+-+"}},
    {11, {"+--++++++--", "+-+-++++-+-", "+----++----", "++--+--+--+"}},
    {13,
     {"+--++++++++--", "+++-+-++-+-++", "+-++--++--++-", "+-+++----+++-"}},
    {15,
     {"++--++++++++--+", "+-+-++-++-++-+-", "++---+-++-+---+",
      "++-++------++-+"}},
};

std::optional<SignMatrix> williamson(int64_t n) {
  const WilliamsonSeqs *w = nullptr;
  for (const WilliamsonSeqs &c : kWilliamson)
    if (c.n == n)
      w = &c;
  if (!w)
    return std::nullopt;
  // Circulant block X[i][j] = x[(j - i) mod n].
  auto blk = [&](int which, int64_t i, int64_t j) -> int {
    return w->rows[which][((j - i) % n + n) % n] == '+' ? 1 : -1;
  };
  // The Williamson array [[A, B, C, D], [-B, A, -D, C], [-C, D, A, -B],
  // [-D, -C, B, A]].
  static const int kWhich[4][4] = {
      {0, 1, 2, 3}, {1, 0, 3, 2}, {2, 3, 0, 1}, {3, 2, 1, 0}};
  static const int kSign[4][4] = {
      {1, 1, 1, 1}, {-1, 1, -1, 1}, {-1, 1, 1, -1}, {-1, -1, 1, 1}};
  SignMatrix h(4 * n);
  for (int br = 0; br < 4; ++br)
    for (int bc = 0; bc < 4; ++bc)
      for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j)
          h.set(br * n + i, bc * n + j,
                static_cast<int8_t>(kSign[br][bc] * blk(kWhich[br][bc], i, j)));
  return h;
}

SignMatrix kronecker(const SignMatrix &a, const SignMatrix &b) {
  int64_t na = a.order(), nb = b.order();
  SignMatrix k(na * nb);
  for (int64_t i = 0; i < na; ++i)
    for (int64_t j = 0; j < na; ++j)
      for (int64_t p = 0; p < nb; ++p)
        for (int64_t q = 0; q < nb; ++q)
          k.set(i * nb + p, j * nb + q,
                static_cast<int8_t>(a.at(i, j) * b.at(p, q)));
  return k;
}

const std::vector<int64_t> &baseOrders() {
  static const std::vector<int64_t> orders = {12, 20, 28, 36, 44, 52, 60};
  return orders;
}

std::optional<Factorization> factorize(int64_t d) {
  if (d < 1 || d > kMaxTransformSize)
    return std::nullopt;
  unsigned k = static_cast<unsigned>(__builtin_ctzll(uint64_t(d)));
  int64_t odd = d >> k;
  if (odd == 1)
    return Factorization{1, k};
  // d = 4q * 2^(k-2) with q odd in [3, 15].
  if (odd > 15 || k < 2)
    return std::nullopt;
  return Factorization{4 * odd, k - 2};
}

std::string supportedSizesText() {
  std::string s = "2^k or m * 2^k with m in {";
  for (size_t i = 0; i < baseOrders().size(); ++i)
    s += (i ? ", " : "") + std::to_string(baseOrders()[i]);
  s += "}, at most " + std::to_string(kMaxTransformSize);
  return s;
}

const SignMatrix &baseMatrix(int64_t m) {
  static std::mutex mu;
  static std::map<int64_t, SignMatrix> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(m);
  if (it != cache.end())
    return it->second;
  std::optional<SignMatrix> h;
  if (m == 1)
    h = sylvester(0);
  else if (m == 2)
    h = sylvester(1);
  else if (m % 4 == 0)
    h = williamson(m / 4);
  if (!h)
    std::abort(); // Callers factorize first: m is not a base order.
  return cache.emplace(m, std::move(*h)).first->second;
}

int entryOf(const Factorization &f, int64_t i, int64_t j) {
  return entryOf(f, f.m > 1 ? &baseMatrix(f.m) : nullptr, i, j);
}

} // namespace walsh
