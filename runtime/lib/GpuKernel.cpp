//===- GpuKernel.cpp - load and launch a compiled GPU kernel ---------------===//
#include "walsh/Runtime/GpuKernel.h"

#include "walsh/Runtime/EpilogueArgs.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace walsh {

using namespace cuda;

/// The kernel loaded into one device's primary context: its module and
/// function, and for row groups and persistent kernels the blocks that
/// device holds at once and its multiprocessors (else 0).
struct GpuKernel::OnDevice {
  CUcontext ctx = nullptr;
  CUmodule module = nullptr;
  CUfunction function = nullptr;
  int64_t residentBlocks = 0, multiprocessors = 0;
  OnDevice() = default;
  OnDevice(const OnDevice &) = delete;
  OnDevice &operator=(const OnDevice &) = delete;
  ~OnDevice() {
    if (module)
      if (auto d = driver()) {
        ScopedContext scope(**d, ctx);
        if (llvm::Error e = scope.takeError())
          llvm::consumeError(std::move(e));
        else
          (*d)->cuModuleUnload(module);
      }
  }
};

using OnDevice = GpuKernel::OnDevice;

/// WALSH_CARVEOUT=driver: load() leaves the carveout the driver's choice.
/// Read at every load (tests set it between loads); any other value is
/// warned about once and ignored.
static bool carveoutLeftToDriver() {
  const char *v = std::getenv("WALSH_CARVEOUT");
  if (!v || !*v)
    return false;
  if (std::string(v) == "driver")
    return true;
  static std::once_flag warned;
  std::call_once(warned, [&] {
    llvm::errs() << "walsh: warning: WALSH_CARVEOUT: expects 'driver' (the "
                    "driver's choice) or nothing, got '"
                 << v << "'; asking for the least capacity that holds the "
                         "blocks\n";
  });
  return false;
}

/// `image` loaded into device `ordinal`'s primary context, the caller's
/// current context left as it was: the function looked up, its dynamic
/// shared memory raised, its occupancy asked where launch() caps its grid.
static llvm::Expected<std::unique_ptr<OnDevice>>
loadOn(const Driver &d, int ordinal, const std::string &image,
       const GpuLaunchInfo &info) {
  auto ctx = primaryContext(ordinal);
  if (!ctx)
    return ctx.takeError();
  ScopedContext scope(d, *ctx);
  if (llvm::Error e = scope.takeError())
    return std::move(e);
  CUdevice dev;
  if (llvm::Error e = check(d.cuDeviceGet(&dev, ordinal), "cuDeviceGet"))
    return std::move(e);
  int maxShared = 0;
  if (llvm::Error e = check(
          d.cuDeviceGetAttribute(&maxShared, kAttrMaxSharedPerBlockOptin, dev),
          "cuDeviceGetAttribute"))
    return std::move(e);
  if (info.sharedBytes > maxShared)
    return llvm::createStringError(
        "config: the kernel needs " + std::to_string(info.sharedBytes) +
        " bytes of shared memory per block; this device allows " +
        std::to_string(maxShared));
  auto on = std::make_unique<OnDevice>();
  on->ctx = *ctx;
  // PTX must be NUL-terminated (a std::string's data is); a cubin is ELF.
  if (llvm::Error e = check(d.cuModuleLoadData(&on->module, image.c_str()),
                            "cuModuleLoadData"))
    return std::move(e);
  if (llvm::Error e = check(
          d.cuModuleGetFunction(&on->function, on->module, info.kernel.c_str()),
          "cuModuleGetFunction"))
    return std::move(e);
  // Raised whenever the kernel takes dynamic shared memory: the default
  // 48 KB cap counts static bytes too (a 48 KB exchange buffer plus the
  // kernel's static byte fails to launch).
  if (info.sharedBytes > 0)
    if (llvm::Error e =
            check(d.cuFuncSetAttribute(on->function, kFuncAttrMaxDynamicShared,
                                       int(info.sharedBytes)),
                  "cuFuncSetAttribute"))
      return std::move(e);
  // The carveout (sharedCarveoutPercent). A hint: a driver that cannot
  // answer (attribute 111 came with CUDA 11) or take it runs the kernel as
  // it would have, so its failures leave the driver's choice and fail
  // nothing. Not for kernels without shared memory of their own, where it
  // can only pick among the smallest capacities (the blocks' 1 KB
  // reserves): H200 (runs 303 and 306, every bulk default, one pass each
  // at 65536 and 16384 rows), d = 144 ... 240 (2^k = 4, no shared memory)
  // ran 0.02-0.04 slower with it in every dtype. WALSH_CARVEOUT=driver
  // leaves every kernel the driver's choice.
  if (!carveoutLeftToDriver() && info.sharedBytes > 0) {
    int perSM = 0, staticBytes = 0, reserved = 0, sharedPerSM = 0;
    if (!d.cuOccupancyMaxActiveBlocksPerMultiprocessor(
            &perSM, on->function, int(info.blockThreads),
            size_t(info.sharedBytes)) &&
        !d.cuFuncGetAttribute(&staticBytes, kFuncAttrStaticShared,
                              on->function) &&
        !d.cuDeviceGetAttribute(&reserved, kAttrReservedSharedPerBlock, dev) &&
        !d.cuDeviceGetAttribute(&sharedPerSM, kAttrMaxSharedPerMultiprocessor,
                                dev)) {
      int pct = sharedCarveoutPercent(
          perSM, info.sharedBytes + staticBytes + reserved, sharedPerSM);
      if (pct >= 0)
        (void)d.cuFuncSetAttribute(on->function, kFuncAttrPreferredCarveout,
                                   pct);
    }
  }
  // With row groups, the blocks the device holds at once: launch() caps
  // its grid there (after the shared-memory attribute, which the
  // occupancy depends on).
  if (info.rowIters > 1 || info.persistent) {
    int perSM = 0, sms = 0;
    if (llvm::Error e = check(d.cuOccupancyMaxActiveBlocksPerMultiprocessor(
                                  &perSM, on->function, int(info.blockThreads),
                                  size_t(info.sharedBytes)),
                              "cuOccupancyMaxActiveBlocksPerMultiprocessor"))
      return std::move(e);
    if (llvm::Error e =
            check(d.cuDeviceGetAttribute(&sms, kAttrMultiprocessorCount, dev),
                  "cuDeviceGetAttribute"))
      return std::move(e);
    on->residentBlocks = int64_t(perSM) * sms;
    on->multiprocessors = sms;
  }
  return std::move(on);
}

