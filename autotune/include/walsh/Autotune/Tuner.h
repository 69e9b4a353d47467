//===- Tuner.h - search, measurement and the lookup policy ------*- C++ -*-===//
//
// The autotuner: for each (spec, shape) it enumerates the configurations
// worth timing (pruned by the verifier and the device's shared memory
// before anything is compiled), compiles them on every host core while the
// device measures those already compiled, checks each against the float64
// oracle before it may win, and keeps the fastest in the tuning database. A
// candidate that fails to compile, launch or check scores infinity; the
// sweep goes on.
//
// Measurement is an interface: GPU (CUDA events, L2-cold inputs, graph
// replay for few rows), CPU (steady clock, median), and a simulated one the
// tests use.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_AUTOTUNE_TUNER_H
#define WALSH_AUTOTUNE_TUNER_H

#include "walsh/Autotune/TuningDb.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace walsh::tune {

/// What the device allows a kernel.
struct GpuLimits {
  int64_t maxSharedBytes = 227 * 1024;
  /// The device runs thread-block clusters (sm_90 on): decode candidates
  /// with a cluster of blocks a row.
  bool clusters = false;
};

/// The GPU configurations worth timing for (spec, rows), the default for
/// that row count first: 16-byte vectors (and every narrower width with a
/// dense factor), 1 to 16 vectors a thread and at most 64 values, shuffles
/// or transposes, 128 or 256 threads a block, 1, 4 or 16 row groups
/// (16-bit); and tensor-core tiles (cross_warp = mma, 16-bit): one warp a
/// row (d <= 4096) with four or eight warps a block, two warps a row (d <=
/// 8192) with two or four rows. Pruned before
/// compiling: whatever checkGpuConfig rejects or whose shared memory
/// exceeds `limits`; duplicates.
std::vector<Candidate> gpuCandidates(const ProjectionSpec &spec, int64_t rows,
                                     const GpuLimits &limits);

/// The CPU configurations worth timing, the default first: vector widths
/// the host has, 2 to 5 levels per pass, non-temporal stores on or off,
/// and 1, 2, 4 ... `maxThreads` threads (only 1 for fewer than 64 rows).
std::vector<Candidate> cpuCandidates(const ProjectionSpec &spec, int64_t rows,
                                     int maxThreads);

/// A compiled candidate, whatever the measurer keeps of it.
struct Compiled {
  virtual ~Compiled();
};

/// How candidates are compiled and timed.
class Measurer {
public:
  virtual ~Measurer();
  /// Compiles one candidate; called from several threads at once.
  virtual llvm::Expected<std::unique_ptr<Compiled>>
  compile(const ProjectionSpec &spec, const Candidate &candidate) = 0;
  /// Checks the kernel against the float64 oracle (the first time) and
  /// returns its median time on `shape` in microseconds. One thread.
  virtual llvm::Expected<double> time(const ProjectionSpec &spec,
                                      const Shape &shape,
                                      const Candidate &candidate,
                                      Compiled &compiled) = 0;
  /// Microseconds to copy the bytes the kernel moves (the roofline).
  virtual llvm::Expected<double> copyTime(const ProjectionSpec &spec,
                                          const Shape &shape) = 0;
  /// Whether the timings run on the cores that compile candidates (the
  /// CPU target): the tuner then compiles nothing while it times.
  virtual bool timesOnHostCores() const { return false; }
  /// Seconds of untimed launches before each GPU timing (0: timed at the
  /// device's full clock); recorded in each entry.
  virtual double sustainSeconds() const { return 0; }
};

/// One shape's outcome.
struct ShapeResult {
  ProjectionSpec spec;
  Shape shape;
  /// Found in the database (nothing timed), or measured now.
  bool fromDb = false;
  /// The index of an earlier work item of the same database entry (the
  /// same spec key and bucket: batch 3 beside batch 4, or a grid point
  /// given twice): not timed again; its entry, or its error.
  std::optional<size_t> sameAs;
  Entry entry;
  /// Why no candidate won (every one failed); the entry is then unset.
  std::string error;
  /// Each candidate's time (infinity: failed) and failure, in order.
  std::vector<std::pair<Candidate, double>> timings;
  std::vector<std::string> failures;
};

