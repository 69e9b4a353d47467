//===- walsh/Support/RunProgram.h - a tool run in any host -*- C++ -*-===//
//
// How walsh runs the CUDA toolkit's tools (ptxas, cuobjdump, nvdisasm):
// llvm::sys::ExecuteAndWait's job, done so that the process walsh is
// embedded in keeps what is its own. ExecuteAndWait, given a time limit,
// sets SIGALRM's handler and calls alarm(): a host's pending alarm (Python's
// signal.alarm, pytest-timeout's timer) was cancelled by every GPU compile,
// and one that went off during ptxas killed ptxas as timed out. Where the
// host ignores SIGCHLD (a daemon that does not want zombies) its children
// are reaped unwaited, their exit status lost: every ptxas run was "Error
// waiting for child process: No child processes" and every GPU compile
// failed; a host whose SIGCHLD handler reaps every child does the same to
// some of them. Here the limit is kept by polling the child (a pidfd where
// the kernel has them), and where the status cannot be had from the child
// itself the tool runs under a helper process of walsh's that waits for it
// and writes its status into a pipe. Where a host's handler reaped the
// child before walsh's wait, the program runs a second time so: the tools
// walsh runs write their own output files and nothing else.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_SUPPORT_RUNPROGRAM_H
#define WALSH_SUPPORT_RUNPROGRAM_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace walsh {

/// Runs `program` with `args` (args[0] its name) and this process's
/// environment, stdin inherited and stdout and stderr into the files
/// `stdoutPath` and `stderrPath` (created or truncated), for at most
/// `seconds` seconds (0: no limit; past it the program is killed). Returns
/// its exit status; -1 where it could not be started or its status could
/// not be had, -2 where a signal ended it or the limit did; `message` then
/// says which ("cannot execute '/x/ptxas': Permission denied", "killed after
/// 120 s, the limit", "ended by signal: Segmentation fault"). A start the
/// system refuses for now (EAGAIN: a process limit, a busy machine) is
/// tried 7 times over 630 ms before it is "cannot start a process for
/// '/x/ptxas' (7 tries over 630 ms): Resource temporarily unavailable".
int runProgram(llvm::StringRef program, llvm::ArrayRef<llvm::StringRef> args,
               llvm::StringRef stdoutPath, llvm::StringRef stderrPath,
               unsigned seconds, std::string *message);

/// Whether this process's children are reaped without a wait (SIGCHLD
/// ignored, or SA_NOCLDWAIT), so that their exit status is lost.
bool childrenReapedUnwaited();

} // namespace walsh

#endif // WALSH_SUPPORT_RUNPROGRAM_H
