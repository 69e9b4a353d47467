/*===- capi_test.c - the C API from C: compile, launch, every error ------===*
 *
 * A C11 program against walsh/walsh.h: a CPU kernel checked against an
 * independent O(d^2) reference (Sylvester's H_d entry by entry, in double),
 * packed and strided rows, the cache's memory hit, a stage's text, a
 * configuration from the tuning database (tuned for real on a miss), and every
 * bad-input path's status and message; with a CUDA driver, the same rows
 * through a CUDA kernel. Exit status 0 when every check
 * passed.
 *
 *===----------------------------------------------------------------------===*/
#include "walsh/walsh.h"

#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int checks = 0, failures = 0;

#define CHECK(cond, ...)                                                      \
  do {                                                                        \
    ++checks;                                                                 \
    if (!(cond)) {                                                            \
      ++failures;                                                             \
      fprintf(stderr, "capi_test.c:%d: check failed: %s: ", __LINE__, #cond); \
      fprintf(stderr, __VA_ARGS__);                                           \
      fprintf(stderr, "\n");                                                  \
    }                                                                         \
  } while (0)

/* status == want and the message starts with `prefix`. */
static void expectError(walsh_status got, walsh_status want,
                        const char *prefix, int line) {
  ++checks;
  const char *m = walsh_last_error();
  if (got != want || strncmp(m, prefix, strlen(prefix)) != 0) {
    ++failures;
    fprintf(stderr,
            "capi_test.c:%d: expected status %d and \"%s...\", got %d and "
            "\"%s\"\n",
            line, (int)want, prefix, (int)got, m);
  }
}
#define EXPECT_ERROR(call, want, prefix)                                      \
  expectError((call), (want), (prefix), __LINE__)

static double uniform(unsigned *s) {
  *s = *s * 1103515245u + 12345u;
  return ((*s >> 8) & 0xffff) / 32768.0 - 1.0;
}

/* The largest |bf16 y - f32 want| over rows x d, `stride` elements apart
 * (the bf16 bit pattern is the top half of an f32's). */
static double maxBf16Error(const uint16_t *y, const float *want, int64_t rows,
                           int64_t d, int64_t stride) {
  double err = 0;
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < d; ++c) {
      uint32_t bits = (uint32_t)y[r * stride + c] << 16;
      float v;
      memcpy(&v, &bits, sizeof v);
      double e = fabs((double)v - want[r * stride + c]);
      err = e > err ? e : err;
    }
  return err;
}

static DLTensor tensor(void *data, int32_t ndim, int64_t *shape,
                       int64_t *strides, DLDataType t) {
  DLTensor x;
  x.data = data;
  x.device.device_type = kDLCPU;
  x.device.device_id = 0;
  x.ndim = ndim;
  x.dtype = t;
  x.shape = shape;
  x.strides = strides;
  x.byte_offset = 0;
  return x;
}

/* y[r] = a (.) (H x[r] / sqrt(d)) + b, Sylvester H in natural order. */
static double reference(const float *x, const float *a, const float *b,
                        int64_t d, int64_t col) {
  double s = 0;
  for (int64_t j = 0; j < d; ++j)
    s += (__builtin_popcountll((unsigned long long)(col & j)) & 1 ? -1.0
                                                                   : 1.0) *
         x[j];
  return a[col] * s / sqrt((double)d) + b[col];
}

/* With a CUDA driver: the same rows through a CUDA kernel (device memory
 * through the driver API, dlopen'ed here), against the same reference, and
 * a host pointer refused by name. */
