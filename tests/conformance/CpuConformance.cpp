//===- CpuConformance.cpp - the x86 kernels against the oracle -------------===//
//
// Compiled and run for real on this CPU: every dtype, d from 2 to 65536
// (powers of two and m * 2^k), affine on and off, packed and strided rows,
// one to three threads, forward and transposed. Inputs are fresh random
// values, the output is poisoned with NaN before each run, and every element
// is compared with the float64 oracle (whose fast form DecomposeConformance
// checks against the O(d^2) matrix). fp32 within 1e-6 relative, 16-bit
// within 1e-2.
//
//===----------------------------------------------------------------------===//
#include "TestSupport.h"

#include "walsh/Runtime/CpuKernel.h"
#include "walsh/Runtime/CpuMeasure.h"
#include "walsh/Runtime/HostRows.h"
#include "walsh/Runtime/ThreadPool.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <sys/mman.h>

using namespace walsh;

namespace {
struct Case {
  int64_t d;
  DType dtype;
  bool affine;
  bool transpose;
  int64_t extraStride; // padding elements per row
  int threads;
  CpuConfig config;
};

/// One run against the oracle (defined below): the relative errors of h
/// (y) and of the normalised rows (0 without a norm).
std::pair<double, double> runEpilogueCase(const ProjectionSpec &spec,
                                          const CpuConfig &config,
                                          int64_t rows, int64_t extra,
                                          bool inPlace, int threads = 2);

/// Compiles, runs and checks one case; returns the relative error.
double runCase(const Case &c, int64_t rows) {
  ProjectionSpec spec;
  spec.d = c.d;
  spec.dtype = c.dtype;
  spec.transpose = c.transpose;
  spec.withMul = spec.withAdd = c.affine;
  return runEpilogueCase(spec, c.config, rows, c.extraStride, false,
                         c.threads)
      .first;
}

double tolerance(DType t) { return t == DType::F32 ? 1e-6 : 1e-2; }

/// `c` with the pass order WALSH_TEST_PASS_ORDER names, if set (the ctest
/// entry conformance-cpu-contiguous-first runs every [order] case with
/// contiguous_first, on any dtype and size).
CpuConfig withTestOrder(CpuConfig c) {
  if (const char *e = std::getenv("WALSH_TEST_PASS_ORDER")) {
    std::optional<CpuPassOrder> order = parsePassOrder(e);
    if (!order)
      FAIL("WALSH_TEST_PASS_ORDER: not a pass order: " << e);
    c.passOrder = *order;
  }
  return c;
}

std::vector<int64_t> conformanceSizes() {
  std::vector<int64_t> sizes;
  for (int64_t d = 2; d <= 65536; d *= 2)
    sizes.push_back(d);
  for (int64_t d : {12, 20, 28, 36, 44, 52, 60, 24, 40, 96, 160, 448, 768,
                    1280, 1536, 2560, 5120, 7168, 12288, 61440})
    sizes.push_back(d);
  return sizes;
}
} // namespace

TEST_CASE("CPU kernels match the oracle for every size and dtype",
          "[cpu][order]") {
  static const std::vector<int64_t> sizes = conformanceSizes();
  int64_t d = GENERATE(from_range(sizes));
  DType dtype = GENERATE(DType::F32, DType::F16, DType::BF16);
  bool affine = GENERATE(true, false);
  Case c{d, dtype, affine, /*transpose=*/d % 3 == 0, /*extraStride=*/0,
         /*threads=*/2, withTestOrder(defaultCpuConfig(HostCpu::detect()))};
  int64_t rows = d >= 16384 ? 3 : 17;
  INFO("d = " << d << ", " << dtypeName(dtype) << ", affine " << affine
              << ", " << passOrderName(c.config.passOrder) << ", seed "
              << test::runSeed());
  CHECK(runCase(c, rows) <= tolerance(dtype));
}

