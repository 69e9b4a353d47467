//===- RunCommand.cpp - `walsh run` -----------------------------------------===//
//
// Compile, load and run the projection on the CPU; time it (median) against
// a memcpy of the same bytes over the same threads, in this process; with
// --check, compare every element with the float64 oracle on fresh random
// inputs, the output poisoned with NaN first. --target cuda: CudaRun.cpp.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "CudaCommands.h"
#include "SpecOptions.h"
#include "walsh/Autotune/Measurers.h"
#include "walsh/Autotune/Tuner.h"
#include "walsh/Runtime/CpuMeasure.h"

#include "walsh/Runtime/CpuKernel.h"
#include "walsh/Runtime/GpuMeasure.h"
#include "walsh/Runtime/HostRows.h"
#include "walsh/Runtime/Jit.h"
#include "walsh/Support/JsonText.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

using namespace llvm;


cl::opt<std::string> optTarget("target", cl::desc("cpu or cuda"),
                               cl::init("cpu"), cl::sub(walsh::cli::runCommand()),
                               cl::sub(walsh::cli::inspectCommand()),
                               cl::sub(walsh::cli::compileCommand()),
                               cl::cat(walsh::cli::category()));
namespace {
cl::opt<int> optThreads("threads",
                        cl::desc("CPU threads (default: every hardware thread)"),
                        cl::init(0), cl::sub(walsh::cli::runCommand()),
                        cl::cat(walsh::cli::category()));
cl::opt<int64_t> optRowStride(
    "row-stride", cl::desc("Elements between rows of x and y (default d)"),
    cl::init(0), cl::sub(walsh::cli::runCommand()), cl::cat(walsh::cli::category()));
cl::opt<bool> optCheck("check",
                       cl::desc("Compare with the float64 oracle on fresh "
                                "random inputs (output poisoned first)"),
                       cl::sub(walsh::cli::runCommand()), cl::cat(walsh::cli::category()));
cl::opt<double> optInputScale(
    "input-scale",
    cl::desc("With --check: x's, b's and the residual's random values times "
             "this (default 1: standard normal), so that y scales with it: "
             "a check on rows of small or large values"),
    cl::init(1.0), cl::sub(walsh::cli::runCommand()),
    cl::cat(walsh::cli::category()));
cl::opt<bool> optJson("json", cl::desc("Machine-readable output"),
                      cl::sub(walsh::cli::runCommand()), cl::cat(walsh::cli::category()));
cl::opt<std::string> optTuneMode(
    "tune-mode",
    cl::desc("Where the configuration comes from when none is given: "
             "db-only (the tuning database's bucket, else the nearest, else "
             "the default; never times), tune-on-miss (tune a missing bucket "
             "now) or heuristic (the default)"),
    cl::init("db-only"), cl::sub(walsh::cli::runCommand()),
    cl::cat(walsh::cli::category()));
cl::opt<std::string> optDb("db",
                           cl::desc("The tuning database (default "
                                    "<cache dir>/tuning/<device>.json)"),
                           cl::init(""), cl::sub(walsh::cli::runCommand()),
                           cl::cat(walsh::cli::category()));

/// The configuration `walsh run` uses: `fallback` (explicit options, else
/// the default) unless the tuning database has one per --tune-mode.
Expected<walsh::tune::Choice>
chooseRunConfig(const walsh::ProjectionSpec &spec, int64_t rows, bool cuda,
                const walsh::tune::Candidate &fallback, bool explicitConfig) {
  using namespace walsh::tune;
  auto mode = parseTuneMode(optTuneMode);
  if (!mode)
    return createStringError("--tune-mode: " + toString(mode.takeError()));
  Choice c;
  c.candidate = fallback;
  if (explicitConfig || *mode == TuneMode::Heuristic)
    return c;
  // A database named that is not there reads as an empty one (the
  // default follows), but a mistyped path should not pass unseen.
  if (*mode == TuneMode::DbOnly && !optDb.empty() && !sys::fs::exists(optDb))
    errs() << "walsh run: warning: --db: '" << optDb
           << "' does not exist; the default configuration follows (walsh "
              "tune --db makes one)\n";
  walsh::cli::ShapeOptions s = walsh::cli::shapeFromOptions(spec, rows);
  auto choice =
      chooseOnThisMachine(spec, Shape{s.batch, s.seq, s.heads, s.headDim},
                          *mode, cuda, fallback, optDb);
  if (!choice) {
    Error e = choice.takeError();
    // (No GPU stays a NoGpuError, for its exit code; anything else names
    // the database's file, "--db" where it was given.)
    if (e.isA<walsh::cuda::NoGpuError>())
      return walsh::cuda::reword(std::move(e), "--target cuda: ");
    return createStringError((optDb.empty() ? "" : "--db: ") +
                             toString(std::move(e)));
  }
  return choice;
}
} // namespace

