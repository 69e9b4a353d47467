//===- RunCommand.cpp - `walsh run` -----------------------------------------===//
//
// Compile, load and run the projection on the CPU; time it (median) against
// a memcpy of the same bytes over the same threads, in this process; with
// --check, compare every element with the float64 oracle on fresh random
// inputs, the output poisoned with NaN first. --target cuda: CudaRun.cpp.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "walsh/Autotune/Measurers.h"
#include "walsh/Autotune/Tuner.h"
#include "walsh/Runtime/CpuMeasure.h"
#include "CudaCommands.h"
#include "SpecOptions.h"

#include "walsh/Runtime/CpuKernel.h"
#include "walsh/Runtime/Jit.h"
#include "walsh/Target/X86/CpuCompiler.h"

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
  walsh::cli::ShapeOptions s = walsh::cli::shapeFromOptions(spec, rows);
  auto choice =
      chooseOnThisMachine(spec, Shape{s.batch, s.seq, s.heads, s.headDim},
                          *mode, cuda, fallback, optDb);
  if (!choice) {
    std::string m = toString(choice.takeError());
    return createStringError(
        (m.rfind("no GPU", 0) == 0 ? "--target cuda: " : "--db: ") + m);
  }
  return choice;
}
} // namespace

int walsh::cli::runRun() {
  auto fail = [](const Twine &m) { return usageError("run", m); };
  if (optTarget != "cpu" && optTarget != "cuda")
    return fail("--target: expects cpu or cuda, got '" + optTarget + "'");
  Expected<ProjectionSpec> spec = specFromOptions();
  if (!spec)
    return fail(toString(spec.takeError()));
  Expected<int64_t> rows = rowsFromOptions(65536);
  if (!rows)
    return fail(toString(rows.takeError()));
  if (optRowStride && optRowStride < spec->d)
    return fail("--row-stride: expects at least d = " + Twine(spec->d) +
                ", got " + Twine(int64_t(optRowStride)));
  if (optTarget == "cuda") {
    if (optThreads)
      return fail("--threads: a CPU option; --target cuda takes "
                  "--elems-per-thread, --threads-per-row, --rows-per-block");
    Expected<GpuConfig> config = gpuConfigFromOptions(*spec, *rows);
    if (!config)
      return fail(toString(config.takeError()));
    tune::Candidate fallback;
    fallback.gpu = *config;
    bool given = gpuConfigOptionsGiven();
    auto choice = chooseRunConfig(*spec, *rows, true, fallback, given);
    if (!choice)
      return fail(toString(choice.takeError()));
    return runRunCuda(*spec, choice->candidate.gpu,
                      given ? "explicit" : configSourceName(choice->source),
                      *rows, optRowStride, optCheck, optJson);
  }
  Expected<CpuConfig> config = cpuConfigFromOptions();
  if (!config)
    return fail(toString(config.takeError()));
  tune::Candidate fallback;
  fallback.cuda = false;
  fallback.cpu = *config;
  fallback.threads = optThreads;
  bool given = cpuConfigOptionsGiven() || optThreads.getNumOccurrences();
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
  if (!kernel)
    return fail(toString(kernel.takeError()));

  int64_t d = spec->d;
  CpuBuffers buf(*spec, *rows, optRowStride, seqOption());
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
      outs() << formatv("{0:2}", json::Value(json::Object{
                                     {"target", "cpu"},
                                     {"d", d},
                                     {"rows", 0},
                                     {"ok", true},
                                     {"compile_ms", getMs},
                                     {"cache", cacheSourceName(source)}}))
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
    json::Object o{{"target", "cpu"},
                   {"dtype", dtypeName(spec->dtype)},
                   {"d", d},
                   {"rows", *rows},
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
                   {"cpu", art->cpu},
                   {"time_us", walshUs},
                   {"gbps", gbps},
                   {"memcpy_us", copyUs},
                   {"roofline_fraction", fraction},
                   {"max_rel_error",
                    optCheck ? json::Value(err) : json::Value(nullptr)},
                   {"tolerance", optCheck ? json::Value(checkTolerance(*spec))
                                          : json::Value(nullptr)},
                   {"ok", ok},
                   {"compile_ms", getMs},
                   {"first_compile_ms", art->compileMs},
                   {"cache", cacheSourceName(source)},
                   {"config_source", configSource}};
    outs() << formatv("{0:2}", json::Value(std::move(o))) << "\n";
    return ok ? 0 : 1;
  }
  outs() << fmt::format(
      "walsh run: cpu ({}), {}, d = {}, rows = {}, threads = {}, "
      "vector_width {}, levels_per_pass {}, nontemporal {}{} ({})\n",
      art->cpu, dtypeName(spec->dtype), d, *rows, (*jit)->threads(),
      config->vectorWidth, config->levelsPerPass,
      config->nontemporal ? "on" : "off",
      kernelExtras(*spec), configSource);
  outs() << fmt::format("  compile   {:10.1f} ms  (cache: {})\n", getMs,
                        cacheSourceName(source));
  outs() << fmt::format("  walsh     {:10.1f} us  {:7.1f} GB/s\n", walshUs,
                        gbps);
  outs() << fmt::format("  memcpy    {:10.1f} us  {:7.1f} GB/s  (same bytes, "
                        "same threads)\n",
                        copyUs, bytes / (copyUs * 1e3));
  outs() << fmt::format("  roofline fraction {:.2f}\n", fraction);
  if (optCheck)
    outs() << fmt::format("  check: every element vs the float64 oracle, max "
                          "rel error {:.3g} (tolerance {:.0e}) {}\n",
                          err, checkTolerance(*spec), ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
