//===- GpuMeasure.cpp - device buffers, checks and timing on a GPU ---------===//
#include "walsh/Runtime/GpuMeasure.h"

#include "walsh/Support/NumberText.h"

#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <random>
#include <tuple>
#include <vector>

namespace walsh::cuda {

/// The driver, or the "no GPU" error (every function here needs one), with
/// a context current: the caller's, else device 0's primary context made
/// current (as the CUDA runtime's first call on a thread would). The
/// tools make their --device's current first (deviceInfo); the tuner's
/// measurer its device's for each measurement (ScopedContext).
static llvm::Expected<const Driver *> currentDriver() {
  if (llvm::Error e = ensureCurrentContext())
    return std::move(e);
  return driver();
}

DeviceBuffer &DeviceBuffer::operator=(DeviceBuffer &&o) noexcept {
  std::swap(ptr, o.ptr);
  return *this;
}

DeviceBuffer::~DeviceBuffer() {
  if (ptr)
    if (auto d = driver())
      (*d)->cuMemFree(ptr);
}

llvm::Expected<DeviceBuffer> DeviceBuffer::allocate(size_t bytes) {
  auto d = currentDriver();
  if (!d)
    return d.takeError();
  DeviceBuffer b;
  if (llvm::Error e = check((*d)->cuMemAlloc(&b.ptr, std::max<size_t>(bytes, 1)),
                            "cuMemAlloc"))
    return std::move(e);
  return std::move(b);
}

Stream::~Stream() {
  if (s)
    if (auto d = driver())
      (*d)->cuStreamDestroy(s);
}

llvm::Expected<Stream> Stream::create() {
  auto d = currentDriver();
  if (!d)
    return d.takeError();
  Stream st;
  if (llvm::Error e =
          check((*d)->cuStreamCreate(&st.s, kStreamNonBlocking), "cuStreamCreate"))
    return std::move(e);
  return std::move(st);
}

/// Byte counts past 2^48 (256 TB: no device holds them) would wrap in
/// size_t for counts near 2^64, and a wrapped count allocates a buffer the
/// kernel then runs past; refused by name before any allocation.
static llvm::Error checkRowSpan(const GpuLaunchInfo &info, int64_t rows,
                                int64_t stride) {
  if (rows < 0)
    return llvm::createStringError("rows: expects a count >= 0, got " +
                                   std::to_string(rows));
  if (double span = info.spec.rowSpanBytes(rows, stride);
      span > kMaxRowSpanBytes)
    return llvm::createStringError(llvm::formatv(
        "rows: {0} rows of d = {1}{2} need {3} GB of device memory a "
        "buffer; no device holds that",
        rows, info.spec.d, info.spec.rowStrideText(stride),
        gText(span / 1e9, 7)));
  return llvm::Error::success();
}

/// `need` bytes for `rows` rows of `spec`'s d (at `stride`, 0: d) within
/// the current device's free memory (cuMemGetInfo), else an error naming
/// the rows and both amounts.
static llvm::Error fitsFreeMemory(double need, int64_t rows,
                                  const ProjectionSpec &spec, int64_t stride) {
  auto drv = currentDriver();
  if (!drv)
    return drv.takeError();
  size_t free = 0, total = 0;
  if (llvm::Error e =
          check((*drv)->cuMemGetInfo(&free, &total), "cuMemGetInfo"))
    return e;
  if (need <= double(free))
    return llvm::Error::success();
  return llvm::createStringError(llvm::formatv(
      "rows: {0} rows of d = {1}{2} need {3} GB of device memory, more "
      "than the {4} GB free on the device (of {5} GB); pass fewer",
      rows, spec.d, spec.rowStrideText(stride), fixedText(need / 1e9, 1),
      fixedText(double(free) / 1e9, 1), fixedText(double(total) / 1e9, 1)));
}

llvm::Expected<DeviceRows> DeviceRows::allocate(const GpuLaunchInfo &info,
                                                int64_t rows, int64_t stride,
                                                int64_t seq) {
  if (llvm::Error e = checkRowSpan(info, rows, stride))
    return std::move(e);
  DeviceRows r;
  r.rows = rows;
  r.d = info.spec.d;
  r.stride = stride ? stride : info.spec.d;
  r.elementBytes = dtypeBytes(info.spec.dtype);
  r.outBytes = dtypeBytes(info.spec.outType());
  r.splits = info.spec.splits;
  r.seq = info.spec.layout == Layout::BHSD ? (seq ? seq : defaultSeq(rows)) : 0;
  r.heads = info.spec.headDim ? info.spec.d / info.spec.headDim : 0;
  r.rowSum = info.spec.rowSum;
  size_t column = size_t(info.spec.d * r.elementBytes),
         outColumn = size_t(info.spec.d * r.outBytes);
  bool norm = info.spec.norm != NormKind::None;
  std::initializer_list<std::tuple<DeviceBuffer *, size_t, bool>> buffers = {
      {&r.x, r.xBytes(), true},
      {&r.stats, size_t((r.splits ? r.splits : 1) * rows * r.heads * 4),
       r.splits > 0 || r.rowSum},
      {&r.y, r.outRowsBytes(), true},
      {&r.a, column, true},
      {&r.b, column, true},
      {&r.residual, r.outRowsBytes(), info.spec.residual},
      {&r.normOut, r.outRowsBytes(), norm},
      {&r.normWeight, outColumn, norm},
      {&r.normBias, outColumn, info.spec.norm == NormKind::Layer}};
  // More than the device has free is refused by the rows, not by
  // cuMemAlloc's CUDA_ERROR_OUT_OF_MEMORY (which names no argument).
  double need = 0;
  for (auto [buf, n, want] : buffers)
    need += want ? double(n) : 0;
  if (llvm::Error e = fitsFreeMemory(need, rows, info.spec, stride))
    return std::move(e);
  for (auto [buf, n, want] : buffers) {
    if (!want)
      continue;
    auto mem = DeviceBuffer::allocate(n);
    if (!mem)
      return mem.takeError();
    *buf = std::move(*mem);
    r.allocatedBytes += n;
  }
  return std::move(r);
}

/// Fills `dst` (`total` bytes) by tiling `src`'s rows over it.
static llvm::Error tileRows(const Driver &d, CUdeviceptr dst,
                            const HostRows &src, size_t total,
                            int64_t elementBytes) {
  size_t tile =
      std::min(size_t(src.rows() * src.stride() * elementBytes), total);
  if (tile)
    if (llvm::Error e =
            check(d.cuMemcpyHtoD(dst, src.data(), tile), "cuMemcpyHtoD"))
      return e;
  for (size_t done = tile; tile && done < total; done += tile)
    if (llvm::Error e = check(d.cuMemcpyDtoDAsync(dst + done, dst,
                                                  std::min(tile, total - done),
                                                  nullptr),
                              "cuMemcpyDtoDAsync"))
      return e;
  return llvm::Error::success();
}

llvm::Error DeviceRows::upload(const HostRows &hx, const HostRows &ha,
                               const HostRows &hb, const HostRows *hres,
                               const HostRows *hw, const HostRows *hnb,
                               const HostRows *hstats) {
  auto drv = driver();
  if (!drv)
    return drv.takeError();
  const Driver &d = **drv;
  size_t total = outRowsBytes(), column = size_t(this->d * elementBytes),
         outColumn = size_t(this->d * outBytes);
  // Without the epilogue's own host rows (timing), x's bytes stand in:
  // values that do not matter, tiled or cut to the buffer's size.
  for (auto [dst, src, bytes, esize] :
       {std::tuple{&x, &hx, xBytes(), elementBytes},
        std::tuple{&residual, hres ? hres : &hx, total,
                   hres ? outBytes : elementBytes}})
    if (dst->get())
      if (llvm::Error e = tileRows(d, dst->get(), *src, bytes, esize))
        return e;
  if (stats.get() && hstats)
    if (llvm::Error e = check(d.cuMemcpyHtoD(stats.get(), hstats->data(),
                                             size_t(hstats->payloadBytes())),
                              "cuMemcpyHtoD"))
      return e;
  for (auto [dst, src, bytes] :
       {std::tuple{&a, &ha, column}, std::tuple{&b, &hb, column},
        std::tuple{&normWeight, hw ? hw : &ha, outColumn},
        std::tuple{&normBias, hnb ? hnb : &hb, outColumn}})
    if (dst->get())
      if (llvm::Error e = check(
              d.cuMemcpyHtoD(dst->get(), src->data(),
                             std::min(bytes, size_t(src->payloadBytes()))),
              "cuMemcpyHtoD"))
        return e;
  for (DeviceBuffer *out : {&y, &normOut})
    if (out->get())
      if (llvm::Error e =
              check(d.cuMemsetD8(out->get(), 0xff, total), "cuMemsetD8"))
        return e;
  return check(d.cuCtxSynchronize(), "cuCtxSynchronize (upload)");
}

GpuRunArgs DeviceRows::args(const GpuLaunchInfo &info) const {
  GpuRunArgs r;
  r.x = x.get();
  r.y = y.get();
  r.a = info.spec.withMul ? a.get() : 0;
  r.b = info.spec.withAdd ? b.get() : 0;
  r.rows = rows;
  r.xRowStride = r.yRowStride = stride;
  r.seq = seq;
  r.lse = splits ? stats.get() : 0;
  r.rowSums = rowSum ? stats.get() : 0;
  if (seq)
    r.xRowStride = 0; // a bhsd input is packed
  r.residual = residual.get();
  r.normOut = normOut.get();
  r.normWeight = normWeight.get();
  r.normBias = normBias.get();
  r.residualRowStride = r.normOutRowStride = stride;
  return r;
}

llvm::Expected<double> checkAgainstOracle(const GpuKernel &kernel,
                                          double scale, bool transpose,
                                          int64_t rows, int64_t stride,
                                          CUstream stream, DeviceRows *out,
                                          int64_t seq, double inputScale) {
  const GpuLaunchInfo &info = kernel.info();
  auto drv = currentDriver();
  if (!drv)
    return drv.takeError();
  const Driver &d = **drv;
  std::mt19937_64 rng(std::random_device{}());
  bool bhsd = info.spec.layout == Layout::BHSD;
  HostRows x(info.spec.dtype, rows * (info.spec.splits ? info.spec.splits : 1),
             info.spec.d, bhsd ? 0 : stride),
      y(info.spec.outType(), rows, info.spec.d, stride),
      a(info.spec.dtype, 1, info.spec.d), b(info.spec.dtype, 1, info.spec.d);
  ProjectionSpec inputSide = info.spec;
  HostRows lse = randomStats(inputSide, rows, rng);
  bool norm = info.spec.norm != NormKind::None;
  // The epilogue's rows and parameters in y's type (an output cast's).
  DType yType = info.spec.outType();
  HostRows res(yType, info.spec.residual ? rows : 0, info.spec.d, stride),
      n(yType, norm ? rows : 0, info.spec.d, stride), w(yType, 1, info.spec.d),
      nb(yType, 1, info.spec.d);
  for (HostRows *h : {&x, &a, &b, &res, &w, &nb})
    h->fillRandom(rng);
  // (b and the residual too, so that y scales with x: with b at its own
  // size the rows' largest values would be b's.)
  if (inputScale != 1.0 &&
      !(x.scale(inputScale) && b.scale(inputScale) && res.scale(inputScale))) {
    return llvm::createStringError("--input-scale: x, b times " +
                                   gText(inputScale, 6) + " passes " +
                                   dtypeName(info.spec.dtype) + "'s range");
  }
  auto dev = DeviceRows::allocate(info, rows, stride, seq);
  if (!dev)
    return dev.takeError();
  if (llvm::Error e = dev->upload(x, a, b, &res, &w, &nb, &lse))
    return std::move(e);
  if (llvm::Error e = kernel.launch(dev->args(info), stream))
    return std::move(e);
  if (llvm::Error e =
          check(d.cuStreamSynchronize(stream), "cuStreamSynchronize (kernel)"))
    return std::move(e);
  for (auto [host, src, name] :
       {std::tuple<HostRows *, CUdeviceptr, const char *>{&y, dev->y.get(), "y"},
        {&n, dev->normOut.get(), "the normalised output"}}) {
    if (!rows || !src)
      continue;
    if (llvm::Error e =
            check(d.cuMemcpyDtoH(host->data(), src, dev->outRowsBytes()),
                  "cuMemcpyDtoH"))
      return std::move(e);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = info.spec.d; c < host->stride(); ++c)
        if (!std::isnan(host->at(r, c)))
          return llvm::createStringError(
              std::string("the kernel wrote into the padding of ") + name +
              " after row " + std::to_string(r) + " (column " +
              std::to_string(c) + ")");
  }
  std::vector<double> refNorm,
      ref = referenceInput(inputSide, x, &lse, dev->seq, rows);
  referenceProjectionRows(ref, info.spec.d, info.spec.withMul ? &a : nullptr,
                          info.spec.withAdd ? &b : nullptr, scale, transpose,
                          info.spec.crossHeadOnly);
  referenceEpilogue(info.spec.residual ? &res : nullptr, norm ? &w : nullptr,
                    info.spec.norm == NormKind::Layer ? &nb : nullptr,
                    info.spec.norm == NormKind::Layer, info.spec.normEps, ref,
                    refNorm);
  double err = maxRelativeError(y, ref);
  if (norm && !std::isnan(err))
    err = std::max(err, maxRelativeError(n, refNorm));
  if (out)
    *out = std::move(*dev);
  return err;
}

