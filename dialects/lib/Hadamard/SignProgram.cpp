//===- SignProgram.cpp - Fewer additions for y = S x, S of +-1 ----------===//
#include "walsh/Hadamard/SignProgram.h"

#include <algorithm>
#include <utility>

namespace walsh {

int64_t SignProgram::operations() const {
  int64_t n = static_cast<int64_t>(steps.size());
  for (const Output &o : outputs)
    n += o.negate;
  return n;
}

std::vector<double> SignProgram::apply(const std::vector<double> &x) const {
  std::vector<double> v(x.begin(), x.begin() + inputs);
  for (const Step &s : steps)
    v.push_back(s.subtract ? v[s.lhs] - v[s.rhs] : v[s.lhs] + v[s.rhs]);
  std::vector<double> y;
  for (const Output &o : outputs)
    y.push_back(o.negate ? -v[o.value] : v[o.value]);
  return y;
}

namespace {

/// One row of the matrix being reduced: value index -> sign, by index.
using Row = std::vector<std::pair<int32_t, int8_t>>;

/// The dense product: every row summed left to right.
SignProgram denseProgram(const std::vector<Row> &rows, int64_t inputs,
                         SignProgram p) {
  p.inputs = inputs;
  for (const Row &row : rows) {
    // Start from a positive term where there is one, so only an all-negative
    // row pays a negation.
    auto first = std::find_if(row.begin(), row.end(),
                              [](auto &t) { return t.second > 0; });
    bool negate = first == row.end();
    if (negate)
      first = row.begin();
    int8_t flip = negate ? -1 : 1;
    int32_t acc = first->first;
    for (auto it = row.begin(); it != row.end(); ++it) {
      if (it == first)
        continue;
      p.steps.push_back({acc, it->first, it->second * flip < 0});
      acc = static_cast<int32_t>(inputs + p.steps.size() - 1);
    }
    p.outputs.push_back({acc, negate});
  }
  return p;
}

/// Paar's greedy on `rows` over `m` inputs.
SignProgram reduce(std::vector<Row> rows, int64_t m) {
  SignProgram dense = denseProgram(rows, m, {});

  // Paar's greedy: while some signed pair (i, j, sign_j / sign_i) occurs in
  // two rows or more, give the most frequent one a value of its own. Each
  // round counts, for every value i, the later values j in the rows that
  // hold i, in a table over (j, relative sign) cleared after each i.
  SignProgram p;
  // Each new value replaces at least two terms of the rows * m there are.
  int64_t limit = m + static_cast<int64_t>(rows.size()) * m / 2;
  std::vector<int32_t> count(static_cast<size_t>(limit * 2), 0);
  // holders[a]: (row, a's place in it, its sign) for each row holding a.
  // Rows stay sorted by value, so a row's values past a are those after
  // its place. The lists keep their storage from round to round.
  struct Holder {
    int32_t row, at;
    int8_t sign;
  };
  std::vector<std::vector<Holder>> holders;
  for (;;) {
    int64_t values = m + static_cast<int64_t>(p.steps.size());
    if (static_cast<int64_t>(holders.size()) < values)
      holders.resize(values);
    for (int64_t a = 0; a < values; ++a)
      holders[a].clear();
    for (size_t r = 0; r < rows.size(); ++r)
      for (size_t at = 0; at < rows[r].size(); ++at)
        holders[rows[r][at].first].push_back(
            {static_cast<int32_t>(r), static_cast<int32_t>(at),
             rows[r][at].second});
    int32_t best = 1, i = 0, j = 0;
    bool neg = false;
    for (int32_t a = 0; a < values; ++a) {
      for (const Holder &h : holders[a]) {
        const Row &row = rows[h.row];
        for (size_t k = size_t(h.at) + 1; k < row.size(); ++k) {
          auto [v, sv] = row[k];
          int32_t c = ++count[v * 2 + (h.sign != sv)];
          if (c > best) { // ties: the first pair found
            best = c;
            i = a;
            j = v;
            neg = h.sign != sv;
          }
        }
      }
      for (const Holder &h : holders[a]) {
        const Row &row = rows[h.row];
        for (size_t k = size_t(h.at) + 1; k < row.size(); ++k)
          count[row[k].first * 2 + (h.sign != row[k].second)] = 0;
      }
    }
    if (best < 2)
      break;
    int32_t v = static_cast<int32_t>(m + p.steps.size());
    p.steps.push_back({i, j, neg});
    for (Row &row : rows) {
      auto ti = std::find_if(row.begin(), row.end(),
                             [&](auto &t) { return t.first == i; });
      auto tj = std::find_if(row.begin(), row.end(),
                             [&](auto &t) { return t.first == j; });
      if (ti == row.end() || tj == row.end() ||
          (ti->second != tj->second) != neg)
        continue;
      int8_t sign = ti->second;
      row.erase(tj < ti ? ti : tj);
      row.erase(tj < ti ? tj : ti);
      row.push_back({v, sign}); // v is the largest index: rows stay sorted
    }
  }
  p = denseProgram(rows, m, std::move(p));
  return p.operations() < dense.operations() ? p : dense;
}

} // namespace

SignProgram signProgram(const SignMatrix &s, bool transpose) {
  return signProgramBlock(s, transpose, 0, s.order(), 0, s.order());
}

SignProgram signProgramBlock(const SignMatrix &s, bool transpose,
                             int64_t rowFirst, int64_t rowCount,
                             int64_t colFirst, int64_t colCount) {
  std::vector<Row> rows(static_cast<size_t>(rowCount));
  for (int64_t r = 0; r < rowCount; ++r)
    for (int64_t c = 0; c < colCount; ++c) {
      int64_t i = rowFirst + r, j = colFirst + c;
      rows[r].push_back(
          {static_cast<int32_t>(c), transpose ? s.at(j, i) : s.at(i, j)});
    }
  return reduce(std::move(rows), colCount);
}

} // namespace walsh
