// Prototype (2026-11-30): H_m itself on tensor cores, for 16-bit rows of
// d = m x P with a large dense factor (m = 36 ... 60) and few positions
// (P = 16 or 32), where walsh's sign programs cost 10-15 additions an
// element. One warp a row; the row as the matrix X[j][p] (j < m dense, p <
// P positions), Y = H_m X H_P^T in two mma stages (m16n8k16, bf16, fp32
// accumulators):
//   stage A: Z^T = H_P X^T   (A = H_P, exact; B = X^T straight from global
//            memory: a lane's words are X[j][p], X[j][p + 1], 4 bytes);
//   stage B: Y^T = Z^T H_m^T (A = Z^T straight from stage A's accumulators,
//            split into bf16 hi + lo; B = H_m^T from a shared table).
// Then y = a * s * Y + b. H_m here is a random +-1 matrix (the timing does
// not depend on which); the check recomputes the same product in double.
#include <cuda_bf16.h>
#include <cuda_runtime.h>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <random>
#include <vector>

#define CK(x) do { cudaError_t e = (x); if (e != cudaSuccess) { fprintf(stderr, "%s:%d %s: %s\n", __FILE__, __LINE__, #x, cudaGetErrorString(e)); exit(1);} } while (0)

__device__ __forceinline__ void mma(float c[4], const uint32_t a[4], uint32_t b0, uint32_t b1) {
  asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
               : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
               : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
}
__device__ __forceinline__ uint32_t pack(float lo, float hi) {
  uint32_t r;
  asm("cvt.rn.bf16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo));
  return r;
}
__device__ __forceinline__ float lo16(uint32_t w) { return __uint_as_float(w << 16); }
__device__ __forceinline__ float hi16(uint32_t w) { return __uint_as_float(w & 0xffff0000u); }
__device__ __forceinline__ uint32_t hs(int i, int j) { return (__popc(i & j) & 1) ? 0xBF80u : 0x3F80u; }

// M dense indices, P positions; MP = M padded to 16, NB = M padded to 8 / 8.
template <int M, int P>
__global__ void __launch_bounds__(128) hm(const uint16_t *__restrict__ x, uint16_t *__restrict__ y,
                                          const uint16_t *__restrict__ a, const uint16_t *__restrict__ b,
                                          const uint2 *__restrict__ hmT, float s, long rows) {
  constexpr int D = M * P, MP = (M + 15) / 16 * 16, KS = MP / 16, NA = MP / 8, NB = (M + 7) / 8;
  constexpr int QT = P / 16, PK = P / 16;
  __shared__ uint2 tab[KS * NB * 32];
  for (int i = threadIdx.x; i < KS * NB * 32; i += blockDim.x) tab[i] = hmT[i];
  __syncthreads();
  const int lane = threadIdx.x & 31, g = lane >> 2, t = lane & 3;
  // H_P's A fragments (q x p), per (qt, pk).
  uint32_t hp[QT][PK][4];
#pragma unroll
  for (int qt = 0; qt < QT; ++qt)
#pragma unroll
    for (int pk = 0; pk < PK; ++pk)
#pragma unroll
      for (int r = 0; r < 4; ++r) {
        int q = qt * 16 + g + 8 * (r & 1), p = pk * 16 + 2 * t + 8 * (r >> 1);
        hp[qt][pk][r] = hs(q, p) | (hs(q, p + 1) << 16);
      }
  long warps = (long)gridDim.x * (blockDim.x / 32);
  for (long row = (long)blockIdx.x * (blockDim.x / 32) + (threadIdx.x >> 5); row < rows; row += warps) {
    const uint16_t *xr = x + row * D;
    // Stage A: C[qt][jt] (rows q, cols j) = sum_pk H_P[q][p] X^T[p][j].
    float c[QT][NA][4];
#pragma unroll
    for (int qt = 0; qt < QT; ++qt)
#pragma unroll
      for (int jt = 0; jt < NA; ++jt)
#pragma unroll
        for (int r = 0; r < 4; ++r) c[qt][jt][r] = 0.f;
    uint32_t xb[PK][NA][2];
#pragma unroll
    for (int pk = 0; pk < PK; ++pk)
#pragma unroll
      for (int jt = 0; jt < NA; ++jt) {
        int j = jt * 8 + g;
        if (j < M) {
          xb[pk][jt][0] = __ldg(reinterpret_cast<const uint32_t *>(xr + j * P + pk * 16 + 2 * t));
          xb[pk][jt][1] = __ldg(reinterpret_cast<const uint32_t *>(xr + j * P + pk * 16 + 2 * t + 8));
        } else {
          xb[pk][jt][0] = xb[pk][jt][1] = 0;
        }
      }
#pragma unroll
    for (int qt = 0; qt < QT; ++qt)
#pragma unroll
      for (int pk = 0; pk < PK; ++pk)
#pragma unroll
        for (int jt = 0; jt < NA; ++jt) mma(c[qt][jt], hp[qt][pk], xb[pk][jt][0], xb[pk][jt][1]);
    // Stage B: D[qt][it] (rows q, cols i) = sum_jk Z^T[q][j] H_m^T[j][i].
    float d[QT][NB][4];
#pragma unroll
    for (int qt = 0; qt < QT; ++qt)
#pragma unroll
      for (int it = 0; it < NB; ++it)
#pragma unroll
        for (int r = 0; r < 4; ++r) d[qt][it][r] = 0.f;
#pragma unroll
    for (int qt = 0; qt < QT; ++qt)
#pragma unroll
      for (int jk = 0; jk < KS; ++jk) {
        const float *c0 = c[qt][2 * jk], *c1 = c[qt][2 * jk + 1];
        float v[8] = {c0[0], c0[1], c0[2], c0[3], c1[0], c1[1], c1[2], c1[3]};
        uint32_t ah[4], al[4];
#pragma unroll
        for (int r = 0; r < 4; ++r) {
          uint32_t h = pack(v[2 * r], v[2 * r + 1]);
          ah[r] = h;
          al[r] = pack(v[2 * r] - lo16(h), v[2 * r + 1] - hi16(h));
        }
        // a0 = (q=g, j 2t..) = c0[0..1]; a1 = (q=g+8) = c0[2..3]; a2 = (q=g, j+8) = c1[0..1]; a3 = c1[2..3].
#pragma unroll
        for (int it = 0; it < NB; ++it) {
          uint2 hb = tab[(jk * NB + it) * 32 + lane];
          mma(d[qt][it], ah, hb.x, hb.y);
          mma(d[qt][it], al, hb.x, hb.y);
        }
      }
    // Epilogue: y[i][q] = a * s * D + b; rows q = qt*16 + g (+8), cols i = it*8 + 2t (+1).
    uint16_t *yr = y + row * D;
#pragma unroll
    for (int qt = 0; qt < QT; ++qt)
#pragma unroll
      for (int it = 0; it < NB; ++it)
#pragma unroll
        for (int r = 0; r < 4; ++r) {
          int q = qt * 16 + g + 8 * (r >> 1), i = it * 8 + 2 * t + (r & 1);
          if (i < M) {
            int idx = i * P + q;
            float av = __uint_as_float((uint32_t)__ldg(a + idx) << 16), bv = __uint_as_float((uint32_t)__ldg(b + idx) << 16);
            float o = fmaf(av * s, d[qt][it][r], bv);
            yr[idx] = __bfloat16_as_ushort(__float2bfloat16_rn(o));
          }
        }
  }
}

static float bf(uint16_t h) { uint32_t w = (uint32_t)h << 16; float f; memcpy(&f, &w, 4); return f; }
static uint16_t tobf(float f) { uint32_t w; memcpy(&w, &f, 4); w += 0x7fff + ((w >> 16) & 1); return (uint16_t)(w >> 16); }

template <int M, int P> void run(long rows, int minBlocksHint) {
  constexpr int D = M * P, MP = (M + 15) / 16 * 16, KS = MP / 16, NB = (M + 7) / 8;
  std::mt19937 rng(M * 1000 + P);
  std::vector<int> H(M * M);
  for (auto &h : H) h = (rng() & 1) ? 1 : -1;
  // Table of B fragments of H_m^T: (jk, it, lane) -> {H[i][j0], H[i][j0+1]}, {H[i][j0+8], H[i][j0+9]}.
  std::vector<uint2> tab(KS * NB * 32);
  auto hbits = [&](int i, int j) -> uint32_t { return (i < M && j < M) ? (H[i * M + j] > 0 ? 0x3F80u : 0xBF80u) : 0u; };
  for (int jk = 0; jk < KS; ++jk)
    for (int it = 0; it < NB; ++it)
      for (int lane = 0; lane < 32; ++lane) {
        int g = lane >> 2, t = lane & 3, i = it * 8 + g, j = jk * 16 + 2 * t;
        tab[(jk * NB + it) * 32 + lane] = make_uint2(hbits(i, j) | (hbits(i, j + 1) << 16), hbits(i, j + 8) | (hbits(i, j + 9) << 16));
      }
  size_t n = (size_t)rows * D;
  std::vector<uint16_t> hx(n), ha(D), hb(D);
  std::normal_distribution<float> nd;
  for (auto &v : hx) v = tobf(nd(rng));
  for (auto &v : ha) v = tobf(1.f + 0.1f * nd(rng));
  for (auto &v : hb) v = tobf(0.1f * nd(rng));
  // Rotate over enough buffer sets that the L2 holds none of them.
  int sets = std::max<int>(2, (int)((256l << 20) / (n * 2) + 1));
  std::vector<uint16_t *> dx(sets), dy(sets);
  for (int k = 0; k < sets; ++k) {
    CK(cudaMalloc(&dx[k], n * 2)); CK(cudaMalloc(&dy[k], n * 2));
    CK(cudaMemcpy(dx[k], hx.data(), n * 2, cudaMemcpyHostToDevice));
    CK(cudaMemset(dy[k], 0xff, n * 2));
  }
  uint16_t *da, *db; uint2 *dt;
  CK(cudaMalloc(&da, D * 2)); CK(cudaMalloc(&db, D * 2)); CK(cudaMalloc(&dt, tab.size() * 8));
  CK(cudaMemcpy(da, ha.data(), D * 2, cudaMemcpyHostToDevice));
  CK(cudaMemcpy(db, hb.data(), D * 2, cudaMemcpyHostToDevice));
  CK(cudaMemcpy(dt, tab.data(), tab.size() * 8, cudaMemcpyHostToDevice));
  float s = 1.f / sqrtf((float)D);
  int perSm = 0, sms = 0;
  CK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&perSm, hm<M, P>, 128, 0));
  CK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0));
  long need = (rows + 3) / 4;
  int grid = (int)std::min<long>(need, (long)perSm * sms * (minBlocksHint > 0 ? minBlocksHint : 1));
  cudaFuncAttributes fa; CK(cudaFuncGetAttributes(&fa, hm<M, P>));
  hm<M, P><<<grid, 128>>>(dx[0], dy[0], da, db, dt, s, rows);
  CK(cudaGetLastError()); CK(cudaDeviceSynchronize());
  // Check 257 rows in double.
  std::vector<uint16_t> out(257 * (size_t)D);
  CK(cudaMemcpy(out.data(), dy[0], out.size() * 2, cudaMemcpyDeviceToHost));
  double maxErr = 0, maxRef = 0;
  std::vector<double> z(D);
  for (int r = 0; r < 257; ++r) {
    const uint16_t *xr = &hx[(size_t)r * D];
    for (int j = 0; j < M; ++j)
      for (int q = 0; q < P; ++q) {
        double acc = 0;
        for (int p = 0; p < P; ++p) acc += ((__builtin_popcount(q & p) & 1) ? -1.0 : 1.0) * bf(xr[j * P + p]);
        z[j * P + q] = acc;
      }
    for (int i = 0; i < M; ++i)
      for (int q = 0; q < P; ++q) {
        double acc = 0;
        for (int j = 0; j < M; ++j) acc += H[i * M + j] * z[j * P + q];
        double ref = bf(ha[i * P + q]) * s * acc + bf(hb[i * P + q]);
        double got = bf(out[(size_t)r * D + i * P + q]);
        maxErr = std::max(maxErr, std::fabs(got - ref) / std::max(1.0, std::fabs(ref)));
        maxRef = std::max(maxRef, std::fabs(ref));
      }
  }
  cudaEvent_t e0, e1; CK(cudaEventCreate(&e0)); CK(cudaEventCreate(&e1));
  auto timeIt = [&](auto launch) {
    std::vector<float> ts;
    for (int it = 0; it < 30; ++it) {
      CK(cudaEventRecord(e0)); launch(it % sets); CK(cudaEventRecord(e1)); CK(cudaEventSynchronize(e1));
      float ms; CK(cudaEventElapsedTime(&ms, e0, e1)); ts.push_back(ms);
    }
    std::sort(ts.begin(), ts.end());
    return ts[ts.size() / 2] * 1000.f;
  };
  float tk = timeIt([&](int k) { hm<M, P><<<grid, 128>>>(dx[k], dy[k], da, db, dt, s, rows); });
  float tc = timeIt([&](int k) { CK(cudaMemcpyAsync(dy[k], dx[k], n * 2, cudaMemcpyDeviceToDevice)); });
  printf("bf16 d=%5d (m=%2d P=%2d) rows=%6ld regs=%3d local=%zu blocks/SM=%d grid=%6d  err=%.2e %s | kernel %8.2f us  copy %8.2f us  frac %.3f\n",
         D, M, P, rows, fa.numRegs, fa.localSizeBytes, perSm, grid, maxErr, maxErr < 1e-2 ? "PASS" : "FAIL", tk, tc, tc / tk);
  for (int k = 0; k < sets; ++k) { cudaFree(dx[k]); cudaFree(dy[k]); }
  cudaFree(da); cudaFree(db); cudaFree(dt);
}


