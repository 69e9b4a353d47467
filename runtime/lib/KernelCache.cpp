//===- KernelCache.cpp - memory and disk caches of compiled kernels --------===//
#include "walsh/Runtime/KernelCache.h"

#include "walsh/Builder/ConfigJson.h"
#include "walsh/Support/AtomicFile.h"
#include "walsh/Support/JsonText.h"
#include "walsh/Support/NumberText.h"
#include "walsh/Support/Version.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

#include <dlfcn.h>
#include <sys/stat.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>

namespace walsh {

namespace fs = llvm::sys::fs;
namespace json = llvm::json;
namespace path = llvm::sys::path;

const char *cacheSourceName(CacheSource s) {
  return s == CacheSource::Memory ? "memory"
         : s == CacheSource::Disk ? "disk"
                                  : "miss";
}

CacheOptions CacheOptions::fromEnvironment() {
  CacheOptions o;
  // Empty as unset (as XDG_CACHE_HOME is read): the default, not no cache.
  // XDG_CACHE_HOME counts where it is an absolute path (the XDG base
  // directory specification: a relative one is to be ignored).
  const char *xdg = std::getenv("XDG_CACHE_HOME");
  if (const char *dir = std::getenv("WALSH_CACHE_DIR"); dir && *dir) {
    o.directory = std::string(dir) == "none" ? "" : dir;
    o.directoryFromEnvironment = true;
  } else if (xdg && path::is_absolute(xdg)) {
    o.directory = std::string(xdg) + "/walsh";
  } else if (const char *home = std::getenv("HOME"); home && *home) {
    o.directory = std::string(home) + "/.cache/walsh";
  }
  // Empty is unset here too (a warning until 2026-12-06; an empty HOME
  // named /.cache/walsh).
  if (const char *mb = std::getenv("WALSH_CACHE_MAX_MB"); mb && *mb) {
    uint64_t v = 0;
    if (!llvm::StringRef(mb).getAsInteger(10, v) && v <= (~uint64_t(0) >> 20))
      o.maxBytes = v << 20;
    else {
      // Once a process, however many times the options are read (the
      // kernel cache, the tuning database's place).
      static std::once_flag told;
      std::call_once(told, [&] {
        llvm::errs() << "walsh: warning: WALSH_CACHE_MAX_MB: expects a size "
                        "in MB, got '"
                     << mb << "'; using " << (o.maxBytes >> 20) << "\n";
      });
    }
  }
  if (const char *dump = std::getenv("WALSH_DUMP_DIR"))
    o.dumpDirectory = dump;
  // A relative WALSH_CACHE_DIR or WALSH_DUMP_DIR is the current directory's
  // at the start, made absolute once, so that the messages and `walsh
  // cache` name the whole path and a later chdir (an embedding host's)
  // does not move them.
  for (std::string *dir : {&o.directory, &o.dumpDirectory})
    if (!dir->empty() && !path::is_absolute(*dir)) {
      llvm::SmallString<256> absolute(*dir);
      if (!fs::make_absolute(absolute))
        *dir = std::string(absolute);
    }
  return o;
}

namespace {

constexpr int kFormat = 1;
constexpr const char *kManifest = "meta.json";

std::string sha256Hex(llvm::StringRef bytes) {
  llvm::SHA256 h;
  h.update(bytes);
  auto digest = h.final();
  return llvm::toHex(llvm::ArrayRef<uint8_t>(digest.data(), digest.size()),
                     /*LowerCase=*/true);
}

/// walsh's version and the identity (size, modification time) of the
/// library holding this code: a rebuilt libwalsh never reads an older
/// build's entries.
const std::string &buildId() {
  static const std::string id = [] {
    std::string s = std::string("walsh-") + versionString();
    Dl_info info;
    struct stat st;
    if (dladdr(reinterpret_cast<void *>(&sha256Hex), &info) &&
        info.dli_fname && stat(info.dli_fname, &st) == 0)
      s += " " + std::to_string(st.st_size) + " " +
           std::to_string(int64_t(st.st_mtim.tv_sec)) + "." +
           std::to_string(int64_t(st.st_mtim.tv_nsec));
    return s;
  }();
  return id;
}

/// The part of a key for what later specs added — the fused epilogue, the
/// cross-head split, the prologue, the output cast — ("" without any, so
/// the keys of other kernels are unchanged).
std::string epilogueKey(const ProjectionSpec &s) {
  std::string split =
      (s.crossHeadOnly ? " cross_head_only=" + std::to_string(s.crossHeadOnly)
                       : "") +
      prologueKey(s) + castKey(s);
  if (!s.hasEpilogue())
    return split;
  return std::string(" residual=") + (s.residual ? "1" : "0") +
         " norm=" + normName(s.norm) +
         (s.norm != NormKind::None ? " eps=" + gText(s.normEps, 17) : "") +
         split;
}

std::string specKey(const ProjectionSpec &s) {
  // "%.17g" in the C locale, whatever the process's (keys as before).
  std::string scale = s.scale ? gText(*s.scale, 17) : "default";
  return "spec: d=" + std::to_string(s.d) + " rows=" + std::to_string(s.rows) +
         " dtype=" + dtypeName(s.dtype) +
         " transpose=" + std::to_string(s.transpose) + " scale=" + scale +
         " mul=" + std::to_string(s.withMul) +
         " add=" + std::to_string(s.withAdd) + epilogueKey(s) + "\n";
}

std::string header() {
  return "walsh-cache: " + std::to_string(kFormat) + "\nbuild: " + buildId() +
         "\nllvm: " LLVM_VERSION_STRING "\n";
}

/// The readable half of an entry's name.
std::string prefix(const ProjectionSpec &s, const std::string &target) {
  std::string t = target;
  std::replace_if(t.begin(), t.end(),
                  [](char c) { return !llvm::isAlnum(c) && c != '_'; }, '_');
  return specName(s) + "_" + t;
}

std::string entryName(const std::string &prefixText, const std::string &key) {
  return prefixText + "-" + sha256Hex(key).substr(0, 16);
}

/// Whether `name` is an entry's (entryName: "outproj_...-" and 16 hex
/// digits). Nothing else in the directory is walsh's to list or remove:
/// WALSH_CACHE_DIR or --dir may name a directory that holds other things.
bool isEntryName(llvm::StringRef name) {
  if (!name.starts_with("outproj_") || name.size() < 8 + 17)
    return false;
  llvm::StringRef hash = name.take_back(16);
  return name.drop_back(16).ends_with("-") && llvm::all_of(hash, [](char c) {
           return llvm::isDigit(c) || (c >= 'a' && c <= 'f');
         });
}

/// Stage name -> file name in an entry.
const std::vector<std::pair<std::string, std::string>> &cpuFiles() {
  static const std::vector<std::pair<std::string, std::string>> f = {
      {"walsh", "walsh.mlir"},        {"stages", "stages.mlir"},
      {"vector", "vector.mlir"},      {"llvm-dialect", "llvm-dialect.mlir"},
      {"llvm", "kernel.ll"},          {"asm", "kernel.s"}};
  return f;
}
const std::vector<std::pair<std::string, std::string>> &gpuFiles() {
  static const std::vector<std::pair<std::string, std::string>> f = {
      {"walsh", "walsh.mlir"}, {"stages", "stages.mlir"}, {"gpu", "gpu.mlir"},
      {"nvvm", "nvvm.mlir"},   {"llvm", "kernel.ll"},     {"ptx", "kernel.ptx"}};
  return f;
}


} // namespace

// --- serialization ---------------------------------------------------------

namespace {
using Files = std::map<std::string, std::string>; // file name -> bytes

Files filesOf(const CpuArtifact &a, json::Object &meta) {
  Files f;
  for (auto &[stage, file] : cpuFiles())
    if (a.stages.count(stage))
      f[file] = a.stages.at(stage);
  f["kernel.o"] = a.object;
  if (!a.objectNontemporal.empty())
    f["kernel_nt.o"] = a.objectNontemporal;
  meta["target"] = "cpu";
  meta["spec"] = specJson(a.spec);
  meta["config"] = cpuConfigJson(a.config);
  meta["triple"] = a.triple;
  meta["cpu"] = a.cpu;
  meta["features"] = a.features;
  meta["symbol"] = a.symbol;
  meta["symbol_nontemporal"] = a.symbolNontemporal;
  meta["nontemporal_alignment"] = a.nontemporalAlignment;
  meta["compile_ms"] = a.compileMs;
  return f;
}

/// Stages a dump holds beyond the entry's: the CPU assembly, which compiles
/// do not emit (cpuAssembly generates it here, for the dump only).
void addDumpOnlyFiles(const CpuArtifact &a, Files &files) {
  if (a.stages.count("asm"))
    return;
  auto text = cpuAssembly(a);
  if (text)
    files["kernel.s"] = std::move(*text);
  else
    llvm::errs() << "walsh: warning: WALSH_DUMP_DIR: no assembly: "
                 << llvm::toString(text.takeError()) << "\n";
}
void addDumpOnlyFiles(const GpuArtifact &, Files &) {}

Files filesOf(const GpuArtifact &a, json::Object &meta) {
  Files f;
  for (auto &[stage, file] : gpuFiles())
    if (a.stages.count(stage))
      f[file] = a.stages.at(stage);
  f["kernel.ptx"] = a.ptx;
  if (!a.cubin.empty())
    f["kernel.cubin"] = a.cubin;
  meta["target"] = "cuda";
  meta["spec"] = specJson(a.spec);
  meta["config"] = gpuConfigJson(a.config);
  meta["chip"] = a.chip;
  meta["kernel"] = a.kernel;
  meta["ptxas"] = a.ptxas;
  meta["ptxas_options"] = a.ptxasOptions;
  meta["block_threads"] = a.blockThreads;
  meta["rows_per_block"] = a.rowsPerBlock;
  meta["shared_bytes"] = a.sharedBytes;
  meta["row_alignment"] = a.rowAlignment;
  meta["blocks_per_sm"] = a.blocksPerSM;
  meta["compile_ms"] = a.compileMs;
  return f;
}

llvm::Expected<ProjectionSpec> specFrom(const json::Object *o) {
  if (!o)
    return llvm::createStringError("manifest: no spec");
  auto s = specFromJson(*o);
  if (!s)
    return llvm::createStringError("manifest: bad spec: " +
                                   llvm::toString(s.takeError()));
  return s;
}

/// The manifest's spec, and its configuration through `parse`.
template <typename Config>
llvm::Error specAndConfigFrom(const json::Object &m, ProjectionSpec &spec,
                              Config &config,
                              llvm::Expected<Config> (*parse)(
                                  const json::Object &)) {
  auto s = specFrom(m.getObject("spec"));
  if (!s)
    return s.takeError();
  spec = *s;
  const json::Object *c = m.getObject("config");
  if (!c)
    return llvm::createStringError("manifest: no config");
  auto parsed = parse(*c);
  if (!parsed)
    return llvm::createStringError("manifest: config: " +
                                   llvm::toString(parsed.takeError()));
  config = *parsed;
  return llvm::Error::success();
}

llvm::Expected<CpuArtifact> artifactFrom(const json::Object &m, Files &f,
                                         CpuArtifact *) {
  CpuArtifact a;
  if (llvm::Error e = specAndConfigFrom(m, a.spec, a.config, cpuConfigFromJson))
    return std::move(e);
  a.triple = m.getString("triple").value_or("").str();
  a.cpu = m.getString("cpu").value_or("").str();
  a.features = m.getString("features").value_or("").str();
  a.symbol = m.getString("symbol").value_or("").str();
  a.symbolNontemporal = m.getString("symbol_nontemporal").value_or("").str();
  a.nontemporalAlignment = m.getInteger("nontemporal_alignment").value_or(0);
  a.compileMs = m.getNumber("compile_ms").value_or(0);
  a.object = std::move(f["kernel.o"]);
  if (f.count("kernel_nt.o"))
    a.objectNontemporal = std::move(f["kernel_nt.o"]);
  for (auto &[stage, file] : cpuFiles())
    if (f.count(file))
      a.stages[stage] = std::move(f[file]);
  return a;
}

llvm::Expected<GpuArtifact> artifactFrom(const json::Object &m, Files &f,
                                         GpuArtifact *) {
  GpuArtifact a;
  if (llvm::Error e = specAndConfigFrom(m, a.spec, a.config, gpuConfigFromJson))
    return std::move(e);
  a.chip = m.getString("chip").value_or("").str();
  a.kernel = m.getString("kernel").value_or("outproj").str();
  a.ptxas = m.getString("ptxas").value_or("").str();
  a.ptxasOptions = m.getString("ptxas_options").value_or("").str();
  a.blockThreads = m.getInteger("block_threads").value_or(0);
  a.rowsPerBlock = m.getInteger("rows_per_block").value_or(0);
  a.sharedBytes = m.getInteger("shared_bytes").value_or(0);
  a.rowAlignment = m.getInteger("row_alignment").value_or(0);
  a.blocksPerSM = m.getInteger("blocks_per_sm").value_or(0);
  a.compileMs = m.getNumber("compile_ms").value_or(0);
  for (auto &[stage, file] : gpuFiles())
    if (f.count(file))
      a.stages[stage] = f[file];
  a.ptx = std::move(f["kernel.ptx"]);
  if (f.count("kernel.cubin"))
    a.cubin = std::move(f["kernel.cubin"]);
  return a;
}

/// Reads an entry: the manifest, then every file it lists, each checked
/// against its SHA-256. The error says what is wrong with the entry.
llvm::Expected<std::pair<json::Object, Files>>
readEntry(const std::string &dir, const std::string &key) {
  auto mbuf = llvm::MemoryBuffer::getFile(dir + "/" + kManifest);
  if (!mbuf)
    return llvm::createStringError("no readable manifest (" +
                                   mbuf.getError().message() + ")");
  auto parsed = walsh::parseJson((*mbuf)->getBuffer());
  if (!parsed)
    return llvm::createStringError("manifest is not JSON (" +
                                   llvm::toString(parsed.takeError()) + ")");
  json::Object *m = parsed->getAsObject();
  if (!m)
    return llvm::createStringError("manifest is not a JSON object");
  if (m->getInteger("format").value_or(0) != kFormat)
    return llvm::createStringError("manifest format differs");
  if (!key.empty() && m->getString("key").value_or("") != key)
    return llvm::createStringError("manifest key differs from the entry's");
  const json::Object *files = m->getObject("files");
  if (!files)
    return llvm::createStringError("manifest lists no files");
  Files f;
  for (const auto &[name, v] : *files) {
    const json::Object *o = v.getAsObject();
    std::string want = o ? o->getString("sha256").value_or("").str() : "";
    auto buf = llvm::MemoryBuffer::getFile(dir + "/" + name.str(),
                                           /*IsText=*/false);
    if (!buf)
      return llvm::createStringError(name.str() + " is missing");
    std::string bytes = (*buf)->getBuffer().str();
    if (sha256Hex(bytes) != want)
      return llvm::createStringError(name.str() +
                                     " does not match its checksum");
    f[name.str()] = std::move(bytes);
  }
  return std::make_pair(std::move(*m), std::move(f));
}

uint64_t directoryBytes(const std::string &dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec)) {
    fs::file_status st;
    if (!fs::status(it->path(), st) && fs::is_regular_file(st))
      total += st.getSize();
  }
  return total;
}

