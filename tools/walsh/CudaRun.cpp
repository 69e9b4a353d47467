//===- CudaRun.cpp - `walsh run --target cuda` ----------------------------===//
//
// Compile (PTX, and a cubin through ptxas when one is found), load into
// the --device's primary context (device 0 by default), check every element
// against the float64 oracle on fresh random rows with the output poisoned
// (--check), then time the kernel against a device-to-device copy of the same
// bytes on the same stream in this process; rows <= 64 (decode) are timed with
// CUDA-graph replay too.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "CudaCommands.h"
#include "SpecOptions.h"

#include "walsh/Builder/ConfigJson.h"
#include "walsh/Runtime/GpuMeasure.h"
#include "walsh/Runtime/Jit.h"
#include "walsh/Support/JsonText.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <optional>
#include <random>

using namespace llvm;
using namespace walsh::cuda;

namespace {
cl::opt<int> optDevice("device",
                       cl::desc("The CUDA device for --target cuda (an "
                                "ordinal; default 0)"),
                       cl::init(0), cl::sub(walsh::cli::runCommand()),
                       cl::sub(walsh::cli::benchCommand()),
                       cl::sub(walsh::cli::tuneCommand()),
                       cl::cat(walsh::cli::category()));
cl::opt<double> optSustain(
    "sustain",
    cl::desc("CUDA: seconds of untimed launches before each timing, so that "
             "it sees the device's sustained clocks (default 0: a power-"
             "hungry kernel is timed at full clock)"),
    cl::init(0), cl::sub(walsh::cli::runCommand()),
    cl::sub(walsh::cli::benchCommand()), cl::sub(walsh::cli::tuneCommand()),
    cl::cat(walsh::cli::category()));
} // namespace

bool walsh::cli::deviceGiven() { return optDevice.getNumOccurrences() > 0; }

Error walsh::cli::checkSustain(bool cuda) {
  if (!optSustain.getNumOccurrences())
    return Error::success();
  if (!cuda)
    return createStringError("--sustain: a CUDA option (--target cuda)");
  if (std::string why = sustainRangeError(optSustain); !why.empty())
    return createStringError("--sustain: " + why);
  return Error::success();
}

double walsh::cli::sustainSeconds() { return optSustain; }

const cl::Option &walsh::cli::sustainOption() { return optSustain; }

Expected<double> walsh::cli::timeSustained(const std::function<Error()> &fn,
                                           CUstream stream) {
  return cuda::timeSustained(fn, stream, optSustain);
}

Expected<DeviceInfo> walsh::cli::selectedDevice(bool nameTarget) {
  auto device = deviceOption(optDevice);
  if (!device) {
    Error e = device.takeError();
    if (!e.isA<NoGpuError>() || !nameTarget)
      return std::move(e);
    return reword(std::move(e), "--target cuda: ");
  }
  return device;
}

int walsh::cli::deviceError(const char *command, Error e) {
  bool noGpu = e.isA<NoGpuError>();
  std::string message = toString(std::move(e));
  return noGpu ? runError(command, message) : usageError(command, message);
}

