//===- CpuSchedule.cpp - how the CPU lowering walks a row ------------------===//
#include "walsh/Conversion/WalshToCPU/CpuSchedule.h"

#include <algorithm>

namespace walsh {

static int log2Exact(int64_t v) { return __builtin_ctzll(uint64_t(v)); }

CpuSchedule planCpuSchedule(const Factorization &f, int64_t vectorWidth,
                            int levelsPerPass, int64_t crossHeadOnly,
                            bool spreadEvenly, bool contiguousFirst) {
  int64_t p = int64_t(1) << f.k;
  CpuSchedule s;
  s.lanes = std::min(vectorWidth, p);
  int logLanes = log2Exact(s.lanes);
  // The lowest level present: 0, or log2(head_dim) for a cross-head chain.
  int low = crossHeadOnly > 0 ? log2Exact(crossHeadOnly) : 0;
  int inVectorFirst = std::min(low, logLanes);
  int inVector = logLanes - inVectorFirst;
  int64_t firstStride = std::max<int64_t>(s.lanes, int64_t(1) << low);
  int remaining = int(f.k) - log2Exact(firstStride);
  // As few passes as levels_per_pass allows. With `spreadEvenly` the
  // levels are spread evenly over them (the larger shares first): 9 levels
  // at 4 a pass are 3 + 3 + 3, not 4 + 4 + 1, whose one-level pass sweeps
  // the row for one butterfly. Else each pass takes levels_per_pass, the
  // last the rest.
  int count =
      remaining > 0 ? (remaining + levelsPerPass - 1) / levelsPerPass : 0;
  std::vector<int> shares;
  for (int i = 0; i < count; ++i)
    shares.push_back(
        spreadEvenly ? remaining / count + (i < remaining % count ? 1 : 0)
                     : std::min(levelsPerPass, remaining - i * levelsPerPass));
  int first = shares.empty() ? 0 : shares[0];
  if ((f.k > 0 || f.m == 1) && (first > 0 || inVector > 0 || f.m == 1)) {
    CpuPass pass{CpuPass::Kind::Radix2, firstStride, first, inVector};
    pass.inVectorFirst = inVector > 0 ? inVectorFirst : 0;
    s.passes.push_back(pass);
  }
  int64_t stride = firstStride << first;
  for (size_t i = 1; i < shares.size(); ++i) {
    s.passes.push_back({CpuPass::Kind::Radix2, stride, shares[i], 0});
    stride <<= shares[i];
  }
  if (f.m > 1)
    s.passes.push_back({CpuPass::Kind::Dense, p, 0, 0});
  // Widest strides first: the last pass is then the contiguous one, so the
  // output is written front to back in whole cache lines. Or narrowest
  // first (contiguousPassFirst).
  if (contiguousFirst && s.passes.size() > 1)
    s.contiguousFirst = true;
  else
    std::reverse(s.passes.begin(), s.passes.end());
  return s;
}

bool contiguousPassFirst(const Factorization &f, int64_t storageBytes,
                         int64_t l1Bytes) {
  int64_t rowBytes = (f.m << f.k) * 4;
  if (storageBytes != 4)
    return false;
  if (f.m == 1)
    return rowBytes > 2048 && rowBytes * 2 <= l1Bytes;
  if (rowBytes <= 8192 || l1Bytes < 48 * 1024)
    return false;
  if (f.m <= 28)
    return rowBytes * 3 <= l1Bytes * 2;
  return f.m != 44;
}

bool prefetchRowsIntoL1(int64_t l1Bytes) { return l1Bytes >= 48 * 1024; }

int64_t defaultPrefetchesPerLine(const CpuSchedule &schedule,
                                 int64_t storageBytes, int64_t rowBytes) {
  if (schedule.contiguousFirst && rowBytes > 4096)
    return 4;
  return schedule.lanes < 64 / storageBytes && schedule.passes.size() <= 2 ? 2
                                                                           : 1;
}

} // namespace walsh
