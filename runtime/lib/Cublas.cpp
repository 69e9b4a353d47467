//===- Cublas.cpp - the dense projection through cuBLAS --------------------===//
#include "walsh/Runtime/Cublas.h"

#include <dlfcn.h>

#include <vector>

#include <cstdlib>
#include <mutex>
#include <string>

namespace walsh::cuda {

// From cublas_api.h and library_types.h.
constexpr int kOpN = 0;              // CUBLAS_OP_N
constexpr int kR16F = 2;             // CUDA_R_16F
constexpr int kR16BF = 14;           // CUDA_R_16BF
constexpr int kR32F = 0;             // CUDA_R_32F
constexpr int kCompute32F = 68;      // CUBLAS_COMPUTE_32F
constexpr int kGemmDefault = -1;     // CUBLAS_GEMM_DEFAULT

static void *openCublas(std::string &tried) {
  std::vector<std::string> names = {"libcublas.so.13", "libcublas.so.12",
                                     "libcublas.so"};
  std::vector<std::string> dirs;
  if (const char *home = std::getenv("CUDA_HOME"); home && *home)
    dirs.push_back(std::string(home) + "/lib64/");
  dirs.push_back("/usr/local/cuda/lib64/");
  std::vector<std::string> candidates = names;
  for (const std::string &dir : dirs)
    for (const std::string &n : names)
      candidates.push_back(dir + n);
  for (const std::string &c : candidates) {
    if (void *h = dlopen(c.c_str(), RTLD_NOW | RTLD_LOCAL))
      return h;
    tried += (tried.empty() ? "" : ", ") + c;
  }
  return nullptr;
}

llvm::Expected<Cublas *> Cublas::get() {
  static Cublas blas;
  static std::string failure;
  static std::once_flag once;
  std::call_once(once, [] {
    // cuBLAS's handle belongs to the device current now (the tool's
    // --device).
    if (llvm::Error e = ensureCurrentContext()) {
      failure = "cuBLAS: " + llvm::toString(std::move(e));
      return;
    }
    std::string tried;
    void *lib = openCublas(tried);
    if (!lib) {
      failure = "cuBLAS: not found (tried " + tried + ")";
      return;
    }
    auto create = reinterpret_cast<int (*)(void **)>(dlsym(lib, "cublasCreate_v2"));
    auto getVersion =
        reinterpret_cast<int (*)(void *, int *)>(dlsym(lib, "cublasGetVersion_v2"));
    blas.setStream = reinterpret_cast<decltype(blas.setStream)>(
        dlsym(lib, "cublasSetStream_v2"));
    blas.gemmEx =
        reinterpret_cast<decltype(blas.gemmEx)>(dlsym(lib, "cublasGemmEx"));
    if (!create || !blas.setStream || !blas.gemmEx) {
      failure = "cuBLAS: the library lacks cublasCreate_v2, "
                "cublasSetStream_v2 or cublasGemmEx";
      return;
    }
    if (int status = create(&blas.handle)) {
      failure = "cuBLAS: cublasCreate_v2 failed with status " +
                std::to_string(status);
      return;
    }
    if (getVersion)
      getVersion(blas.handle, &blas.libVersion);
  });
  if (!failure.empty())
    return llvm::createStringError(failure);
  return &blas;
}

llvm::Error Cublas::gemm(DType dtype, int64_t rows, int64_t d, CUdeviceptr x,
                         CUdeviceptr w, CUdeviceptr y, CUstream stream) {
  int type = dtype == DType::BF16 ? kR16BF : dtype == DType::F16 ? kR16F : kR32F;
  if (int status = setStream(handle, stream))
    return llvm::createStringError("cublasSetStream_v2: failed with status " +
                                   std::to_string(status));
  // Row-major y = x·w is column-major yᵀ = wᵀ·xᵀ: m = d, n = rows, k = d.
  float alpha = 1.0f, beta = 0.0f;
  if (int status = gemmEx(handle, kOpN, kOpN, int(d), int(rows), int(d),
                          &alpha, reinterpret_cast<void *>(w), type, int(d),
                          reinterpret_cast<void *>(x), type, int(d), &beta,
                          reinterpret_cast<void *>(y), type, int(d),
                          kCompute32F, kGemmDefault))
    return llvm::createStringError("cublasGemmEx: failed with status " +
                                   std::to_string(status));
  return llvm::Error::success();
}

} // namespace walsh::cuda
