//===- Jit.cpp - the JIT entry point ---------------------------------------===//
#include "walsh/Runtime/Jit.h"

#include "walsh/Builder/ProjectionBuilder.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include <set>

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
      spec, config ? *config : defaultGpuConfigForChip(spec, 0, chip), chip,
      source);
  if (!art)
    return art.takeError();
  return **art;
}

llvm::Expected<GpuKernel> Jit::loadGpu(const GpuArtifact &art) {
  return GpuKernel::load(art.image(), gpuLaunchInfo(art));
}

namespace {
/// A compact key of everything that selects a kernel (no strings to build
/// beyond the bytes themselves: a lookup must stay well under a
/// microsecond).
template <typename... T> std::string packKey(const T &...fields) {
  std::string k;
  (k.append(reinterpret_cast<const char *>(&fields), sizeof(fields)), ...);
  return k;
}
std::string specBytes(const ProjectionSpec &s) {
  // Whether a scale is given, then its value: no value stands for the
  // default (until 2026-12-06 the default was keyed as -1.0, and a kernel
  // of an explicit scale of -1 was found for the default's spec).
  bool scaled = s.scale.has_value();
  double scale = s.scale.value_or(0.0);
  return packKey(s.d, s.rows, int(s.dtype), s.transpose, scaled, scale,
                 s.withMul, s.withAdd, s.residual, int(s.norm), s.normEps,
                 s.crossHeadOnly, int(s.layout), s.splits, s.rowSum, s.headDim,
                 int(s.outType()));
}
/// The key of "the default configuration" (no config given) for a spec's
/// key: a hit then computes no default (the GPU's default walks its rules,
/// the CPU's asks the host's features; on this VM a CPU lookup took 1.3 us
/// before, most of it there).
std::string defaultKey(std::string specKey, const std::string &chip = "") {
  return specKey.append("\xff").append(chip);
}
/// The entry of `key` in `loaded` (null if none, or `key` is empty).
template <typename Map>
typename Map::mapped_type findLoaded(std::mutex &mu, Map &loaded,
                                     const std::string &key,
                                     CacheSource *source) {
  if (key.empty())
    return nullptr;
  std::lock_guard<std::mutex> g(mu);
  auto it = loaded.find(key);
  if (it == loaded.end())
    return nullptr;
  if (source)
    *source = CacheSource::Memory;
  return it->second;
}
/// The kernel of `key` in `loaded`, or `load`'s, kept under `key` and, when
/// not empty, under `byDefault` too.
template <typename Map, typename Load>
llvm::Expected<typename Map::mapped_type>
findOrLoad(std::mutex &mu, Map &loaded, const std::string &key,
           const std::string &byDefault, CacheSource *source, Load load) {
  typename Map::mapped_type kernel = findLoaded(mu, loaded, key, source);
  if (!kernel) {
    auto made = load();
    if (!made)
      return made.takeError();
    std::lock_guard<std::mutex> g(mu);
    kernel =
        loaded
            .emplace(key,
                     std::make_shared<typename Map::mapped_type::element_type>(
                         std::move(*made)))
            .first->second;
  }
  if (!byDefault.empty()) {
    std::lock_guard<std::mutex> g(mu);
    loaded.emplace(byDefault, kernel);
  }
  return kernel;
}
} // namespace

llvm::Expected<std::shared_ptr<const CpuKernel>>
Jit::cpuKernel(const ProjectionSpec &spec, std::optional<CpuConfig> config,
               CacheSource *source) {
  std::string specKey = specBytes(spec);
  std::string byDefault = config ? std::string() : defaultKey(specKey);
  if (auto hit = findLoaded(loadedMutex, loadedCpu, byDefault, source))
    return hit;
  CpuConfig c = config ? *config : defaultCpuConfig(HostCpu::detect());
  std::string key =
      specKey + packKey(c.vectorWidth, c.levelsPerPass, c.nontemporal,
                        c.prefetchPerLine, int(c.passOrder));
  return findOrLoad(loadedMutex, loadedCpu, key, byDefault, source,
                    [&]() -> llvm::Expected<CpuKernel> {
                      auto art = compileCpu(spec, c, source);
                      if (!art)
                        return art.takeError();
                      return CpuKernel::load(*art);
                    });
}