/// Removes a directory and what is in it (one level: entries are flat).
void removeEntry(const std::string &dir) {
  std::error_code ec;
  std::vector<std::string> files;
  for (fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec))
    files.push_back(it->path());
  for (const std::string &f : files)
    fs::remove(f);
  fs::remove(dir);
}

/// A held file lock, released (and closed) on scope exit.
struct FileLock {
  int fd = -1;
  ~FileLock() {
    if (fd >= 0) {
      fs::unlockFile(fd);
      llvm::sys::Process::SafelyCloseFileDescriptor(fd);
    }
  }
};
} // namespace

// --- the cache ---------------------------------------------------------------

/// One key in memory: the artifact once built, or the error; waiters block
/// until `done`.
struct KernelCache::Pending {
  std::mutex m;
  std::condition_variable cv;
  bool done = false;
  /// Whether WALSH_DUMP_DIR has this kernel (once per process is enough).
  std::once_flag dumped;
  std::shared_ptr<const void> artifact;
  std::string error;
};

KernelCache::KernelCache(CacheOptions options) : opts(std::move(options)) {
  if (!opts.warn)
    opts.warn = [](const std::string &m) {
      llvm::errs() << "walsh: warning: " << m << "\n";
    };
  disk = !opts.directory.empty();
}

