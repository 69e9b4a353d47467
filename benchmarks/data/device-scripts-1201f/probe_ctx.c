/* Which context a launch needs (device run 228, 2026-12-01): a function
 * loaded into device 0's primary context, launched from a thread with no
 * current context, with another context of the same device current, and on
 * a stream of the primary context; what cuCtxGetCurrent / cuCtxSetCurrent
 * cost on the launch path. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
typedef int (*F)();
static void *lib;
static F f(const char *n) { F p = (F)dlsym(lib, n); if (!p) { printf("missing %s\n", n); exit(1);} return p; }
static const char *name(int r) { const char *s = 0; ((int(*)(int,const char**))f("cuGetErrorName"))(r, &s); return s ? s : "?"; }
static const char *ptx =
  ".version 8.0\n.target sm_90\n.address_size 64\n"
  ".visible .entry k(.param .u64 p, .param .u32 v)\n{\n .reg .b64 %rd<2>;\n .reg .b32 %r<2>;\n"
  " ld.param.u64 %rd1, [p];\n ld.param.u32 %r1, [v];\n st.global.u32 [%rd1], %r1;\n ret;\n}\n";
static void *primary, *fn, *stream;
static uint64_t buf;
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static int launch(unsigned v, void *s) {
  void *args[] = {&buf, &v};
  return f("cuLaunchKernel")(fn, 1, 1, 1, 1, 1, 1, 0, s, args, NULL);
}
static unsigned readback(void) {
  void *cur = 0; f("cuCtxGetCurrent")(&cur);
  f("cuCtxSetCurrent")(primary);
  f("cuCtxSynchronize")();
  unsigned v = 0; f("cuMemcpyDtoH_v2")(&v, buf, 4);
  f("cuCtxSetCurrent")(cur);
  return v;
}
static void *fresh_thread(void *unused) {
  (void)unused;
  void *cur = (void *)1; int r = f("cuCtxGetCurrent")(&cur);
  printf("new thread: cuCtxGetCurrent %d current %p\n", r, cur);
  r = launch(7, NULL); printf("new thread, no context, NULL stream: %d %s\n", r, name(r));
  r = launch(8, stream); printf("new thread, no context, primary's stream: %d %s\n", r, name(r));
  f("cuCtxSetCurrent")(primary);
  printf("  value now %u\n", readback());
  f("cuCtxSetCurrent")(NULL);
  return NULL;
}
int main(void) {
  lib = dlopen("libcuda.so.1", RTLD_NOW);
  if (!lib) { printf("no driver\n"); return 1; }
  int r = f("cuInit")(0); printf("cuInit %d\n", r);
  int count = -1; f("cuDeviceGetCount")(&count); printf("devices %d\n", count);
  int dev; f("cuDeviceGet")(&dev, 0);
  f("cuDevicePrimaryCtxRetain")(&primary, dev);
  f("cuCtxSetCurrent")(primary);
  void *mod = 0;
  r = f("cuModuleLoadData")(&mod, ptx); printf("load %d %s\n", r, name(r));
  f("cuModuleGetFunction")(&fn, mod, "k");
  f("cuMemAlloc_v2")(&buf, 256);
  f("cuStreamCreate")(&stream, 0);
  r = launch(1, NULL); printf("primary current: %d, value %u\n", r, readback());
  pthread_t t; pthread_create(&t, NULL, fresh_thread, NULL); pthread_join(t, NULL);
  /* another context of device 0 */
  void *other = 0; F create = (F)dlsym(lib, "cuCtxCreate_v2");
  if (create) r = create(&other, 0, dev); else r = -1;
  printf("cuCtxCreate_v2 %d %s ctx %p\n", r, r >= 0 ? name(r) : "absent", other);
  if (other) {
    f("cuCtxSetCurrent")(other);
    r = launch(11, NULL); printf("other context current, NULL stream: %d %s value %u\n", r, name(r), readback());
    r = launch(12, stream); printf("other context current, primary's stream: %d %s value %u\n", r, name(r), readback());
    void *ostream = 0; f("cuStreamCreate")(&ostream, 0);
    f("cuCtxSetCurrent")(primary);
    r = launch(13, ostream); printf("primary current, other context's stream: %d %s value %u\n", r, name(r), readback());
    f("cuCtxSetCurrent")(primary);
  }
  /* costs */
  int n = 1000000; void *cur;
  double t0 = now(); for (int i = 0; i < n; ++i) f("cuCtxGetCurrent")(&cur);
  double t1 = now(); printf("cuCtxGetCurrent %.1f ns\n", (t1 - t0) / n * 1e9);
  t0 = now(); for (int i = 0; i < n; ++i) f("cuCtxSetCurrent")(primary);
  t1 = now(); printf("cuCtxSetCurrent(same) %.1f ns\n", (t1 - t0) / n * 1e9);
  if (other) {
    t0 = now(); for (int i = 0; i < n; ++i) { f("cuCtxSetCurrent")(other); f("cuCtxSetCurrent")(primary); }
    t1 = now(); printf("cuCtxSetCurrent(other) + back %.1f ns\n", (t1 - t0) / n * 1e9);
    F push = f("cuCtxPushCurrent_v2"), pop = f("cuCtxPopCurrent_v2");
    t0 = now(); for (int i = 0; i < n; ++i) { push(other); void *p; pop(&p); }
    t1 = now(); printf("cuCtxPushCurrent + Pop %.1f ns\n", (t1 - t0) / n * 1e9);
  }
  int m = 20000;
  F lk = f("cuLaunchKernel");
  unsigned v = 3; void *args[] = {&buf, &v};
  t0 = now(); for (int i = 0; i < m; ++i) lk(fn, 1, 1, 1, 1, 1, 1, 0, stream, args, NULL);
  t1 = now(); f("cuCtxSynchronize")(); printf("cuLaunchKernel %.3f us\n", (t1 - t0) / m * 1e6);
  if (other) {
    t0 = now();
    for (int i = 0; i < m; ++i) { f("cuCtxSetCurrent")(other); f("cuCtxSetCurrent")(primary); lk(fn, 1, 1, 1, 1, 1, 1, 0, stream, args, NULL); f("cuCtxSetCurrent")(other); }
    t1 = now(); f("cuCtxSetCurrent")(primary); f("cuCtxSynchronize")(); printf("switch + cuLaunchKernel + switch back %.3f us\n", (t1 - t0) / m * 1e6);
  }
  /* A module load while a stream is being captured (global mode, as
   * PyTorch's graphs capture): does the capture refuse it? (run231) */
  {
    void *cs = 0; f("cuStreamCreate")(&cs, 1);
    r = f("cuStreamBeginCapture_v2")(cs, 0); printf("begin capture (global) %d %s\n", r, name(r));
    void *mod2 = 0;
    r = f("cuModuleLoadData")(&mod2, ptx); printf("cuModuleLoadData during the capture: %d %s\n", r, name(r));
    void *graph = 0;
    r = f("cuStreamEndCapture")(cs, &graph); printf("end capture %d %s\n", r, name(r));
    r = f("cuStreamBeginCapture_v2")(cs, 2); printf("begin capture (relaxed) %d %s\n", r, name(r));
    r = f("cuModuleLoadData")(&mod2, ptx); printf("cuModuleLoadData during a relaxed capture: %d %s\n", r, name(r));
    r = f("cuStreamEndCapture")(cs, &graph); printf("end capture %d %s\n", r, name(r));
  }
  printf("done\n");
  return 0;
}