int RotatingRows::copiesFor(double bytesPerSet, double allocatedPerSet) {
  double n =
      std::clamp(std::ceil(256e6 / std::max(bytesPerSet, 1.0)), 1.0, 64.0);
  if (allocatedPerSet > 0)
    n = std::min(n,
                 std::max(1.0, std::floor(kRotationBytes / allocatedPerSet)));
  return int(n);
}

llvm::Expected<RotatingRows>
RotatingRows::allocate(const GpuLaunchInfo &info, int64_t rows, int64_t stride,
                       int64_t seq, double bytesPerSet,
                       const std::function<llvm::Error(DeviceRows &)> &fill) {
  RotatingRows r;
  for (int i = 0, n = copiesFor(bytesPerSet); i < n; ++i) {
    auto set = DeviceRows::allocate(info, rows, stride, seq);
    if (!set)
      return set.takeError();
    if (i == 0)
      n = copiesFor(bytesPerSet, double(set->allocatedBytes));
    if (llvm::Error e = fill(*set))
      return std::move(e);
    r.sets.push_back(std::move(*set));
  }
  return r;
}

llvm::Expected<RotatingRows> RotatingRows::random(const GpuLaunchInfo &info,
                                                  int64_t rows, int64_t stride,
                                                  int64_t seq, uint64_t seed) {
  const ProjectionSpec &spec = info.spec;
  std::mt19937_64 rng(seed ? seed : std::random_device{}());
  // The host rows (up to 256 at the stride) are made at the first set's
  // upload, once its device memory is had: rows no device holds, or more
  // than this one has free, are refused by DeviceRows::allocate, by name,
  // before host rows at their stride are asked for (until 2026-12-06 a
  // byte count that wrapped made a small host buffer the rows ran past).
  std::optional<HostRows> x, a, b, lse;
  return allocate(
      info, rows, stride, seq, double(spec.rowBytesMoved()) * double(rows),
      [&](DeviceRows &set) {
        if (!x) {
          x.emplace(spec.dtype, std::min<int64_t>(rows, 256), spec.d,
                    spec.layout == Layout::BHSD ? 0 : stride);
          a.emplace(spec.dtype, 1, spec.d);
          b.emplace(spec.dtype, 1, spec.d);
          lse.emplace(randomStats(spec, rows, rng));
          for (HostRows *h : {&*x, &*a, &*b})
            h->fillRandom(rng);
        }
        return set.upload(*x, *a, *b, nullptr, nullptr, nullptr, &*lse);
      });
}