KernelCache &KernelCache::global() {
  static KernelCache cache(CacheOptions::fromEnvironment());
  return cache;
}

bool KernelCache::diskEnabled() const {
  std::lock_guard<std::mutex> g(mutex);
  return disk;
}

int KernelCache::compiles() const {
  std::lock_guard<std::mutex> g(mutex);
  return misses;
}

void KernelCache::disableDisk(const std::string &why) {
  {
    std::lock_guard<std::mutex> g(mutex);
    if (!disk)
      return;
    disk = false;
  }
  opts.warn("cache directory '" + opts.directory + "' is not usable (" + why +
            "); kernels are cached in memory only");
}

std::string KernelCache::cpuKey(const ProjectionSpec &spec,
                                const CpuConfig &c) {
  const HostCpu &host = HostCpu::detect();
  return header() + "target: cpu " + host.triple + " " + host.cpu + " " +
         host.features + " l1d=" + std::to_string(host.l1dBytes) + "\n" +
         specKey(spec) +
         "config: vector_width=" + std::to_string(c.vectorWidth) +
         " levels_per_pass=" + std::to_string(c.levelsPerPass) +
         " nontemporal=" + std::to_string(c.nontemporal) +
         // Only when set, so that the rule's kernels keep their keys.
         (c.prefetchPerLine
              ? " prefetch_per_line=" + std::to_string(c.prefetchPerLine)
              : std::string()) +
         (c.passOrder != CpuPassOrder::Rule
              ? std::string(" pass_order=") + passOrderName(c.passOrder)
              : std::string()) +
         "\n";
}

