//===- UnitSupport.h - what several unit tests share -----------*- C++ -*-===//
#ifndef WALSH_TESTS_UNIT_UNITSUPPORT_H
#define WALSH_TESTS_UNIT_UNITSUPPORT_H

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

// WALSH_SANITIZED under ASan or TSan, which reserve terabytes of shadow
// address space (no address-space limit can leave them) and report large
// allocations themselves.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define WALSH_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define WALSH_SANITIZED 1
#endif

namespace walsh::test {

/// A fresh directory under the system's temporary one, removed with what
/// it holds when the test ends.
struct TempDir {
  std::string path;
  explicit TempDir(const char *prefix = "walsh-test") {
    llvm::SmallString<128> p;
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory(prefix, p));
    path = std::string(p);
  }
  ~TempDir() { llvm::sys::fs::remove_directories(path); }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  /// `name` inside the directory.
  std::string file(llvm::StringRef name) const {
    llvm::SmallString<128> p(path);
    llvm::sys::path::append(p, name);
    return std::string(p);
  }
  /// Writes `text` into `name` inside the directory, making the folders
  /// on its way; returns its path.
  std::string write(llvm::StringRef name, llvm::StringRef text) const {
    std::string p = file(name);
    EXPECT_FALSE(
        llvm::sys::fs::create_directories(llvm::sys::path::parent_path(p)));
    std::error_code ec;
    llvm::raw_fd_ostream os(p, ec);
    EXPECT_FALSE(ec) << p;
    os << text;
    return p;
  }
  /// The names the directory holds, sorted.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (llvm::sys::fs::directory_iterator it(path, ec), end; it != end && !ec;
         it.increment(ec))
      out.push_back(llvm::sys::path::filename(it->path()).str());
    std::sort(out.begin(), out.end());
    return out;
  }
};

} // namespace walsh::test

#endif // WALSH_TESTS_UNIT_UNITSUPPORT_H
