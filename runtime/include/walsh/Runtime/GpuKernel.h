//===- GpuKernel.h - load and launch a compiled GPU kernel -----*- C++ -*-===//
//
// The GPU loader: a cubin (from ptxas) or PTX (the driver compiles it for
// the device) is loaded once, the function looked up and its dynamic shared
// memory raised when it needs more than 48 KB; launch() validates the
// arguments and launches on the caller's stream, nothing else. The module
// is unloaded when the last copy of the kernel goes. No MLIR: a deployment
// can ship the image and this runtime alone.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_GPUKERNEL_H
#define WALSH_RUNTIME_GPUKERNEL_H

#include "walsh/Builder/ProjectionSpec.h"
#include "walsh/Runtime/CudaDriver.h"

#include <memory>
#include <string>

namespace walsh {

/// What the launcher needs besides the PTX (GpuArtifact carries it; so does
/// the JSON `walsh compile` writes).
struct GpuLaunchInfo {
  std::string kernel = "outproj";
  int64_t d = 0;
  DType dtype = DType::F32;
  bool withMul = true, withAdd = true;
  int64_t blockThreads = 0, rowsPerBlock = 0, sharedBytes = 0;
  int64_t rowAlignment = 16;
};

/// Device buffers for one launch; row strides count elements (0 = d).
struct GpuRunArgs {
  cuda::CUdeviceptr x = 0;
  int64_t xRowStride = 0;
  cuda::CUdeviceptr y = 0;
  int64_t yRowStride = 0;
  cuda::CUdeviceptr a = 0, b = 0;
  int64_t rows = 0;
};

/// The checks of GpuKernel::launch that need no driver: row count, a/b
/// presence, row strides (at least d, a multiple of the row alignment). The
/// error names the argument.
llvm::Error validateGpuArgs(const GpuLaunchInfo &info, const GpuRunArgs &args);

class GpuKernel {
public:
  /// Loads `image` (a cubin, or PTX text) into the primary context of
  /// device 0 (made current here). Fails with "no GPU: ..." without a
  /// driver or device, and names the limit when the kernel needs more
  /// shared memory than the device allows.
  static llvm::Expected<GpuKernel> load(const std::string &image,
                                        const GpuLaunchInfo &info);

  /// Launches y = a (.) (s H_d x) + b on `stream`. Zero rows is a no-op.
  /// Errors name the argument: null, host or misaligned pointers, row
  /// strides below d or not a multiple of the row alignment, missing or
  /// unexpected a/b. Whether a pointer is device memory is asked of the
  /// driver once per distinct pointer (the last one seen per argument is
  /// remembered), so a loop over the same buffers, or a CUDA graph capture,
  /// costs no driver queries.
  llvm::Error launch(const GpuRunArgs &args, cuda::CUstream stream) const;

  const GpuLaunchInfo &info() const { return launchInfo; }

  /// What the loaded function uses, from the driver: registers and local
  /// (spill) bytes per thread, and the most threads a block may have with
  /// those registers.
  struct Resources {
    int registers = 0, localBytes = 0, maxThreadsPerBlock = 0;
  };
  llvm::Expected<Resources> resources() const;

  struct Loaded; // the module, unloaded with the last copy

private:
  GpuLaunchInfo launchInfo;
  cuda::CUfunction function = nullptr;
  std::shared_ptr<Loaded> loaded;
};

} // namespace walsh

#endif // WALSH_RUNTIME_GPUKERNEL_H
