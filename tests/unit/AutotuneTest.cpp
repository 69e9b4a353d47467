//===- AutotuneTest.cpp - search, buckets, pruning and the database -------===//
//
// The autotuner with a simulated measurement backend: times are a
// deterministic function of the configuration, chosen candidates can be
// made to fail to compile or to compute a wrong result, and every call is
// counted. Nothing here touches a GPU.
//
//===----------------------------------------------------------------------===//
#include "walsh/Autotune/Measurers.h"
#include "walsh/Autotune/Tuner.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include "UnitSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace walsh;
using namespace walsh::tune;

namespace {

ProjectionSpec spec(int64_t d, DType dt = DType::BF16) {
  ProjectionSpec s;
  s.d = d;
  s.dtype = dt;
  return s;
}

DeviceIdentity gpuDevice() {
  DeviceIdentity d;
  d.target = "cuda";
  d.name = "Simulated GPU";
  d.arch = "sm_90";
  d.smCount = 132;
  d.walshVersion = "test";
  return d;
}

/// A temporary directory removed at the end of the test.
using walsh::test::TempDir;

struct SimCompiled : Compiled {
  Candidate c;
};

/// Time = a deterministic score of the configuration; `wrong` candidates
/// compute a wrong result, `broken` ones fail to compile.
class SimulatedMeasurer : public Measurer {
public:
  std::function<double(const Candidate &, const Shape &)> score =
      [](const Candidate &c, const Shape &s) {
        return double(s.rows()) / 100.0 + double(c.gpu.elemsPerThread) +
               ((c.gpu.crossWarp == GpuCrossWarp::Transpose) ? 0.5 : 0.0) +
               double(c.gpu.rowIters) * 0.1;
      };
  std::function<bool(const Candidate &)> wrong = [](const Candidate &) {
    return false;
  };
  std::function<bool(const Candidate &)> broken = [](const Candidate &) {
    return false;
  };
  std::atomic<int> compiles{0}, timings{0}, copies{0};
  std::mutex mu;
  std::multiset<std::string> compiled;
  /// Whether timings share the compilers' cores (the CPU target); then
  /// `overlaps` counts timings that ran while a compile did.
  bool onHost = false;
  std::atomic<int> compiling{0}, overlaps{0};

  /// What sustainSeconds() says (a GPU measurer's --sustain).
  double sustain = 0;

