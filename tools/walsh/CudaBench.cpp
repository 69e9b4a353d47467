//===- CudaBench.cpp - `walsh bench --target cuda` ------------------------===//
//
// Per (dtype, d, rows), side by side in one process, on one stream: walsh
// (after a check of every element of 257 rows against the float64 oracle),
// a device-to-device copy of the same bytes (the roofline), and the dense
// bf16 projection it replaces through cuBLAS (cublasGemmEx, fp32
// accumulate), timed after all the others (a dense product heats the
// device). Decode sizes (few rows) are also timed per call under
// CUDA-graph replay, where launch overhead no longer counts.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "CudaCommands.h"

#include "walsh/Builder/ConfigJson.h"
#include "walsh/Runtime/Cublas.h"
#include "walsh/Runtime/GpuMeasure.h"
#include "walsh/Runtime/Jit.h"
#include "walsh/Support/JsonText.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <cmath>
#include <list>
#include <map>
#include <random>
#include <set>

using namespace llvm;
using namespace walsh::cuda;

namespace {
/// The cuBLAS baseline's buffers for one (rows, d): x, a random W, y.
Expected<double> timeDense(Cublas &blas, int64_t rows, int64_t d,
                           CUstream stream) {
  walsh::GpuLaunchInfo bf16;
  bf16.spec.d = d;
  bf16.spec.dtype = walsh::DType::BF16;
  // x and y from DeviceRows (x random rows tiled); W as d rows of d.
  auto io = DeviceRows::allocate(bf16, rows);
  if (!io)
    return io.takeError();
  auto w = DeviceRows::allocate(bf16, d);
  if (!w)
    return w.takeError();
  std::mt19937_64 rng(7);
  walsh::HostRows hx(walsh::DType::BF16, std::min<int64_t>(rows, 512), d),
      hw(walsh::DType::BF16, std::min<int64_t>(d, 512), d),
      ha(walsh::DType::BF16, 1, d);
  hx.fillRandom(rng);
  hw.fillRandom(rng);
  ha.fillRandom(rng);
  if (Error e = io->upload(hx, ha, ha))
    return std::move(e);
  if (Error e = w->upload(hw, ha, ha))
    return std::move(e);
  return walsh::cli::timeSustained(
      [&] {
        return blas.gemm(walsh::DType::BF16, rows, d, io->x.get(), w->x.get(),
                         io->y.get(), stream);
      },
      stream);
}
} // namespace

