//===- walsh-gpu.cpp - run compiled GPU kernels: check and time ------------===//
//
// Reads the PTX + JSON pairs `walsh compile --target cuda --out DIR` wrote,
// and for each: checks every element against the float64 oracle on fresh
// random inputs with the output poisoned (NaN bytes) first, on a row count
// that leaves a partial last block; then times the kernel (CUDA events,
// median of many launches after warm-up, on those random rows tiled over the
// whole input) against a device-to-device copy of the same bytes in the same
// run. Links no MLIR and no libwalsh: it is the
// runtime alone, as a deployment would ship it.
//
//   walsh-gpu DIR [--rows N] [--check-rows N] [--iters N] [--json FILE]
//
// Exit status: 0 all passed, 1 a check failed, 2 bad usage or artifacts,
// 77 no GPU (no driver or no device): skipped.
//
//===----------------------------------------------------------------------===//
#include "walsh/Hadamard/Hadamard.h"
#include "walsh/Runtime/GpuKernel.h"
#include "walsh/Runtime/HostRows.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace llvm;
using namespace walsh;
using namespace walsh::cuda;

static cl::opt<std::string> optDir(cl::Positional, cl::desc("<artifact dir>"),
                                   cl::Required);
static cl::opt<int64_t> optRows("rows", cl::desc("Rows for timing (0: 65536, "
                                                 "16384 above d = 8192)"),
                                cl::init(0));
static cl::opt<int64_t> optCheckRows("check-rows",
                                     cl::desc("Rows checked element by element"),
                                     cl::init(1000));
static cl::opt<int> optIters("iters", cl::desc("Timed launches"), cl::init(50));
static cl::opt<std::string> optJson("json", cl::desc("Write results here"),
                                    cl::init(""));

namespace {
/// Device memory freed on scope exit.
struct DeviceBuffer {
  CUdeviceptr ptr = 0;
  const Driver *d = nullptr;
  ~DeviceBuffer() {
    if (ptr)
      d->cuMemFree(ptr);
  }
};

Expected<GpuLaunchInfo> readInfo(const json::Object &o) {
  GpuLaunchInfo in;
  auto num = [&](const char *k) { return o.getInteger(k).value_or(-1); };
  in.kernel = o.getString("kernel").value_or("outproj").str();
  in.d = num("d");
  auto dt = parseDType(o.getString("dtype").value_or("").str());
  if (!dt || in.d < 1)
    return createStringError("artifact JSON: bad dtype or d");
  in.dtype = *dt;
  in.withMul = in.withAdd = o.getBoolean("affine").value_or(true);
  in.blockThreads = num("block_threads");
  in.rowsPerBlock = num("rows_per_block");
  in.sharedBytes = num("shared_bytes");
  in.rowAlignment = num("row_alignment");
  return in;
}

/// x, y, a and b of one launch on the device; every call checked.
struct DeviceRows {
  DeviceBuffer x, y, a, b;
  size_t rowsBytes = 0, columnBytes = 0;

  Error allocate(const Driver &d, int64_t rows, int64_t dd, int64_t bytes) {
    rowsBytes = size_t(rows * dd * bytes);
    columnBytes = size_t(dd * bytes);
    for (auto [buf, n] : {std::pair<DeviceBuffer *, size_t>{&x, rowsBytes},
                          {&y, rowsBytes},
                          {&a, columnBytes},
                          {&b, columnBytes}}) {
      buf->d = &d;
      if (Error e = check(d.cuMemAlloc(&buf->ptr, n), "cuMemAlloc"))
        return e;
    }
    return Error::success();
  }

  /// Copies host a and b, and fills x by tiling `x` (host rows) over it.
  Error upload(const Driver &d, const HostRows &hx, const HostRows &ha,
               const HostRows &hb) {
    size_t tile = size_t(hx.payloadBytes());
    if (Error e = check(d.cuMemcpyHtoD(x.ptr, hx.data(),
                                       std::min(tile, rowsBytes)),
                        "cuMemcpyHtoD"))
      return e;
    for (size_t done = tile; done < rowsBytes; done += tile)
      if (Error e = check(d.cuMemcpyDtoDAsync(x.ptr + done, x.ptr,
                                              std::min(tile, rowsBytes - done),
                                              nullptr),
                          "cuMemcpyDtoDAsync"))
        return e;
    if (Error e = check(d.cuMemcpyHtoD(a.ptr, ha.data(), columnBytes),
                        "cuMemcpyHtoD"))
      return e;
    if (Error e = check(d.cuMemcpyHtoD(b.ptr, hb.data(), columnBytes),
                        "cuMemcpyHtoD"))
      return e;
    // Poison: 0xff bytes are NaN in f32, f16 and bf16.
    return check(d.cuMemsetD8(y.ptr, 0xff, rowsBytes), "cuMemsetD8");
  }