// Version 2: H_m first, on the raw 16-bit row (exact), then H_P with the
// hi + lo split. The row goes to shared memory by cp.async (two buffers a
// warp: the next row's copy in flight while this one is transformed);
// X's B fragments (k = j, n = p) come from ldmatrix.x4.trans; H_m's A
// fragments from a shared table (LDS.128); the output D (rows i, cols q)
// gives 4-byte stores of position pairs; a * s and b from shared tables in
// fragment order (fp32 pairs).
__device__ __forceinline__ void ldsm4t(uint32_t r[4], uint32_t addr) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0,%1,%2,%3}, [%4];"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]) : "r"(addr));
}
__device__ __forceinline__ void cpasync16(uint32_t dst, const void *src) {
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16;" :: "r"(dst), "l"(src));
}
__device__ __forceinline__ void commit() { asm volatile("cp.async.commit_group;"); }
template <int N> __device__ __forceinline__ void waitg() { asm volatile("cp.async.wait_group %0;" :: "n"(N)); }

template <int M, int P, int W, bool HR = false, bool SW = false>
__global__ void __launch_bounds__(W * 32) hm2(const uint16_t *__restrict__ x, uint16_t *__restrict__ y,
                                              const uint4 *__restrict__ hmA, const float2 *__restrict__ abTab,
                                              long rows) {
  constexpr int D = M * P, MP = (M + 15) / 16 * 16, KS = MP / 16, IT = MP / 16, PN = P / 8, PK = P / 16;
  constexpr int ROWB = MP * P * 2;  // a row in shared memory, padded to MP dense indices (zeros)
  constexpr int TABA = IT * KS * 32, TABAB = IT * PN * 2 * 32;
  extern __shared__ __align__(16) unsigned char smem[];
  uint4 *tA = reinterpret_cast<uint4 *>(smem);
  float2 *tS = reinterpret_cast<float2 *>(smem + TABA * 16);
  float2 *tB = tS + TABAB;
  unsigned char *bufs = smem + TABA * 16 + 2 * TABAB * 8;
  for (int i = threadIdx.x; i < TABA; i += blockDim.x) tA[i] = hmA[i];
  for (int i = threadIdx.x; i < 2 * TABAB; i += blockDim.x) tS[i] = abTab[i];
  const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, g = lane >> 2, t = lane & 3;
  unsigned char *mine = bufs + warp * 2 * ROWB;
  // Zero both buffers' padding rows (j >= M) once.
  for (int o = M * P * 2 + lane * 16; o < ROWB; o += 512) {
    *reinterpret_cast<uint4 *>(mine + o) = make_uint4(0, 0, 0, 0);
    *reinterpret_cast<uint4 *>(mine + ROWB + o) = make_uint4(0, 0, 0, 0);
  }
  __syncthreads();
  const uint32_t base = (uint32_t)__cvta_generic_to_shared(mine);
  // H_P^T's B fragments (k = p, n = q), per (pk, qn).
  uint32_t hp[PK][PN][2];
#pragma unroll
  for (int pk = 0; pk < PK; ++pk)
#pragma unroll
    for (int qn = 0; qn < PN; ++qn) {
      int q = qn * 8 + g, p = pk * 16 + 2 * t;
      hp[pk][qn][0] = hs(q, p) | (hs(q, p + 1) << 16);
      hp[pk][qn][1] = hs(q, p + 8) | (hs(q, p + 9) << 16);
    }
  long warps = (long)gridDim.x * W;
  long row = (long)blockIdx.x * W + warp;
  // Version 3 (SW): a row's 16-byte chunk c of dense index j sits at chunk
  // c ^ ((j / (64 / P)) % (P / 8)) of its row, so an 8 x 8 matrix's eight
  // rows fall in distinct banks for ldmatrix.
  auto chunkAt = [&](int j, int c) -> int {
    return SW ? (c ^ ((j / (64 / P)) % (P / 8))) : c;
  };
  auto copyRow = [&](long r, int buf) {
    if (r < rows) {
      const unsigned char *src = reinterpret_cast<const unsigned char *>(x + r * D);
      for (int o = lane * 16; o < D * 2; o += 512) {
        int j = o / (P * 2), c = (o % (P * 2)) / 16;
        cpasync16(base + buf * ROWB + j * P * 2 + chunkAt(j, c) * 16, src + o);
      }
    }
    commit();
  };
  // Version 3 (HR): H_m's A fragments in registers for every row.
  uint32_t hmr[HR ? IT : 1][HR ? KS : 1][4];
  if (HR) {
#pragma unroll
    for (int a = 0; a < (HR ? IT : 1); ++a)
#pragma unroll
      for (int jk = 0; jk < (HR ? KS : 1); ++jk) {
        uint4 af = tA[(a * KS + jk) * 32 + lane];
        hmr[a][jk][0] = af.x; hmr[a][jk][1] = af.y; hmr[a][jk][2] = af.z; hmr[a][jk][3] = af.w;
      }
  }
  copyRow(row, 0);
  for (int it = 0; row < rows; row += warps, ++it) {
    int cur = it & 1;
    __syncwarp();
    copyRow(row + warps, cur ^ 1);
    waitg<1>();
    __syncwarp();
    const uint32_t rb = base + cur * ROWB;
    // Stage 1: C1[it16][pn] (rows i, cols p) = H_m (i x j) X (j x p).
    float c1[IT][PN][4];
#pragma unroll
    for (int a = 0; a < IT; ++a)
#pragma unroll
      for (int pn = 0; pn < PN; ++pn)
#pragma unroll
        for (int r = 0; r < 4; ++r) c1[a][pn][r] = 0.f;
#pragma unroll
    for (int jk = 0; jk < KS; ++jk)
#pragma unroll
      for (int pk = 0; pk < PK; ++pk) {
        // Matrices: (j 0-7, p 0-7), (j 8-15, p 0-7), (j 0-7, p 8-15), (j 8-15, p 8-15) of this k-step and p block.
        int mtx = lane >> 3, rr = lane & 7;
        int j = jk * 16 + (mtx & 1) * 8 + rr, c = pk * 2 + (mtx >> 1);
        uint32_t bx[4];
        ldsm4t(bx, rb + j * P * 2 + chunkAt(j, c) * 16);
#pragma unroll
        for (int a = 0; a < IT; ++a) {
          uint32_t av[4];
          if (HR) {
#pragma unroll
            for (int r = 0; r < 4; ++r) av[r] = hmr[HR ? a : 0][HR ? jk : 0][r];
          } else {
            uint4 af = tA[(a * KS + jk) * 32 + lane];
            av[0] = af.x; av[1] = af.y; av[2] = af.z; av[3] = af.w;
          }
          mma(c1[a][2 * pk], av, bx[0], bx[1]);
          mma(c1[a][2 * pk + 1], av, bx[2], bx[3]);
        }
      }
    // Stage 2: D (rows i, cols q) = C1 (i x p) H_P^T (p x q), C1 split hi + lo.
    uint16_t *yr = y + row * D;
#pragma unroll
    for (int a = 0; a < IT; ++a) {
      float d2[PN][4];
#pragma unroll
      for (int qn = 0; qn < PN; ++qn)
#pragma unroll
        for (int r = 0; r < 4; ++r) d2[qn][r] = 0.f;
#pragma unroll
      for (int pk = 0; pk < PK; ++pk) {
        const float *u = c1[a][2 * pk], *v = c1[a][2 * pk + 1];
        float w[8] = {u[0], u[1], u[2], u[3], v[0], v[1], v[2], v[3]};
        uint32_t ah[4], al[4];
#pragma unroll
        for (int r = 0; r < 4; ++r) {
          uint32_t h = pack(w[2 * r], w[2 * r + 1]);
          ah[r] = h;
          al[r] = pack(w[2 * r] - lo16(h), w[2 * r + 1] - hi16(h));
        }
#pragma unroll
        for (int qn = 0; qn < PN; ++qn) {
          mma(d2[qn], ah, hp[pk][qn][0], hp[pk][qn][1]);
          mma(d2[qn], al, hp[pk][qn][0], hp[pk][qn][1]);
        }
      }
      // Epilogue: rows i = a*16 + g (+8), cols q = qn*8 + 2t, +1.
#pragma unroll
      for (int qn = 0; qn < PN; ++qn)
#pragma unroll
        for (int h = 0; h < 2; ++h) {
          int i = a * 16 + g + 8 * h;
          if (i < M) {
            int slot = ((a * PN + qn) * 2 + h) * 32 + lane;
            float2 sa = tS[slot], sb = tB[slot];
            float o0 = fmaf(sa.x, d2[qn][2 * h], sb.x), o1 = fmaf(sa.y, d2[qn][2 * h + 1], sb.y);
            *reinterpret_cast<uint32_t *>(yr + i * P + qn * 8 + 2 * t) = pack(o0, o1);
          }
        }
    }
  }
  waitg<0>();
}

