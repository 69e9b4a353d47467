//===- Measurers.cpp - the autotuner's GPU and CPU measurements -------------===//
#include "walsh/Autotune/Measurers.h"

#include "walsh/Runtime/CpuMeasure.h"
#include "walsh/Runtime/GpuMeasure.h"
#include "walsh/Runtime/Jit.h"
#include "walsh/Runtime/Timing.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>

using namespace llvm;

namespace walsh::tune {

namespace {
constexpr const char *kWalshVersion = "0.1.0";
/// Bytes a thread may spill to local memory before a candidate is pruned.
constexpr int64_t kSpillBytes = 32;

} // namespace

std::string gpuPruneReason(int registers, int localBytes,
                           int maxThreadsPerBlock, int64_t blockThreads,
                           bool isDefault) {
  // A block that cannot launch is pruned whoever it is.
  if (maxThreadsPerBlock < blockThreads)
    return formatv("pruned: {0} threads a block, and {1} registers a thread "
                   "allow {2}",
                   blockThreads, registers, maxThreadsPerBlock);
  // Spills past a few words. (A few words cost nothing measurable: 16-bit
  // d = 8192's default, capped to three blocks a multiprocessor, spills 8
  // bytes and is the fastest on the H200.) Not the default: the rows of
  // 60 values a thread are capped to about 170 registers and spill 116-120
  // bytes, faster than without the cap by 13-23 % (H200, 2026-11-30); the
  // tuner pruned them and chose slower configurations (fp32 d = 3840 0.54
  // of the copy roofline against the default's 0.80, run113).
  if (localBytes > kSpillBytes && !isDefault)
    return formatv("pruned: spills {0} bytes a thread to local memory ({1} "
                   "registers)",
                   localBytes, registers);
  return "";
}

namespace {

double scaleOf(const ProjectionSpec &s) {
  return s.scale ? *s.scale : 1.0 / std::sqrt(double(s.d));
}
/// The check's verdict against y's tolerance (checkTolerance: by y's type,
/// after any output cast; an f32 kernel casting to bf16 is held to bf16's):
/// empty when within it.
std::string wrongResult(double err, const ProjectionSpec &spec) {
  std::optional<std::string> wrong = wrongResultText(spec, err);
  return wrong ? "wrong result: " + *wrong : std::string();
}

//===-- GPU ---------------------------------------------------------------===//

struct GpuCompiled : Compiled {
  GpuArtifact art;
  std::optional<GpuKernel> kernel;
  std::string checkError;
};

/// Measures on one device (the current one when it was created), in its
/// primary context, made current for each measurement and the caller's
/// restored: the C API tunes from a framework's thread, whose current
/// device it must leave as it was.
class GpuMeasurer : public Measurer {
public:
  GpuMeasurer(std::string chip, cuda::CUcontext ctx)
      : chip(std::move(chip)), ctx(ctx) {}
  ~GpuMeasurer() override {
    // Freed in the context they were made in.
    if (auto d = cuda::driver()) {
      cuda::ScopedContext scope(**d, ctx);
      if (Error e = scope.takeError())
        consumeError(std::move(e));
      bufferSets.reset();
      stream.reset();
    } else {
      consumeError(d.takeError());
    }
  }
  std::string chip;
  cuda::CUcontext ctx;
  std::optional<cuda::Stream> stream; // made in ctx (createGpuMeasurer)
  double sustain = 0;                 // createGpuMeasurer's
  double sustainSeconds() const override { return sustain; }

  Expected<std::unique_ptr<Compiled>>
  compile(const ProjectionSpec &spec, const Candidate &c) override {
    auto art = compileForGpu(spec, c.gpu, chip);
    if (!art)
      return art.takeError();
    auto out = std::make_unique<GpuCompiled>();
    out->art = std::move(*art);
    return std::unique_ptr<Compiled>(std::move(out));
  }

