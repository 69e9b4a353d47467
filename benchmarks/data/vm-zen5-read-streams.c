#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
#ifndef N
#define N (64L<<20)
#endif
float *x,*y; float scratch[16384+64] __attribute__((aligned(64)));
int D; int AHEAD; int LOC;
static inline void pf(const void*p){ if(LOC==3)_mm_prefetch(p,_MM_HINT_T0); else if(LOC==2)_mm_prefetch(p,_MM_HINT_T1); else if (LOC==1) _mm_prefetch(p,_MM_HINT_T2);}
void k_direct(void){ /* load, nt store, prefetch ahead */
  long rows=N/D;
  for(long r=0;r<rows;r++){ const float*s=x+r*D; float*d=y+r*D; const char*p=(const char*)(s)+AHEAD;
    for(int i=0;i<D;i+=16){ if(LOC&&(i&15)==0) pf(p+i*4); _mm512_stream_ps(d+i,_mm512_load_ps(s+i)); } }
}
void k_two(void){ /* pass1: mem -> scratch with add work, pass2: scratch -> nt store */
  long rows=N/D;
  for(long r=0;r<rows;r++){ const float*s=x+r*D; float*d=y+r*D; const char*p=(const char*)(s)+AHEAD;
    int h=D/2;
    for(int i=0;i<h;i+=16){ if(LOC){pf(p+i*2);} __m512 a=_mm512_load_ps(s+i),b=_mm512_load_ps(s+i+h);
      _mm512_store_ps(scratch+i,_mm512_add_ps(a,b)); _mm512_store_ps(scratch+i+h,_mm512_sub_ps(a,b)); }
    for(int i=0;i<D;i+=16){ if(LOC){pf(p+D*2+i*2);} _mm512_stream_ps(d+i,_mm512_load_ps(scratch+i)); } }
}
float scratch2[16384+64] __attribute__((aligned(64)));
void k_two_reg(void){ long rows=N/D;
  for(long r=0;r<rows;r++){ const float*s=x+r*D; float*d=y+r*D; int h=D/2;
    for(int i=0;i<h;i+=16){ __m512 a=_mm512_load_ps(s+i),b=_mm512_load_ps(s+i+h);
      _mm512_store_ps(scratch+i,_mm512_add_ps(a,b)); _mm512_store_ps(scratch+i+h,_mm512_sub_ps(a,b)); }
    for(int i=0;i<D;i+=16){ _mm512_store_ps(d+i,_mm512_load_ps(scratch+i)); } }
}
/* pipelined: pass1 of row r+1 interleaved with pass2 of row r */
void k_pipe(void){ long rows=N/D; float *cur=scratch,*nxt=scratch2; int h=D/2;
  /* prologue: pass1 row 0 */
  for(int i=0;i<h;i+=16){ __m512 a=_mm512_load_ps(x+i),b=_mm512_load_ps(x+i+h);
      _mm512_store_ps(cur+i,_mm512_add_ps(a,b)); _mm512_store_ps(cur+i+h,_mm512_sub_ps(a,b)); }
  for(long r=0;r<rows;r++){ const float*s=x+(r+1<rows?r+1:r)*D; float*d=y+r*D; const char*p=(const char*)(s)+AHEAD;
    for(int i=0;i<h;i+=16){ if(LOC) pf(p+i*2);
      __m512 a=_mm512_load_ps(s+i),b=_mm512_load_ps(s+i+h);
      _mm512_store_ps(nxt+i,_mm512_add_ps(a,b)); _mm512_store_ps(nxt+i+h,_mm512_sub_ps(a,b));
      _mm512_stream_ps(d+2*i,_mm512_load_ps(cur+2*i)); _mm512_stream_ps(d+2*i+16,_mm512_load_ps(cur+2*i+16)); }
    float*t=cur;cur=nxt;nxt=t; }
}
void k_rt(void){ long rows=N/D;
  for(long r=0;r<rows;r++){ const float*s=x+r*D; float*d=y+r*D;
    for(int i=0;i<D;i+=32){ _mm512_store_ps(scratch+i,_mm512_load_ps(s+i)); _mm512_store_ps(scratch+i+16,_mm512_load_ps(s+i+16));
      _mm512_stream_ps(d+i,_mm512_load_ps(scratch+i)); _mm512_stream_ps(d+i+16,_mm512_load_ps(scratch+i+16)); } }
}
void k_2s(void){ long rows=N/D; int h=D/2;
  for(long r=0;r<rows;r++){ const float*s=x+r*D; float*d=y+r*D;
    for(int i=0;i<h;i+=16){ __m512 a=_mm512_load_ps(s+i),b=_mm512_load_ps(s+i+h);
      _mm512_stream_ps(d+i,_mm512_add_ps(a,b)); _mm512_stream_ps(d+i+h,_mm512_sub_ps(a,b)); } }
}
void k_pipe2(int variant){ long rows=N/D; float *cur=scratch,*nxt=variant==1?scratch:scratch2; int h=D/2;
  for(long r=0;r<rows;r++){ const float*s=x+(r+1<rows?r+1:r)*D; float*d=y+r*D;
    if (variant==2) { for(int i=0;i<h;i+=16){ __m512 a=_mm512_load_ps(s+i),b=_mm512_load_ps(s+i+h);
      _mm512_store_ps(nxt+i,_mm512_add_ps(a,b)); _mm512_store_ps(nxt+i+h,_mm512_sub_ps(a,b));
      _mm512_store_ps(d+2*i,_mm512_load_ps(cur+2*i)); _mm512_store_ps(d+2*i+16,_mm512_load_ps(cur+2*i+16)); } }
    else if (variant==3) { for(int i=0;i<h;i+=16){ __m512 a=_mm512_load_ps(s+2*i),b=_mm512_load_ps(s+2*i+16);
      _mm512_store_ps(nxt+2*i,_mm512_add_ps(a,b)); _mm512_store_ps(nxt+2*i+16,_mm512_sub_ps(a,b));
      _mm512_stream_ps(d+2*i,_mm512_load_ps(cur+2*i)); _mm512_stream_ps(d+2*i+16,_mm512_load_ps(cur+2*i+16)); } }
    else for(int i=0;i<h;i+=16){ __m512 a=_mm512_load_ps(s+i),b=_mm512_load_ps(s+i+h);
      _mm512_store_ps(nxt+i,_mm512_add_ps(a,b)); _mm512_store_ps(nxt+i+h,_mm512_sub_ps(a,b));
      _mm512_stream_ps(d+2*i,_mm512_load_ps(cur+2*i)); _mm512_stream_ps(d+2*i+16,_mm512_load_ps(cur+2*i+16)); }
    float*t=cur;cur=nxt;nxt=t; }
}
int S=1,T=1;
void k_st(void){ long rows=N/D; int hs=D/S, ht=D/T;
  for(long r=0;r<rows;r++){ const float*s=x+r*D; float*d=y+r*D; const char*p=(const char*)(s)+AHEAD;
    int c=0; for(int i=0;i<hs;i+=16) for(int j=0;j<S;j++){ if(LOC) { pf(p+c); c+=64; }
       _mm512_store_ps(scratch+j*hs+i,_mm512_add_ps(_mm512_load_ps(s+j*hs+i),_mm512_set1_ps(1.f))); }
    for(int i=0;i<ht;i+=16) for(int j=0;j<T;j++) _mm512_stream_ps(d+j*ht+i,_mm512_load_ps(scratch+j*ht+i)); }
}
int K=0;
static inline __m512 work(__m512 v){ for(int k=0;k<K;k++) v=_mm512_fmadd_ps(v,_mm512_set1_ps(1.0001f),_mm512_set1_ps(0.5f)); return v; }
void k_stw(void){ long rows=N/D; int hs=D/S, ht=D/T;
  for(long r=0;r<rows;r++){ const float*s=x+r*D; float*d=y+r*D; const char*p=(const char*)(s)+AHEAD;
    int c=0; for(int i=0;i<hs;i+=16) for(int j=0;j<S;j++){ if(LOC) { pf(p+c); c+=64; }
       _mm512_store_ps(scratch+j*hs+i,work(_mm512_load_ps(s+j*hs+i))); }
    for(int i=0;i<ht;i+=16) for(int j=0;j<T;j++){ if(LOC) { pf(p+c); c+=64; } _mm512_stream_ps(d+j*ht+i,work(_mm512_load_ps(scratch+j*ht+i))); } }
}
void k_pipew(void){ long rows=N/D; float *cur=scratch,*nxt=scratch2; int ht=D/T;
  for(int i=0;i<D;i+=16) _mm512_store_ps(cur+i,work(_mm512_load_ps(x+i)));
  for(long r=0;r<rows;r++){ const float*s=x+(r+1<rows?r+1:r)*D; float*d=y+r*D; const char*p=(const char*)(s)+AHEAD; int c=0;
    for(int i=0;i<ht;i+=16) for(int j=0;j<T;j++){ int q=i*T+j*16; if(LOC) { pf(p+c); c+=64; }
       _mm512_store_ps(nxt+q,work(_mm512_load_ps(s+q)));
       _mm512_stream_ps(d+j*ht+i,work(_mm512_load_ps(cur+j*ht+i))); }
    float*t=cur;cur=nxt;nxt=t; }
}
int main(int argc,char**argv){ D=atoi(argv[1]); AHEAD=atoi(argv[2]); LOC=atoi(argv[3]); int mode=atoi(argv[4]); if(argc>5){S=atoi(argv[5]);T=atoi(argv[6]);} if(argc>7)K=atoi(argv[7]);
  x=aligned_alloc(4096,N*4); y=aligned_alloc(4096,N*4);
  for(long i=0;i<N;i++){x[i]=i;y[i]=0;}
  double best=1e9, bm=1e9;
  for(int it=0;it<7;it++){ double t0=now(); memcpy(y,x,N*4); double t1=now(); if(t1-t0<bm)bm=t1-t0;
    t0=now(); if(mode==0)k_direct(); else if(mode==1)k_two(); else if(mode==2) k_two_reg(); else if(mode==3) k_pipe(); else if(mode==4) k_rt(); else if(mode==5) k_2s(); else if(mode<10) k_pipe2(mode-6); else if(mode==10) k_st(); else if(mode==11) k_stw(); else k_pipew(); t1=now(); if(t1-t0<best)best=t1-t0; }
  for(int q=0;q<0;q++);
  if(N<(1L<<20)){ double t0=now(); for(int q=0;q<2000;q++){ if(mode==11)k_stw(); else k_pipew(); } double t1=now(); printf("in-cache %.4f ns/elem\n",(t1-t0)/2000/N*1e9);}
  printf("D=%d ahead=%d loc=%d mode=%d: k %.2f ms memcpy %.2f ms frac %.2f\n",D,AHEAD,LOC,mode,best*1e3,bm*1e3,bm/best);
}
