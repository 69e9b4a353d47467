//===- CompileCommand.cpp - `walsh compile` --------------------------------===//
//
// Compiles the projection for a GPU and writes <name>.ptx, <name>.cubin
// (when ptxas was found) and <name>.json (spec, config, launch shape) into
// --out, each through a temporary file and a rename so a reader never sees
// half a file; the JSON last. The JSON is what a launcher
// without MLIR (tools/walsh-gpu) needs to run the PTX. It prints the JSON's
// path, or with --json that JSON with the paths written ("files").
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "SpecOptions.h"

#include "walsh/Builder/ConfigJson.h"
#include "walsh/Support/AtomicFile.h"
#include "walsh/Support/JsonText.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

extern cl::opt<std::string> optTarget;

cl::opt<std::string> optChip("chip", cl::desc("CUDA target (default sm_90)"),
                             cl::init("sm_90"),
                             cl::sub(walsh::cli::compileCommand()),
                             cl::sub(walsh::cli::inspectCommand()),
                             cl::cat(walsh::cli::category()));
namespace {
cl::opt<std::string> optOut("out", cl::desc("Directory to write into"),
                            cl::init(""), cl::sub(walsh::cli::compileCommand()),
                            cl::cat(walsh::cli::category()));
cl::opt<bool> optJson("json",
                      cl::desc("Machine-readable output: the launch JSON "
                               "written, with the paths of the files"),
                      cl::sub(walsh::cli::compileCommand()),
                      cl::cat(walsh::cli::category()));
/// `text` into `path` whole or not at all; the error names --out.
Error writeAtomically(const std::string &path, StringRef text) {
  if (Error e = walsh::writeFileAtomically(path, text))
    return createStringError("--out: " + toString(std::move(e)));
  return Error::success();
}
} // namespace

int walsh::cli::runCompile() {
  auto fail = [](const Twine &m) { return usageError("compile", m); };
  if (optTarget != "cuda")
    return fail("--target: only cuda writes artifacts so far, got '" +
                optTarget + "'");
  if (optOut.empty())
    return fail("--out: required (the directory to write into)");
  // A missing directory is made once the kernel has compiled (as mkdir -p:
  // a failed compile leaves nothing behind); a file in its place is refused.
  if (sys::fs::exists(optOut) && !sys::fs::is_directory(optOut))
    return fail("--out: '" + optOut + "' exists and is not a directory");
  Expected<ProjectionSpec> spec = specFromOptions();
  if (!spec)
    return fail(toString(spec.takeError()));
  Expected<int64_t> rows = rowsFromOptions(0);
  if (!rows)
    return fail(toString(rows.takeError()));
  Expected<GpuConfig> configOr = gpuConfigFromOptions(*spec, *rows, optChip);
  if (!configOr)
    return fail(toString(configOr.takeError()));
  GpuConfig config = *configOr;
  // A configuration or chip compileForGpu refuses is a bad argument (2);
  // what fails past them, the compile (LLVM, ptxas) or the files, is not
  // (1; until 2026-12-05 every failure here was 2).
  if (auto shared = checkGpuCompile(*spec, config, optChip); !shared)
    return fail(toString(shared.takeError()));
  auto failed = [](const Twine &m) { return runError("compile", m); };
  auto art = compileForGpu(*spec, config, optChip);
  if (!art)
    return failed(toString(art.takeError()));
  // A configuration other than the default is part of the name, so one
  // directory can hold several of the same spec.
  GpuConfig def = defaultGpuConfigForChip(*spec, 0, optChip);
  std::string configTag;
  if (config != def)
    configTag =
        "_e" + std::to_string(config.elemsPerThread) + "t" +
        std::to_string(config.threadsPerRow) + "r" +
        std::to_string(config.rowsPerBlock) + "v" +
        std::to_string(config.vectorWidth) +
        (config.crossWarp == GpuCrossWarp::Mma         ? "m"
         : config.crossWarp == GpuCrossWarp::Transpose ? "x"
                                                       : "s") +
        (config.rowIters > 1 ? "i" + std::to_string(config.rowIters) : "") +
        (config.cluster > 1 ? "c" + std::to_string(config.cluster) : "");
  std::string name = specName(*spec) + configTag + "_" + optChip;
  json::Object meta{
      {"name", name},
      {"kernel", art->kernel},
      {"chip", art->chip},
      {"spec", specJson(*spec)},
      {"scale", spec->scale ? *spec->scale : 1.0 / std::sqrt(double(spec->d))},
      {"block_threads", art->blockThreads},
      // Rows one block handles (rows_per_block * row_iters): the launch's
      // grid is ceil(rows / block_rows).
      {"block_rows", art->rowsPerBlock},
      {"shared_bytes", art->sharedBytes},
      {"row_alignment", art->rowAlignment},
      {"blocks_per_sm", art->blocksPerSM},
      {"image", art->cubin.empty() ? "ptx" : "cubin"},
      {"ptxas", art->ptxas},
      {"ptxas_options", art->ptxasOptions},
      {"compile_ms", art->compileMs}};
  addFields(meta, gpuConfigJson(config));
  if (std::error_code ec =
          sys::fs::create_directories(optOut, true, sys::fs::all_all))
    return failed("--out: cannot create '" + optOut + "': " + ec.message());
  SmallString<128> ptxPath(optOut), jsonPath(optOut);
  sys::path::append(ptxPath, name + ".ptx");
  sys::path::append(jsonPath, name + ".json");
  json::Object printed = meta; // before the move: --json prints it
  std::string metaText = walsh::jsonText(std::move(meta));
  // The JSON last: its presence says the PTX beside it is complete.
  if (Error e = writeAtomically(std::string(ptxPath), art->ptx))
    return failed(toString(std::move(e)));
  SmallString<128> cubinPath(optOut);
  sys::path::append(cubinPath, name + ".cubin");
  if (!art->cubin.empty()) {
    if (Error e = writeAtomically(std::string(cubinPath), art->cubin))
      return failed(toString(std::move(e)));
  } else {
    sys::fs::remove(cubinPath); // a stale cubin must not shadow the PTX
  }
  if (Error e = writeAtomically(std::string(jsonPath), metaText + "\n"))
    return failed(toString(std::move(e)));
  if (!optJson) {
    outs() << jsonPath << "\n";
    return 0;
  }
  printed["files"] = json::Object{
      {"json", walsh::jsonString(jsonPath)},
      {"ptx", walsh::jsonString(ptxPath)},
      {"cubin", art->cubin.empty() ? json::Value(nullptr)
                                   : walsh::jsonString(cubinPath)}};
  outs() << walsh::jsonText(std::move(printed)) << "\n";
  return 0;
}