  Expected<double> time(const ProjectionSpec &spec, const Shape &shape,
                        const Candidate &candidate,
                        Compiled &compiled) override {
    std::optional<cuda::ScopedContext> scope;
    if (Error e = enter(scope))
      return std::move(e);
    auto &k = static_cast<GpuCompiled &>(compiled);
    if (!k.kernel && k.checkError.empty()) {
      auto kernel = Jit::loadGpu(k.art);
      if (!kernel)
        return createStringError(k.checkError = toString(kernel.takeError()));
      k.kernel = std::move(*kernel);
      // Pruned by the compiled kernel's attributes (gpuPruneReason).
      auto res = k.kernel->resources();
      if (!res)
        return createStringError(k.checkError = toString(res.takeError()));
      k.checkError = gpuPruneReason(
          res->registers, res->localBytes, res->maxThreadsPerBlock,
          k.art.blockThreads,
          candidate.cuda &&
              candidate.gpu == defaultGpuConfig(spec, shape.rows()));
      if (!k.checkError.empty())
        return createStringError(k.checkError);
      // One block's rows and one more: every row group and a partial one.
      int64_t rows = k.art.rowsPerBlock + 1;
      auto err = cuda::checkAgainstOracle(
          *k.kernel, scaleOf(spec), spec.transpose, rows, 0, stream->get());
      if (!err)
        k.checkError = toString(err.takeError());
      else
        k.checkError = wrongResult(*err, spec);
    }
    if (!k.checkError.empty())
      return createStringError(k.checkError);
    auto sets = buffers(spec, shape);
    if (!sets)
      return sets.takeError();
    const GpuLaunchInfo &info = k.kernel->info();
    auto launch = [&]() -> Error {
      return k.kernel->launch((*sets)->next().args(info), stream->get());
    };
    if (shape.rows() <= 64)
      return cuda::timeGraph(launch, stream->get(), cuda::kDecodeGraphCalls,
                             10);
    return bulkTime(launch);
  }

  Expected<double> copyTime(const ProjectionSpec &spec,
                            const Shape &shape) override {
    std::optional<cuda::ScopedContext> scope;
    if (Error e = enter(scope))
      return std::move(e);
    auto sets = buffers(spec, shape);
    if (!sets)
      return sets.takeError();
    auto copy = [&] { return cuda::copyRows(**sets, stream->get()); };
    // A fused epilogue moves more rows than x and y: the roofline is a
    // copy of as many bytes.
    double streams = spec.copyScale();
    auto t = shape.rows() <= 64 ? cuda::timeGraph(copy, stream->get(),
                                                  cuda::kDecodeGraphCalls, 10)
                                : bulkTime(copy);
    if (!t)
      return t.takeError();
    return *t * streams;
  }

private:
  /// About 30 ms of calls, or sustained (createGpuMeasurer).
  Expected<double> bulkTime(const std::function<Error()> &fn) {
    return sustain > 0 ? cuda::timeSustained(fn, stream->get(), sustain)
                       : cuda::timeAdaptive(fn, stream->get(), 0.03);
  }
  /// This measurer's context made current for one measurement, the
  /// caller's restored when `scope` goes.
  Error enter(std::optional<cuda::ScopedContext> &scope) {
    auto drv = cuda::driver();
    if (!drv)
      return drv.takeError();
    scope.emplace(**drv, ctx);
    return scope->takeError();
  }

  /// Rows for `shape` over rotating sets (cuda::RotatingRows), kept for
  /// the shape's candidates; the previous shape's are freed.
  Expected<cuda::RotatingRows *> buffers(const ProjectionSpec &spec,
                                         const Shape &shape) {
    std::string key = specKey(spec) + " rows=" + std::to_string(shape.rows());
    if (key == bufferKey)
      return &*bufferSets;
    bufferSets.reset();
    bufferKey.clear();
    // With a fused epilogue's buffers too (the launch refuses a kernel
    // without them), filled like x, a and b; the same rows every run.
    auto sets = cuda::RotatingRows::random(GpuLaunchInfo::forSpec(spec),
                                           shape.rows(), 0, shape.seq, 42);
    if (!sets)
      return sets.takeError();
    bufferSets = std::move(*sets);
    bufferKey = key;
    return &*bufferSets;
  }

  std::string bufferKey;
  std::optional<cuda::RotatingRows> bufferSets;
};

//===-- CPU ---------------------------------------------------------------===//

struct CpuCompiled : Compiled {
  CpuArtifact art;
  std::optional<CpuKernel> kernel;
  std::string checkError;
};

class CpuMeasurer : public Measurer {
public:
  /// `copyThreads`: the threads of the roofline's memcpy, the most a
  /// candidate may use (0: every hardware thread).
  explicit CpuMeasurer(int copyThreads) : copyThreads(copyThreads) {}
  Expected<std::unique_ptr<Compiled>>
  compile(const ProjectionSpec &spec, const Candidate &c) override {
    auto art = compileForCpu(spec, c.cpu);
    if (!art)
      return art.takeError();
    auto out = std::make_unique<CpuCompiled>();
    out->art = std::move(*art);
    return std::unique_ptr<Compiled>(std::move(out));
  }

