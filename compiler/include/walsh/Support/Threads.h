//===- walsh/Support/Threads.h - threads with stack enough -----*- C++ -*-===//
//
// Threads walsh starts itself get a stack of at least kLargeStackBytes
// whatever `ulimit -s` says (glibc gives a new thread RLIMIT_STACK's size,
// 64 KB under `ulimit -s 64`), and work that needs more stack than the
// calling thread has left moves to such a thread: the CPU kernels keep
// their scratch rows on the stack (about 1.3 MB at d = 65536), and a
// compile recurses deep in LLVM (ScalarEvolution: kCompileStackBytes). A
// host embedding libwalsh may call it from threads with small stacks
// (musl's 128 KB, a JVM's 1 MB). Depends on the POSIX thread library
// alone.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_SUPPORT_THREADS_H
#define WALSH_SUPPORT_THREADS_H

#include <cstddef>
#include <pthread.h>

namespace walsh {

/// The least stack a thread walsh starts gets (8 MB).
constexpr size_t kLargeStackBytes = size_t(8) << 20;

/// The stack a compile asks of its thread (withStack, walsh/Support/Async.h):
/// the compiles of CPU f32 30720 and CUDA bf16 4096 overflow a thread of
/// 48 KB and run in 64 KB; `walsh run` or `compile` of those and CUDA f32
/// 32768 overflowed `ulimit -s 64` and ran under 96 (this VM, 2026-12-06).
/// Five times that.
constexpr size_t kCompileStackBytes = size_t(512) << 10;

/// pthread_create of `entry(arg)` with a stack of at least kLargeStackBytes
/// (more where `ulimit -s` asks for more); 0, or the errno it failed with.
int startLargeStackThread(pthread_t *thread, void *(*entry)(void *), void *arg);

/// Bytes of stack the calling thread has left below its current frame; 0
/// where its bounds cannot be read (pthread_getattr_np; read once a thread).
size_t stackLeft();

} // namespace walsh

#endif // WALSH_SUPPORT_THREADS_H
