//===- InspectCommand.cpp - `walsh inspect` --------------------------------===//
#include "Commands.h"
#include "SpecOptions.h"

#include "walsh/Runtime/Jit.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;


namespace {
cl::opt<std::string> optStage(
    "stage",
    cl::desc("cpu: walsh | stages | vector | llvm-dialect | llvm | asm; "
             "cuda: walsh | stages | gpu | nvvm | llvm | ptx | sass"),
    cl::init("stages"), cl::sub(walsh::cli::inspectCommand()),
    cl::cat(walsh::cli::category()));
} // namespace

extern cl::opt<std::string> optTarget;
extern cl::opt<std::string> optChip;

int walsh::cli::runInspect() {
  auto fail = [](const Twine &m) { return usageError("inspect", m); };
  Expected<ProjectionSpec> spec = specFromOptions();
  if (!spec)
    return fail(toString(spec.takeError()));
  bool cuda = optTarget == "cuda";
  if (!cuda && optTarget != "cpu")
    return fail("--target: expects cpu or cuda, got '" + optTarget + "'");
  // The stage is checked before anything is compiled.
  static const char *const cpuStages[] = {"walsh",        "stages", "vector",
                                          "llvm-dialect", "llvm",   "asm"};
  static const char *const cudaStages[] = {"walsh", "stages", "gpu", "nvvm",
                                           "llvm",  "ptx",    "sass"};
  ArrayRef<const char *> accepted =
      cuda ? ArrayRef<const char *>(cudaStages) : ArrayRef(cpuStages);
  if (!llvm::is_contained(accepted, StringRef(optStage)))
    return fail(cuda ? "--stage: for --target cuda expects walsh, stages, gpu, "
                       "nvvm, llvm, ptx or sass, got '" +
                           optStage + "'"
                     : "--stage: expects walsh, stages, vector, llvm-dialect, "
                       "llvm or asm, got '" +
                           optStage + "'");
  // The rows choose the GPU's default configuration; on the CPU they
  // change no code, but bad ones are refused there too (until 2026-12-07
  // `--batch 2 --seq 0` was taken on the CPU).
  Expected<int64_t> rows = rowsFromOptions(0);
  if (!rows)
    return fail(toString(rows.takeError()));
  if (cuda) {
    std::string cpuOnly = cpuOnlyOptionGiven();
    if (!cpuOnly.empty())
      return fail(cpuOptionWithCuda(cpuOnly));
    Expected<GpuConfig> config = gpuConfigFromOptions(*spec, *rows, optChip);
    if (!config)
      return fail(toString(config.takeError()));
    // A configuration or chip compileForGpu refuses is a bad argument; a
    // failure of its compile (LLVM, ptxas) is not: exit status 1.
    if (auto shared = checkGpuCompile(*spec, *config, optChip); !shared)
      return fail(toString(shared.takeError()));
    auto art = compileForGpu(*spec, *config, optChip);
    if (!art)
      return runError("inspect", toString(art.takeError()));
    auto text = stageText(*art, optStage);
    // (The stage made on request: no cubin or no disassembler here is
    // the machine, not the arguments, exit status 1.)
    if (!text)
      return runError("inspect", "--stage " + optStage + ": " +
                                     toString(text.takeError()));
    outs() << *text;
    return 0;
  }
  std::string cudaOnly = cudaOnlyOptionGiven();
  if (!cudaOnly.empty())
    return fail(cudaOptionWithCpu(cudaOnly));
  Expected<CpuConfig> config = cpuConfigFromOptions();
  if (!config)
    return fail(toString(config.takeError()));
  auto art = compileForCpu(*spec, *config);
  if (!art)
    return fail(toString(art.takeError()));
  auto text = stageText(*art, optStage);
  if (!text)
    return fail("--stage " + optStage + ": " + toString(text.takeError()));
  outs() << *text;
  return 0;
}