llvm::Error copyRows(RotatingRows &rows, CUstream stream) {
  auto d = driver();
  if (!d)
    return d.takeError();
  const DeviceRows &r = rows.next();
  return check(
      (*d)->cuMemcpyDtoDAsync(r.y.get(), r.x.get(), r.copyBytes(), stream),
      "cuMemcpyDtoDAsync");
}

namespace {
/// Two events destroyed on scope exit.
struct EventPair {
  const Driver &d;
  CUevent start = nullptr, stop = nullptr;
  explicit EventPair(const Driver &d) : d(d) {}
  ~EventPair() {
    if (start)
      d.cuEventDestroy(start);
    if (stop)
      d.cuEventDestroy(stop);
  }
  llvm::Error create() {
    if (llvm::Error e = check(d.cuEventCreate(&start, 0), "cuEventCreate"))
      return e;
    return check(d.cuEventCreate(&stop, 0), "cuEventCreate");
  }
  /// Milliseconds of `fn` between the events on `stream`.
  llvm::Expected<float> time(const std::function<llvm::Error()> &fn,
                             CUstream stream) {
    if (llvm::Error e = check(d.cuEventRecord(start, stream), "cuEventRecord"))
      return std::move(e);
    if (llvm::Error e = fn())
      return std::move(e);
    if (llvm::Error e = check(d.cuEventRecord(stop, stream), "cuEventRecord"))
      return std::move(e);
    if (llvm::Error e = check(d.cuEventSynchronize(stop), "cuEventSynchronize"))
      return std::move(e);
    float ms = 0;
    if (llvm::Error e =
            check(d.cuEventElapsedTime(&ms, start, stop), "cuEventElapsedTime"))
      return std::move(e);
    return ms;
  }
};

double median(std::vector<float> &v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return double(v[v.size() / 2]);
}
} // namespace

