//===- OutOfMemory.cpp - a failed allocation's words ----------------------===//
#include "walsh/Support/OutOfMemory.h"

#include "llvm/Support/ErrorHandling.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>
#include <unistd.h>

namespace {

// The tool's name, copied in when installed: the handler must not allocate.
char toolName[64] = "walsh";

// Set by the first thread in: several threads' allocations may fail at once
// (walsh tune's compilers), and one line is said, once.
std::atomic<bool> ending{false};

void append(char *line, size_t &n, size_t cap, const char *text) {
  for (; *text && n + 1 < cap; ++text)
    line[n++] = *text;
  line[n] = 0;
}

void onBadAlloc(void *, const char *reason, bool) {
  walsh::reportOutOfMemory(reason);
}

} // namespace

void walsh::reportOutOfMemory(const char *reason) {
  if (ending.exchange(true))
    for (;;) // the first thread ends the process
      ::pause();
  char line[1024];
  size_t n = 0;
  append(line, n, sizeof line, toolName);
  append(line, n, sizeof line, ": out of host memory (");
  append(line, n, sizeof line,
         reason && *reason ? reason : "an allocation failed");
  append(line, n, sizeof line,
         "); ask for less (fewer rows, a smaller d), or raise the limit "
         "that bounds this process (ulimit -v, ulimit -d, its cgroup's "
         "memory.max)\n");
  // One write, so that nothing another thread says lands inside the line.
  for (size_t at = 0; at < n;) {
    ssize_t w = ::write(2, line + at, n - at);
    if (w <= 0)
      break;
    at += size_t(w);
  }
  // Neither exit's handlers nor destructors: either may allocate, and
  // another thread may hold a lock they take.
  std::_Exit(1);
}

int walsh::catchingOutOfMemory(llvm::function_ref<int()> body) {
  try {
    return body();
  } catch (const std::bad_alloc &e) {
    reportOutOfMemory(e.what());
  }
}

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