int walsh::cli::runBenchCuda(const std::vector<DType> &dtypes,
                             const std::vector<int64_t> &sizes,
                             const std::vector<int64_t> &rowsList,
                             const std::vector<int64_t> &decodeRows,
                             bool dense, bool json,
                             const ProjectionSpec &epilogue) {
  auto fail = [](const Twine &m) { return runError("bench", m); };
  auto device = selectedDevice();
  if (!device)
    return deviceError("bench", device.takeError());
  std::string chip = device->chip();
  auto stream = Stream::create();
  if (!stream)
    return fail(toString(stream.takeError()));
  Cublas *blas = nullptr;
  std::string noDense = "off (--no-dense)";
  if (dense) {
    auto b = Cublas::get();
    if (b)
      blas = *b;
    else
      noDense = toString(b.takeError());
  }
  bool tty = sys::Process::StandardErrIsDisplayed();
  if (!json) {
    // (cuda:N for a --device other than 0.)
    outs() << fmt::format(
        "device: {} ({}{}, {} SMs, driver {}); cuBLAS: {}\n", device->name,
        device->ordinal ? "cuda:" + std::to_string(device->ordinal) + ", "
                        : std::string(),
        chip, device->smCount, device->driverVersion,
        blas ? fmt::format("version {}", blas->version()) : noDense);
    outs() << fmt::format(
        "{:<5} {:>6} {:>6} | {:>9} {:>6} | {:>9} {:>5} | {:>8} | {:>10} "
        "{:>8}\n",
        "dtype", "d", "rows", "walsh us", "GB/s", "copy us", "frac",
        "graph us", "cublas us", "speedup");
  }
  // Every case's walsh and copy times first, side by side; the cuBLAS
  // baselines after them all. A dense product timed between two cases heats
  // the device and slows the next case's walsh kernel: H200, 2026-11-30
  // (run138, each bf16 16384-row case timed right after the 65536-row
  // cuBLAS product of its d, the f16 ones after none), bf16 against f16 of
  // the same kernel: 4608 0.67 against 0.74, 5120 0.68 against 0.75, where
  // walsh-gpu timed both dtypes alike (0.75).
  struct Case {
    DType dt;
    int64_t d, rows;
    bool decode;
    GpuConfig config;
    bool cubin;
    double compileMs, err, walshUs, copyUs, graphUs, cublasUs = NAN;
    ProjectionSpec spec;
    /// Why it was not timed (its kernel failed the check), else empty.
    std::string refused;
  };
  std::vector<Case> cases;
  std::vector<std::string> refusals;
  size_t total = dtypes.size() * sizes.size() *
                 (rowsList.size() + decodeRows.size()),
         done = 0;
  // Ctrl-C stops the sweep after the case it is in (and cuBLAS's timings
  // after the one it is in); what was measured is printed.
  SweepInterrupt interrupt;
  for (DType dt : dtypes)
    for (int64_t d : sizes) {
      if (SweepInterrupt::requested())
        break;
      ProjectionSpec spec = epilogue; // the epilogue's fields
      spec.d = d;
      spec.dtype = dt;
      auto jit = Jit::create({1});
      if (!jit)
        return fail(toString(jit.takeError()));
      // One kernel per distinct default configuration over the row
      // counts (defaultGpuConfig takes the rows: decode shapes, row groups),
      // each checked against the oracle before it is timed.
      struct Compiled {
        GpuConfig config;
        GpuArtifact art;
        GpuKernel kernel;
        double err;
        std::optional<std::string> refused; // refusalOf
      };
      std::list<Compiled> kernels;
      auto kernelFor = [&](int64_t rows) -> Expected<const Compiled *> {
        GpuConfig config = defaultGpuConfigForChip(spec, rows, chip);
        for (const Compiled &k : kernels)
          if (k.config == config)
            return &k;
        auto art = (*jit)->compileGpu(spec, config, chip);
        if (!art)
          return art.takeError();
        auto kernel = Jit::loadGpu(*art);
        if (!kernel)
          return kernel.takeError();
        auto err = checkAgainstOracle(*kernel, 1.0 / std::sqrt(double(d)),
                                      false, 257, 0, stream->get());
        if (!err)
          return err.takeError();
        kernels.push_back(Compiled{config, std::move(*art), std::move(*kernel),
                                   *err, refusalOf(spec, *err)});
        return &kernels.back();
      };
      std::vector<std::pair<int64_t, bool>> shapes;
      for (int64_t r : rowsList)
        shapes.push_back({r, false});
      for (int64_t r : decodeRows)
        shapes.push_back({r, true});
      for (auto [rows, decode] : shapes) {
        if (SweepInterrupt::requested())
          break;
        auto compiled = kernelFor(rows);
        if (!compiled)
          return fail(toString(compiled.takeError()));
        const GpuArtifact &art = (*compiled)->art;
        const GpuKernel &kernel = (*compiled)->kernel;
        ++done;
        if ((*compiled)->refused) {
          refusals.push_back(*(*compiled)->refused);
          cases.push_back(Case{dt, d, rows, decode, art.config,
                               !art.cubin.empty(), art.compileMs,
                               (*compiled)->err, NAN, NAN, NAN, NAN, spec,
                               *(*compiled)->refused});
          continue;
        }
        if (tty)
          errs() << fmt::format("\r[{}/{}] {} d={} rows={}      ", done, total,
                                dtypeName(dt), d, rows);
        // Walsh and the copy over rotating sets: nothing in the L2.
        auto dev = RotatingRows::random(kernel.info(), rows);
        if (!dev)
          return fail(toString(dev.takeError()));
        auto launch = [&] {
          return kernel.launch(dev->next().args(kernel.info()), stream->get());
        };
        auto walshUs = timeSustained(launch, stream->get());
        if (!walshUs)
          return fail(toString(walshUs.takeError()));
        auto copyUs = timeSustained(
            [&] { return copyRows(*dev, stream->get()); }, stream->get());
        if (!copyUs)
          return fail(toString(copyUs.takeError()));
        // A fused epilogue moves more rows: the roofline is a copy of as
        // many bytes.
        *copyUs *= spec.copyScale();
        double graphUs = NAN;
        if (decode) {
          auto g = timeGraph(launch, stream->get(), kDecodeGraphCalls, 20);
          if (!g)
            return fail(toString(g.takeError()));
          graphUs = *g;
        }
        cases.push_back(Case{
            dt, d, rows, decode, art.config, !art.cubin.empty(), art.compileMs,
            (*compiled)->err, *walshUs, *copyUs, graphUs, NAN, spec});
      }
    }
  if (blas) {
    std::map<std::pair<int64_t, int64_t>, double> denseUs; // (rows, d)
    std::set<std::pair<int64_t, int64_t>> shapes;
    for (const Case &c : cases)
      if (c.refused.empty())
        shapes.insert({c.rows, c.d});
    size_t n = 0;
    for (Case &c : cases) {
      if (SweepInterrupt::requested())
        break;
      if (!c.refused.empty())
        continue;
      auto key = std::make_pair(c.rows, c.d);
      if (!denseUs.count(key)) {
        if (tty)
          errs() << fmt::format("\r[cuBLAS {}/{}] d={} rows={}      ", ++n,
                                shapes.size(), c.d, c.rows);
        auto t = timeDense(*blas, c.rows, c.d, stream->get());
        if (!t)
          return fail(toString(t.takeError()));
        denseUs[key] = *t;
      }
      c.cublasUs = denseUs[key];
    }
  }
  if (tty)
    errs() << "\r" << std::string(50, ' ') << "\r";
  auto num = [](double v) {
    return std::isnan(v) ? json::Value(nullptr) : json::Value(v);
  };
  json::Array results;
  for (const Case &c : cases) {
    if (!c.refused.empty()) {
      if (json)
        results.push_back(json::Object{{"target", "cuda"},
                                       {"device", device->name},
                                       {"device_ordinal", device->ordinal},
                                       {"dtype", dtypeName(c.dt)},
                                       {"d", c.d},
                                       {"rows", c.rows},
                                       {"ok", false},
                                       {"error", walsh::jsonString(c.refused)},
                                       {"max_rel_error", num(c.err)}});
      else
        outs() << fmt::format("{:<5} {:>6} {:>6} | refused: {}\n",
                              dtypeName(c.dt), c.d, c.rows, c.refused);
      continue;
    }
    double bytes = double(c.spec.rowBytesMoved()) * double(c.rows);
    double frac = c.copyUs / c.walshUs, gbps = bytes / (c.walshUs * 1e3);
    if (json) {
      json::Object row{{"target", "cuda"},
                       {"device", device->name},
                       {"device_ordinal", device->ordinal},
                       {"dtype", dtypeName(c.dt)},
                       {"d", c.d},
                       {"rows", c.rows},
                       {"epilogue", epilogueName(c.spec)},
                       {"layout", layoutName(c.spec.layout)},
                       {"splits", c.spec.splits},
                       {"row_sum", c.spec.rowSum},
                       {"out_dtype", dtypeName(c.spec.outType())},
                       {"image", c.cubin ? "cubin" : "ptx"},
                       {"decode_config", c.decode},
                       {"ok", true},
                       {"max_rel_error", c.err},
                       {"time_us", c.walshUs},
                       {"gbps", gbps},
                       {"copy_us", c.copyUs},
                       {"roofline_fraction", frac},
                       {"graph_us", num(c.graphUs)},
                       {"sustain_s", sustainSeconds()},
                       {"cublas_bf16_us", num(c.cublasUs)},
                       {"speedup_vs_cublas", num(c.cublasUs / c.walshUs)},
                       {"compile_ms", c.compileMs}};
      addFields(row, gpuConfigJson(c.config));
      results.push_back(std::move(row));
      continue;
    }
    outs() << fmt::format(
        "{:<5} {:>6} {:>6} | {:>9.2f} {:>6.0f} | {:>9.2f} {:>5.2f} | {:>8} "
        "| {:>10} {:>8}\n",
        dtypeName(c.dt), c.d, c.rows, c.walshUs, gbps, c.copyUs, frac,
        c.decode ? fmt::format("{:.2f}", c.graphUs) : "",
        std::isnan(c.cublasUs) ? "-" : fmt::format("{:.2f}", c.cublasUs),
        std::isnan(c.cublasUs)
            ? "-"
            : fmt::format("{:.1f}x", c.cublasUs / c.walshUs));
  }
  if (json) {
    outs() << walsh::jsonText(std::move(results)) << "\n";
    return SweepInterrupt::finishBench(refusals, cases.size(), total);
  }
  outs() << "frac = copy time / walsh time for the same bytes (1.0 = the "
            "device-to-device copy roofline); every kernel checked on 257 "
            "rows first.\n"
            "walsh and the copy cycle through copies of their buffers (256 "
            "MB together, at most 64 copies): no launch finds its rows in "
            "the L2.\n"
         << fmt::format("graph us = per call, replaying {} launches from a "
                        "CUDA graph, through every copy (decode rows only; "
                        "the copies of small rows fit the L2 together).\n",
                        kDecodeGraphCalls)
         << "cublas = dense bf16 rows x d times d x d (cublasGemmEx, fp32 "
            "accumulate) on the same stream, timed after every walsh and "
            "copy time"
         << (epilogue.hasEpilogue()
                 ? " (the projection alone: the epilogue " +
                       epilogueName(epilogue) +
                       " is fused in walsh's time, not in cuBLAS's)"
                 : std::string())
         << ".\n"
         << (sustainSeconds() > 0
                 ? fmt::format("Each time (walsh, copy, cuBLAS) after {} s "
                               "of untimed launches of the same, over {} s "
                               "more (--sustain): the device's sustained "
                               "clocks.\n",
                               sustainSeconds(),
                               std::max(sustainSeconds(), 0.25))
                 : std::string("Each time the median of the launches of "
                               "about 0.25 s; a kernel that draws the board to "
                               "its power limit slows after that (--sustain "
                               "S times after S seconds of launches).\n"));
  return SweepInterrupt::finishBench(refusals, cases.size(), total);
}