/// The kernel on each device it has launched on: loaded by load() into the
/// current device's primary context (`home`), into another device's at
/// the first launch on that device's memory. Each is unloaded with the
/// last copy of the kernel.
struct GpuKernel::Loaded {
  int home = 0;
  /// The image, kept for other devices' loads where the driver has more
  /// than one device (else empty).
  std::string image;
  std::mutex mutex; // loads on other devices
  std::atomic<OnDevice *> onDevice[kMaxDevices] = {};
  std::vector<std::unique_ptr<OnDevice>> owned;

  const OnDevice &homeDevice() const {
    return *onDevice[home].load(std::memory_order_relaxed);
  }
  /// The kernel on device `ordinal`, loaded there at first use.
  llvm::Expected<const OnDevice *> on(const Driver &d, int ordinal,
                                      const GpuLaunchInfo &info) {
    if (ordinal < 0 || ordinal >= kMaxDevices)
      return llvm::createStringError(deviceRangeText(ordinal));
    if (const OnDevice *o = onDevice[ordinal].load(std::memory_order_acquire))
      return o;
    std::lock_guard<std::mutex> lock(mutex);
    if (const OnDevice *o = onDevice[ordinal].load(std::memory_order_acquire))
      return o;
    if (image.empty())
      return llvm::make_error<DriverError>(
          "the kernel was loaded where the driver had one device");
    auto loaded = loadOn(d, ordinal, image, info);
    if (!loaded)
      return loaded.takeError();
    owned.push_back(std::move(*loaded));
    onDevice[ordinal].store(owned.back().get(), std::memory_order_release);
    return owned.back().get();
  }
};

llvm::Expected<GpuKernel> GpuKernel::load(const std::string &image,
                                          const GpuLaunchInfo &info) {
  auto drv = driver();
  if (!drv)
    return drv.takeError();
  const Driver &d = **drv;
  auto home = currentDevice();
  if (!home)
    return home.takeError();
  auto on = loadOn(d, *home, image, info);
  if (!on)
    return on.takeError();
  GpuKernel k;
  k.launchInfo = info;
  k.function = (*on)->function;
  k.loaded = std::make_shared<Loaded>();
  k.loaded->home = *home;
  int devices = 1;
  if (d.cuDeviceGetCount(&devices) == 0 && devices > 1)
    k.loaded->image = image;
  k.loaded->owned.push_back(std::move(*on));
  k.loaded->onDevice[*home].store(k.loaded->owned.back().get());
  return k;
}

