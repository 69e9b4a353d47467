// A prototype (not walsh's code): the split layout on tensor cores
// (MmaKernel.cpp's cross_warp = mma, threads_per_row = 32 m / g) with its
// m-point stage on tensor cores too, for the large dense factors (m = 36 …
// 60) whose sign program costs 10–15 additions an element.
//
// A block of M / G warps takes one row at a time. Stage 1 as walsh's split
// layout: warp w transforms dense indices w G … w G + G - 1 as P / 256
// tiles each (Y = H16 X, then Z^T = H16 Y^T from Y's one bf16 piece), H_{P /
// 256} across a dense index's tiles. Then, unlike walsh (the row in fp32 and
// the sign program over pairs or single positions), the row goes to shared
// memory as bf16 hi (and, with LO2, lo = bf16(Z - hi)), 16-byte chunk c of
// dense index j at chunk c ^ (j % 8), one barrier, and the warps take items
// of 8 NI positions: C = H_m Z on tensor cores, A = H_m's 16 x 16 blocks
// (exact in bf16, m padded to 16 IT with zeros; every lane's four words from
// a shared table, one 16-byte load a block), B = Z's hi (lo) from
// ldmatrix.x4.trans (rows past m read a zero chunk), fp32 accumulators; a
// and b as bf16 pairs (from shared memory, rows padded by 16 bytes against
// bank conflicts, or with ABG from global), 4-byte stores of pairs. bf16
// only. Checked on 257 rows against float64 (FWHT per index, H_m from the
// same sign program), output poisoned; timed against a device-to-device
// copy of the same bytes.
//
// python3 gen-progs.py build/dialects/BasePrograms.inc && nvcc -O3 -arch=sm_90 -std=c++17 -I. split-hm-prototype.cu -o hmproto
#include <cuda_bf16.h>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include "progs.h"

