//===- OptMain.h - walsh-opt's entry point ----------------------*- C++ -*-===//
//
// Lives in libwalsh so that walsh-opt is a one-line executable: the dialects,
// passes and MlirOptMain are linked once, into the shared library.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_PIPELINES_OPTMAIN_H
#define WALSH_PIPELINES_OPTMAIN_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace walsh {

/// Adds every dialect walsh's IR may contain to `registry`.
void registerAllWalshDialects(mlir::DialectRegistry &registry);

/// mlir-opt with the walsh dialect, the walsh passes and pipelines, and the
/// generic MLIR transforms (canonicalize, cse, ...) registered.
int optMain(int argc, char **argv);

} // namespace walsh

#endif // WALSH_PIPELINES_OPTMAIN_H