int walsh::cli::runRunCuda(const ProjectionSpec &spec, const GpuConfig &config,
                           const std::string &configSource,
                           const std::string &configFrom, int64_t rows,
                           int64_t rowStride, bool check, double inputScale,
                           bool json, const DeviceInfo *device) {
  auto fail = [](const Twine &m) { return runError("run", m); };
  std::optional<DeviceInfo> asked;
  if (!device) {
    auto again = selectedDevice();
    if (!again)
      return fail(toString(again.takeError()));
    device = &asked.emplace(std::move(*again));
  }
  std::string chip = device->chip();
  // A configuration the options gave that the device's chip or the
  // verifier refuses is a bad argument (2; until 2026-12-05, 1 as a failed
  // compile); one from the tuning database or the default is not.
  if (auto shared = checkGpuCompile(spec, config, chip); !shared) {
    std::string message = toString(shared.takeError());
    return configSource == "explicit" ? usageError("run", message)
                                      : fail(message);
  }
  auto jit = Jit::create({1});
  if (!jit)
    return fail(toString(jit.takeError()));
  CacheSource source = CacheSource::Miss;
  auto compileStart = std::chrono::steady_clock::now();
  auto art = (*jit)->compileGpu(spec, config, chip, &source);
  if (!art)
    return fail(toString(art.takeError()));
  double getMs = std::chrono::duration<double, std::milli>(
                     std::chrono::steady_clock::now() - compileStart)
                     .count();
  auto kernel = Jit::loadGpu(*art);
  if (!kernel)
    return fail(toString(kernel.takeError()));
  auto stream = Stream::create();
  if (!stream)
    return fail(toString(stream.takeError()));
  const GpuLaunchInfo &info = kernel->info();
  double scale = spec.scale ? *spec.scale : 1.0 / std::sqrt(double(spec.d));
  double tolerance = checkTolerance(spec);

  double err = NAN;
  if (check) {
    auto e = checkAgainstOracle(*kernel, scale, spec.transpose, rows, rowStride,
                                stream->get(), nullptr, seqOption(),
                                inputScale);
    if (!e)
      return fail(toString(e.takeError()));
    err = *e;
  }
  bool ok = !check || err <= tolerance;
  std::string config_text = fmt::format(
      "elems_per_thread {}, threads_per_row {}, rows_per_block {}, "
      "vector_width {}, cross_warp {}, row_iters {}{}",
      config.elemsPerThread, config.threadsPerRow, config.rowsPerBlock,
      config.vectorWidth, crossWarpName(config.crossWarp), config.rowIters,
      config.cluster > 1 ? fmt::format(", cluster {}", config.cluster) : "");
  const char *image = art->cubin.empty() ? "ptx" : "cubin";

  double walshUs = NAN, copyUs = NAN, graphUs = NAN;
  // x read and y written once, plus a fused residual read and normalised
  // output written; the roofline is a copy of as many bytes.
  double bytes = double(spec.rowBytesMoved()) * double(rows);
  if (rows > 0) {
    // Random rows over rotating sets (nothing in the L2), walsh and the
    // copy alike.
    auto dev = RotatingRows::random(info, rows, rowStride, seqOption());
    if (!dev) {
      // The runtime's "rows: ..." by the option that gave them.
      std::string text = toString(dev.takeError());
      if (StringRef(text).starts_with("rows: "))
        text = rowsRefusalName(rowStride, spec.d) + text.substr(4);
      return fail(text);
    }
    auto launch = [&] {
      return kernel->launch(dev->next().args(info), stream->get());
    };
    auto wUs = timeSustained(launch, stream->get());
    if (!wUs)
      return fail(toString(wUs.takeError()));
    walshUs = *wUs;
    auto c = timeSustained([&] { return copyRows(*dev, stream->get()); },
                           stream->get());
    if (!c)
      return fail(toString(c.takeError()));
    copyUs = *c * spec.copyScale();
    if (rows <= 64) {
      auto g = timeGraph(launch, stream->get(), kDecodeGraphCalls, 20);
      if (!g)
        return fail(toString(g.takeError()));
      graphUs = *g;
    }
  }
  auto num = [](double v) { return std::isnan(v) ? json::Value(nullptr) : json::Value(v); };
  if (json) {
    json::Object o{
        {"target", "cuda"},
        {"device", device->name},
        {"device_ordinal", device->ordinal},
        {"chip", chip},
        {"dtype", dtypeName(spec.dtype)},
        {"d", spec.d},
        {"rows", rows},
        {"row_stride", rowStride ? rowStride : spec.d},
        {"transpose", spec.transpose},
        {"affine", spec.withMul},
        {"epilogue", epilogueName(spec)},
        {"layout", layoutName(spec.layout)},
        {"splits", spec.splits},
        {"row_sum", spec.rowSum},
        {"out_dtype", dtypeName(spec.outType())},
        {"config_source", configSource},
        {"config_from",
         configFrom.empty() ? json::Value(nullptr) : json::Value(configFrom)},
        {"image", image},
        {"time_us", num(walshUs)},
        {"gbps", num(bytes / (walshUs * 1e3))},
        {"copy_us", num(copyUs)},
        {"roofline_fraction", num(copyUs / walshUs)},
        {"graph_us", num(graphUs)},
        {"sustain_s", sustainSeconds()},
        {"max_rel_error", num(err)},
        {"input_scale", check ? json::Value(inputScale) : json::Value(nullptr)},
        {"tolerance", check ? json::Value(tolerance) : json::Value(nullptr)},
        {"ok", ok},
        {"compile_ms", getMs},
        {"first_compile_ms", art->compileMs},
        {"cache", cacheSourceName(source)}};
    addFields(o, gpuConfigJson(config));
    outs() << walsh::jsonText(std::move(o)) << "\n";
    return ok ? 0 : 1;
  }
  // (cuda:N for a --device other than 0.)
  outs() << fmt::format(
      "walsh run: cuda{} ({}, {}, {} SMs), {}, d = {}, rows = "
      "{}{}\n  config: {} ({}); loaded from {}\n",
      device->ordinal ? ":" + std::to_string(device->ordinal) : std::string(),
      device->name, chip, device->smCount, dtypeName(spec.dtype), spec.d, rows,
      kernelExtras(spec), config_text,
      configFrom.empty() ? configSource : configSource + ": " + configFrom,
      image);
  outs() << fmt::format("  compile   {:10.1f} ms  (cache: {})\n", getMs,
                        cacheSourceName(source));
  if (rows == 0) {
    outs() << "  rows = 0: nothing to time (a valid no-op)\n";
  } else {
    outs() << fmt::format(
        "  walsh     {:10.2f} us  {:7.0f} GB/s{}\n", walshUs,
        bytes / (walshUs * 1e3),
        sustainSeconds() > 0
            ? fmt::format("  (after {} s of launches)", sustainSeconds())
            : std::string());
    outs() << fmt::format("  copy      {:10.2f} us  {:7.0f} GB/s  (device to "
                          "device, same bytes, same stream)\n",
                          copyUs, bytes / (copyUs * 1e3));
    outs() << fmt::format("  roofline fraction {:.2f}\n", copyUs / walshUs);
    if (!std::isnan(graphUs))
      outs() << fmt::format("  graph     {:10.2f} us per call (CUDA-graph "
                            "replay of 100 launches)\n",
                            graphUs);
  }
  if (check && rows == 0)
    outs() << "  check: no rows, nothing to compare\n";
  else if (check)
    outs() << fmt::format("  check: every element vs the float64 oracle{}, "
                          "max rel error {:.3g} (tolerance {:.0e}) {}\n",
                          inputScaleText(inputScale), err, tolerance,
                          ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
