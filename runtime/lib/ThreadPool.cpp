//===- ThreadPool.cpp - a fixed pool for splitting rows --------------------===//
#include "walsh/Runtime/ThreadPool.h"

#include <cstring>
#include <system_error>

#include <unistd.h>

namespace walsh {

llvm::Expected<std::unique_ptr<ThreadPool>> ThreadPool::create(int threads) {
  if (threads < 1)
    return llvm::createStringError("threads: expects at least 1, got " +
                                   std::to_string(threads));
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
  if (getpid() != owner)
    return; // a fork's child: no threads to stop
  {
    std::lock_guard<std::mutex> lock(mu);
    stopping = true;
  }
  wake.notify_all();
  for (pthread_t t : workers)
    pthread_join(t, nullptr);
}

void ThreadPool::workerLoop() {
  unsigned seen = 0;
  std::unique_lock<std::mutex> lock(mu);
  while (true) {
    wake.wait(lock, [&] { return stopping || generation != seen; });
    if (stopping)
      return;
    seen = generation;
    while (next < taskCount) {
      int i = next++;
      lock.unlock();
      (*task)(i);
      lock.lock();
      if (++finished == taskCount)
        done.notify_all();
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
  std::lock_guard<std::mutex> serial(runMutex);
  std::unique_lock<std::mutex> lock(mu);
  task = &fn;
  taskCount = n;
  next = 0;
  finished = 0;
  ++generation;
  wake.notify_all();
  while (callerTakesPart && next < taskCount) {
    int i = next++;
    lock.unlock();
    fn(i);
    lock.lock();
    ++finished;
  }
  done.wait(lock, [&] { return finished == taskCount; });
  task = nullptr;
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
