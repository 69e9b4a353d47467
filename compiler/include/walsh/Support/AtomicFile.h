//===- walsh/Support/AtomicFile.h - whole files or none --------*- C++ -*-===//
//
// How walsh writes a file a user or another process reads (a tuning
// database, `walsh compile`'s PTX, cubin and launch JSON, walsh-gpu's
// --json): into a new file beside it, created exclusively (two writers
// never share one), then renamed over it, so that a reader sees the old
// file or the whole new one and an interrupted write leaves no part of one
// under the name; and a file written in place, its write errors returned.
// Depends on LLVM's support library alone.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_SUPPORT_ATOMICFILE_H
#define WALSH_SUPPORT_ATOMICFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace walsh {

/// Writes `bytes` to `path` whole or not at all (its directory must
/// exist). The error names `path` and what failed: "<path>: cannot create
/// a file beside it: ...", "<path>: cannot write: ...", "<path>: cannot
/// replace: ..."; the temporary file is removed on every failure.
llvm::Error writeFileAtomically(llvm::StringRef path, llvm::StringRef bytes);

/// Writes `bytes` to `path` (created or truncated) in place: for a file no
/// one reads until its writer says so (a cache entry's temporary
/// directory, ptxas's input). The error names `path`: "cannot create
/// <path>: ...", "cannot write <path>: ...". A write that fails (a full
/// disk, a file size limit) is that error, never LLVM's fatal "IO failure
/// on output stream", which a stream whose error is left set reports from
/// its destructor, exiting the process (until 2026-12-05 a full cache
/// directory ended walsh, and an embedding host, that way).
llvm::Error writeFile(llvm::StringRef path, llvm::StringRef bytes);

} // namespace walsh

#endif // WALSH_SUPPORT_ATOMICFILE_H
