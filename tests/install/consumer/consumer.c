/* A program that embeds walsh through its installed C API: compiles the
 * projection for the CPU, runs it on 3 rows of d = 256 and compares every
 * element with the O(d^2) product in double (H_256's entry (i, j) is
 * (-1)^popcount(i & j)). install-test.sh builds it twice against an
 * installed tree: through pkg-config and through find_package(walsh). */
#include <walsh/walsh.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { D = 256, ROWS = 3 };

static float x[ROWS][D], y[ROWS][D], a[D], b[D];

int main(void) {
  if (strcmp(walsh_version(), WALSH_VERSION_STRING) != 0) {
    fprintf(stderr, "consumer: walsh.h is %s, libwalsh %s\n",
            WALSH_VERSION_STRING, walsh_version());
    return 1;
  }
  walsh_spec spec = WALSH_SPEC_INIT;
  spec.d = D;
  walsh_kernel *kernel = NULL;
  if (walsh_compile(&spec, WALSH_TARGET_CPU, &kernel) != WALSH_OK) {
    fprintf(stderr, "consumer: walsh_compile: %s\n", walsh_last_error());
    return 1;
  }
  srand(7);
  for (int i = 0; i < D; ++i) {
    a[i] = 0.5f + (float)rand() / RAND_MAX;
    b[i] = (float)rand() / RAND_MAX - 0.5f;
    for (int r = 0; r < ROWS; ++r) {
      x[r][i] = 2.0f * (float)rand() / RAND_MAX - 1.0f;
      y[r][i] = NAN;
    }
  }
  int64_t rowsShape[2] = {ROWS, D}, vecShape[1] = {D};
  DLTensor tx = {x, {kDLCPU, 0}, 2, {kDLFloat, 32, 1}, rowsShape, NULL, 0};
  DLTensor ty = {y, {kDLCPU, 0}, 2, {kDLFloat, 32, 1}, rowsShape, NULL, 0};
  DLTensor ta = {a, {kDLCPU, 0}, 1, {kDLFloat, 32, 1}, vecShape, NULL, 0};
  DLTensor tb = {b, {kDLCPU, 0}, 1, {kDLFloat, 32, 1}, vecShape, NULL, 0};
  if (walsh_launch(kernel, &tx, &ta, &tb, &ty, NULL) != WALSH_OK) {
    fprintf(stderr, "consumer: walsh_launch: %s\n", walsh_last_error());
    return 1;
  }
  walsh_kernel_destroy(kernel);
  double worst = 0.0;
  for (int r = 0; r < ROWS; ++r)
    for (int i = 0; i < D; ++i) {
      double sum = 0.0;
      for (int j = 0; j < D; ++j)
        sum += (__builtin_popcount(i & j) & 1) ? -x[r][j] : x[r][j];
      double want = a[i] * sum / sqrt((double)D) + b[i];
      double err = fabs(y[r][i] - want) / fmax(fabs(want), 1.0);
      if (!(err <= worst)) /* a NaN is the worst */
        worst = err;
    }
  printf("consumer: libwalsh %s, d = %d, %d rows, max relative error %.2e\n",
         walsh_version(), D, ROWS, worst);
  return worst <= 1e-5 ? 0 : 1;
}
