//===- JsonTextTest.cpp - walsh's JSON text ------------------------------===//
//
// jsonText against llvm::json's own printing: the same layout and key
// order, numbers that are not integers in their shortest exact form, and
// what JSON cannot hold written as null.
//
//===----------------------------------------------------------------------===//

#include "walsh/Support/JsonText.h"

#include "llvm/Support/FormatVariadic.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

using namespace llvm;
using walsh::jsonText;

namespace {

TEST(JsonText, ShortestNumbers) {
  EXPECT_EQ(jsonText(1e-5, 0), "1e-05");
  EXPECT_EQ(jsonText(86.976, 0), "86.976");
  EXPECT_EQ(jsonText(0.1 + 0.2, 0), "0.30000000000000004");
  EXPECT_EQ(jsonText(-2.5, 0), "-2.5");
  EXPECT_EQ(jsonText(1.1275521401064685e-07, 0), "1.1275521401064685e-07");
  // llvm's own text for the same values, which this replaces.
  EXPECT_EQ(formatv("{0}", json::Value(1e-5)).str(), "1.0000000000000001e-05");
}

TEST(JsonText, EveryNumberReadsBackExactly) {
  for (double d : {1.0 / 3, 168.58940899999999, 6.02214076e23, 5e-324,
                   std::numeric_limits<double>::max(), -0.7963936401983962}) {
    std::string text = jsonText(d, 0);
    Expected<json::Value> back = json::parse(text);
    ASSERT_TRUE(bool(back)) << text;
    EXPECT_EQ(*back->getAsNumber(), d) << text;
  }
}

TEST(JsonText, IntegersAsLlvmWritesThem) {
  EXPECT_EQ(jsonText(int64_t(65536), 0), "65536");
  EXPECT_EQ(jsonText(std::numeric_limits<uint64_t>::max(), 0),
            "18446744073709551615");
  EXPECT_EQ(jsonText(std::numeric_limits<int64_t>::min(), 0),
            "-9223372036854775808");
  EXPECT_EQ(jsonText(2.0, 0), "2");
  EXPECT_EQ(jsonText(1e20, 0), "1e+20");
}

TEST(JsonText, NotANumberIsNull) {
  EXPECT_EQ(jsonText(std::nan(""), 0), "null");
  EXPECT_EQ(jsonText(std::numeric_limits<double>::infinity(), 0), "null");
  EXPECT_EQ(jsonText(json::Array{-std::numeric_limits<double>::infinity()}, 0),
            "[null]");
}

TEST(JsonText, LayoutAndKeyOrderAsLlvms) {
  json::Value v = json::Object{
      {"zeta", json::Array{1, "two", nullptr, true, json::Object{}}},
      {"alpha", json::Object{{"b", 2}, {"a", "x\"y\n"}}},
      {"empty", json::Array{}},
      {"mid", false}};
  for (unsigned indent : {0u, 2u, 4u}) {
    std::string llvms;
    raw_string_ostream os(llvms);
    json::OStream(os, indent).value(v);
    EXPECT_EQ(jsonText(v, indent), llvms) << indent;
  }
}

TEST(JsonText, NestedNumbersShortest) {
  json::Value v = json::Object{{"t", json::Array{0.1, 1e-5}}, {"n", 3}};
  EXPECT_EQ(jsonText(v, 0), R"({"n":3,"t":[0.1,1e-05]})");
  EXPECT_EQ(jsonText(v),
            "{\n  \"n\": 3,\n  \"t\": [\n    0.1,\n    1e-05\n  ]\n}");
}

} // namespace
