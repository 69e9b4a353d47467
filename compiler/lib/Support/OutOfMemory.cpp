//===- OutOfMemory.cpp - a failed allocation's words ----------------------===//
#include "walsh/Support/OutOfMemory.h"

#include "llvm/Support/ErrorHandling.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace {

// The tool's name, copied in when installed: the handler must not allocate.
char toolName[64] = "walsh";

void writeAll(const char *text) {
  size_t n = std::strlen(text);
  while (n) {
    ssize_t w = ::write(2, text, n);
    if (w <= 0)
      return;
    text += w;
    n -= size_t(w);
  }
}

void onBadAlloc(void *, const char *reason, bool) {
  writeAll(toolName);
  writeAll(": out of host memory (");
  writeAll(reason && *reason ? reason : "an allocation failed");
  writeAll("); ask for less (fewer rows, a smaller d), or raise the limit "
           "that bounds this process (ulimit -v, ulimit -d, its cgroup's "
           "memory.max)\n");
  // Neither exit's handlers nor destructors: either may allocate, and
  // another thread may hold a lock they take.
  std::_Exit(1);
}

} // namespace

void walsh::installOutOfMemoryHandler(llvm::StringRef tool) {
  size_t n = std::min(tool.size(), sizeof toolName - 1);
  std::memcpy(toolName, tool.data(), n);
  toolName[n] = 0;
  static bool installed = [] {
    llvm::install_bad_alloc_error_handler(onBadAlloc);
    // operator new's failures to the same handler, in a tool that did not
    // call InitLLVM (walsh-gpu) as in one that did.
    llvm::install_out_of_memory_new_handler();
    return true;
  }();
  (void)installed;
}
