//===- walsh-gpu.cpp - run compiled GPU kernels: check and time ----------===//
//
// Reads what `walsh compile --target cuda --out DIR` wrote (JSON, PTX and,
// when ptxas was found, a cubin, which is loaded in preference),
// and for each: checks every element against the float64 oracle on fresh
// random inputs with the output poisoned (NaN bytes) first, on a row count
// that leaves a partial last block; then times the kernel (CUDA events,
// median of the launches of about 0.25 s after warm-up, as `walsh bench`
// does, or of --iters launches, on those random rows tiled over the whole
// input) against a device-to-device copy of the same bytes in the same
// run. Links no MLIR and no libwalsh: it is the
// runtime alone, as a deployment would ship it.
//
//   walsh-gpu DIR [--rows N] [--check-rows N] [--iters N] [--sustain S]
//             [--no-time] [--json FILE]
//   walsh-gpu --probe          exit 0 with a GPU, 77 without
//
// It ends with a count of the kernels passed, failed and not run (a file
// that is no artifact). Exit status: 0 all passed, 1 a check failed or a
// file was not run, 2 bad usage (or --json not written), 77 no GPU (no
// driver or no device): skipped.
//
//===----------------------------------------------------------------------===//
#include "walsh/Builder/ConfigJson.h"
#include "walsh/Hadamard/Hadamard.h"
#include "walsh/Runtime/GpuKernel.h"
#include "walsh/Runtime/GpuMeasure.h"
#include "walsh/Runtime/HostRows.h"
#include "walsh/Support/AtomicFile.h"
#include "walsh/Support/JsonText.h"
#include "walsh/Support/OutOfMemory.h"
#include "walsh/Support/Stdout.h"
#include "walsh/Support/Version.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <tuple>
#include <vector>

using namespace llvm;
using namespace walsh;
using namespace walsh::cuda;

static cl::OptionCategory category("walsh-gpu options");
static cl::opt<std::string> optDir(cl::Positional, cl::desc("<artifact dir>"),
                                   cl::init(""), cl::cat(category));
static cl::opt<bool> optProbe("probe",
                              cl::desc("Only say whether there is a GPU (exit "
                                       "0) or not (exit 77)"),
                              cl::cat(category));
static cl::opt<int64_t> optRows("rows",
                                cl::desc("Rows for timing (0: 65536, "
                                         "16384 above d = 8192)"),
                                cl::init(0), cl::cat(category));
static cl::opt<int64_t>
    optCheckRows("check-rows", cl::desc("Rows checked element by element"),
                 cl::init(1000), cl::cat(category));
static cl::opt<int> optIters("iters",
                             cl::desc("Timed launches (0: about 0.25 s of "
                                      "them, 5 to 200, as walsh bench times; "
                                      "with --sustain S, S seconds of them)"),
                             cl::init(0), cl::cat(category));
static cl::opt<double>
    optSustain("sustain",
               cl::desc("Seconds of untimed launches before each timing, "
                        "so that it sees the sustained clocks (default 0)"),
               cl::init(0), cl::cat(category));
static cl::opt<int> optDevice("device",
                              cl::desc("The CUDA device (an ordinal; "
                                       "default 0)"),
                              cl::init(0), cl::cat(category));
static cl::opt<int64_t>
    optGridLimit("grid-limit",
                 cl::desc("Time row-group kernels on at most this many "
                          "blocks (0: the launcher's grid)"),
                 cl::init(0), cl::cat(category));
static cl::opt<bool> optNoTime("no-time",
                               cl::desc("Check only (conformance runs)"),
                               cl::cat(category));
static cl::opt<std::string>
    optJson("json",
            cl::desc("Write the results here as JSON (whole or not at all)"),
            cl::init(""), cl::cat(category));