TEST_CASE("CPU kernels: strides, threads, transposes and configurations",
          "[cpu][order]") {
  int64_t d = GENERATE(64, 768, 4096);
  int64_t extra = GENERATE(0, 8, 3);
  int threads = GENERATE(1, 3);
  bool transpose = GENERATE(false, true);
  CpuConfig config;
  config.vectorWidth = GENERATE(4, 8, 16);
  config.levelsPerPass = GENERATE(1, 3);
  config.nontemporal = extra == 0; // odd strides take the ordinary entry
  config = withTestOrder(config);
  INFO("d = " << d << ", stride +" << extra << ", threads " << threads
              << ", vw " << config.vectorWidth << ", levels "
              << config.levelsPerPass << ", "
              << passOrderName(config.passOrder) << ", seed "
              << test::runSeed());
  Case c{d, DType::F32, true, transpose, extra, threads, config};
  CHECK(runCase(c, 29) <= tolerance(DType::F32));
}

namespace {
/// Anonymous memory reserved, not committed (MAP_NORESERVE): only the pages
/// a test writes take memory, so rows 2^31 elements apart cost a few
/// pages. Unmapped on scope exit.
struct Reserved {
  void *base = MAP_FAILED;
  size_t bytes = 0;
  explicit Reserved(size_t n) : bytes(n) {
    base = ::mmap(nullptr, n, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  }
  ~Reserved() {
    if (base != MAP_FAILED)
      ::munmap(base, bytes);
  }
  uint8_t *at(size_t offset) const { return (uint8_t *)base + offset; }
};
} // namespace

TEST_CASE("CPU kernels: rows past element 2^31 (64-bit row offsets)", "[cpu]") {
  // Two rows 2^31 + 64 elements apart, so that the second starts past
  // element 2^31 (int32's end) and, for 16 bits, past byte 2^32 (uint32's;
  // f32: 2^33): a 32-bit offset anywhere between the row index and the
  // address would send it to the first row's neighbourhood, where the
  // output is poisoned and the padding checked.
  int64_t d = GENERATE(256, 768);
  DType t = GENERATE(DType::F32, DType::BF16);
  INFO("d = " << d << ", " << dtypeName(t) << ", seed " << test::runSeed());
  ProjectionSpec spec;
  spec.d = d;
  spec.dtype = t;
  spec.withMul = spec.withAdd = true;
  auto art = test::requireValue(
      compileForCpu(spec, defaultCpuConfig(HostCpu::detect())));
  auto kernel = test::requireValue(CpuKernel::load(art));
  auto pool = test::requireValue(ThreadPool::create(2));
  const int64_t rows = 2, stride = (int64_t(1) << 31) + 64;
  size_t eb = dtypeBytes(t), span = size_t(stride + d + 64) * eb;
  Reserved xs(span), ys(span);
  REQUIRE(xs.base != MAP_FAILED);
  REQUIRE(ys.base != MAP_FAILED);
  std::mt19937_64 rng(test::runSeed() ^ uint64_t(d));
  HostRows x(t, rows, d), y(t, rows, d, d + 64), a(t, 1, d), b(t, 1, d);
  for (HostRows *h : {&x, &a, &b})
    h->fillRandom(rng);
  y.poison(); // each row and 64 elements of padding after it
  for (int64_t r = 0; r < rows; ++r) {
    std::memcpy(xs.at(size_t(r * stride) * eb),
                (const uint8_t *)x.data() + size_t(r * d) * eb, d * eb);
    std::memcpy(ys.at(size_t(r * stride) * eb),
                (const uint8_t *)y.data() + size_t(r * (d + 64)) * eb,
                (d + 64) * eb);
  }
  CpuRunArgs args;
  args.x = xs.base;
  args.xRowStride = stride;
  args.y = ys.base;
  args.yRowStride = stride;
  args.a = a.data();
  args.b = b.data();
  args.rows = rows;
  REQUIRE(test::errorText(kernel.run(args, pool.get())) == "");
  for (int64_t r = 0; r < rows; ++r)
    std::memcpy((uint8_t *)y.data() + size_t(r * (d + 64)) * eb,
                ys.at(size_t(r * stride) * eb), (d + 64) * eb);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = d; c < d + 64; ++c)
      REQUIRE(std::isnan(y.at(r, c)));
  std::vector<double> ref;
  referenceProjection(x, &a, &b, 1.0 / std::sqrt(double(d)), false, ref);
  CHECK(maxRelativeError(y, ref) <= tolerance(t));
}

