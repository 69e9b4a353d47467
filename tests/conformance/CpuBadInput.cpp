//===- CpuBadInput.cpp - every bad input is an error naming the argument ---===//
#include "TestSupport.h"

#include "walsh/Builder/ProjectionBuilder.h"
#include "walsh/Runtime/CpuKernel.h"
#include "walsh/Runtime/CpuMeasure.h"
#include "walsh/Runtime/HostRows.h"
#include "walsh/Runtime/Jit.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include <catch2/catch.hpp>

using namespace walsh;

namespace {
/// The error's message; a success fails the test.
std::string errorOf(llvm::Error e) {
  std::string text = test::errorText(std::move(e));
  REQUIRE(text != "");
  return text;
}
template <typename T> std::string errorOf(llvm::Expected<T> e) {
  bool failed = !e;
  REQUIRE(failed);
  return llvm::toString(e.takeError());
}

struct Fixture {
  Fixture() {
    spec.d = 64;
    spec.dtype = DType::F32;
    kernel = test::requireValue(
        CpuKernel::load(test::requireValue(compileForCpu(spec, CpuConfig()))));
    std::mt19937_64 rng(test::runSeed());
    x.fillRandom(rng);
    a.fillRandom(rng);
    b.fillRandom(rng);
    args.x = x.data();
    args.y = y.data();
    args.a = a.data();
    args.b = b.data();
    args.rows = 4;
  }
  ProjectionSpec spec;
  CpuKernel kernel = CpuKernel();
  HostRows x{DType::F32, 4, 64}, y{DType::F32, 4, 64}, a{DType::F32, 1, 64},
      b{DType::F32, 1, 64};
  CpuRunArgs args;
};
} // namespace

TEST_CASE("spec and configuration errors name the field", "[cpu][errors]") {
  ProjectionSpec spec;
  spec.d = 24000;
  CHECK(errorOf(compileForCpu(spec, CpuConfig())) ==
        "d: expects 2^k or m * 2^k with m in {12, 20, 28, 36, 44, 52, 60}, at "
        "most 65536, got 24000");
  spec.d = 64;
  spec.rows = -2;
  CHECK(errorOf(compileForCpu(spec, CpuConfig())) ==
        "rows: expects 0 (dynamic) or a positive row count, got -2");
  spec.rows = 0;
  CpuConfig bad;
  bad.vectorWidth = 32;
  CHECK(errorOf(compileForCpu(spec, bad)) ==
        "vector_width: expects a power of two in [1, 16], got 32");
  bad = CpuConfig();
  bad.levelsPerPass = 9;
  CHECK(errorOf(compileForCpu(spec, bad)) ==
        "levels_per_pass: expects a value in [1, 5], got 9");
  CHECK(errorOf(ThreadPool::create(0)) == "threads: expects at least 1, got 0");
  CHECK(errorOf(Jit::create({-1})) ==
        "threads: expects 0 (every hardware thread) or more, got -1");
}

