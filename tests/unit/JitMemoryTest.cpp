//===- JitMemoryTest.cpp - CPU kernels' code through a memfd --*- C++ -*-===//
//
// walsh/Runtime/JitMemory.h's path, taken here by WALSH_JIT_MEMORY=memfd
// in a fresh process (a death test's child: the probe's answer is kept
// for a process): kernels loaded many times hold one file descriptor
// between them, and a fork's child that loads and unloads kernels leaves
// the parent's code as it was (the code file's pages are shared across
// the fork). tools/walsh-jit-memory.test runs the path in a W^X process.
//
//===----------------------------------------------------------------------===//

#include "UnitSupport.h"

#include "walsh/Runtime/CpuKernel.h"
#include "walsh/Runtime/HostRows.h"
#include "walsh/Runtime/JitMemory.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include <cmath>
#include <cstdlib>
#include <dirent.h>
#include <memory>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

int openDescriptors() {
  int n = 0;
  DIR *d = opendir("/proc/self/fd");
  while (readdir(d))
    ++n;
  closedir(d);
  return n;
}

std::unique_ptr<walsh::CpuKernel> load(int64_t d) {
  walsh::ProjectionSpec spec;
  spec.d = d;
  auto art = walsh::compileForCpu(spec, walsh::CpuConfig());
  if (!art) {
    llvm::consumeError(art.takeError());
    return nullptr;
  }
  auto k = walsh::CpuKernel::load(*art);
  if (!k) {
    llvm::consumeError(k.takeError());
    return nullptr;
  }
  return std::make_unique<walsh::CpuKernel>(std::move(*k));
}

/// Whether `k` (f32, width d = 2^k, a and b) computes a (.) H x / sqrt(d)
/// + b on three rows, H Sylvester's, within 1e-5.
bool runsRight(const walsh::CpuKernel &k, int64_t d) {
  const int64_t rows = 3;
  walsh::HostRows x(walsh::DType::F32, rows, d), y(walsh::DType::F32, rows, d),
      a(walsh::DType::F32, 1, d), b(walsh::DType::F32, 1, d);
  float *xs = static_cast<float *>(x.data()),
        *ys = static_cast<float *>(y.data()),
        *as = static_cast<float *>(a.data()),
        *bs = static_cast<float *>(b.data());
  for (int64_t i = 0; i < rows * d; ++i)
    xs[i] = float((i * 7919) % 97) / 97.0f - 0.5f;
  for (int64_t i = 0; i < d; ++i) {
    as[i] = 1.0f + float(i % 5) / 8.0f;
    bs[i] = float(i % 3) - 1.0f;
  }
  for (int64_t i = 0; i < rows * d; ++i)
    ys[i] = NAN;
  walsh::CpuRunArgs args;
  args.x = xs;
  args.y = ys;
  args.a = as;
  args.b = bs;
  args.rows = rows;
  if (llvm::Error e = k.run(args)) {
    llvm::consumeError(std::move(e));
    return false;
  }
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t i = 0; i < d; ++i) {
      double sum = 0;
      for (int64_t j = 0; j < d; ++j)
        sum += (__builtin_popcountll(uint64_t(i & j)) % 2 ? -1.0 : 1.0) *
               xs[r * d + j];
      double want = as[i] * sum / std::sqrt(double(d)) + bs[i];
      if (!(std::fabs(ys[r * d + i] - want) <= 1e-5 * (1 + std::fabs(want))))
        return false;
    }
  return true;
}

/// Fifty loads of the same kernel: one descriptor between them (one a
/// reservation before: a sweep's candidates ran out of them).
[[noreturn]] void manyLoads() {
  setenv("WALSH_JIT_MEMORY", "memfd", 1);
  if (walsh::mayMakeMemoryExecutable())
    std::_Exit(3);
  int before = openDescriptors();
  std::vector<std::unique_ptr<walsh::CpuKernel>> kernels;
  for (int i = 0; i < 50; ++i) {
    kernels.push_back(load(256));
    if (!kernels.back() || !runsRight(*kernels.back(), 256))
      std::_Exit(4);
  }
  std::_Exit(openDescriptors() - before <= 1 ? 0 : 5);
}

/// A kernel loaded, a fork whose child loads one more, runs both and
/// unloads both, then the parent's first kernel and a new one run right.
[[noreturn]] void forkedChildLeavesTheParentsCode() {
  setenv("WALSH_JIT_MEMORY", "memfd", 1);
  if (walsh::mayMakeMemoryExecutable())
    std::_Exit(3);
  auto first = load(256);
  if (!first || !runsRight(*first, 256))
    std::_Exit(4);
  pid_t child = fork();
  if (child == 0) {
    auto second = load(512);
    bool ok = second && runsRight(*first, 256) && runsRight(*second, 512);
    second.reset();
    first.reset();
    std::_Exit(ok ? 0 : 1);
  }
  int status = 0;
  if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
      WEXITSTATUS(status) != 0)
    std::_Exit(6);
  auto third = load(1024);
  std::_Exit(third && runsRight(*first, 256) && runsRight(*third, 1024) ? 0
                                                                        : 7);
}

TEST(JitMemoryDeathTest, LoadsShareOneDescriptor) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(manyLoads(), testing::ExitedWithCode(0), "");
}

TEST(JitMemoryDeathTest, AForksChildLeavesTheParentsCode) {
#ifdef WALSH_SANITIZED
  GTEST_SKIP() << "a fork of a multithreaded process that compiles in the "
                  "child: GCC 12's ASan and TSan do not support it (see "
                  "ThreadPool.AForksChildRunsAsOnAPoolOfOne); the release "
                  "build runs this test";
#endif
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(forkedChildLeavesTheParentsCode(), testing::ExitedWithCode(0),
              "");
}

} // namespace
