/* The cost of cuPointerGetAttribute(MEMORY_TYPE) on device memory, and of
 * RANGE_START_ADDR, per call (host time), against cuLaunchKernel's. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdint.h>
#include <time.h>
typedef int (*F)();
static void *lib;
static F f(const char *n) { return (F)dlsym(lib, n); }
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e6 + t.tv_nsec / 1e3; }
static const char *ptx = ".version 8.0\n.target sm_90\n.address_size 64\n.visible .entry k()\n{\n ret;\n}\n";
int main(void) {
  lib = dlopen("libcuda.so.1", RTLD_NOW);
  f("cuInit")(0); int dev; f("cuDeviceGet")(&dev, 0); void *ctx; f("cuDevicePrimaryCtxRetain")(&ctx, dev); f("cuCtxSetCurrent")(ctx);
  uint64_t p[64]; for (int i = 0; i < 64; ++i) f("cuMemAlloc_v2")(&p[i], 1 << 20);
  unsigned type; uint64_t start;
  for (int rep = 0; rep < 3; ++rep) {
    double t0 = now();
    for (int i = 0; i < 100000; ++i) f("cuPointerGetAttribute")(&type, 2, p[i & 63] + 128);
    double t1 = now();
    for (int i = 0; i < 100000; ++i) f("cuPointerGetAttribute")(&start, 11, p[i & 63] + 128);
    double t2 = now();
    printf("MEMORY_TYPE %.3f us/call, RANGE_START_ADDR %.3f us/call (start ok %d)\n", (t1 - t0) / 1e5, (t2 - t1) / 1e5, start == p[63]);
  }
  void *mod, *fn, *stream; f("cuModuleLoadData")(&mod, ptx); f("cuModuleGetFunction")(&fn, mod, "k"); f("cuStreamCreate")(&stream, 1);
  for (int rep = 0; rep < 3; ++rep) {
    double t = 0; int n = 0;
    for (int r = 0; r < 300; ++r) {
      double t0 = now();
      for (int i = 0; i < 32; ++i) f("cuLaunchKernel")(fn, 1, 1, 1, 32, 1, 1, 0, stream, NULL, NULL);
      t += now() - t0; n += 32;
      f("cuStreamSynchronize")(stream);
    }
    printf("cuLaunchKernel (no parameters) %.3f us/call\n", t / n);
  }
  return 0;
}
