//===- BenchCommand.cpp - `walsh bench` ------------------------------------===//
//
// --target cuda: CudaBench.cpp. On the CPU, per (dtype, d, threads), side
// by side in one process: the walsh kernel,
// the dense projection it replaces (OpenBLAS sgemm, rows x d times d x d,
// fp32, the same threads) and a memcpy of the same bytes. OpenBLAS is
// loaded with dlopen; without it the dense column says so. sgemm on very
// large shapes is timed on a subset of the rows and scaled linearly (GEMM
// time is linear in the row count at these sizes); the output marks it.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "CudaCommands.h"
#include "ListOptions.h"
#include "SpecOptions.h"
#include "walsh/Runtime/CpuMeasure.h"
#include "walsh/Runtime/HostRows.h"
#include "walsh/Runtime/Timing.h"

#include "walsh/Builder/ProjectionBuilder.h"
#include "walsh/Hadamard/Hadamard.h"
#include "walsh/Runtime/Jit.h"
#include "walsh/Support/JsonText.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <dlfcn.h>
#include <map>
#include <set>

using namespace llvm;

namespace {
cl::opt<std::string> optTarget("target", cl::desc("cpu or cuda"),
                               cl::init("cpu"),
                               cl::sub(walsh::cli::benchCommand()),
                               cl::cat(walsh::cli::category()));
cl::opt<std::string> optDTypes("dtypes",
                               cl::desc("Comma-separated dtypes (cuda: "
                                        "default bf16,f16,f32)"),
                               cl::init("f32,bf16"),
                               cl::sub(walsh::cli::benchCommand()),
                               cl::cat(walsh::cli::category()));
cl::opt<std::string> optSizes("sizes",
                              cl::desc("Comma-separated d, or LO-HI for "
                                       "every supported d in that range "
                                       "(cuda: default 128 ... 32768)"),
                              cl::init("256,1024,4096,16384"),
                              cl::sub(walsh::cli::benchCommand()),
                              cl::cat(walsh::cli::category()));
cl::opt<std::string> optThreads("threads", cl::desc("Comma-separated counts"),
                                cl::init("1,2"),
                                cl::sub(walsh::cli::benchCommand()),
                                cl::cat(walsh::cli::category()));
cl::opt<std::string> optRowsList(
    "rows", cl::desc("cuda: comma-separated row counts (default 16384,65536)"),
    cl::init("16384,65536"), cl::sub(walsh::cli::benchCommand()),
    cl::cat(walsh::cli::category()));
cl::opt<std::string> optDecodeRows(
    "decode-rows",
    cl::desc("cuda: row counts also timed under CUDA-graph replay (default "
             "1,16,64; 'none' for none)"),
    cl::init("1,16,64"), cl::sub(walsh::cli::benchCommand()),
    cl::cat(walsh::cli::category()));
cl::opt<bool> optCache("cache",
                        cl::desc("Time the JIT itself: cold compile, disk "
                                 "and memory hits, lookup and launch"),
                        cl::sub(walsh::cli::benchCommand()),
                        cl::cat(walsh::cli::category()));
cl::opt<int64_t> optMB("mb", cl::desc("Megabytes of input per case"),
                       cl::init(256), cl::sub(walsh::cli::benchCommand()),
                       cl::cat(walsh::cli::category()));
cl::opt<bool> optJson("json", cl::desc("Machine-readable output"),
                      cl::sub(walsh::cli::benchCommand()),
                      cl::cat(walsh::cli::category()));
cl::opt<bool> optNoDense("no-dense", cl::desc("Skip the sgemm baseline"),
                         cl::sub(walsh::cli::benchCommand()),
                         cl::cat(walsh::cli::category()));
cl::opt<std::string> optEpilogue(
    "epilogue",
    cl::desc("Every kernel with this fused epilogue: residual, rmsnorm, "
             "layernorm, comma-separated; the roofline counts its rows"),
    cl::init(""), cl::sub(walsh::cli::benchCommand()),
    cl::cat(walsh::cli::category()));
cl::opt<double> optEps("eps", cl::desc("The norm's epsilon (default 1e-6)"),
                       cl::init(1e-6), cl::sub(walsh::cli::benchCommand()),
                       cl::cat(walsh::cli::category()));
cl::opt<std::string> optOutDType(
    "out-dtype",
    cl::desc("Every kernel's output cast: y (and the epilogue's rows and "
             "parameters) in f32, f16 or bf16 (default: each dtype)"),
    cl::init(""), cl::sub(walsh::cli::benchCommand()),
    cl::cat(walsh::cli::category()));

cl::opt<std::string> optLayout(
    "layout",
    cl::desc("Every kernel's input layout: rows (default), bshd or bhsd "
             "(needs --head-dim)"),
    cl::init("rows"), cl::sub(walsh::cli::benchCommand()),
    cl::cat(walsh::cli::category()));
cl::opt<int64_t> optSplits(
    "splits",
    cl::desc("Every kernel combines K split-KV partials first (needs "
             "--head-dim); the roofline counts the K partial rows"),
    cl::init(0), cl::sub(walsh::cli::benchCommand()),
    cl::cat(walsh::cli::category()));
cl::opt<bool> optRowSum(
    "row-sum",
    cl::desc("Every kernel divides unnormalised accumulators by their row "
             "sums first (needs --head-dim)"),
    cl::sub(walsh::cli::benchCommand()), cl::cat(walsh::cli::category()));
cl::opt<int64_t> optHeadDim(
    "head-dim",
    cl::desc("head_dim of every size's heads, for --layout bhsd and "
             "--splits"),
    cl::init(0), cl::sub(walsh::cli::benchCommand()),
    cl::cat(walsh::cli::category()));

/// cblas_sgemm and openblas_set_num_threads from a dlopen'ed OpenBLAS.
struct OpenBlas {
  using Sgemm = void (*)(int, int, int, int, int, int, float, const float *,
                         int, const float *, int, float, float *, int);
  Sgemm sgemm = nullptr;
  void (*setThreads)(int) = nullptr;
  static const OpenBlas &get() {
    static OpenBlas blas = [] {
      OpenBlas b;
      void *h = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
      if (h) {
        b.sgemm = reinterpret_cast<Sgemm>(dlsym(h, "cblas_sgemm"));
        b.setThreads = reinterpret_cast<void (*)(int)>(
            dlsym(h, "openblas_set_num_threads"));
      }
      return b;
    }();
    return blas;
  }
};

/// Median sgemm time for `rows` rows, measured on at most enough rows for
/// ~40 GFLOP and scaled; `measuredRows` says how many were timed.
double timeSgemm(int64_t rows, int64_t d, int threads, int64_t &measuredRows) {
  const OpenBlas &blas = OpenBlas::get();
  measuredRows = std::min<int64_t>(
      rows, std::max<int64_t>(256, int64_t(4e10 / (2.0 * d * d))));
  std::vector<float> x(size_t(measuredRows * d)), w(size_t(d * d)),
      y(size_t(measuredRows * d));
  std::mt19937 rng(1);
  std::normal_distribution<float> n;
  for (float &v : x)
    v = n(rng);
  for (float &v : w)
    v = n(rng);
  blas.setThreads(threads);
  // CblasRowMajor = 101, CblasNoTrans = 111.
  double us = walsh::medianMicros(
      [&] {
        blas.sgemm(101, 111, 111, int(measuredRows), int(d), int(d), 1.0f,
                   x.data(), int(d), w.data(), int(d), 0.0f, y.data(), int(d));
      },
      3, 0.5);
  return us * double(rows) / double(measuredRows);
}

/// --sizes: each item a d, or LO-HI for every supported d from LO to HI
/// in increasing order (m * 2^k with a base order walsh knows), so that a
/// sweep of a range cannot leave a size out.
Expected<std::vector<int64_t>> parseSizes(const std::string &list) {
  // An item: d (lo alone) or a range, its text kept for the error.
  struct Item {
    int64_t lo = 0, hi = 0;
    bool range = false;
    StringRef text;
  };
  auto items = walsh::cli::parseList<Item>(
      list, "sizes",
      [](StringRef text, bool &ok) {
        auto [first, last] = text.split('-');
        Item it;
        it.text = text;
        it.range = text.contains('-');
        ok = !first.getAsInteger(10, it.lo) &&
             (!it.range || (!last.getAsInteger(10, it.hi) && it.hi >= it.lo));
        return it;
      },
      "expects d, or a range LO-HI with LO <= HI");
  if (!items)
    return items.takeError();
  std::vector<int64_t> out;
  std::map<int64_t, StringRef> from; // Each d's item, for a repeat.
  auto add = [&](int64_t d, StringRef text) -> Error {
    auto [at, fresh] = from.try_emplace(d, text);
    if (!fresh)
      return createStringError(
          "--sizes: d = " + std::to_string(d) + " is given twice ('" +
          at->second.str() + "' and '" + text.str() + "'); each is timed once");
    out.push_back(d);
    return Error::success();
  };
  for (const Item &it : *items) {
    if (!it.range) {
      if (Error e = add(it.lo, it.text))
        return std::move(e);
      continue;
    }
    size_t before = out.size();
    for (int64_t d = std::max<int64_t>(it.lo, 1);
         d <= std::min(it.hi, walsh::kMaxTransformSize); ++d)
      if (walsh::factorize(d))
        if (Error e = add(d, it.text))
          return std::move(e);
    if (out.size() == before)
      return createStringError("--sizes: no supported d in " + it.text.str() +
                               " (each d is " + walsh::supportedSizesText() +
                               ")");
  }
  return out;
}

} // namespace

