//===- PassEquivalence.cpp - every pass preserves the function -------------===//
//
// IR before and after each pass (and the canonicalizer), interpreted in
// float64 on fresh random inputs, computes the same values.
//
//===----------------------------------------------------------------------===//
#include "TestSupport.h"

#include "walsh/Dialect/Walsh/IR/Walsh.h"
#include "walsh/Hadamard/Reference.h"
#include "walsh/Interpreter/Interpreter.h"
#include "walsh/Pipelines/OptMain.h"
#include "walsh/Pipelines/Pipelines.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

#include <catch2/catch.hpp>

using namespace walsh;

namespace {
struct Case {
  const char *name;
  const char *ir;
  /// walsh-to-stages must leave one walsh.epilogue (residual, norm).
  bool fusesEpilogue = false;
};
} // namespace

// Functions over rows of d = 48 with two 48-element parameters.
static const Case kCases[] = {
    {"projection",
     R"(func.func @f(%x: tensor<5x48xf32>, %a: tensor<48xf32>, %b: tensor<48xf32>) -> tensor<5x48xf32> {
  %t = walsh.transform %x : tensor<5x48xf32>
  %y = walsh.affine %t mul(%a : tensor<48xf32>) add(%b : tensor<48xf32>) : tensor<5x48xf32>
  return %y : tensor<5x48xf32>
})"},
    {"chained affines and scales",
     R"(func.func @f(%x: tensor<5x48xf32>, %a: tensor<48xf32>, %b: tensor<48xf32>) -> tensor<5x48xf32> {
  %0 = walsh.affine %x scale(3.0) : tensor<5x48xf32>
  %1 = walsh.transform %0 transpose scale(0.5) : tensor<5x48xf32>
  %2 = walsh.affine %1 scale(2.0) mul(%a : tensor<48xf32>) add(%b : tensor<48xf32>) : tensor<5x48xf32>
  %3 = walsh.affine %2 scale(-1.5) mul(%b : tensor<48xf32>) add(%a : tensor<48xf32>) : tensor<5x48xf32>
  return %3 : tensor<5x48xf32>
})"},
    {"round trip with epilogues",
     R"(func.func @f(%x: tensor<5x48xf32>, %a: tensor<48xf32>, %b: tensor<48xf32>) -> tensor<5x48xf32> {
  %0 = walsh.transform %x : tensor<5x48xf32>
  %1 = walsh.transform %0 transpose : tensor<5x48xf32>
  %2 = walsh.affine %1 add(%b : tensor<48xf32>) : tensor<5x48xf32>
  %3 = walsh.transform %2 : tensor<5x48xf32>
  %4 = walsh.affine %3 mul(%a : tensor<48xf32>) : tensor<5x48xf32>
  return %4 : tensor<5x48xf32>
})"},
    {"residual and LayerNorm epilogue",
     R"(func.func @f(%x: tensor<5x48xf32>, %a: tensor<48xf32>, %b: tensor<48xf32>, %r: tensor<5x48xf32>) -> (tensor<5x48xf32>, tensor<5x48xf32>) {
  %t = walsh.transform %x : tensor<5x48xf32>
  %y = walsh.affine %t mul(%a : tensor<48xf32>) add(%b : tensor<48xf32>) : tensor<5x48xf32>
  %h = walsh.residual %y, %r : tensor<5x48xf32>
  %n = walsh.layer_norm %h weight(%a : tensor<48xf32>) bias(%b : tensor<48xf32>) eps(1.0e-05) : tensor<5x48xf32>
  return %h, %n : tensor<5x48xf32>, tensor<5x48xf32>
})", true},
    {"RMSNorm of the projection",
     R"(func.func @f(%x: tensor<5x48xf32>, %a: tensor<48xf32>, %b: tensor<48xf32>, %r: tensor<5x48xf32>) -> (tensor<5x48xf32>, tensor<5x48xf32>) {
  %t = walsh.transform %x transpose : tensor<5x48xf32>
  %n = walsh.rms_norm %t weight(%a : tensor<48xf32>) eps(1.0e-06) : tensor<5x48xf32>
  return %t, %n : tensor<5x48xf32>, tensor<5x48xf32>
})", true},
    {"residual only",
     R"(func.func @f(%x: tensor<5x48xf32>, %a: tensor<48xf32>, %b: tensor<48xf32>, %r: tensor<5x48xf32>) -> tensor<5x48xf32> {
  %t = walsh.transform %x : tensor<5x48xf32>
  %y = walsh.affine %t add(%b : tensor<48xf32>) : tensor<5x48xf32>
  %h = walsh.residual %y, %r : tensor<5x48xf32>
  return %h : tensor<5x48xf32>
})", true},
};

