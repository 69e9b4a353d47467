//===- TuningDb.h - the per-device tuning database --------------*- C++ -*-===//
//
// What the autotuner learnt on one device: for a spec (d, dtype, transpose,
// scale, affine) and a shape bucket (batch and sequence length rounded up to
// powers of two, heads, head dimension), the configuration that measured
// fastest, with its time, the default configuration's and the worst valid
// one's. One JSON file per device under the cache directory
// (`<WALSH_CACHE_DIR>/tuning/<device>.json`), written atomically (a
// temporary file, then a rename) under a lock, merged with what another
// process wrote meanwhile. A file that does not parse, or that belongs to
// another device, is an error naming the file; it is never overwritten.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_AUTOTUNE_TUNINGDB_H
#define WALSH_AUTOTUNE_TUNINGDB_H

#include "walsh/Builder/ProjectionSpec.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>
#include <vector>

namespace walsh::tune {

/// The most rows (batch * seq) walsh takes a shape of: 2^62, so that the
/// power of two a bucket rounds them up to still fits in 64 bits.
inline constexpr int64_t kMaxRows = int64_t(1) << 62;

/// The shape a kernel runs on: rows = batch * seq, d = heads * head_dim.
struct Shape {
  int64_t batch = 1, seq = 1, heads = 1, headDim = 1;
  int64_t rows() const { return batch * seq; }
  int64_t d() const { return heads * headDim; }
};

/// A shape bucket: batch and seq rounded up to powers of two; heads and
/// head_dim as they are.
struct Bucket {
  int64_t batch = 1, seq = 1, heads = 1, headDim = 1;
  static Bucket of(const Shape &shape);
  int64_t rows() const { return batch * seq; }
  bool operator==(const Bucket &o) const {
    return batch == o.batch && seq == o.seq && heads == o.heads &&
           headDim == o.headDim;
  }
  /// "batch=8 seq=1024 heads=32 head_dim=128".
  std::string str() const;
};

/// One target's configuration: a #walsh.config for CUDA, or a
/// #walsh.cpu_config and a thread count for the CPU.
struct Candidate {
  bool cuda = true;
  GpuConfig gpu;
  CpuConfig cpu;
  int threads = 1;
  bool operator==(const Candidate &o) const;
  /// "e64 t64 r2 v8 transpose i16" or "v16 l3 nt t2".
  std::string str() const;
  llvm::json::Object toJson() const;
  static llvm::Expected<Candidate> fromJson(const llvm::json::Object &o,
                                            bool cuda);
};

/// The spec's part of a key: "d=4096 dtype=bf16 transpose=0 scale=default
/// mul=1 add=1" (rows are the bucket's business).
std::string specKey(const ProjectionSpec &spec);

/// What was measured for one (spec, bucket).
struct Entry {
  std::string spec;
  Bucket bucket;
  /// The rows it was measured at (batch * seq of the tuned shape).
  int64_t rows = 0;
  Candidate best;
  double timeUs = 0, defaultUs = 0, worstUs = 0, copyUs = 0;
  /// Candidates timed, and those that failed to compile, launch or check.
  int candidates = 0, failed = 0;
  /// Seconds of launches before each timing (`walsh tune --sustain`; 0:
  /// timed at the device's full clock). JSON `sustain_s`, written when
  /// not 0.
  double sustainSeconds = 0;
  /// ISO 8601, UTC.
  std::string tunedAt;
};

/// Who the database belongs to.
struct DeviceIdentity {
  /// "cuda" or "cpu".
  std::string target;
  /// GPU name, or the CPU's name and features.
  std::string name;
  /// "sm_90"; for the CPU the target triple.
  std::string arch;
  int smCount = 0, driverVersion = 0;
  std::string walshVersion;
  /// File-name form: "cuda-NVIDIA_H200-sm_90-132sm".
  std::string slug() const;
  /// Same device (the walsh version may differ).
  bool sameDevice(const DeviceIdentity &o) const;
  /// target, name, arch, sm_count, driver_version, walsh_version.
  llvm::json::Object toJson() const;
};

class TuningDb {
public:
  /// `<cacheDir>/tuning/<device slug>.json`; fails when there is no cache
  /// directory (WALSH_CACHE_DIR=none) and no explicit path.
  static llvm::Expected<std::string> defaultPath(const DeviceIdentity &device);

  /// Opens the database at `path` for `device`: empty when the file does
  /// not exist; an error naming the file when it does not parse or belongs
  /// to another device.
  static llvm::Expected<TuningDb> open(const std::string &path,
                                       const DeviceIdentity &device);

  /// The entry for exactly this spec and bucket.
  const Entry *exact(const ProjectionSpec &spec, const Bucket &bucket) const;
  /// The entry of the same spec whose bucket's rows are closest in log2
  /// (ties: the same heads and head_dim, then the larger), whatever heads x
  /// head_dim it was tuned as (the spec holds what the kernel depends on);
  /// null when the spec was never tuned.
  const Entry *nearest(const ProjectionSpec &spec, const Bucket &bucket) const;

  /// Adds or replaces the entry for (entry.spec, entry.bucket).
  void put(Entry entry);
  const std::vector<Entry> &entries() const { return all; }

  /// Writes the file atomically under its lock, first merging entries
  /// another process saved since this one was opened (ours win).
  llvm::Error save();
  /// Writes the whole database to `path` (atomically).
  llvm::Error exportTo(const std::string &path) const;
  /// Merges the entries of the database file at `path` (same device);
  /// returns how many were added or replaced.
  llvm::Expected<int> importFrom(const std::string &path);

  const std::string &path() const { return file; }
  const DeviceIdentity &device() const { return identity; }

private:
  std::string file;
  DeviceIdentity identity;
  std::vector<Entry> all;
};

} // namespace walsh::tune

#endif // WALSH_AUTOTUNE_TUNINGDB_H