std::optional<std::string> walsh::cli::refusalOf(const ProjectionSpec &spec,
                                                 double err) {
  std::optional<std::string> wrong = wrongResultText(spec, err);
  if (!wrong)
    return std::nullopt;
  return fmt::format("{} d = {}: {}; not timing a wrong kernel",
                     dtypeName(spec.dtype), spec.d, *wrong);
}

int walsh::cli::reportRefusals(const std::vector<std::string> &refusals) {
  std::set<std::string> told;
  for (const std::string &r : refusals)
    if (told.insert(r).second)
      errs() << "walsh bench: " << r << "\n";
  return refusals.empty() ? 0 : 1;
}

int walsh::cli::runBench() {
  auto fail = [](const Twine &m) { return usageError("bench", m); };
  if (optCache) {
    // It times its own fixed kernels: an option that would choose others
    // is refused rather than ignored.
    for (cl::Option *o : std::initializer_list<cl::Option *>{
             &optTarget, &optDTypes, &optSizes, &optThreads, &optRowsList,
             &optDecodeRows, &optMB, &optNoDense, &optEpilogue, &optEps,
             &optOutDType, &optLayout, &optSplits, &optRowSum, &optHeadDim})
      if (o->getNumOccurrences())
        return fail("--cache times the JIT on its own kernels (CPU and CUDA, "
                    "f32 and bf16, fixed sizes); --" +
                    o->ArgStr + " does not apply to it");
    return runBenchCache(optJson);
  }
  ProjectionSpec epilogue;
  if (Error e = parseEpilogueList(optEpilogue, epilogue))
    return fail(toString(std::move(e)));
  if (Error e = epsFromOption(optEps, epilogue))
    return fail(toString(std::move(e)));
  if (Error e = validateEpilogue(epilogue))
    return fail(byOption(std::move(e)));
  if (Error e = parseOutDType(optOutDType, epilogue))
    return fail(toString(std::move(e)));
  if (Error e = parsePrologue(optLayout, optSplits, optRowSum, epilogue))
    return fail(toString(std::move(e)));
  // --head-dim only with what reads the heads (until 2026-12-07 taken and
  // ignored without one).
  if (optHeadDim.getNumOccurrences() && !epilogue.hasPrologue())
    return fail("--head-dim: only --layout bhsd, --splits and --row-sum take "
                "it (the heads of each size)");
  if (epilogue.hasPrologue() && !optHeadDim.getNumOccurrences())
    return fail(Twine(prologueOptionName(optSplits, optRowSum)) +
                ": needs --head-dim (the heads of each size)");
  if (optHeadDim.getNumOccurrences() && optHeadDim < 1)
    return fail("--head-dim: expects a count >= 1, got " +
                Twine(int64_t(optHeadDim)));
  epilogue.headDim = epilogue.hasPrologue() ? int64_t(optHeadDim) : 0;
  bool cuda = optTarget == "cuda";
  if (!cuda && optTarget != "cpu")
    return fail("--target: expects cpu or cuda, got '" + optTarget + "'");
  if (!cuda && !optCache && deviceGiven())
    return fail("--device: a CUDA option (--target cuda, or --cache)");
  // Options of the other target are refused by name, not ignored.
  if (std::string o = firstGiven({&optRowsList, &optDecodeRows});
      !cuda && !o.empty())
    return fail(o + ": a CUDA option (--target cuda; the CPU's rows come "
                    "from --mb)");
  if (std::string o = firstGiven({&optMB, &optThreads}); cuda && !o.empty())
    return fail(o + ": a CPU option (--target cpu)");
  if (Error e = checkSustain(cuda))
    return fail(toString(std::move(e)));
  std::string dtypeList = optDTypes, sizeList = optSizes;
  if (cuda && !optDTypes.getNumOccurrences())
    dtypeList = "bf16,f16,f32";
  if (cuda && !optSizes.getNumOccurrences())
    sizeList = "128,256,512,768,1024,2048,4096,5120,8192,16384,32768";
  auto dtypes = parseDTypes(dtypeList, "dtypes");
  auto sizes = parseSizes(sizeList);
  auto threads = parseList<int>(
      optThreads, "threads",
      [](StringRef s, bool &ok) {
        int v = 0;
        ok = !s.getAsInteger(10, v) && v >= 1;
        return v;
      },
      kExpectsCounts);
  if (!dtypes)
    return fail(toString(dtypes.takeError()));
  if (!sizes)
    return fail(toString(sizes.takeError()));
  if (!threads)
    return fail(toString(threads.takeError()));
  if (optMB < 1)
    return fail("--mb: expects at least 1, got " + Twine(int64_t(optMB)));
  for (int64_t d : *sizes)
    if (!factorize(d))
      return fail("--sizes: expects each d to be " + supportedSizesText() +
                  ", got " + Twine(d));
  for (int64_t d : *sizes) {
    ProjectionSpec spec = epilogue;
    spec.d = d;
    if (Error e = validatePrologue(spec))
      return fail("--sizes: d = " + Twine(d) + ": " + byOption(std::move(e)));
  }
  if (cuda) {
    auto rowsList = parseCounts(optRowsList, "rows");
    if (!rowsList)
      return fail(toString(rowsList.takeError()));
    std::vector<int64_t> decode;
    if (optDecodeRows != "none") {
      auto list = parseCounts(optDecodeRows, "decode-rows",
                              "expects counts of at least 1, or none");
      if (!list)
        return fail(toString(list.takeError()));
      decode = *list;
    }
    return runBenchCuda(*dtypes, *sizes, *rowsList, decode, !optNoDense,
                        optJson, epilogue);
  }
  // Each case's buffers must fit in memory, as `walsh run`'s: refused by
  // name before anything is compiled, not a failed allocation mid-sweep.
  for (DType dt : *dtypes)
    for (int64_t d : *sizes) {
      ProjectionSpec spec = epilogue;
      spec.d = d;
      spec.dtype = dt;
      double rows = double(optMB) * (1 << 20) / double(d * dtypeBytes(dt));
      double need = walsh::cpuBufferBytes(spec, 1, 0, false) * rows;
      if (auto over = beyondHostMemory(need))
        return fail(formatv("--mb: {0} MB of {1} input at d = {2} needs "
                            "{3:F1} GB of host buffers, {4}; pass fewer",
                            int64_t(optMB), dtypeName(dt), d, need / 1e9,
                            *over));
    }
  bool dense = !optNoDense && OpenBlas::get().sgemm;
  bool tty = sys::Process::StandardErrIsDisplayed();

  json::Array results;
  std::vector<std::string> refusals;
  if (!optJson)
    outs() << fmt::format(
        "{:<5} {:>6} {:>8} {:>3} | {:>10} {:>7} | {:>10} {:>6} | {:>12} "
        "{:>8} | {:>13}\n",
        "dtype", "d", "rows", "thr", "walsh us", "GB/s", "memcpy us",
        "frac", "sgemm us", "speedup", "scaling");
  size_t total = dtypes->size() * sizes->size() * threads->size(), done = 0;
  // Ctrl-C stops the sweep after the case it is in; what was measured is
  // printed (`measured` cases: rows, or refusals).
  SweepInterrupt interrupt;
  size_t measured = 0;
  // Through the JIT, as the CUDA sweep: the caches and WALSH_DUMP_DIR
  // (until 2026-12-07 compileForCpu, which neither cached nor dumped).
  auto jit = Jit::create({1});
  if (!jit)
    return fail(toString(jit.takeError()));
  for (DType dt : *dtypes)
    for (int64_t d : *sizes) {
      if (SweepInterrupt::requested())
        break;
      ProjectionSpec spec = epilogue; // the epilogue's fields
      spec.d = d;
      spec.dtype = dt;
      auto art = (*jit)->compileCpu(spec);
      if (!art)
        return fail(toString(art.takeError()));
      auto kernel = CpuKernel::load(*art);
      if (!kernel) // the process's, not the arguments' (a W^X host)
        return runError("bench", toString(kernel.takeError()));
      // Checked before it is timed, as on the GPU: 65 rows of fresh random
      // input, the output poisoned, every element against the float64
      // oracle.
      double err;
      {
        CpuBuffers check(spec, 65, 0);
        auto one = ThreadPool::create(1);
        if (!one)
          return fail(toString(one.takeError()));
        if (Error e = kernel->run(check.args(spec), one->get()))
          return fail(toString(std::move(e)));
        err = checkAgainstOracle(check, spec);
      }
      int64_t rows = optMB * (int64_t(1) << 20) / (d * dtypeBytes(dt));
      if (std::optional<std::string> refused = refusalOf(spec, err)) {
        refusals.push_back(*refused);
        done += threads->size();
        measured += threads->size();
        if (optJson)
          results.push_back(json::Object{{"target", "cpu"},
                                         {"dtype", dtypeName(dt)},
                                         {"d", d},
                                         {"rows", rows},
                                         {"ok", false},
                                         {"error", walsh::jsonString(*refused)},
                                         {"max_rel_error", err}});
        else
          outs() << fmt::format("{:<5} {:>6} {:>8}     | refused: {}\n",
                                dtypeName(dt), d, rows, *refused);
        continue;
      }
      CpuBuffers buf(spec, rows, 0);
      // The list's first thread count's times: scaling = those / these.
      double firstWalshUs = NAN, firstMemcpyUs = NAN;
      for (int th : *threads) {
        if (SweepInterrupt::requested())
          break;
        ++measured; // (timed below, or the command fails)
        if (tty)
          errs() << fmt::format("\r[{}/{}] {} d={} threads={}   ", ++done,
                                total, dtypeName(dt), d, th);
        auto pool = ThreadPool::create(th);
        if (!pool)
          return fail(toString(pool.takeError()));
        CpuTiming t = timeAgainstMemcpy(*kernel, buf, spec, **pool);
        int64_t sgemmRows = 0;
        double sgemmUs = dense ? timeSgemm(rows, d, th, sgemmRows) : NAN;
        double frac = t.memcpyUs / t.walshUs;
        double gbps = t.bytes / (t.walshUs * 1e3);
        bool first = std::isnan(firstWalshUs);
        if (first) {
          firstWalshUs = t.walshUs;
          firstMemcpyUs = t.memcpyUs;
        }
        double scaling = firstWalshUs / t.walshUs,
               memcpyScaling = firstMemcpyUs / t.memcpyUs;
        if (tty)
          errs() << "\r" << std::string(40, ' ') << "\r";
        if (optJson) {
          results.push_back(json::Object{
              {"target", "cpu"},
              {"dtype", dtypeName(dt)},
              {"d", d},
              {"rows", rows},
              {"epilogue", epilogueName(spec)},
              {"layout", layoutName(spec.layout)},
              {"splits", spec.splits},
              {"row_sum", spec.rowSum},
              {"out_dtype", dtypeName(spec.outType())},
              {"threads", th},
              {"cpu", art->cpu},
              {"ok", true},
              {"time_us", t.walshUs},
              {"gbps", gbps},
              {"memcpy_us", t.memcpyUs},
              {"roofline_fraction", frac},
              {"max_rel_error", err},
              {"sgemm_us", dense ? json::Value(sgemmUs) : json::Value(nullptr)},
              {"sgemm_rows_timed", sgemmRows},
              {"speedup_vs_sgemm",
               dense ? json::Value(sgemmUs / t.walshUs) : json::Value(nullptr)},
              {"scaling", first ? json::Value(nullptr) : json::Value(scaling)},
              {"memcpy_scaling",
               first ? json::Value(nullptr) : json::Value(memcpyScaling)},
              {"compile_ms", art->compileMs}});
          continue;
        }
        std::string sg = dense        ? fmt::format("{:>12.0f}{}", sgemmUs,
                                             sgemmRows < rows ? "*" : " ")
                         : optNoDense ? std::string("   --no-dense")
                                      : std::string("  no OpenBLAS");
        std::string sp =
            dense ? fmt::format("{:>7.1f}x", sgemmUs / t.walshUs) : "";
        std::string sc =
            first ? std::string("-")
                  : fmt::format("{:.2f}x ({:.2f}x)", scaling, memcpyScaling);
        outs() << fmt::format(
            "{:<5} {:>6} {:>8} {:>3} | {:>10.0f} {:>7.1f} | {:>10.0f} {:>6.2f} "
            "| {} {:>8} | {:>13}\n",
            dtypeName(dt), d, rows, th, t.walshUs, gbps, t.memcpyUs, frac, sg,
            sp, sc);
        outs().flush();
      }
    }
  // (The last case a SIGINT came in was finished and printed.)
  if (optJson) {
    outs() << walsh::jsonText(std::move(results)) << "\n";
    return SweepInterrupt::finishBench(refusals, measured, total);
  }
  if (epilogue.hasEpilogue())
    outs() << "every kernel with the fused epilogue " << epilogueName(epilogue)
           << "; sgemm is the projection alone.\n";
  outs() << "every kernel checked against the float64 oracle (65 rows) "
            "before it was timed.\n"
         << "frac = memcpy time / walsh time for the same bytes (1.0 = copy "
            "roofline).\n"
         << "sgemm: OpenBLAS fp32 rows x d times d x d on the same threads; "
            "* = timed on fewer rows and scaled linearly.\n"
         << "scaling = walsh time on the first thread count listed / walsh "
            "time on these threads (memcpy's the same way in brackets).\n";
  return SweepInterrupt::finishBench(refusals, measured, total);
}