namespace {
Expected<GpuLaunchInfo> readInfo(const json::Object &o) {
  const json::Object *specObject = o.getObject("spec");
  if (!specObject)
    return createStringError("artifact JSON: no \"spec\" object");
  auto spec = specFromJson(*specObject);
  if (!spec)
    return createStringError("artifact JSON: spec: " +
                             toString(spec.takeError()));
  GpuLaunchInfo in = GpuLaunchInfo::forSpec(*spec);
  auto num = [&](const char *k) { return o.getInteger(k).value_or(-1); };
  in.kernel = o.getString("kernel").value_or("outproj").str();
  in.blockThreads = num("block_threads");
  in.rowsPerBlock = num("block_rows");
  in.rowIters = std::max<int64_t>(1, num("row_iters"));
  in.cluster = std::max<int64_t>(1, num("cluster"));
  in.persistent = o.getString("cross_warp") == std::optional<StringRef>("mma");
  in.sharedBytes = num("shared_bytes");
  in.rowAlignment = num("row_alignment");
  in.blocksPerSM = std::max<int64_t>(0, num("blocks_per_sm"));
  return in;
}

struct Result {
  std::string name;
  GpuLaunchInfo info;
  bool cubin = false;
  int64_t checkRows = 0;
  int64_t rows = 0; // timed; 0 under --no-time
  double err = NAN, tolerance = 0, walshUs = NAN, copyUs = NAN;
};

Expected<Result> runOne(const std::string &jsonPath) {
  auto buf = MemoryBuffer::getFile(jsonPath);
  if (!buf)
    return createStringError("cannot read: " + buf.getError().message());
  auto parsed = walsh::parseJson((*buf)->getBuffer());
  if (!parsed)
    return parsed.takeError();
  const json::Object *o = parsed->getAsObject();
  if (!o)
    return createStringError("not a JSON object");
  auto info = readInfo(*o);
  if (!info)
    return info.takeError();
  // The cubin when `walsh compile` found ptxas, else the PTX.
  std::string stem = jsonPath.substr(0, jsonPath.size() - 5);
  auto image = MemoryBuffer::getFile(stem + ".cubin", /*IsText=*/false);
  bool cubin = bool(image);
  if (!image)
    image = MemoryBuffer::getFile(stem + ".ptx");
  if (!image)
    return createStringError("cannot read " + stem + ".ptx");
  auto kernel = GpuKernel::load((*image)->getBuffer().str(), *info);
  if (!kernel)
    return kernel.takeError();
  auto stream = Stream::create();
  if (!stream)
    return stream.takeError();
  Result r;
  r.name = o->getString("name").value_or("?").str();
  r.info = *info;
  r.cubin = cubin;
  double scale =
      o->getNumber("scale").value_or(1.0 / std::sqrt(double(info->spec.d)));
  // readInfo checked that the spec is there.
  bool transpose =
      o->getObject("spec")->getBoolean("transpose").value_or(false);

  // Correctness: fresh random inputs, output poisoned, every element; on
  // packed rows, then on rows one row alignment apart beyond d (the padding
  // checked untouched): the largest error of the two.
  // A bhsd input's rows are batch * seq (defaultSeq): a composite count,
  // so that the check crosses batches (257 -> 255 = 15 x 17).
  int64_t checkRows = optCheckRows;
  // The check's host rows (x, y, the epilogue's, the float64 oracle's), at
  // the padded stride of the second check: refused by name past three
  // quarters of the host's memory, not a failed allocation.
  const ProjectionSpec &spec = info->spec;
  double rowBytes =
      double(spec.d + info->rowAlignment / dtypeBytes(spec.dtype)) *
      (double(dtypeBytes(spec.dtype)) * (spec.splits ? spec.splits : 1) +
       3.0 * double(dtypeBytes(spec.outType())) + 16.0);
  if (auto over = beyondHostMemory(double(checkRows) * rowBytes))
    return createStringError(formatv(
        "--check-rows: {0} rows of d = {1} need {2:F1} GB of host buffers, "
        "{3}; pass fewer",
        checkRows, spec.d, double(checkRows) * rowBytes / 1e9, *over));
  if (info->spec.layout == Layout::BHSD)
    while (checkRows > 3 && defaultSeq(checkRows) == checkRows)
      --checkRows;
  auto err = checkAgainstOracle(*kernel, scale, transpose, checkRows, 0,
                                stream->get());
  if (!err)
    return err.takeError();
  int64_t padded =
      info->spec.d + info->rowAlignment / int64_t(dtypeBytes(info->spec.dtype));
  // With row groups, the second check on a grid of at most 3 blocks: each
  // strides over several groups, as on a grid capped at the blocks the
  // device holds.
  auto strided = checkAgainstOracle(kernel->withGridLimit(3), scale, transpose,
                                    checkRows, padded, stream->get());
  if (!strided)
    return strided.takeError();
  r.err = std::isnan(*err) || std::isnan(*strided) ? NAN
                                                   : std::max(*err, *strided);
  r.tolerance = checkTolerance(info->spec);
  r.checkRows = checkRows;
  if (optNoTime)
    return r;

  // Timing: walsh vs a device-to-device copy of the same bytes, on random
  // rows tiled over the whole input, over rotating sets (nothing in the
  // L2).
  int64_t rows =
      optRows ? int64_t(optRows) : (info->spec.d <= 8192 ? 65536 : 16384);
  r.rows = rows;
  auto dev = RotatingRows::random(*info, rows);
  if (!dev)
    return dev.takeError();
  GpuKernel timed =
      optGridLimit > 0 ? kernel->withGridLimit(optGridLimit) : *kernel;
  auto time = [&](const std::function<Error()> &fn) -> Expected<double> {
    if (optIters == 0)
      return timeSustained(fn, stream->get(), optSustain);
    if (Error e = sustain(fn, stream->get(), optSustain))
      return std::move(e);
    return timeEvents(fn, stream->get(), optIters);
  };
  auto walshUs = time(
      [&] { return timed.launch(dev->next().args(*info), stream->get()); });
  if (!walshUs)
    return walshUs.takeError();
  auto copyUs = time([&] { return copyRows(*dev, stream->get()); });
  if (!copyUs)
    return copyUs.takeError();
  r.walshUs = *walshUs;
  // A fused epilogue or an output cast moves other bytes than x and y of
  // x's type: the roofline is a copy of as many bytes.
  r.copyUs = *copyUs * info->spec.copyScale();
  return r;
}
} // namespace

