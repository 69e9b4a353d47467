//===- ThreadPool.cpp - a fixed pool for splitting rows --------------------===//
#include "walsh/Runtime/ThreadPool.h"

#include <cstring>
#include <system_error>

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

ThreadPool::~ThreadPool() {
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
  if (workers.empty() || n == 1) {
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
  if (workers.empty())
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
