//===- Timing.h - host timing (steady clock, median) -----------------*- C++ -*-===//
#ifndef WALSH_RUNTIME_TIMING_H
#define WALSH_RUNTIME_TIMING_H

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

namespace walsh {

/// Median wall time of `fn` in microseconds, over at least `minRuns` runs
/// and at least `minSeconds` in total (after one untimed warm-up run).
inline double medianMicros(const std::function<void()> &fn, int minRuns = 5,
                           double minSeconds = 0.3) {
  using clock = std::chrono::steady_clock;
  fn();
  std::vector<double> t;
  auto start = clock::now();
  while (int(t.size()) < minRuns ||
         std::chrono::duration<double>(clock::now() - start).count() <
             minSeconds) {
    auto a = clock::now();
    fn();
    t.push_back(std::chrono::duration<double, std::micro>(clock::now() - a)
                    .count());
    if (t.size() >= 1000)
      break;
  }
  std::nth_element(t.begin(), t.begin() + t.size() / 2, t.end());
  return t[t.size() / 2];
}

} // namespace walsh

#endif // WALSH_RUNTIME_TIMING_H
