//===- CpuSchedule.cpp - how the CPU lowering walks a row ------------------===//
#include "walsh/Conversion/WalshToCPU/CpuSchedule.h"

#include <algorithm>

namespace walsh {

static int log2Exact(int64_t v) { return __builtin_ctzll(uint64_t(v)); }

CpuSchedule planCpuSchedule(const Factorization &f, int64_t vectorWidth,
                            int levelsPerPass) {
  int64_t p = int64_t(1) << f.k;
  CpuSchedule s;
  s.lanes = std::min(vectorWidth, p);
  int inVector = log2Exact(s.lanes);
  int remaining = int(f.k) - inVector;
  int first = std::min(levelsPerPass, remaining);
  if (f.k > 0 || f.m == 1)
    s.passes.push_back({CpuPass::Kind::Radix2, s.lanes, first, inVector});
  remaining -= first;
  int64_t stride = s.lanes << first;
  while (remaining > 0) {
    int l = std::min(levelsPerPass, remaining);
    s.passes.push_back({CpuPass::Kind::Radix2, stride, l, 0});
    stride <<= l;
    remaining -= l;
  }
  if (f.m > 1)
    s.passes.push_back({CpuPass::Kind::Dense, p, 0, 0});
  // Widest strides first: the last pass is then the contiguous one, so the
  // output is written front to back in whole cache lines.
  std::reverse(s.passes.begin(), s.passes.end());
  return s;
}

} // namespace walsh