TEST_CASE("run-time argument errors name the argument", "[cpu][errors]") {
  Fixture f;
  CpuRunArgs args = f.args;
  REQUIRE(test::errorText(f.kernel.run(args)) == ""); // the fixture itself is valid

  args = f.args;
  args.rows = int64_t(1) << 50; // 2^58 bytes of x: no host's
  CHECK(errorOf(f.kernel.run(args)) ==
        "rows: 1125899906842624 rows span more than 2^48 bytes of a buffer; "
        "no host holds them");
  args = f.args;
  args.x = nullptr;
  CHECK(errorOf(f.kernel.run(args)) == "x: expects a host pointer, got null");
  args = f.args;
  args.y = static_cast<char *>(f.y.data()) + 2;
  CHECK_THAT(errorOf(f.kernel.run(args)),
             Catch::StartsWith("y: expects a pointer aligned to 4 bytes (f32), "
                               "got 0x"));
  args = f.args;
  args.xRowStride = 10;
  CHECK(errorOf(f.kernel.run(args)) ==
        "x_row_stride: expects at least d = 64 elements, got 10");
  args = f.args;
  args.yRowStride = 63;
  CHECK(errorOf(f.kernel.run(args)) ==
        "y_row_stride: expects at least d = 64 elements, got 63");
  args = f.args;
  args.a = nullptr;
  CHECK(errorOf(f.kernel.run(args)) ==
        "a: the kernel was compiled with a multiplier; got null");
  args = f.args;
  args.b = nullptr;
  CHECK(errorOf(f.kernel.run(args)) ==
        "b: the kernel was compiled with a bias; got null");
  args = f.args;
  args.rows = -1;
  CHECK(errorOf(f.kernel.run(args)) == "rows: expects a count >= 0, got -1");
  args = f.args;
  args.y = static_cast<float *>(f.x.data()) + 64; // one row into x
  CHECK(errorOf(f.kernel.run(args)) ==
        "y: overlaps x without being the same buffer with the same row "
        "stride");
  // Rows written over a vector every row reads: a later row would read
  // what an earlier one wrote (accepted, and wrong, until 2026-12-06). The
  // vectors inside one buffer of five rows, where y's four rows go.
  HostRows yab(DType::F32, 5, 64);
  std::mt19937_64 rng(test::runSeed());
  yab.fillRandom(rng);
  float *rows = static_cast<float *>(yab.data());
  args = f.args;
  args.y = rows;
  args.a = rows + 64;
  CHECK(errorOf(f.kernel.run(args)) ==
        "y: overlaps a (every row reads a while rows of y are written: they "
        "need memory apart)");
  args.a = f.a.data();
  args.b = rows + 3 * 64 + 32; // across y's last row and the fifth
  CHECK(errorOf(f.kernel.run(args)) ==
        "y: overlaps b (every row reads b while rows of y are written: they "
        "need memory apart)");
  args.b = rows + 4 * 64; // just past y's rows
  CHECK(test::errorText(f.kernel.run(args)) == "");
  args = f.args;
  args.x = args.y = rows; // in place, a inside x's (and y's) rows
  args.a = rows + 2 * 64;
  CHECK(errorOf(f.kernel.run(args)) ==
        "y: overlaps a (every row reads a while rows of y are written: they "
        "need memory apart)");
}

TEST_CASE("zero rows is a no-op and in-place runs are allowed",
          "[cpu][errors]") {
  Fixture f;
  CpuRunArgs args = f.args;
  args.rows = 0;
  args.x = nullptr;
  args.y = nullptr;
  CHECK(test::errorText(f.kernel.run(args)) == "");
  // In place: x == y with the same stride gives the out-of-place result.
  args = f.args;
  f.y.poison();
  REQUIRE(test::errorText(f.kernel.run(args)) == "");
  HostRows inPlace(DType::F32, 4, 64);
  for (int64_t r = 0; r < 4; ++r)
    for (int64_t c = 0; c < 64; ++c)
      inPlace.set(r, c, f.x.at(r, c));
  args.x = args.y = inPlace.data();
  REQUIRE(test::errorText(f.kernel.run(args)) == "");
  for (int64_t r = 0; r < 4; ++r)
    for (int64_t c = 0; c < 64; ++c)
      REQUIRE(inPlace.at(r, c) == f.y.at(r, c));
}

TEST_CASE("a kernel without a and b rejects them", "[cpu][errors]") {
  ProjectionSpec spec;
  spec.d = 16;
  spec.withMul = spec.withAdd = false;
  auto kernel = test::requireValue(
      CpuKernel::load(test::requireValue(compileForCpu(spec, CpuConfig()))));
  HostRows x(DType::F32, 1, 16), y(DType::F32, 1, 16), a(DType::F32, 1, 16);
  CpuRunArgs args;
  args.x = x.data();
  args.y = y.data();
  args.a = a.data();
  args.rows = 1;
  CHECK(errorOf(kernel.run(args)) ==
        "a: the kernel was compiled without a multiplier; pass null");
}

TEST_CASE("an artifact for other CPU features is refused", "[cpu][errors]") {
  ProjectionSpec spec;
  spec.d = 16;
  auto art = test::requireValue(compileForCpu(spec, CpuConfig()));
  art.features += ",+walsh-imaginary-feature";
  CHECK(errorOf(CpuKernel::load(art)) ==
        "artifact: built for CPU feature +walsh-imaginary-feature, which this "
        "CPU lacks");
  art = test::requireValue(compileForCpu(spec, CpuConfig()));
  art.triple = "riscv64-unknown-linux-gnu";
  CHECK_THAT(errorOf(CpuKernel::load(art)),
             Catch::StartsWith("artifact: built for riscv64-unknown-linux-gnu"));
}

