//===- TimingTest.cpp - the host timing helpers ---------------------------===//
#include "walsh/Runtime/Timing.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>

using namespace walsh;

TEST(Timing, AlternatingRunsInTurnAfterOneWarmUpEach) {
  std::string order;
  auto [ta, tb] =
      alternatingMedianMicros([&] { order += 'a'; }, [&] { order += 'b'; },
                              /*minRounds=*/4, /*minSeconds=*/0);
  // One untimed run of each, then the rounds, each a then b.
  EXPECT_EQ(order, "ab"
                   "abababab");
  EXPECT_GE(ta, 0);
  EXPECT_GE(tb, 0);
}

TEST(Timing, AlternatingMediansBelongToTheirFunctions) {
  // a sleeps 2 ms a run, b nothing: each median is its own function's.
  auto [ta, tb] = alternatingMedianMicros(
      [] { std::this_thread::sleep_for(std::chrono::milliseconds(2)); }, [] {},
      /*minRounds=*/5, /*minSeconds=*/0);
  EXPECT_GE(ta, 2000);
  EXPECT_LT(tb, ta);
}

TEST(Timing, AlternatingRunsAtLeastMinSeconds) {
  // (Runs of 0.2 ms: 1000 rounds, the cap, would take 0.2 s.)
  int runs = 0;
  auto start = std::chrono::steady_clock::now();
  alternatingMedianMicros(
      [&] {
        ++runs;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      },
      [] {}, /*minRounds=*/1, /*minSeconds=*/0.05);
  EXPECT_GE(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count(),
      0.05);
  EXPECT_GT(runs, 2);
}
