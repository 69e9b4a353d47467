//===- walsh/Support/Async.h - work on a second thread, or here -*- C++ -*-===//
//
// The compilers overlap two pieces of work (the CPU's two entry points,
// the GPU's ptxas with printing the stages) on a second thread, and move a
// compile off a thread with too little stack (withStack). The thread has a
// stack of at least kLargeStackBytes (std::async's had `ulimit -s`'s,
// which LLVM overflows under 64 KB). A process may not get a thread (a
// limit on its threads or its address space): then the work runs on the
// caller's thread, at once, and the compile goes on — std::async alone
// threw std::system_error there, which ended walsh, and any process
// embedding libwalsh, in std::terminate until 2026-12-06.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_SUPPORT_ASYNC_H
#define WALSH_SUPPORT_ASYNC_H

#include "walsh/Support/Threads.h"

#include <future>
#include <memory>
#include <utility>

namespace walsh {

/// The result of runAsync: like std::async's future, get() waits for it
/// and the destructor waits for the work to end (a caller relies on that to
/// keep what the work reads alive until then).
template <class R> class Async {
public:
  Async() = default;
  Async(Async &&other) { *this = std::move(other); }
  Async &operator=(Async &&other) {
    if (this != &other) {
      join();
      task = std::move(other.task);
      result = std::move(other.result);
      thread = other.thread;
      running = std::exchange(other.running, false);
    }
    return *this;
  }
  ~Async() { join(); }

  bool valid() const { return result.valid(); }
  R get() {
    join();
    return result.get();
  }

private:
  template <class F> friend auto runAsync(F work) -> Async<decltype(work())>;
  void join() {
    if (running)
      pthread_join(thread, nullptr);
    running = false;
  }

  std::unique_ptr<std::packaged_task<R()>> task;
  std::future<R> result;
  pthread_t thread{};
  bool running = false;
};

/// `work()` on a new thread with a large stack, or, where none can be
/// started, on this one before returning (never deferred: a caller may wait
/// on what `work` hands over before it asks for the result).
template <class F> auto runAsync(F work) -> Async<decltype(work())> {
  using R = decltype(work());
  Async<R> async;
  async.task = std::make_unique<std::packaged_task<R()>>(std::move(work));
  async.result = async.task->get_future();
  auto entry = [](void *task) -> void * {
    (*static_cast<std::packaged_task<R()> *>(task))();
    return nullptr;
  };
  if (startLargeStackThread(&async.thread, entry, async.task.get()) == 0)
    async.running = true;
  else
    (*async.task)();
  return async;
}

/// `work()` here where this thread has at least `need` bytes of stack left,
/// else on a thread with a large stack (here all the same where none can be
/// started).
template <class F> auto withStack(size_t need, F work) -> decltype(work()) {
  if (stackLeft() >= need)
    return work();
  return runAsync(std::move(work)).get();
}

} // namespace walsh

#endif // WALSH_SUPPORT_ASYNC_H
