//===- ThreadPool.h - a fixed pool for splitting rows ----------*- C++ -*-===//
//
// N - 1 persistent workers plus the calling thread; parallelFor(n, fn) runs
// fn(0) ... fn(n-1) across them and returns when all are done. One
// parallelFor at a time per pool (calls are serialized). Workers have
// stacks of at least kWorkerStackBytes whatever `ulimit -s` says: the CPU
// kernels keep their scratch rows on the stack (up to about 1.3 MB at d =
// 65536), and work that needs more stack than the caller's thread has left
// (walsh::stackLeft) runs on workers alone. In a fork's child, which has
// none of the workers, every call runs as on a pool of one.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_THREADPOOL_H
#define WALSH_RUNTIME_THREADPOOL_H

#include "walsh/Support/Threads.h"

#include "llvm/Support/Error.h"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace walsh {

class ThreadPool {
public:
  /// A pool of `threads` threads (the caller counts as one); the error names
  /// `threads` when it is below 1 or above maxThreads(), or when the system
  /// refuses a thread.
  static llvm::Expected<std::unique_ptr<ThreadPool>> create(int threads);
  /// Hardware threads of this machine (at least 1).
  static int hardwareThreads();
  /// The most threads walsh starts for one pool or queue: 8 a hardware
  /// thread, 256 at least. More only crowd the machine, and starting them
  /// runs into the system's own limits for every process on it (until
  /// 2026-12-06 `--threads 65537` started 32448 threads on a 2-core VM, its
  /// 32768 process ids spent, before the refusal: another process's start
  /// failed meanwhile).
  static int maxThreads();
  /// Success, or an error naming `name` where `threads` is below 1 or above
  /// maxThreads().
  static llvm::Error checkCount(int threads, const char *name);
  ~ThreadPool();

  /// Number of threads work is split across (1 in a fork's child, which
  /// has none of the pool's workers: its calls run as on a pool of one).
  int size() const;
  /// Runs fn(i) for i in [0, n), spread over the pool; blocks until done.
  void parallelFor(int n, const std::function<void(int)> &fn);
  /// The same with every fn(i) on a worker, none on the calling thread (on
  /// one thread started for the call where the pool has no workers); the
  /// error is the system's refusal of that thread.
  llvm::Error parallelForOnWorkers(int n, const std::function<void(int)> &fn);

  /// The least stack a worker gets (8 MB).
  static constexpr size_t kWorkerStackBytes = kLargeStackBytes;

private:
  ThreadPool() = default;
  void workerLoop();
  /// fn(0) ... fn(n-1) on the workers, and on the caller where it takes part.
  void runParts(int n, const std::function<void(int)> &fn,
                bool callerTakesPart);

  /// Whether this process has the workers (not a fork's child).
  bool workersAreHere() const;

  std::vector<pthread_t> workers;
  /// The process that started the workers.
  pid_t owner = getpid();
  /// What the workers and the caller share (on the heap, so that a fork's
  /// child can leave it as the fork found it: ~ThreadPool).
  struct State {
    std::mutex runMutex; // serializes parallelFor calls
    std::mutex mu;
    std::condition_variable wake, done;
    const std::function<void(int)> *task = nullptr;
    int taskCount = 0, next = 0, finished = 0;
    unsigned generation = 0;
    bool stopping = false;
  };
  std::unique_ptr<State> state = std::make_unique<State>();
};

/// `fn()` on a new thread with a stack of at least
/// ThreadPool::kWorkerStackBytes, joined before returning; the error is the
/// system's refusal of the thread ("could not start a thread (...)").
llvm::Error runOnLargeStack(const std::function<void()> &fn);

} // namespace walsh

#endif // WALSH_RUNTIME_THREADPOOL_H
