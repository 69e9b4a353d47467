//===- ProjectionSpecTest.cpp - what a spec says about bytes and names ----===//
//
// The byte accounting every benchmark's roofline rests on, the names and key
// text of the output cast, and the check's verdict: expected values written
// out.
//
//===----------------------------------------------------------------------===//
#include "walsh/Builder/ConfigJson.h"
#include "walsh/Builder/ProjectionSpec.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace walsh;

namespace {
/// Rows of length d in `dtype`, the other fields at their defaults.
ProjectionSpec rowsOf(int64_t d, DType dtype) {
  ProjectionSpec s;
  s.d = d;
  s.dtype = dtype;
  return s;
}
} // namespace

TEST(ProjectionSpecBytes, PlainRowsReadXAndWriteY) {
  ProjectionSpec s = rowsOf(4096, DType::BF16);
  EXPECT_EQ(s.rowBytesMoved(), 4096 * (2 + 2));
  EXPECT_EQ(s.copyElementBytes(), 2);
  EXPECT_DOUBLE_EQ(s.copyScale(), 1.0);
  EXPECT_FALSE(s.casts());
  s.outDtype = DType::BF16; // the dtype itself: no cast
  EXPECT_FALSE(s.casts());
  EXPECT_EQ(castKey(s), "");
}

TEST(ProjectionSpecBytes, EachBufferAtItsOwnWidth) {
  // bf16 x; f32 y, residual and normalised rows.
  ProjectionSpec s = rowsOf(4096, DType::BF16);
  s.outDtype = DType::F32;
  s.residual = true;
  s.norm = NormKind::RMS;
  EXPECT_TRUE(s.casts());
  EXPECT_EQ(s.outType(), DType::F32);
  EXPECT_EQ(s.rowBytesMoved(), 4096 * (2 + 3 * 4));
  // The roofline copy moves bf16 rows (the narrower type) of x into y.
  EXPECT_EQ(s.copyElementBytes(), 2);
  EXPECT_DOUBLE_EQ(s.copyScale(), 14.0 / 4.0);
  EXPECT_DOUBLE_EQ(checkTolerance(s), 1e-5);
  // Split-KV: K partial rows of x.
  ProjectionSpec kv = rowsOf(4096, DType::BF16);
  kv.splits = 4;
  kv.headDim = 128;
  EXPECT_EQ(kv.rowBytesMoved(), 4096 * (4 * 2 + 2));
  EXPECT_DOUBLE_EQ(kv.copyScale(), 2.5);
  EXPECT_DOUBLE_EQ(checkTolerance(kv), 1e-2);
}

// The verdict the bench and the tuner give a kernel checked against the
// oracle: by y's tolerance (an fp32 kernel casting to bf16 is held to
// bf16's), NaN never within it.
TEST(ProjectionSpecCheck, WrongResultTextByOutputTolerance) {
  ProjectionSpec s = rowsOf(4096, DType::F32);
  EXPECT_EQ(wrongResultText(s, 1e-5), std::nullopt);
  EXPECT_EQ(wrongResultText(s, 3.1e-2),
            "max relative error 0.031 over the tolerance 1e-05");
  EXPECT_EQ(wrongResultText(s, std::nan("")),
            "max relative error nan over the tolerance 1e-05");
  s.outDtype = DType::BF16;
  EXPECT_EQ(wrongResultText(s, 3.1e-3), std::nullopt);
  EXPECT_EQ(wrongResultText(s, 0.5),
            "max relative error 0.5 over the tolerance 1e-02");
}

TEST(ProjectionSpecNames, TheCastIsInTheNameTheKeyAndTheText) {
  ProjectionSpec s = rowsOf(768, DType::F32);
  s.outDtype = DType::BF16;
  s.residual = true;
  EXPECT_EQ(specName(s), "outproj_d768_f32_res_tobf16");
  EXPECT_EQ(castKey(s), " out=bf16");
  EXPECT_EQ(kernelExtras(s), ", epilogue residual, output bf16");
  EXPECT_DOUBLE_EQ(checkTolerance(s), 1e-2);
}