TEST_CASE("CPU kernels: the host's L1 data cache reaches the lowering",
          "[cpu][order]") {
  // What orders a row's passes (walsh::contiguousPassFirst): detected, or
  // WALSH_L1D_BYTES (the ctest entries set 0 and 4 MB), marked on the
  // module of every compiled kernel.
  int64_t l1 = HostCpu::detect().l1dBytes;
  if (const char *e = std::getenv("WALSH_L1D_BYTES"))
    REQUIRE(l1 == std::atoll(e));
  ProjectionSpec spec;
  spec.d = 1024;
  spec.dtype = DType::F32;
  auto art = compileForCpu(spec, defaultCpuConfig(HostCpu::detect()));
  REQUIRE(static_cast<bool>(art));
  const std::string &walshStage = art->stages.at("walsh");
  std::string mark = "walsh.l1d_bytes = " + std::to_string(l1) + " : i64";
  CHECK((walshStage.find(mark) != std::string::npos) == (l1 > 0));
  if (l1 == 0)
    CHECK(walshStage.find("walsh.l1d_bytes") == std::string::npos);
}

namespace {
/// Compiles and runs `spec` on fresh random rows `extra` elements of
/// padding apart (output and padding poisoned; in place: y holds the
/// residual), checks the padding untouched and returns the relative errors
/// of h (y) and of the normalised rows (0 without a norm).
std::pair<double, double> runEpilogueCase(const ProjectionSpec &spec,
                                          const CpuConfig &config,
                                          int64_t rows, int64_t extra,
                                          bool inPlace, int threads) {
  auto art = test::requireValue(compileForCpu(spec, config));
  auto kernel = test::requireValue(CpuKernel::load(art));
  auto pool = test::requireValue(ThreadPool::create(threads));
  std::mt19937_64 rng(test::runSeed() ^ uint64_t(spec.d * 7 + rows));
  int64_t d = spec.d, stride = d + extra;
  DType t = spec.dtype;
  bool norm = spec.norm != NormKind::None;
  HostRows x(t, rows, d, stride), y(t, rows, d, stride);
  HostRows res(t, rows, d, stride), n(t, rows, d, stride);
  HostRows a(t, 1, d), b(t, 1, d), w(t, 1, d), nb(t, 1, d);
  for (HostRows *h : {&x, &res, &a, &b, &w, &nb})
    h->fillRandom(rng);
  // The residual as the oracle reads it (in place, y is overwritten).
  HostRows resCopy(t, rows, d);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < d; ++c)
      resCopy.set(r, c, res.at(r, c));
  if (inPlace) {
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < d; ++c)
        y.set(r, c, res.at(r, c));
  } else {
    y.poison();
  }
  n.poison();
  CpuRunArgs args;
  args.x = x.data();
  args.xRowStride = stride;
  args.y = y.data();
  args.yRowStride = stride;
  args.a = spec.withMul ? a.data() : nullptr;
  args.b = spec.withAdd ? b.data() : nullptr;
  args.rows = rows;
  if (spec.residual) {
    args.residual = inPlace ? y.data() : res.data();
    args.residualRowStride = stride;
  }
  if (norm) {
    args.normOut = n.data();
    args.normOutRowStride = stride;
    args.normWeight = w.data();
    args.normBias = spec.norm == NormKind::Layer ? nb.data() : nullptr;
  }
  REQUIRE(test::errorText(kernel.run(args, pool.get())) == "");
  std::vector<double> ref, refNorm;
  referenceProjection(x, spec.withMul ? &a : nullptr,
                      spec.withAdd ? &b : nullptr,
                      1.0 / std::sqrt(double(d)), spec.transpose, ref,
                      spec.crossHeadOnly);
  referenceEpilogue(spec.residual ? &resCopy : nullptr, norm ? &w : nullptr,
                    spec.norm == NormKind::Layer ? &nb : nullptr,
                    spec.norm == NormKind::Layer, spec.normEps, ref, refNorm);
  // Padding between rows must be untouched (still NaN).
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t col = d; col < stride; ++col) {
      REQUIRE(std::isnan(n.at(r, col)));
      if (!inPlace)
        REQUIRE(std::isnan(y.at(r, col)));
    }
  return {maxRelativeError(y, ref), norm ? maxRelativeError(n, refNorm) : 0.0};
}
} // namespace