#define CK(x) do { cudaError_t e = (x); if (e != cudaSuccess) { \
  fprintf(stderr, "%s:%d %s: %s\n", __FILE__, __LINE__, #x, cudaGetErrorString(e)); exit(1);} } while (0)

__device__ __forceinline__ uint32_t hsign(int i, int j) {
  return (__popc(i & j) & 1) ? 0xBF80u : 0x3F80u; // bf16 -1, +1
}
__device__ __forceinline__ uint32_t hpair(int i, int j) {
  return hsign(i, j) | (hsign(i, j + 1) << 16);
}
__device__ __forceinline__ void mma(const uint32_t (&a)[4], uint32_t b0, uint32_t b1,
                                    float (&c)[4]) {
  asm volatile(
      "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, "
      "{%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
      : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
      : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
}
__device__ __forceinline__ uint32_t pack(float lo, float hi) {
  __nv_bfloat162 h = __floats2bfloat162_rn(lo, hi);
  return *reinterpret_cast<uint32_t *>(&h);
}
__device__ __forceinline__ float lo16(uint32_t w) { return __uint_as_float(w << 16); }
__device__ __forceinline__ float hi16(uint32_t w) { return __uint_as_float(w & 0xFFFF0000u); }
__device__ __forceinline__ void ldsm4t(uint32_t (&r)[4], const void *p) {
  uint32_t a = uint32_t(__cvta_generic_to_shared(p));
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0,%1,%2,%3}, [%4];"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]) : "r"(a));
}
__device__ __forceinline__ void ldsm2t(uint32_t (&r)[4], const void *p) {
  uint32_t a = uint32_t(__cvta_generic_to_shared(p));
  asm volatile("ldmatrix.sync.aligned.m8n8.x2.trans.shared.b16 {%0,%1}, [%2];"
               : "=r"(r[0]), "=r"(r[1]) : "r"(a));
}

template <int M, int P, int G>
__device__ __forceinline__ int tileOff(int w, int t) {
  constexpr int TL = P / 256;
  return (w * G + t / TL) * P + (t % TL) * 256;
}

template <int M, int P, bool LO2, bool ABG, int NW = 0>
struct Smem {
  static constexpr int IT = (M + 15) / 16, AST = P + 8;
  static constexpr int hi = 0, lo = hi + M * P * 2, a = lo + (LO2 ? M * P * 2 : 0),
                       b = a + (ABG ? 0 : M * AST * 2), frag = b + (ABG ? 0 : M * AST * 2),
                       zero = frag + IT * IT * 32 * 16, stage = zero + 16,
                       total = stage + NW * 16 * 20 * 4;
};

template <int M, int P, int G, bool LO2, int NI, int MINB, bool ABG, bool ST, int PD, bool AR>
__global__ void __launch_bounds__(M * 32 / G, MINB)
splitHm(const __nv_bfloat16 *__restrict__ x, __nv_bfloat16 *__restrict__ y,
        const __nv_bfloat16 *__restrict__ av, const __nv_bfloat16 *__restrict__ bv,
        const uint4 *__restrict__ fragG, float scale, long rows) {
  using S = Smem<M, P, LO2, ABG, ST ? M / G : 0>;
  constexpr int D = M * P, TL = P / 256, NT = G * TL, NW = M / G, NTH = NW * 32;
  constexpr int IT = S::IT, AST = S::AST, ITEMS = P / (8 * NI);
  extern __shared__ __align__(16) uint8_t sm[];
  uint16_t *hiB = reinterpret_cast<uint16_t *>(sm + S::hi);
  uint16_t *loB = reinterpret_cast<uint16_t *>(sm + S::lo);
  uint16_t *aB = reinterpret_cast<uint16_t *>(sm + S::a);
  uint16_t *bB = reinterpret_cast<uint16_t *>(sm + S::b);
  uint4 *aF = reinterpret_cast<uint4 *>(sm + S::frag);
  uint4 *zero = reinterpret_cast<uint4 *>(sm + S::zero);
  float *stg = reinterpret_cast<float *>(sm + S::stage) + (threadIdx.x >> 5) * 16 * 20;
  int tid = threadIdx.x, lane = tid & 31, w = tid >> 5;
  int g = lane >> 2, q = lane & 3;
  for (int i = tid; i < IT * IT * 32; i += NTH) aF[i] = fragG[i];
  if (tid == 0) *zero = make_uint4(0, 0, 0, 0);
  if (!ABG)
    for (int i = tid * 8; i < D; i += NTH * 8) {
      int j = i / P, p = i % P;
      *reinterpret_cast<uint4 *>(aB + j * AST + p) = *reinterpret_cast<const uint4 *>(av + i);
      *reinterpret_cast<uint4 *>(bB + j * AST + p) = *reinterpret_cast<const uint4 *>(bv + i);
    }
  // AR: H_m's fragments in registers for the whole kernel.
  uint32_t Areg[AR ? IT : 1][AR ? IT : 1][4];
  if (AR) {
#pragma unroll
    for (int jb = 0; jb < (AR ? IT : 1); ++jb)
#pragma unroll
      for (int kb = 0; kb < (AR ? IT : 1); ++kb) {
        uint4 f = fragG[(jb * IT + kb) * 32 + lane];
        Areg[jb][kb][0] = f.x; Areg[jb][kb][1] = f.y; Areg[jb][kb][2] = f.z; Areg[jb][kb][3] = f.w;
      }
  }
  uint32_t A[4];
#pragma unroll
  for (int i = 0; i < 4; ++i) A[i] = hpair(g + 8 * (i & 1), 2 * q + 8 * (i >> 1));
  long row = blockIdx.x;
  uint4 v[NT];
  if (row < rows) {
#pragma unroll
    for (int t = 0; t < NT; ++t)
      v[t] = *reinterpret_cast<const uint4 *>(x + row * D + tileOff<M, P, G>(w, t) + 8 * lane);
  }
  __syncthreads();
  auto body = [&](uint4 (&v)[NT], long row, long next) {
    float z[NT][8];
#pragma unroll
    for (int t = 0; t < NT; ++t) {
      float acc[2][4] = {};
      mma(A, v[t].x, v[t].y, acc[0]);
      mma(A, v[t].z, v[t].w, acc[1]);
#pragma unroll
      for (int i = 0; i < 2; ++i) {
        uint32_t hi[2];
#pragma unroll
        for (int j = 0; j < 2; ++j) hi[j] = pack(acc[j][2 * i], acc[j][2 * i + 1]);
        float out[4] = {};
        mma(A, hi[0], hi[1], out);
#pragma unroll
        for (int l3 = 0; l3 < 2; ++l3)
#pragma unroll
          for (int h0 = 0; h0 < 2; ++h0) z[t][h0 + 2 * i + 4 * l3] = out[2 * l3 + h0];
      }
    }
#pragma unroll
    for (int gi = 0; gi < G; ++gi)
#pragma unroll
      for (int s = 1; s < TL; s <<= 1)
#pragma unroll
        for (int t = 0; t < TL; ++t)
          if (!(t & s))
#pragma unroll
            for (int e = 0; e < 8; ++e) {
              float p0 = z[gi * TL + t][e], p1 = z[gi * TL + t + s][e];
              z[gi * TL + t][e] = p0 + p1;
              z[gi * TL + t + s][e] = p0 - p1;
            }
    // The row as bf16 hi (lo) pieces, chunk c of index j at c ^ (j % 8).
#pragma unroll
    for (int t = 0; t < NT; ++t) {
      int j = w * G + t / TL, c = (t % TL) * 32 + lane;
      int at = j * P + ((c ^ (j & 7)) << 3);
      uint4 h;
      h.x = pack(z[t][0], z[t][1]); h.y = pack(z[t][2], z[t][3]);
      h.z = pack(z[t][4], z[t][5]); h.w = pack(z[t][6], z[t][7]);
      *reinterpret_cast<uint4 *>(hiB + at) = h;
      if (LO2) {
        uint4 l;
        l.x = pack(z[t][0] - lo16(h.x), z[t][1] - hi16(h.x));
        l.y = pack(z[t][2] - lo16(h.y), z[t][3] - hi16(h.y));
        l.z = pack(z[t][4] - lo16(h.z), z[t][5] - hi16(h.z));
        l.w = pack(z[t][6] - lo16(h.w), z[t][7] - hi16(h.w));
        *reinterpret_cast<uint4 *>(loB + at) = l;
      }
    }

    if (next < rows) {
#pragma unroll
      for (int t = 0; t < NT; ++t)
        v[t] = *reinterpret_cast<const uint4 *>(x + next * D + tileOff<M, P, G>(w, t) + 8 * lane);
    }
    __syncthreads();
    for (int it = w; it < ITEMS; it += NW) {
      float acc[IT][NI][4];
#pragma unroll
      for (int jb = 0; jb < IT; ++jb)
#pragma unroll
        for (int n = 0; n < NI; ++n)
#pragma unroll
          for (int e = 0; e < 4; ++e) acc[jb][n][e] = 0.f;
#pragma unroll
      for (int kb = 0; kb < IT; ++kb) {
        // ldmatrix rows: matrix mi = lane / 8 (k half mi % 2; with NI = 2
        // n-tile mi / 2, else with LO2 piece mi / 2), row r = lane % 8.
        int mi = lane >> 3, r = lane & 7;
        int j = kb * 16 + (mi & 1) * 8 + r;
        uint32_t bh[NI][2], bl[NI][2];
        if (NI == 2) {
          int c = it * 2 + (mi >> 1);
          uint32_t rr[4];
          const void *ph = j < M ? (const void *)(hiB + j * P + ((c ^ (j & 7)) << 3)) : (const void *)zero;
          ldsm4t(rr, ph);
          bh[0][0] = rr[0]; bh[0][1] = rr[1]; bh[NI - 1][0] = rr[2]; bh[NI - 1][1] = rr[3];
          if (LO2) {
            const void *pl = j < M ? (const void *)(loB + j * P + ((c ^ (j & 7)) << 3)) : (const void *)zero;
            ldsm4t(rr, pl);
            bl[0][0] = rr[0]; bl[0][1] = rr[1]; bl[NI - 1][0] = rr[2]; bl[NI - 1][1] = rr[3];
          }
        } else {
          int c = it;
          uint32_t rr[4];
          const uint16_t *buf = (LO2 && (mi >> 1)) ? loB : hiB;
          const void *p = j < M ? (const void *)(buf + j * P + ((c ^ (j & 7)) << 3)) : (const void *)zero;
          if (LO2) ldsm4t(rr, p); else ldsm2t(rr, p);
          bh[0][0] = rr[0]; bh[0][1] = rr[1];
          if (LO2) { bl[0][0] = rr[2]; bl[0][1] = rr[3]; }
        }
#pragma unroll
        for (int jb = 0; jb < IT; ++jb) {
          uint32_t Af[4];
          if (AR) {
            Af[0] = Areg[AR ? jb : 0][AR ? kb : 0][0]; Af[1] = Areg[AR ? jb : 0][AR ? kb : 0][1];
            Af[2] = Areg[AR ? jb : 0][AR ? kb : 0][2]; Af[3] = Areg[AR ? jb : 0][AR ? kb : 0][3];
          } else {
            uint4 f = aF[(jb * IT + kb) * 32 + lane];
            Af[0] = f.x; Af[1] = f.y; Af[2] = f.z; Af[3] = f.w;
          }
#pragma unroll
          for (int n = 0; n < NI; ++n) {
            mma(Af, bh[n][0], bh[n][1], acc[jb][n]);
            if (LO2) mma(Af, bl[n][0], bl[n][1], acc[jb][n]);
          }
        }
      }
      if (ST) {
        // Since run309: each block of 16 dense indices x 16 positions
        // (NI = 2) after the affine as bf16 pairs through the warp's 512
        // bytes by stmatrix.x4 (row R's 16-byte chunk c at c ^ (R / 4 % 2)),
        // read back 16 bytes a lane (row lane / 2, chunk lane % 2): one
        // 16-byte store, whole 32-byte sectors for each pair of lanes.
        uint16_t *st16 = reinterpret_cast<uint16_t *>(stg);
#pragma unroll
        for (int jb = 0; jb < IT; ++jb) {
          uint32_t wds[4];
#pragma unroll
          for (int h = 0; h < 2; ++h)
#pragma unroll
            for (int n = 0; n < 2; ++n) {
              int j = min(jb * 16 + g + 8 * h, M - 1);
              int p = it * 16 + n * 8 + 2 * q;
              uint32_t aw = *reinterpret_cast<const uint32_t *>(aB + j * AST + p);
              uint32_t bw = *reinterpret_cast<const uint32_t *>(bB + j * AST + p);
              float r0 = fmaf(acc[jb][NI == 2 ? n : 0][2 * h] * scale, lo16(aw), lo16(bw));
              float r1 = fmaf(acc[jb][NI == 2 ? n : 0][2 * h + 1] * scale, hi16(aw), hi16(bw));
              wds[h + 2 * n] = pack(r0, r1);
            }
          {
            int mi = lane >> 3, R = (lane & 7) + 8 * (mi & 1), c = mi >> 1;
            uint32_t addr = uint32_t(__cvta_generic_to_shared(st16 + R * 16 + ((c ^ ((R >> 2) & 1)) << 3)));
            asm volatile("stmatrix.sync.aligned.m8n8.x4.shared.b16 [%0], {%1,%2,%3,%4};"
                         :: "r"(addr), "r"(wds[0]), "r"(wds[1]), "r"(wds[2]), "r"(wds[3]) : "memory");
          }
          __syncwarp();
          int R = lane >> 1, c = lane & 1, j = jb * 16 + R;
          uint4 o = *reinterpret_cast<const uint4 *>(st16 + R * 16 + ((c ^ ((R >> 2) & 1)) << 3));
          if (j < M)
            *reinterpret_cast<uint4 *>(y + row * D + j * P + it * 16 + c * 8) = o;
          __syncwarp();
        }
        continue;
      }
#pragma unroll
      for (int jb = 0; jb < IT; ++jb)
#pragma unroll
        for (int h = 0; h < 2; ++h) {
          int j = jb * 16 + g + 8 * h;
          if (j >= M) continue;
#pragma unroll
          for (int n = 0; n < NI; ++n) {
            int p = it * 8 * NI + n * 8 + 2 * q;
            uint32_t aw, bw;
            if (ABG) {
              aw = __ldg(reinterpret_cast<const unsigned int *>(av + j * P + p));
              bw = __ldg(reinterpret_cast<const unsigned int *>(bv + j * P + p));
            } else {
              aw = *reinterpret_cast<const uint32_t *>(aB + j * AST + p);
              bw = *reinterpret_cast<const uint32_t *>(bB + j * AST + p);
            }
            float r0 = fmaf(acc[jb][n][2 * h] * scale, lo16(aw), lo16(bw));
            float r1 = fmaf(acc[jb][n][2 * h + 1] * scale, hi16(aw), hi16(bw));
            *reinterpret_cast<uint32_t *>(y + row * D + j * P + p) = pack(r0, r1);
          }
        }
    }
    __syncthreads();
  };
  if (PD == 1) {
    for (; row < rows; row += gridDim.x) body(v, row, row + gridDim.x);
  } else {
    // Two rows in flight: v for rows row, row + 2 G, ..., v1 for the rest.
    uint4 v1[NT];
    if (row + gridDim.x < rows) {
#pragma unroll
      for (int t = 0; t < NT; ++t)
        v1[t] = *reinterpret_cast<const uint4 *>(x + (row + gridDim.x) * D + tileOff<M, P, G>(w, t) + 8 * lane);
    }
    for (; row < rows; row += 2 * gridDim.x) {
      body(v, row, row + 2 * gridDim.x);
      if (row + gridDim.x < rows) body(v1, row + gridDim.x, row + 3 * gridDim.x);
    }
  }
}

static float bf(uint16_t h) { uint32_t u = uint32_t(h) << 16; float f; memcpy(&f, &u, 4); return f; }
static uint16_t tobf(float f) { uint32_t u; memcpy(&u, &f, 4); u += 0x7FFF + ((u >> 16) & 1); return uint16_t(u >> 16); }

// H_m[a][i] = the sign program applied to e_i, output a.
static std::vector<int> hadamard(int m) {
  const int32_t *st = nullptr, *ou = nullptr;
  size_t ns = 0;
#define CASE(M) case M: st = kSteps##M; ou = kOutputs##M; ns = sizeof(kSteps##M) / 12; break;
  switch (m) { CASE(12) CASE(20) CASE(28) CASE(36) CASE(44) CASE(52) CASE(60) default: abort(); }
#undef CASE
  std::vector<int> h(m * m);
  for (int i = 0; i < m; ++i) {
    std::vector<double> v(m + ns, 0.0);
    v[i] = 1.0;
    for (size_t s = 0; s < ns; ++s)
      v[m + s] = st[3 * s + 2] ? v[st[3 * s]] - v[st[3 * s + 1]] : v[st[3 * s]] + v[st[3 * s + 1]];
    for (int a = 0; a < m; ++a) h[a * m + i] = int(ou[2 * a + 1] ? -v[ou[2 * a]] : v[ou[2 * a]]);
  }
  return h;
}

template <int M, int P, int G, bool LO2, int NI, int MINB, bool ABG, bool ST = false, int PD = 1, bool AR = false>
void run(const char *tag) {
  using S = Smem<M, P, LO2, ABG, ST ? M / G : 0>;
  constexpr int D = M * P, IT = S::IT, NTH = M * 32 / G;
  auto kern = splitHm<M, P, G, LO2, NI, MINB, ABG, ST, PD, AR>;
  int smem = S::total;
  CK(cudaFuncSetAttribute(kern, cudaFuncAttributeMaxDynamicSharedMemorySize, smem));
  int dev; CK(cudaGetDevice(&dev));
  cudaDeviceProp prop; CK(cudaGetDeviceProperties(&prop, dev));
  int occ = 0;
  CK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&occ, kern, NTH, smem));
  cudaFuncAttributes attr; CK(cudaFuncGetAttributes(&attr, kern));
  if (occ == 0) { printf("proto %s d=%d: does not fit (smem %d)\n", tag, D, smem); return; }
  int grid0 = prop.multiProcessorCount * occ;
  // H_m's fragments: block (jb, kb), lane, words i: rows jb 16 + g (+8),
  // k = kb 16 + 2 q (+1) (+8).
  std::vector<int> H = hadamard(M);
  std::vector<uint32_t> frag(IT * IT * 32 * 4);
  for (int jb = 0; jb < IT; ++jb)
    for (int kb = 0; kb < IT; ++kb)
      for (int l = 0; l < 32; ++l)
        for (int i = 0; i < 4; ++i) {
          int rr = jb * 16 + l / 4 + 8 * (i & 1), k = kb * 16 + 2 * (l % 4) + 8 * (i >> 1);
          auto e = [&](int r, int c) -> uint32_t {
            if (r >= M || c >= M) return 0;
            return H[r * M + c] > 0 ? 0x3F80u : 0xBF80u;
          };
          frag[((jb * IT + kb) * 32 + l) * 4 + i] = e(rr, k) | (e(rr, k + 1) << 16);
        }
  long cr = 257;
  std::mt19937 rng(1234 + D);
  std::normal_distribution<float> nd(0.f, 1.f);
  std::vector<uint16_t> hx(cr * D), ha(D), hb(D), hy(cr * D);
  for (auto &e : hx) e = tobf(nd(rng));
  for (auto &e : ha) e = tobf(1.f + 0.1f * nd(rng));
  for (auto &e : hb) e = tobf(0.1f * nd(rng));
  __nv_bfloat16 *dx, *dy, *da, *db;
  uint4 *df;
  long big = 65536;
  CK(cudaMalloc(&dx, big * D * 2)); CK(cudaMalloc(&dy, big * D * 2));
  CK(cudaMalloc(&da, D * 2)); CK(cudaMalloc(&db, D * 2));
  CK(cudaMalloc(&df, frag.size() * 4));
  CK(cudaMemcpy(df, frag.data(), frag.size() * 4, cudaMemcpyHostToDevice));
  CK(cudaMemcpy(dx, hx.data(), cr * D * 2, cudaMemcpyHostToDevice));
  CK(cudaMemcpy(da, ha.data(), D * 2, cudaMemcpyHostToDevice));
  CK(cudaMemcpy(db, hb.data(), D * 2, cudaMemcpyHostToDevice));
  CK(cudaMemset(dy, 0xFF, cr * D * 2));
  float scale = 1.f / sqrtf(float(D));
  kern<<<std::min<long>(grid0, cr), NTH, smem>>>(dx, dy, da, db, df, scale, cr);
  CK(cudaGetLastError()); CK(cudaDeviceSynchronize());
  CK(cudaMemcpy(hy.data(), dy, cr * D * 2, cudaMemcpyDeviceToHost));
  double maxErr = 0;
  std::vector<double> t(D), ref(D);
  for (long r = 0; r < cr; ++r) {
    for (int i = 0; i < D; ++i) t[i] = bf(hx[r * D + i]);
    for (int a = 0; a < M; ++a)
      for (int h = 1; h < P; h <<= 1)
        for (int i = 0; i < P; i += 2 * h)
          for (int j = i; j < i + h; ++j) {
            double u = t[a * P + j], v = t[a * P + j + h];
            t[a * P + j] = u + v; t[a * P + j + h] = u - v;
          }
    double rmax = 0;
    for (int p = 0; p < P; ++p)
      for (int a = 0; a < M; ++a) {
        double o = 0;
        for (int i = 0; i < M; ++i) o += H[a * M + i] * t[i * P + p];
        ref[a * P + p] = o / std::sqrt(double(D)) * bf(ha[a * P + p]) + bf(hb[a * P + p]);
      }
    for (int i = 0; i < D; ++i) rmax = std::max(rmax, std::fabs(ref[i]));
    for (int i = 0; i < D; ++i) {
      double got = bf(hy[r * D + i]);
      double e = std::isnan(got) ? 1e9 : std::fabs(got - ref[i]) / rmax;
      maxErr = std::max(maxErr, e);
    }
  }
  bool pass = maxErr <= 1e-2;
  for (long rows : {65536L, 16384L}) {
    cudaEvent_t e0, e1; CK(cudaEventCreate(&e0)); CK(cudaEventCreate(&e1));
    int grid = int(std::min<long>(grid0, rows));
    for (int i = 0; i < 3; ++i) kern<<<grid, NTH, smem>>>(dx, dy, da, db, df, scale, rows);
    CK(cudaMemcpyAsync(dy, dx, rows * D * 2, cudaMemcpyDeviceToDevice));
    CK(cudaDeviceSynchronize());
    std::vector<float> tk, tc;
    for (int rep = 0; rep < 30; ++rep) {
      float ms;
      CK(cudaEventRecord(e0)); kern<<<grid, NTH, smem>>>(dx, dy, da, db, df, scale, rows);
      CK(cudaEventRecord(e1)); CK(cudaEventSynchronize(e1)); CK(cudaEventElapsedTime(&ms, e0, e1)); tk.push_back(ms);
      CK(cudaEventRecord(e0)); CK(cudaMemcpyAsync(dy, dx, rows * D * 2, cudaMemcpyDeviceToDevice));
      CK(cudaEventRecord(e1)); CK(cudaEventSynchronize(e1)); CK(cudaEventElapsedTime(&ms, e0, e1)); tc.push_back(ms);
    }
    CK(cudaGetLastError());
    std::sort(tk.begin(), tk.end()); std::sort(tc.begin(), tc.end());
    float k = tk[tk.size() / 2], c = tc[tc.size() / 2];
    printf("proto %-8s d=%5d (m=%d x %d) g=%d lo2=%d ni=%d abg=%d st=%d pd=%d ar=%d regs=%3d spill=%zu smem=%6d occ=%d rows=%5ld maxerr=%.2e %s | kernel %8.1f us  copy %7.1f us  frac %.2f\n",
           tag, D, M, P, G, int(LO2), NI, int(ABG), int(ST), PD, int(AR), attr.numRegs, attr.localSizeBytes, smem, occ, rows, maxErr,
           pass ? "PASS" : "FAIL", k * 1e3, c * 1e3, c / k);
    fflush(stdout);
  }
  CK(cudaFree(dx)); CK(cudaFree(dy)); CK(cudaFree(da)); CK(cudaFree(db)); CK(cudaFree(df));
}

