//===- DecomposeConformance.cpp - stages == H_d for every supported d ------===//
//
// For every supported d up to 32768, forward and transposed: the projection
// built from a spec, run through the walsh-to-stages pipeline, interpreted
// in float64 on fresh random rows, a and b, equals the O(d^2) matrix
// reference; and the reference's fast form equals its matrix form.
//
//===----------------------------------------------------------------------===//
#include "TestSupport.h"

#include "walsh/Builder/ProjectionBuilder.h"
#include "walsh/Dialect/Walsh/IR/Walsh.h"
#include "walsh/Hadamard/Reference.h"
#include "walsh/Interpreter/Interpreter.h"
#include "walsh/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace walsh;

/// Every supported d <= limit, ascending.
static std::vector<int64_t> supportedSizesUpTo(int64_t limit) {
  std::vector<int64_t> sizes;
  for (int64_t d = 1; d <= limit; ++d)
    if (factorize(d))
      sizes.push_back(d);
  return sizes;
}

TEST_CASE("the supported sizes up to 32768 are the expected set",
          "[sizes]") {
  std::vector<int64_t> sizes = supportedSizesUpTo(32768);
  // 16 powers of two (1 ... 32768) and, per base order m, every
  // m * 2^k <= 32768.
  size_t expected = 16;
  for (int64_t m : baseOrders())
    for (int64_t d = m; d <= 32768; d *= 2)
      ++expected;
  CHECK(sizes.size() == expected);
  CHECK(sizes.front() == 1);
  CHECK(sizes.back() == 32768);
}

TEST_CASE("decomposed stages equal the matrix reference", "[decompose]") {
  static const std::vector<int64_t> sizes = supportedSizesUpTo(32768);
  int64_t d = GENERATE(from_range(sizes));
  bool transpose = GENERATE(false, true);
  // The affine does not depend on d's factorization; above 8192 the O(d^2)
  // reference is run once per direction to keep the suite inside CI's time.
  bool affine = GENERATE(false, true);
  if (affine && d > 8192)
    return;
  // Large sizes cost O(d^2) per row in the reference: one row there.
  int64_t rows = d <= 2048 ? 3 : 1;
  INFO("d = " << d << ", transpose = " << transpose << ", affine = " << affine
              << ", seed = " << test::runSeed());

  mlir::MLIRContext ctx;
  ProjectionSpec spec;
  spec.d = d;
  spec.transpose = transpose;
  spec.withMul = spec.withAdd = affine;
  auto module = test::requireValue(buildProjectionModule(ctx, spec));
  mlir::PassManager pm(&ctx, mlir::ModuleOp::getOperationName());
  mlir::walsh::buildWalshToStagesPipeline(pm);
  REQUIRE(mlir::succeeded(pm.run(*module)));
  auto fn = module->lookupSymbol<mlir::func::FuncOp>("outproj");

  // Structure: only stages remain, k radix-2 and one dense when m > 1.
  Factorization f = *factorize(d);
  int transforms = 0, affines = 0;
  fn.walk([&](mlir::walsh::TransformOp) { ++transforms; });
  fn.walk([&](mlir::walsh::AffineOp) { ++affines; });
  CHECK(transforms == 0);
  CHECK(affines == (d == 1 && affine ? 1 : 0));
  std::vector<StageDesc> stages = collectStages(fn);
  CHECK(stages.size() == f.k + (f.m > 1 ? 1u : 0u));

  std::mt19937_64 rng(test::runSeed() ^ uint64_t(d * 4 + transpose * 2 + affine));
  std::vector<HostTensor> args{test::randomTensor(rng, {rows, d})};
  if (affine) {
    args.push_back(test::randomTensor(rng, {d}));
    args.push_back(test::randomTensor(rng, {d}));
  }
  auto out = test::requireValue(interpret(fn, args));
  REQUIRE(out.size() == 1);
  REQUIRE(out[0].data.size() == size_t(rows * d));

  std::vector<double> ref(rows * d);
  double scale = 1.0 / std::sqrt(double(d));
  matrixProjection(f, rows, args[0].data.data(),
                   affine ? args[1].data.data() : nullptr,
                   affine ? args[2].data.data() : nullptr, scale, transpose,
                   ref.data());
  double err = maxRelativeError(out[0].data.data(), ref.data(), rows * d);
  CHECK(err <= 1e-12);

  // The reference's fast form agrees with its matrix form (which `ref` is,
  // for the first row, when there is no affine).
  if (!affine) {
    std::vector<double> fast(args[0].data.begin(), args[0].data.begin() + d);
    fastTransform(f, fast.data(), scale, transpose);
    CHECK(maxRelativeError(fast.data(), ref.data(), d) <= 1e-12);
  }
}

TEST_CASE("forward and transposed differ where H_m is not symmetric",
          "[decompose]") {
  // Guards the test above: if `transpose` were ignored everywhere, both
  // directions would agree with a reference that also ignored it.
  int64_t d = GENERATE(12, 40, 768, 1792);
  Factorization f = *factorize(d);
  std::mt19937_64 rng(test::runSeed());
  HostTensor x = test::randomTensor(rng, {d});
  std::vector<double> fwd(d), bwd(d);
  matrixTransform(f, x.data.data(), fwd.data(), 1.0, false);
  matrixTransform(f, x.data.data(), bwd.data(), 1.0, true);
  CHECK(maxRelativeError(fwd.data(), bwd.data(), d) > 1e-3);
}
