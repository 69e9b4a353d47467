// Prototype: tensor-core H_256 tiles (two mma stages, bf16 hi/lo for the
// second) + in-thread H_T across tiles + affine table, one warp per row.
#include <cuda_bf16.h>
#include <cuda_runtime.h>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <cmath>
#include <vector>
#include <algorithm>
#include <type_traits>
#include "h12.inc"
#include "h20.inc"
#include "h28.inc"

#define CK(x) do { cudaError_t e = (x); if (e != cudaSuccess) { fprintf(stderr, "%s:%d %s: %s\n", __FILE__, __LINE__, #x, cudaGetErrorString(e)); exit(1);} } while (0)

__device__ __forceinline__ uint32_t prmt(uint32_t a, uint32_t b, uint32_t s) {
  uint32_t r; asm("prmt.b32 %0,%1,%2,%3;" : "=r"(r) : "r"(a), "r"(b), "r"(s)); return r; }
__device__ __forceinline__ void mma(float c[4], const uint32_t a[4], uint32_t b0, uint32_t b1) {
  asm("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
      : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
      : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1)); }
__device__ __forceinline__ uint32_t pack(float lo, float hi) {
  uint32_t r; asm("cvt.rn.bf16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo)); return r; }
__device__ __forceinline__ uint32_t hsign(int i, int j) { return (__popc(i & j) & 1) ? 0xBF80u : 0x3F80u; }
__device__ __forceinline__ uint32_t hpair(int i0, int j0, int i1, int j1) { return hsign(i0, j0) | (hsign(i1, j1) << 16); }

template <int T> __device__ __forceinline__ void across(float *x) {
  if constexpr (T == 12) hm12(x);
  else if constexpr (T == 20) hm20(x);
  else if constexpr (T == 28) hm28(x);
  else {
#pragma unroll
    for (int s = 1; s < T; s <<= 1)
#pragma unroll
      for (int i = 0; i < T; ++i)
        if (!(i & s)) { float u = x[i], v = x[i + s]; x[i] = u + v; x[i + s] = u - v; }
  }
}

// table: per tile, per s, per lane: 4 floats of a*scale, then the same of b.
template <int T, int PF>
__global__ void __launch_bounds__(256) hadamard(const __nv_bfloat16 *__restrict__ in, __nv_bfloat16 *__restrict__ out,
                         const float4 *__restrict__ table, long rows) {
  constexpr int D = T * 256;
  extern __shared__ float4 smem[];
  for (int i = threadIdx.x; i < T * 2 * 32 * 2; i += blockDim.x) smem[i] = table[i];
  __syncthreads();
  const int lane = threadIdx.x & 31, g = lane >> 2, q = lane & 3;
  // Stage 1: A = H16 (rows h' = g, g+8; k = h = 2q.., 2q+8..).
  uint32_t ha[4] = {hpair(g, 2 * q, g, 2 * q + 1), hpair(g + 8, 2 * q, g + 8, 2 * q + 1),
                    hpair(g, 2 * q + 8, g, 2 * q + 9), hpair(g + 8, 2 * q + 8, g + 8, 2 * q + 9)};
  // Stage 2: B = H16 (k = l = 2q.., n = l' = g + 8j').
  uint32_t hb[2][2];
#pragma unroll
  for (int j = 0; j < 2; ++j) {
    hb[j][0] = hpair(2 * q, g + 8 * j, 2 * q + 1, g + 8 * j);
    hb[j][1] = hpair(2 * q + 8, g + 8 * j, 2 * q + 9, g + 8 * j);
  }
  const int inOff = 4 * q + 16 * (g >> 1) + 64 * (g & 1);
  const int outOff = 4 * (g >> 1) + 16 * q + 128 * (g & 1);
  long warp = (long)blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
  long nwarps = (long)gridDim.x * (blockDim.x / 32);
  uint2 ld[T][2];
  auto load = [&](long row) {
    const __nv_bfloat16 *src = in + row * D;
#pragma unroll
    for (int t = 0; t < T; ++t) {
      ld[t][0] = *reinterpret_cast<const uint2 *>(src + t * 256 + inOff);
      ld[t][1] = *reinterpret_cast<const uint2 *>(src + t * 256 + inOff + 128);
    }
  };
  if (warp < rows) load(warp);
  for (long row = warp; row < rows; row += nwarps) {
    float z[8][T];
#pragma unroll
    for (int t = 0; t < T; ++t) {
      float c[2][4] = {};
#pragma unroll
      for (int j = 0; j < 2; ++j) {
        uint32_t w0 = j ? ld[t][0].y : ld[t][0].x, w1 = j ? ld[t][1].y : ld[t][1].x;
        mma(c[j], ha, prmt(w0, w1, 0x5410), prmt(w0, w1, 0x7632));
      }
      uint32_t hi[4], lo[4];
#pragma unroll
      for (int r = 0; r < 4; ++r) {
        float u = c[r >> 1][(r & 1) * 2], v = c[r >> 1][(r & 1) * 2 + 1];
        hi[r] = pack(u, v);
        float uh = __uint_as_float(hi[r] << 16), vh = __uint_as_float(hi[r] & 0xffff0000u);
        lo[r] = pack(u - uh, v - vh);
      }
      float d[2][4] = {};
#pragma unroll
      for (int j = 0; j < 2; ++j) {
        mma(d[j], hi, hb[j][0], hb[j][1]);
        mma(d[j], lo, hb[j][0], hb[j][1]);
      }
      // value v = s*4 + e, e = (h'3, j'): s=0: d0, d2; s=1: d1, d3
#pragma unroll
      for (int s = 0; s < 2; ++s) {
        z[s * 4 + 0][t] = d[0][s];
        z[s * 4 + 1][t] = d[0][s + 2];
        z[s * 4 + 2][t] = d[1][s];
        z[s * 4 + 3][t] = d[1][s + 2];
      }
    }
    if (PF && row + nwarps < rows) load(row + nwarps);
    __nv_bfloat16 *dst = out + row * D;
#pragma unroll
    for (int v = 0; v < 8; ++v) across<T>(z[v]);
#pragma unroll
    for (int t = 0; t < T; ++t)
#pragma unroll
      for (int s = 0; s < 2; ++s) {
        float4 a = smem[((t * 2 + s) * 32 + lane) * 2], b = smem[((t * 2 + s) * 32 + lane) * 2 + 1];
        uint2 o;
        o.x = pack(fmaf(a.x, z[s * 4 + 0][t], b.x), fmaf(a.y, z[s * 4 + 1][t], b.y));
        o.y = pack(fmaf(a.z, z[s * 4 + 2][t], b.z), fmaf(a.w, z[s * 4 + 3][t], b.w));
        *reinterpret_cast<uint2 *>(dst + t * 256 + outOff + 64 * s) = o;
      }
    if (!PF && row + nwarps < rows) load(row + nwarps);
  }
}


// W warps a row (W = 1 or 2): warp w does the mma stages on tiles
// [w*T/W, (w+1)*T/W), then the warps swap halves through shared memory so
// that warp w holds slot group s = w (W = 2) of every tile.
template <int T, int W, int NW>
__global__ void __launch_bounds__(NW * 32) hadamard2(const __nv_bfloat16 *__restrict__ in, __nv_bfloat16 *__restrict__ out,
                         const float4 *__restrict__ table, long rows, int K) {
  constexpr int D = T * 256, TW = T / W, RB = NW / W, S = 2 / W;
  extern __shared__ float4 smem[];
  float4 *xbuf = smem + T * 2 * 32 * 2; // [2][RB][T][2][32] float4
  for (int i = threadIdx.x; i < T * 2 * 32 * 2; i += blockDim.x) smem[i] = table[i];
  __syncthreads();
  const int lane = threadIdx.x & 31, g = lane >> 2, q = lane & 3;
  const int warp = threadIdx.x >> 5, wr = warp % W, r = warp / W;
  uint32_t ha[4] = {hpair(g, 2 * q, g, 2 * q + 1), hpair(g + 8, 2 * q, g + 8, 2 * q + 1),
                    hpair(g, 2 * q + 8, g, 2 * q + 9), hpair(g + 8, 2 * q + 8, g + 8, 2 * q + 9)};
  uint32_t hb[2][2];
#pragma unroll
  for (int j = 0; j < 2; ++j) {
    hb[j][0] = hpair(2 * q, g + 8 * j, 2 * q + 1, g + 8 * j);
    hb[j][1] = hpair(2 * q + 8, g + 8 * j, 2 * q + 9, g + 8 * j);
  }
  const int inOff = 4 * q + 16 * (g >> 1) + 64 * (g & 1);
  const int outOff = 4 * (g >> 1) + 16 * q + 128 * (g & 1);
  auto body = [&](auto WC) {
  constexpr int w = decltype(WC)::value;
  long base = (long)blockIdx.x * RB * K + r;
  uint2 ld[TW][2];
  auto load = [&](long row) {
    const __nv_bfloat16 *src = in + row * D + w * TW * 256;
#pragma unroll
    for (int t = 0; t < TW; ++t) {
      ld[t][0] = *reinterpret_cast<const uint2 *>(src + t * 256 + inOff);
      ld[t][1] = *reinterpret_cast<const uint2 *>(src + t * 256 + inOff + 128);
    }
  };
  if (base < rows) load(base);
  for (int it = 0; it < K; ++it) {
    long row = base + (long)it * RB;
    float z[4 * S][T];
    float4 *xb = xbuf + (size_t)(it & 1) * RB * T * 2 * 32 + (size_t)r * T * 2 * 32;
    if (row < rows) {
#pragma unroll
    for (int tt = 0; tt < TW; ++tt) {
      const int t = w * TW + tt;
      float c[2][4] = {};
#pragma unroll
      for (int j = 0; j < 2; ++j) {
        uint32_t w0 = j ? ld[tt][0].y : ld[tt][0].x, w1 = j ? ld[tt][1].y : ld[tt][1].x;
        mma(c[j], ha, prmt(w0, w1, 0x5410), prmt(w0, w1, 0x7632));
      }
      uint32_t hi[4], lo[4];
#pragma unroll
      for (int rr = 0; rr < 4; ++rr) {
        float u = c[rr >> 1][(rr & 1) * 2], v = c[rr >> 1][(rr & 1) * 2 + 1];
        hi[rr] = pack(u, v);
        float uh = __uint_as_float(hi[rr] << 16), vh = __uint_as_float(hi[rr] & 0xffff0000u);
        lo[rr] = pack(u - uh, v - vh);
      }
      float d[2][4] = {};
#pragma unroll
      for (int j = 0; j < 2; ++j) {
        mma(d[j], hi, hb[j][0], hb[j][1]);
        mma(d[j], lo, hb[j][0], hb[j][1]);
      }
#pragma unroll
      for (int s = 0; s < 2; ++s) {
        float4 val = make_float4(d[0][s], d[0][s + 2], d[1][s], d[1][s + 2]);
        if (W == 1) {
          z[s * 4 + 0][t] = val.x; z[s * 4 + 1][t] = val.y; z[s * 4 + 2][t] = val.z; z[s * 4 + 3][t] = val.w;
        } else if (s == w) {
          z[0][t] = val.x; z[1][t] = val.y; z[2][t] = val.z; z[3][t] = val.w;
        } else {
          xb[(t * 2 + s) * 32 + lane] = val;
        }
      }
    }
    }
    if (row + RB < rows && it + 1 < K) load(row + RB);
    if (W > 1) __syncthreads();
    if (row < rows) {
    if (W > 1) {
#pragma unroll
      for (int t = 0; t < T; ++t)
        if (t / TW != w) {
          float4 val = xb[(t * 2 + w) * 32 + lane];
          z[0][t] = val.x; z[1][t] = val.y; z[2][t] = val.z; z[3][t] = val.w;
        }
    }
    __nv_bfloat16 *dst = out + row * D;
#pragma unroll
    for (int v = 0; v < 4 * S; ++v) across<T>(z[v]);
#pragma unroll
    for (int t = 0; t < T; ++t)
#pragma unroll
      for (int ss = 0; ss < S; ++ss) {
        const int s = W == 1 ? ss : w;
        float4 a = smem[((t * 2 + s) * 32 + lane) * 2], b = smem[((t * 2 + s) * 32 + lane) * 2 + 1];
        uint2 o;
        o.x = pack(fmaf(a.x, z[ss * 4 + 0][t], b.x), fmaf(a.y, z[ss * 4 + 1][t], b.y));
        o.y = pack(fmaf(a.z, z[ss * 4 + 2][t], b.z), fmaf(a.w, z[ss * 4 + 3][t], b.w));
        *reinterpret_cast<uint2 *>(dst + t * 256 + outOff + 64 * s) = o;
      }
    }
  }
  };
  if (W == 1 || wr == 0) body(std::integral_constant<int, 0>{});
  else body(std::integral_constant<int, 1>{});
}

static float bf2f(uint16_t b) { uint32_t u = (uint32_t)b << 16; float f; memcpy(&f, &u, 4); return f; }
static uint16_t f2bf(float f) { uint32_t u; memcpy(&u, &f, 4); u += 0x7fff + ((u >> 16) & 1); return u >> 16; }

template <int T, class Kern> static int run(long rows, const char *label, Kern kern, int threads, int smemBytes, long gridOverride, int K) {
  const int D = T * 256;
  int m = T; // across-tile matrix
  std::vector<std::vector<int>> HT(m, std::vector<int>(m));
  for (int i = 0; i < m; ++i) for (int j = 0; j < m; ++j)
    HT[i][j] = T == 12 ? kH12[i][j] : T == 20 ? kH20[i][j] : T == 28 ? kH28[i][j] : ((__builtin_popcount(i & j) & 1) ? -1 : 1);
  size_t n = (size_t)rows * D;
  std::vector<uint16_t> hx(n);
  uint64_t st = 12345;
  auto rnd = [&] { st = st * 6364136223846793005ull + 1442695040888963407ull; return ((st >> 11) * (1.0 / 9007199254740992.0)) * 2 - 1; };
  for (auto &v : hx) v = f2bf((float)rnd());
  std::vector<float> a(D), b(D);
  for (int i = 0; i < D; ++i) { a[i] = bf2f(f2bf(1 + 0.5 * rnd())); b[i] = bf2f(f2bf(0.1 * rnd())); }
  double scale = 1 / std::sqrt((double)D);
  // table in thread order
  std::vector<float> tab((size_t)T * 2 * 32 * 8);
  for (int t = 0; t < T; ++t) for (int s = 0; s < 2; ++s) for (int lane = 0; lane < 32; ++lane) {
    int g = lane >> 2, q = lane & 3; int off = 4 * (g >> 1) + 16 * q + 128 * (g & 1) + 64 * s;
    for (int e = 0; e < 4; ++e) {
      int pos = t * 256 + off + e;
      size_t base = (((size_t)(t * 2 + s) * 32 + lane) * 2) * 4;
      tab[base + e] = (float)(a[pos] * scale);
      tab[base + 4 + e] = b[pos];
    }
  }
  __nv_bfloat16 *din, *dout, *dcp; float4 *dtab;
  CK(cudaMalloc(&din, n * 2)); CK(cudaMalloc(&dout, n * 2)); CK(cudaMalloc(&dcp, n * 2)); CK(cudaMalloc(&dtab, tab.size() * 4));
  CK(cudaMemcpy(din, hx.data(), n * 2, cudaMemcpyHostToDevice));
  CK(cudaMemcpy(dtab, tab.data(), tab.size() * 4, cudaMemcpyHostToDevice));
  CK(cudaMemset(dout, 0xff, n * 2));
  CK(cudaFuncSetAttribute(kern, cudaFuncAttributeMaxDynamicSharedMemorySize, smemBytes));
  cudaFuncAttributes attr; CK(cudaFuncGetAttributes(&attr, kern));
  int dev; CK(cudaGetDevice(&dev)); cudaDeviceProp prop; CK(cudaGetDeviceProperties(&prop, dev));
  int occ; CK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&occ, kern, threads, smemBytes));
  long grid = gridOverride > 0 ? gridOverride : (long)prop.multiProcessorCount * occ;
  auto launch = [&] { if constexpr (std::is_same_v<Kern, void (*)(const __nv_bfloat16 *, __nv_bfloat16 *, const float4 *, long)>) kern<<<grid, threads, smemBytes>>>(din, dout, dtab, rows); else kern<<<grid, threads, smemBytes>>>(din, dout, dtab, rows, K); };
  launch();
  CK(cudaGetLastError()); CK(cudaDeviceSynchronize());
  // check rows with a float64 fast transform
  std::vector<uint16_t> hy(n); CK(cudaMemcpy(hy.data(), dout, n * 2, cudaMemcpyDeviceToHost));
  double maxRel = 0; long bad = 0; long check = std::min<long>(rows, 2048);
  std::vector<double> w(D), y(D);
  for (long r0 = 0; r0 < check; ++r0) {
    long r = (r0 * 7919) % rows;
    for (int i = 0; i < D; ++i) w[i] = bf2f(hx[(size_t)r * D + i]);
    for (int t = 0; t < T; ++t) for (int s = 1; s < 256; s <<= 1) for (int i = 0; i < 256; ++i) if (!(i & s)) {
      double u = w[t * 256 + i], v = w[t * 256 + i + s]; w[t * 256 + i] = u + v; w[t * 256 + i + s] = u - v; }
    double ymax = 0;
    for (int t = 0; t < T; ++t) for (int p = 0; p < 256; ++p) {
      double acc = 0; for (int u = 0; u < T; ++u) acc += HT[t][u] * w[u * 256 + p];
      y[t * 256 + p] = a[t * 256 + p] * acc * scale + b[t * 256 + p];
      ymax = std::max(ymax, std::fabs(y[t * 256 + p]));
    }
    for (int i = 0; i < D; ++i) {
      float got = bf2f(hy[(size_t)r * D + i]);
      double err = std::fabs(got - y[i]) / std::max(std::fabs(y[i]), 1e-3 * ymax);
      if (!(err <= 1e-2)) { if (bad < 5) printf("  bad row %ld i %d got %g want %g\n", r, i, got, y[i]); ++bad; }
      if (err > maxRel || err != err) maxRel = err;
    }
  }
  cudaEvent_t e0, e1; CK(cudaEventCreate(&e0)); CK(cudaEventCreate(&e1));
  auto timeit = [&](auto f) { std::vector<float> ts; for (int i = 0; i < 30; ++i) { CK(cudaEventRecord(e0)); f(); CK(cudaEventRecord(e1)); CK(cudaEventSynchronize(e1)); float ms; CK(cudaEventElapsedTime(&ms, e0, e1)); ts.push_back(ms); } std::sort(ts.begin(), ts.end()); return ts[ts.size() / 2] * 1000; };
  float tk = 0, tc = 0;
  for (int rep = 0; rep < 2; ++rep) {
    tk = timeit(launch);
    tc = timeit([&] { CK(cudaMemcpyAsync(dcp, din, n * 2, cudaMemcpyDeviceToDevice)); });
  }
  printf("bf16 d=%5d rows=%6ld %-14s regs=%3d spill=%zu occ=%d grid=%ld | walsh %8.1f us  copy %8.1f us  frac %.3f | checked %ld rows max_rel %.2e bad %ld\n",
         D, rows, label, attr.numRegs, (size_t)attr.localSizeBytes, occ, grid, tk, tc, tc / tk, check, maxRel, bad);
  CK(cudaFree(din)); CK(cudaFree(dout)); CK(cudaFree(dcp)); CK(cudaFree(dtab));
  return bad ? 1 : 0;
}