template <int M, int P, int W, bool HR = false, bool SW = false> void run2(long rows) {
  constexpr int D = M * P, MP = (M + 15) / 16 * 16, KS = MP / 16, IT = MP / 16, PN = P / 8;
  constexpr int ROWB = MP * P * 2, TABA = IT * KS * 32, TABAB = IT * PN * 2 * 32;
  std::mt19937 rng(M * 1000 + P);
  std::vector<int> H(M * M);
  for (auto &h : H) h = (rng() & 1) ? 1 : -1;
  auto hb16 = [&](int i, int j) -> uint32_t { return (i < M && j < M) ? (H[i * M + j] > 0 ? 0x3F80u : 0xBF80u) : 0u; };
  std::vector<uint4> ta(TABA);
  for (int a = 0; a < IT; ++a)
    for (int jk = 0; jk < KS; ++jk)
      for (int lane = 0; lane < 32; ++lane) {
        int g = lane >> 2, t = lane & 3, i = a * 16 + g, j = jk * 16 + 2 * t;
        ta[(a * KS + jk) * 32 + lane] = make_uint4(hb16(i, j) | hb16(i, j + 1) << 16, hb16(i + 8, j) | hb16(i + 8, j + 1) << 16,
                                                   hb16(i, j + 8) | hb16(i, j + 9) << 16, hb16(i + 8, j + 8) | hb16(i + 8, j + 9) << 16);
      }
  size_t n = (size_t)rows * D;
  std::vector<uint16_t> hx(n), ha(D), hbv(D);
  std::normal_distribution<float> nd;
  for (auto &v : hx) v = tobf(nd(rng));
  for (auto &v : ha) v = tobf(1.f + 0.1f * nd(rng));
  for (auto &v : hbv) v = tobf(0.1f * nd(rng));
  float s = 1.f / sqrtf((float)D);
  std::vector<float2> tab(2 * TABAB);
  for (int a = 0; a < IT; ++a)
    for (int qn = 0; qn < PN; ++qn)
      for (int h = 0; h < 2; ++h)
        for (int lane = 0; lane < 32; ++lane) {
          int g = lane >> 2, t = lane & 3, i = a * 16 + g + 8 * h, q = qn * 8 + 2 * t;
          int slot = ((a * PN + qn) * 2 + h) * 32 + lane;
          if (i < M) {
            tab[slot] = make_float2(bf(ha[i * P + q]) * s, bf(ha[i * P + q + 1]) * s);
            tab[TABAB + slot] = make_float2(bf(hbv[i * P + q]), bf(hbv[i * P + q + 1]));
          } else {
            tab[slot] = tab[TABAB + slot] = make_float2(0, 0);
          }
        }
  int sets = std::max<int>(2, (int)((256l << 20) / (n * 2) + 1));
  std::vector<uint16_t *> dx(sets), dy(sets);
  for (int k = 0; k < sets; ++k) {
    CK(cudaMalloc(&dx[k], n * 2)); CK(cudaMalloc(&dy[k], n * 2));
    CK(cudaMemcpy(dx[k], hx.data(), n * 2, cudaMemcpyHostToDevice));
    CK(cudaMemset(dy[k], 0xff, n * 2));
  }
  uint4 *dta; float2 *dtab;
  CK(cudaMalloc(&dta, ta.size() * 16)); CK(cudaMalloc(&dtab, tab.size() * 8));
  CK(cudaMemcpy(dta, ta.data(), ta.size() * 16, cudaMemcpyHostToDevice));
  CK(cudaMemcpy(dtab, tab.data(), tab.size() * 8, cudaMemcpyHostToDevice));
  size_t shm = TABA * 16 + 2 * TABAB * 8 + (size_t)W * 2 * ROWB;
  CK(cudaFuncSetAttribute(hm2<M, P, W, HR, SW>, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)shm));
  int perSm = 0, sms = 0;
  CK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&perSm, hm2<M, P, W, HR, SW>, W * 32, shm));
  CK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0));
  long need = (rows + W - 1) / W;
  int grid = (int)std::min<long>(need, (long)perSm * sms);
  cudaFuncAttributes fa; CK(cudaFuncGetAttributes(&fa, hm2<M, P, W, HR, SW>));
  hm2<M, P, W, HR, SW><<<grid, W * 32, shm>>>(dx[0], dy[0], dta, dtab, rows);
  CK(cudaGetLastError()); CK(cudaDeviceSynchronize());
  std::vector<uint16_t> out(257 * (size_t)D);
  CK(cudaMemcpy(out.data(), dy[0], out.size() * 2, cudaMemcpyDeviceToHost));
  double maxErr = 0;
  std::vector<double> z(D);
  for (int r = 0; r < 257; ++r) {
    const uint16_t *xr = &hx[(size_t)r * D];
    for (int j = 0; j < M; ++j)
      for (int q = 0; q < P; ++q) {
        double acc = 0;
        for (int p = 0; p < P; ++p) acc += ((__builtin_popcount(q & p) & 1) ? -1.0 : 1.0) * bf(xr[j * P + p]);
        z[j * P + q] = acc;
      }
    for (int i = 0; i < M; ++i)
      for (int q = 0; q < P; ++q) {
        double acc = 0;
        for (int j = 0; j < M; ++j) acc += H[i * M + j] * z[j * P + q];
        double ref = bf(ha[i * P + q]) * s * acc + bf(hbv[i * P + q]);
        double got = bf(out[(size_t)r * D + i * P + q]);
        maxErr = std::max(maxErr, std::fabs(got - ref) / std::max(1.0, std::fabs(ref)));
      }
  }
  cudaEvent_t e0, e1; CK(cudaEventCreate(&e0)); CK(cudaEventCreate(&e1));
  auto timeIt = [&](auto launch) {
    std::vector<float> ts;
    for (int it = 0; it < 30; ++it) {
      CK(cudaEventRecord(e0)); launch(it % sets); CK(cudaEventRecord(e1)); CK(cudaEventSynchronize(e1));
      float ms; CK(cudaEventElapsedTime(&ms, e0, e1)); ts.push_back(ms);
    }
    std::sort(ts.begin(), ts.end());
    return ts[ts.size() / 2] * 1000.f;
  };
  float tk = timeIt([&](int k) { hm2<M, P, W, HR, SW><<<grid, W * 32, shm>>>(dx[k], dy[k], dta, dtab, rows); });
  float tc = timeIt([&](int k) { CK(cudaMemcpyAsync(dy[k], dx[k], n * 2, cudaMemcpyDeviceToDevice)); });
  printf("v%d bf16 d=%5d (m=%2d P=%2d W=%d) rows=%6ld regs=%3d local=%zu shm=%6zu blocks/SM=%d grid=%5d err=%.2e %s | kernel %8.2f us  copy %8.2f us  frac %.3f\n",
         SW || HR ? 3 : 2, D, M, P, W, rows, fa.numRegs, fa.localSizeBytes, shm, perSm, grid, maxErr, maxErr < 1e-2 ? "PASS" : "FAIL", tk, tc, tc / tk);
  for (int k = 0; k < sets; ++k) { cudaFree(dx[k]); cudaFree(dy[k]); }
  cudaFree(dta); cudaFree(dtab);
}

