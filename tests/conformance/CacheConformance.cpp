//===- CacheConformance.cpp - the kernel cache under concurrency -----------===//
//
// Threads asking for the same and different kernels at once: each key is
// compiled once and every kernel computes the right thing; a second cache
// on the same directory (a second process) loads them from disk without
// compiling; GPU artifacts (no GPU needed) come back from disk byte for
// byte; a failed compile is reported to every waiter and not cached.
//
//===----------------------------------------------------------------------===//
#include "TestSupport.h"

#include "walsh/Runtime/CpuKernel.h"
#include "walsh/Runtime/HostRows.h"
#include "walsh/Runtime/Jit.h"
#include "walsh/Runtime/KernelCache.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include "llvm/Support/FileSystem.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <fcntl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace walsh;

namespace {
/// A fresh cache directory, removed with what is in it at scope exit.
struct TempCacheDir {
  llvm::SmallString<128> path;
  TempCacheDir() {
    REQUIRE(!llvm::sys::fs::createUniqueDirectory("walsh-cache-test", path));
  }
  ~TempCacheDir() { llvm::sys::fs::remove_directories(path); }
};

CacheOptions optionsFor(const TempCacheDir &dir,
                        std::vector<std::string> *warnings) {
  CacheOptions o;
  o.directory = std::string(dir.path);
  o.warn = [warnings](const std::string &m) {
    if (warnings)
      warnings->push_back(m);
  };
  return o;
}

ProjectionSpec specFor(int64_t d, DType dtype) {
  ProjectionSpec s;
  s.d = d;
  s.dtype = dtype;
  return s;
}

/// Runs a CPU artifact on fresh random rows; the largest relative error.
double runAndCheck(const CpuArtifact &art, uint64_t seed) {
  auto kernel = test::requireValue(CpuKernel::load(art));
  const ProjectionSpec &s = art.spec;
  std::mt19937_64 rng(seed);
  HostRows x(s.dtype, 5, s.d), y(s.dtype, 5, s.d), a(s.dtype, 1, s.d),
      b(s.dtype, 1, s.d);
  x.fillRandom(rng);
  a.fillRandom(rng);
  b.fillRandom(rng);
  y.poison();
  CpuRunArgs args;
  args.x = x.data();
  args.y = y.data();
  args.a = a.data();
  args.b = b.data();
  args.rows = 5;
  if (llvm::Error e = kernel.run(args))
    return std::nan(llvm::toString(std::move(e)).c_str());
  std::vector<double> ref;
  referenceProjection(x, &a, &b, 1.0 / std::sqrt(double(s.d)), false, ref);
  return maxRelativeError(y, ref);
}
} // namespace

TEST_CASE("threads share one compile per key, and a second cache loads "
          "from disk",
          "[cache]") {
  TempCacheDir dir;
  std::vector<std::string> warnings;
  KernelCache cache(optionsFor(dir, &warnings));
  CpuConfig config = defaultCpuConfig(HostCpu::detect());
  const ProjectionSpec specs[] = {specFor(256, DType::F32),
                                  specFor(768, DType::BF16),
                                  specFor(1024, DType::F16)};
  std::atomic<int> failures{0}, memoryHits{0};
  std::vector<double> errors(12, 1.0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 12; ++t)
    threads.emplace_back([&, t] {
      CacheSource source;
      auto art = cache.getCpu(specs[t % 3], config, &source);
      if (!art) {
        llvm::consumeError(art.takeError());
        ++failures;
        return;
      }
      memoryHits += source == CacheSource::Memory;
      errors[size_t(t)] = runAndCheck(**art, test::runSeed() + uint64_t(t));
    });
  for (std::thread &t : threads)
    t.join();
  CHECK(failures == 0);
  CHECK(cache.compiles() == 3);
  CHECK(memoryHits == 9);
  for (int t = 0; t < 12; ++t)
    CHECK(errors[size_t(t)] <= (specs[t % 3].dtype == DType::F32 ? 1e-6 : 1e-2));
  CHECK(warnings.empty());

  KernelCache second(optionsFor(dir, &warnings));
  for (const ProjectionSpec &s : specs) {
    CacheSource source = CacheSource::Miss;
    auto art = test::requireValue(second.getCpu(s, config, &source));
    CHECK(source == CacheSource::Disk);
    CHECK(runAndCheck(*art, test::runSeed()) <=
          (s.dtype == DType::F32 ? 1e-6 : 1e-2));
  }
  CHECK(second.compiles() == 0);
  auto entries = test::requireValue(second.list());
  CHECK(entries.size() == 3);
  for (const CacheEntryInfo &e : entries)
    CHECK(e.problem == "");
}

