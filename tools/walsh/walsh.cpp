//===- walsh.cpp - the walsh command line ----------------------------------===//
//
// Dispatches to one subcommand. Today: `stages`. (`run`, `bench`, `tune`,
// `inspect` and `cache` arrive with the backends, runtime and tuner.)
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

cl::OptionCategory walsh::cli::category("walsh options");

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(walsh::cli::category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "walsh: a JIT compiler for the structured Hadamard output projection\n\n"
      "  walsh stages --d 768     decompose H_768 into butterfly stages and\n"
      "                           check them against the float64 reference\n");
  if (walsh::cli::stagesCommand)
    return walsh::cli::runStages();
  errs() << "walsh: expects a subcommand (stages); see walsh --help\n";
  return 2;
}