llvm::Expected<double> timeEvents(const std::function<llvm::Error()> &fn,
                                  CUstream stream, int iters, int warmup) {
  auto drv = currentDriver();
  if (!drv)
    return drv.takeError();
  EventPair ev(**drv);
  if (llvm::Error e = ev.create())
    return std::move(e);
  for (int i = 0; i < warmup; ++i)
    if (llvm::Error e = fn())
      return std::move(e);
  std::vector<float> ms;
  for (int i = 0; i < std::max(iters, 1); ++i) {
    auto t = ev.time(fn, stream);
    if (!t)
      return t.takeError();
    ms.push_back(*t);
  }
  return median(ms) * 1000.0;
}

llvm::Expected<double> timeGraph(const std::function<llvm::Error()> &fn,
                                 CUstream stream, int callsPerGraph,
                                 int iters) {
  auto drv = currentDriver();
  if (!drv)
    return drv.takeError();
  const Driver &d = **drv;
  // One call outside the capture: whatever fn checks once is checked now.
  if (llvm::Error e = fn())
    return std::move(e);
  if (llvm::Error e = check(d.cuStreamBeginCapture(stream, kCaptureModeRelaxed),
                            "cuStreamBeginCapture"))
    return std::move(e);
  llvm::Error captured = llvm::Error::success();
  for (int i = 0; i < callsPerGraph && !captured; ++i)
    captured = fn();
  CUgraph graph = nullptr;
  llvm::Error ended =
      check(d.cuStreamEndCapture(stream, &graph), "cuStreamEndCapture");
  if (captured) {
    llvm::consumeError(std::move(ended));
    if (graph)
      d.cuGraphDestroy(graph);
    return std::move(captured);
  }
  if (ended)
    return std::move(ended);
  CUgraphExec exec = nullptr;
  llvm::Error inst = check(d.cuGraphInstantiateWithFlags(&exec, graph, 0),
                           "cuGraphInstantiateWithFlags");
  d.cuGraphDestroy(graph);
  if (inst)
    return std::move(inst);
  auto us = timeEvents(
      [&] { return check(d.cuGraphLaunch(exec, stream), "cuGraphLaunch"); },
      stream, iters, 2);
  d.cuGraphExecDestroy(exec);
  if (!us)
    return us.takeError();
  return *us / callsPerGraph;
}

