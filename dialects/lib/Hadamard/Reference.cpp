//===- Reference.cpp - the float64 oracle ----------------------------------===//
//
// matrixTransform (O(d^2), from the definition), fastTransform and
// applyStage (O(d log d)); see Reference.h.
//
//===----------------------------------------------------------------------===//
#include "walsh/Hadamard/Reference.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace walsh {

void matrixTransform(const Factorization &f, const double *x, double *y,
                     double scale, bool transpose) {
  int64_t d = f.m << f.k;
  const SignMatrix *hm = f.m > 1 ? &baseMatrix(f.m) : nullptr;
  for (int64_t i = 0; i < d; ++i) {
    double acc = 0.0;
    for (int64_t j = 0; j < d; ++j)
      acc += (transpose ? entryOf(f, hm, j, i) : entryOf(f, hm, i, j)) * x[j];
    y[i] = scale * acc;
  }
}

void applyStage(int64_t d, const StageDesc &stage, double *row) {
  const int64_t r = stage.radix, s = stage.stride;
  if (r == 2) {
    for (int64_t base : stageGroupBases(d, 2, s)) {
      double a = row[base], b = row[base + s];
      row[base] = a + b;
      row[base + s] = a - b;
    }
    return;
  }
  const SignMatrix &h = baseMatrix(r);
  std::vector<double> in(r);
  for (int64_t base : stageGroupBases(d, r, s)) {
    for (int64_t j = 0; j < r; ++j)
      in[j] = row[base + j * s];
    for (int64_t i = 0; i < r; ++i) {
      double acc = 0.0;
      for (int64_t j = 0; j < r; ++j)
        acc += (stage.transpose ? h.at(j, i) : h.at(i, j)) * in[j];
      row[base + i * s] = acc;
    }
  }
}

void fastTransform(const Factorization &f, double *row, double scale,
                   bool transpose, int64_t crossHeadOnly) {
  int64_t d = f.m << f.k;
  for (const StageDesc &st : planStages(f, transpose))
    if (!(st.radix == 2 && st.stride < crossHeadOnly))
      applyStage(d, st, row);
  if (scale != 1.0)
    for (int64_t i = 0; i < d; ++i)
      row[i] *= scale;
}


void matrixProjection(const Factorization &f, int64_t rows, const double *x,
                      const double *a, const double *b, double scale,
                      bool transpose, double *y) {
  int64_t d = f.m << f.k;
  for (int64_t r = 0; r < rows; ++r) {
    matrixTransform(f, x + r * d, y + r * d, scale, transpose);
    for (int64_t c = 0; c < d; ++c) {
      double &v = y[r * d + c];
      if (a)
        v *= a[c];
      if (b)
        v += b[c];
    }
  }
}

double maxRelativeError(const double *y, const double *ref, int64_t n) {
  double maxErr = 0.0, maxRef = 0.0;
  for (int64_t i = 0; i < n; ++i) {
    if (std::isnan(y[i]))
      return std::numeric_limits<double>::quiet_NaN();
    maxErr = std::max(maxErr, std::abs(y[i] - ref[i]));
    maxRef = std::max(maxRef, std::abs(ref[i]));
  }
  if (maxRef == 0.0)
    return maxErr == 0.0 ? 0.0 : std::numeric_limits<double>::infinity();
  return maxErr / maxRef;
}

void normRow(const double *h, int64_t d, const double *weight,
             const double *bias, bool center, double eps, double *out) {
  double mean = 0;
  if (center) {
    for (int64_t c = 0; c < d; ++c)
      mean += h[c];
    mean /= double(d);
  }
  double sq = 0;
  for (int64_t c = 0; c < d; ++c)
    sq += (h[c] - mean) * (h[c] - mean);
  double inv = 1.0 / std::sqrt(sq / double(d) + eps);
  for (int64_t c = 0; c < d; ++c)
    out[c] = (h[c] - mean) * inv * weight[c] + (bias ? bias[c] : 0.0);
}

void mergeHeads(const double *x, int64_t batch, int64_t heads, int64_t seq,
                int64_t headDim, double *out) {
  int64_t d = heads * headDim;
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t h = 0; h < heads; ++h)
      for (int64_t s = 0; s < seq; ++s)
        for (int64_t e = 0; e < headDim; ++e)
          out[(b * seq + s) * d + h * headDim + e] =
              x[((b * heads + h) * seq + s) * headDim + e];
}

void combineSplitsRow(const double *partials, int64_t stride,
                      const double *lse, int64_t lseStride, int64_t splits,
                      int64_t d, int64_t headDim, double *out) {
  for (int64_t h = 0; h < d / headDim; ++h) {
    double top = -INFINITY;
    for (int64_t k = 0; k < splits; ++k)
      top = std::max(top, lse[k * lseStride + h]);
    double total = 0;
    for (int64_t k = 0; k < splits; ++k)
      total += std::exp(lse[k * lseStride + h] - top);
    for (int64_t e = 0; e < headDim; ++e) {
      int64_t c = h * headDim + e;
      double o = 0;
      for (int64_t k = 0; k < splits; ++k)
        o += std::exp(lse[k * lseStride + h] - top) / total *
             partials[k * stride + c];
      out[c] = o;
    }
  }
}

} // namespace walsh