llvm::Expected<GpuKernel::Resources> GpuKernel::resources() const {
  auto drv = driver();
  if (!drv)
    return drv.takeError();
  Resources r;
  for (auto [attr, out] : {std::pair{kFuncAttrNumRegs, &r.registers},
                           std::pair{kFuncAttrLocalSizeBytes, &r.localBytes},
                           std::pair{kFuncAttrMaxThreadsPerBlock,
                                     &r.maxThreadsPerBlock}})
    if (llvm::Error e = check((*drv)->cuFuncGetAttribute(out, attr, function),
                              "cuFuncGetAttribute"))
      return std::move(e);
  return r;
}

static llvm::Error argError(const char *arg, const std::string &what) {
  return llvm::createStringError(std::string(arg) + ": " + what);
}

namespace {
/// Device allocations the driver confirmed to this thread (start, bytes,
/// device), so that a pointer anywhere inside one needs no question to
/// the driver: a framework hands fresh activations out of a few large
/// allocations on every call, and each question costs 0.21-0.22 us on the
/// H200's host (run224) against cuLaunchKernel's 3-4. Kept per thread (no
/// lock on the launch path); replaced round robin. Without
/// cuPointerGetAttributes the range is the pointer alone. An allocation
/// freed since is still taken as device memory: the check catches host
/// memory and mixed devices, not use after free.
struct KnownRange {
  CUdeviceptr start = 0;
  uint64_t bytes = 0;
  int ordinal = 0;
};
constexpr size_t kKnownRanges = 16;
thread_local KnownRange knownRanges[kKnownRanges];
thread_local size_t nextKnownRange = 0;

/// The device of a known allocation holding p, or -1.
int knownOrdinal(CUdeviceptr p) {
  for (const KnownRange &r : knownRanges)
    if (p - r.start < r.bytes)
      return r.ordinal;
  return -1;
}

void remember(CUdeviceptr start, uint64_t bytes, int ordinal) {
  knownRanges[nextKnownRange] = {start, bytes, ordinal};
  nextKnownRange = (nextKnownRange + 1) % kKnownRanges;
}
} // namespace

/// Null, host and misaligned pointers, by name; `ordinal` is the device
/// whose memory p is.
static llvm::Error checkDevicePointer(const Driver &d, const char *arg,
                                      CUdeviceptr p, int64_t align,
                                      int &ordinal) {
  if (!p)
    return argError(arg, "expects a device pointer, got null");
  if (p % uint64_t(align))
    return argError(arg, "expects a pointer aligned to " +
                             std::to_string(align) + " bytes");
  if ((ordinal = knownOrdinal(p)) >= 0)
    return llvm::Error::success();
  const std::string notDevice = "expects a device pointer, got a pointer the "
                                "CUDA driver does not know as device memory";
  if (!d.cuPointerGetAttributes) {
    unsigned type = 0;
    if (d.cuPointerGetAttribute(&type, kPointerAttrMemoryType, p) != 0 ||
        type != kMemoryTypeDevice)
      return argError(arg, notDevice);
    if (d.cuPointerGetAttribute(&ordinal, kPointerAttrDeviceOrdinal, p) != 0 ||
        ordinal < 0)
      ordinal = 0;
    remember(p, 1, ordinal);
    return llvm::Error::success();
  }
  // One question for the kind, the device and the allocation's range (for
  // memory it does not know, the driver answers zeros, not an error).
  unsigned type = 0;
  ordinal = -1;
  CUdeviceptr start = 0;
  size_t bytes = 0;
  int attrs[] = {kPointerAttrMemoryType, kPointerAttrDeviceOrdinal,
                 kPointerAttrRangeStart, kPointerAttrRangeSize};
  void *data[] = {&type, &ordinal, &start, &bytes};
  if (d.cuPointerGetAttributes(4, attrs, data, p) != 0 ||
      type != kMemoryTypeDevice || ordinal < 0)
    return argError(arg, notDevice);
  if (bytes > 0 && p >= start && p - start < bytes)
    remember(start, uint64_t(bytes), ordinal);
  else
    remember(p, 1, ordinal);
  return llvm::Error::success();
}

