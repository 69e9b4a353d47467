//===- LocaleTest.cpp - walsh's files and keys under a decimal comma ------===//
//
// A host process may set a locale whose decimal point is a comma (de_DE:
// `setlocale(LC_ALL, "")`, Python's `locale.setlocale`). Until 2026-12-06
// libwalsh then read no manifest and no tuning database with a fraction in
// it (llvm::json::parse reads numbers with strtod, which follows the
// locale: every disk-cache entry "corrupt" and rebuilt, walsh_compile_for_
// shape failing "not a tuning database"), and wrote "0,5" into keys and
// kernel names. The test builds de_DE.UTF-8 with localedef (the `locales`
// package, which scripts/setup.sh installs) into a temporary directory
// (LOCPATH) and sets it for the whole process.
//
//===----------------------------------------------------------------------===//

#include "UnitSupport.h"

#include "walsh/Autotune/TuningDb.h"
#include "walsh/Builder/ProjectionBuilder.h"
#include "walsh/Builder/ProjectionSpec.h"
#include "walsh/Runtime/KernelCache.h"
#include "walsh/Support/JsonText.h"
#include "walsh/Support/NumberText.h"

#include <gtest/gtest.h>

#include <clocale>
#include <cstdlib>
#include <limits>

using namespace walsh;
using namespace walsh::tune;

namespace {

/// Builds de_DE.UTF-8 into `dir` and makes it the process's locale; the
/// C locale again when the test ends.
class DecimalComma : public ::testing::Test {
protected:
  void SetUp() override {
    std::string command = "localedef -i de_DE -f UTF-8 '" +
                          locales.file("de_DE.UTF-8") + "' 2>&1";
    int status = std::system(command.c_str());
    ASSERT_EQ(status, 0) << "localedef could not build de_DE.UTF-8 (the "
                            "locales package installs its sources): "
                         << command;
    setenv("LOCPATH", locales.path.c_str(), 1);
    ASSERT_NE(std::setlocale(LC_ALL, "de_DE.UTF-8"), nullptr);
    // The locale took: a comma is its decimal point.
    ASSERT_STREQ(std::localeconv()->decimal_point, ",");
  }
  void TearDown() override {
    std::setlocale(LC_ALL, "C");
    unsetenv("LOCPATH");
  }
  test::TempDir locales{"walsh-locale"};
};

TEST_F(DecimalComma, NumbersInKeysAndNamesAreTheCLocales) {
  char printf[32];
  std::snprintf(printf, sizeof printf, "%.17g", 0.5);
  EXPECT_STREQ(printf, "0,5"); // what walsh's keys said
  EXPECT_EQ(gText(0.5, 17), "0.5");
  EXPECT_EQ(gText(0.1, 17), "0.10000000000000001");
  EXPECT_EQ(shortestText(0.125), "0.125");
  EXPECT_EQ(parseDouble("0.25"), 0.25);
  EXPECT_EQ(parseDouble("0,25"), std::nullopt);
  EXPECT_EQ(scaleTag(0.5), "0p5");
  EXPECT_EQ(scaleTag(1e-5), "1em05");
  ProjectionSpec spec;
  spec.d = 1024;
  spec.scale = 0.125;
  EXPECT_EQ(specName(spec), "outproj_d1024_f32_s0p125");
  EXPECT_NE(specKey(spec).find("scale=0.125 "), std::string::npos)
      << specKey(spec);
}

// Numbers in errors too (an embedding host's WalshError said "-0,000000"
// for eps = -1e-9 until 2026-12-06: std::to_string and printf follow the
// locale).
TEST_F(DecimalComma, NumbersInErrorsAreTheCLocales) {
  EXPECT_EQ(fixedText(1.25, 1), "1.2"); // (round half to even)
  EXPECT_EQ(fixedText(2.5e9 / 1e9, 2), "2.50");
  char buf[8];
  EXPECT_EQ(std::string(buf, fixedText(0.125, 3, buf, buf + sizeof buf)),
            "0.125");
  ProjectionSpec spec;
  spec.d = 256;
  spec.norm = NormKind::RMS;
  spec.residual = true;
  spec.normEps = -1e-9;
  EXPECT_EQ(llvm::toString(validateSpec(spec)),
            "eps: expects a finite number > 0, got -1e-09");
  spec.normEps = 1e-6;
  spec.scale = std::numeric_limits<double>::infinity();
  EXPECT_EQ(llvm::toString(validateSpec(spec)),
            "scale: expects a finite number, got inf");
}

TEST_F(DecimalComma, JsonWithFractionsParses) {
  auto v = parseJson(R"({"time_us": 12.5, "copy_us": 1e-3})");
  ASSERT_TRUE(bool(v)) << llvm::toString(v.takeError());
  EXPECT_EQ(v->getAsObject()->getNumber("time_us"), 12.5);
  EXPECT_EQ(v->getAsObject()->getNumber("copy_us"), 1e-3);
  // The thread's locale is the host's again.
  EXPECT_STREQ(std::localeconv()->decimal_point, ",");
}

TEST_F(DecimalComma, ATuningDatabaseReadsBack) {
  test::TempDir dir("walsh-locale-db");
  DeviceIdentity device;
  device.target = "cpu";
  device.name = "test";
  device.arch = "x86_64";
  device.walshVersion = "test";
  ProjectionSpec spec;
  spec.d = 1024;
  spec.scale = 0.125;
  Bucket bucket;
  bucket.seq = 64;
  {
    auto db = TuningDb::open(dir.file("db.json"), device);
    ASSERT_TRUE(bool(db)) << llvm::toString(db.takeError());
    Entry e;
    e.spec = specKey(spec);
    e.bucket = bucket;
    e.rows = 64;
    e.best.cuda = false;
    e.timeUs = 8.625;
    e.defaultUs = 9.5;
    e.copyUs = 2.25;
    db->put(e);
    llvm::Error saved = db->save();
    ASSERT_FALSE(bool(saved)) << llvm::toString(std::move(saved));
  }
  auto db = TuningDb::open(dir.file("db.json"), device);
  ASSERT_TRUE(bool(db)) << llvm::toString(db.takeError());
  const Entry *e = db->exact(spec, bucket);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->timeUs, 8.625);
  // Another scale that rounds the same to two decimals is another spec
  // (formatv's "{0:g}" keyed both "0.13" until 2026-12-06).
  ProjectionSpec other = spec;
  other.scale = 0.13;
  EXPECT_EQ(db->exact(other, bucket), nullptr);
}

TEST_F(DecimalComma, ACacheEntryIsADiskHitInTheNextProcess) {
  test::TempDir dir("walsh-locale-cache");
  CacheOptions options;
  options.directory = dir.path;
  std::vector<std::string> warnings;
  options.warn = [&](const std::string &w) { warnings.push_back(w); };
  ProjectionSpec spec;
  spec.d = 256;
  spec.scale = 0.5;
  CacheSource first, second;
  {
    KernelCache cache(options);
    auto k = cache.getCpu(spec, CpuConfig(), &first);
    ASSERT_TRUE(bool(k)) << llvm::toString(k.takeError());
  }
  KernelCache again(options); // another process's memory: none
  auto k = again.getCpu(spec, CpuConfig(), &second);
  ASSERT_TRUE(bool(k)) << llvm::toString(k.takeError());
  EXPECT_EQ(first, CacheSource::Miss);
  EXPECT_EQ(second, CacheSource::Disk);
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  std::vector<std::string> names = dir.names();
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names.front().rfind("outproj_d256_f32_s0p5_", 0), 0u)
      << names.front();
}

} // namespace
