//===- CudaDriver.h - libcuda through dlopen, every call checked -*- C++ -*-===//
//
// The CUDA driver API is loaded with dlopen at first use through one symbol
// table, so walsh, its tools and its CPU tests run on machines with no GPU
// and no driver. Every call goes through check(), which turns a CUresult
// into an llvm::Error naming the call and cuGetErrorName's answer.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_CUDADRIVER_H
#define WALSH_RUNTIME_CUDADRIVER_H

#include "llvm/Support/Error.h"

#include <cstddef>
#include <cstdint>

namespace walsh::cuda {

using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;
struct CUctx_st;
struct CUmod_st;
struct CUfunc_st;
struct CUstream_st;
struct CUevent_st;
struct CUgraph_st;
struct CUgraphExec_st;
using CUcontext = CUctx_st *;
using CUmodule = CUmod_st *;
using CUfunction = CUfunc_st *;
using CUstream = CUstream_st *;
using CUevent = CUevent_st *;
using CUgraph = CUgraph_st *;
using CUgraphExec = CUgraphExec_st *;

/// cuLaunchKernelEx's attribute (cuda.h's CUlaunchAttribute): an id, then
/// a 64-byte value; walsh sets only the cluster dimension.
struct LaunchAttribute {
  int id;
  char pad[4];
  union {
    char bytes[64];
    struct {
      unsigned x, y, z;
    } clusterDim;
  } value;
};
static_assert(sizeof(LaunchAttribute) == 72, "cuda.h's CUlaunchAttribute");
/// cuLaunchKernelEx's configuration (cuda.h's CUlaunchConfig).
struct LaunchConfig {
  unsigned gridDimX, gridDimY, gridDimZ;
  unsigned blockDimX, blockDimY, blockDimZ;
  unsigned sharedMemBytes;
  CUstream_st *hStream;
  LaunchAttribute *attrs;
  unsigned numAttrs;
};

/// The driver entry points walsh uses; null until load() succeeds.
struct Driver {
  CUresult (*cuInit)(unsigned);
  CUresult (*cuDeviceGet)(CUdevice *, int);
  CUresult (*cuDeviceGetName)(char *, int, CUdevice);
  CUresult (*cuDeviceGetAttribute)(int *, int, CUdevice);
  CUresult (*cuDevicePrimaryCtxRetain)(CUcontext *, CUdevice);
  CUresult (*cuCtxSetCurrent)(CUcontext);
  CUresult (*cuCtxGetCurrent)(CUcontext *);
  CUresult (*cuCtxGetDevice)(CUdevice *);
  CUresult (*cuCtxPushCurrent)(CUcontext);
  CUresult (*cuCtxPopCurrent)(CUcontext *);
  CUresult (*cuDeviceGetCount)(int *);
  CUresult (*cuCtxSynchronize)();
  CUresult (*cuModuleLoadData)(CUmodule *, const void *);
  CUresult (*cuModuleUnload)(CUmodule);
  CUresult (*cuModuleGetFunction)(CUfunction *, CUmodule, const char *);
  CUresult (*cuFuncSetAttribute)(CUfunction, int, int);
  CUresult (*cuFuncGetAttribute)(int *, int, CUfunction);
  CUresult (*cuOccupancyMaxActiveBlocksPerMultiprocessor)(int *, CUfunction,
                                                          int, size_t);
  CUresult (*cuLaunchKernel)(CUfunction, unsigned, unsigned, unsigned,
                             unsigned, unsigned, unsigned, unsigned, CUstream,
                             void **, void **);
  /// CUDA 12 on; null with an older driver (only clusters need it).
  CUresult (*cuLaunchKernelEx)(const LaunchConfig *, CUfunction, void **,
                               void **);
  CUresult (*cuMemAlloc)(CUdeviceptr *, size_t);
  CUresult (*cuMemGetInfo)(size_t *free, size_t *total);
  CUresult (*cuMemFree)(CUdeviceptr);
  CUresult (*cuMemcpyHtoD)(CUdeviceptr, const void *, size_t);
  CUresult (*cuMemcpyDtoH)(void *, CUdeviceptr, size_t);
  CUresult (*cuMemcpyDtoDAsync)(CUdeviceptr, CUdeviceptr, size_t, CUstream);
  CUresult (*cuMemsetD8)(CUdeviceptr, unsigned char, size_t);
  CUresult (*cuMemsetD8Async)(CUdeviceptr, unsigned char, size_t, CUstream);
  CUresult (*cuPointerGetAttribute)(void *, int, CUdeviceptr);
  /// Several attributes in one call; null where the driver lacks it (the
  /// launcher then asks cuPointerGetAttribute and caches no ranges).
  CUresult (*cuPointerGetAttributes)(unsigned, int *, void **, CUdeviceptr);
  CUresult (*cuEventCreate)(CUevent *, unsigned);
  CUresult (*cuEventRecord)(CUevent, CUstream);
  CUresult (*cuEventSynchronize)(CUevent);
  CUresult (*cuEventElapsedTime)(float *, CUevent, CUevent);
  CUresult (*cuEventDestroy)(CUevent);
  CUresult (*cuGetErrorName)(CUresult, const char **);
  CUresult (*cuDriverGetVersion)(int *);
  CUresult (*cuStreamCreate)(CUstream *, unsigned);
  CUresult (*cuStreamDestroy)(CUstream);
  CUresult (*cuStreamSynchronize)(CUstream);
  CUresult (*cuStreamBeginCapture)(CUstream, int);
  CUresult (*cuStreamEndCapture)(CUstream, CUgraph *);
  CUresult (*cuGraphInstantiateWithFlags)(CUgraphExec *, CUgraph,
                                          unsigned long long);
  CUresult (*cuGraphLaunch)(CUgraphExec, CUstream);
  CUresult (*cuGraphExecDestroy)(CUgraphExec);
  CUresult (*cuGraphDestroy)(CUgraph);
};

/// A failure of the driver's own, not of its caller's arguments: a call that
/// failed (check(): the message names the call and the driver's error), an
/// entry point or device the driver lacks for what was asked. Embedders
/// tell these apart from argument errors (plain llvm::StringError) by type:
/// the C API answers WALSH_ERROR_RUNTIME for them.
class DriverError : public llvm::ErrorInfo<DriverError> {
public:
  static char ID;
  explicit DriverError(std::string message) : text(std::move(message)) {}
  void log(llvm::raw_ostream &os) const override { os << text; }
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }

private:
  std::string text;
};

