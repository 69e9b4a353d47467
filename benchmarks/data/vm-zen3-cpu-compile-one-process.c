/* Compile time of each kernel in one process (WALSH_CACHE_DIR=none): the
 * first pays the process's first use of LLVM, the rest do not. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "walsh/walsh.h"
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
int main(int argc, char **argv) {
  int n = 0; double sum = 0; int over = 0;
  for (int i = 1; i < argc; ++i) {
    int d = atoi(argv[i]);
    for (int t = 0; t < 3; ++t) {
      walsh_spec s = WALSH_SPEC_INIT;
      s.d = d;
      s.dtype.bits = t == 0 ? 32 : 16;
      s.dtype.code = t == 2 ? 4 : 2; /* kDLBfloat = 4, kDLFloat = 2 */
      walsh_kernel *k = NULL;
      double t0 = now();
      walsh_status st = walsh_compile(&s, WALSH_TARGET_CPU, &k);
      double ms = now() - t0;
      if (st != WALSH_OK) { printf("d %d t %d: %s\n", d, t, walsh_last_error()); continue; }
      printf("%s %6d %7.1f ms\n", t == 0 ? "f32 " : t == 1 ? "f16 " : "bf16", d, ms);
      if (n > 0) { sum += ms; over += ms > 150; }
      ++n;
      walsh_kernel_destroy(k);
    }
  }
  printf("after the first: %d kernels, mean %.1f ms, %d over 150 ms\n", n - 1, sum / (n - 1), over);
  return 0;
}
