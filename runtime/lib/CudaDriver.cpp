//===- CudaDriver.cpp - libcuda through dlopen -----------------------------===//
#include "walsh/Runtime/CudaDriver.h"

#include "walsh/Support/NumberText.h"

#include <cstdio>
#include <dlfcn.h>
#include <sys/resource.h>

#include <mutex>
#include <string>

namespace walsh::cuda {

namespace {
/// One row of the symbol table: where to store the pointer, and the
/// versioned name the driver exports.
struct Symbol {
  void **slot;
  const char *name;
};
} // namespace

llvm::Error check(CUresult result, const char *call) {
  if (result == 0)
    return llvm::Error::success();
  const char *name = nullptr;
  auto d = driver();
  if (d && (*d)->cuGetErrorName)
    (*d)->cuGetErrorName(result, &name);
  else if (!d)
    llvm::consumeError(d.takeError());
  return llvm::make_error<DriverError>(std::string(call) + ": failed with " +
                                       (name ? name : std::to_string(result)));
}

std::string deviceRangeText(int ordinal) {
  return "CUDA device " + std::to_string(ordinal) +
         ": walsh launches on devices 0 to " + std::to_string(kMaxDevices - 1);
}

char DriverError::ID;
char NoGpuError::ID;

llvm::Error reword(llvm::Error e, const std::string &before,
                   const std::string &after) {
  if (!e)
    return e;
  bool noGpu = e.isA<NoGpuError>(), fromDriver = e.isA<DriverError>();
  std::string text = before + llvm::toString(std::move(e)) + after;
  if (noGpu)
    return llvm::make_error<NoGpuError>(std::move(text));
  if (fromDriver)
    return llvm::make_error<DriverError>(std::move(text));
  return llvm::createStringError(text);
}

llvm::Expected<CUcontext> primaryContext(int ordinal) {
  auto drv = driver();
  if (!drv)
    return drv.takeError();
  const Driver &d = **drv;
  if (ordinal < 0 || ordinal >= kMaxDevices)
    return llvm::createStringError(deviceRangeText(ordinal));
  // Retained once per device and process: a primary context lives as long
  // as the process (as the CUDA runtime's).
  static std::mutex mutex;
  static CUcontext retained[kMaxDevices] = {};
  std::lock_guard<std::mutex> lock(mutex);
  if (retained[ordinal])
    return retained[ordinal];
  CUdevice dev;
  if (CUresult r = d.cuDeviceGet(&dev, ordinal)) {
    int count = 0;
    d.cuDeviceGetCount(&count);
    return reword(check(r, "cuDeviceGet"),
                  "CUDA device " + std::to_string(ordinal) +
                      ": the driver has " + std::to_string(count) + " device" +
                      (count == 1 ? "" : "s") + " (",
                  ")");
  }
  CUcontext ctx = nullptr;
  if (llvm::Error e = check(d.cuDevicePrimaryCtxRetain(&ctx, dev),
                            "cuDevicePrimaryCtxRetain"))
    return std::move(e);
  retained[ordinal] = ctx;
  return ctx;
}

llvm::Expected<CUdevice> makeCurrent(int ordinal) {
  auto drv = driver();
  if (!drv)
    return drv.takeError();
  auto ctx = primaryContext(ordinal);
  if (!ctx)
    return ctx.takeError();
  if (llvm::Error e = check((*drv)->cuCtxSetCurrent(*ctx), "cuCtxSetCurrent"))
    return std::move(e);
  CUdevice dev;
  if (llvm::Error e = check((*drv)->cuDeviceGet(&dev, ordinal), "cuDeviceGet"))
    return std::move(e);
  return dev;
}

llvm::Error ensureCurrentContext() {
  auto ctx = currentContext();
  if (!ctx)
    return ctx.takeError();
  if (*ctx)
    return llvm::Error::success();
  auto dev = makeCurrent(0);
  return dev ? llvm::Error::success() : dev.takeError();
}

llvm::Expected<CUcontext> currentContext() {
  auto drv = driver();
  if (!drv)
    return drv.takeError();
  CUcontext ctx = nullptr;
  if (llvm::Error e = check((*drv)->cuCtxGetCurrent(&ctx), "cuCtxGetCurrent"))
    return std::move(e);
  return ctx;
}

llvm::Expected<int> currentDevice() {
  auto ctx = currentContext();
  if (!ctx)
    return ctx.takeError();
  if (!*ctx)
    return 0;
  CUdevice dev = 0;
  if (llvm::Error e =
          check((*driver())->cuCtxGetDevice(&dev), "cuCtxGetDevice"))
    return std::move(e);
  return int(dev);
}

ScopedContext::ScopedContext(const Driver &d, CUcontext ctx) : d(d) {
  CUcontext current = nullptr;
  if (CUresult r = d.cuCtxGetCurrent(&current)) {
    failed = r;
    return;
  }
  if (current == ctx)
    return;
  if (!current) {
    // None current: bound for good, as the CUDA runtime binds a primary
    // context at its first call on a thread.
    failed = d.cuCtxSetCurrent(ctx);
    return;
  }
  failed = d.cuCtxPushCurrent(ctx);
  pushed = failed == 0;
}

llvm::Error ScopedContext::takeError() {
  return failed ? check(failed, "making walsh's context current")
                : llvm::Error::success();
}

ScopedContext::~ScopedContext() {
  if (pushed) {
    CUcontext popped;
    d.cuCtxPopCurrent(&popped);
  }
}

llvm::Expected<const Driver *> driver() {
  static Driver drv;
  static std::string failure;
  static std::once_flag once;
  std::call_once(once, [] {
    void *lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      failure = std::string("no GPU: cannot load libcuda.so.1 (") +
                dlerror() + ")";
      return;
    }
    Symbol table[] = {
        {(void **)&drv.cuInit, "cuInit"},
        {(void **)&drv.cuDeviceGet, "cuDeviceGet"},
        {(void **)&drv.cuDeviceGetName, "cuDeviceGetName"},
        {(void **)&drv.cuDeviceGetAttribute, "cuDeviceGetAttribute"},
        {(void **)&drv.cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain"},
        {(void **)&drv.cuCtxSetCurrent, "cuCtxSetCurrent"},
        {(void **)&drv.cuCtxGetCurrent, "cuCtxGetCurrent"},
        {(void **)&drv.cuCtxGetDevice, "cuCtxGetDevice"},
        {(void **)&drv.cuCtxPushCurrent, "cuCtxPushCurrent_v2"},
        {(void **)&drv.cuCtxPopCurrent, "cuCtxPopCurrent_v2"},
        {(void **)&drv.cuDeviceGetCount, "cuDeviceGetCount"},
        {(void **)&drv.cuCtxSynchronize, "cuCtxSynchronize"},
        {(void **)&drv.cuModuleLoadData, "cuModuleLoadData"},
        {(void **)&drv.cuModuleUnload, "cuModuleUnload"},
        {(void **)&drv.cuModuleGetFunction, "cuModuleGetFunction"},
        {(void **)&drv.cuFuncSetAttribute, "cuFuncSetAttribute"},
        {(void **)&drv.cuFuncGetAttribute, "cuFuncGetAttribute"},
        {(void **)&drv.cuOccupancyMaxActiveBlocksPerMultiprocessor,
         "cuOccupancyMaxActiveBlocksPerMultiprocessor"},
        {(void **)&drv.cuLaunchKernel, "cuLaunchKernel"},
        {(void **)&drv.cuMemAlloc, "cuMemAlloc_v2"},
        {(void **)&drv.cuMemGetInfo, "cuMemGetInfo_v2"},
        {(void **)&drv.cuMemFree, "cuMemFree_v2"},
        {(void **)&drv.cuMemcpyHtoD, "cuMemcpyHtoD_v2"},
        {(void **)&drv.cuMemcpyDtoH, "cuMemcpyDtoH_v2"},
        {(void **)&drv.cuMemcpyDtoDAsync, "cuMemcpyDtoDAsync_v2"},
        {(void **)&drv.cuMemsetD8, "cuMemsetD8_v2"},
        {(void **)&drv.cuMemsetD8Async, "cuMemsetD8Async"},
        {(void **)&drv.cuPointerGetAttribute, "cuPointerGetAttribute"},
        {(void **)&drv.cuEventCreate, "cuEventCreate"},
        {(void **)&drv.cuEventRecord, "cuEventRecord"},
        {(void **)&drv.cuEventSynchronize, "cuEventSynchronize"},
        {(void **)&drv.cuEventElapsedTime, "cuEventElapsedTime_v2"},
        {(void **)&drv.cuEventDestroy, "cuEventDestroy_v2"},
        {(void **)&drv.cuGetErrorName, "cuGetErrorName"},
        {(void **)&drv.cuDriverGetVersion, "cuDriverGetVersion"},
        {(void **)&drv.cuStreamCreate, "cuStreamCreate"},
        {(void **)&drv.cuStreamDestroy, "cuStreamDestroy_v2"},
        {(void **)&drv.cuStreamSynchronize, "cuStreamSynchronize"},
        {(void **)&drv.cuStreamBeginCapture, "cuStreamBeginCapture_v2"},
        {(void **)&drv.cuStreamEndCapture, "cuStreamEndCapture"},
        {(void **)&drv.cuGraphInstantiateWithFlags,
         "cuGraphInstantiateWithFlags"},
        {(void **)&drv.cuGraphLaunch, "cuGraphLaunch"},
        {(void **)&drv.cuGraphExecDestroy, "cuGraphExecDestroy"},
        {(void **)&drv.cuGraphDestroy, "cuGraphDestroy"},
    };
    // Optional: a CUDA 11 driver runs every kernel but a cluster's.
    drv.cuLaunchKernelEx = reinterpret_cast<decltype(drv.cuLaunchKernelEx)>(
        dlsym(lib, "cuLaunchKernelEx"));
    // Optional: without it the launcher asks one attribute at a time.
    drv.cuPointerGetAttributes =
        reinterpret_cast<decltype(drv.cuPointerGetAttributes)>(
            dlsym(lib, "cuPointerGetAttributes"));
    for (Symbol &s : table) {
      *s.slot = dlsym(lib, s.name);
      if (!*s.slot && std::string(s.name) == "cuEventElapsedTime_v2")
        *s.slot = dlsym(lib, "cuEventElapsedTime");
      if (!*s.slot) {
        failure = std::string("no GPU: libcuda.so.1 lacks ") + s.name;
        return;
      }
    }
    if (CUresult r = drv.cuInit(0)) {
      const char *name = nullptr;
      drv.cuGetErrorName(r, &name);
      failure = std::string("no GPU: cuInit failed with ") +
                (name ? name : std::to_string(r));
      // The driver maps far more address space than it uses (cuInit fails
      // so under `ulimit -v 4000000` on the lent H100's host, 2026-12-06):
      // say which limit it met.
      struct rlimit limit;
      if (r == kErrorOutOfMemory && getrlimit(RLIMIT_AS, &limit) == 0 &&
          limit.rlim_cur != RLIM_INFINITY) {
        failure += " (the driver reserves more address space than this "
                   "process may use: ulimit -v, " +
                   fixedText(double(limit.rlim_cur) / 1e9, 1) + " GB)";
      }
    }
  });
  if (!failure.empty())
    return llvm::make_error<NoGpuError>(failure);
  return &drv;
}

} // namespace walsh::cuda
