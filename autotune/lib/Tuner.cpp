//===- Tuner.cpp - search and the lookup policy -----------------------------===//
#include "walsh/Autotune/Tuner.h"
#include "walsh/Conversion/WalshToCPU/CpuSchedule.h"

#include "walsh/Hadamard/Hadamard.h"
#include "walsh/Runtime/CpuMeasure.h"
#include "walsh/Runtime/HostRows.h"
#include "walsh/Runtime/ThreadPool.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

using namespace llvm;

namespace walsh::tune {

Compiled::~Compiled() = default;
Measurer::~Measurer() = default;

namespace {
void addUnique(std::vector<Candidate> &out, const Candidate &c) {
  if (std::find(out.begin(), out.end(), c) == out.end())
    out.push_back(c);
}
} // namespace

std::vector<Candidate> gpuCandidates(const ProjectionSpec &spec, int64_t rows,
                                     const GpuLimits &limits) {
  std::vector<Candidate> out;
  auto consider = [&](const GpuConfig &g) {
    auto shared = checkGpuConfig(spec, g);
    if (!shared) {
      consumeError(shared.takeError());
      return;
    }
    if (*shared > limits.maxSharedBytes)
      return;
    Candidate c;
    c.cuda = true;
    c.gpu = g;
    addUnique(out, c);
  };
  GpuConfig dflt = defaultGpuConfig(spec, rows, /*tensorCores=*/true,
                                    /*rowGroups=*/true, limits.clusters);
  consider(dflt);
  auto f = factorize(spec.d);
  if (!f)
    return out;
  int64_t p = int64_t(1) << f->k;
  // H_m on tensor cores (mma with pairs): one, two, four and eight rows a
  // block (which won moved with m and 2^k, run123-126), one warp a row and
  // past 2^k = 32 two, or a warp for each of the row's blocks of 16 dense
  // indices (which won moved with the shared memory a row takes and the
  // registers a warp holds, run134, run239-240).
  // From the default where it is that kernel, and where the split layout
  // on tensor cores took over from it with three to eight blocks (16-bit
  // 7168; 3072 and 6144 too), with its m-point stage by the sign program
  // ('vector_width' 4) or on tensor cores (8).
  // And where the default is the tiles at 2^k = 64 or 128 (one warp a row,
  // 'vector_width' 4): since stage 2 takes one piece (bf16) or one tf32
  // piece (f16) H_m on tensor cores won at some of those (H200, run323,
  // 65536 rows: bf16 2560 0.90 -> 0.96, 16-bit 1792 0.92 -> 0.94; 3584,
  // now its default) and lost at others (1280, 1536, 2304).
  GpuConfig hm = dflt;
  bool splitDefault = dflt.crossWarp == GpuCrossWarp::Mma &&
                      (dflt.vectorWidth == 4 || dflt.vectorWidth == 8) &&
                      dflt.threadsPerRow > 64;
  bool tileDefault = dflt.crossWarp == GpuCrossWarp::Mma &&
                     dflt.vectorWidth == 4 && dflt.threadsPerRow <= 64 &&
                     f->m > 1 && (p == 64 || p == 128);
  if (int64_t blocks = p >= 64 ? hmTensorCoreBlocks(spec) : 0;
      (splitDefault && blocks > 2 && blocks <= 8) || tileDefault) {
    hm = mmaGpuConfig(spec, rows);
    hm.vectorWidth = 2;
  }
  if (hm.crossWarp == GpuCrossWarp::Mma && hm.vectorWidth == 2) {
    std::vector<int64_t> warpCounts{1};
    if (p >= 64) {
      warpCounts.push_back(2);
      if (int64_t blocks = hmTensorCoreBlocks(spec); blocks > 2 && blocks <= 8)
        warpCounts.push_back(blocks);
    }
    for (int64_t warps : warpCounts) {
      if (spec.d % (32 * warps) != 0)
        continue;
      for (int64_t r : {1, 2, 4, 8}) {
        GpuConfig g = hm;
        g.rowIters = 1; // (the default's twin with 2: below)
        g.threadsPerRow = 32 * warps;
        g.elemsPerThread = spec.d / g.threadsPerRow;
        g.rowsPerBlock = rows > 0 ? std::min(rows, r) : r;
        consider(g);
      }
    }
  }
  // Tensor-core tiles (16 bits, 2^k >= 256, or 128 ... 8 with a
  // dense factor; for fp32 rows H_m on tensor cores, 2^k = 8 ... 64;
  // checkGpuConfig refuses the rest): one warp a row, four or
  // eight warps a block, while a thread's d / 32 values fit in registers
  // (past 128 they spill); two warps a row (a dense factor, 2^k >= 256),
  // two or four rows a block, while d / 64 do. (Whatever rows a block the
  // default took: H_m on tensor cores takes four at some sizes.)
  for (int64_t warps : {1, 2}) {
    if (spec.d / (32 * warps) > 128)
      continue;
    // (Two rows-per-block counts each; a conditional between two
    // initializer lists would leave the loop reading a dead array.)
    for (int64_t r : {2 * (3 - warps), 4 * (3 - warps)}) {
      GpuConfig g = mmaGpuConfig(spec, rows);
      g.threadsPerRow = 32 * warps;
      g.elemsPerThread = spec.d / g.threadsPerRow;
      g.rowsPerBlock = rows > 0 ? std::min(rows, r) : r;
      consider(g);
    }
  }
  // The split layout on tensor cores (16 bits, a dense factor, 2^k >= 256;
  // checkGpuConfig refuses the rest), for rows in bulk: a warp g = 1, 2 or
  // 4 dense indices (g dividing m), at most 32 warps a row and 64 values a
  // thread (run284: g = 1, 2, 4 each won somewhere, at 12288, 10240, 7168).
  // Without an output cast also H_m on tensor cores ('vector_width' = 8),
  // from m = 28 (below it the sign program costs less).
  for (int64_t g : {1, 2, 4})
    if (f->m > 1 && f->m % g == 0 && f->m / g <= 32 && p >= 256 &&
        g * p / 32 <= 64 && (rows == 0 || rows > 64)) {
      GpuConfig c = mmaSplitGpuConfig(spec, g);
      consider(c);
      if (spec.dtype != DType::F32 && !spec.casts() && f->m >= 28) {
        c.vectorWidth = 8;
        consider(c);
      }
    }
  // The same for a power-of-two d (16 bits, from 4096): M = 4 ... 32
  // warps a row, warp w the row's w-th M-th (Sylvester's H_M as the m-point
  // stage), at most 64 values a lane.
  if (f->m == 1 && spec.dtype != DType::F32 && spec.d >= 4096 &&
      (rows == 0 || rows > 64))
    for (int64_t t = 128; t <= 1024; t *= 2) {
      if (spec.d / t > 64 || spec.d / (t / 32) < 256)
        continue;
      GpuConfig c = mmaPowerOfTwoSplitGpuConfig(spec, t);
      consider(c);
      if (!spec.casts()) {
        c.vectorWidth = 8;
        consider(c);
      }
    }
  int64_t vmax = std::min<int64_t>(16 / dtypeBytes(spec.dtype), p);
  // 16-byte vectors; with a dense factor every narrower width as well (a
  // thread holds m of them).
  std::vector<int64_t> widths{vmax};
  for (int64_t v = vmax / 2; f->m > 1 && v >= 1; v /= 2)
    widths.push_back(v);
  std::vector<int64_t> iters{1};
  if (rows > 64) {
    iters.push_back(4);
    if (spec.dtype != DType::F32)
      iters.push_back(16);
  }
  for (int64_t v : widths) {
    int64_t vectors = p / v;
    for (int64_t chunks = 1; chunks <= 16 && chunks <= vectors; chunks *= 2) {
      int64_t t = vectors / chunks;
      // More than 64 values a thread spills (measured: m = 60, 8 lanes).
      if (t > 1024 || f->m * chunks * v > 64)
        continue;
      for (bool transpose : {false, true}) {
        if (transpose && (chunks < 2 || t == 1))
          continue;
        // 64-thread blocks too: one row of 64 threads a block won at
        // 16-bit d = 2048, 65536 rows (H200, 2026-11-30: 0.86 -> 0.89).
        for (int64_t blockThreads : {64, 128, 256}) {
          int64_t r = std::max<int64_t>(1, blockThreads / t);
          for (int64_t k : iters) {
            // A grid of fewer than two blocks per multiprocessor of an
            // H200 leaves it idle: no row groups there.
            if (k > 1 && rows / (r * k) < 264)
              continue;
            GpuConfig g;
            g.vectorWidth = v;
            g.elemsPerThread = f->m * chunks * v;
            g.threadsPerRow = t;
            g.rowsPerBlock = r;
            g.crossWarp =
                transpose ? GpuCrossWarp::Transpose : GpuCrossWarp::Shared;
            g.rowIters = k;
            consider(g);
          }
        }
      }
    }
  }
  // fp32 rows of a dense factor in bulk: the dense-index transpose with
  // two or four positions a thread past the 64 values above, up to 88,
  // over 2 to 16 warps, one row a block (the defaults at 18432, 20480 and
  // 22528: 72, 80 and 88 values, 128 registers with H_m in row blocks,
  // runs 453 and 455; 104 spilled at 26624). Where such a candidate
  // spills, the prune drops it.
  if (spec.dtype == DType::F32 && f->m > 1 && (rows == 0 || rows > 64))
    for (int64_t v : {2, 4}) {
      int64_t t = p / v;
      if (f->m * v <= 64 || f->m * v > 88 || t < 64 || t > 512)
        continue;
      GpuConfig g;
      g.vectorWidth = v;
      g.elemsPerThread = f->m * v;
      g.threadsPerRow = t;
      g.rowsPerBlock = 1;
      g.crossWarp = GpuCrossWarp::Shared;
      consider(g);
    }
  // Decode rows of a power-of-two size on sm_90: a cluster of 2, 4 or 8
  // blocks a row, each transforming a slice (16-byte vectors, at least
  // `cluster` of them a thread, at most 64 values; 16 to 1024 threads).
  if (limits.clusters && rows > 0 && rows <= 64 && f->m == 1)
    for (int64_t cl : {2, 4, 8}) {
      int64_t vectors = p / vmax / cl;
      for (int64_t chunks = cl; chunks <= 16 && chunks <= vectors;
           chunks *= 2) {
        int64_t t = vectors / chunks;
        if (t < 16 || t > 1024 || chunks * vmax > 64)
          continue;
        for (bool transpose : {false, true}) {
          GpuConfig g;
          g.vectorWidth = vmax;
          g.elemsPerThread = chunks * vmax;
          g.threadsPerRow = t;
          g.rowsPerBlock = 1;
          g.crossWarp =
              transpose ? GpuCrossWarp::Transpose : GpuCrossWarp::Shared;
          g.cluster = cl;
          consider(g);
        }
      }
    }
  // The grouped layout (one element of m / g dense indices a thread, a
  // row's g 2^k threads g groups, H_m's column blocks met through shared
  // memory; g = 2 and 4), one row a block: for decode rows only, where a
  // thread's sign program is latency; in bulk the half layout lost to
  // every default (fp32 7680 0.71 -> 0.54 of the copy roofline, bf16 0.88
  // -> 0.28; H200, run369).
  if (f->m > 1 && rows > 0 && rows <= 64)
    for (int64_t g : {2, 4}) {
      if (g * p > 1024)
        continue;
      GpuConfig c;
      c.vectorWidth = 1;
      c.elemsPerThread = f->m / g;
      c.threadsPerRow = g * p;
      c.rowsPerBlock = 1;
      c.crossWarp = GpuCrossWarp::Shared;
      consider(c); // refused with a prologue or epilogue (gpuGroupsConflict)
      // And on sm_90 as a cluster of 2 ... 8 blocks a row splitting H_m's
      // outputs (m / (cluster g) a thread).
      for (int64_t cl = 2; limits.clusters && cl <= 8; ++cl)
        if (f->m % (cl * g) == 0) {
          c.cluster = cl;
          consider(c);
        }
    }
  // The split layout (a thread holds one dense index, H_m after a pass
  // through shared memory): 16-byte vectors, up to 32 values a thread, one
  // to four rows a block.
  if (f->m > 1 && spec.norm == NormKind::None)
    for (int64_t chunks = 1; chunks <= 4 && chunks * vmax <= p; chunks *= 2) {
      int64_t e = chunks * vmax, t = f->m * (p / e);
      if (t > 1024)
        continue;
      for (bool transpose : {false, true}) {
        if (transpose && (chunks < 2 || t == f->m))
          continue;
        for (int64_t r = 1; r <= 4 && r * t <= 1024; r *= 2)
          for (int64_t k : iters) {
            if (k > 1 && rows / (r * k) < 264)
              continue;
            GpuConfig g;
            g.vectorWidth = vmax;
            g.elemsPerThread = e;
            g.threadsPerRow = t;
            g.rowsPerBlock = r;
            g.crossWarp =
                transpose ? GpuCrossWarp::Transpose : GpuCrossWarp::Shared;
            g.rowIters = k;
            consider(g);
          }
      }
    }
  // A tensor-core default with and without the L2 prefetch of the rows
  // two grids ahead ('row_iters' 2 and 1 for cross_warp = mma): which
  // wins moved with the size, the kernel and the row count (run387-389).
  if (dflt.crossWarp == GpuCrossWarp::Mma) {
    GpuConfig twin = dflt;
    twin.rowIters = dflt.rowIters == 1 ? 2 : 1;
    consider(twin);
  }
  return out;
}

std::vector<Candidate> cpuCandidates(const ProjectionSpec &spec, int64_t rows,
                                     int maxThreads) {
  std::vector<Candidate> out;
  CpuConfig def = defaultCpuConfig(HostCpu::detect());
  int defThreads = rows < 64 ? 1 : std::max(1, maxThreads);
  Candidate first;
  first.cuda = false;
  first.cpu = def;
  first.threads = defThreads;
  addUnique(out, first);
  std::vector<int> threads{1};
  if (rows >= 64)
    for (int t = 2; t <= maxThreads; t *= 2)
      threads.push_back(t);
  if (rows >= 64 && threads.back() != maxThreads && maxThreads > 1)
    threads.push_back(maxThreads);
  for (int64_t vw : {def.vectorWidth, def.vectorWidth / 2})
    for (int levels : {2, 3, 4, 5})
      for (bool nt : {true, false})
        for (int t : threads) {
          Candidate c;
          c.cuda = false;
          c.cpu.vectorWidth = vw;
          c.cpu.levelsPerPass = levels;
          c.cpu.nontemporal = nt;
          c.threads = t;
          if (Error e = validateCpuConfig(c.cpu))
            consumeError(std::move(e));
          else
            addUnique(out, c);
        }
  // The prefetch density around the host's default schedule (hosts differ:
  // a Zen 3 VM ran two a line best on rows of two passes, Sapphire Rapids
  // one), less the density the lowering's rule gives that schedule, which
  // is the default candidate's code under another key.
  // (The order is the rule's, as the lowering takes it: the whole
  // transform, contiguousPassFirst on this host's L1.)
  int64_t rule = 0;
  std::optional<Factorization> f = factorize(spec.d);
  bool wholeTransform =
      !spec.hasPrologue() && !spec.hasEpilogue() && spec.crossHeadOnly == 0;
  bool ruleNarrow = f && wholeTransform &&
                    contiguousPassFirst(*f, dtypeBytes(spec.dtype),
                                        HostCpu::detect().l1dBytes);
  std::optional<CpuSchedule> schedule;
  if (f) {
    schedule = planCpuSchedule(*f, def.vectorWidth, def.levelsPerPass,
                               spec.crossHeadOnly, spec.dtype == DType::F32,
                               ruleNarrow);
    rule = defaultPrefetchesPerLine(*schedule, dtypeBytes(spec.dtype),
                                    spec.d * dtypeBytes(spec.dtype));
  }
  for (int prefetches : {1, 2, 4})
    for (int t : threads) {
      if (prefetches == rule)
        continue;
      Candidate c = first;
      c.cpu.prefetchPerLine = prefetches;
      c.threads = t;
      addUnique(out, c);
    }
  // The order of the passes on the host's default schedule (hosts differ:
  // contiguous first gained on a Zen 5 and lost on Sapphire Rapids), the
  // one the rule does not take, where either may run: the whole transform
  // with two passes or more.
  if (schedule && wholeTransform && schedule->passes.size() > 1) {
    for (int t : threads) {
      Candidate c = first;
      c.cpu.passOrder = ruleNarrow ? CpuPassOrder::WidestFirst
                                   : CpuPassOrder::ContiguousFirst;
      c.threads = t;
      addUnique(out, c);
    }
  }
  return out;
}

namespace {
/// How many of the fastest candidates are timed a second time.
constexpr size_t kConfirm = 3;

/// What is compiled once and shared by every shape that times it: the
/// spec and the candidate minus the CPU thread count.
std::string compileKey(const ProjectionSpec &spec, const Candidate &c) {
  Candidate k = c;
  k.threads = 1;
  return specKey(spec) + " | " + k.str();
}

/// Compiles jobs on a few threads, in the order they were queued, while the
/// caller waits for each in turn.
class CompileQueue {
public:
  explicit CompileQueue(Measurer &m) : measurer(m) {}
  /// Starts `threads` compile threads; the error names compile_threads when
  /// the system refuses one (the destructor joins those started).
  Error start(int threads) {
    if (Error e = ThreadPool::checkCount(threads, "compile_threads"))
      return e;
    for (int i = 0; i < threads; ++i) {
      try {
        workers.emplace_back([this] { work(); });
      } catch (const std::system_error &e) {
        return createStringError(
            "compile_threads: could not start thread " + std::to_string(i + 1) +
            " of " + std::to_string(threads) + " (" + e.what() + ")");
      }
    }
    return Error::success();
  }
  ~CompileQueue() {
    {
      // Whatever has not started is not needed any more (an early return).
      std::lock_guard<std::mutex> g(mu);
      stopping = true;
      pending.clear();
    }
    wake.notify_all();
    for (std::thread &t : workers)
      t.join();
  }
  /// Queues (spec, candidate) unless queued before; returns its slot.
  size_t add(const ProjectionSpec &spec, const Candidate &c) {
    std::string key = compileKey(spec, c);
    std::lock_guard<std::mutex> g(mu);
    for (size_t i = 0; i < jobs.size(); ++i)
      if (jobs[i].key == key)
        return i;
    jobs.push_back(Job{key, spec, c, nullptr, "", false});
    pending.push_back(jobs.size() - 1);
    wake.notify_one();
    return jobs.size() - 1;
  }
  /// Waits for slot `i`: the compiled kernel, or null and the error text.
  Compiled *wait(size_t i, std::string &error) {
    std::unique_lock<std::mutex> g(mu);
    finished.wait(g, [&] { return jobs[i].done; });
    error = jobs[i].error;
    return jobs[i].compiled.get();
  }
  /// Starts no further job and waits for the running ones (a CPU timing
  /// needs the cores), until resume().
  void pause() {
    std::unique_lock<std::mutex> g(mu);
    paused = true;
    finished.wait(g, [&] { return running == 0; });
  }
  void resume() {
    {
      std::lock_guard<std::mutex> g(mu);
      paused = false;
    }
    wake.notify_all();
  }

private:
  struct Job {
    std::string key;
    ProjectionSpec spec;
    Candidate candidate;
    std::unique_ptr<Compiled> compiled;
    std::string error;
    bool done;
  };
  void work() {
    for (;;) {
      size_t i;
      ProjectionSpec spec;
      Candidate c;
      {
        std::unique_lock<std::mutex> g(mu);
        wake.wait(g, [&] { return stopping || (!paused && !pending.empty()); });
        if (stopping || pending.empty())
          return;
        i = pending.front();
        pending.pop_front();
        spec = jobs[i].spec;
        c = jobs[i].candidate;
        ++running;
      }
      auto r = measurer.compile(spec, c);
      std::lock_guard<std::mutex> g(mu);
      if (r)
        jobs[i].compiled = std::move(*r);
      else
        jobs[i].error = toString(r.takeError());
      jobs[i].done = true;
      --running;
      finished.notify_all();
    }
  }

