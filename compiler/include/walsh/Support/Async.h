//===- walsh/Support/Async.h - work on a second thread, or here -*- C++ -*-===//
//
// The compilers overlap two pieces of work (the CPU's two entry points,
// the GPU's ptxas with printing the stages) on a second thread. A process
// may not get one (a limit on its threads or its address space): then the
// work runs on the caller's thread, at once, and the compile goes on —
// std::async alone throws std::system_error there, which ended walsh, and
// any process embedding libwalsh, in std::terminate until 2026-12-06.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_SUPPORT_ASYNC_H
#define WALSH_SUPPORT_ASYNC_H

#include <future>
#include <system_error>
#include <type_traits>

namespace walsh {

/// `work()` on a new thread, or, where none can be started, on this one
/// before returning (never deferred: a caller may wait on what `work`
/// hands over before it asks for the future). `work` captures by reference
/// or is cheap to copy: one copy goes to the thread.
template <class F> auto runAsync(F work) -> std::future<decltype(work())> {
  using R = decltype(work());
  try {
    return std::async(std::launch::async, work);
  } catch (const std::system_error &) {
    std::promise<R> done;
    if constexpr (std::is_void_v<R>) {
      work();
      done.set_value();
    } else {
      done.set_value(work());
    }
    return done.get_future();
  }
}

} // namespace walsh

#endif // WALSH_SUPPORT_ASYNC_H