std::string KernelCache::gpuKey(const ProjectionSpec &spec,
                                const GpuConfig &c, const std::string &chip) {
  return header() + "target: cuda " + chip +
         " +ptx80 ptxas=" + ptxasIdentity() + "\n" + specKey(spec) +
         "config: elems_per_thread=" + std::to_string(c.elemsPerThread) +
         " threads_per_row=" + std::to_string(c.threadsPerRow) +
         " rows_per_block=" + std::to_string(c.rowsPerBlock) +
         " vector_width=" + std::to_string(c.vectorWidth) +
         " transpose=" + std::to_string(int(c.crossWarp)) +
         " row_iters=" + std::to_string(c.rowIters) +
         (c.cluster > 1 ? " cluster=" + std::to_string(c.cluster) : "") + "\n";
}

llvm::Expected<std::shared_ptr<const CpuArtifact>>
KernelCache::getCpu(const ProjectionSpec &spec, const CpuConfig &config,
                    CacheSource *source) {
  std::string key = cpuKey(spec, config);
  return get<CpuArtifact>(
      key, [&] { return entryName(prefix(spec, HostCpu::detect().cpu), key); },
      [&] { return compileForCpu(spec, config); }, source);
}

llvm::Expected<std::shared_ptr<const GpuArtifact>>
KernelCache::getGpu(const ProjectionSpec &spec, const GpuConfig &config,
                    const std::string &chip, CacheSource *source) {
  if (llvm::Error e = validateChip(chip))
    return std::move(e);
  std::string key = gpuKey(spec, config, chip);
  return get<GpuArtifact>(
      key, [&] { return entryName(prefix(spec, chip), key); },
      [&] { return compileForGpu(spec, config, chip); }, source);
}

