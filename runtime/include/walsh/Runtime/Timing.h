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

/// Host time of one call of `fn`, in microseconds, for calls that queue
/// work on a device: the median over rounds of `batch` calls, each round
/// started after `drain()` (not timed) has emptied the queue. Back-to-back
/// calls without draining would fill the driver's launch queue, and each
/// call would then wait for the device to finish an earlier one, measuring
/// the kernel's time instead of the call's.
inline double medianBatchMicros(const std::function<void()> &fn,
                                const std::function<void()> &drain,
                                int batch = 32, int rounds = 200) {
  using clock = std::chrono::steady_clock;
  fn();
  drain();
  std::vector<double> t;
  for (int r = 0; r < rounds; ++r) {
    auto a = clock::now();
    for (int i = 0; i < batch; ++i)
      fn();
    t.push_back(std::chrono::duration<double, std::micro>(clock::now() - a)
                    .count() /
                batch);
    drain();
  }
  std::nth_element(t.begin(), t.begin() + t.size() / 2, t.end());
  return t[t.size() / 2];
}

} // namespace walsh

#endif // WALSH_RUNTIME_TIMING_H