TEST_CASE("CPU kernels: the fused residual add and norms match the oracle",
          "[cpu][epilogue]") {
  int64_t d = GENERATE(8, 64, 768, 4096, 65536);
  DType dtype = GENERATE(DType::F32, DType::F16, DType::BF16);
  // residual only, RMSNorm, LayerNorm, residual + each norm.
  int variant = GENERATE(0, 1, 2, 3, 4);
  ProjectionSpec spec;
  spec.d = d;
  spec.dtype = dtype;
  spec.residual = variant == 0 || variant >= 3;
  spec.norm = variant == 1 || variant == 3   ? NormKind::RMS
              : variant == 2 || variant == 4 ? NormKind::Layer
                                             : NormKind::None;
  spec.normEps = 1e-5;
  spec.withMul = spec.withAdd = d != 64; // also without the affine
  CpuConfig config = defaultCpuConfig(HostCpu::detect());
  // d = 8 in one pass over the row: the norm reads what that pass wrote.
  if (d == 8)
    config.levelsPerPass = 3;
  int64_t extra = d == 768 ? 8 : 0;
  bool inPlace = spec.residual && d == 4096;
  INFO("d = " << d << ", " << dtypeName(dtype) << ", residual "
              << spec.residual << ", norm " << normName(spec.norm)
              << (inPlace ? ", in place" : "") << ", seed "
              << test::runSeed());
  auto [errH, errN] =
      runEpilogueCase(spec, config, d >= 16384 ? 3 : 17, extra, inPlace);
  CHECK(errH <= tolerance(dtype));
  // The norm's statistics are fp32 sums over d elements: fp32 within 1e-5.
  CHECK(errN <= (dtype == DType::F32 ? 1e-5 : 1e-2));
}

TEST_CASE("CPU kernels: the cross-head factor alone (walsh-split-heads)",
          "[cpu][heads]") {
  struct Split {
    int64_t heads, headDim;
  };
  Split s = GENERATE(Split{12, 64}, Split{32, 128}, Split{4, 4},
                     Split{2, 32768}, Split{40, 16});
  DType dtype = GENERATE(DType::F32, DType::BF16);
  bool transpose = GENERATE(false, true);
  ProjectionSpec spec;
  spec.d = s.heads * s.headDim;
  spec.dtype = dtype;
  spec.transpose = transpose;
  spec.crossHeadOnly = s.headDim;
  INFO(s.heads << " heads x " << s.headDim << ", " << dtypeName(dtype)
               << (transpose ? ", transposed" : "") << ", seed "
               << test::runSeed());
  auto [errH, errN] = runEpilogueCase(spec, defaultCpuConfig(HostCpu::detect()),
                                      spec.d >= 16384 ? 3 : 9, 0, false);
  CHECK(errH <= tolerance(dtype));
  CHECK(errN == 0);
  // With the fused epilogue as well.
  spec.residual = true;
  spec.norm = NormKind::RMS;
  auto [errH2, errN2] = runEpilogueCase(
      spec, defaultCpuConfig(HostCpu::detect()), 5, 8, false);
  CHECK(errH2 <= tolerance(dtype));
  CHECK(errN2 <= (dtype == DType::F32 ? 1e-5 : 1e-2));
}

