//===- Stages.h - butterfly stages as plain index algebra ------*- C++ -*-===//
//
// A stage applies a small Hadamard matrix H_r (r = `radix`) to every group of
// r elements that lie `stride` apart in a row of length d:
//
//   group g = { base(g) + j * stride : j in [0, r) },
//   base(g) = (g / stride) * (r * stride) + (g % stride),  g in [0, d / r)
//
//   y[base + i * stride] = sum_j H_r[i][j] * x[base + j * stride]
//                          (H_r^T when `transpose` is set)
//
// r = 2 is the radix-2 butterfly (x, y) -> (x + y, x - y). H_d for
// d = m * 2^k is the product of k radix-2 stages at strides 1, 2, ..., 2^(k-1)
// and (when m > 1) one radix-m stage at stride 2^k. Stages on different index
// digits commute, so their order is free; planStages fixes one.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_HADAMARD_STAGES_H
#define WALSH_HADAMARD_STAGES_H

#include "walsh/Hadamard/Hadamard.h"

#include <cstdint>
#include <vector>

namespace walsh {

/// One butterfly stage: H_radix applied at `stride`.
struct StageDesc {
  int64_t radix;
  int64_t stride;
  bool transpose = false;
  bool operator==(const StageDesc &o) const {
    return radix == o.radix && stride == o.stride && transpose == o.transpose;
  }
};

/// The order in which planStages emits the radix-2 stages.
enum class StageOrder {
  /// strides 1, 2, 4, ..., then the dense factor (if any) last.
  Ascending,
  /// the dense factor (if any) first, then strides ..., 4, 2, 1.
  Descending,
};

/// The stages whose product is H_d (H_d^T when `transpose`), for a
/// factorization of d.
std::vector<StageDesc> planStages(const Factorization &f, bool transpose,
                                  StageOrder order = StageOrder::Ascending);

/// True when a stage of this radix and stride tiles a row of length d:
/// radix >= 2, stride >= 1 and d % (radix * stride) == 0.
bool stageFits(int64_t d, int64_t radix, int64_t stride);

/// The d / radix groups' first indices, in group order.
std::vector<int64_t> stageGroupBases(int64_t d, int64_t radix, int64_t stride);

/// The indices of the group that contains `index`, in butterfly order.
std::vector<int64_t> stageGroupOf(int64_t index, int64_t radix,
                                  int64_t stride);

} // namespace walsh

#endif // WALSH_HADAMARD_STAGES_H