  Expected<double> time(const ProjectionSpec &spec, const Shape &shape,
                        const Candidate &c, Compiled &compiled) override {
    auto &k = static_cast<CpuCompiled &>(compiled);
    auto pool = poolOf(c.threads);
    if (!pool)
      return pool.takeError();
    if (!k.kernel && k.checkError.empty()) {
      auto kernel = CpuKernel::load(k.art);
      if (!kernel)
        return createStringError(k.checkError = toString(kernel.takeError()));
      k.kernel = std::move(*kernel);
      CpuBuffers check(spec, 65, 0);
      if (Error e = k.kernel->run(check.args(spec), *pool))
        k.checkError = toString(std::move(e));
      else
        k.checkError = wrongResult(checkAgainstOracle(check, spec), spec);
    }
    if (!k.checkError.empty())
      return createStringError(k.checkError);
    CpuBuffers &buf = buffers(spec, shape);
    CpuRunArgs args = buf.args(spec);
    if (Error e = k.kernel->run(args, *pool))
      return std::move(e);
    return medianMicros(
        [&] { cantFail(k.kernel->run(args, *pool)); }, 5, 0.05);
  }

  bool timesOnHostCores() const override { return true; }

  Expected<double> copyTime(const ProjectionSpec &spec,
                            const Shape &shape) override {
    // As many threads as the candidates may use: a roofline of 16 threads
    // against candidates of at most 2 (`--threads 2` on the H200's host)
    // read 0.12-0.34 for kernels at 0.9 of a 2-thread memcpy.
    auto pool =
        poolOf(copyThreads > 0 ? copyThreads : ThreadPool::hardwareThreads());
    if (!pool)
      return pool.takeError();
    return memcpyMicros(buffers(spec, shape), spec, **pool, 0.05) *
           spec.copyScale();
  }

private:
  Expected<ThreadPool *> poolOf(int threads) {
    auto &p = pools[threads];
    if (!p) {
      auto made = ThreadPool::create(threads);
      if (!made)
        return made.takeError();
      p = std::move(*made);
    }
    return p.get();
  }
  CpuBuffers &buffers(const ProjectionSpec &spec, const Shape &shape) {
    std::string key = specKey(spec) + " rows=" + std::to_string(shape.rows());
    if (key != bufferKey || !current) {
      current = std::make_unique<CpuBuffers>(spec, shape.rows(), 0, shape.seq);
      bufferKey = key;
    }
    return *current;
  }

