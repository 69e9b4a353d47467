//===- walsh.cpp - the walsh command line ---------------------------------===//
//
// Dispatches to one subcommand: run, bench, tune, inspect, compile, cache,
// stages. Errors are "walsh <command>: <message>" on stderr, and under
// --json stdout's one JSON object too (usageError, runError).
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "walsh/Support/JsonText.h"
#include "walsh/Support/Version.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;


cl::OptionCategory &walsh::cli::category() {
  static cl::OptionCategory c("walsh options");
  return c;
}

cl::SubCommand &walsh::cli::runCommand() {
  static cl::SubCommand s("run", "Compile, run and time the projection; --check it against float64");
  return s;
}

cl::SubCommand &walsh::cli::benchCommand() {
  static cl::SubCommand s("bench", "walsh vs the dense projection vs memcpy, side by side");
  return s;
}

cl::SubCommand &walsh::cli::stagesCommand() {
  static cl::SubCommand s("stages", "Decompose a transform into butterfly stages and check them");
  return s;
}

cl::SubCommand &walsh::cli::compileCommand() {
  static cl::SubCommand s("compile",
                          "Write a compiled GPU kernel: PTX and launch JSON");
  return s;
}

cl::SubCommand &walsh::cli::cacheCommand() {
  static cl::SubCommand s("cache", "List, inspect, clear or prune the disk cache of compiled kernels");
  return s;
}

cl::SubCommand &walsh::cli::tuneCommand() {
  static cl::SubCommand s("tune", "Measure configurations per shape into the per-device tuning database");
  return s;
}

cl::SubCommand &walsh::cli::inspectCommand() {
  static cl::SubCommand s("inspect", "Print one stage of a compiled kernel");
  return s;
}

namespace {
bool jsonRequested = false;
/// stdout's position before the command ran: where stdout is a file its
/// position counts what was there before (a shell's `>>`, a job's log).
uint64_t stdoutStart = 0;

/// "walsh <command>: <message>" on stderr, and under --json, where the
/// command has written nothing on stdout (one that failed after printing
/// its output leaves that output whole), the same as stdout's one JSON
/// object.
int reportError(const char *command, const Twine &message, int code) {
  std::string text = message.str();
  errs() << "walsh " << command << ": " << text << "\n";
  if (jsonRequested && outs().tell() == stdoutStart) {
    outs() << walsh::jsonText(json::Value(json::Object{{"ok", false},
                                                       {"command", command},
                                                       {"error", text},
                                                       {"exit_code", code}}))
           << "\n";
    outs().flush();
  }
  return code;
}
} // namespace

int walsh::cli::usageError(const char *command, const Twine &message) {
  return reportError(command, message, 2);
}

int walsh::cli::runError(const char *command, const Twine &message) {
  return reportError(command, message, 1);
}

void walsh::cli::setJsonOutputFromOptions() {
  stdoutStart = outs().tell();
  for (cl::SubCommand *sub : cl::getRegisteredSubcommands()) {
    if (!*sub)
      continue;
    auto it = sub->OptionsMap.find("json");
    if (it != sub->OptionsMap.end())
      jsonRequested = *static_cast<cl::opt<bool> *>(it->second);
  }
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(walsh::cli::category());
  walsh::installVersionPrinter();
  cl::ParseCommandLineOptions(
      argc, argv,
      "walsh: a JIT compiler for the structured Hadamard output projection\n\n"
      "  walsh run --d 4096 --rows 65536 --check   compile, run and time the\n"
      "                           projection (CPU), check it against float64\n"
      "  walsh bench              walsh vs the dense projection vs memcpy\n"
      "  walsh inspect --d 768 --stage asm   print one stage of a kernel\n"
      "  walsh compile --target cuda --d 4096 --out DIR   PTX + launch JSON\n"
      "  walsh tune --target cuda  tune configurations per shape into the\n"
      "                           per-device tuning database\n"
      "  walsh cache list         the disk cache of compiled kernels\n"
      "  walsh stages --d 768     decompose H_768 into butterfly stages and\n"
      "                           check them against the float64 reference\n");
  walsh::cli::setJsonOutputFromOptions();
  if (walsh::cli::stagesCommand())
    return walsh::cli::runStages();
  if (walsh::cli::runCommand())
    return walsh::cli::runRun();
  if (walsh::cli::inspectCommand())
    return walsh::cli::runInspect();
  if (walsh::cli::benchCommand())
    return walsh::cli::runBench();
  if (walsh::cli::compileCommand())
    return walsh::cli::runCompile();
  if (walsh::cli::cacheCommand())
    return walsh::cli::runCache();
  if (walsh::cli::tuneCommand())
    return walsh::cli::runTune();
  errs() << "walsh: expects a subcommand (run, bench, tune, inspect, compile, cache, stages); see "
            "walsh --help\n";
  return 2;
}
