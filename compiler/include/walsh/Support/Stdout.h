//===- walsh/Support/Stdout.h - a tool's stdout, checked -------*- C++ -*-===//
//
// What a tool (walsh, walsh-gpu, walsh-opt) does with its stdout as it
// ends: the writes' error read once, said by name, and cleared. Depends on
// LLVM's support library alone.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_SUPPORT_STDOUT_H
#define WALSH_SUPPORT_STDOUT_H

#include "llvm/ADT/StringRef.h"

namespace walsh {

/// A tool's exit status once its stdout (llvm::outs()) is flushed:
/// `status` where every write reached it; where one failed (stdout on a
/// full disk, past a file size limit), "<tool>: cannot write to stdout:
/// <reason>" on stderr and `status`, or 1 where that is 0. The stream's
/// error is cleared, so that its destructor does not end the process with
/// LLVM's fatal "IO failure on output stream" (what walsh and walsh-gpu
/// said until 2026-12-05).
int finishStdout(int status, llvm::StringRef tool);

} // namespace walsh

#endif // WALSH_SUPPORT_STDOUT_H