TEST(ProjectionSpecNames, AGivenScaleIsInTheName) {
  // Two kernels that differ only in the scale must not share a file name
  // in `walsh compile --out` (the second overwrote the first).
  ProjectionSpec s = rowsOf(6144, DType::BF16);
  EXPECT_EQ(specName(s), "outproj_d6144_bf16");
  s.scale = 0.25;
  EXPECT_EQ(specName(s), "outproj_d6144_bf16_s0p25");
  s.withMul = s.withAdd = false;
  s.transpose = true;
  EXPECT_EQ(specName(s), "outproj_d6144_bf16_t_s0p25_noaffine");
  // The shortest decimal that reads back as the same double.
  EXPECT_EQ(scaleTag(1.0 / 3.0), "0p3333333333333333");
  EXPECT_EQ(scaleTag(-2.0), "m2");
  EXPECT_EQ(scaleTag(1e-5), "1em05");
  EXPECT_NE(scaleTag(0.1), scaleTag(0.1 + 1e-12));
}

TEST(ProjectionSpecNames, ANormsEpsAndAPartialAffineAreInTheName) {
  // The norm's eps is a constant in the code, and a kernel with a alone or
  // b alone differs from one with both: each had shared the name of the
  // other kernel, and `walsh compile --out` overwrote one with the other.
  ProjectionSpec s = rowsOf(1024, DType::BF16);
  s.norm = NormKind::RMS;
  EXPECT_EQ(specName(s), "outproj_d1024_bf16_rmsnorm");
  s.normEps = 1e-5;
  EXPECT_EQ(specName(s), "outproj_d1024_bf16_rmsnorm_eps1em05");
  s.norm = NormKind::None; // eps means nothing without a norm
  EXPECT_EQ(specName(s), "outproj_d1024_bf16");
  s.withAdd = false;
  EXPECT_EQ(specName(s), "outproj_d1024_bf16_nobias");
  s.withMul = false;
  EXPECT_EQ(specName(s), "outproj_d1024_bf16_noaffine");
  s.withAdd = true;
  EXPECT_EQ(specName(s), "outproj_d1024_bf16_nomul");
}

namespace {
std::string jsonError(llvm::json::Object o) {
  auto s = specFromJson(o);
  if (s)
    return "";
  return llvm::toString(s.takeError());
}
} // namespace

TEST(ProjectionSpecJson, RoundTripsEveryFieldTheCastIncluded) {
  ProjectionSpec s = rowsOf(4096, DType::BF16);
  s.outDtype = DType::F32;
  s.residual = true;
  s.norm = NormKind::Layer;
  s.normEps = 1e-5;
  s.layout = Layout::BHSD;
  s.headDim = 128;
  auto back = specFromJson(specJson(s));
  ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
  EXPECT_EQ(specName(*back), specName(s));
  EXPECT_EQ(back->outType(), DType::F32);
  EXPECT_EQ(back->layout, Layout::BHSD);
  EXPECT_EQ(back->headDim, 128);
  EXPECT_EQ(back->normEps, 1e-5);
  // No cast: out_dtype is written as the dtype and read back as none.
  auto p = specFromJson(specJson(rowsOf(64, DType::F32)));
  ASSERT_TRUE(bool(p));
  EXPECT_FALSE(p->outDtype.has_value());
}

TEST(ProjectionSpecJson, ErrorsNameTheField) {
  llvm::json::Object ok = specJson(rowsOf(64, DType::F32));
  EXPECT_EQ(jsonError(ok), "");
  llvm::json::Object bad = ok;
  bad["out_dtype"] = "f64";
  EXPECT_EQ(jsonError(bad),
            "expects \"out_dtype\" to be f32, f16 or bf16, got 'f64'");
  bad = ok;
  bad["dtype"] = "int8";
  EXPECT_EQ(jsonError(bad), "expects \"dtype\" to be f32, f16 or bf16");
  bad = ok;
  bad["layout"] = "bshd";
  EXPECT_EQ(jsonError(bad), "expects \"layout\" to be rows or bhsd, got 'bshd'");
  bad = ok;
  bad["norm"] = "batchnorm";
  EXPECT_EQ(jsonError(bad), "expects \"norm\" to be none, rmsnorm or "
                            "layernorm, got 'batchnorm'");
}