namespace {
/// A child process that takes `path`'s lock (fcntl's, as LLVM's
/// lockFile) and keeps it until letGo() or this object's end (or this
/// process's: its read of the pipe then ends).
struct LockHolder {
  pid_t pid = -1;
  int release = -1;
  bool locked = false;
  explicit LockHolder(const std::string &path) {
    int ready[2], hold[2];
    if (::pipe(ready) != 0)
      return;
    if (::pipe(hold) != 0) {
      ::close(ready[0]);
      ::close(ready[1]);
      return;
    }
    pid = ::fork();
    if (pid == 0) { // (async-signal-safe calls only: a forked thread)
      ::close(ready[0]);
      ::close(hold[1]);
      int fd = ::open(path.c_str(), O_RDWR | O_CREAT, 0644);
      struct flock lock = {};
      lock.l_type = F_WRLCK;
      lock.l_whence = SEEK_SET;
      char c = fd >= 0 && ::fcntl(fd, F_SETLK, &lock) == 0 ? 'y' : 'n';
      (void)!::write(ready[1], &c, 1);
      (void)!::read(hold[0], &c, 1);
      ::_exit(0);
    }
    ::close(ready[1]);
    ::close(hold[0]);
    release = hold[1];
    char c = 0;
    locked = pid > 0 && ::read(ready[0], &c, 1) == 1 && c == 'y';
    ::close(ready[0]);
  }
  void letGo() {
    if (release >= 0)
      ::close(release); // the child's read ends
    release = -1;
    if (pid > 0)
      ::waitpid(pid, nullptr, 0);
    pid = -1;
  }
  ~LockHolder() { letGo(); }
};
} // namespace

TEST_CASE("a builder holding an entry's lock past the wait does not stop "
          "another",
          "[cache]") {
  // The entry's name (its lock is <dir>/<name>.lock), from a first cache.
  ProjectionSpec spec = specFor(256, DType::F32);
  CpuConfig config = defaultCpuConfig(HostCpu::detect());
  TempCacheDir first, dir;
  std::string name;
  {
    KernelCache named(optionsFor(first, nullptr));
    test::requireValue(named.getCpu(spec, config));
    auto entries = test::requireValue(named.list());
    REQUIRE(entries.size() == 1);
    name = entries[0].name;
  }
  // Another process holds it (LLVM's locks are fcntl's, one per process:
  // this one's own would not conflict), until told to let go.
  std::string lockPath = std::string(dir.path) + "/" + name + ".lock";
  LockHolder holder(lockPath);
  REQUIRE(holder.locked);
  std::vector<std::string> warnings;
  CacheOptions o = optionsFor(dir, &warnings);
  o.lockWait = std::chrono::milliseconds(300);
  KernelCache cache(o);
  auto start = std::chrono::steady_clock::now();
  CacheSource source = CacheSource::Memory;
  auto art = test::requireValue(cache.getCpu(spec, config, &source));
  double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  holder.letGo();
  CHECK(waited >= 0.3);
  CHECK(source == CacheSource::Miss);
  CHECK(runAndCheck(*art, test::runSeed()) <= 1e-6);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == "cache entry '" + name + "': another process has held " +
                           lockPath + " for 0.3 s; compiling it here");
  // Published all the same: a second cache loads it.
  KernelCache second(optionsFor(dir, nullptr));
  CacheSource again = CacheSource::Miss;
  test::requireValue(second.getCpu(spec, config, &again));
  CHECK(again == CacheSource::Disk);
}

