//===- walsh-gpu.cpp - run compiled GPU kernels: check and time ------------===//
//
// Reads the PTX + JSON pairs `walsh compile --target cuda --out DIR` wrote,
// and for each: checks every element against the float64 oracle on fresh
// random inputs with the output poisoned (NaN bytes) first, on a row count
// that leaves a partial last block; then times the kernel (CUDA events,
// median of many launches after warm-up) against a device-to-device copy of
// the same bytes in the same run. Links no MLIR and no libwalsh: it is the
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

Error alloc(const Driver &d, DeviceBuffer &b, size_t bytes) {
  b.d = &d;
  return check(d.cuMemAlloc(&b.ptr, bytes), "cuMemAlloc");
}

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
    d.cuEventRecord(start, nullptr);
    if (Error e = fn())
      return std::move(e);
    d.cuEventRecord(stop, nullptr);
    if (Error e = check(d.cuEventSynchronize(stop), "cuEventSynchronize"))
      return std::move(e);
    float t = 0;
    d.cuEventElapsedTime(&t, start, stop);
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
  {
    int64_t rows = optCheckRows;
    std::mt19937_64 rng(std::random_device{}());
    HostRows x(info->dtype, rows, dd), y(info->dtype, rows, dd),
        a(info->dtype, 1, dd), b(info->dtype, 1, dd);
    x.fillRandom(rng);
    a.fillRandom(rng);
    b.fillRandom(rng);
    DeviceBuffer dx, dy, da, db;
    size_t n = size_t(rows * dd * bytes);
    if (Error e = alloc(d, dx, n))
      return std::move(e);
    if (Error e = alloc(d, dy, n))
      return std::move(e);
    if (Error e = alloc(d, da, size_t(dd * bytes)))
      return std::move(e);
    if (Error e = alloc(d, db, size_t(dd * bytes)))
      return std::move(e);
    if (Error e = check(d.cuMemcpyHtoD(dx.ptr, x.data(), n), "cuMemcpyHtoD"))
      return std::move(e);
    d.cuMemcpyHtoD(da.ptr, a.data(), size_t(dd * bytes));
    d.cuMemcpyHtoD(db.ptr, b.data(), size_t(dd * bytes));
    if (Error e = check(d.cuMemsetD8(dy.ptr, 0xff, n), "cuMemsetD8"))
      return std::move(e);
    GpuRunArgs args;
    args.x = dx.ptr;
    args.y = dy.ptr;
    args.a = info->withMul ? da.ptr : 0;
    args.b = info->withAdd ? db.ptr : 0;
    args.rows = rows;
    if (Error e = kernel->launch(args, nullptr))
      return std::move(e);
    if (Error e = check(d.cuCtxSynchronize(), "cuCtxSynchronize (kernel)"))
      return std::move(e);
    if (Error e = check(d.cuMemcpyDtoH(y.data(), dy.ptr, n), "cuMemcpyDtoH"))
      return std::move(e);
    std::vector<double> ref;
    bool transpose = o->getBoolean("transpose").value_or(false);
    referenceProjection(x, info->withMul ? &a : nullptr,
                        info->withAdd ? &b : nullptr, scale, transpose, ref);
    r.err = maxRelativeError(y, ref);
    r.tolerance = info->dtype == DType::F32 ? 1e-5 : 1e-2;
  }

  // Timing: walsh vs a device-to-device copy of the same bytes.
  {
    int64_t rows = optRows ? int64_t(optRows) : (dd <= 8192 ? 65536 : 16384);
    r.rows = rows;
    size_t n = size_t(rows * dd * bytes);
    DeviceBuffer dx, dy, da, db;
    if (Error e = alloc(d, dx, n))
      return std::move(e);
    if (Error e = alloc(d, dy, n))
      return std::move(e);
    if (Error e = alloc(d, da, size_t(dd * bytes)))
      return std::move(e);
    if (Error e = alloc(d, db, size_t(dd * bytes)))
      return std::move(e);
    // Random-ish, never zero: a constant byte pattern that is a normal
    // number in every dtype (0x3c3c...: bf16 0.0115, f16 1.06, f32 0.0115).
    d.cuMemsetD8(dx.ptr, 0x3c, n);
    d.cuMemsetD8(da.ptr, 0x3c, size_t(dd * bytes));
    d.cuMemsetD8(db.ptr, 0x3c, size_t(dd * bytes));
    GpuRunArgs args;
    args.x = dx.ptr;
    args.y = dy.ptr;
    args.a = info->withMul ? da.ptr : 0;
    args.b = info->withAdd ? db.ptr : 0;
    args.rows = rows;
    auto walshUs = timeMedian(d, [&] { return kernel->launch(args, nullptr); },
                              optIters);
    if (!walshUs)
      return walshUs.takeError();
    auto copyUs = timeMedian(
        d,
        [&] {
          return check(d.cuMemcpyDtoDAsync(dy.ptr, dx.ptr, n, nullptr),
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