  Measurer &measurer;
  std::mutex mu;
  std::condition_variable wake, finished;
  std::deque<Job> jobs; // stable addresses as it grows
  std::deque<size_t> pending;
  std::vector<std::thread> workers;
  bool stopping = false, paused = false;
  int running = 0;
};
} // namespace

std::optional<std::string> shapeTooLarge(const ProjectionSpec &spec,
                                         const Shape &shape, bool timedOnCpu,
                                         bool seqAlone) {
  std::string rows =
      seqAlone && shape.batch == 1
          ? formatv("{0} rows of d = {1}", shape.seq, spec.d).str()
          : formatv("{0} x {1} rows of d = {2}", shape.batch, shape.seq, spec.d)
                .str();
  double need = cpuBufferBytes(spec, 1, 0, false) * double(shape.batch) *
                double(shape.seq);
  if (timedOnCpu)
    if (std::optional<std::string> over = beyondHostMemory(need))
      return formatv("{0} need {1:F1} GB of host buffers, {2}; pass fewer",
                     rows, need / 1e9, *over)
          .str();
  std::optional<int64_t> n = checkedMul(shape.batch, shape.seq);
  if (!n || *n > kMaxRows)
    return rows + " are more than 2^62; pass fewer";
  return std::nullopt;
}

Expected<std::vector<ShapeResult>>
tuneShapes(const std::vector<std::pair<ProjectionSpec, Shape>> &work,
           TuningDb &db, Measurer &measurer, const TuneOptions &options) {
  for (auto &[spec, shape] : work)
    if (auto why = shapeTooLarge(spec, shape, measurer.timesOnHostCores()))
      return createStringError("shape: " + *why);
  auto start = std::chrono::steady_clock::now();
  std::vector<ShapeResult> results;
  std::vector<std::vector<Candidate>> lists;
  std::vector<std::vector<size_t>> slots;
  int threads = options.compileThreads > 0 ? options.compileThreads
                                           : ThreadPool::hardwareThreads();
  CompileQueue queue(measurer);
  if (Error e = queue.start(threads))
    return std::move(e);
  Progress progress;
  // The work item timed for each entry (spec key, bucket).
  std::map<std::pair<std::string, std::string>, size_t> timedFor;
  // Queue every compile first, in measuring order, so the compilers run
  // ahead of the device.
  for (auto &[spec, shape] : work) {
    ShapeResult r;
    r.spec = spec;
    r.shape = shape;
    Bucket bucket = Bucket::of(shape);
    if (!options.force)
      if (const Entry *e = db.exact(spec, bucket)) {
        r.fromDb = true;
        r.entry = *e;
      }
    // A work item of an earlier one's entry is timed once (until
    // 2026-12-07 `walsh tune --batch 3,4` timed both and kept the last).
    if (!r.fromDb)
      if (auto [first, fresh] = timedFor.try_emplace(
              {specKey(spec), bucket.str()}, results.size());
          !fresh)
        r.sameAs = first->second;
    std::vector<Candidate> list;
    std::vector<size_t> s;
    if (!r.fromDb && !r.sameAs) {
      list = options.candidates(spec, shape.rows());
      for (const Candidate &c : list)
        s.push_back(queue.add(spec, c));
      progress.total += int(list.size());
    }
    results.push_back(std::move(r));
    lists.push_back(std::move(list));
    slots.push_back(std::move(s));
  }
  const double inf = std::numeric_limits<double>::infinity();
  // Asked to stop: the shapes before w are the results (the queue's
  // destructor drops the compiles not started).
  auto stopped = [&](size_t w) {
    if (!options.stopRequested || !options.stopRequested())
      return false;
    results.resize(w);
    return true;
  };
  for (size_t w = 0; w < results.size(); ++w) {
    if (stopped(w))
      return results;
    ShapeResult &r = results[w];
    if (r.fromDb)
      continue;
    if (r.sameAs) {
      r.entry = results[*r.sameAs].entry;
      r.error = results[*r.sameAs].error;
      continue;
    }
    // On the CPU the compiles ran on the cores the kernels are timed on:
    // this shape's candidates are compiled first, and nothing compiles
    // while they are timed (a Zen 3 VM of 2 cores, f32 d = 512 at 8192
    // rows: the best candidate's time moved 684-4010 us over three tunes
    // with the compiles running beside it).
    struct Paused {
      CompileQueue *queue = nullptr;
      ~Paused() {
        if (queue)
          queue->resume();
      }
    } paused;
    if (measurer.timesOnHostCores()) {
      for (size_t slot : slots[w]) {
        if (stopped(w)) // (a shape's compiles take seconds on two cores)
          return results;
        std::string ignored;
        queue.wait(slot, ignored);
      }
      queue.pause();
      paused.queue = &queue;
    }
    auto copy = measurer.copyTime(r.spec, r.shape);
    if (!copy)
      return copy.takeError();
    Entry e;
    e.spec = specKey(r.spec);
    e.bucket = Bucket::of(r.shape);
    e.rows = r.shape.rows();
    e.copyUs = *copy;
    e.sustainSeconds = measurer.sustainSeconds();
    double best = inf, worst = 0;
    for (size_t i = 0; i < lists[w].size(); ++i) {
      if (stopped(w))
        return results;
      const Candidate &c = lists[w][i];
      std::string error;
      Compiled *compiled = queue.wait(slots[w][i], error);
      double us = inf;
      if (compiled) {
        auto t = measurer.time(r.spec, r.shape, c, *compiled);
        if (t && std::isfinite(*t) && *t > 0)
          us = *t;
        else
          error = t ? "no time measured" : toString(t.takeError());
      }
      r.timings.push_back({c, us});
      r.failures.push_back(error);
      ++e.candidates;
      if (!std::isfinite(us)) {
        ++e.failed;
      } else {
        if (us < best) {
          best = us;
          e.best = c;
        }
        worst = std::max(worst, us);
      }
      if (i == 0)
        e.defaultUs = std::isfinite(us) ? us : 0;
      ++progress.done;
      progress.elapsedSeconds = std::chrono::duration<double>(
                                    std::chrono::steady_clock::now() - start)
                                    .count();
      if (options.progress)
        options.progress(progress);
    }
    if (!std::isfinite(best)) {
      r.error = "every candidate failed (" + std::to_string(e.candidates) +
                "); the first: " +
                (r.failures.empty() ? std::string("none") : r.failures[0]);
      continue;
    }
    // Confirmation: the fastest few, and the default wherever it ranked,
    // are timed again and ranked by the mean of both timings, so one lucky
    // measurement does not decide and the speedup over the default
    // compares means with means. (Before, a default outside the fastest
    // few kept its one timing: H200, 2026-12-02, run334, f16 7680 read
    // 1.09 x over its default in walsh tune and 0.97 x beside it in walsh
    // run.)
    std::vector<size_t> order;
    for (size_t i = 0; i < r.timings.size(); ++i)
      if (std::isfinite(r.timings[i].second))
        order.push_back(i);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return r.timings[a].second < r.timings[b].second;
    });
    order.resize(std::min<size_t>(order.size(), kConfirm));
    if (std::isfinite(r.timings[0].second) &&
        std::find(order.begin(), order.end(), size_t(0)) == order.end())
      order.push_back(0);
    if (order.size() > 1) {
      best = inf;
      for (size_t i : order) {
        if (stopped(w))
          return results;
        std::string error;
        Compiled *compiled = queue.wait(slots[w][i], error);
        auto again =
            measurer.time(r.spec, r.shape, r.timings[i].first, *compiled);
        double us = again && std::isfinite(*again) && *again > 0
                        ? (r.timings[i].second + *again) / 2
                        : inf;
        if (!again)
          consumeError(again.takeError());
        // The default's time too is the mean when it was timed twice, so
        // the speedup over it compares like with like.
        if (i == 0 && std::isfinite(us))
          e.defaultUs = us;
        if (us < best) {
          best = us;
          e.best = r.timings[i].first;
        }
      }
      if (!std::isfinite(best)) {
        best = r.timings[order[0]].second;
        e.best = r.timings[order[0]].first;
      }
    }
    e.timeUs = best;
    e.worstUs = worst;
    db.put(e);
    r.entry = *db.exact(r.spec, e.bucket);
    if (options.afterEach)
      if (Error err = options.afterEach())
        return std::move(err);
  }
  return results;
}

