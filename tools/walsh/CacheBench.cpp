//===- CacheBench.cpp - `walsh bench --cache` ------------------------------===//
//
// The JIT's own costs, in this process, on a fresh cache directory:
// cold compile per kernel (CPU object, and GPU PTX + cubin, which needs no
// GPU), a disk hit (a second cache on the same directory: read, checksum,
// deserialize), a memory hit, and the host cost of getting a loaded kernel
// from the Jit and launching it (CPU: one row, the calling thread; GPU:
// cuLaunchKernel returning, when there is a GPU).
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "CudaCommands.h"
#include "walsh/Runtime/Timing.h"

#include "walsh/Runtime/GpuMeasure.h"
#include "walsh/Runtime/Jit.h"
#include "walsh/Support/JsonText.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <chrono>

using namespace llvm;

namespace {
json::Value nullOr(double v) {
  return std::isnan(v) ? json::Value(nullptr) : json::Value(v);
}

double msSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - t)
      .count();
}
} // namespace

int walsh::cli::runBenchCache(bool jsonOut) {
  auto fail = [](const Twine &m) { return runError("bench", m); };
  SmallString<128> dir;
  if (std::error_code ec = sys::fs::createUniqueDirectory("walsh-bench-cache", dir))
    return fail("cannot create a temporary cache directory: " + ec.message());
  CacheOptions options;
  options.directory = std::string(dir);
  KernelCache cold(options), disk(options);
  json::Array rows;
  if (!jsonOut)
    outs() << fmt::format("{:<6} {:<5} {:>6} | {:>12} {:>12} {:>12}\n",
                          "target", "dtype", "d", "cold ms", "disk-hit ms",
                          "memory-hit us");
  auto record = [&](const char *target, DType dt, int64_t d, double coldMs,
                    double diskMs, double memUs) {
    if (jsonOut) {
      rows.push_back(json::Object{{"target", target},
                                  {"dtype", dtypeName(dt)},
                                  {"d", d},
                                  {"cold_compile_ms", coldMs},
                                  {"disk_hit_ms", diskMs},
                                  {"memory_hit_us", memUs}});
      return;
    }
    outs() << fmt::format("{:<6} {:<5} {:>6} | {:>12.1f} {:>12.2f} {:>12.2f}\n",
                          target, dtypeName(dt), d, coldMs, diskMs, memUs);
    outs().flush();
  };
  CpuConfig cpuConfig = defaultCpuConfig(HostCpu::detect());
  for (DType dt : {DType::F32, DType::BF16})
    for (int64_t d : {256, 1024, 4096, 16384}) {
      ProjectionSpec spec;
      spec.d = d;
      spec.dtype = dt;
      auto t0 = std::chrono::steady_clock::now();
      auto a = cold.getCpu(spec, cpuConfig);
      if (!a)
        return fail(toString(a.takeError()));
      double coldMs = msSince(t0);
      t0 = std::chrono::steady_clock::now();
      auto b = disk.getCpu(spec, cpuConfig);
      if (!b)
        return fail(toString(b.takeError()));
      double diskMs = msSince(t0);
      double memUs = medianMicros(
          [&] { consumeError(cold.getCpu(spec, cpuConfig).takeError()); }, 100,
          0.05);
      record("cpu", dt, d, coldMs, diskMs, memUs);
    }
  for (DType dt : {DType::F32, DType::BF16})
    for (int64_t d : {768, 4096, 16384}) {
      ProjectionSpec spec;
      spec.d = d;
      spec.dtype = dt;
      GpuConfig config = defaultGpuConfig(spec);
      auto t0 = std::chrono::steady_clock::now();
      auto a = cold.getGpu(spec, config, "sm_90");
      if (!a)
        return fail(toString(a.takeError()));
      double coldMs = msSince(t0);
      t0 = std::chrono::steady_clock::now();
      auto b = disk.getGpu(spec, config, "sm_90");
      if (!b)
        return fail(toString(b.takeError()));
      double diskMs = msSince(t0);
      double memUs = medianMicros(
          [&] {
            consumeError(cold.getGpu(spec, config, "sm_90").takeError());
          },
          100, 0.05);
      record("cuda", dt, d, coldMs, diskMs, memUs);
    }

  // A loaded kernel from the Jit (a lookup) and its launch.
  auto jit = Jit::create({1, &cold});
  if (!jit)
    return fail(toString(jit.takeError()));
  ProjectionSpec spec;
  spec.d = 256;
  auto kernel = (*jit)->cpuKernel(spec);
  if (!kernel)
    return fail(toString(kernel.takeError()));
  std::vector<float> x(256, 1.0f), y(256), ab(256, 1.0f);
  CpuRunArgs args;
  args.x = x.data();
  args.y = y.data();
  args.a = ab.data();
  args.b = ab.data();
  args.rows = 1;
  double lookupUs = medianMicros(
      [&] { consumeError((*jit)->cpuKernel(spec).takeError()); }, 1000, 0.1);
  double launchUs = medianMicros(
      [&] {
        auto k = (*jit)->cpuKernel(spec);
        if (k)
          consumeError((*k)->run(args));
        else
          consumeError(k.takeError());
      },
      1000, 0.1);
  double gpuUs = NAN, launchOnlyUs = NAN, memsetUs = NAN, queuedUs = NAN,
         fieldsUs = NAN, movingUs = NAN;
  std::string gpuNote;
  // (--cache takes no --target: a missing GPU is named without it.)
  if (auto dev = walsh::cli::selectedDevice(/*nameTarget=*/false)) {
    std::string chip = dev->chip();
    ProjectionSpec g;
    g.d = 4096;
    g.dtype = DType::BF16;
    // The default configuration, as an embedding that passes none gets it
    // (until 2026-12-01 the timed call computed the 16-row default itself,
    // about 0.5 us of the 0.9 on this VM's stand-in driver).
    auto gk = (*jit)->gpuKernel(g, std::nullopt, chip);
    auto rowsDev = gk ? cuda::DeviceRows::allocate((*gk)->info(), 16)
                      : Expected<cuda::DeviceRows>(gk.takeError());
    auto stream = cuda::Stream::create();
    if (!rowsDev || !stream) {
      gpuNote = !rowsDev ? toString(rowsDev.takeError())
                         : toString(stream.takeError());
    } else {
      GpuRunArgs gargs = rowsDev->args((*gk)->info());
      const cuda::Driver &drv = **cuda::driver();
      // Rounds of 32 calls with the stream drained between rounds (not
      // timed): the host's cost per call, not the kernel's time (which is
      // what back-to-back calls measure once the launch queue is full).
      auto drain = [&] { drv.cuStreamSynchronize(stream->get()); };
      gpuUs = medianBatchMicros(
          [&] {
            auto k = (*jit)->gpuKernel(g, std::nullopt, chip);
            if (k)
              consumeError((*k)->launch(gargs, stream->get()));
            else
              consumeError(k.takeError());
          },
          drain);
      // The launch alone (argument checks + cuLaunchKernel), and the
      // driver's cost for a cheap async call on the same stream.
      launchOnlyUs = medianBatchMicros(
          [&] { consumeError((*gk)->launch(gargs, stream->get())); }, drain);
      // The same with x and y at a new place every call, as a framework's
      // fresh activations (rows of one allocation, 8 offsets in turn): the
      // launcher knows the allocation, so asks the driver nothing.
      {
        GpuRunArgs moving = gargs;
        moving.rows = 2;
        int64_t rowBytes = g.d * 2, turn = 0;
        movingUs = medianBatchMicros(
            [&] {
              int64_t at = (turn++ % 8) * 2 * rowBytes;
              moving.x = gargs.x + uint64_t(at);
              moving.y = gargs.y + uint64_t(at);
              consumeError((*gk)->launch(moving, stream->get()));
            },
            drain);
      }
      // cuLaunchKernel given the same parameters as 24 separate pointers
      // (kernelParams), the driver's other way, for comparison.
      {
        uint64_t packed[GpuKernel::kMaxParams];
        int n = (*gk)->packParams(gargs, packed);
        void *fields[GpuKernel::kMaxParams];
        for (int i = 0; i < n; ++i)
          fields[i] = &packed[i];
        const GpuLaunchInfo &in = (*gk)->info();
        unsigned grid =
            unsigned((gargs.rows + in.rowsPerBlock - 1) / in.rowsPerBlock);
        fieldsUs = medianBatchMicros(
            [&] {
              drv.cuLaunchKernel((*gk)->handle(), grid, 1, 1,
                                 unsigned(in.blockThreads), 1, 1,
                                 unsigned(in.sharedBytes), stream->get(),
                                 fields, nullptr);
            },
            drain);
      }
      memsetUs = medianBatchMicros(
          [&] {
            drv.cuMemsetD8Async(rowsDev->y.get(), 0, 16, stream->get());
          },
          drain);
      // The same launches back to back, as a caller looping without
      // synchronising sees them once the queue is full: the kernel's time.
      queuedUs = medianMicros(
          [&] { consumeError((*gk)->launch(gargs, stream->get())); }, 1000,
          0.1);
      drain();
    }
  } else {
    gpuNote = toString(dev.takeError());
  }
  sys::fs::remove_directories(dir);
  if (jsonOut) {
    outs() << walsh::jsonText(json::Object{
                  {"kernels", std::move(rows)},
                  {"jit_lookup_us", lookupUs},
                  {"jit_lookup_and_cpu_run_1row_us", launchUs},
                  {"jit_lookup_and_cuda_launch_us", nullOr(gpuUs)},
                  {"cuda_launch_us", nullOr(launchOnlyUs)},
                  {"cuda_launch_moving_us", nullOr(movingUs)},
                  {"cuda_launch_kernel_params_us", nullOr(fieldsUs)},
                  {"cuda_async_memset_us", nullOr(memsetUs)},
                  {"cuda_launch_queued_us", nullOr(queuedUs)}})
           << "\n";
    return 0;
  }
  outs() << fmt::format("Jit::cpuKernel lookup (memory hit)          {:8.3f} us\n"
                        "  + CpuKernel::run, 1 row of 256, 1 thread {:8.3f} us\n",
                        lookupUs, launchUs);
  if (std::isnan(gpuUs))
    outs() << "Jit::gpuKernel lookup + launch: not measured (" << gpuNote
           << ")\n";
  else
    outs() << fmt::format(
        "Jit::gpuKernel lookup + GpuKernel::launch  {:8.3f} us "
        "(host time, bf16 d = 4096, 16 rows)\n"
        "  GpuKernel::launch alone                 {:8.3f} us "
        "(parameters in one packed buffer)\n"
        "  the same, x and y moving every call     {:8.3f} us "
        "(8 places in one allocation in turn)\n"
        "  cuLaunchKernel, 24 separate parameters  {:8.3f} us\n"
        "  cuMemsetD8Async of 16 bytes             {:8.3f} us "
        "(a trivial async driver call)\n"
        "  (host time per call in rounds of 32, the stream drained "
        "between rounds;\n   back to back with a full launch queue "
        "a launch waits for the device: {:.3f} us)\n",
        gpuUs, launchOnlyUs, movingUs, fieldsUs, memsetUs, queuedUs);
  outs() << "cold: compile and publish on a fresh directory; disk-hit: a "
            "second cache on it (read, SHA-256, deserialize); memory-hit: "
            "the first cache again.\n";
  return 0;
}
