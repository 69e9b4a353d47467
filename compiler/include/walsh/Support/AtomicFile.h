//===- walsh/Support/AtomicFile.h - whole files or none --------*- C++ -*-===//
//
// How walsh writes a file a user or another process reads (a tuning
// database, `walsh compile`'s PTX, cubin and launch JSON, walsh-gpu's
// --json): into a new file beside it, created exclusively (two writers
// never share one), then renamed over it, so that a reader sees the old
// file or the whole new one and an interrupted write leaves no part of one
// under the name. Depends on LLVM's support library alone.
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

} // namespace walsh

#endif // WALSH_SUPPORT_ATOMICFILE_H
