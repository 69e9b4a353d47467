//===- ThreadPool.h - a fixed pool for splitting rows ----------*- C++ -*-===//
//
// N - 1 persistent workers plus the calling thread; parallelFor(n, fn) runs
// fn(0) ... fn(n-1) across them and returns when all are done. One
// parallelFor at a time per pool (calls are serialized).
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_THREADPOOL_H
#define WALSH_RUNTIME_THREADPOOL_H

#include "llvm/Support/Error.h"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace walsh {

class ThreadPool {
public:
  /// A pool of `threads` threads (the caller counts as one); the error names
  /// `threads` when it is below 1 or when the system refuses a thread.
  static llvm::Expected<std::unique_ptr<ThreadPool>> create(int threads);
  /// Hardware threads of this machine (at least 1).
  static int hardwareThreads();
  ~ThreadPool();

  /// Number of threads work is split across.
  int size() const { return int(workers.size()) + 1; }
  /// Runs fn(i) for i in [0, n), spread over the pool; blocks until done.
  void parallelFor(int n, const std::function<void(int)> &fn);

private:
  ThreadPool() = default;
  void workerLoop();

  std::vector<std::thread> workers;
  std::mutex runMutex; // serializes parallelFor calls
  std::mutex mu;
  std::condition_variable wake, done;
  const std::function<void(int)> *task = nullptr;
  int taskCount = 0, next = 0, finished = 0;
  unsigned generation = 0;
  bool stopping = false;
};

} // namespace walsh

#endif // WALSH_RUNTIME_THREADPOOL_H