int sharedCarveoutPercent(int64_t blocksPerSM, int64_t perBlock,
                          int64_t sharedPerSM) {
  // The capacities a multiprocessor's shared memory takes (CUDA C++
  // Programming Guide; the H100/H200 tuning guide for 9.0), in KB, by its
  // largest: 9.0, 8.0 and 8.7, 8.6 and 8.9.
  static const std::vector<int64_t> kCapacities[] = {
      {0, 8, 16, 32, 64, 100, 132, 164, 196, 228},
      {0, 8, 16, 32, 64, 100, 132, 164},
      {0, 8, 16, 32, 64, 100}};
  if (blocksPerSM <= 0 || perBlock < 0)
    return -1;
  int64_t need = blocksPerSM * perBlock;
  for (const std::vector<int64_t> &caps : kCapacities) {
    if (caps.back() * 1024 != sharedPerSM)
      continue;
    for (int64_t kb : caps)
      if (kb * 1024 >= need)
        // The driver rounds a percentage up to the next capacity: the
        // largest whole percentage within this one names it (the
        // capacities lie more than 1 % apart).
        return int(kb * 1024 * 100 / sharedPerSM);
    return -1;
  }
  return -1;
}

llvm::Error validateGpuArgs(const GpuLaunchInfo &in, const GpuRunArgs &args) {
  if (args.rows < 0)
    return argError("rows", "expects a count >= 0, got " +
                                std::to_string(args.rows));
  // Rows spanning more than 2^48 bytes (256 TB) of one buffer: no device
  // holds them, and their byte counts below could wrap in 64 bits.
  if (in.spec.rowSpanBytes(
          args.rows,
          std::max({args.xRowStride, args.yRowStride, args.residualRowStride,
                    args.normOutRowStride})) > kMaxRowSpanBytes)
    return argError("rows", std::to_string(args.rows) +
                                " rows span more than 2^48 bytes of a "
                                "buffer; no device holds them");
  if (in.spec.withMul != (args.a != 0))
    return argError("a", in.spec.withMul ? "the kernel was compiled with a "
                                           "multiplier; got null"
                                         : "the kernel was compiled without a "
                                           "multiplier; pass null");
  if (in.spec.withAdd != (args.b != 0))
    return argError("b", in.spec.withAdd
                             ? "the kernel was compiled with a bias; "
                               "got null"
                             : "the kernel was compiled without a "
                               "bias; pass null");
  if (llvm::Error e = checkPrologueArgs(
          in.spec.layout, in.spec.splits, in.spec.rowSum,
          PrologueArgs{args.seq, uint64_t(args.lse), args.xRowStride,
                       uint64_t(args.rowSums)},
          args.rows))
    return e;
  // x's element bytes, and y's (the residual's, the normalised rows'):
  // they differ with an output cast. Rows are aligned to whole vectors of
  // `lanes` elements, whatever their type.
  int64_t bytes = dtypeBytes(in.spec.dtype),
          outBytes = dtypeBytes(in.spec.outType());
  int64_t lanes = std::max<int64_t>(1, in.rowAlignment / bytes);
  auto strideOr = [&](int64_t s) { return s ? s : in.spec.d; };
  RowSpan xSpan{args.x, strideOr(args.xRowStride),
                inputExtentBytes(in.spec.layout, in.spec.splits, in.spec.d,
                                 args.rows, strideOr(args.xRowStride), bytes)};
  // y over x: x itself (in place) or apart; another block's row would race.
  // Checked before the epilogue's buffers, so that a y over x is reported
  // as such whatever else its rows reach (as on the CPU).
  RowSpan ySpan{args.y, strideOr(args.yRowStride)};
  if (llvm::Error e = checkOutputOverInput(in.spec, xSpan, ySpan, args.rows))
    return e;
  RowSpan normSpan{args.normOut, strideOr(args.normOutRowStride)};
  if (llvm::Error e = checkEpilogueArgs(
          in.spec.residual, in.spec.norm,
          EpilogueArgs{{args.residual, strideOr(args.residualRowStride)},
                       normSpan,
                       args.normWeight,
                       args.normBias},
          in.spec.d, args.rows, outBytes, xSpan, ySpan))
    return e;
  if (llvm::Error e = checkWritesMissReads(
          sharedReads(in.spec, args.rows, args.a, args.b, args.normWeight,
                      args.normBias, args.lse, args.rowSums),
          ySpan, normSpan, in.spec.d, args.rows, outBytes))
    return e;
  // The rows of every buffer the kernel takes: at least d apart, and each
  // row aligned for its vector accesses.
  bool norm = in.spec.norm != NormKind::None;
  for (auto [name, s, takes, esize] :
       {std::tuple<const char *, int64_t, bool, int64_t>{
            "x_row_stride", strideOr(args.xRowStride), true, bytes},
        {"y_row_stride", strideOr(args.yRowStride), true, outBytes},
        {"residual_row_stride", strideOr(args.residualRowStride),
         in.spec.residual, outBytes},
        {"norm_out_row_stride", strideOr(args.normOutRowStride), norm,
         outBytes}}) {
    if (!takes)
      continue;
    if (s < in.spec.d)
      return argError(name,
                      "expects at least d = " + std::to_string(in.spec.d) +
                          " elements, got " + std::to_string(s));
    if (s % lanes)
      return argError(name, "expects a multiple of " + std::to_string(lanes) +
                                " elements (rows aligned to " +
                                std::to_string(lanes * esize) +
                                " bytes), got " + std::to_string(s));
  }
  return llvm::Error::success();
}