  bool timesOnHostCores() const override { return onHost; }
  double sustainSeconds() const override { return sustain; }
  llvm::Expected<std::unique_ptr<Compiled>>
  compile(const ProjectionSpec &, const Candidate &c) override {
    ++compiles;
    ++compiling;
    // Long enough that a timing beside it would be seen.
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --compiling;
    {
      std::lock_guard<std::mutex> g(mu);
      compiled.insert(c.str());
    }
    if (broken(c))
      return llvm::createStringError("ptxas: simulated failure");
    auto out = std::make_unique<SimCompiled>();
    out->c = c;
    return std::unique_ptr<Compiled>(std::move(out));
  }
  llvm::Expected<double> time(const ProjectionSpec &, const Shape &shape,
                              const Candidate &c, Compiled &k) override {
    ++timings;
    if (compiling)
      ++overlaps;
    EXPECT_EQ(static_cast<SimCompiled &>(k).c, c);
    if (wrong(c))
      return llvm::createStringError("wrong result: max relative error 1");
    return score(c, shape);
  }
  llvm::Expected<double> copyTime(const ProjectionSpec &,
                                  const Shape &s) override {
    ++copies;
    if (compiling)
      ++overlaps;
    return double(s.rows()) / 200.0;
  }
};

TuneOptions gpuOptions(int64_t maxShared = 227 * 1024) {
  TuneOptions o;
  o.compileThreads = 3;
  o.candidates = [maxShared](const ProjectionSpec &s, int64_t rows) {
    GpuLimits l;
    l.maxSharedBytes = maxShared;
    return gpuCandidates(s, rows, l);
  };
  return o;
}

TEST(AutotuneBucket, RoundsBatchAndSeqUp) {
  Bucket b = Bucket::of(Shape{3, 1000, 32, 128});
  EXPECT_EQ(b.batch, 4);
  EXPECT_EQ(b.seq, 1024);
  EXPECT_EQ(b.heads, 32);
  EXPECT_EQ(b.headDim, 128);
  EXPECT_EQ(Bucket::of(Shape{1, 1, 8, 64}).rows(), 1);
  EXPECT_EQ(Bucket::of(Shape{8, 1024, 8, 64}), Bucket::of(Shape{5, 513, 8, 64}));
  EXPECT_EQ(b.str(), "batch=4 seq=1024 heads=32 head_dim=128");
  // Past 2^62 a batch is its own bucket (until 2026-12-06 the doubling
  // that rounds it up overflowed before passing it, and never ended).
  int64_t big = (int64_t(1) << 62) + 1;
  EXPECT_EQ(Bucket::of(Shape{big, 1, 1, 64}).batch, big);
  EXPECT_EQ(Bucket::of(Shape{int64_t(1) << 62, 1, 1, 64}).batch, int64_t(1)
                                                                     << 62);
}

TEST(AutotuneSearch, AShapeTooLargeIsRefusedByItsRowsBeforeAnyCompile) {
  TempDir dir("walsh-tune");
  auto db = TuningDb::open(dir.file("db.json"), gpuDevice());
  ASSERT_TRUE(bool(db));
  SimulatedMeasurer m;
  int64_t big = (int64_t(1) << 62) + 1;
  // Past 2^62 rows, and a batch * seq past 64 bits (4 x 2^62 + 4 would
  // wrap to 4 rows).
  for (Shape s : {Shape{big, 1, 8, 128}, Shape{big, 4, 8, 128}}) {
    auto r = tuneShapes({{spec(1024), s}}, *db, m, gpuOptions());
    ASSERT_FALSE(bool(r));
    EXPECT_EQ(llvm::toString(r.takeError()),
              "shape: " + std::to_string(s.batch) + " x " +
                  std::to_string(s.seq) +
                  " rows of d = 1024 are more than 2^62; pass fewer");
  }
  EXPECT_EQ(m.compiles.load(), 0);
  EXPECT_FALSE(
      shapeTooLarge(spec(1024), Shape{1, int64_t(1) << 62, 8, 128}, false));
  // Timed on the host's cores, the buffers must fit in its memory.
  auto host = shapeTooLarge(spec(1024), Shape{1 << 20, 1 << 20, 8, 128}, true);
  ASSERT_TRUE(host.has_value());
  EXPECT_EQ(host->rfind("1048576 x 1048576 rows of d = 1024 need ", 0), 0u)
      << *host;
  EXPECT_NE(host->find(" GB of host buffers, more than three quarters of "),
            std::string::npos)
      << *host;
  EXPECT_FALSE(shapeTooLarge(spec(1024), Shape{1, 4096, 8, 128}, true));
  // A caller naming the rows alone (walsh tune --rows): "S rows".
  auto seqAlone =
      shapeTooLarge(spec(1024), Shape{1, int64_t(1) << 62, 8, 128}, true, true);
  ASSERT_TRUE(seqAlone);
  EXPECT_EQ(seqAlone->rfind("4611686018427387904 rows of d = 1024 need ", 0),
            0u)
      << *seqAlone;
}

TEST(AutotuneCandidates, DefaultFirstEveryOneValidNoDuplicates) {
  for (auto [d, dt, rows] :
       {std::tuple{4096, DType::BF16, int64_t(65536)},
        std::tuple{768, DType::F16, int64_t(8192)},
        std::tuple{2048, DType::F32, int64_t(16)}}) {
    ProjectionSpec s = spec(d, dt);
    auto list = gpuCandidates(s, rows, GpuLimits{});
    ASSERT_GE(list.size(), 4u) << d;
    EXPECT_EQ(list[0].gpu, defaultGpuConfig(s, rows)) << d;
    for (size_t i = 0; i < list.size(); ++i) {
      auto shared = checkGpuConfig(s, list[i].gpu);
      ASSERT_TRUE(bool(shared)) << list[i].str();
      EXPECT_LE(*shared, 227 * 1024) << list[i].str();
      for (size_t j = 0; j < i; ++j)
        EXPECT_FALSE(list[i] == list[j]) << list[i].str();
      // Few rows: no row groups; fp32: never 16.
      if (rows <= 64) {
        EXPECT_EQ(list[i].gpu.rowIters, 1) << list[i].str();
      }
      if (dt == DType::F32) {
        EXPECT_LT(list[i].gpu.rowIters, 16) << list[i].str();
      }
    }
  }
}

// fp32 rows of a dense factor in bulk also try the dense-index transpose
// with two or four positions a thread up to 88 values (the form of the
// defaults at 18432, 20480, 22528): 9216 (36 x 256) as 72 values over 128
// threads, 10240 (20 x 512) as 80 over 128; nothing past 88 (26624's 104),
// nothing for 16-bit rows or decode rows.
TEST(AutotuneCandidates, Fp32DenseTransposeUpTo88Values) {
  auto wide = [](int64_t d, DType dt, int64_t rows) {
    std::set<std::pair<int64_t, int64_t>> forms; // (values, threads)
    for (const Candidate &c : gpuCandidates(spec(d, dt), rows, GpuLimits{}))
      if (c.gpu.elemsPerThread > 64 &&
          c.gpu.crossWarp == GpuCrossWarp::Shared) {
        EXPECT_LE(c.gpu.elemsPerThread, 88) << c.str();
        EXPECT_EQ(c.gpu.rowsPerBlock, 1) << c.str();
        forms.insert({c.gpu.elemsPerThread, c.gpu.threadsPerRow});
      }
    return forms;
  };
  using Forms = std::set<std::pair<int64_t, int64_t>>;
  EXPECT_EQ(wide(9216, DType::F32, 16384), (Forms{{72, 128}}));
  EXPECT_EQ(wide(10240, DType::F32, 65536), (Forms{{80, 128}}));
  EXPECT_EQ(wide(22528, DType::F32, 16384), (Forms{{88, 256}}));
  EXPECT_TRUE(wide(26624, DType::F32, 16384).empty());
  EXPECT_TRUE(wide(9216, DType::BF16, 16384).empty());
  EXPECT_TRUE(wide(9216, DType::F32, 16).empty());
}

// The grouped layout (elems_per_thread = m / 2 or m / 4) is a candidate
// for decode rows of a dense factor only, and never with an epilogue.
TEST(AutotuneCandidates, GroupedLayoutForDecodeRowsOnly) {
  auto grouped = [](const ProjectionSpec &s, int64_t rows) {
    std::set<int64_t> threads;
    for (const Candidate &c : gpuCandidates(s, rows, GpuLimits{}))
      if ((c.gpu.elemsPerThread == 14 || c.gpu.elemsPerThread == 7) &&
          c.gpu.crossWarp == GpuCrossWarp::Shared) {
        EXPECT_EQ(c.gpu.vectorWidth, 1) << c.str();
        EXPECT_EQ(c.gpu.elemsPerThread * c.gpu.threadsPerRow, 3584)
            << c.str();
        threads.insert(c.gpu.threadsPerRow);
      }
    return threads;
  };
  ProjectionSpec s = spec(3584, DType::BF16);
  EXPECT_EQ(grouped(s, 16), (std::set<int64_t>{256, 512}));
  EXPECT_TRUE(grouped(s, 65536).empty());
  s.residual = true;
  EXPECT_TRUE(grouped(s, 16).empty());
}

// With clusters (sm_90) the grouped layout is also timed as a cluster of
// 2 ... 8 blocks a row splitting H_m's outputs, wherever m / (cluster g)
// is whole: m = 60 at 2^k = 64, two groups 2, 3, 5, 6, four 3, 5.
TEST(AutotuneCandidates, GroupedLayoutClustersSplitTheOutputs) {
  auto layouts = [](int64_t rows, bool clusters) {
    std::set<std::pair<int64_t, int64_t>> seen; // (groups, cluster)
    GpuLimits limits;
    limits.clusters = clusters;
    for (const Candidate &c :
         gpuCandidates(spec(3840, DType::F32), rows, limits))
      if ((c.gpu.elemsPerThread == 30 || c.gpu.elemsPerThread == 15) &&
          c.gpu.crossWarp == GpuCrossWarp::Shared &&
          c.gpu.vectorWidth == 1) {
        EXPECT_EQ(c.gpu.elemsPerThread * c.gpu.threadsPerRow, 3840)
            << c.str();
        seen.insert({60 / c.gpu.elemsPerThread, c.gpu.cluster});
      }
    return seen;
  };
  using P = std::pair<int64_t, int64_t>;
  EXPECT_EQ(layouts(16, true), (std::set<P>{{2, 1}, {2, 2}, {2, 3}, {2, 5},
                                            {2, 6}, {4, 1}, {4, 3}, {4, 5}}));
  EXPECT_EQ(layouts(16, false), (std::set<P>{{2, 1}, {4, 1}}));
  EXPECT_TRUE(layouts(65536, true).empty());
}

// The CPU's prefetch densities: 1, 2 and 4 a line less the one the
// lowering's rule gives the default schedule, which would compile to the
// default candidate's code (checked: the two LLVM stages are the same).
TEST(AutotuneCandidates, CpuPrefetchDensitiesLeaveOutTheRulesOwn) {
  for (auto [d, dt] :
       {std::tuple{512, DType::F32}, std::tuple{4096, DType::F32},
        std::tuple{1024, DType::BF16}, std::tuple{768, DType::F16}}) {
    ProjectionSpec s = spec(d, dt);
    CpuConfig def = defaultCpuConfig(HostCpu::detect());
    std::set<int> densities;
    for (const Candidate &c : cpuCandidates(s, 65536, 2))
      if (c.cpu.prefetchPerLine)
        densities.insert(c.cpu.prefetchPerLine);
    ASSERT_EQ(densities.size(), 2u) << d;
    int rule = 0;
    for (int p : {1, 2, 4})
      if (!densities.count(p))
        rule = p;
    CpuConfig byRule = def;
    byRule.prefetchPerLine = rule;
    auto a = compileForCpu(s, def), b = compileForCpu(s, byRule);
    ASSERT_TRUE(bool(a) && bool(b)) << d;
    EXPECT_EQ((*a).stages.at("llvm"), (*b).stages.at("llvm"))
        << d << ": the left-out density " << rule << " is not the rule's";
    // And another density does change the code.
    CpuConfig other = def;
    other.prefetchPerLine = *densities.begin();
    auto c = compileForCpu(s, other);
    ASSERT_TRUE(bool(c)) << d;
    EXPECT_NE((*a).stages.at("llvm"), (*c).stages.at("llvm")) << d;
  }
}

// The CPU's pass order: the one the lowering's rule does not take on this
// host, on the default schedule, for every thread count; the rule's own
// would compile to the default candidate's code. None where a row takes
// one pass or the order is fixed (a fused epilogue).
TEST(AutotuneCandidates, CpuPassOrderTheRuleDoesNotTake) {
  for (auto [d, dt] :
       {std::tuple{4096, DType::F32}, std::tuple{1024, DType::BF16},
        std::tuple{1536, DType::F32}, std::tuple{8192, DType::F16}}) {
    ProjectionSpec s = spec(d, dt);
    CpuConfig def = defaultCpuConfig(HostCpu::detect());
    std::set<CpuPassOrder> orders;
    std::set<int> threads;
    for (const Candidate &c : cpuCandidates(s, 65536, 2))
      if (c.cpu.passOrder != CpuPassOrder::Rule) {
        orders.insert(c.cpu.passOrder);
        threads.insert(c.threads);
        EXPECT_EQ(c.cpu.levelsPerPass, def.levelsPerPass) << c.str();
      }
    ASSERT_EQ(orders.size(), 1u) << d;
    EXPECT_EQ(threads, (std::set<int>{1, 2})) << d;
    CpuConfig other = def, rules = def;
    other.passOrder = *orders.begin();
    rules.passOrder = other.passOrder == CpuPassOrder::WidestFirst
                          ? CpuPassOrder::ContiguousFirst
                          : CpuPassOrder::WidestFirst;
    auto a = compileForCpu(s, def), b = compileForCpu(s, rules),
         c = compileForCpu(s, other);
    ASSERT_TRUE(bool(a) && bool(b) && bool(c)) << d;
    EXPECT_EQ((*a).stages.at("llvm"), (*b).stages.at("llvm"))
        << d << ": the left-out order is not the rule's";
    EXPECT_NE((*a).stages.at("llvm"), (*c).stages.at("llvm")) << d;
  }
  ProjectionSpec onePass = spec(64, DType::F32), fused = spec(4096, DType::F32);
  fused.residual = true;
  for (const ProjectionSpec &s : {onePass, fused})
    for (const Candidate &c : cpuCandidates(s, 65536, 2))
      EXPECT_EQ(c.cpu.passOrder, CpuPassOrder::Rule) << s.d << " " << c.str();
}

// Clusters of 2, 4 and 8 blocks a row: for decode rows of a power-of-two
// size on a device that runs them, each valid, one row a block, at least
// `cluster` vectors a thread; never in bulk, with a dense factor or where
// the device has none (the default then has none either).
TEST(AutotuneCandidates, ClustersForDecodeRowsWhereTheDeviceRunsThem) {
  GpuLimits sm90;
  sm90.clusters = true;
  ProjectionSpec s = spec(8192, DType::F32);
  auto list = gpuCandidates(s, 16, sm90);
  EXPECT_EQ(list[0].gpu, defaultGpuConfig(s, 16));
  EXPECT_EQ(list[0].gpu.cluster, 8);
  std::set<int64_t> sizes;
  for (const Candidate &c : list) {
    if (c.gpu.cluster == 1)
      continue;
    sizes.insert(c.gpu.cluster);
    EXPECT_EQ(c.gpu.rowsPerBlock, 1) << c.str();
    EXPECT_GE(c.gpu.elemsPerThread / c.gpu.vectorWidth, c.gpu.cluster)
        << c.str();
    auto shared = checkGpuConfig(s, c.gpu);
    EXPECT_TRUE(bool(shared)) << c.str();
    if (!shared)
      llvm::consumeError(shared.takeError());
  }
  EXPECT_EQ(sizes, (std::set<int64_t>{2, 4, 8}));
  auto withoutClusters = gpuCandidates(s, 16, GpuLimits{});
  EXPECT_EQ(withoutClusters[0].gpu.cluster, 1);
  for (const Candidate &c :
       gpuCandidates(spec(8192, DType::F32), 16384, sm90))
    EXPECT_EQ(c.gpu.cluster, 1) << c.str();
  // With a dense factor (3072 = 12 x 256) only the grouped layout's
  // clusters, which split H_m's outputs: m / 2 or m / 4 values a thread,
  // the whole row a block, m a multiple of cluster * g.
  for (const Candidate &c : gpuCandidates(spec(3072, DType::BF16), 16, sm90))
    if (c.gpu.cluster > 1) {
      int64_t g = 12 / c.gpu.elemsPerThread;
      EXPECT_TRUE(g == 2 || g == 4) << c.str();
      EXPECT_EQ(c.gpu.elemsPerThread * c.gpu.threadsPerRow, 3072) << c.str();
      EXPECT_EQ(12 % (c.gpu.cluster * g), 0) << c.str();
    }
  for (const Candidate &c : withoutClusters)
    EXPECT_EQ(c.gpu.cluster, 1) << c.str();
}

TEST(AutotuneCandidates, OneRowOf64ThreadsIsACandidate) {
  // 16-bit d = 2048 at 16384 rows: the default takes two rows of 64
  // threads a block; one row a block (a 64-thread block, what won at 65536
  // rows) must be among the candidates too.
  ProjectionSpec s = spec(2048, DType::BF16);
  auto list = gpuCandidates(s, 16384, GpuLimits{});
  EXPECT_EQ(list[0].gpu.rowsPerBlock, 2);
  bool oneRow = false;
  for (const Candidate &c : list)
    oneRow |= c.gpu.threadsPerRow == 64 && c.gpu.rowsPerBlock == 1 &&
              (c.gpu.crossWarp == GpuCrossWarp::Transpose) &&
              c.gpu.rowIters == 16;
  EXPECT_TRUE(oneRow);
}

TEST(AutotuneCandidates, TheSplitLayoutOnTensorCoresInBulk) {
  // A warp g = 1, 2 or 4 dense indices (threads_per_row = 32 m / g,
  // cross_warp = mma): candidates for dense sizes in bulk with 2^k >= 256,
  // m / g <= 32 and g 2^k / 32 <= 64 values a thread (fp32 too: its
  // m-point stage on tensor cores, gpuSplitHmMma32), never for decode
  // rows, m = 1 or 2^k = 128.
  auto splitMma = [](int64_t d, DType t, int64_t rows) {
    int n = 0;
    for (const Candidate &c : gpuCandidates(spec(d, t), rows, GpuLimits{}))
      if (c.gpu.crossWarp == GpuCrossWarp::Mma && c.gpu.rowIters == 1 &&
          c.gpu.threadsPerRow * c.gpu.elemsPerThread == d &&
          c.gpu.threadsPerRow > 64 && c.gpu.vectorWidth == 4) {
        EXPECT_EQ(c.gpu.rowsPerBlock, 1) << c.str();
        ++n;
      }
    return n;
  };
  EXPECT_EQ(splitMma(10240, DType::BF16, 65536), 3); // 640, 320, 160
  EXPECT_EQ(splitMma(6144, DType::F16, 65536), 3);
  EXPECT_EQ(splitMma(3072, DType::BF16, 0), 3);
  EXPECT_EQ(splitMma(12288, DType::BF16, 65536), 2); // not 128 values
  EXPECT_EQ(splitMma(24576, DType::BF16, 65536), 1); // 12 x 2048
  EXPECT_EQ(splitMma(15360, DType::BF16, 65536), 2); // 60 x 256: g = 2, 4
  EXPECT_EQ(splitMma(12288, DType::F32, 65536), 2);
  EXPECT_EQ(splitMma(30720, DType::F32, 16384), 2); // 960, 480 threads
  EXPECT_EQ(splitMma(12288, DType::F32, 16), 0);
  EXPECT_EQ(splitMma(12288, DType::BF16, 16), 0);
  EXPECT_EQ(splitMma(1536, DType::BF16, 65536), 0); // 12 x 128
  // (A power of two: ThePowerOfTwoSplitOnTensorCores.)
  EXPECT_EQ(splitMma(2048, DType::BF16, 65536), 0);
}

TEST(AutotuneCandidates, TensorCoreDefaultsWithAndWithoutRowsAheadInL2) {
  // (Each filter above counts 'row_iters' = 1 only.) A cross_warp = mma
  // default is timed with and without the L2 prefetch of the rows two grids
  // ahead ('row_iters' 2 and 1), the same layout otherwise; other layouts
  // take 'row_iters' = 1 for mma.
  auto twins = [](int64_t d, DType t, int64_t rows) {
    ProjectionSpec s = spec(d, t);
    GpuConfig dflt = defaultGpuConfig(s, rows);
    std::vector<int64_t> iters;
    for (const Candidate &c : gpuCandidates(s, rows, GpuLimits{})) {
      GpuConfig g = c.gpu;
      if (g.crossWarp == GpuCrossWarp::Mma && g.rowIters != 1) {
        GpuConfig same = g;
        same.rowIters = dflt.rowIters;
        EXPECT_TRUE(same == dflt) << c.str();
      }
      g.rowIters = dflt.rowIters;
      if (g == dflt)
        iters.push_back(c.gpu.rowIters);
    }
    return iters;
  };
  EXPECT_EQ(twins(16384, DType::BF16, 16384), (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(twins(8192, DType::BF16, 65536), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(twins(352, DType::F16, 16384), (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(twins(352, DType::F16, 65536), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(twins(288, DType::F32, 65536), (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(twins(1664, DType::F32, 65536), (std::vector<int64_t>{1, 2}));
}

TEST(AutotuneCandidates, ThePowerOfTwoSplitOnTensorCores) {
  // A power-of-two d from 4096, 16 bits, in bulk: M = threads_per_row / 32
  // warps a row (128 ... 1024 threads), at most 64 values a lane and d / M
  // >= 256, 'vector_width' 4 and (no output cast) 8.
  auto split = [](const ProjectionSpec &s, int64_t rows) {
    std::vector<std::pair<int64_t, int64_t>> out;
    for (const Candidate &c : gpuCandidates(s, rows, GpuLimits{}))
      if (c.gpu.crossWarp == GpuCrossWarp::Mma && c.gpu.rowIters == 1 &&
          c.gpu.threadsPerRow >= 128) {
        EXPECT_EQ(c.gpu.rowsPerBlock, 1) << c.str();
        EXPECT_EQ(c.gpu.threadsPerRow * c.gpu.elemsPerThread, s.d) << c.str();
        out.emplace_back(c.gpu.threadsPerRow, c.gpu.vectorWidth);
      }
    std::sort(out.begin(), out.end());
    return out;
  };
  using V = std::vector<std::pair<int64_t, int64_t>>;
  EXPECT_EQ(split(spec(16384), 16384),
            (V{{256, 4}, {256, 8}, {512, 4}, {512, 8}, {1024, 4}, {1024, 8}}));
  EXPECT_EQ(split(spec(16384, DType::F16), 0).size(), 6u);
  EXPECT_EQ(split(spec(8192), 65536).size(), 8u); // 128 ... 1024
  EXPECT_EQ(split(spec(4096), 65536),
            (V{{128, 4}, {128, 8}, {256, 4}, {256, 8}, {512, 4}, {512, 8}}));
  // 32768: the a and b of 'vector_width' 4 come from global memory, so
  // both widths fit.
  EXPECT_EQ(split(spec(32768), 16384),
            (V{{512, 4}, {512, 8}, {1024, 4}, {1024, 8}}));
  ProjectionSpec cast = spec(16384);
  cast.outDtype = DType::F32;
  EXPECT_EQ(split(cast, 16384), (V{{256, 4}, {512, 4}, {1024, 4}}));
  EXPECT_TRUE(split(spec(16384, DType::F32), 16384).empty());
  EXPECT_TRUE(split(spec(16384), 16).empty());
  EXPECT_TRUE(split(spec(2048), 65536).empty());
}

TEST(AutotuneCandidates, EveryDenseSizeStartsWithItsDefault) {
  // Every 16-bit size to 32768 (and 40960, 49152) in bulk, decode and
  // unknown rows: the list starts with the default — which the tuner's own
  // pruning would have dropped were it one the checker refuses (as 40960's
  // and 49152's were) — and every candidate passes the checker.
  std::vector<int64_t> sizes{40960, 49152};
  for (int64_t d = 128; d <= 32768; d *= 2)
    sizes.push_back(d);
  for (int64_t m : {12, 20, 28, 36, 44, 52, 60})
    for (int64_t d = 8 * m; d <= 32768; d *= 2)
      sizes.push_back(d);
  for (int64_t d : sizes)
    for (DType t : {DType::BF16, DType::F16})
      for (int64_t rows : {int64_t(0), int64_t(16), int64_t(65536)}) {
        ProjectionSpec s = spec(d, t);
        auto list = gpuCandidates(s, rows, GpuLimits{});
        ASSERT_FALSE(list.empty()) << d << " " << rows;
        EXPECT_TRUE(list[0].gpu ==
                    defaultGpuConfig(s, rows, /*tensorCores=*/true,
                                     /*rowGroups=*/true, GpuLimits{}.clusters))
            << d << " " << rows << " " << list[0].str();
        for (const Candidate &c : list) {
          auto checked = checkGpuConfig(s, c.gpu);
          EXPECT_TRUE(bool(checked)) << d << " " << rows << " " << c.str();
          if (!checked)
            llvm::consumeError(checked.takeError());
        }
      }
}

TEST(AutotuneCandidates, HmTilesWithOneTwoFourAndEightRowsABlock) {
  // 16-bit d = 960 (60 x 16) in bulk: the default is H_m on tensor cores
  // with four rows a block; one, two and eight must be candidates too
  // (eight won at 1408).
  auto mmaRows = [](const ProjectionSpec &s) {
    std::vector<int64_t> r;
    for (const Candidate &c : gpuCandidates(s, 65536, GpuLimits{}))
      if (c.gpu.crossWarp == GpuCrossWarp::Mma && c.gpu.rowIters == 1) {
        EXPECT_EQ(c.gpu.threadsPerRow, 32) << c.str();
        EXPECT_EQ(c.gpu.vectorWidth, 2) << c.str();
        r.push_back(c.gpu.rowsPerBlock);
      }
    return r;
  };
  auto list = gpuCandidates(spec(960, DType::BF16), 65536, GpuLimits{});
  EXPECT_EQ(list[0].gpu.crossWarp, GpuCrossWarp::Mma);
  EXPECT_EQ(list[0].gpu.rowsPerBlock, 4);
  EXPECT_EQ(mmaRows(spec(960, DType::BF16)),
            (std::vector<int64_t>{4, 1, 2, 8}));
  // And past 2^k = 32 with one warp a row, two, and one for each of the
  // row's four blocks of 16 dense indices: at 3840 (60 x 64; bf16's
  // default two warps and four rows, the default first) and 7680 (60 x
  // 128, bf16's default four warps and two rows; eight rows of two warps do
  // not fit the shared memory), among the
  // tiles' candidates (four values a lane's vector); at 7168 (folded to
  // 112 x 64, where the split layout is now the default) seven warps, not
  // eight.
  auto hmRows = [](int64_t d, int64_t threads) {
    std::vector<int64_t> r;
    for (const Candidate &c :
         gpuCandidates(spec(d, DType::BF16), 65536, GpuLimits{}))
      if (c.gpu.crossWarp == GpuCrossWarp::Mma && c.gpu.vectorWidth == 2 &&
          c.gpu.threadsPerRow == threads && c.gpu.rowIters == 1) {
        EXPECT_EQ(c.gpu.elemsPerThread * threads, d) << c.str();
        r.push_back(c.gpu.rowsPerBlock);
      }
    return r;
  };
  EXPECT_EQ(hmRows(3840, 32), (std::vector<int64_t>{1, 2, 4, 8}));
  EXPECT_EQ(hmRows(3840, 64), (std::vector<int64_t>{4, 1, 2, 8}));
  EXPECT_EQ(hmRows(3840, 128), (std::vector<int64_t>{1, 2, 4, 8}));
  EXPECT_EQ(hmRows(7680, 128), (std::vector<int64_t>{2, 1, 4}));
  EXPECT_EQ(hmRows(7680, 64), (std::vector<int64_t>{1, 2, 4}));
  EXPECT_EQ(hmRows(7680, 32), (std::vector<int64_t>{1, 2, 4}));
  EXPECT_EQ(hmRows(7168, 224), (std::vector<int64_t>{1, 2, 4}));
  EXPECT_TRUE(hmRows(7168, 256).empty());
  // Where the default is the tiles at 2^k = 64 or 128 (16-bit 1280, 1792,
  // 2560 to 16 bits; 3584 to fp32), H_m on tensor cores as well: one warp
  // a row (and two), one to eight rows a block.
  for (auto [d, dtype] : {std::pair<int64_t, DType>{2560, DType::BF16},
                          {1792, DType::F16},
                          {1280, DType::BF16}}) {
    ProjectionSpec s = spec(d, dtype);
    ASSERT_EQ(defaultGpuConfig(s, 65536).vectorWidth, 4) << d;
    std::vector<int64_t> one;
    for (const Candidate &c : gpuCandidates(s, 65536, GpuLimits{}))
      if (c.gpu.crossWarp == GpuCrossWarp::Mma && c.gpu.vectorWidth == 2 &&
          c.gpu.threadsPerRow == 32 && c.gpu.rowIters == 1)
        one.push_back(c.gpu.rowsPerBlock);
    EXPECT_EQ(one, (std::vector<int64_t>{1, 2, 4, 8})) << d;
  }
  ProjectionSpec toF32 = spec(3584, DType::BF16);
  toF32.outDtype = DType::F32;
  ASSERT_EQ(defaultGpuConfig(toF32, 65536).vectorWidth, 4);
  EXPECT_FALSE(hmRows(3584, 32).empty()); // (bf16 to bf16: the default)
  bool hmToF32 = false;
  for (const Candidate &c : gpuCandidates(toF32, 65536, GpuLimits{}))
    hmToF32 |= c.gpu.crossWarp == GpuCrossWarp::Mma && c.gpu.vectorWidth == 2;
  EXPECT_TRUE(hmToF32);
  // fp32 rows too (X in three bf16 pieces): 960's default takes eight rows
  // a block; past 2^k = 64 (7680) none.
  EXPECT_EQ(mmaRows(spec(960, DType::F32)), (std::vector<int64_t>{8, 1, 2, 4}));
  EXPECT_TRUE(mmaRows(spec(7680, DType::F32)).empty());
}

TEST(AutotuneCandidates, SplitLayoutForADenseFactorWithoutANorm) {
  // A thread holding one dense index (elems_per_thread a power of two,
  // threads_per_row m times one): among the candidates of m > 1, valid,
  // and never with a fused norm (its reduction needs a power-of-two group
  // of threads).
  auto splits = [](const ProjectionSpec &s) {
    int n = 0;
    for (const Candidate &c : gpuCandidates(s, 65536, GpuLimits{}))
      if (c.gpu.elemsPerThread % 12 != 0) {
        EXPECT_EQ(c.gpu.threadsPerRow % 12, 0) << c.str();
        EXPECT_TRUE(bool(checkGpuConfig(s, c.gpu))) << c.str();
        ++n;
      }
    return n;
  };
  ProjectionSpec s = spec(3072, DType::BF16);
  EXPECT_GE(splits(s), 6);
  s.norm = NormKind::RMS;
  EXPECT_EQ(splits(s), 0);
  // The split default of 12288 is refused with a norm, by name.
  GpuConfig split = defaultGpuConfig(spec(12288, DType::BF16), 65536);
  EXPECT_EQ(split.elemsPerThread, 32);
  ProjectionSpec normed = spec(12288, DType::BF16);
  normed.norm = NormKind::RMS;
  auto e = checkGpuConfig(normed, split);
  ASSERT_FALSE(bool(e));
  EXPECT_NE(toString(e.takeError()).find("with a fused norm"),
            std::string::npos);
}

TEST(AutotuneCandidates, PrunedByTheDevicesSharedMemory) {
  ProjectionSpec s = spec(8192, DType::F32);
  auto all = gpuCandidates(s, 65536, GpuLimits{});
  GpuLimits small;
  small.maxSharedBytes = 16 * 1024;
  auto few = gpuCandidates(s, 65536, small);
  EXPECT_LT(few.size(), all.size());
  for (const Candidate &c : few) {
    // The default (first) is kept only if it fits too.
    auto shared = checkGpuConfig(s, c.gpu);
    ASSERT_TRUE(bool(shared));
    EXPECT_LE(*shared, 16 * 1024) << c.str();
  }
}

TEST(AutotuneCandidates, CheckGpuConfigNamesTheField) {
  GpuConfig g = defaultGpuConfig(spec(1024));
  g.rowIters = 0;
  auto r = checkGpuConfig(spec(1024), g);
  ASSERT_FALSE(bool(r));
  EXPECT_EQ(llvm::toString(r.takeError()),
            "config: expects 'row_iters' to be at least 1, got 0");
  g = defaultGpuConfig(spec(1024));
  g.threadsPerRow *= 2;
  r = checkGpuConfig(spec(1024), g);
  ASSERT_FALSE(bool(r));
  EXPECT_NE(llvm::toString(r.takeError()).find("'elems_per_thread' * "
                                               "'threads_per_row'"),
            std::string::npos);
}

// The GPU measurer's pruning by a loaded kernel's attributes: spills past
// 32 bytes a thread, except the analytic default's (its register caps
// spill on purpose: rows of 60 values a thread, 116-120 bytes, faster than
// without the cap); a block its registers cannot launch, always.
TEST(AutotunePrune, SpillsPruneEveryCandidateButTheDefault) {
  EXPECT_EQ(gpuPruneReason(128, 8, 512, 256, false), "");
  EXPECT_EQ(gpuPruneReason(168, 116, 384, 128, false),
            "pruned: spills 116 bytes a thread to local memory (168 "
            "registers)");
  EXPECT_EQ(gpuPruneReason(168, 116, 384, 128, true), "");
  EXPECT_EQ(gpuPruneReason(255, 0, 256, 512, true),
            "pruned: 512 threads a block, and 255 registers a thread allow "
            "256");
}

TEST(AutotuneSearch, PicksTheFastestAndRecordsDefaultAndWorst) {
  TempDir dir("walsh-tune");
  auto db = TuningDb::open(dir.file("db.json"), gpuDevice());
  ASSERT_TRUE(bool(db));
  SimulatedMeasurer m;
  ProjectionSpec s = spec(4096);
  Shape shape{8, 1024, 32, 128};
  auto r = tuneShapes({{s, shape}}, *db, m, gpuOptions());
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  ASSERT_EQ(r->size(), 1u);
  const ShapeResult &res = (*r)[0];
  EXPECT_FALSE(res.fromDb);
  ASSERT_TRUE(res.error.empty()) << res.error;
  double best = 1e300, worst = 0;
  for (auto &[c, us] : res.timings) {
    best = std::min(best, us);
    worst = std::max(worst, us);
  }
  EXPECT_EQ(res.entry.timeUs, best);
  EXPECT_EQ(res.entry.worstUs, worst);
  EXPECT_EQ(res.entry.defaultUs, res.timings[0].second);
  EXPECT_EQ(res.entry.copyUs, 8.0 * 1024 / 200.0);
  EXPECT_EQ(res.entry.candidates, int(res.timings.size()));
  EXPECT_EQ(res.entry.failed, 0);
  EXPECT_EQ(m.score(res.entry.best, shape), best);
  // Every candidate once, the three fastest and the default twice.
  std::vector<double> firsts;
  for (auto &[c, us] : res.timings)
    firsts.push_back(us);
  std::sort(firsts.begin(), firsts.end());
  bool defaultInTop3 = res.timings[0].second <= firsts[2];
  EXPECT_EQ(m.timings.load(),
            int(res.timings.size()) + 3 + (defaultInTop3 ? 0 : 1));
  ASSERT_NE(db->exact(s, Bucket::of(shape)), nullptr);
}

TEST(AutotuneSearch, AWrongFastKernelNeverWinsAndFailuresDoNotStopTheSweep) {
  TempDir dir("walsh-tune");
  auto db = TuningDb::open(dir.file("db.json"), gpuDevice());
  ASSERT_TRUE(bool(db));
  SimulatedMeasurer m;
  // The fastest by score would be the fewest elements per thread: make
  // those wrong, and every transpose candidate fail to compile.
  m.wrong = [](const Candidate &c) { return c.gpu.elemsPerThread <= 16; };
  m.broken = [](const Candidate &c) {
    return (c.gpu.crossWarp == GpuCrossWarp::Transpose);
  };
  ProjectionSpec s = spec(2048);
  Shape shape{32, 1024, 32, 64};
  auto r = tuneShapes({{s, shape}}, *db, m, gpuOptions());
  ASSERT_TRUE(bool(r));
  const ShapeResult &res = (*r)[0];
  ASSERT_TRUE(res.error.empty()) << res.error;
  EXPECT_GT(res.entry.best.gpu.elemsPerThread, 16);
  EXPECT_NE(res.entry.best.gpu.crossWarp, GpuCrossWarp::Transpose);
  int wrong = 0, broken = 0;
  for (size_t i = 0; i < res.timings.size(); ++i) {
    const Candidate &c = res.timings[i].first;
    if (m.wrong(c) || m.broken(c)) {
      EXPECT_TRUE(std::isinf(res.timings[i].second)) << c.str();
      EXPECT_FALSE(res.failures[i].empty());
    }
    wrong += !m.broken(c) && m.wrong(c);
    broken += m.broken(c);
  }
  EXPECT_GT(wrong, 0);
  EXPECT_GT(broken, 0);
  EXPECT_EQ(res.entry.failed, wrong + broken);
}

/// The confirmation tests' shape: d = 4096 over 8 x 1024 rows, its GPU
/// candidates in the order the tuner times them.
const ProjectionSpec kConfirmSpec = spec(4096);
const Shape kConfirmShape{8, 1024, 32, 128};

/// That shape tuned with `m` into a fresh database: its result in `out`
/// (a fatal failure where the tune fails).
void tuneConfirmShape(SimulatedMeasurer &m, ShapeResult &out) {
  TempDir dir("walsh-tune");
  auto db = TuningDb::open(dir.file("db.json"), gpuDevice());
  ASSERT_TRUE(bool(db));
  auto r = tuneShapes({{kConfirmSpec, kConfirmShape}}, *db, m, gpuOptions());
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  ASSERT_EQ(r->size(), 1u);
  out = (*r)[0];
  ASSERT_TRUE(out.error.empty()) << out.error;
}

TEST(AutotuneSearch, OneLuckyTimingDoesNotDecide) {
  SimulatedMeasurer m;
  const Shape &shape = kConfirmShape;
  auto list = gpuCandidates(kConfirmSpec, shape.rows(), GpuLimits{});
  ASSERT_GE(list.size(), 3u);
  // The last candidate scores far worse than every other, except on its
  // first timing, which is lucky: half the true best.
  Candidate lucky = list.back();
  std::map<std::string, int> seen;
  auto base = m.score;
  double trueBest = 1e300;
  for (const Candidate &c : list)
    if (!(c == lucky))
      trueBest = std::min(trueBest, base(c, shape));
  m.score = [&](const Candidate &c, const Shape &sh) {
    if (c == lucky)
      return seen[c.str()]++ == 0 ? trueBest / 2 : trueBest * 10;
    return base(c, sh);
  };
  ShapeResult res;
  ASSERT_NO_FATAL_FAILURE(tuneConfirmShape(m, res));
  EXPECT_FALSE(res.entry.best == lucky) << res.entry.best.str();
  EXPECT_EQ(res.entry.timeUs, trueBest);
  EXPECT_EQ(seen[lucky.str()], 2);
  // Whatever was timed twice is compared by its mean: never faster than
  // the winner.
  EXPECT_GE(res.entry.defaultUs, res.entry.timeUs);
}

TEST(AutotuneSearch, TheDefaultIsTimedAgainWhereverItRanked) {
  SimulatedMeasurer m;
  auto list = gpuCandidates(kConfirmSpec, kConfirmShape.rows(), GpuLimits{});
  ASSERT_GE(list.size(), 5u);
  // The default's first timing is unlucky (ten times its score), which
  // puts it outside the three fastest; its second is its score.
  Candidate def = list.front();
  std::map<std::string, int> seen;
  auto base = m.score;
  m.score = [&](const Candidate &c, const Shape &sh) {
    double t = base(c, sh);
    return c == def && seen[c.str()]++ == 0 ? 10 * t : t;
  };
  ShapeResult res;
  ASSERT_NO_FATAL_FAILURE(tuneConfirmShape(m, res));
  ASSERT_TRUE(res.timings[0].first == def);
  EXPECT_EQ(seen[def.str()], 2);
  // Its recorded time is the mean of both, as the winner's is.
  double t = base(def, kConfirmShape);
  EXPECT_DOUBLE_EQ(res.entry.defaultUs, (10 * t + t) / 2);
  EXPECT_EQ(m.timings.load(), int(res.timings.size()) + 3 + 1);
}

TEST(AutotuneSearch, EveryCandidateFailingIsReportedNotStored) {
  TempDir dir("walsh-tune");
  auto db = TuningDb::open(dir.file("db.json"), gpuDevice());
  ASSERT_TRUE(bool(db));
  SimulatedMeasurer m;
  m.broken = [](const Candidate &) { return true; };
  auto r = tuneShapes({{spec(1024), Shape{1, 4096, 8, 128}}}, *db, m,
                      gpuOptions());
  ASSERT_TRUE(bool(r));
  EXPECT_NE((*r)[0].error.find("every candidate failed"), std::string::npos);
  EXPECT_NE((*r)[0].error.find("ptxas: simulated failure"), std::string::npos);
  EXPECT_TRUE(db->entries().empty());
}

TEST(AutotuneSearch, CompilesEachDistinctCandidateOnceAcrossShapes) {
  TempDir dir("walsh-tune");
  auto db = TuningDb::open(dir.file("db.json"), gpuDevice());
  ASSERT_TRUE(bool(db));
  SimulatedMeasurer m;
  ProjectionSpec s = spec(4096);
  std::vector<std::pair<ProjectionSpec, Shape>> work;
  for (int64_t seq : {1024, 2048, 8192})
    work.push_back({s, Shape{8, seq, 32, 128}});
  auto r = tuneShapes(work, *db, m, gpuOptions());
  ASSERT_TRUE(bool(r));
  std::set<std::string> distinct(m.compiled.begin(), m.compiled.end());
  EXPECT_EQ(m.compiled.size(), distinct.size());
  EXPECT_EQ(db->entries().size(), 3u);
}

TEST(AutotuneSearch, WorkItemsOfOneEntryAreTimedOnce) {
  // Batch 3 and 4 share the bucket batch = 4; a grid point given twice
  // shares its own. Until 2026-12-07 each was timed and the last kept.
  TempDir dir("walsh-tune");
  auto db = TuningDb::open(dir.file("db.json"), gpuDevice());
  ASSERT_TRUE(bool(db));
  ProjectionSpec s = spec(4096);
  std::vector<std::pair<ProjectionSpec, Shape>> work{
      {s, Shape{3, 1024, 32, 128}},
      {s, Shape{4, 1024, 32, 128}},
      {s, Shape{3, 1024, 32, 128}},
      {spec(4096, DType::F16), Shape{4, 1024, 32, 128}}};
  SimulatedMeasurer m;
  auto r = tuneShapes(work, *db, m, gpuOptions());
  ASSERT_TRUE(bool(r));
  ASSERT_EQ(r->size(), 4u);
  EXPECT_FALSE((*r)[0].sameAs);
  EXPECT_EQ((*r)[1].sameAs, std::optional<size_t>(0));
  EXPECT_EQ((*r)[2].sameAs, std::optional<size_t>(0));
  EXPECT_FALSE((*r)[3].sameAs); // another spec: its own entry
  EXPECT_TRUE((*r)[1].timings.empty());
  EXPECT_EQ((*r)[1].entry.rows, 3 * 1024);
  EXPECT_EQ((*r)[1].entry.best, (*r)[0].entry.best);
  EXPECT_EQ(db->entries().size(), 2u);
  // Two copies timed: one for each entry.
  EXPECT_EQ(m.copies.load(), 2);
}

/// Three shapes of three specs (d = 1024, 2048, 4096) at 8 x 1024 rows.
std::vector<std::pair<ProjectionSpec, Shape>> threeSpecs() {
  std::vector<std::pair<ProjectionSpec, Shape>> work;
  for (int64_t d : {1024, 2048, 4096})
    work.push_back({spec(d), Shape{8, 1024, 32, d / 32}});
  return work;
}

TEST(AutotuneSearch, AStopKeepsTheShapesFinishedAndDropsTheOneInProgress) {
  // `walsh tune`'s Ctrl-C: asked before each shape and each timing. Once
  // it says stop, in the second shape's timings, the first shape is the
  // result and the database's one entry; the second is dropped.
  TempDir dir("walsh-tune");
  auto db = TuningDb::open(dir.file("db.json"), gpuDevice());
  ASSERT_TRUE(bool(db));
  std::vector<std::pair<ProjectionSpec, Shape>> work = threeSpecs();
  SimulatedMeasurer m;
  TuneOptions options = gpuOptions();
  int firstShapeTimings = -1;
  options.afterEach = [&]() -> llvm::Error {
    if (firstShapeTimings < 0)
      firstShapeTimings = m.timings.load();
    return llvm::Error::success();
  };
  options.stopRequested = [&] {
    return firstShapeTimings >= 0 && m.timings.load() >= firstShapeTimings + 2;
  };
  auto r = tuneShapes(work, *db, m, options);
  ASSERT_TRUE(bool(r));
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].spec.d, 1024);
  EXPECT_TRUE((*r)[0].error.empty());
  EXPECT_EQ(db->entries().size(), 1u);
  EXPECT_EQ(m.timings.load(), firstShapeTimings + 2);
  // Asked before the first shape: nothing timed, nothing put.
  auto db2 = TuningDb::open(dir.file("db2.json"), gpuDevice());
  ASSERT_TRUE(bool(db2));
  SimulatedMeasurer m2;
  options.afterEach = nullptr;
  options.stopRequested = [] { return true; };
  auto none = tuneShapes(work, *db2, m2, options);
  ASSERT_TRUE(bool(none));
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(m2.timings.load(), 0);
  EXPECT_EQ(m2.copies.load(), 0);
  EXPECT_TRUE(db2->entries().empty());
  // On the host's cores, asked again while the first shape's compiles are
  // awaited (the second question): nothing timed, not even the copy.
  auto db3 = TuningDb::open(dir.file("db3.json"), gpuDevice());
  ASSERT_TRUE(bool(db3));
  SimulatedMeasurer host;
  host.onHost = true;
  int asked = 0;
  options.stopRequested = [&] { return ++asked >= 2; };
  auto early = tuneShapes(work, *db3, host, options);
  ASSERT_TRUE(bool(early));
  EXPECT_TRUE(early->empty());
  EXPECT_EQ(host.copies.load(), 0);
  EXPECT_EQ(host.timings.load(), 0);
}

TEST(AutotuneSearch, NothingCompilesWhileTheHostsCoresAreTimed) {
  // Three shapes of one spec with distinct candidates each: with the
  // compilers running ahead, the second and third shapes' compiles would
  // run beside the first's timings.
  TempDir dir("walsh-tune");
  auto db = TuningDb::open(dir.file("db.json"), gpuDevice());
  ASSERT_TRUE(bool(db));
  std::vector<std::pair<ProjectionSpec, Shape>> work = threeSpecs();
  SimulatedMeasurer host;
  host.onHost = true;
  host.score = [](const Candidate &c, const Shape &) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return double(c.gpu.elemsPerThread);
  };
  auto r = tuneShapes(work, *db, host, gpuOptions());
  ASSERT_TRUE(bool(r));
  EXPECT_EQ(db->entries().size(), 3u);
  EXPECT_GT(host.timings.load(), 0);
  EXPECT_EQ(host.overlaps.load(), 0);
  // A device measurer keeps them overlapping (the point of the queue); the
  // check above can see an overlap.
  TempDir dir2("walsh-tune");
  auto db2 = TuningDb::open(dir2.file("db.json"), gpuDevice());
  ASSERT_TRUE(bool(db2));
  SimulatedMeasurer device;
  device.score = host.score;
  ASSERT_TRUE(bool(tuneShapes(work, *db2, device, gpuOptions())));
  EXPECT_GT(device.overlaps.load(), 0);
}

TEST(AutotuneSearch, ASecondRunFindsEveryEntryAndTimesNothing) {
  TempDir dir("walsh-tune");
  std::vector<std::pair<ProjectionSpec, Shape>> work{
      {spec(4096), Shape{1, 128, 32, 128}},
      {spec(2048, DType::F16), Shape{8, 1024, 32, 64}}};
  {
    auto db = TuningDb::open(dir.file("db.json"), gpuDevice());
    SimulatedMeasurer m;
    ASSERT_TRUE(bool(tuneShapes(work, *db, m, gpuOptions())));
    ASSERT_FALSE(bool(db->save()));
  }
  auto db = TuningDb::open(dir.file("db.json"), gpuDevice());
  ASSERT_TRUE(bool(db));
  SimulatedMeasurer m;
  auto r = tuneShapes(work, *db, m, gpuOptions());
  ASSERT_TRUE(bool(r));
  for (const ShapeResult &res : *r)
    EXPECT_TRUE(res.fromDb);
  EXPECT_EQ(m.compiles.load(), 0);
  EXPECT_EQ(m.timings.load(), 0);
  EXPECT_EQ(m.copies.load(), 0);
  // --force times them again.
  TuneOptions force = gpuOptions();
  force.force = true;
  ASSERT_TRUE(bool(tuneShapes(work, *db, m, force)));
  EXPECT_GT(m.timings.load(), 0);
}

Entry entryAt(const ProjectionSpec &s, Shape shape, int64_t epb) {
  Entry e;
  e.spec = specKey(s);
  e.bucket = Bucket::of(shape);
  e.rows = shape.rows();
  e.best.gpu = defaultGpuConfig(s);
  e.best.gpu.elemsPerThread = epb;
  e.timeUs = 1;
  return e;
}

TEST(AutotuneDb, ExactNearestAndNothing) {
  TempDir dir("walsh-tune");
  auto db = TuningDb::open(dir.file("db.json"), gpuDevice());
  ASSERT_TRUE(bool(db));
  ProjectionSpec s = spec(4096);
  db->put(entryAt(s, Shape{1, 1024, 32, 128}, 11));
  db->put(entryAt(s, Shape{16, 1024, 32, 128}, 22));
  EXPECT_EQ(db->exact(s, Bucket::of(Shape{1, 1000, 32, 128}))
                ->best.gpu.elemsPerThread,
            11);
  EXPECT_EQ(db->exact(s, Bucket::of(Shape{2, 1024, 32, 128})), nullptr);
  // 2048 rows: 1024 is one octave away, 16384 three.
  EXPECT_EQ(db->nearest(s, Bucket::of(Shape{2, 1024, 32, 128}))
                ->best.gpu.elemsPerThread,
            11);
  // 4096 rows: two octaves from each; the larger wins.
  EXPECT_EQ(db->nearest(s, Bucket::of(Shape{4, 1024, 32, 128}))
                ->best.gpu.elemsPerThread,
            22);
  // Another layout of heads is the same kernel: its rows decide (`walsh run
  // --d 4096 --rows N` after `walsh tune --heads 32 --head-dim 128`).
  EXPECT_EQ(db->nearest(s, Bucket::of(Shape{1, 2048, 64, 64}))
                ->best.gpu.elemsPerThread,
            11);
  EXPECT_EQ(db->nearest(s, Bucket::of(Shape{1, 16384, 1, 4096}))
                ->best.gpu.elemsPerThread,
            22);
  // At equal distance the same heads x head_dim wins over the larger
  // bucket: 8192 rows are one octave from 4096 (32 x 128) and from 16384.
  db->put(entryAt(s, Shape{4, 1024, 64, 64}, 44));
  EXPECT_EQ(db->nearest(s, Bucket::of(Shape{8, 1024, 64, 64}))
                ->best.gpu.elemsPerThread,
            44);
  EXPECT_EQ(db->nearest(s, Bucket::of(Shape{8, 1024, 1, 4096}))
                ->best.gpu.elemsPerThread,
            22);
  EXPECT_EQ(db->exact(s, Bucket::of(Shape{4, 1024, 32, 128})), nullptr);
  // Another dtype: nothing near.
  EXPECT_EQ(db->nearest(spec(4096, DType::F16),
                        Bucket::of(Shape{4, 1024, 32, 128})),
            nullptr);
  // put() replaces the entry of the same spec and bucket.
  db->put(entryAt(s, Shape{1, 1024, 32, 128}, 33));
  EXPECT_EQ(db->entries().size(), 3u);
}

TEST(AutotuneSearch, ASustainedTuneIsRecordedInItsEntries) {
  TempDir dir("walsh-tune");
  std::string path = dir.file("db.json");
  ProjectionSpec s = spec(4096);
  Shape sustained{8, 1024, 32, 128}, brief{4, 4096, 32, 128};
  {
    auto db = TuningDb::open(path, gpuDevice());
    ASSERT_TRUE(bool(db));
    SimulatedMeasurer m;
    m.sustain = 0.5;
    ASSERT_TRUE(bool(tuneShapes({{s, sustained}}, *db, m, gpuOptions())));
    SimulatedMeasurer quick;
    ASSERT_TRUE(bool(tuneShapes({{s, brief}}, *db, quick, gpuOptions())));
    ASSERT_FALSE(bool(db->save()));
  }
  auto db = TuningDb::open(path, gpuDevice());
  ASSERT_TRUE(bool(db)) << llvm::toString(db.takeError());
  const Entry *e = db->exact(s, Bucket::of(sustained));
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->sustainSeconds, 0.5);
  const Entry *q = db->exact(s, Bucket::of(brief));
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->sustainSeconds, 0);
}

TEST(AutotuneDb, SavesAtomicallyAndReadsBack) {
  TempDir dir("walsh-tune");
  std::string path = dir.file("sub/dir/db.json");
  ProjectionSpec s = spec(4096);
  {
    auto db = TuningDb::open(path, gpuDevice());
    ASSERT_TRUE(bool(db));
    Entry e = entryAt(s, Shape{8, 1024, 32, 128}, 64);
    e.best.gpu.rowIters = 16;
    e.best.gpu.crossWarp = GpuCrossWarp::Transpose;
    db->put(e);
    // Tensor-core tiles spell their cross_warp "mma".
    Entry tiles = entryAt(s, Shape{4, 4096, 32, 128}, 64);
    tiles.best.gpu.crossWarp = GpuCrossWarp::Mma;
    db->put(tiles);
    ASSERT_FALSE(bool(db->save()));
  }
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(dir.path + "/sub/dir", ec), end;
       it != end && !ec; it.increment(ec))
    EXPECT_EQ(it->path().find(".tmp"), std::string::npos) << it->path();
  auto db = TuningDb::open(path, gpuDevice());
  ASSERT_TRUE(bool(db)) << llvm::toString(db.takeError());
  const Entry *e = db->exact(s, Bucket::of(Shape{8, 1024, 32, 128}));
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->best.gpu.rowIters, 16);
  EXPECT_EQ(e->best.gpu.crossWarp, GpuCrossWarp::Transpose);
  EXPECT_FALSE(e->tunedAt.empty());
  const Entry *tiles = db->exact(s, Bucket::of(Shape{4, 4096, 32, 128}));
  ASSERT_NE(tiles, nullptr);
  EXPECT_EQ(tiles->best.gpu.crossWarp, GpuCrossWarp::Mma);
  std::string text;
  {
    auto buffer = llvm::MemoryBuffer::getFile(path);
    ASSERT_TRUE(bool(buffer));
    text = (*buffer)->getBuffer().str();
  }
  EXPECT_NE(text.find("\"cross_warp\": \"mma\""), std::string::npos);
}

TEST(AutotuneDb, TwoWritersMerge) {
  TempDir dir("walsh-tune");
  std::string path = dir.file("db.json");
  auto a = TuningDb::open(path, gpuDevice());
  auto b = TuningDb::open(path, gpuDevice());
  ASSERT_TRUE(bool(a) && bool(b));
  a->put(entryAt(spec(4096), Shape{1, 128, 32, 128}, 8));
  b->put(entryAt(spec(2048), Shape{1, 128, 32, 64}, 16));
  ASSERT_FALSE(bool(a->save()));
  ASSERT_FALSE(bool(b->save()));
  auto c = TuningDb::open(path, gpuDevice());
  ASSERT_TRUE(bool(c));
  EXPECT_EQ(c->entries().size(), 2u);
}

std::string readFile(const std::string &path) {
  auto buf = llvm::MemoryBuffer::getFile(path);
  return buf ? (*buf)->getBuffer().str() : "";
}
void writeFile(const std::string &path, const std::string &text) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  os << text;
}

TEST(AutotuneDb, CorruptFileIsAClearErrorAndNeverOverwritten) {
  TempDir dir("walsh-tune");
  std::string path = dir.file("db.json");
  writeFile(path, "{\"format\": \"walsh-tuning 1\", \"entries\": [");
  auto db = TuningDb::open(path, gpuDevice());
  ASSERT_FALSE(bool(db));
  std::string msg = llvm::toString(db.takeError());
  EXPECT_EQ(msg.find(path + ": not a tuning database"), 0u) << msg;

  writeFile(path, "[1, 2]");
  db = TuningDb::open(path, gpuDevice());
  ASSERT_FALSE(bool(db));
  EXPECT_EQ(llvm::toString(db.takeError()),
            path + ": not a tuning database (expects \"format\": "
                   "\"walsh-tuning 1\")");

  // A database that was fine when opened and is corrupt at save time is
  // left as it is.
  std::string good = dir.file("good.json");
  auto ok = TuningDb::open(good, gpuDevice());
  ASSERT_TRUE(bool(ok));
  ok->put(entryAt(spec(4096), Shape{1, 128, 32, 128}, 8));
  writeFile(good, "garbage");
  llvm::Error e = ok->save();
  ASSERT_TRUE(bool(e));
  EXPECT_NE(llvm::toString(std::move(e)).find("not a tuning database"),
            std::string::npos);
  EXPECT_EQ(readFile(good), "garbage");

  // A bad entry names its index and field.
  writeFile(path, R"({"format": "walsh-tuning 1",
    "device": {"target": "cuda", "name": "Simulated GPU", "arch": "sm_90",
               "sm_count": 132},
    "entries": [{"spec": "d=64", "bucket": {"batch": 1, "seq": 1, "heads": 1,
                 "head_dim": 64},
                 "config": {"elems_per_thread": 8, "threads_per_row": 8,
                            "rows_per_block": 1, "vector_width": 8,
                            "cross_warp": "sideways", "row_iters": 1}}]})");
  db = TuningDb::open(path, gpuDevice());
  ASSERT_FALSE(bool(db));
  EXPECT_EQ(llvm::toString(db.takeError()),
            path + ": entries[0]: config: expects \"cross_warp\" to be shared, "
                   "transpose or mma");
  // A bucket of more rows than 2^62 (its batch * seq would overflow in
  // the nearest-bucket search; a file edited by hand) names its field.
  writeFile(path, R"({"format": "walsh-tuning 1",
    "device": {"target": "cuda", "name": "Simulated GPU", "arch": "sm_90",
               "sm_count": 132},
    "entries": [{"spec": "d=64", "bucket": {"batch": 4294967296,
                 "seq": 4294967296, "heads": 1, "head_dim": 64},
                 "config": {"elems_per_thread": 8, "threads_per_row": 8,
                            "rows_per_block": 1, "vector_width": 8,
                            "cross_warp": "shared", "row_iters": 1}}]})");
  db = TuningDb::open(path, gpuDevice());
  ASSERT_FALSE(bool(db));
  EXPECT_EQ(llvm::toString(db.takeError()),
            path + ": entries[0]: bucket: expects batch * seq at most 2^62 "
                   "rows, got 4294967296 * 4294967296");
}