  int copyThreads;
  std::map<int, std::unique_ptr<ThreadPool>> pools;
  std::string bufferKey;
  std::unique_ptr<CpuBuffers> current;
};

DeviceIdentity gpuIdentity(const cuda::DeviceInfo &info) {
  DeviceIdentity id;
  id.target = "cuda";
  id.name = info.name;
  id.arch = info.chip();
  id.smCount = info.smCount;
  id.driverVersion = info.driverVersion;
  id.walshVersion = kWalshVersion;
  return id;
}

DeviceIdentity cpuIdentity() {
  const HostCpu &host = HostCpu::detect();
  DeviceIdentity id;
  id.target = "cpu";
  id.name = host.cpu;
  id.arch = host.triple;
  id.smCount = ThreadPool::hardwareThreads();
  id.walshVersion = kWalshVersion;
  return id;
}

/// Who the current CUDA device or this CPU is, for its tuning database,
/// without a measurer (no context, no stream: a lookup may run while the
/// caller captures a CUDA graph).
Expected<DeviceIdentity> tuningIdentity(bool cuda) {
  if (!cuda)
    return cpuIdentity();
  auto info = cuda::currentDeviceInfo();
  if (!info)
    return info.takeError();
  return gpuIdentity(*info);
}
} // namespace

Expected<std::unique_ptr<Measurer>> createGpuMeasurer(DeviceIdentity *identity,
                                                      GpuLimits *limits,
                                                      double sustainSeconds) {
  auto drv = cuda::driver();
  if (!drv)
    return drv.takeError();
  auto info = cuda::currentDeviceInfo();
  if (!info)
    return info.takeError();
  if (identity)
    *identity = gpuIdentity(*info);
  auto ctx = cuda::primaryContext(info->ordinal);
  if (!ctx)
    return ctx.takeError();
  auto m = std::make_unique<GpuMeasurer>(info->chip(), *ctx);
  m->sustain = sustainSeconds;
  {
    cuda::ScopedContext scope(**drv, *ctx);
    if (Error e = scope.takeError())
      return std::move(e);
    auto stream = cuda::Stream::create();
    if (!stream)
      return stream.takeError();
    m->stream.emplace(std::move(*stream));
  }
  if (limits) {
    int shared = 0;
    cuda::CUdevice dev = 0;
    if (!(*drv)->cuDeviceGet(&dev, info->ordinal) &&
        !(*drv)->cuDeviceGetAttribute(&shared,
                                      cuda::kAttrMaxSharedPerBlockOptin, dev))
      limits->maxSharedBytes = shared;
    limits->clusters = info->major >= 9;
  }
  return std::unique_ptr<Measurer>(std::move(m));
}

Expected<std::unique_ptr<TuningTarget>>
createTuningTarget(bool cuda, int cpuMaxThreads, double gpuSustainSeconds) {
  auto t = std::make_unique<TuningTarget>();
  if (cuda) {
    auto m = createGpuMeasurer(&t->device, &t->limits, gpuSustainSeconds);
    if (!m)
      return m.takeError();
    t->measurer = std::move(*m);
    GpuLimits limits = t->limits;
    t->candidates = [limits](const ProjectionSpec &s, int64_t rows) {
      return gpuCandidates(s, rows, limits);
    };
  } else {
    int threads =
        cpuMaxThreads > 0 ? cpuMaxThreads : ThreadPool::hardwareThreads();
    t->measurer = createCpuMeasurer(&t->device, threads);
    t->candidates = [threads](const ProjectionSpec &s, int64_t rows) {
      return cpuCandidates(s, rows, threads);
    };
  }
  return std::move(t);
}

namespace {
/// "walsh: warning: <why>; ..." on stderr, once a process for each file.
void warnUnreadableDb(const std::string &path, const std::string &why) {
  static std::mutex mutex;
  static std::set<std::string> told;
  std::lock_guard<std::mutex> lock(mutex);
  if (!told.insert(path).second)
    return;
  errs() << "walsh: warning: " << why
         << "; using walsh's default configurations (remove the file to "
            "tune again)\n";
}
} // namespace

Expected<Choice> chooseOnThisMachine(const ProjectionSpec &spec,
                                    const Shape &shape, TuneMode mode,
                                    bool cuda, const Candidate &fallback,
                                    const std::string &dbPath) {
  Choice c;
  c.candidate = fallback;
  if (mode == TuneMode::Heuristic)
    return c;
  auto identity = tuningIdentity(cuda);
  if (!identity)
    return identity.takeError();
  std::string path = dbPath;
  if (path.empty()) {
    auto p = TuningDb::defaultPath(*identity);
    if (!p) {
      consumeError(p.takeError());
      return c;
    }
    path = *p;
  }
  auto db = TuningDb::open(path, *identity);
  if (!db) {
    // The device's own database, only read: walsh's default rather than no
    // kernel (every compile of a framework's would fail on one bad file),
    // said once a process a file. A database named, or one to save a
    // tuning into, stays an error.
    if (!dbPath.empty() || mode == TuneMode::TuneOnMiss)
      return db.takeError();
    warnUnreadableDb(path, toString(db.takeError()));
    return c;
  }
  if (mode != TuneMode::TuneOnMiss)
    return chooseConfig(spec, shape, mode, &*db, fallback, nullptr, {});
  // A measurer (a context and a stream on the GPU) only to tune.
  auto target = createTuningTarget(cuda);
  if (!target)
    return target.takeError();
  TuneOptions options;
  options.candidates = (*target)->candidates;
  return chooseConfig(spec, shape, mode, &*db, fallback,
                      (*target)->measurer.get(), options);
}

std::unique_ptr<Measurer> createCpuMeasurer(DeviceIdentity *identity,
                                            int copyThreads) {
  if (identity)
    *identity = cpuIdentity();
  return std::make_unique<CpuMeasurer>(copyThreads);
}

} // namespace walsh::tune
