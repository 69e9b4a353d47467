//===- Reference.h - the float64 oracle --------------------------*- C++ -*-===//
//
// The reference every numerical test compares against, in float64 on the
// host, with no MLIR:
//  - matrixTransform: the O(d^2) definition, y = scale * H_d x (or H_d^T x),
//    entry by entry from entryOf();
//  - fastTransform: the same through planStages() and applyStage(),
//    O(d log d), for large inputs;
//  - applyStage: one walsh.stage, the unit the IR interpreter executes;
//  - matrixProjection: the transform with the learned affine, O(d^2).
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_HADAMARD_REFERENCE_H
#define WALSH_HADAMARD_REFERENCE_H

#include "walsh/Hadamard/Stages.h"

#include <cstdint>

namespace walsh {

/// y = scale * H_d x (H_d^T x when `transpose`), O(d^2). `x` and `y` hold d
/// values each and must not overlap.
void matrixTransform(const Factorization &f, const double *x, double *y,
                     double scale, bool transpose);

/// In place: row = scale * H_d row (H_d^T when `transpose`), O(d log d).
/// With `crossHeadOnly` = head_dim > 0: only the stages that mix heads (not
/// the radix-2 stages at strides below head_dim): the cross-head factor
/// H_heads (x) I_head_dim of walsh-split-heads.
void fastTransform(const Factorization &f, double *row, double scale,
                   bool transpose, int64_t crossHeadOnly = 0);

/// In place: one stage on a row of length d. The stage must fit d.
void applyStage(int64_t d, const StageDesc &stage, double *row);

/// The whole projection over `rows` packed rows, O(rows * d^2):
/// y = (scale * H_d x) (.) a + b, with a or b null when absent.
void matrixProjection(const Factorization &f, int64_t rows, const double *x,
                      const double *a, const double *b, double scale,
                      bool transpose, double *y);

/// The next sublayer's norm of one row h of d values, into `out`:
/// RMSNorm out = h / sqrt(mean(h^2) + eps) * weight, or with `center`
/// LayerNorm out = (h - mean) / sqrt(var + eps) * weight + bias (bias may be
/// null; var is the biased variance).
void normRow(const double *h, int64_t d, const double *weight,
             const double *bias, bool center, double eps, double *out);

/// The head merge: x as [batch, heads, seq, headDim] into rows [batch *
/// seq, heads * headDim] (`out`), row b * seq + s.
void mergeHeads(const double *x, int64_t batch, int64_t heads, int64_t seq,
                int64_t headDim, double *out);

/// The split-KV combine of one row: `splits` partial rows of d values
/// (`partials[k * stride + c]`) with their log-sum-exp per head
/// (`lse[k * lseStride + h]`, heads = d / headDim), into `out`:
/// O = sum_k exp(lse_k - lse) O_k, lse = log sum_k exp(lse_k).
void combineSplitsRow(const double *partials, int64_t stride,
                      const double *lse, int64_t lseStride, int64_t splits,
                      int64_t d, int64_t headDim, double *out);

/// max_i |y_i - ref_i| / max_i |ref_i| (0 when ref is all zero and y equals
/// it); NaN anywhere in y gives NaN, which fails every comparison.
double maxRelativeError(const double *y, const double *ref, int64_t n);

} // namespace walsh

#endif // WALSH_HADAMARD_REFERENCE_H
