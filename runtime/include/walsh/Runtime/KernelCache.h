//===- KernelCache.h - memory and disk caches of compiled kernels -*- C++ -*-===//
//
// Compiled kernels are kept in memory (per process, thread-safe, one
// compile per key however many threads ask at once) and on disk (across
// processes). The disk cache is content-addressed: an entry's key is the
// hash of walsh's build, LLVM's version, the spec, the configuration and
// the target (CPU triple, name and features; or the CUDA chip, PTX features
// and ptxas), and its directory name starts readably
// (`outproj_d4096_bf16_sm_90-<hash>`). An entry holds every stage's text,
// the machine code and a manifest (meta.json) with a SHA-256 per file.
//
// Publishing is atomic: an entry is written into a temporary directory,
// manifest last, and renamed into place. Builders of one key take a file
// lock and look again before compiling, so concurrent processes compile a
// key once. A truncated or corrupt entry fails its checksums on load, is
// reported, removed and rebuilt. A directory that cannot be written leaves
// walsh working from memory, with one warning. The cache is bounded: after
// a publish, least recently used entries go until the total fits.
//
//   WALSH_CACHE_DIR   the directory (default ~/.cache/walsh; "none": no
//                     disk cache)
//   WALSH_CACHE_MAX_MB  the bound (default 1024)
//   WALSH_DUMP_DIR    write every stage of every kernel asked for, a cache
//                     hit included, into DIR/<entry name>/ (once per kernel
//                     per process)
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_KERNELCACHE_H
#define WALSH_RUNTIME_KERNELCACHE_H

#include "walsh/Target/Artifact.h"

#include "llvm/Support/Error.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace walsh {

/// Where a kernel came from.
enum class CacheSource { Memory, Disk, Miss };
/// "memory", "disk" or "miss".
const char *cacheSourceName(CacheSource source);

struct CacheOptions {
  /// The disk cache's directory; empty: no disk cache.
  std::string directory;
  /// Whether WALSH_CACHE_DIR (set, not empty) gave `directory` (else the
  /// default, $XDG_CACHE_HOME/walsh or ~/.cache/walsh): for errors that say
  /// where the directory came from.
  bool directoryFromEnvironment = false;
  /// Bound on the disk cache's total size.
  uint64_t maxBytes = uint64_t(1024) << 20;
  /// When set, every stage of every kernel asked for is written here.
  std::string dumpDirectory;
  /// Where warnings go (default: stderr, "walsh: warning: ...").
  std::function<void(const std::string &)> warn;
  /// How long a builder waits for another process's lock on the same
  /// entry before compiling the kernel itself (a warning, then as any
  /// builder: the entry published by rename, one whole entry either way),
  /// so that a holder stopped or stuck cannot stop every later process.
  /// A compile takes well under a second.
  std::chrono::milliseconds lockWait{60000};

  /// From WALSH_CACHE_DIR (a relative one made absolute; empty: as unset),
  /// else XDG_CACHE_HOME's walsh/ (where it is absolute), else HOME's
  /// .cache/walsh; WALSH_CACHE_MAX_MB and WALSH_DUMP_DIR.
  static CacheOptions fromEnvironment();
};

/// The cache directory's subdirectory of tuning databases (TuningDb's
/// default place, `<cache dir>/tuning/<device>.json`). It is no kernel
/// entry: listing, pruning, the bound's eviction and `clear` leave it (a
/// tuning database is measurements, not a kernel that can be compiled
/// again).
inline constexpr const char *kTuningDirectoryName = "tuning";

/// One entry on disk, as `walsh cache list` shows it.
struct CacheEntryInfo {
  std::string name, path, target;
  uint64_t bytes = 0;
  /// The manifest's modification time; the epoch where there is none.
  std::chrono::system_clock::time_point lastUsed;
  /// Empty when the manifest and every checksum are good.
  std::string problem;
};

class KernelCache {
public:
  explicit KernelCache(CacheOptions options);

  /// The process's cache, configured from the environment on first use.
  static KernelCache &global();

  /// The compiled kernel for (spec, config) on this host's CPU: from
  /// memory, from disk, or compiled (and published). `source` says which.
  llvm::Expected<std::shared_ptr<const CpuArtifact>>
  getCpu(const ProjectionSpec &spec, const CpuConfig &config,
         CacheSource *source = nullptr);

  /// The same for an NVIDIA GPU architecture (`chip`, e.g. "sm_90").
  llvm::Expected<std::shared_ptr<const GpuArtifact>>
  getGpu(const ProjectionSpec &spec, const GpuConfig &config,
         const std::string &chip, CacheSource *source = nullptr);

  /// The disk entries, oldest use first; with `verify`, every entry's
  /// manifest and checksums are checked (`problem` says what is wrong).
  llvm::Expected<std::vector<CacheEntryInfo>> list(bool verify = true) const;
  /// Removes every entry, lock and leftover of an interrupted publish (not
  /// the tuning databases: kTuningDirectoryName; a tuning database's
  /// interrupted save once an hour old); returns how many entries went,
  /// and in `leftovers` how many leftovers.
  llvm::Expected<int> clear(int *leftovers = nullptr);
  /// Removes corrupt entries, and least recently used entries until the
  /// total is at most `maxBytes`; returns how many entries went. Without
  /// `verify` (after each publish) only sizes and times are read: no
  /// checksums of the whole cache on a compile. Leftovers of interrupted
  /// writes (an entry's publish, a tuning database's save: a process
  /// killed while writing) go once an hour old; `leftovers` counts them.
  llvm::Expected<int> prune(uint64_t maxBytes, bool verify = true,
                            int *leftovers = nullptr);
  /// Leftovers of interrupted writes in the directory now, and how many of
  /// them are an hour old (what prune would remove).
  struct Leftovers {
    int all = 0, hourOld = 0;
  };
  Leftovers leftovers() const;

  const CacheOptions &options() const { return opts; }
  /// False once the directory proved unwritable (or when there is none).
  bool diskEnabled() const;
  /// Compiles this cache has run (misses), for tests.
  int compiles() const;

  /// The canonical key text and the entry name of a CPU or GPU kernel.
  static std::string cpuKey(const ProjectionSpec &spec, const CpuConfig &config);
  static std::string gpuKey(const ProjectionSpec &spec, const GpuConfig &config,
                            const std::string &chip);

private:
  struct Pending;
  template <typename Artifact>
  llvm::Expected<std::shared_ptr<const Artifact>>
  get(const std::string &key, const std::function<std::string()> &nameOf,
      const std::function<llvm::Expected<Artifact>()> &compile,
      CacheSource *source);
  template <typename Artifact>
  llvm::Expected<std::shared_ptr<const Artifact>>
  getFromDiskOrCompile(const std::string &key, const std::string &name,
                       const std::function<llvm::Expected<Artifact>()> &compile,
                       CacheSource &source);
  void disableDisk(const std::string &why);
  void dump(const std::string &name,
            const std::map<std::string, std::string> &files) const;

  CacheOptions opts;
  mutable std::mutex mutex;
  bool disk = false;
  int misses = 0;
  std::map<std::string, std::shared_ptr<Pending>> memory;
};

} // namespace walsh

#endif // WALSH_RUNTIME_KERNELCACHE_H
