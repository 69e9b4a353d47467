// Host cost of cuLaunchKernel on this machine, by parameter count: empty
// kernels with 1, 8 and 24 pointer parameters, rounds of 32 launches with
// the stream drained between rounds (the method of walsh bench --cache).
#include <cuda.h>
#include <cuda_runtime.h>
#include <chrono>
#include <cstdio>
#include <algorithm>
#include <vector>
extern "C" __global__ void k1(void *a) {}
extern "C" __global__ void k8(void *a, void *b, void *c, void *d, void *e, void *f, void *g, void *h) {}
extern "C" __global__ void k24(void *a0, void *a1, void *a2, void *a3, void *a4, void *a5, void *a6, void *a7,
                               void *a8, void *a9, void *a10, void *a11, void *a12, void *a13, void *a14, void *a15,
                               void *a16, void *a17, void *a18, void *a19, void *a20, void *a21, void *a22, void *a23) {}
#define CK(x) do { CUresult r = (x); if (r) { printf("%s: %d\n", #x, r); return 1; } } while (0)
int main() {
  cudaFree(0);
  CUstream s; CK(cuStreamCreate(&s, CU_STREAM_NON_BLOCKING));
  void *p = nullptr; cudaMalloc(&p, 256);
  void *args[24]; for (auto &a : args) a = &p;
  struct K { const char *name; const void *fn; };
  K ks[] = {{"1 param", (const void *)k1}, {"8 params", (const void *)k8}, {"24 params", (const void *)k24}};
  for (int rep = 0; rep < 2; ++rep)
  for (auto &k : ks) {
    CUfunction f; CK(cudaGetFuncBySymbol(&f, k.fn) ? CUDA_ERROR_UNKNOWN : CUDA_SUCCESS);
    std::vector<double> per;
    for (int round = 0; round < 200; ++round) {
      auto t0 = std::chrono::steady_clock::now();
      for (int i = 0; i < 32; ++i) CK(cuLaunchKernel(f, 1, 1, 1, 32, 1, 1, 0, s, args, nullptr));
      auto t1 = std::chrono::steady_clock::now();
      CK(cuStreamSynchronize(s));
      per.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count() / 32);
    }
    std::sort(per.begin(), per.end());
    printf("cuLaunchKernel, %s: median %.2f us per call (min %.2f)\n", k.name, per[per.size() / 2], per[0]);
    // Runtime API for comparison.
    per.clear();
    for (int round = 0; round < 200; ++round) {
      auto t0 = std::chrono::steady_clock::now();
      for (int i = 0; i < 32; ++i) cudaLaunchKernel(k.fn, 1, 32, args, 0, (cudaStream_t)s);
      auto t1 = std::chrono::steady_clock::now();
      cuStreamSynchronize(s);
      per.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count() / 32);
    }
    std::sort(per.begin(), per.end());
    printf("cudaLaunchKernel, %s: median %.2f us per call (min %.2f)\n", k.name, per[per.size() / 2], per[0]);
  }
  return 0;
}