TEST_CASE("epilogue spec and argument errors name the field",
          "[cpu][errors][epilogue]") {
  ProjectionSpec spec;
  spec.d = 64;
  spec.norm = NormKind::RMS;
  spec.normEps = 0;
  CHECK(errorOf(compileForCpu(spec, CpuConfig())) ==
        "eps: expects a finite number > 0, got 0");
  spec.normEps = 1e-6;
  spec.d = 1;
  CHECK(errorOf(compileForCpu(spec, CpuConfig())) ==
        "epilogue: expects d >= 2 for a residual or a norm, got d = 1");
  spec.d = 768;
  spec.crossHeadOnly = 96;
  CHECK(errorOf(compileForCpu(spec, CpuConfig())) ==
        "cross_head_only: expects 0 or a head_dim that is a power of two >= 2 "
        "dividing 64 (the 2^k of d = 768) with at least two heads, got 96");
  spec.crossHeadOnly = 0;
  CHECK(test::errorText(parseEpilogueList("residual,softmax", spec)) ==
        "--epilogue: expects a comma-separated list of residual, rmsnorm and "
        "layernorm (or none), got 'softmax'");
  CHECK(test::errorText(parseEpilogueList("rmsnorm,layernorm", spec)) ==
        "--epilogue: expects at most one of rmsnorm and layernorm, got "
        "'rmsnorm,layernorm'");
  REQUIRE(test::errorText(parseEpilogueList("residual,layernorm", spec)) == "");
  CHECK((spec.residual && spec.norm == NormKind::Layer));

  spec.d = 64;
  auto kernel = test::requireValue(
      CpuKernel::load(test::requireValue(compileForCpu(spec, CpuConfig()))));
  HostRows x(DType::F32, 4, 64), y(DType::F32, 4, 64), r(DType::F32, 4, 64),
      n(DType::F32, 4, 64), a(DType::F32, 1, 64);
  std::mt19937_64 rng(test::runSeed());
  for (HostRows *h : {&x, &r, &a})
    h->fillRandom(rng);
  CpuRunArgs good;
  good.x = x.data();
  good.y = y.data();
  good.a = good.b = a.data();
  good.rows = 4;
  good.residual = r.data();
  good.normOut = n.data();
  good.normWeight = good.normBias = a.data();
  REQUIRE(test::errorText(kernel.run(good)) == "");
  CpuRunArgs args = good;
  args.residual = nullptr;
  CHECK(errorOf(kernel.run(args)) ==
        "residual: the kernel was compiled with a residual; got null");
  args = good;
  args.normBias = nullptr;
  CHECK(errorOf(kernel.run(args)) ==
        "norm_bias: the kernel was compiled with a LayerNorm bias; got null");
  args = good;
  args.normOutRowStride = 32;
  CHECK(errorOf(kernel.run(args)) ==
        "norm_out_row_stride: expects at least d = 64 elements, got 32");
  args = good;
  args.normWeight = static_cast<char *>(a.data()) + 2;
  CHECK_THAT(errorOf(kernel.run(args)),
             Catch::StartsWith("norm_weight: expects a pointer aligned to 4 "
                               "bytes (f32), got 0x"));
  args = good;
  args.normOut = good.y;
  CHECK(errorOf(kernel.run(args)) ==
        "norm_out: overlaps y (the normalised rows need a buffer of their "
        "own)");
  args = good;
  args.residual = y.data(); // in place: allowed
  CHECK(test::errorText(kernel.run(args)) == "");
  args = good;
  args.normWeight = good.normOut;
  CHECK(errorOf(kernel.run(args)) ==
        "norm_out: overlaps norm_weight (every row reads norm_weight while "
        "rows of norm_out are written: they need memory apart)");
  args = good;
  args.normBias = static_cast<char *>(n.data()) + 3 * 64 * 4; // the last row
  CHECK(errorOf(kernel.run(args)) ==
        "norm_out: overlaps norm_bias (every row reads norm_bias while rows "
        "of norm_out are written: they need memory apart)");
  // A kernel without an epilogue rejects its arguments.
  CHECK(errorOf(Fixture().kernel.run(good)) ==
        "residual: the kernel was compiled without a residual; pass null");
}