static std::vector<double> run(mlir::ModuleOp m,
                               const std::vector<HostTensor> &args) {
  auto fn = m.lookupSymbol<mlir::func::FuncOp>("f");
  std::vector<HostTensor> all(args.begin(),
                              args.begin() + fn.getNumArguments());
  auto out = test::requireValue(interpret(fn, all));
  REQUIRE(out.size() == fn.getNumResults());
  std::vector<double> flat;
  for (const HostTensor &t : out)
    flat.insert(flat.end(), t.data.begin(), t.data.end());
  return flat;
}

TEST_CASE("passes preserve the computed function", "[passes]") {
  const Case &c = GENERATE(from_range(std::begin(kCases), std::end(kCases)));
  const char *pipeline = GENERATE("canonicalize", "walsh-decompose",
                                  "walsh-decompose,walsh-fuse-affine",
                                  "walsh-to-stages");
  INFO(c.name << " through " << pipeline << ", seed " << test::runSeed());

  mlir::registerTransformsPasses();
  mlir::walsh::registerWalshPassesAndPipelines();
  mlir::DialectRegistry registry;
  registerAllWalshDialects(registry);
  mlir::MLIRContext ctx(registry);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(c.ir, &ctx);
  REQUIRE(module);

  std::mt19937_64 rng(test::runSeed());
  std::vector<HostTensor> args{test::randomTensor(rng, {5, 48}),
                               test::randomTensor(rng, {48}),
                               test::randomTensor(rng, {48}),
                               test::randomTensor(rng, {5, 48})};
  std::vector<double> before = run(*module, args);

  mlir::PassManager pm(&ctx, mlir::ModuleOp::getOperationName());
  REQUIRE(mlir::succeeded(mlir::parsePassPipeline(pipeline, pm)));
  REQUIRE(mlir::succeeded(pm.run(*module)));
  std::vector<double> after = run(*module, args);
  if (c.fusesEpilogue && std::string(pipeline) == "walsh-to-stages") {
    int fused = 0;
    module->walk([&](mlir::walsh::EpilogueOp) { ++fused; });
    CHECK(fused == 1);
  }
  REQUIRE(after.size() == before.size());
  CHECK(maxRelativeError(after.data(), before.data(), int64_t(before.size())) <=
        1e-12);
}

