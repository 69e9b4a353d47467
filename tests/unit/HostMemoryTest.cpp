//===- HostMemoryTest.cpp - the host memory walsh sizes its buffers by ----===//
//
// cgroupMemoryLimit over made-up /proc/self/cgroup files and cgroup trees:
// v2's memory.max from the process's group up to the root ("max" is no
// limit; the lowest number counts), v1's memory.limit_in_bytes (its "no
// limit" near 2^63 is none), a container whose mount shows its own group as
// the root, and files that are missing or unreadable. hostMemory() is never
// more than physical memory and names what bounds it.
//
//===----------------------------------------------------------------------===//

#include "walsh/Runtime/HostRows.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <unistd.h>

using namespace llvm;

namespace {

struct Tree {
  SmallString<128> root;
  Tree() { EXPECT_FALSE(sys::fs::createUniqueDirectory("walsh-cg", root)); }
  ~Tree() { sys::fs::remove_directories(root); }
  std::string path(StringRef rel) const { return (root + "/" + rel).str(); }
  void write(StringRef rel, StringRef text) const {
    std::string p = path(rel);
    EXPECT_FALSE(sys::fs::create_directories(sys::path::parent_path(p)));
    std::error_code ec;
    raw_fd_ostream os(p, ec);
    ASSERT_FALSE(ec) << p;
    os << text;
  }
};

TEST(HostMemory, CgroupV2LowestLimitOnTheWayToTheRoot) {
  Tree t;
  t.write("proc", "0::/a/b/c\n");
  t.write("fs/a/b/c/memory.max", "max\n");
  t.write("fs/a/b/memory.max", "4294967296\n");
  t.write("fs/a/memory.max", "8589934592\n");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.path("proc"), t.path("fs")),
            4294967296.0);
  // The group's own limit, lower than its parents'.
  t.write("fs/a/b/c/memory.max", "1073741824\n");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.path("proc"), t.path("fs")),
            1073741824.0);
}

TEST(HostMemory, CgroupV2NoLimit) {
  Tree t;
  t.write("proc", "0::/user.slice/session-1.scope\n");
  t.write("fs/user.slice/session-1.scope/memory.max", "max\n");
  t.write("fs/user.slice/memory.max", "max\n");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.path("proc"), t.path("fs")), 0.0);
}

TEST(HostMemory, ContainerMountShowsItsGroupAsTheRoot) {
  // /proc names the host's path; the mount holds only the container's
  // group, at its root.
  Tree t;
  t.write("proc", "0::/docker/0123abcd\n");
  t.write("fs/memory.max", "2147483648\n");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.path("proc"), t.path("fs")),
            2147483648.0);
}

TEST(HostMemory, CgroupV1AndHybrid) {
  Tree t;
  // A hybrid hierarchy: v2's line is there, memory is v1's controller.
  t.write("proc", "4:memory:/process_api/abc\n1:cpu:/\n0::/\n");
  t.write("fs/memory/memory.limit_in_bytes", "9223372036854771712\n");
  t.write("fs/memory.max", "1024\n"); // not the memory controller's
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.path("proc"), t.path("fs")), 0.0);
  t.write("fs/memory/process_api/abc/memory.limit_in_bytes", "3221225472\n");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.path("proc"), t.path("fs")),
            3221225472.0);
}

TEST(HostMemory, MissingOrMalformedFilesAreNoLimit) {
  Tree t;
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.path("absent"), t.path("fs")), 0.0);
  t.write("proc", "0::/a\n");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.path("proc"), t.path("fs")), 0.0);
  t.write("fs/a/memory.max", "\n");
  t.write("fs/memory.max", "garbage\n");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.path("proc"), t.path("fs")), 0.0);
  t.write("proc", "");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.path("proc"), t.path("fs")), 0.0);
}

TEST(HostMemory, NeverMoreThanPhysicalMemory) {
  long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
  double physical = double(pages) * double(size);
  walsh::HostMemory memory = walsh::hostMemory();
  ASSERT_GT(memory.bytes, 0);
  EXPECT_LE(memory.bytes, physical);
  EXPECT_FALSE(memory.what.empty());
  // The refusal names the bound and its size.
  auto over = walsh::beyondHostMemory(memory.bytes);
  ASSERT_TRUE(over);
  EXPECT_NE(over->find("more than three quarters of " + memory.what),
            std::string::npos)
      << *over;
  EXPECT_FALSE(walsh::beyondHostMemory(memory.bytes / 2));
}

} // namespace