std::string sustainRangeError(double seconds) {
  if (seconds >= 0 && seconds <= 60)
    return "";
  return "expects seconds from 0 to 60, got " + gText(seconds, 6);
}

llvm::Error sustain(const std::function<llvm::Error()> &fn, CUstream stream,
                    double seconds) {
  if (seconds <= 0)
    return llvm::Error::success();
  auto once = timeEvents(fn, stream, 1, 0);
  if (!once)
    return once.takeError();
  // (At most a million calls: a 1 us kernel's second.)
  double calls = std::min(seconds * 1e6 / std::max(*once, 1.0), 1e6);
  for (int64_t i = 0; i < int64_t(calls); ++i)
    if (llvm::Error e = fn())
      return e;
  return llvm::Error::success();
}

llvm::Expected<double> timeAdaptive(const std::function<llvm::Error()> &fn,
                                    CUstream stream, double seconds,
                                    int maxIters) {
  auto once = timeEvents(fn, stream, 1, 1);
  if (!once)
    return once.takeError();
  int iters = int(std::clamp(seconds * 1e6 / std::max(*once, 1.0), 5.0,
                             double(std::max(maxIters, 5))));
  return timeEvents(fn, stream, iters, 2);
}

llvm::Expected<double> timeSustained(const std::function<llvm::Error()> &fn,
                                     CUstream stream, double sustainSeconds) {
  if (sustainSeconds <= 0)
    return timeAdaptive(fn, stream);
  if (llvm::Error e = sustain(fn, stream, sustainSeconds))
    return std::move(e);
  return timeAdaptive(fn, stream, std::max(sustainSeconds, 0.25), 100000);
}