llvm::Error GpuKernel::launch(const GpuRunArgs &args, CUstream stream) const {
  if (!loaded)
    return llvm::createStringError(
        "kernel: expects a kernel from GpuKernel::load, got an empty one");
  const GpuLaunchInfo &in = launchInfo;
  if (llvm::Error e = validateGpuArgs(in, args))
    return e;
  if (args.rows == 0)
    return llvm::Error::success();
  auto drv = driver();
  if (!drv)
    return drv.takeError();
  const Driver &d = **drv;
  const char *names[10] = {"x",           "y",         "a",
                           "b",           "residual",  "norm_out",
                           "norm_weight", "norm_bias", "lse",
                           "row_sums"};
  CUdeviceptr ptrs[10] = {args.x,          args.y,        args.a,
                          args.b,          args.residual, args.normOut,
                          args.normWeight, args.normBias, args.lse,
                          args.rowSums};
  // x, a and b hold x's type; y and the epilogue's buffers y's (an output
  // cast's); the statistics fp32.
  int64_t outAlignment =
      std::max<int64_t>(1, in.rowAlignment / dtypeBytes(in.spec.dtype)) *
      dtypeBytes(in.spec.outType());
  // Every buffer on x's device, where the kernel launches (loaded into
  // that device's primary context at its first launch there).
  int device = 0;
  for (int i = 0; i < 10; ++i) {
    if (i >= 2 && !ptrs[i])
      continue;
    int ordinal = 0;
    if (llvm::Error e =
            checkDevicePointer(d, names[i], ptrs[i],
                               i >= 8                       ? 4
                               : i == 0 || i == 2 || i == 3 ? in.rowAlignment
                                                            : outAlignment,
                               ordinal))
      return e;
    if (i == 0)
      device = ordinal;
    else if (ordinal != device)
      return argError(names[i], "expects memory of x's device (CUDA device " +
                                    std::to_string(device) +
                                    "), got memory of device " +
                                    std::to_string(ordinal));
  }
  auto on = loaded->on(d, device, in);
  // (A failure to load there is the driver's, whatever its cause.)
  if (!on)
    return llvm::make_error<DriverError>("x: memory of CUDA device " +
                                         std::to_string(device) + ": " +
                                         llvm::toString(on.takeError()));
  const OnDevice &target = **on;
  // A launch runs in its stream's context, and the default streams' (null,
  // CU_STREAM_LEGACY, CU_STREAM_PER_THREAD) is the current one: there the
  // device's primary context is made current for the launch (and the
  // caller's restored). The H200's driver, run228: a function of one
  // context on another's stream fails with CUDA_ERROR_INVALID_HANDLE, on
  // the default stream with no context current with
  // CUDA_ERROR_INVALID_CONTEXT.
  bool defaultStream = uintptr_t(stream) <= 2;
  std::optional<ScopedContext> scope;
  if (defaultStream) {
    scope.emplace(d, target.ctx);
    if (llvm::Error e = scope->takeError())
      return e;
  }
  return launchOn(target, args, stream, defaultStream ? -1 : device);
}