typedef int (*MemAlloc)(unsigned long long *, size_t);
typedef int (*MemFree)(unsigned long long);
typedef int (*Copy)(unsigned long long, const void *, size_t);
typedef int (*CopyBack)(void *, unsigned long long, size_t);
typedef int (*Sync)(void);
static void cudaChecks(void *lib, const walsh_spec *spec, const float *x,
                       const float *a, const float *b, int64_t d, int64_t rows,
                       int64_t stride) {
  walsh_kernel *k = NULL;
  walsh_status s = walsh_compile(spec, WALSH_TARGET_CUDA, &k);
  CHECK(s == WALSH_OK, "walsh_compile (CUDA): %s", walsh_last_error());
  if (s != WALSH_OK)
    return;
  MemAlloc alloc = (MemAlloc)dlsym(lib, "cuMemAlloc_v2");
  MemFree release = (MemFree)dlsym(lib, "cuMemFree_v2");
  Copy htod = (Copy)dlsym(lib, "cuMemcpyHtoD_v2");
  CopyBack dtoh = (CopyBack)dlsym(lib, "cuMemcpyDtoH_v2");
  Sync sync = (Sync)dlsym(lib, "cuCtxSynchronize");
  size_t bytes = (size_t)(rows * stride) * sizeof(float);
  unsigned long long dx = 0, dy = 0, da = 0, db = 0;
  CHECK(!alloc(&dx, bytes) && !alloc(&dy, bytes) &&
            !alloc(&da, (size_t)d * 4) && !alloc(&db, (size_t)d * 4),
        "cuMemAlloc");
  htod(dx, x, bytes);
  htod(da, a, (size_t)d * 4);
  htod(db, b, (size_t)d * 4);
  const DLDataType f32 = {kDLFloat, 32, 1};
  int64_t shape[2] = {rows, d}, strides[2] = {stride, 1}, vshape[1] = {d};
  DLTensor X = tensor((void *)(uintptr_t)dx, 2, shape, strides, f32);
  DLTensor Y = tensor((void *)(uintptr_t)dy, 2, shape, strides, f32);
  DLTensor A = tensor((void *)(uintptr_t)da, 1, vshape, NULL, f32);
  DLTensor B = tensor((void *)(uintptr_t)db, 1, vshape, NULL, f32);
  X.device.device_type = Y.device.device_type = kDLCUDA;
  A.device.device_type = B.device.device_type = kDLCUDA;
  s = walsh_launch(k, &X, &A, &B, &Y, NULL);
  CHECK(s == WALSH_OK, "walsh_launch (CUDA): %s", walsh_last_error());
  CHECK(sync() == 0, "cuCtxSynchronize");
  float *y = malloc(bytes);
  dtoh(y, dy, bytes);
  double maxErr = 0, maxRef = 0;
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < d; ++c) {
      double want = reference(x + r * stride, a, b, d, c);
      double e = fabs(y[r * stride + c] - want);
      maxErr = e > maxErr ? e : maxErr;
      maxRef = fabs(want) > maxRef ? fabs(want) : maxRef;
    }
  CHECK(maxErr <= 1e-5 * maxRef, "CUDA: max error %g (max |ref| %g)", maxErr,
        maxRef);
  /* The output cast on CUDA: the same projection stored as bf16, each
   * element the f32 kernel's y within one bf16 step. */
  {
    walsh_epilogue ep = WALSH_EPILOGUE_INIT;
    ep.out_dtype.code = kDLBfloat;
    ep.out_dtype.bits = 16;
    ep.out_dtype.lanes = 1;
    walsh_kernel *cast = NULL;
    s = walsh_compile_fused(spec, &ep, WALSH_TARGET_CUDA, NULL,
                            WALSH_TUNE_HEURISTIC, &cast);
    CHECK(s == WALSH_OK, "walsh_compile_fused (CUDA cast): %s",
          walsh_last_error());
    unsigned long long dyb = 0;
    size_t halfBytes = (size_t)(rows * stride) * sizeof(uint16_t);
    CHECK(!alloc(&dyb, halfBytes), "cuMemAlloc");
    const DLDataType bf16 = {kDLBfloat, 16, 1};
    DLTensor YB = tensor((void *)(uintptr_t)dyb, 2, shape, strides, bf16);
    YB.device.device_type = kDLCUDA;
    if (s == WALSH_OK) {
      s = walsh_launch(cast, &X, &A, &B, &YB, NULL);
      CHECK(s == WALSH_OK, "walsh_launch (CUDA cast): %s",
            walsh_last_error());
      CHECK(sync() == 0, "cuCtxSynchronize");
      uint16_t *yb = malloc(halfBytes);
      dtoh(yb, dyb, halfBytes);
      double err = maxBf16Error(yb, y, rows, d, stride);
      CHECK(err <= maxRef / 128, "CUDA cast: error %g against the f32 y",
            err);
      EXPECT_ERROR(walsh_launch(cast, &X, &A, &B, &Y, NULL),
                   WALSH_ERROR_INVALID_ARGUMENT,
                   "y: expects dtype bfloat16 as the kernel was compiled "
                   "for, got float32");
      free(yb);
      walsh_kernel_destroy(cast);
    }
    release(dyb);
  }
  DLTensor Xhost = X;
  Xhost.data = (void *)(uintptr_t)x; /* a host pointer, on purpose */
  EXPECT_ERROR(walsh_launch(k, &Xhost, &A, &B, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "x: expects a device pointer, got a pointer the CUDA driver "
               "does not know as device memory");
  DLTensor Xcpu = X;
  Xcpu.device.device_type = kDLCPU;
  EXPECT_ERROR(walsh_launch(k, &Xcpu, &A, &B, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "x: expects a tensor on the CUDA device (kDLCUDA), got device "
               "type 1");
  free(y);
  release(dx);
  release(dy);
  release(da);
  release(db);
  walsh_kernel_destroy(k);
  printf("capi_test: the CUDA kernel matched the reference (max error %g)\n",
         maxErr);
}

/* With a CUDA driver (`lib`): the kernel for (spec, pro) compiled for CUDA
 * and run on the same inputs (x and stats copied to the device), its
 * output compared with the CPU kernel's `want` (rows x d, already checked
 * against the reference). Returns max |difference| / max |want|; -1
 * without a driver. */
static double cudaAttention(void *lib, const walsh_spec *spec,
                            const walsh_prologue *pro, const float *x,
                            int32_t xnd, int64_t *xshape, size_t xcount,
                            const float *stats, int32_t snd, int64_t *sshape,
                            size_t scount, const float *a, const float *b,
                            int64_t d, int64_t rows, const float *want) {
  if (!lib)
    return -1;
  walsh_kernel *k = NULL;
  walsh_status s = walsh_compile_attention(spec, pro, NULL, WALSH_TARGET_CUDA,
                                           NULL, WALSH_TUNE_HEURISTIC, &k);
  CHECK(s == WALSH_OK, "walsh_compile_attention (CUDA): %s",
        walsh_last_error());
  if (s != WALSH_OK)
    return INFINITY;
  MemAlloc alloc = (MemAlloc)dlsym(lib, "cuMemAlloc_v2");
  MemFree release = (MemFree)dlsym(lib, "cuMemFree_v2");
  Copy htod = (Copy)dlsym(lib, "cuMemcpyHtoD_v2");
  CopyBack dtoh = (CopyBack)dlsym(lib, "cuMemcpyDtoH_v2");
  Sync sync = (Sync)dlsym(lib, "cuCtxSynchronize");
  size_t ybytes = (size_t)(rows * d) * 4;
  unsigned long long dx = 0, ds = 0, da = 0, db = 0, dy = 0;
  CHECK(!alloc(&dx, xcount * 4) && !alloc(&da, (size_t)d * 4) &&
            !alloc(&db, (size_t)d * 4) && !alloc(&dy, ybytes) &&
            (!stats || !alloc(&ds, scount * 4)),
        "cuMemAlloc");
  htod(dx, x, xcount * 4);
  htod(da, a, (size_t)d * 4);
  htod(db, b, (size_t)d * 4);
  if (stats)
    htod(ds, stats, scount * 4);
  const DLDataType f32 = {kDLFloat, 32, 1};
  int64_t vshape[1] = {d}, yshape[2] = {rows, d};
  DLTensor X = tensor((void *)(uintptr_t)dx, xnd, xshape, NULL, f32);
  DLTensor S = tensor((void *)(uintptr_t)ds, snd, sshape, NULL, f32);
  DLTensor A = tensor((void *)(uintptr_t)da, 1, vshape, NULL, f32);
  DLTensor B = tensor((void *)(uintptr_t)db, 1, vshape, NULL, f32);
  DLTensor Y = tensor((void *)(uintptr_t)dy, 2, yshape, NULL, f32);
  X.device.device_type = S.device.device_type = kDLCUDA;
  A.device.device_type = B.device.device_type = Y.device.device_type = kDLCUDA;
  s = walsh_launch_attention(k, &X, stats ? &S : NULL, &A, &B, NULL, NULL,
                             NULL, &Y, NULL, NULL);
  CHECK(s == WALSH_OK, "walsh_launch_attention (CUDA): %s",
        walsh_last_error());
  CHECK(sync() == 0, "cuCtxSynchronize");
  float *y = malloc(ybytes);
  for (int64_t i = 0; i < rows * d; ++i)
    y[i] = NAN;
  dtoh(y, dy, ybytes);
  double err = 0, top = 0;
  for (int64_t i = 0; i < rows * d; ++i) {
    double e = fabs((double)y[i] - want[i]);
    err = e > err || isnan(e) ? e : err;
    top = fabs(want[i]) > top ? fabs(want[i]) : top;
  }
  free(y);
  release(dx);
  release(da);
  release(db);
  release(dy);
  if (stats)
    release(ds);
  walsh_kernel_destroy(k);
  return top > 0 ? err / top : err;
}

int main(void) {
  const DLDataType f32 = {kDLFloat, 32, 1}, bf16 = {kDLBfloat, 16, 1};
  const int64_t d = 256, rows = 7, stride = 264;
  /* The library's version is the header's it was built with. */
  CHECK(walsh_version() && strcmp(walsh_version(), WALSH_VERSION_STRING) == 0,
        "walsh_version() '%s' is the header's '%s'",
        walsh_version() ? walsh_version() : "(null)", WALSH_VERSION_STRING);
  walsh_spec spec = WALSH_SPEC_INIT;
  spec.d = d;
  walsh_kernel *k = NULL;
  walsh_status s = walsh_compile(&spec, WALSH_TARGET_CPU, &k);
  CHECK(s == WALSH_OK && k, "walsh_compile: %s", walsh_last_error());
  if (!k)
    return 1;

  /* Strided rows (padding poisoned and checked), against the reference. */
  float *x = calloc((size_t)(rows * stride), sizeof(float));
  float *y = calloc((size_t)(rows * stride), sizeof(float));
  float a[256], b[256];
  unsigned seed = 12345;
  for (int64_t i = 0; i < rows * stride; ++i) {
    x[i] = (float)uniform(&seed);
    y[i] = NAN;
  }
  for (int64_t i = 0; i < d; ++i) {
    a[i] = (float)uniform(&seed);
    b[i] = (float)uniform(&seed);
  }
  int64_t shape[2] = {rows, d}, strides[2] = {stride, 1}, vshape[1] = {d};
  DLTensor X = tensor(x, 2, shape, strides, f32);
  DLTensor Y = tensor(y, 2, shape, strides, f32);
  DLTensor A = tensor(a, 1, vshape, NULL, f32);
  DLTensor B = tensor(b, 1, vshape, NULL, f32);
  s = walsh_launch(k, &X, &A, &B, &Y, NULL);
  CHECK(s == WALSH_OK, "walsh_launch: %s", walsh_last_error());
  double maxErr = 0, maxRef = 0;
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < d; ++c) {
      double want = reference(x + r * stride, a, b, d, c);
      double e = fabs(y[r * stride + c] - want);
      maxErr = e > maxErr ? e : maxErr;
      maxRef = fabs(want) > maxRef ? fabs(want) : maxRef;
    }
    for (int64_t c = d; c < stride; ++c)
      CHECK(isnan(y[r * stride + c]), "padding of row %d written", (int)r);
  }
  CHECK(maxErr <= 1e-5 * maxRef, "max error %g (max |ref| %g)", maxErr, maxRef);

  /* One row as a 1-D tensor; zero rows is a no-op. */
  DLTensor X1 = tensor(x, 1, vshape, NULL, f32), Y1 = tensor(y, 1, vshape, NULL, f32);
  CHECK(walsh_launch(k, &X1, &A, &B, &Y1, NULL) == WALSH_OK, "%s",
        walsh_last_error());
  /* One row of any row stride (a size-1 dimension's stride is free in
   * DLPack; the launcher refused one below d until 2026-12-06). */
  int64_t oneShape[2] = {1, d}, oddStrides[2] = {1, 1};
  DLTensor Xone = tensor(x, 2, oneShape, oddStrides, f32),
           Yone = tensor(y, 2, oneShape, oddStrides, f32);
  CHECK(walsh_launch(k, &Xone, &A, &B, &Yone, NULL) == WALSH_OK, "%s",
        walsh_last_error());
  int64_t zshape[2] = {0, d};
  DLTensor X0 = tensor(NULL, 2, zshape, NULL, f32), Y0 = tensor(NULL, 2, zshape, NULL, f32);
  CHECK(walsh_launch(k, &X0, &A, &B, &Y0, NULL) == WALSH_OK, "%s",
        walsh_last_error());
  /* Zero rows with any strides (PyTorch's empty tensor from NumPy has
   * (0, 0)): still a no-op, not a refusal. */
  int64_t zstrides[2] = {0, 0};
  DLTensor X0s = tensor(NULL, 2, zshape, zstrides, f32),
           Y0s = tensor(NULL, 2, zshape, zstrides, f32);
  CHECK(walsh_launch(k, &X0s, &A, &B, &Y0s, NULL) == WALSH_OK,
        "zero rows of strides (0, 0): %s", walsh_last_error());

  /* Leading dimensions as rows ([batch, seq, d], as frameworks hold the
   * attention output): the same rows as the 2-D launch, bit for bit, with
   * a size-1 dimension of any stride; y 3-D beside a 2-D x; zero rows in a
   * leading dimension a no-op. Leading dimensions that are not one run of
   * rows are refused, naming the strides. */
  float *y3 = malloc((size_t)(rows * stride) * sizeof(float));
  for (int64_t i = 0; i < rows * stride; ++i)
    y3[i] = NAN;
  int64_t shape3[3] = {1, rows, d}, strides3[3] = {12345, stride, 1};
  int64_t shape3b[3] = {rows, 1, d}, strides3b[3] = {stride, 99, 1};
  DLTensor X3 = tensor(x, 3, shape3, strides3, f32);
  DLTensor Y3 = tensor(y3, 3, shape3b, strides3b, f32);
  CHECK(walsh_launch(k, &X3, &A, &B, &Y3, NULL) == WALSH_OK, "[1, 7, d]: %s",
        walsh_last_error());
  int same = 1;
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < stride; ++c)
      same &= c < d ? y3[r * stride + c] == y[r * stride + c]
                    : isnan(y3[r * stride + c]);
  CHECK(same, "[1, 7, d] into [7, 1, d]: the 2-D launch's rows, bit for bit");
  for (int64_t i = 0; i < rows * stride; ++i)
    y3[i] = NAN;
  DLTensor X3c = tensor(x, 3, shape3, NULL, f32); /* compact: stride d */
  int64_t shape2c[2] = {rows, d};
  DLTensor Y2c = tensor(y3, 2, shape2c, NULL, f32);
  CHECK(walsh_launch(k, &X3c, &A, &B, &Y2c, NULL) == WALSH_OK,
        "compact [1, 7, d]: %s", walsh_last_error());
  int64_t gapShape[3] = {2, 3, d}, gapStrides[3] = {4 * stride, stride, 1};
  DLTensor Xgap3 = tensor(x, 3, gapShape, gapStrides, f32);
  int64_t sixShape[2] = {6, d};
  DLTensor Y6 = tensor(y3, 2, sixShape, strides, f32);
  EXPECT_ERROR(walsh_launch(k, &Xgap3, &A, &B, &Y6, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "x: its leading dimensions are not one run of rows (dimension "
               "0's stride 1056 is not 264 x 3, dimension 1's stride times "
               "its size); expects them collapsible to [rows, 256], as a "
               "contiguous tensor is");
  int64_t negative3[3] = {2, -3, d};
  DLTensor Xneg3 = tensor(x, 3, negative3, NULL, f32);
  EXPECT_ERROR(walsh_launch(k, &Xneg3, &A, &B, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "x: has a negative size -3 in dimension 1");
  int64_t huge3[3] = {(int64_t)1 << 62, 4, d};
  DLTensor Xhuge3 = tensor(x, 3, huge3, NULL, f32);
  EXPECT_ERROR(walsh_launch(k, &Xhuge3, &A, &B, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "x: its leading dimensions hold more than 2^63 rows");
  int64_t zero3[3] = {4, 0, d};
  DLTensor X03 = tensor(NULL, 3, zero3, NULL, f32),
           Y03 = tensor(NULL, 3, zero3, NULL, f32);
  CHECK(walsh_launch(k, &X03, &A, &B, &Y03, NULL) == WALSH_OK, "[4, 0, d]: %s",
        walsh_last_error());
  free(y3);

  /* The same spec again: from the memory cache. A stage's text. */
  walsh_kernel *again = NULL;
  CHECK(walsh_compile(&spec, WALSH_TARGET_CPU, &again) == WALSH_OK, "%s",
        walsh_last_error());
  CHECK(walsh_kernel_cache_source(again) == WALSH_CACHE_MEMORY, "source %d",
        (int)walsh_kernel_cache_source(again));
  const char *text = NULL;
  CHECK(walsh_kernel_stage(again, "asm", &text) == WALSH_OK && text &&
            strstr(text, "outproj"),
        "stage asm: %s", walsh_last_error());
  walsh_kernel_destroy(again);

  /* Bad input: the status and the message, which names the argument. */
  walsh_spec bad = spec;
  EXPECT_ERROR(walsh_compile(&spec, WALSH_TARGET_CPU, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "out: expects a pointer to receive the kernel, got NULL");
  EXPECT_ERROR(walsh_compile(NULL, WALSH_TARGET_CPU, &again),
               WALSH_ERROR_INVALID_ARGUMENT, "spec: expects a spec, got NULL");
  bad.d = 100;
  EXPECT_ERROR(walsh_compile(&bad, WALSH_TARGET_CPU, &again),
               WALSH_ERROR_INVALID_ARGUMENT,
               "spec.d: expects 2^k or m * 2^k with m in {12, 20, 28, 36, "
               "44, 52, 60}, at most 65536, got 100");
  /* The same checks without compiling (a binding's constructor). */
  EXPECT_ERROR(walsh_check_spec(&bad, NULL), WALSH_ERROR_INVALID_ARGUMENT,
               "spec.d: expects 2^k or m * 2^k with m in {12, 20, 28, 36, "
               "44, 52, 60}, at most 65536, got 100");
  EXPECT_ERROR(walsh_check_spec(NULL, NULL), WALSH_ERROR_INVALID_ARGUMENT,
               "spec: expects a spec, got NULL");
  CHECK(walsh_check_spec(&spec, NULL) == WALSH_OK && walsh_last_error()[0] == 0,
        "%s", walsh_last_error());
  bad = spec;
  bad.dtype.code = kDLInt;
  EXPECT_ERROR(walsh_compile(&bad, WALSH_TARGET_CPU, &again),
               WALSH_ERROR_INVALID_ARGUMENT,
               "spec.dtype: expects float32, float16 or bfloat16, got code 0, "
               "32 bits, 1 lanes");
  EXPECT_ERROR(walsh_compile(&spec, (walsh_target)7, &again),
               WALSH_ERROR_INVALID_ARGUMENT,
               "target: expects WALSH_TARGET_CPU or WALSH_TARGET_CUDA, got 7");
  EXPECT_ERROR(walsh_launch(NULL, &X, &A, &B, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT, "kernel: expects a kernel, got NULL");
  EXPECT_ERROR(walsh_launch(k, NULL, &A, &B, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT, "x: expects a tensor, got NULL");
  DLTensor Xb = X;
  Xb.dtype = bf16;
  EXPECT_ERROR(walsh_launch(k, &Xb, &A, &B, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "x: expects dtype float32 as the kernel was compiled for, got "
               "bfloat16");
  int64_t shortShape[1] = {d - 1};
  DLTensor Ashort = tensor(a, 1, shortShape, NULL, f32);
  EXPECT_ERROR(walsh_launch(k, &X, &Ashort, &B, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "a: expects shape [256], got ndim 1 with last dimension 255");
  int64_t narrowShape[2] = {rows, d / 2};
  DLTensor Xnarrow = tensor(x, 2, narrowShape, NULL, f32);
  EXPECT_ERROR(walsh_launch(k, &Xnarrow, &A, &B, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "x: expects shape [..., 256] (rows in any leading dimensions), "
               "got ndim 2 with last dimension 128");
  DLTensor Xscalar = tensor(x, 0, NULL, NULL, f32);
  EXPECT_ERROR(walsh_launch(k, &Xscalar, &A, &B, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "x: expects shape [..., 256] (rows in any leading dimensions), "
               "got ndim 0 with last dimension none");
  int64_t gappy[2] = {stride, 2};
  DLTensor Xgap = tensor(x, 2, shape, gappy, f32);
  EXPECT_ERROR(walsh_launch(k, &Xgap, &A, &B, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "x: expects a unit stride in the last dimension (rows must be "
               "contiguous), got 2");
  EXPECT_ERROR(walsh_launch(k, &X, &A, NULL, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT, "b: expects a tensor, got NULL");
  DLTensor Xgpu = X;
  Xgpu.device.device_type = kDLCUDA;
  EXPECT_ERROR(walsh_launch(k, &Xgpu, &A, &B, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "x: expects a tensor on the CPU (kDLCPU), got device type 2");
  int64_t fewer[2] = {rows - 1, d};
  DLTensor Yfew = tensor(y, 2, fewer, strides, f32);
  EXPECT_ERROR(walsh_launch(k, &X, &A, &B, &Yfew, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "y: expects as many rows as x (7), got 6");
  DLTensor Xodd = X;
  Xodd.byte_offset = 2;
  EXPECT_ERROR(walsh_launch(k, &Xodd, &A, &B, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT, "x: ");
  /* A byte_offset no address can have (it had passed every check, and the
   * kernel wrote through the wrapped pointer: a segfault, 2026-12-05). */
  DLTensor Bfar = B;
  Bfar.byte_offset = (uint64_t)1 << 63;
  EXPECT_ERROR(walsh_launch(k, &X, &A, &Bfar, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "b: data + byte_offset is past any address (byte_offset "
               "9223372036854775808)");
  /* A row stride of 0 (DLPack's broadcast of one row) had been read as the
   * default, d: rows read past the one row x holds. */
  int64_t broadcast[2] = {0, 1};
  DLTensor Xbroadcast = tensor(x, 2, shape, broadcast, f32);
  EXPECT_ERROR(walsh_launch(k, &Xbroadcast, &A, &B, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "x: has a row stride of 0 (rows broadcast from one); expects "
               "rows of their own, at least 256 elements apart");
  /* Rows that overlap, or run backwards: named as the tensor (they had
   * reached the launcher, which named its own x_row_stride). */
  int64_t overlap[2] = {100, 1};
  DLTensor Xover = tensor(x, 2, shape, overlap, f32);
  EXPECT_ERROR(walsh_launch(k, &Xover, &A, &B, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "x: has a row stride of 100; expects rows of their own, at "
               "least 256 elements apart");
  DLTensor Yfar = Y;
  Yfar.byte_offset = (uint64_t)1 << 63;
  EXPECT_ERROR(walsh_launch(k, &X, &A, &B, &Yfar, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "y: data + byte_offset is past any address");
  EXPECT_ERROR(walsh_launch(k, &X, &A, &B, &Y, (void *)1),
               WALSH_ERROR_INVALID_ARGUMENT,
               "stream: expects NULL for the CPU target");
  /* b inside y's rows: every row reads b while rows of y are written
   * (accepted, each row with another b, until 2026-12-06: fuzz.py capi). */
  DLTensor Bover = tensor(y + stride, 1, vshape, NULL, f32);
  EXPECT_ERROR(walsh_launch(k, &X, &A, &Bover, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "y: overlaps b (every row reads b while rows of y are written: "
               "they need memory apart)");
  EXPECT_ERROR(walsh_kernel_stage(k, "sass", &text),
               WALSH_ERROR_INVALID_ARGUMENT, "stage: expects one of asm, llvm");
  walsh_spec noAffine = spec;
  noAffine.affine = 0;
  walsh_kernel *plain = NULL;
  CHECK(walsh_compile(&noAffine, WALSH_TARGET_CPU, &plain) == WALSH_OK, "%s",
        walsh_last_error());
  EXPECT_ERROR(walsh_launch(plain, &X, &A, NULL, &Y, NULL),
               WALSH_ERROR_INVALID_ARGUMENT,
               "a: the kernel was compiled without the affine; pass NULL");
  walsh_kernel_destroy(plain);
  /* After a success the message is empty again. */
  CHECK(walsh_launch(k, &X, &A, &B, &Y, NULL) == WALSH_OK &&
            walsh_last_error()[0] == 0,
        "%s", walsh_last_error());

  /* A configuration for a shape, from the tuning database. No cache
   * directory (ctest sets WALSH_CACHE_DIR=none): the default. */
  walsh_shape sh = {1, 64, 4, 64};
  walsh_kernel *shaped = NULL;
  CHECK(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, &sh,
                                WALSH_TUNE_DB_ONLY, &shaped) == WALSH_OK,
        "%s", walsh_last_error());
  CHECK(strcmp(walsh_kernel_config_source(shaped), "default") == 0, "%s",
        walsh_kernel_config_source(shaped));
  walsh_kernel_destroy(shaped);
  /* A database in a fresh directory: tuned on the miss (really measured on
   * this CPU), then found exactly, nearest for another row count or head
   * split, and not read under HEURISTIC. */
  char dir[] = "/tmp/walsh-capi-XXXXXX";
  if (mkdtemp(dir)) {
    setenv("WALSH_CACHE_DIR", dir, 1);
    CHECK(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, &sh,
                                  WALSH_TUNE_ON_MISS, &shaped) == WALSH_OK,
          "%s", walsh_last_error());
    CHECK(strcmp(walsh_kernel_config_source(shaped), "tuned") == 0, "%s",
          walsh_kernel_config_source(shaped));
    CHECK(walsh_launch(shaped, &X, &A, &B, &Y, NULL) == WALSH_OK, "%s",
          walsh_last_error());
    walsh_kernel_destroy(shaped);
    CHECK(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, &sh,
                                  WALSH_TUNE_DB_ONLY, &shaped) == WALSH_OK,
          "%s", walsh_last_error());
    CHECK(strcmp(walsh_kernel_config_source(shaped), "db-exact") == 0, "%s",
          walsh_kernel_config_source(shaped));
    walsh_kernel_destroy(shaped);
    walsh_shape more = {4, 64, 4, 64};
    CHECK(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, &more,
                                  WALSH_TUNE_DB_ONLY, &shaped) == WALSH_OK,
          "%s", walsh_last_error());
    CHECK(strcmp(walsh_kernel_config_source(shaped), "db-nearest") == 0, "%s",
          walsh_kernel_config_source(shaped));
    walsh_kernel_destroy(shaped);
    /* The same spec and rows as one head of 256 (how a framework that
     * knows no head split asks): the entry tuned as 4 x 64 is the same
     * kernel, found without tuning again. */
    walsh_shape flat = {1, 64, 1, 256};
    CHECK(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, &flat,
                                  WALSH_TUNE_ON_MISS, &shaped) == WALSH_OK,
          "%s", walsh_last_error());
    CHECK(strcmp(walsh_kernel_config_source(shaped), "db-nearest") == 0, "%s",
          walsh_kernel_config_source(shaped));
    walsh_kernel_destroy(shaped);
    CHECK(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, &sh,
                                  WALSH_TUNE_HEURISTIC, &shaped) == WALSH_OK,
          "%s", walsh_last_error());
    CHECK(strcmp(walsh_kernel_config_source(shaped), "default") == 0, "%s",
          walsh_kernel_config_source(shaped));
    walsh_kernel_destroy(shaped);
    /* The database unreadable (not JSON): DB_ONLY takes the default (a
     * warning on stderr) rather than failing every compile; TUNE_ON_MISS,
     * which would save into it, fails naming the file. */
    char cmd[256];
    snprintf(cmd, sizeof(cmd),
             "for f in %s/tuning/*.json; do echo 'not json' > \"$f\"; done",
             dir);
    CHECK(system(cmd) == 0, "%s", cmd);
    CHECK(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, &sh,
                                  WALSH_TUNE_DB_ONLY, &shaped) == WALSH_OK,
          "%s", walsh_last_error());
    CHECK(strcmp(walsh_kernel_config_source(shaped), "default") == 0, "%s",
          walsh_kernel_config_source(shaped));
    walsh_kernel_destroy(shaped);
    shaped = NULL;
    CHECK(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, &sh,
                                  WALSH_TUNE_ON_MISS,
                                  &shaped) == WALSH_ERROR_INVALID_ARGUMENT &&
              strstr(walsh_last_error(), "/tuning/") &&
              strstr(walsh_last_error(), "not a tuning database"),
          "%s", walsh_last_error());
    CHECK(shaped == NULL, "no kernel on an error");
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    CHECK(system(cmd) == 0, "%s", cmd);
    setenv("WALSH_CACHE_DIR", "none", 1);
  }
  EXPECT_ERROR(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, NULL,
                                       WALSH_TUNE_DB_ONLY, &shaped),
               WALSH_ERROR_INVALID_ARGUMENT, "shape: expects a shape, got NULL");
  walsh_shape wrong = {1, 64, 3, 64};
  EXPECT_ERROR(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, &wrong,
                                       WALSH_TUNE_DB_ONLY, &shaped),
               WALSH_ERROR_INVALID_ARGUMENT,
               "shape: heads * head_dim = 3 * 64 does not equal spec.d = 256");
  /* Products past 64 bits: heads 2^62 + 64 of head_dim 4 would wrap to
   * 256; batch 2^62 + 1 of seq 4 to 4 rows (until 2026-12-06 accepted, and
   * a batch past 2^62 hung in the database's buckets); 2^40 rows tuned on
   * a miss need host buffers no machine has. */
  walsh_shape wraps = {1, 64, ((int64_t)1 << 62) + 64, 4};
  EXPECT_ERROR(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, &wraps,
                                       WALSH_TUNE_DB_ONLY, &shaped),
               WALSH_ERROR_INVALID_ARGUMENT,
               "shape: heads * head_dim = 4611686018427387968 * 4 does not "
               "equal spec.d = 256");
  walsh_shape rows62 = {((int64_t)1 << 62) + 1, 4, 4, 64};
  EXPECT_ERROR(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, &rows62,
                                       WALSH_TUNE_DB_ONLY, &shaped),
               WALSH_ERROR_INVALID_ARGUMENT,
               "shape.batch, shape.seq: 4611686018427387905 x 4 rows of d = "
               "256 are more than 2^62; pass fewer");
  walsh_shape huge = {(int64_t)1 << 20, (int64_t)1 << 20, 4, 64};
  CHECK(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, &huge,
                                WALSH_TUNE_ON_MISS,
                                &shaped) == WALSH_ERROR_INVALID_ARGUMENT &&
            strstr(walsh_last_error(),
                   "shape.batch, shape.seq: 1048576 x "
                   "1048576 rows of d = 256 need ") == walsh_last_error() &&
            strstr(walsh_last_error(), " GB of host buffers, more than three "
                                       "quarters of "),
        "%s", walsh_last_error());
  /* Under DB_ONLY nothing is timed: the default for 2^40 rows. */
  CHECK(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, &huge,
                                WALSH_TUNE_DB_ONLY, &shaped) == WALSH_OK,
        "%s", walsh_last_error());
  walsh_kernel_destroy(shaped);
  shaped = NULL;
  walsh_shape zero = {0, 64, 4, 64};
  EXPECT_ERROR(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, &zero,
                                       WALSH_TUNE_DB_ONLY, &shaped),
               WALSH_ERROR_INVALID_ARGUMENT,
               "shape.batch: expects at least 1, got 0");
  EXPECT_ERROR(walsh_compile_for_shape(&spec, WALSH_TARGET_CPU, &sh,
                                       (walsh_tune_mode)9, &shaped),
               WALSH_ERROR_INVALID_ARGUMENT,
               "mode: expects WALSH_TUNE_DB_ONLY, WALSH_TUNE_ON_MISS or "
               "WALSH_TUNE_HEURISTIC, got 9");
  /* Without a shape too (taken until 2026-12-06: fuzz.py capi). */
  EXPECT_ERROR(walsh_compile_attention(&spec, NULL, NULL, WALSH_TARGET_CPU,
                                       NULL, (walsh_tune_mode)-1, &shaped),
               WALSH_ERROR_INVALID_ARGUMENT,
               "mode: expects WALSH_TUNE_DB_ONLY, WALSH_TUNE_ON_MISS or "
               "WALSH_TUNE_HEURISTIC, got -1");
  CHECK(walsh_kernel_config_source(NULL)[0] == 0, "NULL kernel");

  /* The fused epilogue: residual + RMSNorm on the same strided rows. h must
   * equal y + residual, n the RMSNorm of h (computed here in double from
   * the kernel's h). */
  {
    walsh_epilogue ep = WALSH_EPILOGUE_INIT;
    ep.residual = 1;
    ep.norm = WALSH_NORM_RMS;
    walsh_kernel *fused = NULL;
    CHECK(walsh_compile_fused(&spec, &ep, WALSH_TARGET_CPU, NULL,
                              WALSH_TUNE_HEURISTIC, &fused) == WALSH_OK,
          "walsh_compile_fused: %s", walsh_last_error());
    float *res = calloc((size_t)(rows * stride), sizeof(float));
    float *h = calloc((size_t)(rows * stride), sizeof(float));
    float *n = calloc((size_t)(rows * stride), sizeof(float));
    for (int64_t i = 0; i < rows * stride; ++i) {
      res[i] = (float)uniform(&seed);
      h[i] = n[i] = NAN;
    }
    DLTensor R = tensor(res, 2, shape, strides, f32);
    DLTensor H = tensor(h, 2, shape, strides, f32);
    DLTensor N = tensor(n, 2, shape, strides, f32);
    CHECK(walsh_launch(k, &X, &A, &B, &Y, NULL) == WALSH_OK, "%s",
          walsh_last_error());
    CHECK(walsh_launch_fused(fused, &X, &A, &B, &R, &A, NULL, &H, &N, NULL) ==
              WALSH_OK,
          "walsh_launch_fused: %s", walsh_last_error());
    double errH = 0, errN = 0;
    for (int64_t r = 0; r < rows; ++r) {
      double sq = 0;
      for (int64_t c = 0; c < d; ++c) {
        double hv = h[r * stride + c];
        sq += hv * hv;
        double e = fabs(hv - ((double)y[r * stride + c] + res[r * stride + c]));
        errH = e > errH ? e : errH;
      }
      double inv = 1.0 / sqrt(sq / (double)d + 1e-6);
      for (int64_t c = 0; c < d; ++c) {
        double e = fabs(n[r * stride + c] - h[r * stride + c] * inv * a[c]);
        errN = e > errN ? e : errN;
      }
      for (int64_t c = d; c < stride; ++c)
        CHECK(isnan(h[r * stride + c]) && isnan(n[r * stride + c]),
              "fused: padding of row %d written", (int)r);
    }
    CHECK(errH <= 1e-5 * maxRef && errN <= 1e-4, "fused: errors %g, %g", errH,
          errN);
    /* Zero rows whose tensors hold no data (PyTorch's empty tensors have
     * NULL data pointers): a no-op, as the plain launch's. */
    DLTensor X0f = tensor(NULL, 2, zshape, NULL, f32),
             R0 = tensor(NULL, 2, zshape, NULL, f32),
             H0 = tensor(NULL, 2, zshape, NULL, f32),
             N0 = tensor(NULL, 2, zshape, NULL, f32);
    CHECK(walsh_launch_fused(fused, &X0f, &A, &B, &R0, &A, NULL, &H0, &N0,
                             NULL) == WALSH_OK,
          "fused, zero rows of NULL data: %s", walsh_last_error());
    EXPECT_ERROR(
        walsh_launch_fused(fused, &X0f, &A, &B, NULL, &A, NULL, &H0, &N0, NULL),
        WALSH_ERROR_INVALID_ARGUMENT, "residual: expects");
    EXPECT_ERROR(walsh_launch(fused, &X, &A, &B, &H, NULL),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "kernel: compiled with a fused epilogue (residual,rmsnorm); "
                 "use walsh_launch_fused");
    EXPECT_ERROR(walsh_launch_fused(fused, &X, &A, &B, NULL, &A, NULL, &H, &N,
                                    NULL),
                 WALSH_ERROR_INVALID_ARGUMENT, "residual: expects");
    EXPECT_ERROR(walsh_launch_fused(fused, &X, &A, &B, &R, &A, &B, &H, &N,
                                    NULL),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "norm_bias: the kernel was compiled without it; pass NULL");
    /* The normalised rows by walsh.h's name, normed (until 2026-12-06 the
     * runtime's, norm_out). */
    EXPECT_ERROR(
        walsh_launch_fused(fused, &X, &A, &B, &R, &A, NULL, &H, &H, NULL),
        WALSH_ERROR_INVALID_ARGUMENT,
        "normed: overlaps y (the normalised rows need a buffer of "
        "their own)");
    DLTensor W = A;
    W.data = n + stride; /* the weight inside normed's second row */
    EXPECT_ERROR(
        walsh_launch_fused(fused, &X, &A, &B, &R, &W, NULL, &H, &N, NULL),
        WALSH_ERROR_INVALID_ARGUMENT,
        "normed: overlaps norm_weight (every row reads norm_weight "
        "while rows of normed are written: they need memory apart)");
    walsh_epilogue bad = WALSH_EPILOGUE_INIT;
    bad.norm = (walsh_norm)7;
    EXPECT_ERROR(walsh_compile_fused(&spec, &bad, WALSH_TARGET_CPU, NULL,
                                     WALSH_TUNE_HEURISTIC, &again),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "epilogue.norm: expects WALSH_NORM_NONE, WALSH_NORM_RMS or "
                 "WALSH_NORM_LAYER, got 7");
    bad.norm = WALSH_NORM_LAYER;
    bad.eps = 0;
    EXPECT_ERROR(walsh_compile_fused(&spec, &bad, WALSH_TARGET_CPU, NULL,
                                     WALSH_TUNE_HEURISTIC, &again),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "epilogue.eps: expects a finite");
    EXPECT_ERROR(walsh_check_spec(&spec, &bad), WALSH_ERROR_INVALID_ARGUMENT,
                 "epilogue.eps: expects a finite");
    bad.eps = 1e-5;
    CHECK(walsh_check_spec(&spec, &bad) == WALSH_OK, "%s", walsh_last_error());
    walsh_kernel_destroy(fused);
    free(res);
    free(h);
    free(n);
  }

  /* The output cast: the same f32 projection stored as bf16 (the
   * epilogue's out_dtype; no residual or norm, so walsh_launch takes it).
   * Each element must be the f32 kernel's y rounded to bf16 (within one
   * bf16 step: both round fp32 sums). */
  {
    walsh_epilogue ep = WALSH_EPILOGUE_INIT;
    ep.out_dtype = bf16;
    walsh_kernel *cast = NULL;
    CHECK(walsh_compile_fused(&spec, &ep, WALSH_TARGET_CPU, NULL,
                              WALSH_TUNE_HEURISTIC, &cast) == WALSH_OK,
          "walsh_compile_fused (cast): %s", walsh_last_error());
    uint16_t *yb = malloc((size_t)(rows * stride) * sizeof(uint16_t));
    for (int64_t i = 0; i < rows * stride; ++i)
      yb[i] = 0xffff; /* NaN */
    DLTensor YB = tensor(yb, 2, shape, strides, bf16);
    CHECK(walsh_launch(k, &X, &A, &B, &Y, NULL) == WALSH_OK, "%s",
          walsh_last_error());
    CHECK(walsh_launch(cast, &X, &A, &B, &YB, NULL) == WALSH_OK,
          "walsh_launch (cast): %s", walsh_last_error());
    double err = maxBf16Error(yb, y, rows, d, stride);
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = d; c < stride; ++c)
        CHECK(yb[r * stride + c] == 0xffff, "cast: padding of row %d written",
              (int)r);
    CHECK(err <= maxRef / 128, "cast: error %g against the f32 kernel's y",
          err);
    EXPECT_ERROR(walsh_launch(cast, &X, &A, &B, &Y, NULL),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "y: expects dtype bfloat16 as the kernel was compiled for, "
                 "got float32");
    walsh_epilogue bad = WALSH_EPILOGUE_INIT;
    bad.out_dtype.code = kDLInt;
    bad.out_dtype.bits = 8;
    bad.out_dtype.lanes = 1;
    EXPECT_ERROR(walsh_compile_fused(&spec, &bad, WALSH_TARGET_CPU, NULL,
                                     WALSH_TUNE_HEURISTIC, &again),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "epilogue.out_dtype: expects float32, float16, bfloat16 or "
                 "{0, 0, 0} (no cast), got ");
    walsh_kernel_destroy(cast);
    free(yb);
  }

  /* The prologue: a bhsd input [2, 4, 3, 64] and 3 split-KV partials of 5
   * rows with their lse, each against the reference of its merged or
   * combined rows (computed here). */
  {
    walsh_prologue pro = WALSH_PROLOGUE_INIT;
    pro.layout = WALSH_LAYOUT_BHSD;
    pro.head_dim = 64;
    walsh_kernel *bhsd = NULL;
    CHECK(walsh_compile_attention(&spec, &pro, NULL, WALSH_TARGET_CPU, NULL,
                                  WALSH_TUNE_HEURISTIC, &bhsd) == WALSH_OK,
          "walsh_compile_attention (bhsd): %s", walsh_last_error());
    enum { NB = 2, NH = 4, NS = 3, HD = 64, NK = 3, NR = 5 };
    float *xb = malloc(sizeof(float) * NB * NH * NS * HD);
    float *out = malloc(sizeof(float) * NB * NS * d);
    float *row = malloc(sizeof(float) * d);
    for (int64_t i = 0; i < NB * NH * NS * HD; ++i)
      xb[i] = (float)uniform(&seed);
    for (int64_t i = 0; i < NB * NS * d; ++i)
      out[i] = NAN;
    int64_t bshape[4] = {NB, NH, NS, HD}, oshape[2] = {NB * NS, d};
    DLTensor XB = tensor(xb, 4, bshape, NULL, f32);
    DLTensor O = tensor(out, 2, oshape, NULL, f32);
    CHECK(walsh_launch_attention(bhsd, &XB, NULL, &A, &B, NULL, NULL, NULL,
                                 &O, NULL, NULL) == WALSH_OK,
          "walsh_launch_attention (bhsd): %s", walsh_last_error());
    double err = 0, top = 0;
    for (int64_t r = 0; r < NB * NS; ++r) {
      int64_t bi = r / NS, si = r % NS;
      for (int64_t c = 0; c < d; ++c)
        row[c] = xb[((bi * NH + c / HD) * NS + si) * HD + c % HD];
      for (int64_t c = 0; c < d; ++c) {
        double want = reference(row, a, b, d, c);
        double e = fabs(out[r * d + c] - want);
        err = e > err || isnan(e) ? e : err;
        top = fabs(want) > top ? fabs(want) : top;
      }
    }
    CHECK(err <= 1e-5 * top, "bhsd: max error %g (max |ref| %g)", err, top);
    /* The same kernel on CUDA, where there is a driver: the prologue's
     * tensors through the C API's device path. */
    void *cudaLib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    double gpuErr =
        cudaAttention(cudaLib, &spec, &pro, xb, 4, bshape,
                      (size_t)(NB * NH * NS * HD), NULL, 0, NULL, 0, a, b, d,
                      NB * NS, out);
    CHECK(gpuErr <= 1e-5, "bhsd on CUDA: max relative difference %g",
          gpuErr);
    EXPECT_ERROR(walsh_launch_fused(bhsd, &XB, &A, &B, NULL, NULL, NULL, &O,
                                    NULL, NULL),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "kernel: compiled with a prologue (layout bhsd, splits 0, "
                 "row_sum 0); use walsh_launch_attention");
    EXPECT_ERROR(walsh_launch_attention(bhsd, &X, NULL, &A, &B, NULL, NULL,
                                        NULL, &O, NULL, NULL),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "x: expects shape [batch, 4, seq, 64], got ndim 2");
    /* batch * seq past 64 bits (2^32 x 2^32 would be 0 rows, a no-op
     * beside an empty out, until 2026-12-06), and a seq whose compact
     * strides would wrap. */
    {
      int64_t wshape[4] = {(int64_t)1 << 32, NH, (int64_t)1 << 32, HD},
              eshape[2] = {0, d};
      DLTensor XW = tensor(xb, 4, wshape, NULL, f32);
      DLTensor OE = tensor(out, 2, eshape, NULL, f32);
      EXPECT_ERROR(walsh_launch_attention(bhsd, &XW, NULL, &A, &B, NULL, NULL,
                                          NULL, &OE, NULL, NULL),
                   WALSH_ERROR_INVALID_ARGUMENT,
                   "x: its batch and seq dimensions hold more than 2^63 rows "
                   "(4294967296 x 4294967296)");
      /* seq 2^61 of head_dim 64: the heads' compact stride 2^67 wraps to 0,
       * which a stride of 0 (every head the same memory) matched. */
      int64_t sshape[4] = {1, NH, (int64_t)1 << 61, HD},
              sstrides[4] = {0, 0, HD, 1};
      DLTensor XS = tensor(xb, 4, sshape, sstrides, f32);
      EXPECT_ERROR(walsh_launch_attention(bhsd, &XS, NULL, &A, &B, NULL, NULL,
                                          NULL, &OE, NULL, NULL),
                   WALSH_ERROR_INVALID_ARGUMENT,
                   "x: expects [batch, 4, seq, 64] compact, got stride 0 in "
                   "dimension 1");
    }

    pro.layout = WALSH_LAYOUT_ROWS;
    pro.splits = NK;
    walsh_kernel *kv = NULL;
    CHECK(walsh_compile_attention(&spec, &pro, NULL, WALSH_TARGET_CPU, NULL,
                                  WALSH_TUNE_HEURISTIC, &kv) == WALSH_OK,
          "walsh_compile_attention (splits): %s", walsh_last_error());
    float *parts = malloc(sizeof(float) * NK * NR * d);
    float *lse = malloc(sizeof(float) * NK * NR * NH);
    for (int64_t i = 0; i < NK * NR * d; ++i)
      parts[i] = (float)uniform(&seed);
    for (int64_t i = 0; i < NK * NR * NH; ++i)
      lse[i] = (float)(4 * uniform(&seed));
    for (int64_t i = 0; i < NR * d; ++i)
      out[i] = NAN;
    int64_t pshape[3] = {NK, NR, d}, lshape[3] = {NK, NR, NH}, rshape[2] = {NR, d};
    DLTensor P = tensor(parts, 3, pshape, NULL, f32);
    DLTensor L = tensor(lse, 3, lshape, NULL, f32);
    DLTensor O2 = tensor(out, 2, rshape, NULL, f32);
    CHECK(walsh_launch_attention(kv, &P, &L, &A, &B, NULL, NULL, NULL, &O2,
                                 NULL, NULL) == WALSH_OK,
          "walsh_launch_attention (splits): %s", walsh_last_error());
    err = top = 0;
    for (int64_t r = 0; r < NR; ++r) {
      for (int64_t c = 0; c < d; ++c) {
        double total = 0, o = 0;
        for (int k2 = 0; k2 < NK; ++k2)
          total += exp(lse[(k2 * NR + r) * NH + c / HD]);
        for (int k2 = 0; k2 < NK; ++k2)
          o += exp(lse[(k2 * NR + r) * NH + c / HD]) / total *
               parts[(k2 * NR + r) * d + c];
        row[c] = (float)o;
      }
      for (int64_t c = 0; c < d; ++c) {
        double want = reference(row, a, b, d, c);
        double e = fabs(out[r * d + c] - want);
        err = e > err || isnan(e) ? e : err;
        top = fabs(want) > top ? fabs(want) : top;
      }
    }
    CHECK(err <= 1e-5 * top, "splits: max error %g (max |ref| %g)", err, top);
    gpuErr = cudaAttention(cudaLib, &spec, &pro, parts, 3, pshape,
                           (size_t)(NK * NR * d), lse, 3, lshape,
                           (size_t)(NK * NR * NH), a, b, d, NR, out);
    CHECK(gpuErr <= 1e-5, "splits on CUDA: max relative difference %g",
          gpuErr);
    EXPECT_ERROR(walsh_launch_attention(kv, &P, NULL, &A, &B, NULL, NULL,
                                        NULL, &O2, NULL, NULL),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "stats: the kernel combines 3 split-KV partials; expects "
                 "their log-sum-exp, got NULL");
    DLTensor L16 = L;
    L16.dtype.bits = 16;
    EXPECT_ERROR(walsh_launch_attention(kv, &P, &L16, &A, &B, NULL, NULL,
                                        NULL, &O2, NULL, NULL),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "stats: expects dtype float32, got float16");
    DLTensor Lcuda = L;
    Lcuda.device.device_type = kDLCUDA;
    EXPECT_ERROR(walsh_launch_attention(kv, &P, &Lcuda, &A, &B, NULL, NULL,
                                        NULL, &O2, NULL, NULL),
                 WALSH_ERROR_INVALID_ARGUMENT, "stats: expects the device of x");
    /* Splits not packed one after another: refused by name. */
    int64_t gapStrides[3] = {NR * d + 8, d, 1};
    DLTensor Pgap = tensor(parts, 3, pshape, gapStrides, f32);
    EXPECT_ERROR(walsh_launch_attention(kv, &Pgap, &L, &A, &B, NULL, NULL,
                                        NULL, &O2, NULL, NULL),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "x: expects [3, rows, 256] with the splits packed (stride of "
                 "dimension 0 = rows * row stride), got stride 1288 in "
                 "dimension 0");
    /* Rows and splits broadcast from one (strides 0): taken, the 0 read
     * as d, until 2026-12-06 (fuzz.py capi). */
    int64_t broadcastStrides[3] = {0, 0, 1};
    DLTensor Pbroadcast = tensor(parts, 3, pshape, broadcastStrides, f32);
    EXPECT_ERROR(walsh_launch_attention(kv, &Pbroadcast, &L, &A, &B, NULL, NULL,
                                        NULL, &O2, NULL, NULL),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "x: has a row stride of 0 (rows broadcast from one); expects "
                 "rows of their own, at least 256 elements apart");
    EXPECT_ERROR(walsh_launch_attention(kv, &P, &P, &A, &B, NULL, NULL, NULL,
                                        &O2, NULL, NULL),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "stats: expects the log-sum-exp as a compact [3, 5, 4] "
                 "tensor");
    EXPECT_ERROR(walsh_launch_attention(k, &X, &L, &A, &B, &Y, NULL, NULL,
                                        &Y, NULL, NULL),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "stats: the kernel was compiled without a split-KV combine "
                 "or a row-sum normalisation; pass NULL");
    /* Unnormalised accumulators (the partials' first split) and row sums. */
    walsh_prologue rs = WALSH_PROLOGUE_INIT;
    rs.row_sum = 1;
    rs.head_dim = HD;
    walsh_kernel *sk = NULL;
    CHECK(walsh_compile_attention(&spec, &rs, NULL, WALSH_TARGET_CPU, NULL,
                                  WALSH_TUNE_HEURISTIC, &sk) == WALSH_OK,
          "walsh_compile_attention (row sums): %s", walsh_last_error());
    float sums[NR * NH];
    for (int64_t i = 0; i < NR * NH; ++i)
      sums[i] = (float)(2 + uniform(&seed));
    for (int64_t i = 0; i < NR * d; ++i)
      out[i] = NAN;
    int64_t sshape[2] = {NR, NH};
    DLTensor ACC = tensor(parts, 2, rshape, NULL, f32);
    DLTensor SUMS = tensor(sums, 2, sshape, NULL, f32);
    CHECK(walsh_launch_attention(sk, &ACC, &SUMS, &A, &B, NULL, NULL, NULL,
                                 &O2, NULL, NULL) == WALSH_OK,
          "walsh_launch_attention (row sums): %s", walsh_last_error());
    err = top = 0;
    for (int64_t r = 0; r < NR; ++r) {
      for (int64_t c = 0; c < d; ++c)
        row[c] = parts[r * d + c] / sums[r * NH + c / HD];
      for (int64_t c = 0; c < d; ++c) {
        double want = reference(row, a, b, d, c);
        double e = fabs(out[r * d + c] - want);
        err = e > err || isnan(e) ? e : err;
        top = fabs(want) > top ? fabs(want) : top;
      }
    }
    CHECK(err <= 1e-5 * top, "row sums: max error %g (max |ref| %g)", err,
          top);
    gpuErr = cudaAttention(cudaLib, &spec, &rs, parts, 2, rshape,
                           (size_t)(NR * d), sums, 2, sshape,
                           (size_t)(NR * NH), a, b, d, NR, out);
    CHECK(gpuErr <= 1e-5, "row sums on CUDA: max relative difference %g",
          gpuErr);
    if (cudaLib) {
      printf("capi_test: bhsd, split-KV and row-sum kernels on CUDA matched "
             "the CPU's\n");
      dlclose(cudaLib);
    }
    EXPECT_ERROR(walsh_launch_attention(sk, &ACC, NULL, &A, &B, NULL, NULL,
                                        NULL, &O2, NULL, NULL),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "stats: the kernel normalises unnormalised accumulators; "
                 "expects their row sums, got NULL");
    EXPECT_ERROR(walsh_launch_attention(sk, &ACC, &L, &A, &B, NULL, NULL,
                                        NULL, &O2, NULL, NULL),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "stats: expects the row sums as a compact [5, 4] tensor");
    /* The sums inside y's second row, by walsh.h's name (until 2026-12-06
     * the runtime's, row_sums). */
    DLTensor INSIDE = SUMS;
    INSIDE.data = out + d;
    EXPECT_ERROR(walsh_launch_attention(sk, &ACC, &INSIDE, &A, &B, NULL, NULL,
                                        NULL, &O2, NULL, NULL),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "y: overlaps stats (every row reads stats while rows of y "
                 "are written: they need memory apart)");
    INSIDE = L; /* the split-KV kernel's log-sum-exp there (lse) */
    INSIDE.data = out + d;
    EXPECT_ERROR(walsh_launch_attention(kv, &P, &INSIDE, &A, &B, NULL, NULL,
                                        NULL, &O2, NULL, NULL),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "y: overlaps stats (every row reads stats while rows of y "
                 "are written: they need memory apart)");
    walsh_kernel_destroy(sk);

    walsh_prologue bad = WALSH_PROLOGUE_INIT;
    bad.layout = (walsh_layout)5;
    EXPECT_ERROR(walsh_compile_attention(&spec, &bad, NULL, WALSH_TARGET_CPU,
                                         NULL, WALSH_TUNE_HEURISTIC, &again),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "prologue.layout: expects WALSH_LAYOUT_ROWS or "
                 "WALSH_LAYOUT_BHSD, got 5");
    bad.layout = WALSH_LAYOUT_BHSD;
    bad.head_dim = 8;
    EXPECT_ERROR(walsh_compile_attention(&spec, &bad, NULL, WALSH_TARGET_CPU,
                                         NULL, WALSH_TUNE_HEURISTIC, &again),
                 WALSH_ERROR_INVALID_ARGUMENT,
                 "prologue.head_dim: the bhsd layout expects a power of two");
    /* The cross-head factor alone, through the prologue struct. */
    walsh_prologue cross = WALSH_PROLOGUE_INIT;
    cross.cross_head_only = 64;
    walsh_kernel *xk = NULL;
    CHECK(walsh_compile_attention(&spec, &cross, NULL, WALSH_TARGET_CPU, NULL,
                                  WALSH_TUNE_HEURISTIC, &xk) == WALSH_OK,
          "walsh_compile_attention (cross-head): %s", walsh_last_error());
    CHECK(walsh_launch(xk, &X, &A, &B, &Y, NULL) == WALSH_OK,
          "walsh_launch (cross-head): %s", walsh_last_error());
    walsh_kernel_destroy(xk);
    walsh_kernel_destroy(kv);
    walsh_kernel_destroy(bhsd);
    free(xb);
    free(out);
    free(row);
    free(parts);
    free(lse);
  }

  /* CUDA without a driver: its own status. */
  void *cuda = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!cuda) {
    EXPECT_ERROR(walsh_compile(&spec, WALSH_TARGET_CUDA, &again),
                 WALSH_ERROR_NO_DEVICE, "no GPU: cannot load libcuda.so.1");
  } else {
    cudaChecks(cuda, &spec, x, a, b, d, rows, stride);
  }
  walsh_kernel_destroy(NULL);
  walsh_kernel_destroy(k);
  free(x);
  free(y);
  printf("capi_test: %d of %d checks passed\n", checks - failures, checks);
  return failures ? 1 : 0;
}