template <int T> static int v1(long rows, int pf) {
  auto k = pf ? hadamard<T, 1> : hadamard<T, 0>;
  char l[32]; snprintf(l, 32, "W1 gs pf%d", pf);
  return run<T>(rows, l, k, 256, T * 2 * 32 * 2 * 16, 0, 0);
}
template <int T, int W, int NW> static int v2(long rows, int K) {
  auto k = hadamard2<T, W, NW>;
  constexpr int RB = NW / W;
  char l[32]; snprintf(l, 32, "W%d NW%d K%d", W, NW, K);
  int smem = T * 2 * 32 * 2 * 16 + (W > 1 ? 2 * RB * T * 2 * 32 * 16 : 0);
  return run<T>(rows, l, k, NW * 32, smem, (rows + RB * K - 1) / (RB * K), K);
}

int main(int argc, char **argv) {
  int fails = 0;
  long rowsList[] = {65536, 16384};
  for (long rows : rowsList) {
    fails += v1<12>(rows, 1);
    fails += v2<12, 1, 8>(rows, 8);
    fails += v2<12, 1, 4>(rows, 8);
    fails += v2<12, 1, 4>(rows, 16);
    fails += v2<12, 2, 8>(rows, 8);
    fails += v2<12, 2, 4>(rows, 8);
    fails += v2<12, 2, 4>(rows, 16);
    fails += v2<16, 2, 8>(rows, 8);
    fails += v2<16, 2, 4>(rows, 8);
    fails += v2<20, 2, 8>(rows, 8);
    fails += v2<20, 2, 4>(rows, 8);
    fails += v2<24, 2, 4>(rows, 8);
    fails += v2<28, 2, 4>(rows, 8);
    fails += v2<8, 1, 4>(rows, 8);
    fails += v2<8, 2, 4>(rows, 8);
  }
  return fails;
}
