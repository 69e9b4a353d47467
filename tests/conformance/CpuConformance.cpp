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
#include "walsh/Runtime/HostRows.h"
#include "walsh/Runtime/ThreadPool.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include <catch2/catch.hpp>

#include <cmath>

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

/// Compiles, runs and checks one case; returns the relative error.
double runCase(const Case &c, int64_t rows) {
  ProjectionSpec spec;
  spec.d = c.d;
  spec.dtype = c.dtype;
  spec.transpose = c.transpose;
  spec.withMul = spec.withAdd = c.affine;
  auto art = test::requireValue(compileForCpu(spec, c.config));
  auto kernel = test::requireValue(CpuKernel::load(art));
  auto pool = test::requireValue(ThreadPool::create(c.threads));

  std::mt19937_64 rng(test::runSeed() ^ uint64_t(c.d * 131 + rows));
  int64_t stride = c.d + c.extraStride;
  HostRows x(c.dtype, rows, c.d, stride), y(c.dtype, rows, c.d, stride);
  HostRows a(c.dtype, 1, c.d), b(c.dtype, 1, c.d);
  x.fillRandom(rng);
  a.fillRandom(rng);
  b.fillRandom(rng);
  y.poison();
  CpuRunArgs args;
  args.x = x.data();
  args.xRowStride = stride;
  args.y = y.data();
  args.yRowStride = stride;
  args.a = c.affine ? a.data() : nullptr;
  args.b = c.affine ? b.data() : nullptr;
  args.rows = rows;
  REQUIRE(test::errorText(kernel.run(args, pool.get())) == "");
  std::vector<double> ref;
  referenceProjection(x, c.affine ? &a : nullptr, c.affine ? &b : nullptr,
                      1.0 / std::sqrt(double(c.d)), c.transpose, ref);
  // Padding between rows must be untouched (still NaN).
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t col = c.d; col < stride; ++col)
      REQUIRE(std::isnan(y.at(r, col)));
  return maxRelativeError(y, ref);
}

double tolerance(DType t) { return t == DType::F32 ? 1e-6 : 1e-2; }

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

TEST_CASE("CPU kernels match the oracle for every size and dtype", "[cpu]") {
  static const std::vector<int64_t> sizes = conformanceSizes();
  int64_t d = GENERATE(from_range(sizes));
  DType dtype = GENERATE(DType::F32, DType::F16, DType::BF16);
  bool affine = GENERATE(true, false);
  Case c{d, dtype, affine, /*transpose=*/d % 3 == 0, /*extraStride=*/0,
         /*threads=*/2, defaultCpuConfig(HostCpu::detect())};
  int64_t rows = d >= 16384 ? 3 : 17;
  INFO("d = " << d << ", " << dtypeName(dtype) << ", affine " << affine
              << ", seed " << test::runSeed());
  CHECK(runCase(c, rows) <= tolerance(dtype));
}

TEST_CASE("CPU kernels: strides, threads, transposes and configurations",
          "[cpu]") {
  int64_t d = GENERATE(64, 768, 4096);
  int64_t extra = GENERATE(0, 8, 3);
  int threads = GENERATE(1, 3);
  bool transpose = GENERATE(false, true);
  CpuConfig config;
  config.vectorWidth = GENERATE(4, 8, 16);
  config.levelsPerPass = GENERATE(1, 3);
  config.nontemporal = extra == 0; // odd strides take the ordinary entry
  INFO("d = " << d << ", stride +" << extra << ", threads " << threads
              << ", vw " << config.vectorWidth << ", levels "
              << config.levelsPerPass << ", seed " << test::runSeed());
  Case c{d, DType::F32, true, transpose, extra, threads, config};
  CHECK(runCase(c, 29) <= tolerance(DType::F32));
}
