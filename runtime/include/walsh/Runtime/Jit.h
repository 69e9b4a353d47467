//===- Jit.h - the JIT entry point: compile, load, run ---------*- C++ -*-===//
//
// Ties the compiler and the loader together. Compile, load and run are
// separate calls:
//
//   auto jit = walsh::Jit::create({/*threads=*/0});
//   auto art = (*jit)->compileCpu(spec);          // spec -> object code
//   auto kernel = walsh::CpuKernel::load(*art);   // object -> entry point
//   (*jit)->run(*kernel, args);                   // rows split over threads
//
// and for NVIDIA GPUs:
//
//   auto gart = (*jit)->compileGpu(spec);         // spec -> PTX (+ cubin)
//   auto gk = walsh::Jit::loadGpu(*gart);         // the current device's
//   gk->launch(args, stream);                     // on x's device, stream
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_JIT_H
#define WALSH_RUNTIME_JIT_H

#include "walsh/Runtime/CpuKernel.h"
#include "walsh/Runtime/GpuKernel.h"
#include "walsh/Runtime/KernelCache.h"
#include "walsh/Runtime/ThreadPool.h"
#include "walsh/Target/Artifact.h"

#include <map>
#include <mutex>
#include <optional>

namespace walsh {

class Jit {
public:
  struct Options {
    /// Threads rows are split across; 0 means every hardware thread.
    int threads = 0;
    /// Where compiled kernels are cached; null: KernelCache::global()
    /// (memory, and disk per WALSH_CACHE_DIR).
    KernelCache *cache = nullptr;
  };
  /// Fails (naming `threads`) when threads < 0.
  static llvm::Expected<std::unique_ptr<Jit>> create(const Options &options);

  /// Compiles `spec` for this CPU; `config` defaults to the host's
  /// (defaultCpuConfig).
  /// `source` (when given) says whether the kernel came from memory, disk
  /// or a fresh compile.
  llvm::Expected<CpuArtifact>
  compileCpu(const ProjectionSpec &spec,
             std::optional<CpuConfig> config = std::nullopt,
             CacheSource *source = nullptr);

  /// Compiles `spec` for an NVIDIA GPU (`chip`, sm_90 by default);
  /// `config` defaults to defaultGpuConfig(spec) (use
  /// defaultGpuConfig(spec, rows) for a known, small row count).
  llvm::Expected<GpuArtifact>
  compileGpu(const ProjectionSpec &spec,
             std::optional<GpuConfig> config = std::nullopt,
             const std::string &chip = "sm_90", CacheSource *source = nullptr);

  /// Loads a compiled GPU kernel (its cubin, else its PTX).
  static llvm::Expected<GpuKernel> loadGpu(const GpuArtifact &art);

  /// The loaded CPU kernel for (spec, config), kept in this Jit: the first
  /// call compiles (or takes the artifact from the caches) and links it;
  /// later calls are a lookup. `source` as for compileCpu (Memory on a
  /// lookup).
  llvm::Expected<std::shared_ptr<const CpuKernel>>
  cpuKernel(const ProjectionSpec &spec,
            std::optional<CpuConfig> config = std::nullopt,
            CacheSource *source = nullptr);

  /// The text of one compilation stage of the kernel cpuKernel/gpuKernel
  /// returned for (spec, config): "walsh", "stages", "vector" or "gpu",
  /// "llvm-dialect" or "nvvm", "llvm", "asm" or "ptx". The error names the
  /// stages there are. (What issue 5 calls `kernel.asm(stage)`.)
  llvm::Expected<std::string>
  cpuStage(const ProjectionSpec &spec, const std::string &stage,
           std::optional<CpuConfig> config = std::nullopt);
  llvm::Expected<std::string>
  gpuStage(const ProjectionSpec &spec, const std::string &stage,
           std::optional<GpuConfig> config = std::nullopt,
           const std::string &chip = "sm_90");

  /// The same for CUDA: loaded into the current device's primary context
  /// (`chip` should be its architecture); it launches on the device of
  /// its memory (GpuKernel::launch).
  llvm::Expected<std::shared_ptr<const GpuKernel>>
  gpuKernel(const ProjectionSpec &spec,
            std::optional<GpuConfig> config = std::nullopt,
            const std::string &chip = "sm_90", CacheSource *source = nullptr);

  /// Runs a loaded kernel on this JIT's thread pool.
  llvm::Error run(const CpuKernel &kernel, const CpuRunArgs &args);

  /// Threads rows are split across.
  int threads() const { return pool->size(); }

  KernelCache &cache() const { return *kernelCache; }

private:
  std::unique_ptr<ThreadPool> pool;
  KernelCache *kernelCache = nullptr;
  /// Loaded kernels by (spec, config[, chip]) in a compact binary key.
  std::mutex loadedMutex;
  std::map<std::string, std::shared_ptr<const CpuKernel>> loadedCpu;
  std::map<std::string, std::shared_ptr<const GpuKernel>> loadedGpu;
};

/// The one stage a kernel makes only when asked for it, since no compile
/// needs it: "asm" for a CPU kernel (a second code generation,
/// cpuAssembly), "sass" for a GPU one (its cubin through cuobjdump or
/// nvdisasm, disassembleCubin). Jit::cpuStage/gpuStage, the C API's
/// walsh_kernel_stage and `walsh inspect` all go through these.
const char *stageOnRequest(bool cpu);
/// Makes that stage of `art`. The GPU's error (no cubin, no disassembler)
/// is the machine's, not the caller's.
llvm::Expected<std::string> makeStageOnRequest(const CpuArtifact &art);
llvm::Expected<std::string> makeStageOnRequest(const GpuArtifact &art);

/// The stage names a kernel answers to, sorted and comma-separated: those
/// in `stages`, and stageOnRequest's.
std::string stageNames(const std::map<std::string, std::string> &stages,
                       bool cpu);

/// The text of `stage` of `art`: from its stages, or made now where it is
/// stageOnRequest's; an error listing stageNames where it is neither.
llvm::Expected<std::string> stageText(const CpuArtifact &art,
                                      const std::string &stage);
llvm::Expected<std::string> stageText(const GpuArtifact &art,
                                      const std::string &stage);

/// What the GPU launcher needs of an artifact.
GpuLaunchInfo gpuLaunchInfo(const GpuArtifact &art);

} // namespace walsh

#endif // WALSH_RUNTIME_JIT_H