TEST(AutotuneDb, AnotherDevicesFileIsRefused) {
  TempDir dir("walsh-tune");
  std::string path = dir.file("db.json");
  auto db = TuningDb::open(path, gpuDevice());
  ASSERT_TRUE(bool(db));
  db->put(entryAt(spec(4096), Shape{1, 128, 32, 128}, 8));
  ASSERT_FALSE(bool(db->save()));
  DeviceIdentity other = gpuDevice();
  other.smCount = 114;
  auto wrong = TuningDb::open(path, other);
  ASSERT_FALSE(bool(wrong));
  EXPECT_NE(llvm::toString(wrong.takeError())
                .find("belongs to another device (cuda-Simulated_GPU-sm_90-"
                      "132sm, this is cuda-Simulated_GPU-sm_90-114sm)"),
            std::string::npos);
  // Export, then import into an empty database of the same device; not
  // into another device's.
  ASSERT_FALSE(bool(db->exportTo(dir.file("export.json"))));
  auto fresh = TuningDb::open(dir.file("fresh.json"), gpuDevice());
  ASSERT_TRUE(bool(fresh));
  auto n = fresh->importFrom(dir.file("export.json"));
  ASSERT_TRUE(bool(n));
  EXPECT_EQ(*n, 1);
  auto otherDb = TuningDb::open(dir.file("other.json"), other);
  ASSERT_TRUE(bool(otherDb));
  auto refused = otherDb->importFrom(dir.file("export.json"));
  ASSERT_FALSE(bool(refused));
  EXPECT_NE(llvm::toString(refused.takeError()).find("was tuned on another "
                                                     "device"),
            std::string::npos);
}