TEST_CASE("prologue spec and argument errors name the field",
          "[cpu][errors][prologue]") {
  ProjectionSpec spec;
  spec.d = 256;
  spec.layout = Layout::BHSD;
  CHECK(errorOf(compileForCpu(spec, CpuConfig())) ==
        "head_dim: the bhsd layout expects a power of two >= 16 dividing 256 "
        "(the 2^k of d = 256), got 0");
  spec.headDim = 24;
  CHECK(errorOf(compileForCpu(spec, CpuConfig())) ==
        "head_dim: the bhsd layout expects a power of two >= 16 dividing 256 "
        "(the 2^k of d = 256), got 24");
  spec.headDim = 64;
  spec.splits = 2;
  CHECK(errorOf(compileForCpu(spec, CpuConfig())) ==
        "layout: split-KV partials are token-major rows; expects layout rows "
        "with splits, got bhsd");
  spec.layout = Layout::Rows;
  spec.splits = 65;
  CHECK(errorOf(compileForCpu(spec, CpuConfig())) ==
        "splits: expects 0 (none) or a split-KV count from 2 to 64, got 65");
  spec.splits = 0;
  CHECK(errorOf(compileForCpu(spec, CpuConfig())) ==
        "head_dim: only a bhsd layout, a split-KV combine or a row-sum "
        "normalisation takes it; expects 0, got 64");
  spec.splits = 2;
  spec.crossHeadOnly = 64;
  CHECK(errorOf(compileForCpu(spec, CpuConfig())) ==
        "cross_head_only: expects 0 with a bhsd layout, a split-KV combine or "
        "a row-sum normalisation (the per-head factor runs inside the "
        "attention kernel, before them), got 64");
  spec.crossHeadOnly = 0;

  // Launch arguments of a split-KV kernel and of a bhsd kernel.
  auto splitKernel = test::requireValue(
      CpuKernel::load(test::requireValue(compileForCpu(spec, CpuConfig()))));
  CpuBuffers sb(spec, 4, 0);
  CpuRunArgs args = sb.args(spec);
  REQUIRE(test::errorText(splitKernel.run(args)) == "");
  args.lse = nullptr;
  CHECK(errorOf(splitKernel.run(args)) ==
        "lse: the kernel combines 2 split-KV partials; expects their "
        "log-sum-exp (fp32 [splits, rows, heads]), got null");
  args = sb.args(spec);
  args.lse = reinterpret_cast<const float *>(
      static_cast<const char *>(sb.stats.data()) + 2);
  CHECK_THAT(errorOf(splitKernel.run(args)),
             Catch::StartsWith("lse: expects a pointer aligned to 4 bytes "
                               "(f32), got 0x"));
  args = sb.args(spec);
  args.seq = 2;
  CHECK(errorOf(splitKernel.run(args)) ==
        "seq: only a bhsd input takes it; expects 0, got 2");
  // y inside the partials (past the first split's rows) overlaps x.
  args = sb.args(spec);
  args.y = static_cast<char *>(const_cast<void *>(sb.x.data())) + 4 * 256 * 4;
  CHECK(errorOf(splitKernel.run(args)) ==
        "y: overlaps x without being the same buffer with the same row "
        "stride");
  args = sb.args(spec);
  args.lse = static_cast<const float *>(args.y);
  CHECK(errorOf(splitKernel.run(args)) ==
        "y: overlaps lse (every row reads lse while rows of y are written: "
        "they need memory apart)");

  // A row-sum kernel: its sums by name, and not with splits.
  ProjectionSpec kv = spec; // the split-KV kernel's
  spec.rowSum = true;
  CHECK(errorOf(compileForCpu(spec, CpuConfig())) ==
        "row_sum: normalises one set of token-major accumulators; expects "
        "layout rows without splits");
  spec.splits = 0;
  auto sumKernel = test::requireValue(
      CpuKernel::load(test::requireValue(compileForCpu(spec, CpuConfig()))));
  CpuBuffers rb(spec, 4, 0);
  args = rb.args(spec);
  REQUIRE(test::errorText(sumKernel.run(args)) == "");
  args.rowSums = static_cast<const float *>(args.y); // [4, 4] in y's first row
  CHECK(errorOf(sumKernel.run(args)) ==
        "y: overlaps row_sums (every row reads row_sums while rows of y are "
        "written: they need memory apart)");
  args = rb.args(spec);
  args.rowSums = nullptr;
  CHECK(errorOf(sumKernel.run(args)) ==
        "row_sums: the kernel normalises unnormalised accumulators; expects "
        "their row sums (fp32 [rows, heads]), got null");
  // A split-KV kernel given row sums and no lse.
  CHECK(errorOf(splitKernel.run(rb.args(spec))) ==
        "lse: the kernel combines 2 split-KV partials; expects their "
        "log-sum-exp (fp32 [splits, rows, heads]), got null");
  spec.rowSum = false;
  args = sb.args(kv);
  args.rowSums = static_cast<const float *>(rb.stats.data());
  CHECK(errorOf(splitKernel.run(args)) ==
        "row_sums: the kernel was compiled without a row-sum normalisation; "
        "pass null");

  spec.splits = 0;
  spec.layout = Layout::BHSD;
  auto bhsdKernel = test::requireValue(
      CpuKernel::load(test::requireValue(compileForCpu(spec, CpuConfig()))));
  CpuBuffers bb(spec, 6, 0, 3);
  args = bb.args(spec);
  REQUIRE(test::errorText(bhsdKernel.run(args)) == "");
  args.seq = 4;
  CHECK(errorOf(bhsdKernel.run(args)) ==
        "seq: expects a positive count dividing rows = 6 (a bhsd input has "
        "rows = batch * seq), got 4");
  args.seq = 0;
  CHECK(errorOf(bhsdKernel.run(args)) ==
        "seq: expects a positive count dividing rows = 6 (a bhsd input has "
        "rows = batch * seq), got 0");
  args = bb.args(spec);
  args.xRowStride = 512;
  CHECK(errorOf(bhsdKernel.run(args)) ==
        "x_row_stride: a bhsd input is packed [batch, heads, seq, head_dim]; "
        "expects 0, got 512");
  args = bb.args(spec);
  args.y = const_cast<void *>(bb.x.data()); // in place is not possible here
  CHECK(errorOf(bhsdKernel.run(args)) ==
        "y: overlaps x without being the same buffer with the same row "
        "stride");
  args = bb.args(spec);
  args.lse = static_cast<const float *>(sb.stats.data());
  CHECK(errorOf(bhsdKernel.run(args)) ==
        "lse: the kernel was compiled without a split-KV combine; pass null");
}

