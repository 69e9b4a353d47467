//===- Hadamard.h - Hadamard matrices and the sizes walsh supports -*- C++ -*-===//
//
// The mathematics the walsh dialect is defined by, in plain C++ (no MLIR), so
// the dialect's verifier, the passes, the float64 oracle and a runtime without
// MLIR all agree on one definition:
//
//  - Constructions of Hadamard matrices: Sylvester (2^k), Paley I (q prime,
//    q = 3 mod 4, order q+1), Paley II (q prime, q = 1 mod 4, order 2(q+1)),
//    Williamson (order 4n, n odd, n <= 15) and Kronecker products. Together
//    they give every Hadamard order up to 64.
//  - The canonical H_d that `walsh.transform` means: for d = 2^k, Sylvester's
//    H_{2^k} in natural (Hadamard, not sequency) order; for d = m * 2^k with
//    m = 4q, q odd in [3, 15], the Kronecker product H_m (x) H_{2^k} where H_m
//    is the Williamson matrix of order m built from the sequences pinned in
//    Hadamard.cpp. Index i of a row is i = a * 2^k + b, a in [0, m),
//    b in [0, 2^k); H_d[i][j] = H_m[a][a'] * (-1)^popcount(b & b').
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_HADAMARD_HADAMARD_H
#define WALSH_HADAMARD_HADAMARD_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace walsh {

/// A square matrix of +1/-1 entries, row-major.
class SignMatrix {
public:
  SignMatrix() = default;
  /// A matrix of the given order with every entry +1.
  explicit SignMatrix(int64_t order)
      : n(order), entries(static_cast<size_t>(order * order), 1) {}

  /// The matrix order (number of rows and columns).
  int64_t order() const { return n; }
  /// Entry at row `i`, column `j`.
  int8_t at(int64_t i, int64_t j) const { return entries[i * n + j]; }
  /// Sets the entry at row `i`, column `j` to `v` (+1 or -1).
  void set(int64_t i, int64_t j, int8_t v) { entries[i * n + j] = v; }

  /// The transpose.
  SignMatrix transposed() const;
  /// True when the matrix equals its transpose.
  bool isSymmetric() const;
  /// True when every entry is +-1 and H * H^T = order * I.
  bool isHadamard() const;

  bool operator==(const SignMatrix &o) const {
    return n == o.n && entries == o.entries;
  }

private:
  int64_t n = 0;
  std::vector<int8_t> entries;
};

/// Sylvester's H_{2^k}: H_1 = [1], H_{2n} = [[H, H], [H, -H]].
SignMatrix sylvester(unsigned log2Order);
/// Paley's first construction for a prime q = 3 (mod 4): order q + 1.
/// std::nullopt when q is not such a prime.
std::optional<SignMatrix> paleyI(int64_t q);
/// Paley's second construction for a prime q = 1 (mod 4): order 2(q + 1).
/// std::nullopt when q is not such a prime.
std::optional<SignMatrix> paleyII(int64_t q);
/// Williamson's construction of order 4n from four symmetric circulant
/// matrices, for odd n in [1, 15]; std::nullopt for other n.
std::optional<SignMatrix> williamson(int64_t n);
/// The Kronecker product A (x) B.
SignMatrix kronecker(const SignMatrix &a, const SignMatrix &b);

/// The largest transform size walsh accepts.
constexpr int64_t kMaxTransformSize = 65536;

/// d = m * 2^k, with m = 1 or a base order (see baseOrders()).
struct Factorization {
  int64_t m;
  unsigned k;
  bool operator==(const Factorization &o) const {
    return m == o.m && k == o.k;
  }
};

/// The non-power-of-two Hadamard orders walsh builds sizes from:
/// 12, 20, 28, 36, 44, 52, 60 (4q for odd q in [3, 15]).
const std::vector<int64_t> &baseOrders();

/// Factors a transform size; std::nullopt when d is not supported
/// (d < 1, d > kMaxTransformSize, or no base order m with d = m * 2^k).
std::optional<Factorization> factorize(int64_t d);

/// One sentence naming the supported sizes, for error messages.
std::string supportedSizesText();

/// The canonical H_m for m = 1, 2 or a base order (Williamson for the base
/// orders). Aborts on any other m: callers factorize first.
const SignMatrix &baseMatrix(int64_t m);

/// Entry (i, j) of the canonical H_d. `d` must be supported.
int entryOf(const Factorization &f, int64_t i, int64_t j);

/// The same with baseMatrix(f.m) looked up by the caller (null for m = 1),
/// for loops over many entries.
inline int entryOf(const Factorization &f, const SignMatrix *hm, int64_t i,
                   int64_t j) {
  int64_t mask = (int64_t(1) << f.k) - 1;
  int sign = __builtin_popcountll(uint64_t(i & j & mask)) % 2 ? -1 : 1;
  return hm ? sign * hm->at(i >> f.k, j >> f.k) : sign;
}

} // namespace walsh

#endif // WALSH_HADAMARD_HADAMARD_H