template <typename Artifact>
llvm::Expected<std::shared_ptr<const Artifact>>
KernelCache::get(const std::string &key,
                 const std::function<std::string()> &nameOf,
                 const std::function<llvm::Expected<Artifact>()> &compile,
                 CacheSource *sourceOut) {
  std::shared_ptr<Pending> p;
  bool builder = false;
  {
    std::lock_guard<std::mutex> g(mutex);
    auto &slot = memory[key];
    if (!slot) {
      slot = std::make_shared<Pending>();
      builder = true;
    }
    p = slot;
  }
  CacheSource source = CacheSource::Memory;
  if (builder) {
    auto art = getFromDiskOrCompile<Artifact>(key, nameOf(), compile, source);
    std::lock_guard<std::mutex> g(p->m);
    if (art) {
      p->artifact = std::move(*art);
    } else {
      p->error = llvm::toString(art.takeError());
    }
    p->done = true;
    p->cv.notify_all();
  } else {
    std::unique_lock<std::mutex> l(p->m);
    p->cv.wait(l, [&] { return p->done; });
  }
  if (!p->artifact) {
    // A failed compile is not cached: the next caller tries again.
    std::string error = p->error;
    std::lock_guard<std::mutex> g(mutex);
    if (memory[key] == p)
      memory.erase(key);
    return llvm::createStringError(error);
  }
  auto art = std::static_pointer_cast<const Artifact>(p->artifact);
  if (sourceOut)
    *sourceOut = source;
  if (!opts.dumpDirectory.empty())
    std::call_once(p->dumped, [&] {
      json::Object meta;
      Files files = filesOf(*art, meta);
      addDumpOnlyFiles(*art, files);
      std::string name = nameOf();
      meta["key"] = key;
      meta["name"] = name;
      meta["cache"] = cacheSourceName(source);
      files[kManifest] = walsh::jsonText(std::move(meta));
      dump(name, files);
    });
  return art;
}