  GpuRunArgs args(const GpuLaunchInfo &info, int64_t rows) const {
    GpuRunArgs r;
    r.x = x.ptr;
    r.y = y.ptr;
    r.a = info.withMul ? a.ptr : 0;
    r.b = info.withAdd ? b.ptr : 0;
    r.rows = rows;
    return r;
  }
};

/// Median of `iters` event-timed runs of `fn`, in microseconds.
Expected<double> timeMedian(const Driver &d, const std::function<Error()> &fn,
                            int iters) {
  CUevent start, stop;
  if (Error e = check(d.cuEventCreate(&start, 0), "cuEventCreate"))
    return std::move(e);
  if (Error e = check(d.cuEventCreate(&stop, 0), "cuEventCreate"))
    return std::move(e);
  for (int i = 0; i < 3; ++i)
    if (Error e = fn())
      return std::move(e);
  std::vector<float> ms;
  for (int i = 0; i < iters; ++i) {
    if (Error e = check(d.cuEventRecord(start, nullptr), "cuEventRecord"))
      return std::move(e);
    if (Error e = fn())
      return std::move(e);
    if (Error e = check(d.cuEventRecord(stop, nullptr), "cuEventRecord"))
      return std::move(e);
    if (Error e = check(d.cuEventSynchronize(stop), "cuEventSynchronize"))
      return std::move(e);
    float t = 0;
    if (Error e = check(d.cuEventElapsedTime(&t, start, stop),
                        "cuEventElapsedTime"))
      return std::move(e);
    ms.push_back(t);
  }
  d.cuEventDestroy(start);
  d.cuEventDestroy(stop);
  std::nth_element(ms.begin(), ms.begin() + ms.size() / 2, ms.end());
  return double(ms[ms.size() / 2]) * 1000.0;
}

struct Result {
  std::string name;
  GpuLaunchInfo info;
  int64_t rows = 0;
  double err = NAN, tolerance = 0, walshUs = NAN, copyUs = NAN;
};

Expected<Result> runOne(const std::string &jsonPath) {
  auto buf = MemoryBuffer::getFile(jsonPath);
  if (!buf)
    return createStringError("cannot read " + jsonPath);
  auto parsed = json::parse((*buf)->getBuffer());
  if (!parsed)
    return parsed.takeError();
  const json::Object *o = parsed->getAsObject();
  if (!o)
    return createStringError(jsonPath + ": not a JSON object");
  auto info = readInfo(*o);
  if (!info)
    return info.takeError();
  std::string ptxPath = jsonPath.substr(0, jsonPath.size() - 5) + ".ptx";
  auto ptx = MemoryBuffer::getFile(ptxPath);
  if (!ptx)
    return createStringError("cannot read " + ptxPath);
  auto kernel = GpuKernel::load((*ptx)->getBuffer().str(), *info);
  if (!kernel)
    return kernel.takeError();
  auto drv = driver();
  if (!drv)
    return drv.takeError();
  const Driver &d = **drv;
  Result r;
  r.name = o->getString("name").value_or("?").str();
  r.info = *info;
  double scale = o->getNumber("scale").value_or(1.0 / std::sqrt(double(info->d)));
  int64_t bytes = dtypeBytes(info->dtype), dd = info->d;

  // Correctness: fresh random inputs, output poisoned, every element.
  int64_t checkRows = optCheckRows;
  std::mt19937_64 rng(std::random_device{}());
  HostRows x(info->dtype, checkRows, dd), y(info->dtype, checkRows, dd),
      a(info->dtype, 1, dd), b(info->dtype, 1, dd);
  x.fillRandom(rng);
  a.fillRandom(rng);
  b.fillRandom(rng);
  {
    DeviceRows dev;
    if (Error e = dev.allocate(d, checkRows, dd, bytes))
      return std::move(e);
    if (Error e = dev.upload(d, x, a, b))
      return std::move(e);
    if (Error e = kernel->launch(dev.args(*info, checkRows), nullptr))
      return std::move(e);
    if (Error e = check(d.cuCtxSynchronize(), "cuCtxSynchronize (kernel)"))
      return std::move(e);
    if (Error e = check(d.cuMemcpyDtoH(y.data(), dev.y.ptr, dev.rowsBytes),
                        "cuMemcpyDtoH"))
      return std::move(e);
    std::vector<double> ref;
    bool transpose = o->getBoolean("transpose").value_or(false);
    referenceProjection(x, info->withMul ? &a : nullptr,
                        info->withAdd ? &b : nullptr, scale, transpose, ref);
    r.err = maxRelativeError(y, ref);
    r.tolerance = info->dtype == DType::F32 ? 1e-5 : 1e-2;
  }

  // Timing: walsh vs a device-to-device copy of the same bytes, on the
  // random rows above tiled over the whole input.
  {
    int64_t rows = optRows ? int64_t(optRows) : (dd <= 8192 ? 65536 : 16384);
    r.rows = rows;
    DeviceRows dev;
    if (Error e = dev.allocate(d, rows, dd, bytes))
      return std::move(e);
    if (Error e = dev.upload(d, x, a, b))
      return std::move(e);
    GpuRunArgs args = dev.args(*info, rows);
    auto walshUs = timeMedian(d, [&] { return kernel->launch(args, nullptr); },
                              optIters);
    if (!walshUs)
      return walshUs.takeError();
    auto copyUs = timeMedian(
        d,
        [&] {
          return check(d.cuMemcpyDtoDAsync(dev.y.ptr, dev.x.ptr, dev.rowsBytes,
                                           nullptr),
                       "cuMemcpyDtoDAsync");
        },
        optIters);
    if (!copyUs)
      return copyUs.takeError();
    r.walshUs = *walshUs;
    r.copyUs = *copyUs;
  }
  return r;
}
} // namespace

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv, "walsh-gpu: check and time kernels\n");
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
  char name[256] = "?";
  if (auto drv = driver()) {
    CUdevice dev;
    (*drv)->cuDeviceGet(&dev, 0);
    (*drv)->cuDeviceGetName(name, sizeof(name), dev);
  } else {
    // 77: "skipped" for ctest (SKIP_RETURN_CODE) and automake alike.
    errs() << "walsh-gpu: " << toString(drv.takeError()) << "\n";
    return 77;
  }
  outs() << "device: " << name << "\n";
  outs() << formatv("{0,-28} {1,8} {2,10} {3,5} | {4,10} {5,8} | {6,10} {7,6}\n",
                    "kernel", "rows", "max_err", "ok", "walsh us", "GB/s",
                    "copy us", "frac");
  json::Array all;
  int failures = 0;
  for (const std::string &f : files) {
    auto r = runOne(f);
    if (!r) {
      ++failures;
      outs() << f << ": " << toString(r.takeError()) << "\n";
      continue;
    }
    bool ok = r->err <= r->tolerance;
    failures += !ok;
    double bytesMoved =
        2.0 * double(r->rows) * double(r->info.d) * dtypeBytes(r->info.dtype);
    double gbps = bytesMoved / (r->walshUs * 1e3);
    outs() << formatv(
        "{0,-28} {1,8} {2,10:e2} {3,5} | {4,10:f1} {5,8:f0} | {6,10:f1} "
        "{7,6:f2}\n",
        r->name, r->rows, r->err, ok ? "PASS" : "FAIL", r->walshUs, gbps,
        r->copyUs, r->copyUs / r->walshUs);
    outs().flush();
    all.push_back(json::Object{{"name", r->name},
                               {"device", name},
                               {"d", r->info.d},
                               {"dtype", dtypeName(r->info.dtype)},
                               {"rows", r->rows},
                               {"max_rel_error", r->err},
                               {"ok", ok},
                               {"time_us", r->walshUs},
                               {"gbps", gbps},
                               {"copy_us", r->copyUs},
                               {"roofline_fraction", r->copyUs / r->walshUs}});
  }
  if (!optJson.empty()) {
    std::error_code wec;
    raw_fd_ostream os(optJson, wec);
    if (!wec)
      os << formatv("{0:2}", json::Value(std::move(all))) << "\n";
  }
  return failures ? 1 : 0;
}
