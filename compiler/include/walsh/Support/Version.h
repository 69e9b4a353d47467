//===- walsh/Support/Version.h - version and tools' options -*- C++ -*-===//
//
// walsh's version is the C API header's (WALSH_VERSION_MAJOR/MINOR/PATCH in
// walsh/walsh.h, which CMake also reads for the project's version), so that
// the library, its tools and its header agree. Depends on LLVM's support
// library alone: walsh-gpu, which links no libwalsh, has it too.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_SUPPORT_VERSION_H
#define WALSH_SUPPORT_VERSION_H

#include <string>

namespace llvm::cl {
class OptionCategory;
}

namespace walsh {

/// "0.1.0": the version libwalsh was built as.
const char *versionString();

/// What `--version` prints: walsh's version, the file this code runs from
/// (libwalsh, or walsh-gpu itself), and the LLVM it was built against with
/// the host CPU LLVM names.
std::string versionText();

/// Makes `--version` of the tool that calls it (walsh, walsh-opt,
/// walsh-gpu) print versionText() instead of LLVM's text alone; a stdout
/// that cannot be written is "<tool> --version: cannot write to stdout:
/// ..." and status 1. Call before the command line is parsed.
void installVersionPrinter(const char *tool);

/// For a tool that called cl::HideUnrelatedOptions(`ours`) before parsing
/// (walsh, walsh-gpu): the first option given that is neither in `ours` nor
/// LLVM's --help or --version, as "--name"; "" if none. The LLVM and MLIR
/// libraries register hundreds of options for their own tools
/// (`--threads`, `--print-after-all`), hidden from --help but accepted by
/// the parser of every subcommand; until 2026-12-07 `walsh inspect
/// --threads 2` printed what it printed without it.
std::string foreignOptionGiven(const llvm::cl::OptionCategory &ours);

/// The refusal of foreignOptionGiven()'s `option`: "--threads: not an
/// option of walsh (one of the LLVM libraries' own, ...)".
std::string foreignOptionText(const std::string &option, const char *tool);

} // namespace walsh

#endif // WALSH_SUPPORT_VERSION_H
