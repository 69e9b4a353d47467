//===- HostMemoryTest.cpp - the host memory walsh sizes its buffers by ----===//
//
// cgroupMemoryLimit over made-up /proc/self/cgroup files and cgroup trees:
// v2's memory.max from the process's group up to the root ("max" is no
// limit; the lowest number counts), v1's memory.limit_in_bytes (its "no
// limit" near 2^63 is none), a container whose mount shows its own group as
// the root, and files that are missing or unreadable. hostMemory() is never
// more than physical memory and names what bounds it; /proc/self/status's
// sizes read by field. A failed allocation under the tools' handler is a
// line and exit status 1 (death tests), not LLVM's "out of memory" abort.
//
//===----------------------------------------------------------------------===//

#include "walsh/Runtime/HostRows.h"
#include "walsh/Support/OutOfMemory.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "UnitSupport.h"

#include <gtest/gtest.h>

#include <new>
#include <unistd.h>

using namespace llvm;

namespace {

TEST(HostMemory, CgroupV2LowestLimitOnTheWayToTheRoot) {
  walsh::test::TempDir t("walsh-cg"); // a cgroup tree and /proc file
  t.write("proc", "0::/a/b/c\n");
  t.write("fs/a/b/c/memory.max", "max\n");
  t.write("fs/a/b/memory.max", "4294967296\n");
  t.write("fs/a/memory.max", "8589934592\n");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.file("proc"), t.file("fs")),
            4294967296.0);
  // The group's own limit, lower than its parents'.
  t.write("fs/a/b/c/memory.max", "1073741824\n");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.file("proc"), t.file("fs")),
            1073741824.0);
}

TEST(HostMemory, CgroupV2NoLimit) {
  walsh::test::TempDir t("walsh-cg"); // a cgroup tree and /proc file
  t.write("proc", "0::/user.slice/session-1.scope\n");
  t.write("fs/user.slice/session-1.scope/memory.max", "max\n");
  t.write("fs/user.slice/memory.max", "max\n");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.file("proc"), t.file("fs")), 0.0);
}

TEST(HostMemory, ContainerMountShowsItsGroupAsTheRoot) {
  // /proc names the host's path; the mount holds only the container's
  // group, at its root.
  walsh::test::TempDir t("walsh-cg"); // a cgroup tree and /proc file
  t.write("proc", "0::/docker/0123abcd\n");
  t.write("fs/memory.max", "2147483648\n");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.file("proc"), t.file("fs")),
            2147483648.0);
}

TEST(HostMemory, CgroupV1AndHybrid) {
  walsh::test::TempDir t("walsh-cg"); // a cgroup tree and /proc file
  // A hybrid hierarchy: v2's line is there, memory is v1's controller.
  t.write("proc", "4:memory:/process_api/abc\n1:cpu:/\n0::/\n");
  t.write("fs/memory/memory.limit_in_bytes", "9223372036854771712\n");
  t.write("fs/memory.max", "1024\n"); // not the memory controller's
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.file("proc"), t.file("fs")), 0.0);
  t.write("fs/memory/process_api/abc/memory.limit_in_bytes", "3221225472\n");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.file("proc"), t.file("fs")),
            3221225472.0);
}

TEST(HostMemory, MissingOrMalformedFilesAreNoLimit) {
  walsh::test::TempDir t("walsh-cg"); // a cgroup tree and /proc file
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.file("absent"), t.file("fs")), 0.0);
  t.write("proc", "0::/a\n");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.file("proc"), t.file("fs")), 0.0);
  t.write("fs/a/memory.max", "\n");
  t.write("fs/memory.max", "garbage\n");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.file("proc"), t.file("fs")), 0.0);
  t.write("proc", "");
  EXPECT_EQ(walsh::cgroupMemoryLimit(t.file("proc"), t.file("fs")), 0.0);
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

