//===- Timing.h - host timing (steady clock, median) -----------------*- C++ -*-===//
#ifndef WALSH_RUNTIME_TIMING_H
#define WALSH_RUNTIME_TIMING_H

#include <algorithm>
#include <chrono>
#include <functional>
#include <utility>
#include <vector>

namespace walsh {

namespace detail {
/// The median of `t` (reordered).
inline double medianOf(std::vector<double> &t) {
  std::nth_element(t.begin(), t.begin() + t.size() / 2, t.end());
  return t[t.size() / 2];
}

/// Wall times in microseconds of each of `fns`, run in turn round after
/// round (after one untimed warm-up run of each) for at least `minRounds`
/// rounds and at least `minSeconds` in total, at most 1000 rounds.
inline std::vector<std::vector<double>>
timedRounds(const std::vector<std::function<void()>> &fns, int minRounds,
            double minSeconds) {
  using clock = std::chrono::steady_clock;
  for (const auto &fn : fns)
    fn();
  std::vector<std::vector<double>> t(fns.size());
  auto start = clock::now();
  while (int(t[0].size()) < minRounds ||
         std::chrono::duration<double>(clock::now() - start).count() <
             minSeconds) {
    for (size_t i = 0; i < fns.size(); ++i) {
      auto a = clock::now();
      fns[i]();
      t[i].push_back(
          std::chrono::duration<double, std::micro>(clock::now() - a).count());
    }
    if (t[0].size() >= 1000)
      break;
  }
  return t;
}
} // namespace detail

/// Median wall time of `fn` in microseconds, over at least `minRuns` runs
/// and at least `minSeconds` in total (after one untimed warm-up run).
inline double medianMicros(const std::function<void()> &fn, int minRuns = 5,
                           double minSeconds = 0.3) {
  return detail::medianOf(detail::timedRounds({fn}, minRuns, minSeconds)[0]);
}

/// Median wall times of `a` and of `b` in microseconds, run in alternation
/// (a, b, a, b, ...) over at least `minRounds` rounds and at least
/// `minSeconds` in total (after one untimed warm-up run of each), so that a
/// drift of the host's speed reaches both alike.
inline std::pair<double, double>
alternatingMedianMicros(const std::function<void()> &a,
                        const std::function<void()> &b, int minRounds = 5,
                        double minSeconds = 0.6) {
  std::vector<std::vector<double>> t =
      detail::timedRounds({a, b}, minRounds, minSeconds);
  return {detail::medianOf(t[0]), detail::medianOf(t[1])};
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
  return detail::medianOf(t);
}

} // namespace walsh

#endif // WALSH_RUNTIME_TIMING_H