/// No usable driver or no device ("no GPU: ..."; WALSH_ERROR_NO_DEVICE).
class NoGpuError : public llvm::ErrorInfo<NoGpuError, DriverError> {
public:
  static char ID;
  using ErrorInfo::ErrorInfo;
};

/// `e` with `before` and `after` around its message, of the same kind:
/// a DriverError (or NoGpuError) stays one, anything else becomes a
/// StringError.
llvm::Error reword(llvm::Error e, const std::string &before,
                   const std::string &after = "");

/// The process-wide driver, loaded and cuInit'ed once. Fails with a
/// NoGpuError, "no GPU: ...", when libcuda.so.1 cannot be opened or has no
/// device.
llvm::Expected<const Driver *> driver();

/// Device `ordinal` with its primary context retained and made current on
/// the calling thread (the context the CUDA runtime, and so cuBLAS, use
/// too). For walsh's tools, which run on device 0; the runtime's kernels
/// leave the caller's current context as it was (ScopedContext).
llvm::Expected<CUdevice> makeCurrent(int ordinal = 0);

/// The most devices walsh launches on (ordinals 0 ... kMaxDevices - 1).
constexpr int kMaxDevices = 64;
/// What is wrong with a device ordinal past them (or negative): "CUDA
/// device 64: walsh launches on devices 0 to 63". One text for the driver
/// layer, the launcher and the C API.
std::string deviceRangeText(int ordinal);

