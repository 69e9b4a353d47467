/* walsh's C API on the real driver, by context (device run 229,
 * 2026-12-01): a compile on a thread with no current context, launches on
 * the default stream from a thread with none and from one whose own
 * context is current, a stream of another context, each result checked
 * against the float64 reference; and what a launch costs on an explicit
 * stream, on the default stream with the primary context current and
 * with another context current (the push and pop). */
#include "walsh/walsh.h"
#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
typedef int (*F)();
static void *lib;
static F f(const char *n) { F p = (F)dlsym(lib, n); if (!p) { printf("missing %s\n", n); exit(1);} return p; }
enum { D = 1024, ROWS = 64 };
static walsh_kernel *k;
static DLTensor X, Y, A, B;
static unsigned long long dx, dy, da, db;
static float hx[ROWS * D], ha[D], hb[D];
static void *primary;
static int64_t shape[2] = {ROWS, D}, vshape[1] = {D};
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static DLTensor tensor(unsigned long long p, int ndim, int64_t *sh) {
  DLTensor t = {0};
  t.data = (void *)(uintptr_t)p; t.device.device_type = kDLCUDA; t.ndim = ndim;
  t.dtype.code = kDLFloat; t.dtype.bits = 32; t.dtype.lanes = 1; t.shape = sh;
  return t;
}
/* The largest relative error of y against the float64 reference; y
 * poisoned before the launch by the caller. */
