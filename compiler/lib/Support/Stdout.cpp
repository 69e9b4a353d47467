//===- Stdout.cpp - a tool's stdout, checked ------------------*- C++ -*-===//
//
// llvm::outs() flushed, its error read, said on stderr and cleared.
//
//===----------------------------------------------------------------------===//

#include "walsh/Support/Stdout.h"

#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace walsh {

int finishStdout(int status, StringRef tool) {
  raw_fd_ostream &out = outs();
  out.flush();
  if (!out.has_error())
    return status;
  std::error_code ec = out.error();
  out.clear_error();
  errs() << tool << ": cannot write to stdout: " << ec.message() << "\n";
  return status ? status : 1;
}

} // namespace walsh