/// Device `ordinal`'s primary context, retained once per process (the
/// context the CUDA runtime and so PyTorch use). Fails naming the ordinal
/// when the driver has no such device.
llvm::Expected<CUcontext> primaryContext(int ordinal);

/// The calling thread's current context (null where none is).
llvm::Expected<CUcontext> currentContext();

/// A context current on the calling thread: the caller's, else device 0's
/// primary context made current (as the CUDA runtime's first call on a
/// thread would). For the measuring helpers and cuBLAS, which run where
/// the caller (a tool's --device) chose.
llvm::Error ensureCurrentContext();

/// The device of the calling thread's current context (what
/// cudaSetDevice / torch.cuda.set_device chose), or 0 where none is
/// current. Changes nothing.
llvm::Expected<int> currentDevice();

/// Makes `ctx` current on the calling thread for this scope when another
/// is, and restores the caller's afterwards (push and pop: under 50 ns on
/// the H200's host, run228); nothing when `ctx` is current already. Where
/// none is current, `ctx` is made current and stays so, as the CUDA
/// runtime binds a primary context at its first call on a thread.
class ScopedContext {
public:
  ScopedContext(const Driver &d, CUcontext ctx);
  ~ScopedContext();
  ScopedContext(const ScopedContext &) = delete;
  ScopedContext &operator=(const ScopedContext &) = delete;
  /// The driver's failure, if any (the scope then changed nothing).
  llvm::Error takeError();

private:
  const Driver &d;
  bool pushed = false;
  CUresult failed = 0;
};

/// Turns a CUresult into an error naming the call ("cuMemAlloc: failed
/// with CUDA_ERROR_OUT_OF_MEMORY").
llvm::Error check(CUresult result, const char *call);

// Attribute numbers from cuda.h that walsh uses.
constexpr int kAttrMaxSharedPerBlockOptin = 97;   // CU_DEVICE_ATTRIBUTE_...
constexpr int kAttrComputeMajor = 75;
constexpr int kAttrComputeMinor = 76;
constexpr int kFuncAttrMaxDynamicShared = 8;      // CU_FUNC_ATTRIBUTE_...
constexpr int kFuncAttrMaxThreadsPerBlock = 0;
constexpr int kFuncAttrLocalSizeBytes = 3;
constexpr int kFuncAttrNumRegs = 4;
constexpr int kPointerAttrMemoryType = 2;         // CU_POINTER_ATTRIBUTE_...
constexpr int kPointerAttrDeviceOrdinal = 9;
constexpr int kPointerAttrRangeStart = 11;
constexpr int kPointerAttrRangeSize = 12;
constexpr unsigned kMemoryTypeDevice = 2;         // CU_MEMORYTYPE_DEVICE
constexpr int kAttrMultiprocessorCount = 16;
constexpr int kAttrMaxSharedPerMultiprocessor = 81;
constexpr int kAttrReservedSharedPerBlock = 111;
constexpr int kFuncAttrStaticShared = 1;          // CU_FUNC_ATTRIBUTE_...
constexpr int kFuncAttrPreferredCarveout = 9;
constexpr unsigned kStreamNonBlocking = 1;        // CU_STREAM_NON_BLOCKING
// cuLaunchKernel's `extra`: the parameters as one packed buffer.
inline void *const kLaunchParamEnd = nullptr;           // CU_LAUNCH_PARAM_END
inline void *const kLaunchParamBufferPointer = (void *)1;
inline void *const kLaunchParamBufferSize = (void *)2;
constexpr int kLaunchAttrClusterDimension = 4;    // CU_LAUNCH_ATTRIBUTE_...
constexpr CUresult kErrorOutOfMemory = 2;         // CUDA_ERROR_...
constexpr CUresult kErrorInvalidContext = 201;
constexpr CUresult kErrorInvalidHandle = 400;
constexpr int kCaptureModeRelaxed = 2;            // CU_STREAM_CAPTURE_MODE_...

} // namespace walsh::cuda

#endif // WALSH_RUNTIME_CUDADRIVER_H
