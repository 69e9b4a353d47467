//===- ThreadPool.cpp - a fixed pool for splitting rows --------------------===//
#include "walsh/Runtime/ThreadPool.h"

#include <algorithm>
#include <cstring>
#include <system_error>

#include <unistd.h>

namespace walsh {

llvm::Error ThreadPool::checkCount(int threads, const char *name) {
  if (threads < 1)
    return llvm::createStringError(std::string(name) +
                                   ": expects at least 1, got " +
                                   std::to_string(threads));
  if (threads > maxThreads())
    return llvm::createStringError(
        std::string(name) + ": expects at most " +
        std::to_string(maxThreads()) +
        " (8 a hardware thread, 256 at least), got " + std::to_string(threads) +
        "; the machine has " + std::to_string(hardwareThreads()) +
        " hardware threads");
  return llvm::Error::success();
}

int ThreadPool::maxThreads() { return std::max(256, 8 * hardwareThreads()); }

llvm::Expected<std::unique_ptr<ThreadPool>> ThreadPool::create(int threads) {
  if (llvm::Error e = checkCount(threads, "threads"))
    return std::move(e);
  std::unique_ptr<ThreadPool> pool(new ThreadPool());
  for (int i = 1; i < threads; ++i) {
    pthread_t t;
    int e = startLargeStackThread(
        &t,
        [](void *p) -> void * {
          static_cast<ThreadPool *>(p)->workerLoop();
          return nullptr;
        },
        pool.get());
    if (e) {
      // The system refused a thread (RLIMIT_NPROC, memory): the pool's
      // destructor stops and joins the ones already started.
      return llvm::createStringError(
          "threads: could not start thread " + std::to_string(i + 1) + " of " +
          std::to_string(threads) + " (" + std::strerror(e) +
          "); the machine has " + std::to_string(hardwareThreads()) +
          " hardware threads");
    }
    pool->workers.push_back(t);
  }
  return pool;
}

int ThreadPool::hardwareThreads() {
  unsigned n = std::thread::hardware_concurrency();
  return n ? int(n) : 1;
}

bool ThreadPool::workersAreHere() const {
  // A fork's child has the pool's memory but none of its threads (and its
  // mutexes as some other thread may have held them at the fork): it uses
  // neither. Until 2026-12-06 a child's call that ran on workers alone (a
  // calling thread with too little stack) waited for them for ever.
  return !workers.empty() && getpid() == owner;
}

int ThreadPool::size() const {
  return workersAreHere() ? int(workers.size()) + 1 : 1;
}

ThreadPool::~ThreadPool() {
  if (getpid() != owner) {
    // A fork's child: no threads to stop, and the condition variables keep
    // the parent's waiting workers as waiters, whom destroying them would
    // wait for for ever. Left as they are.
    (void)state.release();
    return;
  }
  {
    std::lock_guard<std::mutex> lock(state->mu);
    state->stopping = true;
  }
  state->wake.notify_all();
  for (pthread_t t : workers)
    pthread_join(t, nullptr);
}

void ThreadPool::workerLoop() {
  State &st = *state;
  unsigned seen = 0;
  std::unique_lock<std::mutex> lock(st.mu);
  while (true) {
    st.wake.wait(lock, [&] { return st.stopping || st.generation != seen; });
    if (st.stopping)
      return;
    seen = st.generation;
    while (st.next < st.taskCount) {
      int i = st.next++;
      lock.unlock();
      (*st.task)(i);
      lock.lock();
      if (++st.finished == st.taskCount)
        st.done.notify_all();
    }
  }
}

void ThreadPool::parallelFor(int n, const std::function<void(int)> &fn) {
  if (n <= 0)
    return;
  if (!workersAreHere() || n == 1) {
    for (int i = 0; i < n; ++i)
      fn(i);
    return;
  }
  runParts(n, fn, /*callerTakesPart=*/true);
}

llvm::Error
ThreadPool::parallelForOnWorkers(int n, const std::function<void(int)> &fn) {
  if (n <= 0)
    return llvm::Error::success();
  if (!workersAreHere())
    return runOnLargeStack([&] {
      for (int i = 0; i < n; ++i)
        fn(i);
    });
  runParts(n, fn, /*callerTakesPart=*/false);
  return llvm::Error::success();
}

void ThreadPool::runParts(int n, const std::function<void(int)> &fn,
                          bool callerTakesPart) {
  State &st = *state;
  std::lock_guard<std::mutex> serial(st.runMutex);
  std::unique_lock<std::mutex> lock(st.mu);
  st.task = &fn;
  st.taskCount = n;
  st.next = 0;
  st.finished = 0;
  ++st.generation;
  st.wake.notify_all();
  while (callerTakesPart && st.next < st.taskCount) {
    int i = st.next++;
    lock.unlock();
    fn(i);
    lock.lock();
    ++st.finished;
  }
  st.done.wait(lock, [&] { return st.finished == st.taskCount; });
  st.task = nullptr;
}

llvm::Error runOnLargeStack(const std::function<void()> &fn) {
  pthread_t t;
  int e = startLargeStackThread(
      &t,
      [](void *f) -> void * {
        (*static_cast<const std::function<void()> *>(f))();
        return nullptr;
      },
      const_cast<std::function<void()> *>(&fn));
  if (e)
    return llvm::createStringError(std::string("could not start a thread (") +
                                   std::strerror(e) + ")");
  pthread_join(t, nullptr);
  return llvm::Error::success();
}

} // namespace walsh
