//===- Cublas.h - the dense projection through cuBLAS, for comparison -*- C++ -*-===//
//
// The baseline walsh replaces: y = x · W with a dense d×d W, through
// cublasGemmEx (storage in the kernel's dtype, fp32 accumulate). cuBLAS is
// loaded with dlopen (libcublas.so.13, .12, then unversioned; CUDA_HOME's
// lib64 and /usr/local/cuda/lib64 as well), so nothing links it and a
// machine without it reports that instead of failing to start.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_CUBLAS_H
#define WALSH_RUNTIME_CUBLAS_H

#include "walsh/Builder/ProjectionSpec.h"
#include "walsh/Runtime/CudaDriver.h"

namespace walsh::cuda {

class Cublas {
public:
  /// The process-wide handle, created on the current device (device 0 where
  /// no context is current; a tool's --device) at the first call. Fails
  /// with "cuBLAS: ..." when the library or a GPU is missing.
  static llvm::Expected<Cublas *> get();

  /// y[rows×d] = x[rows×d] · w[d×d], row-major, all in `dtype`, fp32
  /// accumulation, on `stream`.
  llvm::Error gemm(DType dtype, int64_t rows, int64_t d, CUdeviceptr x,
                   CUdeviceptr w, CUdeviceptr y, CUstream stream);

  /// The library's version (e.g. 130000).
  int version() const { return libVersion; }

private:
  void *handle = nullptr;
  int libVersion = 0;
  int (*setStream)(void *, CUstream) = nullptr;
  int (*gemmEx)(void *, int, int, int, int, int, const void *, const void *,
                int, int, const void *, int, int, const void *, void *, int,
                int, int, int) = nullptr;
};

} // namespace walsh::cuda

#endif // WALSH_RUNTIME_CUBLAS_H
