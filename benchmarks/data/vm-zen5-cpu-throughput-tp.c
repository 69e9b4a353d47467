#include <stdio.h>
#include <time.h>
#include <immintrin.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
#define N 100000000L
int main(){
  double t0,t1;
  // dependent integer add chain: 1 cycle each -> clock
  t0=now(); { long x=0; for(long i=0;i<N;i++){ __asm__ volatile("add $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\tadd $1,%0":"+r"(x)); } } t1=now();
  double cyc=(t1-t0)/(4.0*N); printf("int add chain: %.3f ns/op (%.2f GHz)\n", cyc*1e9, 1/cyc/1e9);
  // independent zmm adds, 12 accumulators
  t0=now(); for(long i=0;i<N/10;i++){ __asm__ volatile(
    "vaddps %%zmm0,%%zmm12,%%zmm0\n\tvaddps %%zmm1,%%zmm12,%%zmm1\n\tvaddps %%zmm2,%%zmm12,%%zmm2\n\tvaddps %%zmm3,%%zmm12,%%zmm3\n\t"
    "vaddps %%zmm4,%%zmm12,%%zmm4\n\tvaddps %%zmm5,%%zmm12,%%zmm5\n\tvaddps %%zmm6,%%zmm12,%%zmm6\n\tvaddps %%zmm7,%%zmm12,%%zmm7\n\t"
    "vaddps %%zmm8,%%zmm12,%%zmm8\n\tvaddps %%zmm9,%%zmm12,%%zmm9\n\tvaddps %%zmm10,%%zmm12,%%zmm10\n\tvaddps %%zmm11,%%zmm12,%%zmm11\n\t":::"xmm0","xmm1","xmm2","xmm3","xmm4","xmm5","xmm6","xmm7","xmm8","xmm9","xmm10","xmm11"); } t1=now();
  printf("zmm add: %.2f per cycle\n", 12.0*(N/10)/((t1-t0)/cyc));
  t0=now(); for(long i=0;i<N/10;i++){ __asm__ volatile(
    "vaddps %%ymm0,%%ymm12,%%ymm0\n\tvaddps %%ymm1,%%ymm12,%%ymm1\n\tvaddps %%ymm2,%%ymm12,%%ymm2\n\tvaddps %%ymm3,%%ymm12,%%ymm3\n\t"
    "vaddps %%ymm4,%%ymm12,%%ymm4\n\tvaddps %%ymm5,%%ymm12,%%ymm5\n\tvaddps %%ymm6,%%ymm12,%%ymm6\n\tvaddps %%ymm7,%%ymm12,%%ymm7\n\t"
    "vaddps %%ymm8,%%ymm12,%%ymm8\n\tvaddps %%ymm9,%%ymm12,%%ymm9\n\tvaddps %%ymm10,%%ymm12,%%ymm10\n\tvaddps %%ymm11,%%ymm12,%%ymm11\n\t":::"xmm0","xmm1","xmm2","xmm3","xmm4","xmm5","xmm6","xmm7","xmm8","xmm9","xmm10","xmm11"); } t1=now();
  printf("ymm add: %.2f per cycle\n", 12.0*(N/10)/((t1-t0)/cyc));
  // zmm add + fma mix
  t0=now(); for(long i=0;i<N/10;i++){ __asm__ volatile(
    "vaddps %%zmm0,%%zmm12,%%zmm0\n\tvfmadd231ps %%zmm12,%%zmm13,%%zmm1\n\tvaddps %%zmm2,%%zmm12,%%zmm2\n\tvfmadd231ps %%zmm12,%%zmm13,%%zmm3\n\t"
    "vaddps %%zmm4,%%zmm12,%%zmm4\n\tvfmadd231ps %%zmm12,%%zmm13,%%zmm5\n\tvaddps %%zmm6,%%zmm12,%%zmm6\n\tvfmadd231ps %%zmm12,%%zmm13,%%zmm7\n\t"
    "vaddps %%zmm8,%%zmm12,%%zmm8\n\tvfmadd231ps %%zmm12,%%zmm13,%%zmm9\n\tvaddps %%zmm10,%%zmm12,%%zmm10\n\tvfmadd231ps %%zmm12,%%zmm13,%%zmm11\n\t":::"xmm0","xmm1","xmm2","xmm3","xmm4","xmm5","xmm6","xmm7","xmm8","xmm9","xmm10","xmm11"); } t1=now();
  printf("zmm add+fma: %.2f per cycle\n", 12.0*(N/10)/((t1-t0)/cyc));
  // zmm loads from L1 + add (memory operand)
  static float buf[16*64] __attribute__((aligned(64)));
  t0=now(); for(long i=0;i<N/10;i++){ __asm__ volatile(
    "vaddps 0(%0),%%zmm12,%%zmm0\n\tvaddps 64(%0),%%zmm12,%%zmm1\n\tvaddps 128(%0),%%zmm12,%%zmm2\n\tvaddps 192(%0),%%zmm12,%%zmm3\n\t"
    "vaddps 256(%0),%%zmm12,%%zmm4\n\tvaddps 320(%0),%%zmm12,%%zmm5\n\tvaddps 384(%0),%%zmm12,%%zmm6\n\tvaddps 448(%0),%%zmm12,%%zmm7\n\t"
    "vaddps 512(%0),%%zmm12,%%zmm8\n\tvaddps 576(%0),%%zmm12,%%zmm9\n\tvaddps 640(%0),%%zmm12,%%zmm10\n\tvaddps 704(%0),%%zmm12,%%zmm11\n\t"::"r"(buf):"xmm0","xmm1","xmm2","xmm3","xmm4","xmm5","xmm6","xmm7","xmm8","xmm9","xmm10","xmm11"); } t1=now();
  printf("zmm add with load: %.2f per cycle\n", 12.0*(N/10)/((t1-t0)/cyc));
  // zmm stores
  t0=now(); for(long i=0;i<N/10;i++){ __asm__ volatile(
    "vmovaps %%zmm0,0(%0)\n\tvmovaps %%zmm1,64(%0)\n\tvmovaps %%zmm2,128(%0)\n\tvmovaps %%zmm3,192(%0)\n\t"
    "vmovaps %%zmm4,256(%0)\n\tvmovaps %%zmm5,320(%0)\n\tvmovaps %%zmm6,384(%0)\n\tvmovaps %%zmm7,448(%0)\n\t"
    "vmovaps %%zmm8,512(%0)\n\tvmovaps %%zmm9,576(%0)\n\tvmovaps %%zmm10,640(%0)\n\tvmovaps %%zmm11,704(%0)\n\t"::"r"(buf):"memory"); } t1=now();
  printf("zmm store: %.2f per cycle\n", 12.0*(N/10)/((t1-t0)/cyc));
  // zmm loads
  t0=now(); for(long i=0;i<N/10;i++){ __asm__ volatile(
    "vmovaps 0(%0),%%zmm0\n\tvmovaps 64(%0),%%zmm1\n\tvmovaps 128(%0),%%zmm2\n\tvmovaps 192(%0),%%zmm3\n\t"
    "vmovaps 256(%0),%%zmm4\n\tvmovaps 320(%0),%%zmm5\n\tvmovaps 384(%0),%%zmm6\n\tvmovaps 448(%0),%%zmm7\n\t"
    "vmovaps 512(%0),%%zmm8\n\tvmovaps 576(%0),%%zmm9\n\tvmovaps 640(%0),%%zmm10\n\tvmovaps 704(%0),%%zmm11\n\t"::"r"(buf):"xmm0","xmm1","xmm2","xmm3","xmm4","xmm5","xmm6","xmm7","xmm8","xmm9","xmm10","xmm11"); } t1=now();
  printf("zmm load: %.2f per cycle\n", 12.0*(N/10)/((t1-t0)/cyc));
  return 0;
}