const char *configSourceName(ConfigSource s) {
  switch (s) {
  case ConfigSource::Exact:
    return "db-exact";
  case ConfigSource::Nearest:
    return "db-nearest";
  case ConfigSource::Tuned:
    return "tuned";
  case ConfigSource::Default:
    break;
  }
  return "default";
}

Expected<TuneMode> parseTuneMode(StringRef s) {
  if (s == "tune-on-miss")
    return TuneMode::TuneOnMiss;
  if (s == "db-only")
    return TuneMode::DbOnly;
  if (s == "heuristic")
    return TuneMode::Heuristic;
  return createStringError(
      "expects tune-on-miss, db-only or heuristic, got '" + s.str() + "'");
}

Expected<Choice> chooseConfig(const ProjectionSpec &spec, const Shape &shape,
                              TuneMode mode, TuningDb *db,
                              const Candidate &fallback, Measurer *measurer,
                              const TuneOptions &options) {
  Choice c;
  c.candidate = fallback;
  if (mode == TuneMode::Heuristic || !db)
    return c;
  Bucket bucket = Bucket::of(shape);
  if (const Entry *e = db->exact(spec, bucket)) {
    c.candidate = e->best;
    c.source = ConfigSource::Exact;
    c.bucket = e->bucket.str();
    return c;
  }
  const Entry *near = db->nearest(spec, bucket);
  // The same spec at the same rows, tuned as another heads x head_dim, is
  // the same measurement: tune-on-miss takes it rather than timing again.
  bool sameRows = near && near->bucket.rows() == bucket.rows();
  if (mode == TuneMode::TuneOnMiss && measurer && !sameRows) {
    auto r = tuneShapes({{spec, shape}}, *db, *measurer, options);
    if (!r)
      return r.takeError();
    if (Error e = db->save())
      return std::move(e);
    if (const Entry *e = db->exact(spec, bucket)) {
      c.candidate = e->best;
      c.source = ConfigSource::Tuned;
      c.bucket = e->bucket.str();
    }
    return c;
  }
  if (near) {
    c.candidate = near->best;
    c.source = ConfigSource::Nearest;
    c.bucket = near->bucket.str();
  }
  return c;
}

} // namespace walsh::tune
