//===- BenchCommand.cpp - `walsh bench` (placeholder until wired) ----------===//
#include "Commands.h"

using namespace llvm;


int walsh::cli::runBench() { return usageError("bench", "not built yet"); }