TEST(CpuConfigJson, PrefetchRoundTripsAndDefaultsToTheRule) {
  CpuConfig c;
  c.prefetchPerLine = 2;
  auto back = cpuConfigFromJson(cpuConfigJson(c));
  ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
  EXPECT_EQ(back->prefetchPerLine, 2);
  EXPECT_EQ(back->vectorWidth, c.vectorWidth);
  // Written before the field existed: the lowering's rule (0).
  llvm::json::Object old = cpuConfigJson(c);
  old.erase("prefetch_per_line");
  auto rule = cpuConfigFromJson(old);
  ASSERT_TRUE(bool(rule)) << llvm::toString(rule.takeError());
  EXPECT_EQ(rule->prefetchPerLine, 0);
  for (llvm::json::Value bad :
       {llvm::json::Value(3), llvm::json::Value(-1), llvm::json::Value("2")}) {
    llvm::json::Object o = cpuConfigJson(c);
    o["prefetch_per_line"] = bad;
    auto e = cpuConfigFromJson(o);
    ASSERT_FALSE(bool(e));
    EXPECT_EQ(llvm::toString(e.takeError()),
              "expects \"prefetch_per_line\" to be 0, 1, 2 or 4");
  }
}

TEST(CpuConfigJson, PassOrderRoundTripsAndDefaultsToTheRule) {
  for (CpuPassOrder order :
       {CpuPassOrder::WidestFirst, CpuPassOrder::ContiguousFirst}) {
    CpuConfig c;
    c.passOrder = order;
    auto back = cpuConfigFromJson(cpuConfigJson(c));
    ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
    EXPECT_EQ(back->passOrder, order);
  }
  // Written before the field existed: the lowering's rule.
  llvm::json::Object old = cpuConfigJson(CpuConfig());
  old.erase("pass_order");
  auto rule = cpuConfigFromJson(old);
  ASSERT_TRUE(bool(rule)) << llvm::toString(rule.takeError());
  EXPECT_EQ(rule->passOrder, CpuPassOrder::Rule);
  for (llvm::json::Value bad :
       {llvm::json::Value("backwards"), llvm::json::Value(2)}) {
    llvm::json::Object o = cpuConfigJson(CpuConfig());
    o["pass_order"] = bad;
    auto e = cpuConfigFromJson(o);
    ASSERT_FALSE(bool(e));
    EXPECT_EQ(llvm::toString(e.takeError()),
              "expects \"pass_order\" to be rule, widest_first or "
              "contiguous_first");
  }
}

TEST(GpuConfigJson, ClusterRoundTripsAndDefaultsToOne) {
  GpuConfig c;
  c.elemsPerThread = 32;
  c.threadsPerRow = 32;
  c.vectorWidth = 4;
  c.crossWarp = GpuCrossWarp::Transpose;
  c.cluster = 8;
  auto back = gpuConfigFromJson(gpuConfigJson(c));
  ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
  EXPECT_EQ(*back, c);
  // Written before clusters: one block a row.
  llvm::json::Object old = gpuConfigJson(c);
  old.erase("cluster");
  auto one = gpuConfigFromJson(old);
  ASSERT_TRUE(bool(one)) << llvm::toString(one.takeError());
  EXPECT_EQ(one->cluster, 1);
  llvm::json::Object zero = gpuConfigJson(c);
  zero["cluster"] = 0;
  auto bad = gpuConfigFromJson(zero);
  ASSERT_FALSE(bool(bad));
  EXPECT_EQ(llvm::toString(bad.takeError()),
            "expects \"cluster\" to be an integer >= 1");
}
