//===- Commands.h - the walsh command line's subcommands -------*- C++ -*-===//
#ifndef WALSH_TOOLS_WALSH_COMMANDS_H
#define WALSH_TOOLS_WALSH_COMMANDS_H

#include "llvm/Support/CommandLine.h"

namespace walsh::cli {

/// Options every subcommand shows under `--help`.
extern llvm::cl::OptionCategory category;

/// `walsh stages`: build a projection, run the walsh-to-stages pipeline,
/// print the stages and check them against the float64 reference.
extern llvm::cl::SubCommand stagesCommand;
int runStages();

} // namespace walsh::cli

#endif // WALSH_TOOLS_WALSH_COMMANDS_H