TEST_CASE("CPU kernels: normalised rows not aligned for non-temporal stores",
          "[cpu][epilogue]") {
  // y aligned (the non-temporal entry point would qualify), the normalised
  // rows one element off: the kernel must take the ordinary entry point
  // (an unaligned non-temporal store faults) and give the same rows.
  ProjectionSpec spec;
  spec.d = 256;
  spec.residual = true;
  spec.norm = NormKind::RMS;
  CpuConfig config = defaultCpuConfig(HostCpu::detect());
  config.nontemporal = true;
  auto kernel = test::requireValue(
      CpuKernel::load(test::requireValue(compileForCpu(spec, config))));
  const int64_t rows = 9, d = 256, stride = d + 16;
  std::mt19937_64 rng(test::runSeed());
  HostRows x(DType::F32, rows, d), y(DType::F32, rows, d),
      r(DType::F32, rows, d), a(DType::F32, 1, d);
  HostRows nAligned(DType::F32, rows, d, stride),
      nOff(DType::F32, rows + 1, d, stride);
  for (HostRows *h : {&x, &r, &a})
    h->fillRandom(rng);
  CpuRunArgs args;
  args.x = x.data();
  args.y = y.data();
  args.a = args.b = args.normWeight = a.data();
  args.residual = r.data();
  args.rows = rows;
  args.normOutRowStride = stride;
  args.normOut = nAligned.data();
  REQUIRE(test::errorText(kernel.run(args)) == "");
  args.normOut = static_cast<float *>(nOff.data()) + 1;
  REQUIRE(test::errorText(kernel.run(args)) == "");
  for (int64_t row = 0; row < rows; ++row)
    for (int64_t c = 0; c < d; ++c)
      REQUIRE(nOff.at(row, c + 1) == nAligned.at(row, c));
}

namespace {
/// Compiles `spec` with the host's default configuration and runs it on
/// `threads` threads over fresh CpuBuffers (output poisoned; `stride` 0:
/// packed; `seq`: a bhsd input's); returns the largest relative error
/// against the float64 oracle, after checking y's padding untouched.
double runBuffersCase(const ProjectionSpec &spec, int64_t rows, int64_t stride,
                      int64_t seq, int threads) {
  auto art = test::requireValue(
      compileForCpu(spec, defaultCpuConfig(HostCpu::detect())));
  auto kernel = test::requireValue(CpuKernel::load(art));
  auto pool = test::requireValue(ThreadPool::create(threads));
  CpuBuffers buf(spec, rows, stride, seq);
  REQUIRE(buf.y.dtype() == spec.outType());
  REQUIRE(test::errorText(kernel.run(buf.args(spec), pool.get())) == "");
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = spec.d; c < buf.y.stride(); ++c)
      REQUIRE(std::isnan(buf.y.at(r, c)));
  return checkAgainstOracle(buf, spec);
}
} // namespace

