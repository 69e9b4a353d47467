#include "walsh/Hadamard/SignProgram.h"
#include <cstdio>
#include <cstdlib>
using namespace walsh;
int main(int argc, char **argv) {
  int m = atoi(argv[1]);
  const SignMatrix &h = baseMatrix(m);
  printf("// H_%d (walsh::baseMatrix)\nstatic const signed char kH%d[%d][%d] = {\n", m, m, m, m);
  for (int i = 0; i < m; ++i) { printf("{"); for (int j = 0; j < m; ++j) printf("%d,", h.at(i,j)); printf("},\n"); }
  printf("};\n");
  const SignProgram &p = baseProgram(m, false);
  printf("// %zu steps\ntemplate <class T> __device__ __forceinline__ void hm%d(T *x) {\n", p.steps.size(), m);
  for (size_t i = 0; i < p.steps.size(); ++i) {
    auto &s = p.steps[i];
    auto name = [&](int v) { static char b[3][32]; static int r; r = (r+1)%3; if (v < m) snprintf(b[r], 32, "x[%d]", v); else snprintf(b[r], 32, "t%d", v - m); return b[r]; };
    const char *l = name(s.lhs); const char *r = name(s.rhs);
    printf("  T t%zu = %s %c %s;\n", i, l, s.subtract ? '-' : '+', r);
  }
  for (int r = 0; r < m; ++r) {
    auto &o = p.outputs[r];
    if (o.value < m) printf("  T o%d = %sx[%d];\n", r, o.negate ? "-" : "", o.value);
    else printf("  T o%d = %st%d;\n", r, o.negate ? "-" : "", o.value - m);
  }
  for (int r = 0; r < m; ++r) printf("  x[%d] = o%d;\n", r, r);
  printf("}\n");
}
