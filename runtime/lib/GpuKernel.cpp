//===- GpuKernel.cpp - load and launch a compiled GPU kernel ---------------===//
#include "walsh/Runtime/GpuKernel.h"

#include <atomic>
#include <string>

namespace walsh {

using namespace cuda;

/// The loaded module, and the device pointers already found to be device
/// memory (x, y, a, b: the last one seen for each).
struct GpuKernel::Loaded {
  CUmodule module = nullptr;
  std::atomic<CUdeviceptr> known[4] = {0, 0, 0, 0};
  ~Loaded() {
    if (module)
      if (auto d = driver())
        (*d)->cuModuleUnload(module);
  }
};

llvm::Expected<GpuKernel> GpuKernel::load(const std::string &image,
                                          const GpuLaunchInfo &info) {
  auto drv = driver();
  if (!drv)
    return drv.takeError();
  const Driver &d = **drv;
  auto dev = makeCurrent();
  if (!dev)
    return dev.takeError();
  int maxShared = 0;
  if (llvm::Error e = check(d.cuDeviceGetAttribute(
                                &maxShared, kAttrMaxSharedPerBlockOptin, *dev),
                            "cuDeviceGetAttribute"))
    return std::move(e);
  if (info.sharedBytes > maxShared)
    return llvm::createStringError(
        "config: the kernel needs " + std::to_string(info.sharedBytes) +
        " bytes of shared memory per block; this device allows " +
        std::to_string(maxShared));
  GpuKernel k;
  k.launchInfo = info;
  k.loaded = std::make_shared<Loaded>();
  std::string text = image; // PTX must be NUL-terminated; a cubin is ELF
  if (llvm::Error e = check(d.cuModuleLoadData(&k.loaded->module, text.c_str()),
                            "cuModuleLoadData"))
    return std::move(e);
  if (llvm::Error e = check(d.cuModuleGetFunction(&k.function, k.loaded->module,
                                                  info.kernel.c_str()),
                            "cuModuleGetFunction"))
    return std::move(e);
  // Raised whenever the kernel takes dynamic shared memory: the default
  // 48 KB cap counts static bytes too (a 48 KB exchange buffer plus the
  // kernel's static byte fails to launch).
  if (info.sharedBytes > 0)
    if (llvm::Error e = check(d.cuFuncSetAttribute(k.function,
                                                   kFuncAttrMaxDynamicShared,
                                                   int(info.sharedBytes)),
                              "cuFuncSetAttribute"))
      return std::move(e);
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

/// Null, host and misaligned pointers, by name. `known` remembers the last
/// pointer the driver confirmed as device memory for this argument.
static llvm::Error checkDevicePointer(const Driver &d, const char *arg,
                                      CUdeviceptr p, int64_t align,
                                      std::atomic<CUdeviceptr> &known) {
  if (!p)
    return argError(arg, "expects a device pointer, got null");
  if (p % uint64_t(align))
    return argError(arg, "expects a pointer aligned to " +
                             std::to_string(align) + " bytes");
  if (known.load(std::memory_order_relaxed) == p)
    return llvm::Error::success();
  unsigned type = 0;
  if (d.cuPointerGetAttribute(&type, kPointerAttrMemoryType, p) != 0 ||
      type != kMemoryTypeDevice)
    return argError(arg, "expects a device pointer, got a pointer the CUDA "
                         "driver does not know as device memory");
  known.store(p, std::memory_order_relaxed);
  return llvm::Error::success();
}

llvm::Error validateGpuArgs(const GpuLaunchInfo &in, const GpuRunArgs &args) {
  if (args.rows < 0)
    return argError("rows", "expects a count >= 0, got " +
                                std::to_string(args.rows));
  if (in.withMul != (args.a != 0))
    return argError("a", in.withMul ? "the kernel was compiled with a "
                                      "multiplier; got null"
                                    : "the kernel was compiled without a "
                                      "multiplier; pass null");
  if (in.withAdd != (args.b != 0))
    return argError("b", in.withAdd ? "the kernel was compiled with a bias; "
                                      "got null"
                                    : "the kernel was compiled without a "
                                      "bias; pass null");
  int64_t bytes = dtypeBytes(in.dtype);
  for (auto [name, s] :
       {std::pair<const char *, int64_t>{"x_row_stride",
                                         args.xRowStride ? args.xRowStride
                                                         : in.d},
        {"y_row_stride", args.yRowStride ? args.yRowStride : in.d}}) {
    if (s < in.d)
      return argError(name, "expects at least d = " + std::to_string(in.d) +
                                " elements, got " + std::to_string(s));
    if ((s * bytes) % in.rowAlignment)
      return argError(name, "expects a multiple of " +
                                std::to_string(in.rowAlignment / bytes) +
                                " elements (rows aligned to " +
                                std::to_string(in.rowAlignment) +
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
  int64_t xs = args.xRowStride ? args.xRowStride : in.d;
  int64_t ys = args.yRowStride ? args.yRowStride : in.d;
  if (args.rows == 0)
    return llvm::Error::success();
  auto drv = driver();
  if (!drv)
    return drv.takeError();
  const Driver &d = **drv;
  const char *names[4] = {"x", "y", "a", "b"};
  CUdeviceptr ptrs[4] = {args.x, args.y, args.a, args.b};
  for (int i = 0; i < 4; ++i)
    if (i < 2 || ptrs[i])
      if (llvm::Error e = checkDevicePointer(d, names[i], ptrs[i],
                                             in.rowAlignment,
                                             loaded->known[i]))
        return e;

  // The kernel's parameters are the memref descriptors, field by field:
  // rows (allocated, aligned, offset, size0, size1, stride0, stride1) for x
  // and y; (allocated, aligned, offset, size, stride) for a and b.
  int64_t zero = 0, one = 1, d64 = in.d, rows = args.rows;
  CUdeviceptr x = args.x, y = args.y, a = args.a, b = args.b;
  // A fixed array: the launch path allocates nothing.
  void *params[24] = {&x, &x, &zero, &rows, &d64, &xs, &one,
                      &y, &y, &zero, &rows, &d64, &ys, &one};
  int n = 14;
  for (CUdeviceptr *p : {&a, &b})
    if (*p)
      for (void *field : {(void *)p, (void *)p, (void *)&zero, (void *)&d64,
                          (void *)&one})
        params[n++] = field;
  unsigned grid = unsigned((args.rows + in.rowsPerBlock - 1) / in.rowsPerBlock);
  return check(d.cuLaunchKernel(function, grid, 1, 1, unsigned(in.blockThreads),
                                1, 1, unsigned(in.sharedBytes), stream,
                                params, nullptr),
               "cuLaunchKernel");
}

} // namespace walsh
