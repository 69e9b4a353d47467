//===- Threads.cpp - threads with stack enough ----------------------------===//
#include "walsh/Support/Threads.h"

#include <algorithm>

#include <sys/resource.h>

namespace walsh {

int startLargeStackThread(pthread_t *thread, void *(*entry)(void *),
                          void *arg) {
  size_t stack = kLargeStackBytes;
  struct rlimit limit;
  if (getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    stack = std::max<size_t>(stack, limit.rlim_cur);
  pthread_attr_t attr;
  if (int e = pthread_attr_init(&attr))
    return e;
  int e = pthread_attr_setstacksize(&attr, stack);
  if (!e)
    e = pthread_create(thread, &attr, entry, arg);
  pthread_attr_destroy(&attr);
  return e;
}

size_t stackLeft() {
  // The thread's lowest stack address, read once a thread (for the main
  // thread glibc reads /proc/self/maps).
  thread_local const char *low = [] {
    const char *bottom = nullptr;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void *addr = nullptr;
      size_t size = 0;
      if (pthread_attr_getstack(&attr, &addr, &size) == 0)
        bottom = static_cast<const char *>(addr);
      pthread_attr_destroy(&attr);
    }
    return bottom;
  }();
  char here;
  const char *sp = &here;
  return low && sp > low ? size_t(sp - low) : 0;
}

} // namespace walsh