template <typename Artifact>
llvm::Expected<std::shared_ptr<const Artifact>>
KernelCache::getFromDiskOrCompile(
    const std::string &key, const std::string &name,
    const std::function<llvm::Expected<Artifact>()> &compile,
    CacheSource &source) {
  std::string dir = opts.directory + "/" + name;
  // Loads the entry; a bad one is reported and removed.
  auto tryLoad = [&]() -> std::shared_ptr<const Artifact> {
    if (!fs::is_directory(dir))
      return nullptr;
    auto entry = readEntry(dir, key);
    if (!entry) {
      opts.warn("cache entry '" + name + "' is corrupt (" +
                llvm::toString(entry.takeError()) + "); rebuilding it");
      removeEntry(dir);
      return nullptr;
    }
    auto art = artifactFrom(entry->first, entry->second,
                            static_cast<Artifact *>(nullptr));
    if (!art) {
      opts.warn("cache entry '" + name + "' is corrupt (" +
                llvm::toString(art.takeError()) + "); rebuilding it");
      removeEntry(dir);
      return nullptr;
    }
    // Least recently used is judged by the manifest's modification time.
    int fd;
    if (!fs::openFileForWrite(dir + "/" + kManifest, fd, fs::CD_OpenExisting,
                              fs::OF_Append)) {
      fs::setLastAccessAndModificationTime(fd,
                                           std::chrono::system_clock::now());
      llvm::sys::Process::SafelyCloseFileDescriptor(fd);
    }
    return std::make_shared<const Artifact>(std::move(*art));
  };
  auto build = [&]() -> llvm::Expected<std::shared_ptr<const Artifact>> {
    {
      std::lock_guard<std::mutex> g(mutex);
      ++misses;
    }
    source = CacheSource::Miss;
    auto art = compile();
    if (!art)
      return art.takeError();
    return std::make_shared<const Artifact>(std::move(*art));
  };

  if (!diskEnabled())
    return build();
  source = CacheSource::Disk;
  if (auto hit = tryLoad())
    return hit;
  if (std::error_code ec = fs::create_directories(opts.directory)) {
    disableDisk(ec.message());
    return build();
  }
  // One builder per key across processes: lock, then look again.
  FileLock lock;
  std::string lockPath = opts.directory + "/" + name + ".lock";
  if (std::error_code ec = fs::openFileForReadWrite(
          lockPath, lock.fd, fs::CD_OpenAlways, fs::OF_None)) {
    disableDisk("cannot create " + lockPath + ": " + ec.message());
    return build();
  }
  if (std::error_code ec = fs::tryLockFile(lock.fd, opts.lockWait)) {
    if (ec != std::errc::no_lock_available) {
      disableDisk("cannot lock " + lockPath + ": " + ec.message());
      return build();
    }
    // Held past the wait (a builder stopped or stuck): compiled here, and
    // published as below (should the holder publish too, one entry whole
    // stands).
    opts.warn("cache entry '" + name + "': another process has held " +
              lockPath + " for " +
              gText(double(opts.lockWait.count()) / 1000.0, 6) +
              " s; compiling it here");
  }
  if (auto hit = tryLoad())
    return hit;
  auto art = build();
  if (!art)
    return art.takeError();

  // Publish: a temporary directory, manifest last, renamed into place.
  json::Object meta;
  Files files = filesOf(**art, meta);
  llvm::SmallString<128> tmp;
  if (std::error_code ec = fs::createUniqueDirectory(
          opts.directory + "/.tmp-" + name, tmp)) {
    disableDisk(ec.message());
    return art;
  }
  json::Object listed;
  llvm::Error written = llvm::Error::success();
  for (auto &[file, bytes] : files) {
    listed[file] = json::Object{{"sha256", sha256Hex(bytes)},
                                {"bytes", int64_t(bytes.size())}};
    if ((written = writeFile(std::string(tmp) + "/" + file, bytes)))
      break;
  }
  if (!written) {
    meta["format"] = kFormat;
    meta["key"] = key;
    meta["name"] = name;
    meta["files"] = std::move(listed);
    written = writeFile(std::string(tmp) + "/" + kManifest,
                        walsh::jsonText(std::move(meta)));
  }
  if (written) {
    removeEntry(std::string(tmp));
    disableDisk(llvm::toString(std::move(written)));
    return art;
  }
  if (std::error_code ec = fs::rename(tmp, dir)) {
    removeEntry(std::string(tmp));
    // Someone published meanwhile without our lock (a different build of
    // walsh sharing the directory): theirs stands.
    if (!fs::is_directory(dir))
      disableDisk("cannot publish " + dir + ": " + ec.message());
  }
  if (auto pruned = prune(opts.maxBytes, /*verify=*/false); !pruned)
    llvm::consumeError(pruned.takeError());
  return art;
}

