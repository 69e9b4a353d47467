//===- walsh-opt.cpp - mlir-opt with the walsh dialect and passes ----------===//
#include "walsh/Pipelines/OptMain.h"
#include "walsh/Support/Async.h"

// Under a small `ulimit -s`, on a thread with a large stack: the pipelines
// recurse in LLVM as a compile does (walsh/Support/Threads.h).
int main(int argc, char **argv) {
  return walsh::withStack(walsh::kCompileStackBytes,
                          [&] { return walsh::optMain(argc, argv); });
}
