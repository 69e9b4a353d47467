//===- Stages.cpp - butterfly stage index algebra -------------------------===//
//
// planStages and the group arithmetic of Stages.h.
//
//===----------------------------------------------------------------------===//
#include "walsh/Hadamard/Stages.h"

#include <algorithm>

namespace walsh {

std::vector<StageDesc> planStages(const Factorization &f, bool transpose,
                                  StageOrder order) {
  std::vector<StageDesc> stages;
  for (unsigned s = 0; s < f.k; ++s)
    stages.push_back({2, int64_t(1) << s, false});
  if (f.m > 1)
    stages.push_back({f.m, int64_t(1) << f.k, transpose});
  if (order == StageOrder::Descending)
    std::reverse(stages.begin(), stages.end());
  return stages;
}

bool stageFits(int64_t d, int64_t radix, int64_t stride) {
  return radix >= 2 && stride >= 1 && d >= radix * stride &&
         d % (radix * stride) == 0;
}

std::vector<int64_t> stageGroupBases(int64_t d, int64_t radix,
                                     int64_t stride) {
  std::vector<int64_t> bases;
  bases.reserve(d / radix);
  for (int64_t g = 0; g < d / radix; ++g)
    bases.push_back((g / stride) * (radix * stride) + g % stride);
  return bases;
}

std::vector<int64_t> stageGroupOf(int64_t index, int64_t radix,
                                  int64_t stride) {
  int64_t base = index - ((index / stride) % radix) * stride;
  std::vector<int64_t> group;
  for (int64_t j = 0; j < radix; ++j)
    group.push_back(base + j * stride);
  return group;
}

} // namespace walsh