TEST_CASE("walsh-split-heads: the cross-head rest after the head factor is "
          "the whole projection",
          "[passes][heads]") {
  struct Split {
    int64_t d, headDim;
    const char *decompose;
    bool transpose, residualNorm;
  };
  const Split c = GENERATE(Split{48, 4, "walsh-decompose", false, false},
                           Split{768, 64, "walsh-decompose", true, false},
                           Split{256, 64, "walsh-decompose{descending=1}",
                                 false, true},
                           Split{1024, 128, "walsh-decompose", false, true});
  INFO("d = " << c.d << ", head_dim " << c.headDim << ", " << c.decompose
              << ", seed " << test::runSeed());
  std::string t = "tensor<5x" + std::to_string(c.d) + "xf32>";
  std::string col = "tensor<" + std::to_string(c.d) + "xf32>";
  std::string ir =
      "func.func @f(%x: " + t + ", %a: " + col + ", %b: " + col +
      (c.residualNorm ? ", %r: " + t : "") + ") -> " +
      (c.residualNorm ? "(" + t + ", " + t + ")" : t) + " {\n" +
      "  %0 = walsh.transform %x" + (c.transpose ? " transpose" : "") +
      " : " + t + "\n" + "  %1 = walsh.affine %0 mul(%a : " + col +
      ") add(%b : " + col + ") : " + t + "\n" +
      (c.residualNorm
           ? "  %h = walsh.residual %1, %r : " + t +
                 "\n  %n = walsh.rms_norm %h weight(%a : " + col +
                 ") eps(1.0e-06) : " + t + "\n  return %h, %n : " + t + ", " +
                 t + "\n}"
           : "  return %1 : " + t + "\n}");

  mlir::registerTransformsPasses();
  mlir::walsh::registerWalshPassesAndPipelines();
  mlir::DialectRegistry registry;
  registerAllWalshDialects(registry);
  mlir::MLIRContext ctx(registry);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(ir, &ctx);
  REQUIRE(module);
  std::mt19937_64 rng(test::runSeed());
  std::vector<HostTensor> args{test::randomTensor(rng, {5, c.d}),
                               test::randomTensor(rng, {c.d}),
                               test::randomTensor(rng, {c.d})};
  if (c.residualNorm)
    args.push_back(test::randomTensor(rng, {5, c.d}));
  std::vector<double> before = run(*module, args);

  mlir::PassManager pm(&ctx, mlir::ModuleOp::getOperationName());
  std::string pipeline = std::string("canonicalize,") + c.decompose +
                         ",canonicalize,walsh-fuse-affine,canonicalize,"
                         "walsh-fuse-epilogue,walsh-split-heads{head-dim=" +
                         std::to_string(c.headDim) + "}";
  REQUIRE(mlir::succeeded(mlir::parsePassPipeline(pipeline, pm)));
  REQUIRE(mlir::succeeded(pm.run(*module)));
  auto headFn = module->lookupSymbol<mlir::func::FuncOp>("f_head_factor");
  REQUIRE(headFn);
  // The head factor only mixes elements within a head.
  for (const StageDesc &s : collectStages(headFn))
    CHECK((s.radix == 2 && s.stride < c.headDim));
  auto headed = test::requireValue(interpret(headFn, {args[0]}));
  REQUIRE(headed.size() == 1);
  std::vector<HostTensor> rest = args;
  rest[0] = headed[0];
  std::vector<double> after = run(*module, rest);
  REQUIRE(after.size() == before.size());
  CHECK(maxRelativeError(after.data(), before.data(), int64_t(before.size())) <=
        1e-12);
}