TEST(HostMemory, ProcStatusFieldsInBytes) {
  walsh::test::TempDir t("walsh-cg"); // a cgroup tree and /proc file
  t.write("status", "Name:\twalsh\nVmPeak:\t  999 kB\nVmSize:\t  123456 kB\n"
                    "VmData:\t    2048 kB\nVmSizeX:\t1 kB\n");
  EXPECT_EQ(walsh::procStatusBytes("VmSize", t.file("status")),
            123456.0 * 1024);
  EXPECT_EQ(walsh::procStatusBytes("VmData", t.file("status")), 2048.0 * 1024);
  // A field that is not there, one whose name only starts alike, a missing
  // file, a malformed value: 0.
  EXPECT_EQ(walsh::procStatusBytes("VmRSS", t.file("status")), 0.0);
  EXPECT_EQ(walsh::procStatusBytes("VmSiz", t.file("status")), 0.0);
  EXPECT_EQ(walsh::procStatusBytes("VmSize", t.file("absent")), 0.0);
  t.write("status", "VmSize:\tlots\n");
  EXPECT_EQ(walsh::procStatusBytes("VmSize", t.file("status")), 0.0);
  // This process's own: a real size.
  EXPECT_GT(walsh::procStatusBytes("VmSize"), 1e6);
}

TEST(HostMemory, HostRowsPastMemoryThrowsWhatItAskedFor) {
#ifdef WALSH_SANITIZED
  GTEST_SKIP() << "ASan and TSan end an allocation they cannot serve with "
                  "their own report";
#else
  // Not an abort: the C API catches it and returns an error to its host.
  try {
    walsh::HostRows rows(walsh::DType::BF16, int64_t(1) << 40, 1 << 20);
    ADD_FAILURE() << "2^61 bytes allocated at " << rows.data();
  } catch (const std::bad_alloc &e) {
    EXPECT_STREQ(e.what(), "2305843009.21 GB of host rows");
  }
#endif
}

TEST(HostMemory, HostRowsWhoseBytesWouldWrapAreRefusedNotShrunk) {
  // 3 rows 2^62 elements apart, 4 bytes each: 3 * 2^64 bytes, 0 in 64-bit
  // arithmetic (until 2026-12-06 a 64-byte buffer the rows then ran past).
  // Refused before any allocation, sanitized builds included.
  for (auto [rows, stride] :
       {std::pair{int64_t(3), int64_t(1) << 62}, {int64_t(1) << 62, 256}}) {
    try {
      walsh::HostRows r(walsh::DType::F32, rows, 256, stride);
      ADD_FAILURE() << rows << " rows at stride " << stride << " allocated";
    } catch (const std::bad_alloc &e) {
      EXPECT_STREQ(e.what(), rows == 3 ? "55340232221.13 GB of host rows"
                                       : "4722366482869.65 GB of host rows");
    }
  }
}

TEST(HostMemoryDeathTest, FailedAllocationIsALineAndStatus1) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        walsh::installOutOfMemoryHandler("walsh test");
        llvm::report_bad_alloc_error("9.99 GB of something");
      },
      testing::ExitedWithCode(1),
      "^walsh test: out of host memory \\(9\\.99 GB of something\\); ask for "
      "less \\(fewer rows, a smaller d\\), or raise the limit that bounds "
      "this process \\(ulimit -v, ulimit -d, its cgroup's memory.max\\)\n$");
}

TEST(HostMemoryDeathTest, HostRowsAndOperatorNewPastMemory) {
#ifdef WALSH_SANITIZED
  GTEST_SKIP() << "ASan and TSan end an allocation they cannot serve with "
                  "their own report before any new-handler runs";
#else
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  // 2^62 bytes: more than any address space.
  EXPECT_EXIT(
      {
        walsh::installOutOfMemoryHandler("walsh test");
        walsh::catchingOutOfMemory([] {
          walsh::HostRows rows(walsh::DType::F32, int64_t(1) << 40, 1 << 20);
          std::printf("%p\n", static_cast<void *>(rows.data()));
          return 0;
        });
      },
      testing::ExitedWithCode(1),
      "^walsh test: out of host memory \\(4611686018\\.43 GB of host rows\\); "
      "ask for less");
  EXPECT_EXIT(
      {
        walsh::installOutOfMemoryHandler("walsh-gpu");
        void *volatile p = ::operator new(size_t(1) << 62);
        std::printf("%p\n", p);
      },
      testing::ExitedWithCode(1),
      "^walsh-gpu: out of host memory \\(Allocation failed\\); ask for less");
#endif
}

} // namespace