TEST_CASE("output cast argument errors name the argument",
          "[cpu][errors][cast]") {
  ProjectionSpec spec;
  spec.d = 256;
  spec.dtype = DType::BF16;
  spec.outDtype = DType::F32;
  spec.residual = true;
  spec.norm = NormKind::RMS;
  CHECK(errorOf(parseOutDType("f64", spec)) ==
        "--out-dtype: expects f32, f16 or bf16 (or nothing: the dtype), got "
        "'f64'");
  REQUIRE(test::errorText(parseOutDType("f32", spec)) == "");
  auto kernel = test::requireValue(CpuKernel::load(test::requireValue(
      compileForCpu(spec, defaultCpuConfig(HostCpu::detect())))));
  CpuBuffers buf(spec, 4, 0);
  CpuRunArgs args = buf.args(spec);
  REQUIRE(test::errorText(kernel.run(args)) == "");
  // In place is refused: y's rows are twice x's bytes.
  args.y = const_cast<void *>(buf.x.data());
  CHECK(errorOf(kernel.run(args)) ==
        "y: overlaps x (an output cast writes another type: y needs a buffer "
        "of its own)");
  // The same when y's wider rows also reach the residual's buffer right
  // after x's (before, the residual's overlap was reported first, so the
  // text above depended on where the allocator put the buffers).
  {
    std::vector<float> block(4 * 256 * 2, 0.0f); // x (bf16), then a residual
    CpuRunArgs adj = buf.args(spec);
    adj.x = block.data();
    adj.y = block.data();
    adj.residual = block.data() + 4 * 256 / 2; // just past x's 2 KB
    CHECK(errorOf(kernel.run(adj)) ==
          "y: overlaps x (an output cast writes another type: y needs a "
          "buffer of its own)");
  }
  // y, the residual and the norm's buffers hold f32: aligned to 4 bytes.
  args = buf.args(spec);
  args.normWeight = static_cast<const char *>(buf.normWeight.data()) + 2;
  CHECK_THAT(errorOf(kernel.run(args)),
             Catch::StartsWith("norm_weight: expects a pointer aligned to 4 "
                               "bytes (f32), got 0x"));
  // The residual's rows are f32: one that starts half a row into y
  // overlaps it (a bf16-sized row would not).
  args = buf.args(spec);
  args.residual = static_cast<char *>(const_cast<void *>(buf.y.data())) + 512;
  CHECK(errorOf(kernel.run(args)) ==
        "residual: overlaps y without being y with the same row stride (the "
        "in-place update of the residual stream)");
}