static double check(void) {
  void *cur = 0; f("cuCtxGetCurrent")(&cur);
  f("cuCtxPushCurrent_v2")(primary);
  f("cuCtxSynchronize")();
  static float hy[ROWS * D];
  f("cuMemcpyDtoH_v2")(hy, dy, sizeof hy);
  void *p; f("cuCtxPopCurrent_v2")(&p);
  double worst = 0;
  for (int r = 0; r < ROWS; r += 7)
    for (int i = 0; i < D; i += 5) {
      double s = 0;
      for (int j = 0; j < D; ++j) s += (__builtin_popcount(i & j) & 1 ? -1.0 : 1.0) * hx[r * D + j];
      double want = ha[i] * s / sqrt((double)D) + hb[i];
      double e = fabs(hy[r * D + i] - want) / (fabs(want) + 1e-3);
      if (!(e <= worst)) /* NaN (the poison) too */
        worst = e;
    }
  return worst;
}
static void poison(void) {
  f("cuCtxPushCurrent_v2")(primary);
  f("cuMemsetD8_v2")(dy, 0xff, sizeof(float) * ROWS * D);
  void *p; f("cuCtxPopCurrent_v2")(&p);
}
static void *noContext(void *u) {
  (void)u;
  void *cur = (void *)1; f("cuCtxGetCurrent")(&cur);
  poison();
  int s = walsh_launch(k, &X, &A, &B, &Y, NULL);
  void *after = 0; f("cuCtxGetCurrent")(&after);
  printf("thread without a context: before %s, walsh_launch(NULL stream) %d '%s', after: %s, error %.2e\n",
         cur ? "some" : "none", s, walsh_last_error(), after == primary ? "primary" : after ? "other" : "none", check());
  return NULL;
}
static void *ownContext(void *u) {
  (void)u;
  void *own = 0; f("cuCtxCreate_v2")(&own, 0, 0);
  poison();
  int s = walsh_launch(k, &X, &A, &B, &Y, NULL);
  void *after = 0; f("cuCtxGetCurrent")(&after);
  printf("thread with its own context current: walsh_launch(NULL stream) %d '%s', after: %s, error %.2e\n",
         s, walsh_last_error(), after == own ? "its own" : after == primary ? "primary" : "other", check());
  /* the tuning database's lookup and a tune on a miss, from this thread */
  {
    walsh_spec s2 = WALSH_SPEC_INIT; s2.d = 2048;
    walsh_shape shape = {4, 256, 16, 128};
    walsh_kernel *k2 = NULL;
    int r = walsh_compile_for_shape(&s2, WALSH_TARGET_CUDA, &shape, WALSH_TUNE_DB_ONLY, &k2);
    void *now = 0; f("cuCtxGetCurrent")(&now);
    printf("walsh_compile_for_shape(DB_ONLY) with its own context current: %d '%s' source %s, after: %s\n",
           r, walsh_last_error(), walsh_kernel_config_source(k2), now == own ? "its own" : now == primary ? "primary" : "other");
    walsh_kernel_destroy(k2); k2 = NULL;
    r = walsh_compile_for_shape(&s2, WALSH_TARGET_CUDA, &shape, WALSH_TUNE_ON_MISS, &k2);
    f("cuCtxGetCurrent")(&now);
    printf("walsh_compile_for_shape(TUNE_ON_MISS): %d '%s' source %s, after: %s\n",
           r, walsh_last_error(), walsh_kernel_config_source(k2), now == own ? "its own" : now == primary ? "primary" : "other");
    walsh_kernel_destroy(k2);
  }
  void *ostream = 0; f("cuStreamCreate")(&ostream, 0);
  s = walsh_launch(k, &X, &A, &B, &Y, ostream);
  printf("its own context's stream: %d '%s'\n", s, walsh_last_error());
  /* timing: the default stream with another context current */
  int n = 20000; double t0 = now();
  for (int i = 0; i < n; ++i) walsh_launch(k, &X, &A, &B, &Y, NULL);
  double t1 = now();
  printf("walsh_launch, NULL stream, another context current: %.3f us\n", (t1 - t0) / n * 1e6);
  f("cuCtxPushCurrent_v2")(primary); f("cuCtxSynchronize")(); void *p; f("cuCtxPopCurrent_v2")(&p);
  return NULL;
}
int main(void) {
  lib = dlopen("libcuda.so.1", RTLD_NOW);
  if (!lib) { printf("no driver\n"); return 1; }
  f("cuInit")(0);
  void *cur = (void *)1; f("cuCtxGetCurrent")(&cur);
  walsh_spec spec = WALSH_SPEC_INIT; spec.d = D;
  int s = walsh_compile(&spec, WALSH_TARGET_CUDA, &k);
  void *after = 0; f("cuCtxGetCurrent")(&after);
  int dev = 0; f("cuDeviceGet")(&dev, 0); f("cuDevicePrimaryCtxRetain")(&primary, dev);
  printf("walsh_compile on a thread with %s current: %d '%s'; then %s current\n", cur ? "a context" : "no context",
         s, walsh_last_error(), after == primary ? "the primary context" : after ? "another" : "none");
  if (s) return 1;
  f("cuCtxSetCurrent")(primary);
  f("cuMemAlloc_v2")(&dx, sizeof hx); f("cuMemAlloc_v2")(&dy, sizeof hx);
  f("cuMemAlloc_v2")(&da, sizeof ha); f("cuMemAlloc_v2")(&db, sizeof hb);
  srand(5);
  for (int i = 0; i < ROWS * D; ++i) hx[i] = (float)rand() / RAND_MAX - 0.5f;
  for (int i = 0; i < D; ++i) { ha[i] = 0.5f + (float)rand() / RAND_MAX; hb[i] = (float)rand() / RAND_MAX - 0.5f; }
  f("cuMemcpyHtoD_v2")(dx, hx, sizeof hx); f("cuMemcpyHtoD_v2")(da, ha, sizeof ha); f("cuMemcpyHtoD_v2")(db, hb, sizeof hb);
  X = tensor(dx, 2, shape); Y = tensor(dy, 2, shape); A = tensor(da, 1, vshape); B = tensor(db, 1, vshape);
  poison();
  s = walsh_launch(k, &X, &A, &B, &Y, NULL);
  printf("main thread, primary current, NULL stream: %d, error %.2e\n", s, check());
  pthread_t t;
  pthread_create(&t, NULL, noContext, NULL); pthread_join(t, NULL);
  pthread_create(&t, NULL, ownContext, NULL); pthread_join(t, NULL);
  void *stream = 0; f("cuStreamCreate")(&stream, 1);
  int n = 20000;
  for (int rep = 0; rep < 2; ++rep) {
    double t0 = now();
    for (int i = 0; i < n; ++i) walsh_launch(k, &X, &A, &B, &Y, stream);
    double t1 = now();
    f("cuCtxSynchronize")();
    double t2 = now();
    for (int i = 0; i < n; ++i) walsh_launch(k, &X, &A, &B, &Y, NULL);
    double t3 = now();
    f("cuCtxSynchronize")();
    printf("walsh_launch: explicit stream %.3f us, NULL stream (primary current) %.3f us\n",
           (t1 - t0) / n * 1e6, (t3 - t2) / n * 1e6);
  }
  poison();
  s = walsh_launch(k, &X, &A, &B, &Y, stream);
  printf("after the timing, explicit stream: %d, error %.2e\n", s, check());
  walsh_kernel_destroy(k);
  printf("done\n");
  return 0;
}
