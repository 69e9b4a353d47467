// Stream 256 MB in -> out (prefetch ahead, NT stores) in rows of R floats, with K register-only
// zmm additions per 64-byte line (12 independent chains), or K L1 loads+adds from a 16 KB scratch.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <immintrin.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
#define BYTES (256L<<20)
static float scratch[4096] __attribute__((aligned(64)));
static __m512 acc[12];
static void run(const float *in, float *out, long n, int k, int mode, int pf) {
  __m512 a0=acc[0],a1=acc[1],a2=acc[2],a3=acc[3],a4=acc[4],a5=acc[5],a6=acc[6],a7=acc[7],a8=acc[8],a9=acc[9],a10=acc[10],a11=acc[11];
  __m512 one=_mm512_set1_ps(1e-7f);
  for (long i = 0; i < n; i += 16) {
    if (pf == 1) _mm_prefetch((const char*)(in + i) + 16384, _MM_HINT_T0);
    else if (pf == 2) _mm_prefetch((const char*)(in + i) + 16384, _MM_HINT_T1);
    else if (pf == 3) _mm_prefetch((const char*)(in + i) + 16384, _MM_HINT_NTA);
    else if (pf == 4) _mm_prefetch((const char*)(in + i) + 65536, _MM_HINT_T1);
    __m512 v = _mm512_load_ps(in + i);
    if (mode == 0) {
      for (int j = 0; j < k; j += 12) {
        a0=_mm512_add_ps(a0,one);a1=_mm512_add_ps(a1,one);a2=_mm512_add_ps(a2,one);a3=_mm512_add_ps(a3,one);
        a4=_mm512_add_ps(a4,one);a5=_mm512_add_ps(a5,one);a6=_mm512_add_ps(a6,one);a7=_mm512_add_ps(a7,one);
        a8=_mm512_add_ps(a8,one);a9=_mm512_add_ps(a9,one);a10=_mm512_add_ps(a10,one);a11=_mm512_add_ps(a11,one);
      }
    } else if (mode == 3) {
      float *s = scratch + ((i * 7) & (4096 - 256) & ~15L);
      for (int j = 0; j < k; j += 12) {
        a0=_mm512_add_ps(a0,one);a1=_mm512_add_ps(a1,one);a2=_mm512_add_ps(a2,one);a3=_mm512_add_ps(a3,one);
        a4=_mm512_add_ps(a4,one);a5=_mm512_add_ps(a5,one);a6=_mm512_add_ps(a6,one);a7=_mm512_add_ps(a7,one);
        a8=_mm512_add_ps(a8,one);a9=_mm512_add_ps(a9,one);a10=_mm512_add_ps(a10,one);a11=_mm512_add_ps(a11,one);
        _mm512_store_ps(s, a0); _mm512_store_ps(s+16, a1); _mm512_store_ps(s+32, a2); _mm512_store_ps(s+48, a3);
      }
    } else {
      const float *s = scratch + ((i * 7) & (4096 - 256) & ~15L);
      for (int j = 0; j < k; j += 12) {
        a0=_mm512_add_ps(a0,_mm512_load_ps(s));a1=_mm512_add_ps(a1,_mm512_load_ps(s+16));a2=_mm512_add_ps(a2,_mm512_load_ps(s+32));a3=_mm512_add_ps(a3,_mm512_load_ps(s+48));
        a4=_mm512_add_ps(a4,_mm512_load_ps(s+64));a5=_mm512_add_ps(a5,_mm512_load_ps(s+80));a6=_mm512_add_ps(a6,_mm512_load_ps(s+96));a7=_mm512_add_ps(a7,_mm512_load_ps(s+112));
        a8=_mm512_add_ps(a8,_mm512_load_ps(s+128));a9=_mm512_add_ps(a9,_mm512_load_ps(s+144));a10=_mm512_add_ps(a10,_mm512_load_ps(s+160));a11=_mm512_add_ps(a11,_mm512_load_ps(s+176));
        if (mode == 1) _mm512_store_ps((float*)s + 16*(j/12 % 12), a0);
      }
    }
    _mm512_stream_ps(out + i, _mm512_add_ps(v, a0));
  }
  acc[0]=a0;acc[1]=a1;acc[2]=a2;acc[3]=a3;acc[4]=a4;acc[5]=a5;acc[6]=a6;acc[7]=a7;acc[8]=a8;acc[9]=a9;acc[10]=a10;acc[11]=a11;
}
int main(int argc, char **argv) {
  long n = BYTES / 4;
  float *in = aligned_alloc(64, BYTES), *out = aligned_alloc(64, BYTES);
  memset(in, 0, BYTES); memset(out, 0, BYTES);
  long nc = 16384 * 4; // in-cache size (256 KB)
  int pfm = atoi(argv[1]); for (int mode = 0; mode < 3; mode += 2)
  for (int k = 12; k <= 24; k += 12) {
    double best_mem = 1e9, best_c = 1e9, best_cpy = 1e9;
    for (int rep = 0; rep < 5; ++rep) {
      double t0 = now(); run(in, out, n, k, mode, pfm); double t1 = now();
      if (t1 - t0 < best_mem) best_mem = t1 - t0;
      t0 = now(); for (int r = 0; r < 64; ++r) run(in, out + n/2, nc, k, mode, 0); t1 = now();
      if ((t1 - t0) / 64 * (n / (double)nc) < best_c) best_c = (t1 - t0) / 64 * (n / (double)nc);
      t0 = now(); memcpy(out, in, BYTES); t1 = now();
      if (t1 - t0 < best_cpy) best_cpy = t1 - t0;
    }
    printf("mode %s k=%2d adds/line: memory %.3f ns/el, cache %.3f, sum %.3f, memcpy %.3f -> frac %.2f\n",
           mode == 0 ? "regs" : mode == 1 ? "L1ld+st" : mode == 2 ? "L1 ld" : "st4/12", k, best_mem / n * 1e9, best_c / n * 1e9, (best_c + best_cpy) / n * 1e9, best_cpy / n * 1e9, best_cpy / best_mem);
  }
  return 0;
}
