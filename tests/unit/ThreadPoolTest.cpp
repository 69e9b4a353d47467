//===- ThreadPoolTest.cpp - stacks the CPU kernels can run on -------------===//
//
// The CPU kernels keep their scratch rows on the stack (787 KB at f32 d =
// 65536): the pool's workers get 8 MB at least whatever `ulimit -s` says,
// stackLeft() measures the calling thread, and parallelForOnWorkers keeps
// every part off the calling thread (on a thread started for it where the
// pool has no workers); a large-stack thread the system refuses is an
// error with its reason.
//
//===----------------------------------------------------------------------===//

#include "walsh/Runtime/ThreadPool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <set>
#include <sys/resource.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define WALSH_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define WALSH_SANITIZED 1
#endif

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

#ifndef WALSH_SANITIZED
/// In a child whose address space is capped a little above what it maps,
/// no 8 MB stack can be had: both refusals' words on stderr, status 0.
[[noreturn]] void startThreadsUnderACap() {
  auto pool = walsh::ThreadPool::create(1);
  if (!pool)
    std::_Exit(3);
  rlim_t cap = 0;
  if (std::FILE *f = std::fopen("/proc/self/status", "r")) {
    char line[256];
    unsigned long kb = 0;
    while (std::fgets(line, sizeof line, f))
      if (std::sscanf(line, "VmSize: %lu kB", &kb) == 1)
        break;
    std::fclose(f);
    cap = rlim_t(kb + 2048) << 10;
  }
  struct rlimit limit = {cap, cap};
  if (!cap || setrlimit(RLIMIT_AS, &limit) != 0)
    std::_Exit(4);
  std::string a = llvm::toString(walsh::runOnLargeStack([] {}));
  std::string b = llvm::toString((*pool)->parallelForOnWorkers(2, [](int) {}));
  std::fprintf(stderr, "[%s] [%s]\n", a.c_str(), b.c_str());
  std::_Exit(0);
}
#endif

TEST(ThreadPoolDeathTest, ALargeStackThreadTheSystemRefusesIsAnError) {
#ifdef WALSH_SANITIZED
  GTEST_SKIP() << "ASan and TSan reserve terabytes of shadow address space, "
                  "which an address-space limit cannot leave them";
#else
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  // The error names the refusal, for runOnLargeStack and for
  // parallelForOnWorkers on a pool without workers.
  EXPECT_EXIT(
      startThreadsUnderACap(), testing::ExitedWithCode(0),
      "^\\[could not start a thread \\(Resource temporarily unavailable\\)\\] "
      "\\[could not start a thread \\(Resource temporarily "
      "unavailable\\)\\]\n$");
#endif
}

} // namespace
