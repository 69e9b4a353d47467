//===- CpuMeasure.cpp - time a CPU kernel against memcpy -------------------===//
#include "walsh/Runtime/CpuMeasure.h"

#include "walsh/Runtime/Timing.h"

#include "llvm/Support/Error.h"

#include <cmath>
#include <cstring>

namespace walsh {

CpuBuffers::CpuBuffers(const ProjectionSpec &spec, int64_t rows,
                       int64_t rowStride, int64_t seq)
    : x(spec.dtype, rows * (spec.splits ? spec.splits : 1), spec.d,
        spec.layout == Layout::BHSD ? 0 : rowStride),
      y(spec.outType(), rows, spec.d, rowStride), a(spec.dtype, 1, spec.d),
      b(spec.dtype, 1, spec.d),
      residual(spec.outType(), spec.residual ? rows : 0, spec.d, rowStride),
      normOut(spec.outType(), spec.norm != NormKind::None ? rows : 0, spec.d,
              rowStride),
      normWeight(spec.outType(), 1, spec.d),
      normBias(spec.outType(), 1, spec.d),
      stats(DType::F32, (spec.splits ? spec.splits : spec.rowSum) * rows,
            spec.headDim ? spec.d / spec.headDim : 0),
      seq(spec.layout == Layout::BHSD ? (seq ? seq : defaultSeq(rows)) : 0) {
  std::mt19937_64 rng(std::random_device{}());
  for (HostRows *h : {&x, &a, &b, &residual, &normWeight, &normBias})
    h->fillRandom(rng);
  fillStats(spec, stats, rng);
  y.poison();
  normOut.poison();
}

double cpuBufferBytes(const ProjectionSpec &spec, int64_t rows,
                      int64_t rowStride, bool oracle) {
  // As the constructor above (and the GPU check's host rows) allocate: every
  // buffer of rows at the row stride, but a bhsd input's x packed. (Until
  // 2026-12-05 y, the residual and the normalised rows were counted at d:
  // three f32 rows 2^30 elements apart counted 12.9 GB of 25.8.)
  double d = double(spec.d);
  double stride = double(std::max<int64_t>(rowStride, spec.d));
  double in = (spec.layout == Layout::BHSD ? d : stride) *
              double(dtypeBytes(spec.dtype)) *
              double(spec.splits ? spec.splits : 1);
  double outRows =
      1 + (spec.residual ? 1 : 0) + (spec.norm != NormKind::None ? 1 : 0);
  double out = stride * double(dtypeBytes(spec.outType())) * outRows;
  double reference = oracle ? d * 8 * (spec.norm != NormKind::None ? 2 : 1) : 0;
  return double(rows) * (in + out + reference);
}

CpuRunArgs CpuBuffers::args(const ProjectionSpec &spec) const {
  CpuRunArgs r;
  r.x = x.data();
  r.xRowStride = x.stride();
  r.y = const_cast<void *>(y.data());
  r.yRowStride = y.stride();
  r.a = spec.withMul ? a.data() : nullptr;
  r.b = spec.withAdd ? b.data() : nullptr;
  r.rows = y.rows();
  r.seq = seq;
  r.lse = spec.splits ? static_cast<const float *>(stats.data()) : nullptr;
  r.rowSums = spec.rowSum ? static_cast<const float *>(stats.data()) : nullptr;
  if (spec.layout == Layout::BHSD)
    r.xRowStride = 0;
  if (spec.residual) {
    r.residual = residual.data();
    r.residualRowStride = residual.stride();
  }
  if (spec.norm != NormKind::None) {
    r.normOut = const_cast<void *>(normOut.data());
    r.normOutRowStride = normOut.stride();
    r.normWeight = normWeight.data();
    r.normBias = spec.norm == NormKind::Layer ? normBias.data() : nullptr;
  }
  return r;
}

/// One copy of x's rows into y, split over `pool`: y's rows (x may hold
/// more: split-KV partials), x's layout as y's, of the narrower of x's and
/// y's types (an output cast's y may be either).
static void copyRows(CpuBuffers &buf, const ProjectionSpec &spec,
                     ThreadPool &pool) {
  int64_t rows = buf.y.rows(), d = spec.d, esize = spec.copyElementBytes();
  int64_t rowBytes = d * esize, strideBytes = buf.y.stride() * esize;
  auto *src = static_cast<const char *>(buf.x.data());
  auto *dst = static_cast<char *>(buf.y.data());
  int parts = int(std::min<int64_t>(pool.size(), std::max<int64_t>(rows, 1)));
  pool.parallelFor(parts, [&](int i) {
    int64_t first = rows * i / parts, last = rows * (i + 1) / parts;
    if (strideBytes == rowBytes) {
      std::memcpy(dst + first * rowBytes, src + first * rowBytes,
                  size_t((last - first) * rowBytes));
      return;
    }
    for (int64_t r = first; r < last; ++r)
      std::memcpy(dst + r * strideBytes, src + r * strideBytes,
                  size_t(rowBytes));
  });
}

CpuTiming timeAgainstMemcpy(const CpuKernel &kernel, CpuBuffers &buf,
                            const ProjectionSpec &spec, ThreadPool &pool) {
  CpuRunArgs args = buf.args(spec);
  CpuTiming t;
  // walsh and the copy in alternation, each the median of its runs: a
  // host whose memory bandwidth drifts over seconds (the development VMs:
  // memcpy of 256 MB moved 14-19 ms within an hour) moves both alike,
  // where one's runs and then the other's could each catch another phase.
  auto [walshUs, copyUs] = alternatingMedianMicros(
      [&] { llvm::cantFail(kernel.run(args, &pool)); },
      [&] { copyRows(buf, spec, pool); });
  t.walshUs = walshUs;
  // The copy moves x into y; a fused epilogue moves more rows, and the
  // roofline is a copy of as many bytes (the copy's time scaled).
  t.memcpyUs = copyUs * spec.copyScale();
  t.bytes = double(spec.rowBytesMoved()) * double(buf.y.rows());
  return t;
}

double memcpyMicros(CpuBuffers &buf, const ProjectionSpec &spec,
                    ThreadPool &pool, double minSeconds) {
  return medianMicros([&] { copyRows(buf, spec, pool); }, 5, minSeconds);
}

double checkAgainstOracle(const CpuBuffers &buf, const ProjectionSpec &spec) {
  std::vector<double> ref =
      referenceInput(spec, buf.x, &buf.stats, buf.seq, buf.y.rows());
  double scale = spec.scale ? *spec.scale : 1.0 / std::sqrt(double(spec.d));
  referenceProjectionRows(ref, spec.d, spec.withMul ? &buf.a : nullptr,
                          spec.withAdd ? &buf.b : nullptr, scale,
                          spec.transpose, spec.crossHeadOnly);
  bool norm = spec.norm != NormKind::None;
  std::vector<double> refNorm;
  referenceEpilogue(spec.residual ? &buf.residual : nullptr,
                    norm ? &buf.normWeight : nullptr,
                    spec.norm == NormKind::Layer ? &buf.normBias : nullptr,
                    spec.norm == NormKind::Layer, spec.normEps, ref, refNorm);
  double err = maxRelativeError(buf.y, ref);
  if (norm)
    err = std::isnan(err) ? err
                          : std::max(err, maxRelativeError(buf.normOut, refNorm));
  return err;
}

} // namespace walsh