TEST(AutotunePolicy, Modes) {
  TempDir dir("walsh-tune");
  auto db = TuningDb::open(dir.file("db.json"), gpuDevice());
  ASSERT_TRUE(bool(db));
  ProjectionSpec s = spec(4096);
  db->put(entryAt(s, Shape{1, 1024, 32, 128}, 99));
  Candidate fallback;
  fallback.gpu = defaultGpuConfig(s);
  SimulatedMeasurer m;
  TuneOptions o = gpuOptions();
  Shape exact{1, 1024, 32, 128}, near{2, 1024, 32, 128};

  auto c = chooseConfig(s, exact, TuneMode::Heuristic, &*db, fallback, &m, o);
  ASSERT_TRUE(bool(c));
  EXPECT_EQ(c->source, ConfigSource::Default);
  EXPECT_EQ(c->candidate, fallback);

  c = chooseConfig(s, exact, TuneMode::DbOnly, &*db, fallback, &m, o);
  EXPECT_EQ(c->source, ConfigSource::Exact);
  EXPECT_EQ(c->candidate.gpu.elemsPerThread, 99);
  EXPECT_EQ(c->bucket, "batch=1 seq=1024 heads=32 head_dim=128");

  c = chooseConfig(s, near, TuneMode::DbOnly, &*db, fallback, &m, o);
  EXPECT_EQ(c->source, ConfigSource::Nearest);
  EXPECT_EQ(c->candidate.gpu.elemsPerThread, 99);

  c = chooseConfig(spec(2048), near, TuneMode::DbOnly, &*db, fallback, &m, o);
  EXPECT_EQ(c->source, ConfigSource::Default);
  EXPECT_EQ(c->bucket, "");
  // db-only never times anything.
  EXPECT_EQ(m.timings.load(), 0);

  // tune-on-miss: the same rows tuned as another heads x head_dim is no
  // miss (the same kernel, the same measurement).
  c = chooseConfig(s, Shape{1, 1024, 1, 4096}, TuneMode::TuneOnMiss, &*db,
                   fallback, &m, o);
  ASSERT_TRUE(bool(c));
  EXPECT_EQ(c->source, ConfigSource::Nearest);
  EXPECT_EQ(c->candidate.gpu.elemsPerThread, 99);
  EXPECT_EQ(c->bucket, "batch=1 seq=1024 heads=32 head_dim=128");
  EXPECT_EQ(m.timings.load(), 0);

  c = chooseConfig(s, near, TuneMode::TuneOnMiss, &*db, fallback, &m, o);
  ASSERT_TRUE(bool(c));
  EXPECT_EQ(c->source, ConfigSource::Tuned);
  EXPECT_GT(m.timings.load(), 0);
  // ... and saved what it measured.
  auto reread = TuningDb::open(dir.file("db.json"), gpuDevice());
  ASSERT_TRUE(bool(reread));
  EXPECT_NE(reread->exact(s, Bucket::of(near)), nullptr);

  EXPECT_EQ(llvm::toString(parseTuneMode("sometimes").takeError()),
            "expects tune-on-miss, db-only or heuristic, got 'sometimes'");
}

} // namespace
