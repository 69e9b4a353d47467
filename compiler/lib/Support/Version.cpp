//===- Version.cpp - walsh's version and --version ------------------------===//
#include "walsh/Support/Version.h"

#include "walsh/Support/Stdout.h"
#include "walsh/walsh.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

#include <cstdlib>
#include <dlfcn.h>

// walsh.h's version macros are the one place the version is written.
const char *walsh::versionString() { return WALSH_VERSION_STRING; }

std::string walsh::versionText() {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "walsh " << versionString() << "\n";
  Dl_info info;
  if (dladdr(reinterpret_cast<void *>(&walsh::versionString), &info) &&
      info.dli_fname) {
    llvm::SmallString<256> path;
    if (llvm::sys::fs::real_path(info.dli_fname, path))
      path = info.dli_fname;
    os << "  from: " << path << "\n";
  }
  os << "  LLVM " << LLVM_VERSION_STRING << " (host CPU "
     << llvm::sys::getHostCPUName() << ")\n";
  return text;
}

void walsh::installVersionPrinter(const char *tool) {
  static const char *versionTool;
  versionTool = tool;
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream &os) {
    os << versionText();
    // The option parser exits with 0 next; a stdout that failed (a full
    // disk) is status 1 and a line that says so, not LLVM's fatal error
    // from the stream's destructor.
    if (&os == &llvm::outs())
      if (int status = finishStdout(0, std::string(versionTool) + " --version"))
        std::exit(status);
  });
}

std::string walsh::foreignOptionGiven(const llvm::cl::OptionCategory &ours) {
  // cl::HideUnrelatedOptions made every option outside `ours` and LLVM's
  // generic category (--help, --version) really hidden; walsh's own are
  // all in `ours`, registered to the top level or to subcommands.
  auto foreign = [&](const llvm::cl::Option *o) {
    return o->getNumOccurrences() &&
           !llvm::is_contained(o->Categories, &ours) &&
           o->getOptionHiddenFlag() == llvm::cl::ReallyHidden;
  };
  for (llvm::cl::SubCommand *sub : llvm::cl::getRegisteredSubcommands())
    for (const auto &entry : sub->OptionsMap)
      if (foreign(entry.second))
        return ("--" + entry.second->ArgStr).str();
  return "";
}

std::string walsh::foreignOptionText(const std::string &option,
                                     const char *tool) {
  return option + ": not an option of " + tool +
         " (one of the LLVM libraries' own, which " + tool +
         " does not take; see --help)";
}
