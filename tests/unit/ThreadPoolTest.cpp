//===- ThreadPoolTest.cpp - stacks the CPU kernels can run on -------------===//
//
// The CPU kernels keep their scratch rows on the stack (787 KB at f32 d =
// 65536): the pool's workers get 8 MB at least whatever `ulimit -s` says,
// stackLeft() measures the calling thread, and parallelForOnWorkers keeps
// every part off the calling thread (on a thread started for it where the
// pool has no workers).
//
//===----------------------------------------------------------------------===//

#include "walsh/Runtime/ThreadPool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <sys/resource.h>

namespace {

/// stackLeft() from a frame 64 KB deeper than its caller's.
__attribute__((noinline)) size_t stackLeftBelow64KB() {
  volatile char pad[64 << 10];
  pad[0] = 1;
  size_t left = walsh::stackLeft();
  return left + pad[0] - 1;
}

TEST(ThreadPool, StackLeftIsThisThreadsStack) {
  size_t left = walsh::stackLeft();
  ASSERT_GT(left, size_t(0));
  struct rlimit limit;
  ASSERT_EQ(getrlimit(RLIMIT_STACK, &limit), 0);
  if (limit.rlim_cur != RLIM_INFINITY) {
    EXPECT_LE(left, size_t(limit.rlim_cur));
  }
  // A deeper frame has less left.
  EXPECT_LT(stackLeftBelow64KB(), left - (60 << 10));
}

TEST(ThreadPool, LargeStackThread) {
  size_t left = 0;
  llvm::Error e = walsh::runOnLargeStack([&] { left = walsh::stackLeft(); });
  ASSERT_FALSE(e) << llvm::toString(std::move(e));
  EXPECT_GE(left, walsh::ThreadPool::kWorkerStackBytes - (64 << 10));
}

TEST(ThreadPool, WorkersHaveLargeStacksAndTheCallerTakesNoPart) {
  for (int threads : {1, 3}) {
    auto pool = walsh::ThreadPool::create(threads);
    ASSERT_TRUE(bool(pool)) << llvm::toString(pool.takeError());
    std::mutex mu;
    std::set<std::thread::id> ran;
    size_t least = SIZE_MAX;
    std::atomic<int> parts{0};
    llvm::Error e = (*pool)->parallelForOnWorkers(8, [&](int) {
      std::lock_guard<std::mutex> g(mu);
      ran.insert(std::this_thread::get_id());
      least = std::min(least, walsh::stackLeft());
      ++parts;
    });
    ASSERT_FALSE(e) << llvm::toString(std::move(e));
    EXPECT_EQ(parts.load(), 8);
    EXPECT_EQ(ran.count(std::this_thread::get_id()), 0u) << threads;
    EXPECT_GE(least, walsh::ThreadPool::kWorkerStackBytes - (64 << 10))
        << threads;
  }
}

} // namespace