void KernelCache::dump(const std::string &name, const Files &files) const {
  std::string dir = opts.dumpDirectory + "/" + name;
  if (std::error_code ec = fs::create_directories(dir)) {
    opts.warn("WALSH_DUMP_DIR: cannot create " + dir + ": " + ec.message());
    return;
  }
  // Each file whole (a reader, or another process dumping the same kernel,
  // never sees half of one).
  for (auto &[file, bytes] : files)
    if (llvm::Error e = writeFileAtomically(dir + "/" + file, bytes)) {
      opts.warn("WALSH_DUMP_DIR: " + llvm::toString(std::move(e)));
      return;
    }
}

llvm::Expected<std::vector<CacheEntryInfo>> KernelCache::list(bool verify) const {
  std::vector<CacheEntryInfo> out;
  if (opts.directory.empty() || !fs::is_directory(opts.directory))
    return out;
  std::error_code ec;
  for (fs::directory_iterator it(opts.directory, ec), end; it != end && !ec;
       it.increment(ec)) {
    std::string p = it->path();
    std::string base = path::filename(p).str();
    if (!fs::is_directory(p) || !isEntryName(base))
      continue;
    CacheEntryInfo e;
    e.name = base;
    e.path = p;
    e.bytes = directoryBytes(p);
    fs::file_status st;
    if (!fs::status(p + "/" + kManifest, st))
      e.lastUsed = st.getLastModificationTime();
    if (verify) {
      auto entry = readEntry(p, "");
      if (!entry)
        e.problem = llvm::toString(entry.takeError());
      else
        e.target = entry->first.getString("target").value_or("?").str();
    }
    out.push_back(std::move(e));
  }
  if (ec)
    return llvm::createStringError(ec, "cannot list " + opts.directory +
                                           ": " + ec.message());
  std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
    return a.lastUsed < b.lastUsed;
  });
  return out;
}