struct Progress {
  int done = 0, total = 0;
  double elapsedSeconds = 0;
};

struct TuneOptions {
  /// Re-tune shapes the database already has.
  bool force = false;
  /// Threads compiling candidates (0: every hardware thread).
  int compileThreads = 0;
  /// Candidates for (spec, rows), the default first (required).
  std::function<std::vector<Candidate>(const ProjectionSpec &, int64_t)>
      candidates;
  /// Called after each timing.
  std::function<void(const Progress &)> progress;
  /// Called after each shape's entry is put into the database (`walsh
  /// tune` saves the database there, so that a sweep interrupted, by
  /// Ctrl-C or a lost machine, keeps the shapes it finished); an error
  /// stops the sweep and is tuneShapes's.
  std::function<llvm::Error()> afterEach;
  /// Asked before each shape and each timing (`walsh tune`: whether Ctrl-C
  /// came): once it says so, the shape in progress is dropped, not put
  /// into the database, and tuneShapes returns the shapes before it.
  std::function<bool()> stopRequested;
};

/// Why `shape` is too large for walsh to choose or time a configuration
/// for `spec` (std::nullopt where it is not): batch * seq past 2^62 rows,
/// overflow included (the buckets round rows up to powers of two), or,
/// where `timedOnCpu`, the host buffers timing it would take (CpuBuffers)
/// past three quarters of this machine's memory. The text begins with the
/// rows, "B x S rows of d = D ...; pass fewer" ("S rows" where
/// `seqAlone`: a caller whose one option names the rows, batch 1), for the
/// caller to put its names of batch and seq before it.
std::optional<std::string> shapeTooLarge(const ProjectionSpec &spec,
                                         const Shape &shape, bool timedOnCpu,
                                         bool seqAlone = false);

/// Tunes every (spec, shape) into `db` (not saved: the caller saves, or
/// options.afterEach does after each shape). The
/// three fastest candidates of a shape are timed a second time and ranked
/// by the mean of both: the entry's time is that mean.
/// Where options.stopRequested stops it, the results are the first
/// shapes of `work`, those finished.
/// Fails for a shape too large (shapeTooLarge: "shape: ...", before
/// anything is compiled) and for a broken measurer (the copy cannot be
/// timed); failing candidates, and shapes where every candidate failed,
/// are in the results.
llvm::Expected<std::vector<ShapeResult>>
tuneShapes(const std::vector<std::pair<ProjectionSpec, Shape>> &work,
           TuningDb &db, Measurer &measurer, const TuneOptions &options);

/// Where a configuration came from at JIT time.
enum class ConfigSource { Exact, Nearest, Default, Tuned };
/// "db-exact", "db-nearest", "default" or "tuned".
const char *configSourceName(ConfigSource s);

/// How the JIT picks a configuration for a shape:
///  - TuneOnMiss: the database's exact bucket, else an entry of the same
///    spec and rows tuned as other heads x head_dim (db-nearest), else tune
///    it now (and save),
///  - DbOnly: the exact bucket, else the nearest of the same spec
///    (TuningDb::nearest), else the analytic default; never times anything
///    (deterministic),
///  - Heuristic: the analytic default; the database is not read.
enum class TuneMode { TuneOnMiss, DbOnly, Heuristic };
/// "tune-on-miss", "db-only" or "heuristic"; the error lists them.
llvm::Expected<TuneMode> parseTuneMode(llvm::StringRef s);

struct Choice {
  Candidate candidate;
  ConfigSource source = ConfigSource::Default;
  /// The database entry's bucket the configuration came from ("batch=8
  /// seq=8192 heads=32 head_dim=128"; exact, nearest or just tuned), else
  /// empty.
  std::string bucket;
};

/// The configuration for (spec, shape) under `mode`: `fallback` is the
/// analytic default; `measurer` and `options` are used by TuneOnMiss only
/// (null measurer: behaves as DbOnly).
llvm::Expected<Choice> chooseConfig(const ProjectionSpec &spec,
                                    const Shape &shape, TuneMode mode,
                                    TuningDb *db, const Candidate &fallback,
                                    Measurer *measurer,
                                    const TuneOptions &options);

} // namespace walsh::tune

#endif // WALSH_AUTOTUNE_TUNER_H