TEST_CASE("CPU kernels: the head merge and the split-KV combine in the loads",
          "[cpu][prologue]") {
  struct Shape {
    int64_t heads, headDim;
  };
  Shape s = GENERATE(Shape{4, 16}, Shape{12, 64}, Shape{32, 128},
                     Shape{512, 128});
  DType dtype = GENERATE(DType::F32, DType::F16, DType::BF16);
  // bhsd; 2 and 5 splits; bhsd with residual + RMSNorm; 3 splits with
  // residual + LayerNorm; row sums; row sums with residual + RMSNorm.
  int variant = GENERATE(0, 1, 2, 3, 4, 5, 6);
  int threads = GENERATE(1, 3);
  ProjectionSpec spec;
  spec.d = s.heads * s.headDim;
  spec.dtype = dtype;
  spec.headDim = s.headDim;
  spec.layout = variant == 0 || variant == 3 ? Layout::BHSD : Layout::Rows;
  spec.splits = variant == 1 ? 2 : variant == 2 ? 5 : variant == 4 ? 3 : 0;
  spec.rowSum = variant >= 5;
  spec.residual = variant == 3 || variant == 4 || variant == 6;
  spec.norm = variant == 3 || variant == 6 ? NormKind::RMS
              : variant == 4               ? NormKind::Layer
                                           : NormKind::None;
  spec.normEps = 1e-5;
  spec.withMul = spec.withAdd = variant != 2; // also without the affine
  // bhsd: 3 batches of 7 (rows split over threads across batches);
  // split-KV: 17 rows with padded rows. One batch of 2 at d = 65536.
  bool big = spec.d >= 65536;
  int64_t seq = big ? 2 : 7,
          rows = big ? 2 : spec.splits || spec.rowSum ? 17 : 21;
  int64_t stride = spec.d == 768 ? spec.d + 8 : 0;
  INFO(s.heads << " x " << s.headDim << ", " << dtypeName(dtype) << ", "
               << layoutName(spec.layout) << ", splits " << spec.splits
               << (spec.rowSum ? ", row sums" : "")
               << ", " << epilogueName(spec) << ", threads " << threads
               << ", seed " << test::runSeed());
  // With a norm, its fp32 statistics over d elements: fp32 within 1e-5.
  double tol = spec.norm != NormKind::None && dtype == DType::F32
                   ? 1e-5
                   : tolerance(dtype);
  CHECK(runBuffersCase(spec, rows, stride, seq, threads) <= tol);
}

TEST_CASE("CPU kernels: the output cast (y in another type)", "[cpu][cast]") {
  struct Pair {
    DType in, out;
  };
  Pair p = GENERATE(Pair{DType::BF16, DType::F32}, Pair{DType::F16, DType::F32},
                    Pair{DType::F32, DType::BF16}, Pair{DType::F32, DType::F16},
                    Pair{DType::BF16, DType::F16}, Pair{DType::F16, DType::BF16});
  int64_t d = GENERATE(1, 64, 768, 4096);
  // plain; residual + RMSNorm; residual + LayerNorm on a bhsd input; a
  // split-KV combine; without the affine.
  int variant = GENERATE(0, 1, 2, 3, 4);
  int threads = GENERATE(1, 3);
  if (d == 1 && variant != 0 && variant != 4)
    return; // d = 1: no epilogue, no heads
  ProjectionSpec spec;
  spec.d = d;
  spec.dtype = p.in;
  spec.outDtype = p.out;
  spec.residual = variant == 1 || variant == 2;
  spec.norm = variant == 1   ? NormKind::RMS
              : variant == 2 ? NormKind::Layer
                             : NormKind::None;
  spec.normEps = 1e-5;
  spec.withMul = spec.withAdd = variant != 4;
  if (variant == 2 || variant == 3)
    spec.headDim = 16;
  spec.layout = variant == 2 ? Layout::BHSD : Layout::Rows;
  spec.splits = variant == 3 ? 3 : 0;
  int64_t rows = 21, seq = 7, stride = d == 768 && variant != 2 ? d + 8 : 0;
  INFO("d = " << d << ", " << dtypeName(p.in) << " -> " << dtypeName(p.out)
              << ", variant " << variant << ", threads " << threads
              << ", seed " << test::runSeed());
  // fp32 arithmetic on the input's values, then y's rounding: an f32 y is
  // as exact as fp32 arithmetic makes it.
  CHECK(runBuffersCase(spec, rows, stride, seq, threads) <= checkTolerance(spec));
}