namespace {
/// Whether `name` ends in a unique suffix's six characters after `mark`
/// (createUniqueDirectory's and AtomicFile's "%%%%%%"), and what precedes
/// `mark`.
bool uniqueSuffixed(llvm::StringRef name, llvm::StringRef mark,
                    llvm::StringRef &before) {
  if (name.size() < mark.size() + 6 || !name.drop_back(6).ends_with(mark))
    return false;
  before = name.drop_back(6 + mark.size());
  return true;
}

/// A leftover of an interrupted write: an entry's publish
/// (".tmp-<entry name>-XXXXXX") or a tuning database's save
/// ("tuning/<name>.json.tmp-XXXXXX", AtomicFile's).
struct Leftover {
  std::string path;
  bool save = false;
  llvm::sys::TimePoint<> changed;
};

/// Every leftover of an interrupted write in `directory`.
std::vector<Leftover> interruptedWrites(const std::string &directory) {
  std::vector<Leftover> found;
  auto collect = [&](const std::string &dir, bool save, auto isLeftover) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; it != end && !ec;
         it.increment(ec)) {
      fs::file_status st;
      if (isLeftover(path::filename(it->path())) &&
          !fs::status(it->path(), st, /*follow=*/false))
        found.push_back({it->path(), save, st.getLastModificationTime()});
    }
  };
  collect(directory, false, [](llvm::StringRef base) {
    llvm::StringRef name;
    return base.consume_front(".tmp-") && uniqueSuffixed(base, "-", name) &&
           isEntryName(name);
  });
  collect(directory + "/" + kTuningDirectoryName, true,
          [](llvm::StringRef base) {
            llvm::StringRef name;
            return uniqueSuffixed(base, ".tmp-", name) &&
                   name.ends_with(".json");
          });
  return found;
}

/// Removes the leftovers of publishes last changed before
/// `publishesBefore` and of saves before `savesBefore`; returns how many
/// went.
int removeInterruptedWrites(const std::string &directory,
                            llvm::sys::TimePoint<> publishesBefore,
                            llvm::sys::TimePoint<> savesBefore) {
  int removed = 0;
  for (const Leftover &l : interruptedWrites(directory)) {
    if (l.changed >= (l.save ? savesBefore : publishesBefore))
      continue;
    l.save ? (void)fs::remove(l.path) : removeEntry(l.path);
    ++removed;
  }
  return removed;
}

/// A write still in flight is younger than this (a publish takes
/// milliseconds); ccache's cleanup waits as long for its temporary files.
llvm::sys::TimePoint<> interruptedBefore() {
  return std::chrono::system_clock::now() - std::chrono::hours(1);
}
} // namespace

KernelCache::Leftovers KernelCache::leftovers() const {
  Leftovers out;
  if (opts.directory.empty())
    return out;
  auto hourAgo = interruptedBefore();
  for (const Leftover &l : interruptedWrites(opts.directory)) {
    ++out.all;
    out.hourOld += l.changed < hourAgo;
  }
  return out;
}

llvm::Expected<int> KernelCache::clear(int *leftovers) {
  auto entries = list();
  if (!entries)
    return entries.takeError();
  for (const CacheEntryInfo &e : *entries)
    removeEntry(e.path);
  // Entries' locks.
  std::error_code ec;
  std::vector<std::string> locks;
  for (fs::directory_iterator it(opts.directory, ec), end; it != end && !ec;
       it.increment(ec)) {
    llvm::StringRef base = path::filename(it->path());
    if (base.consume_back(".lock") && isEntryName(base))
      locks.push_back(it->path());
  }
  for (const std::string &p : locks)
    fs::remove(p);
  // Interrupted publishes whatever their age (a publish racing clear loses
  // its entry as it would a moment later), a tuning database's save once
  // an hour old (a `walsh tune` may be saving now, and clear keeps the
  // tuning databases).
  int left = removeInterruptedWrites(
      opts.directory, llvm::sys::TimePoint<>::max(), interruptedBefore());
  if (leftovers)
    *leftovers = left;
  return int(entries->size());
}

llvm::Expected<int> KernelCache::prune(uint64_t maxBytes, bool verify,
                                       int *leftovers) {
  auto entries = list(verify);
  if (!entries)
    return entries.takeError();
  int left = removeInterruptedWrites(opts.directory, interruptedBefore(),
                                     interruptedBefore());
  if (leftovers)
    *leftovers = left;
  int removed = 0;
  uint64_t total = 0;
  std::vector<const CacheEntryInfo *> good;
  for (const CacheEntryInfo &e : *entries) {
    if (!e.problem.empty()) {
      removeEntry(e.path);
      ++removed;
    } else {
      good.push_back(&e);
      total += e.bytes;
    }
  }
  // Oldest use first.
  for (const CacheEntryInfo *e : good) {
    if (total <= maxBytes)
      break;
    removeEntry(e->path);
    total -= e->bytes;
    ++removed;
  }
  return removed;
}

} // namespace walsh