int main() {
  // Run 310: H_m in registers, stores staged by stmatrix (ST).
  run<52, 256, 4, false, 2, 1, false, true, 1, true>("hi-ar-st");
  run<52, 256, 4, false, 2, 1, false, true, 1, false>("hi-st");
  run<36, 256, 4, false, 2, 1, false, true, 1, true>("hi-ar-st");
  run<44, 256, 4, false, 2, 1, false, true, 1, true>("hi-ar-st");
  run<60, 256, 4, false, 2, 1, false, true, 1, true>("hi-ar-st");
  run<60, 256, 4, false, 2, 1, false, true, 1, false>("hi-st");
  run<36, 512, 4, false, 2, 1, false, true, 1, true>("hi-ar-st");
  run<52, 256, 4, true, 2, 1, false, true, 1, true>("hilo-ar-st");
  run<44, 256, 4, true, 2, 1, false, true, 1, true>("hilo-ar-st");
  return 0;
}
int main309() {
  // Run 309: H_m's fragments in registers (AR), two rows in flight (PD).
  run<52, 256, 4, false, 2, 1, false, false, 1, true>("hi-ar");
  run<52, 256, 4, false, 2, 1, false, false, 2, true>("hi-ar");
  run<52, 256, 4, true, 2, 1, false, false, 1, true>("hilo-ar");
  run<52, 256, 4, false, 2, 1, false, false, 2, false>("hi");
  run<52, 256, 4, false, 1, 1, false, false, 1, true>("hi-ar");
  run<36, 256, 4, false, 2, 1, false, false, 1, true>("hi-ar");
  run<36, 256, 4, false, 2, 2, false, false, 1, true>("hi-ar");
  run<36, 256, 4, true, 2, 2, false, false, 1, true>("hilo-ar");
  run<44, 256, 4, false, 2, 1, false, false, 1, true>("hi-ar");
  run<44, 256, 4, true, 2, 1, false, false, 1, true>("hilo-ar");
  run<60, 256, 4, false, 2, 1, false, false, 1, true>("hi-ar");
  run<60, 256, 4, true, 2, 1, false, false, 1, true>("hilo-ar");
  run<36, 512, 4, false, 2, 1, false, false, 1, true>("hi-ar");
  return 0;
}
int main308() {
  // Run 308: the staged stores.
  run<52, 256, 4, false, 2, 1, false, true>("hi-st");
  run<52, 256, 4, true, 2, 1, false, true>("hilo-st");
  run<52, 256, 2, true, 2, 1, false, true>("hilo-st");
  run<36, 256, 4, false, 2, 2, false, true>("hi-st");
  run<36, 256, 4, true, 2, 2, false, true>("hilo-st");
  run<44, 256, 4, false, 2, 2, false, true>("hi-st");
  run<44, 256, 4, true, 2, 2, false, true>("hilo-st");
  run<36, 512, 4, true, 2, 1, false, true>("hilo-st");
  run<60, 256, 4, false, 2, 2, false, true>("hi-st");
  run<60, 256, 4, true, 2, 1, false, true>("hilo-st");
  // Two rows in flight.
  run<52, 256, 4, false, 2, 1, false, true, 2>("hi-st");
  run<52, 256, 4, true, 2, 1, false, true, 2>("hilo-st");
  run<36, 256, 4, false, 2, 1, false, true, 2>("hi-st");
  run<36, 256, 4, true, 2, 1, false, true, 2>("hilo-st");
  run<44, 256, 4, true, 2, 1, false, true, 2>("hilo-st");
  run<60, 256, 4, false, 2, 1, false, true, 2>("hi-st");
  return 0;
}
int main307() {
  // d = 13312 (52 x 256), g = 4: 13 warps a row.
  run<52, 256, 4, false, 2, 1, false>("hi");
  run<52, 256, 4, false, 2, 2, false>("hi");
  run<52, 256, 4, true, 2, 1, false>("hilo");
  run<52, 256, 4, true, 2, 2, false>("hilo");
  run<52, 256, 4, true, 1, 2, false>("hilo");
  run<52, 256, 4, true, 2, 2, true>("hilo");
  run<52, 256, 2, true, 2, 1, false>("hilo");
  // d = 9216 (36 x 256), 11264 (44 x 256), 18432 (36 x 512), 15360 (60 x 256).
  run<36, 256, 4, true, 2, 2, false>("hilo");
  run<36, 256, 4, false, 2, 2, false>("hi");
  run<44, 256, 4, true, 2, 2, false>("hilo");
  run<44, 256, 4, false, 2, 2, false>("hi");
  run<36, 512, 4, true, 2, 1, false>("hilo");
  run<36, 512, 4, true, 2, 2, true>("hilo");
  run<60, 256, 4, true, 2, 2, false>("hilo");
  run<60, 256, 4, false, 2, 2, false>("hi");
  return 0;
}