TEST_CASE("GPU artifacts come back from disk byte for byte", "[cache]") {
  TempCacheDir dir;
  KernelCache first(optionsFor(dir, nullptr));
  ProjectionSpec spec = specFor(4096, DType::BF16);
  GpuConfig config = defaultGpuConfig(spec);
  CacheSource source = CacheSource::Disk;
  auto built = test::requireValue(first.getGpu(spec, config, "sm_90", &source));
  CHECK(source == CacheSource::Miss);
  KernelCache second(optionsFor(dir, nullptr));
  auto loaded =
      test::requireValue(second.getGpu(spec, config, "sm_90", &source));
  CHECK(source == CacheSource::Disk);
  CHECK(loaded->ptx == built->ptx);
  CHECK(loaded->cubin == built->cubin);
  CHECK(loaded->stages == built->stages);
  CHECK(loaded->blockThreads == built->blockThreads);
  CHECK(loaded->rowsPerBlock == built->rowsPerBlock);
  CHECK(loaded->sharedBytes == built->sharedBytes);
  CHECK(loaded->rowAlignment == built->rowAlignment);
  CHECK(loaded->config.crossWarp == built->config.crossWarp);
  CHECK(loaded->chip == "sm_90");
  // A persistent grid's cap (d = 896: three blocks a multiprocessor) comes
  // back from disk too.
  ProjectionSpec capped = specFor(896, DType::F16);
  GpuConfig cappedConfig = defaultGpuConfig(capped, 65536);
  auto builtCapped =
      test::requireValue(first.getGpu(capped, cappedConfig, "sm_90", &source));
  CHECK(builtCapped->blocksPerSM == 3);
  auto loadedCapped =
      test::requireValue(second.getGpu(capped, cappedConfig, "sm_90", &source));
  CHECK(source == CacheSource::Disk);
  CHECK(loadedCapped->blocksPerSM == 3);
  CHECK(loaded->blocksPerSM == 0);
  // Another configuration is another entry.
  GpuConfig other = config;
  other.crossWarp = other.crossWarp == GpuCrossWarp::Transpose
                        ? GpuCrossWarp::Shared
                        : GpuCrossWarp::Transpose;
  if (other.crossWarp == GpuCrossWarp::Transpose &&
      other.elemsPerThread / other.vectorWidth < 2)
    other.crossWarp = GpuCrossWarp::Shared;
  auto otherArt = second.getGpu(spec, other, "sm_90", &source);
  REQUIRE(bool(otherArt));
  CHECK(source == CacheSource::Miss);
}

TEST_CASE("a failed compile reaches every waiter and is not cached",
          "[cache][errors]") {
  TempCacheDir dir;
  KernelCache cache(optionsFor(dir, nullptr));
  ProjectionSpec spec = specFor(1024, DType::F32);
  GpuConfig bad = defaultGpuConfig(spec);
  bad.threadsPerRow = 3;
  std::vector<std::string> errors(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      errors[size_t(t)] =
          test::errorText(cache.getGpu(spec, bad, "sm_90").takeError());
    });
  for (std::thread &t : threads)
    t.join();
  for (const std::string &e : errors)
    CHECK_THAT(e, Catch::Contains("expects 'threads_per_row' to be a power "
                                  "of two, or a dense factor times one (the "
                                  "split layout), at most 1024, got 3"));
  CHECK(test::requireValue(cache.list()).empty());
  CHECK_THAT(test::errorText(cache.getGpu(spec, defaultGpuConfig(spec), "sm_1")
                                 .takeError()),
             Catch::StartsWith("chip: expects one of sm_70"));
  CHECK(bool(cache.getGpu(spec, defaultGpuConfig(spec), "sm_90")));
}

TEST_CASE("any stage of a kernel, by name, from the Jit", "[cache]") {
  TempCacheDir dir;
  KernelCache cache(optionsFor(dir, nullptr));
  auto jit = test::requireValue(Jit::create({1, &cache}));
  ProjectionSpec spec = specFor(768, DType::BF16);
  auto kernel = test::requireValue(jit->cpuKernel(spec));
  CHECK_THAT(test::requireValue(jit->cpuStage(spec, "asm")),
             Catch::Contains("outproj"));
  CHECK_THAT(test::requireValue(jit->cpuStage(spec, "stages")),
             Catch::Contains("walsh.stage"));
  CHECK(cache.compiles() == 1);
  CHECK_THAT(test::requireValue(jit->gpuStage(spec, "ptx")),
             Catch::Contains(".entry outproj"));
  CHECK(test::errorText(jit->cpuStage(spec, "sass").takeError()) ==
        "stage: expects one of asm, llvm, llvm-dialect, stages, vector, "
        "walsh, got 'sass'");
}

