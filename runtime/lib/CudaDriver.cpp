//===- CudaDriver.cpp - libcuda through dlopen -----------------------------===//
#include "walsh/Runtime/CudaDriver.h"

#include <dlfcn.h>

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
  return llvm::createStringError(std::string(call) + ": failed with " +
                                 (name ? name : std::to_string(result)));
}

llvm::Expected<CUdevice> makeCurrent() {
  auto drv = driver();
  if (!drv)
    return drv.takeError();
  const Driver &d = **drv;
  CUdevice dev;
  CUcontext ctx;
  if (llvm::Error e = check(d.cuDeviceGet(&dev, 0), "cuDeviceGet"))
    return std::move(e);
  // Retained once per process: the primary context lives as long as it.
  static std::once_flag retained;
  static CUresult retainResult = 0;
  static CUcontext primary = nullptr;
  std::call_once(retained, [&] {
    retainResult = d.cuDevicePrimaryCtxRetain(&primary, dev);
  });
  if (llvm::Error e = check(retainResult, "cuDevicePrimaryCtxRetain"))
    return std::move(e);
  ctx = primary;
  if (llvm::Error e = check(d.cuCtxSetCurrent(ctx), "cuCtxSetCurrent"))
    return std::move(e);
  return dev;
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
    }
  });
  if (!failure.empty())
    return llvm::createStringError(failure);
  return &drv;
}

} // namespace walsh::cuda