/// No GPU: exit 77, "skipped" for ctest (SKIP_RETURN_CODE) and automake
/// alike. A bad --device (deviceOption names it): 2.
static int deviceFailure(Error e) {
  bool noGpu = e.isA<NoGpuError>();
  errs() << "walsh-gpu: " << toString(std::move(e)) << "\n";
  return noGpu ? 77 : 2;
}

static int runTool(int argc, char **argv) {
  cl::HideUnrelatedOptions(category);
  walsh::installVersionPrinter("walsh-gpu");
  walsh::installOutOfMemoryHandler("walsh-gpu");
  // Options the parser refuses are bad usage, exit status 2 (its default,
  // 1, is a failed check's).
  if (!cl::ParseCommandLineOptions(
          argc, argv, "walsh-gpu: check and time kernels\n", &errs()))
    return 2;
  if (std::string foreign = walsh::foreignOptionGiven(category);
      !foreign.empty()) {
    errs() << "walsh-gpu: " << walsh::foreignOptionText(foreign, "walsh-gpu")
           << "\n";
    return 2;
  }
  if (optProbe) {
    auto device = deviceOption(optDevice);
    if (!device)
      return deviceFailure(device.takeError());
    outs() << "device: " << device->name << "\n";
    return 0;
  }
  if (optDir.empty()) {
    errs() << "walsh-gpu: expects an artifact directory (or --probe)\n";
    return 2;
  }
  for (auto [name, value, least] :
       {std::tuple<const char *, int64_t, int64_t>{"rows", optRows, 0},
        {"check-rows", optCheckRows, 1},
        {"iters", optIters, 0},
        {"grid-limit", optGridLimit, 0}})
    if (value < least) {
      errs() << "walsh-gpu: --" << name << ": expects a count >= " << least
             << ", got " << value << "\n";
      return 2;
    }
  if (std::string why = sustainRangeError(optSustain); !why.empty()) {
    errs() << "walsh-gpu: --sustain: " << why << "\n";
    return 2;
  }
  // --json's directory checked now, not after minutes of kernels.
  if (!optJson.empty()) {
    StringRef dir = sys::path::parent_path(optJson);
    if (std::error_code ec = sys::fs::access(dir.empty() ? "." : dir,
                                             sys::fs::AccessMode::Write)) {
      errs() << "walsh-gpu: --json: cannot write into the directory of "
             << optJson << ": " << ec.message() << "\n";
      return 2;
    }
  }
  std::vector<std::string> files;
  std::error_code ec;
  for (sys::fs::directory_iterator it(optDir, ec), end; it != end && !ec;
       it.increment(ec))
    if (StringRef(it->path()).ends_with(".json"))
      files.push_back(it->path());
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    errs() << "walsh-gpu: no artifacts (*.json) in " << optDir << "\n";
    return 2;
  }
  auto device = deviceOption(optDevice);
  if (!device)
    return deviceFailure(device.takeError());
  std::string name = device->name;
  outs() << "device: " << name << " (sm_" << device->major << device->minor
         << ", " << device->smCount << " SMs, driver "
         << device->driverVersion << ")\n";
  outs() << formatv("{0,-32} {1,5} {2,8} {3,10} {4,5} | {5,10} {6,8} | {7,10} "
                    "{8,6}\n",
                    "kernel", "image", "rows", "max_err", "ok", "walsh us",
                    "GB/s", "copy us", "frac");
  json::Array all;
  int failures = 0, unrun = 0;
  for (const std::string &f : files) {
    auto r = runOne(f);
    if (!r) {
      ++unrun;
      outs() << f << ": " << toString(r.takeError()) << "\n";
      continue;
    }
    bool ok = r->err <= r->tolerance;
    failures += !ok;
    double bytesMoved = double(r->rows) * double(r->info.spec.rowBytesMoved());
    double gbps = bytesMoved / (r->walshUs * 1e3);
    // Under --no-time the timing columns say "-" (JSON: null).
    auto timed = [&](double v, const char *style) {
      return r->rows ? formatv(style, v).str() : std::string("-");
    };
    outs() << formatv("{0,-32} {1,5} {2,8} {3,10:e2} {4,5} | {5,10} {6,8} | "
                      "{7,10} {8,6}\n",
                      r->name, r->cubin ? "cubin" : "ptx",
                      r->rows ? std::to_string(r->rows) : "-", r->err,
                      ok ? "PASS" : "FAIL", timed(r->walshUs, "{0:f1}"),
                      timed(gbps, "{0:f0}"), timed(r->copyUs, "{0:f1}"),
                      timed(r->copyUs / r->walshUs, "{0:f2}"));
    outs().flush();
    auto timing = [&](double v) {
      return r->rows ? json::Value(v) : json::Value(nullptr);
    };
    all.push_back(json::Object{
        {"name", r->name},
        {"device", name},
        {"image", r->cubin ? "cubin" : "ptx"},
        {"d", r->info.spec.d},
        {"dtype", dtypeName(r->info.spec.dtype)},
        {"check_rows", r->checkRows},
        {"rows", r->rows ? json::Value(r->rows) : json::Value(nullptr)},
        {"max_rel_error", r->err},
        {"ok", ok},
        {"time_us", timing(r->walshUs)},
        {"gbps", timing(gbps)},
        {"copy_us", timing(r->copyUs)},
        {"sustain_s", double(optSustain)},
        {"roofline_fraction", timing(r->copyUs / r->walshUs)}});
  }
  size_t total = files.size();
  outs() << formatv("walsh-gpu: {0} kernel{1}: {2} passed, {3} failed{4}\n",
                    total, total == 1 ? "" : "s", total - failures - unrun,
                    failures,
                    unrun ? formatv(", {0} not run", unrun).str() : "");
  if (!optJson.empty())
    if (Error e = writeFileAtomically(optJson,
                                      walsh::jsonText(std::move(all)) + "\n")) {
      errs() << "walsh-gpu: --json: " << toString(std::move(e)) << "\n";
      return 2;
    }
  return failures || unrun ? 1 : 0;
}

int main(int argc, char **argv) {
  // A stdout that failed (a full disk) is a line naming it and status 1
  // where the run had passed, not LLVM's fatal error from outs()'s
  // destructor.
  // A host buffer that cannot be had (HostRows throws std::bad_alloc) is
  // "walsh-gpu: out of host memory (...)" and status 1 too.
  return walsh::finishStdout(
      walsh::catchingOutOfMemory([&] { return runTool(argc, argv); }),
      "walsh-gpu");
}
