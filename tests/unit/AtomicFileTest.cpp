//===- AtomicFileTest.cpp - whole files or none ---------------------------===//
//
// writeFileAtomically: a file replaced whole, no temporary file left
// beside it, and the errors naming the path and what failed.
//
//===----------------------------------------------------------------------===//

#include "walsh/Support/AtomicFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "UnitSupport.h"

#include <gtest/gtest.h>

using namespace llvm;

namespace {

using walsh::test::TempDir;

std::string contents(const std::string &path) {
  auto buf = MemoryBuffer::getFile(path);
  return buf ? (*buf)->getBuffer().str() : "<unreadable>";
}

TEST(AtomicFile, WritesAndReplacesWholeLeavingNothingBeside) {
  TempDir dir("walsh-af");
  std::string f = dir.file("db.json");
  ASSERT_FALSE(bool(walsh::writeFileAtomically(f, "first\n")));
  EXPECT_EQ(contents(f), "first\n");
  ASSERT_FALSE(bool(walsh::writeFileAtomically(f, "second, longer\n")));
  EXPECT_EQ(contents(f), "second, longer\n");
  ASSERT_FALSE(bool(walsh::writeFileAtomically(f, "")));
  EXPECT_EQ(contents(f), "");
  EXPECT_EQ(dir.names(), std::vector<std::string>{"db.json"});
}

TEST(AtomicFile, MissingDirectoryNamedWithThePath) {
  TempDir dir("walsh-af");
  std::string f = dir.file("missing/db.json");
  Error e = walsh::writeFileAtomically(f, "x");
  ASSERT_TRUE(bool(e));
  EXPECT_EQ(toString(std::move(e)),
            f + ": cannot create a file beside it: No such file or directory");
  EXPECT_TRUE(dir.names().empty());
}

TEST(AtomicFile, ADirectoryInThePlaceIsNotReplaced) {
  TempDir dir("walsh-af");
  std::string f = dir.file("taken");
  ASSERT_FALSE(sys::fs::create_directory(f));
  Error e = walsh::writeFileAtomically(f, "x");
  ASSERT_TRUE(bool(e));
  std::string text = toString(std::move(e));
  EXPECT_EQ(text.rfind(f + ": cannot replace: ", 0), 0u) << text;
  EXPECT_TRUE(sys::fs::is_directory(f));
  EXPECT_EQ(dir.names(), std::vector<std::string>{"taken"}); // no temp left
}

} // namespace