/// A launch's result, named by its call; where a stream of another context
/// than the device's primary was given (`streamDevice`: the device, -1 for
/// a default stream), the driver's "invalid handle" says why.
static llvm::Error launchResult(CUresult r, const char *call,
                                int streamDevice) {
  llvm::Error e = check(r, call);
  if (!e || streamDevice < 0 ||
      (r != kErrorInvalidHandle && r != kErrorInvalidContext))
    return e;
  return reword(std::move(e), "",
                " (stream: walsh launches in CUDA device " +
                    std::to_string(streamDevice) +
                    "'s primary context, where x is; a stream of another "
                    "context cannot run it)");
}

llvm::Error GpuKernel::launchOn(const OnDevice &target, const GpuRunArgs &args,
                                CUstream stream, int streamDevice) const {
  const GpuLaunchInfo &in = launchInfo;
  const Driver &d = **driver();
  uint64_t params[kMaxParams];
  size_t bytes = size_t(packParams(args, params)) * sizeof(uint64_t);
  // One packed buffer (as fast as separate pointers on the H200; simpler
  // for up to kMaxParams fields).
  void *extra[] = {kLaunchParamBufferPointer, params, kLaunchParamBufferSize,
                   &bytes, kLaunchParamEnd};
  unsigned grid = unsigned(launchGrid(in, args.rows, target.residentBlocks,
                                      gridLimit, target.multiprocessors));
  if (in.cluster > 1) {
    if (!d.cuLaunchKernelEx)
      return llvm::make_error<DriverError>(
          "cuLaunchKernelEx: this driver lacks it; a kernel of 'cluster' = " +
          std::to_string(in.cluster) +
          " (thread-block clusters) needs CUDA 12 or newer");
    LaunchAttribute attr{};
    attr.id = kLaunchAttrClusterDimension;
    attr.value.clusterDim = {unsigned(in.cluster), 1, 1};
    LaunchConfig config{grid,
                        1,
                        1,
                        unsigned(in.blockThreads),
                        1,
                        1,
                        unsigned(in.sharedBytes),
                        stream,
                        &attr,
                        1};
    return launchResult(
        d.cuLaunchKernelEx(&config, target.function, nullptr, extra),
        "cuLaunchKernelEx", streamDevice);
  }
  return launchResult(
      d.cuLaunchKernel(target.function, grid, 1, 1, unsigned(in.blockThreads),
                       1, 1, unsigned(in.sharedBytes), stream, nullptr, extra),
      "cuLaunchKernel", streamDevice);
}

int64_t launchGrid(const GpuLaunchInfo &in, int64_t rows,
                   int64_t residentBlocks, int64_t limit,
                   int64_t multiprocessors) {
  int64_t grid = (rows + in.rowsPerBlock - 1) / in.rowsPerBlock;
  // A cluster of blocks a row (one row a block, no row groups).
  if (in.cluster > 1)
    return grid * in.cluster;
  // The mma kernels fill an affine table and load their first row before
  // their loop: a block a multiprocessor slot, each taking its share of
  // the groups, ran bf16 d = 3072 at 0.92 of the copy roofline where 1024
  // blocks of 8 groups ran 0.75 (H200, 2026-11-30, 65536 rows).
  if (in.persistent) {
    if (residentBlocks > 0)
      grid = std::min(grid, residentBlocks);
    if (in.blocksPerSM > 0 && multiprocessors > 0 && rows >= kCappedFromRows)
      grid = std::min(grid, in.blocksPerSM * multiprocessors);
    return limit > 0 ? std::min(grid, limit) : grid;
  }
  if (in.rowIters < 2)
    return grid;
  // Capped at the resident blocks C when that costs less at the end of the
  // kernel. Uncapped, the last partial wave of blocks (K groups each)
  // leaves `idle` of its C slots empty for about one block's time: idle /
  // (waves * grid) of the kernel. Capped, each block takes ceil(groups /
  // C) groups or one fewer: the blocks with fewer idle for a group's time,
  // (per * C - groups) / (per * C) of the kernel. H200, 2026-11-30, 16-bit,
  // fraction of the copy roofline, uncapped -> capped: at 16384 rows d =
  // 4096 (2.7% against 1.4%) 0.85 -> 0.87, its bhsd form 0.81 -> 0.84-0.86,
  // 8192 (5.3% against 1.4%) 0.83 -> 0.85, 768 (27% against 14%) 0.75 ->
  // 0.80-0.85; at 65536 rows d = 4096 (0.07% against 0.4%) 0.90 -> 0.88,
  // 1024 (0.4% against 1%) 0.95 -> 0.89, 1536 (0.6% against 1.4%) 0.80 ->
  // 0.79. (d = 512 at 65536 rows lost too, 0.92-0.93 -> 0.89-0.90, where
  // this estimate, with the occupancy we computed, caps it: the counts
  // come from the driver at load, which may differ.)
  if (residentBlocks > 0 && grid > residentBlocks) {
    int64_t C = residentBlocks;
    int64_t waves = (grid + C - 1) / C, idle = waves * C - grid;
    int64_t groupRows = std::max<int64_t>(1, in.rowsPerBlock / in.rowIters);
    int64_t groups = (rows + groupRows - 1) / groupRows;
    int64_t per = (groups + C - 1) / C;
    // idle / (waves * grid) > (per * C - groups) / (per * C)
    if (double(idle) * double(per * C) >
        double(per * C - groups) * double(waves * grid))
      grid = C;
  }
  if (limit > 0)
    grid = std::min(grid, limit);
  return grid;
}