TEST_CASE("the prologue ops compute the head merge and the split-KV combine",
          "[passes][prologue]") {
  mlir::walsh::registerWalshPassesAndPipelines();
  mlir::DialectRegistry registry;
  registerAllWalshDialects(registry);
  mlir::MLIRContext ctx(registry);
  // [batch 2, heads 3, seq 4, head_dim 16] merged, then transformed; and 3
  // splits of 5 rows of d = 48 (3 heads of 16) combined, then transformed.
  auto module = mlir::parseSourceString<mlir::ModuleOp>(R"(
func.func @merge(%x: tensor<2x3x4x16xf32>) -> tensor<8x48xf32> {
  %m = walsh.merge_heads %x : tensor<2x3x4x16xf32> -> tensor<8x48xf32>
  %t = walsh.transform %m : tensor<8x48xf32>
  return %t : tensor<8x48xf32>
}
func.func @combine(%p: tensor<3x5x48xf32>, %l: tensor<3x5x3xf32>) -> tensor<5x48xf32> {
  %c = walsh.combine_splits %p, %l : tensor<3x5x48xf32>, tensor<3x5x3xf32> -> tensor<5x48xf32>
  %t = walsh.transform %c : tensor<5x48xf32>
  return %t : tensor<5x48xf32>
}
func.func @normalize(%x: tensor<5x48xf32>, %s: tensor<5x3xf32>) -> tensor<5x48xf32> {
  %n = walsh.normalize_heads %x, %s : tensor<5x48xf32>, tensor<5x3xf32> -> tensor<5x48xf32>
  %t = walsh.transform %n : tensor<5x48xf32>
  return %t : tensor<5x48xf32>
})",
                                                        &ctx);
  REQUIRE(module);
  std::mt19937_64 rng(test::runSeed());
  HostTensor x = test::randomTensor(rng, {2, 3, 4, 16});
  HostTensor p = test::randomTensor(rng, {3, 5, 48});
  HostTensor l = test::randomTensor(rng, {3, 5, 3});
  HostTensor acc = test::randomTensor(rng, {5, 48});
  HostTensor sums = test::randomTensor(rng, {5, 3});
  for (double &v : sums.data)
    v = 1.0 + std::abs(v); // row sums are positive
  // The expected rows, element by element from the definitions.
  std::vector<double> merged(8 * 48), combined(5 * 48), normalized(5 * 48);
  for (int r = 0; r < 5; ++r)
    for (int c = 0; c < 48; ++c)
      normalized[size_t(r * 48 + c)] =
          acc.data[size_t(r * 48 + c)] / sums.data[size_t(r * 3 + c / 16)];
  for (int b = 0; b < 2; ++b)
    for (int h = 0; h < 3; ++h)
      for (int s = 0; s < 4; ++s)
        for (int e = 0; e < 16; ++e)
          merged[size_t((b * 4 + s) * 48 + h * 16 + e)] =
              x.data[size_t(((b * 3 + h) * 4 + s) * 16 + e)];
  for (int r = 0; r < 5; ++r)
    for (int c = 0; c < 48; ++c) {
      int h = c / 16;
      double total = 0, o = 0;
      for (int k = 0; k < 3; ++k)
        total += std::exp(l.data[size_t((k * 5 + r) * 3 + h)]);
      for (int k = 0; k < 3; ++k)
        o += std::exp(l.data[size_t((k * 5 + r) * 3 + h)]) / total *
             p.data[size_t((k * 5 + r) * 48 + c)];
      combined[size_t(r * 48 + c)] = o;
    }
  Factorization f = *factorize(48);
  for (std::vector<double> *rows : {&merged, &combined, &normalized})
    for (size_t r = 0; r < rows->size(); r += 48)
      fastTransform(f, &(*rows)[r], 1.0 / std::sqrt(48.0), false);

  auto eval = [&](const char *name, std::vector<HostTensor> args) {
    auto fn = module->lookupSymbol<mlir::func::FuncOp>(name);
    auto out = test::requireValue(interpret(fn, args));
    REQUIRE(out.size() == 1);
    return out[0].data;
  };
  for (bool lowered : {false, true}) {
    INFO((lowered ? "after walsh-to-stages" : "as written") << ", seed "
                                                            << test::runSeed());
    if (lowered) {
      mlir::PassManager pm(&ctx, mlir::ModuleOp::getOperationName());
      REQUIRE(mlir::succeeded(mlir::parsePassPipeline("walsh-to-stages", pm)));
      REQUIRE(mlir::succeeded(pm.run(*module)));
    }
    std::vector<double> m = eval("merge", {x}), c = eval("combine", {p, l}),
                        n = eval("normalize", {acc, sums});
    REQUIRE(n.size() == normalized.size());
    CHECK(maxRelativeError(n.data(), normalized.data(), int64_t(n.size())) <=
          1e-12);
    REQUIRE(m.size() == merged.size());
    REQUIRE(c.size() == combined.size());
    CHECK(maxRelativeError(m.data(), merged.data(), int64_t(m.size())) <=
          1e-12);
    CHECK(maxRelativeError(c.data(), combined.data(), int64_t(c.size())) <=
          1e-12);
  }
}
