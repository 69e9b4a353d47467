//===- walsh/Support/OutOfMemory.h - out of host memory --------*- C++ -*-===//
//
// What a walsh tool says when the host has no memory for an allocation
// walsh did not size beforehand (its host buffers are sized to what the
// process may use first: walsh::hostMemory). Depends on LLVM's support
// library alone.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_SUPPORT_OUTOFMEMORY_H
#define WALSH_SUPPORT_OUTOFMEMORY_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

namespace walsh {

/// Makes a failed allocation (operator new's and LLVM's safe_malloc's, each
/// through llvm::report_bad_alloc_error; a host buffer's is a
/// std::bad_alloc, for catchingOutOfMemory) end the process with
/// "<tool>: out of host memory (<what failed>); ..." on stderr and exit
/// status 1, in place of LLVM's "LLVM ERROR: out of memory", its request
/// for a bug report, a stack dump and an abort (status 134, what walsh said
/// until 2026-12-06). `tool` ("walsh run") may change by a later call; the
/// handler itself allocates nothing. For tools, not for libwalsh embedded
/// in a host process, whose allocations stay the host's to handle.
void installOutOfMemoryHandler(llvm::StringRef tool);

/// What the handler does: "<tool>: out of host memory (<what>); ..." and
/// exit status 1. Allocates nothing.
[[noreturn]] void reportOutOfMemory(const char *what);

/// `body()`'s status, or reportOutOfMemory with its what() where it throws
/// std::bad_alloc (walsh's host buffers do: HostRows, whose failures an
/// embedding host gets back from the C API as an error, not an abort).
int catchingOutOfMemory(llvm::function_ref<int()> body);

} // namespace walsh

#endif // WALSH_SUPPORT_OUTOFMEMORY_H