int64_t GpuKernel::gridFor(int64_t rows) const {
  return launchGrid(launchInfo, rows,
                    loaded ? loaded->homeDevice().residentBlocks : 0, gridLimit,
                    loaded ? loaded->homeDevice().multiprocessors : 0);
}

int GpuKernel::packParams(const GpuRunArgs &args,
                          uint64_t (&out)[kMaxParams]) const {
  const GpuLaunchInfo &in = launchInfo;
  uint64_t xs = uint64_t(args.xRowStride ? args.xRowStride : in.spec.d);
  uint64_t ys = uint64_t(args.yRowStride ? args.yRowStride : in.spec.d);
  uint64_t d = uint64_t(in.spec.d), rows = uint64_t(args.rows);
  int n = 0;
  auto put = [&](std::initializer_list<uint64_t> fields) {
    for (uint64_t field : fields)
      out[n++] = field;
  };
  uint64_t x = uint64_t(args.x), hd = uint64_t(in.spec.headDim);
  uint64_t heads = hd ? d / hd : 0, k = uint64_t(in.spec.splits);
  if (in.spec.layout == Layout::BHSD) {
    uint64_t seq = uint64_t(args.seq);
    put({x, x, 0, rows / seq, heads, seq, hd, heads * seq * hd, seq * hd, hd,
         1});
  } else if (in.spec.splits) {
    put({x, x, 0, k, rows, d, rows * xs, xs, 1});
  } else {
    put({x, x, 0, rows, d, xs, 1});
  }
  put({uint64_t(args.y), uint64_t(args.y), 0, rows, d, ys, 1});
  if (in.spec.splits) {
    uint64_t l = uint64_t(args.lse);
    put({l, l, 0, k, rows, heads, rows * heads, heads, 1});
  }
  if (in.spec.rowSum) {
    uint64_t l = uint64_t(args.rowSums);
    put({l, l, 0, rows, heads, heads, 1});
  }
  auto column = [&](CUdeviceptr p) {
    for (uint64_t field : {uint64_t(p), uint64_t(p), uint64_t(0), d,
                           uint64_t(1)})
      out[n++] = field;
  };
  auto rowsOf = [&](CUdeviceptr p, int64_t stride) {
    for (uint64_t field : {uint64_t(p), uint64_t(p), uint64_t(0), rows, d,
                           uint64_t(stride ? stride : in.spec.d), uint64_t(1)})
      out[n++] = field;
  };
  for (CUdeviceptr p : {args.a, args.b})
    if (p)
      column(p);
  if (in.spec.residual)
    rowsOf(args.residual, args.residualRowStride);
  if (in.spec.norm != NormKind::None)
    column(args.normWeight);
  if (in.spec.norm == NormKind::Layer)
    column(args.normBias);
  if (in.spec.norm != NormKind::None)
    rowsOf(args.normOut, args.normOutRowStride);
  return n;
}

} // namespace walsh