llvm::Expected<DeviceInfo> describeDevice(int ordinal) {
  auto drv = driver();
  if (!drv)
    return drv.takeError();
  const Driver &d = **drv;
  CUdevice dev;
  if (llvm::Error e = check(d.cuDeviceGet(&dev, ordinal), "cuDeviceGet"))
    return std::move(e);
  DeviceInfo info;
  info.ordinal = ordinal;
  char name[256] = {0};
  if (llvm::Error e = check(d.cuDeviceGetName(name, sizeof(name) - 1, dev),
                            "cuDeviceGetName"))
    return std::move(e);
  info.name = name;
  for (auto [slot, attr] : {std::pair<int *, int>{&info.smCount,
                                                  kAttrMultiprocessorCount},
                            {&info.major, kAttrComputeMajor},
                            {&info.minor, kAttrComputeMinor}})
    if (llvm::Error e = check(d.cuDeviceGetAttribute(slot, attr, dev),
                              "cuDeviceGetAttribute"))
      return std::move(e);
  if (llvm::Error e =
          check(d.cuDriverGetVersion(&info.driverVersion), "cuDriverGetVersion"))
    return std::move(e);
  return info;
}

llvm::Expected<DeviceInfo> deviceInfo(int ordinal) {
  auto dev = makeCurrent(ordinal);
  if (!dev)
    return dev.takeError();
  return describeDevice(ordinal);
}

llvm::Expected<DeviceInfo> deviceOption(int ordinal) {
  if (ordinal < 0)
    return llvm::createStringError(
        "--device: expects a CUDA device ordinal >= 0, got " +
        std::to_string(ordinal));
  auto device = deviceInfo(ordinal);
  if (!device) {
    llvm::Error e = device.takeError();
    if (e.isA<NoGpuError>())
      return std::move(e);
    return reword(std::move(e), "--device: ");
  }
  return device;
}

llvm::Expected<DeviceInfo> currentDeviceInfo() {
  auto ordinal = currentDevice();
  if (!ordinal)
    return ordinal.takeError();
  return describeDevice(*ordinal);
}

} // namespace walsh::cuda