int walsh::cli::runRun() {
  auto fail = [](const Twine &m) { return usageError("run", m); };
  if (optTarget != "cpu" && optTarget != "cuda")
    return fail("--target: expects cpu or cuda, got '" + optTarget + "'");
  if (optTarget == "cpu" && deviceGiven())
    return fail("--device: a CUDA option (--target cuda)");
  if (Error e = checkSustain(optTarget != "cpu"))
    return fail(toString(std::move(e)));
  // A configuration given by its options is run as given: --tune-mode and
  // --db, which choose one where none is given, are refused beside it
  // (until 2026-12-07 taken and ignored).
  std::string configOption =
      optTarget == "cuda" ? gpuConfigOptionGiven() : cpuConfigOptionGiven();
  if (configOption.empty() && optTarget == "cpu" &&
      optThreads.getNumOccurrences())
    configOption = "--threads";
  if (std::string t = firstGiven({&optTuneMode, &optDb});
      !t.empty() && !configOption.empty())
    return fail(t +
                (t == "--db" ? ": the tuning database chooses" : ": chooses") +
                " a configuration only where no option gives one; " +
                configOption + " gives it here (give one or the other)");
  if (optDb.getNumOccurrences() && optTuneMode == "heuristic")
    return fail("--db: --tune-mode heuristic reads no tuning database (give "
                "one or the other)");
  Expected<ProjectionSpec> spec = specFromOptions();
  if (!spec)
    return fail(toString(spec.takeError()));
  Expected<int64_t> rows = rowsFromOptions(65536);
  if (!rows)
    return fail(toString(rows.takeError()));
  if (!(optInputScale > 0) || !std::isfinite(double(optInputScale)))
    return fail(fmt::format(
        "--input-scale: expects a positive finite number, got {:g}",
        double(optInputScale)));
  if (optInputScale.getNumOccurrences() && !optCheck)
    return fail("--input-scale: scales the inputs of --check; give --check");
  if (optCheck)
    if (Error e = checkInputScaleRange(*spec, optInputScale))
      return fail(toString(std::move(e)));
  if (optRowStride.getNumOccurrences() && optRowStride < spec->d)
    return fail("--row-stride: expects at least d = " + Twine(spec->d) +
                ", got " + Twine(int64_t(optRowStride)));
  if (optTarget == "cuda") {
    std::string cpuOnly = optThreads ? "--threads" : cpuOnlyOptionGiven();
    if (!cpuOnly.empty())
      return fail(cpuOptionWithCuda(cpuOnly));
    // --check holds every row on the host as well (x, y, the epilogue's
    // rows and the float64 oracle's): refused by name past three quarters
    // of the host's memory, as on the CPU.
    double need =
        optCheck ? walsh::cpuBufferBytes(*spec, *rows, optRowStride, true) : 0;
    if (auto over = walsh::beyondHostMemory(need))
      return fail(formatv(
          "{0}: {1} rows of d = {2}{3} need {4:F1} GB of host buffers for "
          "--check (the float64 oracle's rows included), {5}; pass fewer",
          rowsRefusalName(optRowStride, spec->d), *rows, spec->d,
          spec->rowStrideText(optRowStride), need / 1e9, *over));
    // The default for the device's chip (before sm_80 neither tensor cores
    // nor row groups); without a device runRunCuda says so below.
    std::string chip = "sm_90";
    auto device = walsh::cli::selectedDevice();
    if (device) {
      chip = device->chip();
    } else {
      // A bad --device now; no GPU at all below, naming the target.
      Error e = device.takeError();
      if (!e.isA<cuda::NoGpuError>())
        return walsh::cli::deviceError("run", std::move(e));
      consumeError(std::move(e));
    }
    Expected<GpuConfig> config = gpuConfigFromOptions(*spec, *rows, chip);
    if (!config)
      return fail(toString(config.takeError()));
    tune::Candidate fallback;
    fallback.gpu = *config;
    bool given = !configOption.empty();
    auto choice = chooseRunConfig(*spec, *rows, true, fallback, given);
    if (!choice)
      return walsh::cli::deviceError("run", choice.takeError());
    return runRunCuda(*spec, choice->candidate.gpu,
                      given ? "explicit" : configSourceName(choice->source),
                      choice->bucket, *rows, optRowStride, optCheck,
                      optInputScale, optJson, device ? &*device : nullptr);
  }
  // A GPU configuration's option on the CPU is refused, not ignored.
  if (std::string cudaOnly = cudaOnlyOptionGiven(); !cudaOnly.empty())
    return fail(cudaOptionWithCpu(cudaOnly));
  // The host buffers must fit in memory, or the kernel never runs: the
  // default row count halves until they take at most a quarter of it; a
  // count given that needs more than three quarters is refused by name,
  // before anything is compiled.
  // (The memory read once: its cgroup and limits are files.)
  if (walsh::HostMemory memory = walsh::hostMemory();
      double mem = memory.bytes) {
    bool given = !rowsOptionName().empty();
    double need = walsh::cpuBufferBytes(*spec, *rows, optRowStride, optCheck);
    if (!given)
      while (*rows > 1 && need > mem / 4) {
        *rows /= 2;
        need = walsh::cpuBufferBytes(*spec, *rows, optRowStride, optCheck);
      }
    if (auto over = walsh::beyondHostMemory(need, memory))
      return fail(formatv(
          "{0}: {1} rows of d = {2}{3} need {4:F1} GB of host buffers{5}, "
          "{6}; pass fewer",
          rowsRefusalName(optRowStride, spec->d), *rows, spec->d,
          spec->rowStrideText(optRowStride), need / 1e9,
          optCheck ? " (the float64 oracle's rows included)" : "", *over));
  }
  Expected<CpuConfig> config = cpuConfigFromOptions();
  if (!config)
    return fail(toString(config.takeError()));
  tune::Candidate fallback;
  fallback.cuda = false;
  fallback.cpu = *config;
  fallback.threads = optThreads;
  bool given = !configOption.empty();
  auto choice = chooseRunConfig(*spec, *rows, false, fallback, given);
  if (!choice)
    return fail(toString(choice.takeError()));
  std::string configSource =
      given ? "explicit" : configSourceName(choice->source);
  config = choice->candidate.cpu;
  auto jit = Jit::create({choice->candidate.threads});
  if (!jit)
    return fail("--" + toString(jit.takeError()));

  CacheSource source = CacheSource::Miss;
  auto compileStart = std::chrono::steady_clock::now();
  auto art = (*jit)->compileCpu(*spec, *config, &source);
  if (!art)
    return fail(toString(art.takeError()));
  double getMs = std::chrono::duration<double, std::milli>(
                     std::chrono::steady_clock::now() - compileStart)
                     .count();
  auto kernel = CpuKernel::load(*art);
  if (!kernel) // the process's, not the arguments' (a W^X host)
    return runError("run", toString(kernel.takeError()));

  int64_t d = spec->d;
  CpuBuffers buf(*spec, *rows, optRowStride, seqOption());
  // (b and the residual too, so that y scales with x.)
  if (optInputScale != 1.0 &&
      !(buf.x.scale(optInputScale) && buf.b.scale(optInputScale) &&
        buf.residual.scale(optInputScale)))
    return fail(fmt::format("--input-scale: x, b times {:g} passes {}'s range",
                            double(optInputScale), dtypeName(spec->dtype)));
  CpuRunArgs args = buf.args(*spec);
  auto pool = ThreadPool::create((*jit)->threads());
  if (!pool)
    return fail(toString(pool.takeError()));
  if (Error e = kernel->run(args, pool->get()))
    return fail(toString(std::move(e)));
  double err = NAN;
  bool ok = true;
  if (optCheck) {
    err = checkAgainstOracle(buf, *spec);
    ok = err <= checkTolerance(*spec);
  }
  if (*rows == 0) {
    // Nothing to time: a valid no-op.
    if (optJson)
      outs() << walsh::jsonText(
                    json::Object{{"target", "cpu"},
                                 {"d", d},
                                 {"rows", 0},
                                 {"ok", true},
                                 {"compile_ms", getMs},
                                 {"cache", cacheSourceName(source)}})
             << "\n";
    else
      outs() << "walsh run: d = " << d
             << ", rows = 0: nothing to do (a valid no-op)\n";
    return 0;
  }
  CpuTiming t = timeAgainstMemcpy(*kernel, buf, *spec, **pool);
  double walshUs = t.walshUs, copyUs = t.memcpyUs, bytes = t.bytes;
  double gbps = bytes / (walshUs * 1e3);
  double fraction = copyUs / walshUs;

  if (optJson) {
    json::Object o{
        {"target", "cpu"},
        {"dtype", dtypeName(spec->dtype)},
        {"d", d},
        {"rows", *rows},
        {"row_stride", optRowStride ? int64_t(optRowStride) : d},
        {"threads", (*jit)->threads()},
        {"transpose", spec->transpose},
        {"affine", spec->withMul},
        {"epilogue", epilogueName(*spec)},
        {"layout", layoutName(spec->layout)},
        {"splits", spec->splits},
        {"row_sum", spec->rowSum},
        {"out_dtype", dtypeName(spec->outType())},
        {"vector_width", config->vectorWidth},
        {"levels_per_pass", config->levelsPerPass},
        {"nontemporal", config->nontemporal},
        {"prefetch_per_line", config->prefetchPerLine},
        {"pass_order", passOrderName(config->passOrder)},
        {"cpu", art->cpu},
        {"time_us", walshUs},
        {"gbps", gbps},
        {"memcpy_us", copyUs},
        {"roofline_fraction", fraction},
        {"max_rel_error", optCheck ? json::Value(err) : json::Value(nullptr)},
        {"input_scale",
         optCheck ? json::Value(double(optInputScale)) : json::Value(nullptr)},
        {"tolerance",
         optCheck ? json::Value(checkTolerance(*spec)) : json::Value(nullptr)},
        {"ok", ok},
        {"compile_ms", getMs},
        {"first_compile_ms", art->compileMs},
        {"cache", cacheSourceName(source)},
        {"config_source", configSource},
        {"config_from", choice->bucket.empty() ? json::Value(nullptr)
                                               : json::Value(choice->bucket)}};
    outs() << walsh::jsonText(std::move(o)) << "\n";
    return ok ? 0 : 1;
  }
  outs() << fmt::format(
      "walsh run: cpu ({}), {}, d = {}, rows = {}, threads = {}, "
      "vector_width {}, levels_per_pass {}, nontemporal {}{}{}{} ({})\n",
      art->cpu, dtypeName(spec->dtype), d, *rows, (*jit)->threads(),
      config->vectorWidth, config->levelsPerPass,
      config->nontemporal ? "on" : "off",
      config->prefetchPerLine
          ? ", prefetch_per_line " + std::to_string(config->prefetchPerLine)
          : std::string(),
      config->passOrder != CpuPassOrder::Rule
          ? std::string(", pass_order ") + passOrderName(config->passOrder)
          : std::string(),
      kernelExtras(*spec),
      choice->bucket.empty() ? configSource
                             : configSource + ": " + choice->bucket);
  outs() << fmt::format("  compile   {:10.1f} ms  (cache: {})\n", getMs,
                        cacheSourceName(source));
  outs() << fmt::format("  walsh     {:10.1f} us  {:7.1f} GB/s\n", walshUs,
                        gbps);
  outs() << fmt::format("  memcpy    {:10.1f} us  {:7.1f} GB/s  (same bytes, "
                        "same threads)\n",
                        copyUs, bytes / (copyUs * 1e3));
  outs() << fmt::format("  roofline fraction {:.2f}\n", fraction);
  if (optCheck)
    outs() << fmt::format("  check: every element vs the float64 oracle{}, "
                          "max rel error {:.3g} (tolerance {:.0e}) {}\n",
                          inputScaleText(optInputScale), err,
                          checkTolerance(*spec), ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
