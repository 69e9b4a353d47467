//===- Jit.cpp - the JIT entry point ---------------------------------------===//
#include "walsh/Runtime/Jit.h"

#include "walsh/Builder/ProjectionBuilder.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"
#include "walsh/Target/X86/CpuCompiler.h"

namespace walsh {

llvm::Expected<std::unique_ptr<Jit>> Jit::create(const Options &options) {
  if (options.threads < 0)
    return llvm::createStringError(
        "threads: expects 0 (every hardware thread) or more, got " +
        std::to_string(options.threads));
  int n = options.threads ? options.threads : ThreadPool::hardwareThreads();
  auto pool = ThreadPool::create(n);
  if (!pool)
    return pool.takeError();
  auto jit = std::unique_ptr<Jit>(new Jit());
  jit->pool = std::move(*pool);
  jit->kernelCache = options.cache ? options.cache : &KernelCache::global();
  return jit;
}

llvm::Expected<CpuArtifact> Jit::compileCpu(const ProjectionSpec &spec,
                                            std::optional<CpuConfig> config,
                                            CacheSource *source) {
  if (llvm::Error e = validateSpec(spec))
    return std::move(e);
  CpuConfig c = config ? *config : defaultCpuConfig(HostCpu::detect());
  if (llvm::Error e = validateCpuConfig(c))
    return std::move(e);
  auto art = kernelCache->getCpu(spec, c, source);
  if (!art)
    return art.takeError();
  return **art;
}

llvm::Expected<GpuArtifact> Jit::compileGpu(const ProjectionSpec &spec,
                                            std::optional<GpuConfig> config,
                                            const std::string &chip,
                                            CacheSource *source) {
  if (llvm::Error e = validateSpec(spec))
    return std::move(e);
  auto art = kernelCache->getGpu(
      spec, config ? *config : defaultGpuConfig(spec), chip, source);
  if (!art)
    return art.takeError();
  return **art;
}

llvm::Expected<GpuKernel> Jit::loadGpu(const GpuArtifact &art) {
  return GpuKernel::load(art.image(), gpuLaunchInfo(art));
}

GpuLaunchInfo gpuLaunchInfo(const GpuArtifact &art) {
  GpuLaunchInfo in;
  in.kernel = art.kernel;
  in.d = art.spec.d;
  in.dtype = art.spec.dtype;
  in.withMul = art.spec.withMul;
  in.withAdd = art.spec.withAdd;
  in.blockThreads = art.blockThreads;
  in.rowsPerBlock = art.rowsPerBlock;
  in.sharedBytes = art.sharedBytes;
  in.rowAlignment = art.rowAlignment;
  return in;
}

llvm::Error Jit::run(const CpuKernel &kernel, const CpuRunArgs &args) {
  return kernel.run(args, pool.get());
}

} // namespace walsh
