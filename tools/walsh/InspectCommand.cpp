//===- InspectCommand.cpp - `walsh inspect` --------------------------------===//
#include "Commands.h"
#include "SpecOptions.h"

#include "walsh/Target/NVPTX/GpuCompiler.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include "llvm/Support/raw_ostream.h"

using namespace llvm;


namespace {
cl::opt<std::string> optStage(
    "stage",
    cl::desc("cpu: walsh | stages | vector | llvm-dialect | llvm | asm; "
             "cuda: walsh | stages | gpu | ptx"),
    cl::init("stages"), cl::sub(walsh::cli::inspectCommand()),
    cl::cat(walsh::cli::category()));
} // namespace

extern cl::opt<std::string> optTarget;

int walsh::cli::runInspect() {
  auto fail = [](const Twine &m) { return usageError("inspect", m); };
  Expected<ProjectionSpec> spec = specFromOptions();
  if (!spec)
    return fail(toString(spec.takeError()));
  if (optTarget == "cuda") {
    auto art = compileForGpu(*spec, gpuConfigFromOptions(*spec));
    if (!art)
      return fail(toString(art.takeError()));
    auto it = art->stages.find(optStage);
    if (it == art->stages.end())
      return fail("--stage: for --target cuda expects walsh, stages, gpu or "
                  "ptx, got '" +
                  optStage + "'");
    outs() << it->second;
    return 0;
  }
  if (optTarget != "cpu")
    return fail("--target: expects cpu or cuda, got '" + optTarget + "'");
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
