// The three-pass structure of walsh's CPU kernel at d = 1024 (f32, AVX2) as plain C, to
// see how near memcpy such a pass structure streams on one core (benchmarks/RESULTS.md,
// CPU, 2026-12-01 10:40-12:00 UTC). gcc -O2 -mavx2 -mfma; ./a.out IV AFFINE (0 or 1 each).
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(){struct timespec t; clock_gettime(CLOCK_MONOTONIC,&t); return t.tv_sec+t.tv_nsec*1e-9;}
#define D 1024
static float __attribute__((aligned(64))) S[D], O[2][D], TA[D], TB[D];
static int IV=0, AFF=0;
// one pass in place: load, 2 levels of add/sub between 4 vectors, store; with prefetch of share
static inline void pass(float *src, float *dst, int stride, const float *pf, int k, float *cpsrc, float *cpdst, int mode) {
  for (int blk = 0; blk < D; blk += 4*stride) for (int q = 0; q < stride; q += 8) {
    int base = blk + q;
    __m256 a=_mm256_load_ps(src+base),b=_mm256_load_ps(src+base+stride),c=_mm256_load_ps(src+base+2*stride),d=_mm256_load_ps(src+base+3*stride);
    __m256 s0=_mm256_add_ps(a,b),d0=_mm256_sub_ps(a,b),s1=_mm256_add_ps(c,d),d1=_mm256_sub_ps(c,d);
    __m256 r0=_mm256_add_ps(s0,s1),r1=_mm256_sub_ps(s0,s1),r2=_mm256_add_ps(d0,d1),r3=_mm256_sub_ps(d0,d1);
    int ord = blk + q*4; // dense ordinal start, 32 elems per body
    _mm_prefetch((const char*)(pf + ((k*D + ord)/3 & ~15)), _MM_HINT_T1);
    if (cpsrc) { // copy out 1/3 of a row: body copies vector (k*D+ord)/3 aligned... use exact: vectors k*V/3.. via ordinal
      int v = (k*(D/8))/3 + (ord/32) ; int vend = ((k+1)*(D/8))/3; // bodies = D/32 = 32 per pass, share ~42.7 vectors
      // copy vectors v*... spread: 2 vectors per body for first part
      int v0 = (k*(D/8))/3 + (ord/32)*4/3, v1 = (k*(D/8))/3 + ((ord/32)+1)*4/3; if (v1 > vend) v1 = vend;
      for (int t = v0; t < v1; ++t) _mm256_stream_ps(cpdst + t*8, _mm256_load_ps(cpsrc + t*8));
    }
    if (mode == 1 && IV) {
      const __m256 s1=_mm256_setr_ps(1,-1,1,-1,1,-1,1,-1), s2=_mm256_setr_ps(1,1,-1,-1,1,1,-1,-1), s4=_mm256_setr_ps(1,1,1,1,-1,-1,-1,-1);
#define LV(r) r=_mm256_fmadd_ps(r,s1,_mm256_shuffle_ps(r,r,0xB1)); r=_mm256_fmadd_ps(r,s2,_mm256_castpd_ps(_mm256_shuffle_pd(_mm256_castps_pd(r),_mm256_castps_pd(r),5))); r=_mm256_fmadd_ps(r,s4,_mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(r),78)));
      LV(r0) LV(r1) LV(r2) LV(r3)
    }
    if (mode == 1 && AFF) { r0=_mm256_fmadd_ps(r0,_mm256_load_ps(TA+base),_mm256_load_ps(TB+base)); r1=_mm256_fmadd_ps(r1,_mm256_load_ps(TA+base+stride),_mm256_load_ps(TB+base+stride)); r2=_mm256_fmadd_ps(r2,_mm256_load_ps(TA+base+2*stride),_mm256_load_ps(TB+base+2*stride)); r3=_mm256_fmadd_ps(r3,_mm256_load_ps(TA+base+3*stride),_mm256_load_ps(TB+base+3*stride)); }
    if (mode == 1) { _mm256_stream_ps(dst+base,r0);_mm256_stream_ps(dst+base+stride,r1);_mm256_stream_ps(dst+base+2*stride,r2);_mm256_stream_ps(dst+base+3*stride,r3);} 
    else {_mm256_store_ps(dst+base,r0);_mm256_store_ps(dst+base+stride,r1);_mm256_store_ps(dst+base+2*stride,r2);_mm256_store_ps(dst+base+3*stride,r3);}
  }
}
int main(int argc, char**argv){
  long n = 256L<<20; long rows = n/4/D;
  float *x = aligned_alloc(64, n), *y = aligned_alloc(64, n);
  memset(x, 1, n); memset(y, 0, n);
  IV = argc > 1 ? atoi(argv[1]) : 0; AFF = argc > 2 ? atoi(argv[2]) : 0;
  for (int rep = 0; rep < 3; ++rep) {
    double t0 = now(); memcpy(y, x, n); double tm = now()-t0;
    // A: bursty: pass0 x->S, pass1 S->S, pass2 S->y (nt)
    t0 = now();
    for (long r = 0; r < rows; ++r) {
      long pr = r + 4 < rows ? r + 4 : rows - 1;
      pass(x + r*D, S, 256, x + pr*D, 0, 0, 0, 0);
      pass(S, S, 64, x + pr*D, 1, 0, 0, 0);
      pass(S, y + r*D, 8, x + pr*D, 2, 0, 0, 1);
    }
    double ta = now()-t0;
    // B: last pass -> O[r&1]; copy-out of row r-1 spread over all passes
    t0 = now();
    for (long r = 0; r < rows; ++r) {
      long pr = r + 4 < rows ? r + 4 : rows - 1;
      float *prev = r ? O[(r-1)&1] : 0, *pd = r ? y + (r-1)*D : 0;
      pass(x + r*D, S, 256, x + pr*D, 0, prev, pd, 0);
      pass(S, S, 64, x + pr*D, 1, prev, pd, 0);
      pass(S, O[r&1], 8, x + pr*D, 2, prev, pd, 0);
    }
    for (int t = 0; t < D/8; ++t) _mm256_stream_ps(y + (rows-1)*D + t*8, _mm256_load_ps(O[(rows-1)&1] + t*8));
    double tb = now()-t0;
    printf("memcpy %.1f ms  A(bursty) %.1f ms (%.2f)  B(spread) %.1f ms (%.2f)\n", tm*1e3, ta*1e3, tm/ta, tb*1e3, tm/tb);
  }
}
