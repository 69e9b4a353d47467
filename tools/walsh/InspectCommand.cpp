//===- InspectCommand.cpp - `walsh inspect` --------------------------------===//
#include "Commands.h"
#include "SpecOptions.h"

#include "walsh/Target/X86/CpuCompiler.h"

#include "llvm/Support/raw_ostream.h"

using namespace llvm;


namespace {
cl::opt<std::string> optStage(
    "stage",
    cl::desc("walsh | stages | vector | llvm-dialect | llvm | asm"),
    cl::init("stages"), cl::sub(walsh::cli::inspectCommand()),
    cl::cat(walsh::cli::category()));
} // namespace

int walsh::cli::runInspect() {
  auto fail = [](const Twine &m) { return usageError("inspect", m); };
  Expected<ProjectionSpec> spec = specFromOptions();
  if (!spec)
    return fail(toString(spec.takeError()));
  Expected<CpuConfig> config = cpuConfigFromOptions();
  if (!config)
    return fail(toString(config.takeError()));
  auto art = compileForCpu(*spec, *config);
  if (!art)
    return fail(toString(art.takeError()));
  auto it = art->stages.find(optStage);
  if (it == art->stages.end())
    return fail("--stage: expects walsh, stages, vector, llvm-dialect, llvm "
                "or asm, got '" +
                optStage + "'");
  outs() << it->second;
  return 0;
}