TEST_CASE("the Jit finds the default's kernel without computing the "
          "default, and as the same kernel as the default given by name",
          "[cache]") {
  TempCacheDir dir;
  KernelCache cache(optionsFor(dir, nullptr));
  auto jit = test::requireValue(Jit::create({1, &cache}));
  ProjectionSpec spec = specFor(1024, DType::F32);
  CacheSource source = CacheSource::Miss;
  auto first = test::requireValue(jit->cpuKernel(spec, std::nullopt, &source));
  CHECK(source == CacheSource::Miss);
  auto again = test::requireValue(jit->cpuKernel(spec, std::nullopt, &source));
  CHECK(source == CacheSource::Memory);
  CHECK(again == first);
  // The default by name is the same loaded kernel, found without a compile.
  CpuConfig byName = defaultCpuConfig(HostCpu::detect());
  auto named = test::requireValue(jit->cpuKernel(spec, byName, &source));
  CHECK(source == CacheSource::Memory);
  CHECK(named == first);
  // Another configuration is another kernel; the default's stays.
  CpuConfig other = byName;
  other.levelsPerPass = byName.levelsPerPass == 2 ? 3 : 2;
  auto different = test::requireValue(jit->cpuKernel(spec, other, &source));
  CHECK(different != first);
  CHECK(test::requireValue(jit->cpuKernel(spec)) == first);
  // Named first, then by default: one compile for the two.
  ProjectionSpec spec2 = specFor(2048, DType::F32);
  auto named2 = test::requireValue(jit->cpuKernel(spec2, byName));
  auto default2 =
      test::requireValue(jit->cpuKernel(spec2, std::nullopt, &source));
  CHECK(source == CacheSource::Memory);
  CHECK(default2 == named2);
  CHECK(cache.compiles() == 3);
}

TEST_CASE("the Jit keeps an explicit scale apart from the default one",
          "[cache]") {
  // Until 2026-12-06 the memory cache keyed the default scale as -1.0: a
  // kernel of scale -1 was then found for the default's spec (fuzz.py
  // capi), which ran y = -H x instead of H x / sqrt(d).
  TempCacheDir dir;
  KernelCache cache(optionsFor(dir, nullptr));
  auto jit = test::requireValue(Jit::create({1, &cache}));
  ProjectionSpec negated = specFor(64, DType::F32), plain = negated;
  negated.scale = -1.0;
  auto first = test::requireValue(jit->cpuKernel(negated));
  auto second = test::requireValue(jit->cpuKernel(plain));
  CHECK(second != first);
  CHECK(cache.compiles() == 2);
  ProjectionSpec zero = plain;
  zero.scale = 0.0; // the value the default's key holds, given
  CHECK(test::requireValue(jit->cpuKernel(zero)) != second);
  CHECK(cache.compiles() == 3);
}

TEST_CASE("WALSH_DUMP_DIR gets a kernel once per process, not per lookup",
          "[cache]") {
  TempCacheDir dir, dumps;
  CacheOptions o = optionsFor(dir, nullptr);
  o.dumpDirectory = std::string(dumps.path);
  KernelCache cache(o);
  ProjectionSpec spec = specFor(64, DType::F32);
  CpuConfig config = defaultCpuConfig(HostCpu::detect());
  test::requireValue(cache.getCpu(spec, config));
  std::error_code ec;
  int entries = 0;
  std::string entry;
  for (llvm::sys::fs::directory_iterator it(dumps.path, ec), end;
       it != end && !ec; it.increment(ec), ++entries)
    entry = it->path();
  REQUIRE(entries == 1);
  CHECK(llvm::sys::fs::exists(entry + "/kernel.s"));
  CHECK(llvm::sys::fs::exists(entry + "/meta.json"));
  llvm::sys::fs::remove(entry + "/kernel.s");
  test::requireValue(cache.getCpu(spec, config)); // a memory hit
  CHECK(!llvm::sys::fs::exists(entry + "/kernel.s"));
}