int main(int argc, char **argv) {
  int version = argc > 1 ? atoi(argv[1]) : 3;
  for (long rows : {65536l, 16384l}) {
    if (version == 1) {
      run<36, 16>(rows, 0); run<60, 16>(rows, 0); run<36, 32>(rows, 0); run<60, 32>(rows, 0);
    } else if (version == 2) {
      run2<36, 16, 4>(rows); run2<44, 16, 4>(rows); run2<52, 16, 4>(rows); run2<60, 16, 4>(rows);
      run2<36, 32, 4>(rows); run2<44, 32, 4>(rows); run2<52, 32, 4>(rows); run2<60, 32, 4>(rows);
      run2<36, 16, 8>(rows); run2<60, 32, 8>(rows);
    } else {
      // Swizzled rows; H_m's fragments in registers or not.
      run2<36, 16, 4, false, true>(rows); run2<60, 16, 4, false, true>(rows);
      run2<36, 32, 4, false, true>(rows); run2<60, 32, 4, false, true>(rows);
      run2<36, 16, 4, true, true>(rows); run2<60, 16, 4, true, true>(rows);
      run2<36, 32, 4, true, true>(rows); run2<60, 32, 4, true, true>(rows);
      run2<60, 16, 2, true, true>(rows); run2<60, 32, 2, true, true>(rows);
    }
  }
  return 0;
}
