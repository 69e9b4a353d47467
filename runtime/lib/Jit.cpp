//===- Jit.cpp - the JIT entry point ---------------------------------------===//
#include "walsh/Runtime/Jit.h"

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
  return jit;
}

llvm::Expected<CpuArtifact> Jit::compileCpu(const ProjectionSpec &spec,
                                            std::optional<CpuConfig> config) {
  return compileForCpu(spec,
                       config ? *config : defaultCpuConfig(HostCpu::detect()));
}

llvm::Error Jit::run(const CpuKernel &kernel, const CpuRunArgs &args) {
  return kernel.run(args, pool.get());
}

} // namespace walsh