llvm::Expected<std::shared_ptr<const GpuKernel>>
Jit::gpuKernel(const ProjectionSpec &spec, std::optional<GpuConfig> config,
               const std::string &chip, CacheSource *source) {
  std::string specKey = specBytes(spec);
  std::string byDefault = config ? std::string() : defaultKey(specKey, chip);
  if (auto hit = findLoaded(loadedMutex, loadedGpu, byDefault, source))
    return hit;
  GpuConfig c = config ? *config : defaultGpuConfigForChip(spec, 0, chip);
  std::string key =
      specKey +
      packKey(c.elemsPerThread, c.threadsPerRow, c.rowsPerBlock, c.vectorWidth,
              int(c.crossWarp), c.rowIters, c.cluster) +
      chip;
  return findOrLoad(loadedMutex, loadedGpu, key, byDefault, source,
                    [&]() -> llvm::Expected<GpuKernel> {
                      auto art = compileGpu(spec, c, chip, source);
                      if (!art)
                        return art.takeError();
                      return loadGpu(*art);
                    });
}

const char *stageOnRequest(bool cpu) { return cpu ? "asm" : "sass"; }

llvm::Expected<std::string> makeStageOnRequest(const CpuArtifact &art) {
  return cpuAssembly(art);
}

llvm::Expected<std::string> makeStageOnRequest(const GpuArtifact &art) {
  return disassembleCubin(art.cubin);
}

std::string stageNames(const std::map<std::string, std::string> &stages,
                       bool cpu) {
  std::set<std::string> names;
  for (const auto &[n, t] : stages)
    names.insert(n);
  names.insert(stageOnRequest(cpu));
  std::string out;
  for (const std::string &n : names)
    out += (out.empty() ? "" : ", ") + n;
  return out;
}

template <typename Artifact>
static llvm::Expected<std::string> stageTextOf(const Artifact &art,
                                               const std::string &stage,
                                               bool cpu) {
  auto it = art.stages.find(stage);
  if (it != art.stages.end())
    return it->second;
  if (stage == stageOnRequest(cpu))
    return makeStageOnRequest(art);
  return llvm::createStringError("stage: expects one of " +
                                 stageNames(art.stages, cpu) + ", got '" +
                                 stage + "'");
}

llvm::Expected<std::string> stageText(const CpuArtifact &art,
                                      const std::string &stage) {
  return stageTextOf(art, stage, true);
}

llvm::Expected<std::string> stageText(const GpuArtifact &art,
                                      const std::string &stage) {
  return stageTextOf(art, stage, false);
}

llvm::Expected<std::string> Jit::cpuStage(const ProjectionSpec &spec,
                                          const std::string &stage,
                                          std::optional<CpuConfig> config) {
  auto art = kernelCache->getCpu(
      spec, config ? *config : defaultCpuConfig(HostCpu::detect()));
  if (!art)
    return art.takeError();
  return stageText(**art, stage);
}

llvm::Expected<std::string> Jit::gpuStage(const ProjectionSpec &spec,
                                          const std::string &stage,
                                          std::optional<GpuConfig> config,
                                          const std::string &chip) {
  auto art = kernelCache->getGpu(
      spec, config ? *config : defaultGpuConfigForChip(spec, 0, chip), chip);
  if (!art)
    return art.takeError();
  return stageText(**art, stage);
}

GpuLaunchInfo gpuLaunchInfo(const GpuArtifact &art) {
  GpuLaunchInfo in = GpuLaunchInfo::forSpec(art.spec);
  in.kernel = art.kernel;
  in.blockThreads = art.blockThreads;
  in.rowsPerBlock = art.rowsPerBlock;
  in.rowIters = art.config.rowIters;
  in.cluster = art.config.cluster;
  in.persistent = art.config.crossWarp == GpuCrossWarp::Mma;
  in.blocksPerSM = art.blocksPerSM;
  in.sharedBytes = art.sharedBytes;
  in.rowAlignment = art.rowAlignment;
  return in;
}

llvm::Error Jit::run(const CpuKernel &kernel, const CpuRunArgs &args) {
  return kernel.run(args, pool.get());
}

} // namespace walsh
