//===- TuneCommand.cpp - walsh tune --------------------------------------===//
//
// Sweeps batch x seq x heads x head_dim x dtype, tunes each shape the
// database does not have yet (or all of them with --force) on this device,
// saves the database and prints, per shape, the chosen configuration, its
// time, its fraction of the copy roofline and its speedup over the default
// configuration and the worst valid one. --import / --export move a
// database between machines of the same device; --list prints it.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "CudaCommands.h"
#include "ListOptions.h"
#include "SpecOptions.h"

#include "walsh/Autotune/Measurers.h"
#include "walsh/Autotune/Tuner.h"
#include "walsh/Builder/ProjectionBuilder.h"
#include "walsh/Runtime/GpuMeasure.h"
#include "walsh/Runtime/ThreadPool.h"
#include "walsh/Support/JsonText.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <numeric>

using namespace llvm;
using namespace walsh;
using namespace walsh::tune;

namespace {
#define WALSH_TUNE_SUB                                                         \
  cl::sub(walsh::cli::tuneCommand()), cl::cat(walsh::cli::category())
cl::opt<std::string> optTarget("target", cl::desc("cpu or cuda"),
                               cl::init("cpu"), WALSH_TUNE_SUB);
cl::opt<std::string> optBatch("batch",
                              cl::desc("Comma-separated batch sizes (cuda: "
                                       "default 1,8,32; cpu: 1,8)"),
                              cl::init(""), WALSH_TUNE_SUB);
cl::opt<std::string> optSeq("seq",
                            cl::desc("Comma-separated sequence lengths (cuda: "
                                     "default 128,1024,8192; cpu: 128,1024)"),
                            cl::init(""), WALSH_TUNE_SUB);
cl::opt<std::string> optHeads("heads",
                              cl::desc("Comma-separated head counts (cuda: "
                                       "default 32; cpu: 8)"),
                              cl::init(""), WALSH_TUNE_SUB);
cl::opt<std::string> optHeadDim("head-dim",
                                cl::desc("Comma-separated head dimensions "
                                         "(default 64,128)"),
                                cl::init("64,128"), WALSH_TUNE_SUB);
cl::opt<std::string>
    optD("d",
         cl::desc("Comma-separated row lengths, each tuned as one head of d "
                  "(the shape walsh run --d looks up; instead of --heads and "
                  "--head-dim)"),
         cl::init(""), WALSH_TUNE_SUB);
cl::opt<std::string>
    optRows("rows",
            cl::desc("Comma-separated row counts, each tuned as batch 1 x "
                     "seq rows (the shape walsh run --rows looks up; instead "
                     "of --batch and --seq)"),
            cl::init(""), WALSH_TUNE_SUB);
cl::opt<std::string> optDType("dtype",
                              cl::desc("Comma-separated dtypes (cuda: default "
                                       "bf16; cpu: f32)"),
                              cl::init(""), WALSH_TUNE_SUB);
cl::opt<bool> optTranspose("transpose",
                           cl::desc("Tune H_d^T (the backward pass)"),
                           WALSH_TUNE_SUB);
cl::opt<bool> optNoAffine("no-affine", cl::desc("Without the learned a and b"),
                          WALSH_TUNE_SUB);
cl::opt<std::string> optScale(
    "scale",
    cl::desc("Tune with this transform scale (default 1/sqrt(d); a separate "
             "database key)"),
    cl::init(""), WALSH_TUNE_SUB);
cl::opt<std::string> optEpilogue(
    "epilogue",
    cl::desc("Tune with a fused epilogue: residual, rmsnorm, layernorm, "
             "comma-separated (a separate database key)"),
    cl::init(""), WALSH_TUNE_SUB);
cl::opt<double> optEps("eps", cl::desc("The norm's epsilon (default 1e-6)"),
                       cl::init(1e-6), WALSH_TUNE_SUB);
cl::opt<std::string> optOutDType(
    "out-dtype",
    cl::desc("Tune with an output cast: y in f32, f16 or bf16 (a separate "
             "database key)"),
    cl::init(""), WALSH_TUNE_SUB);
cl::opt<std::string> optLayout(
    "layout",
    cl::desc("The input layout: rows (default), bshd or bhsd (the head "
             "merge in the loads)"),
    cl::init("rows"), cl::sub(walsh::cli::tuneCommand()),
    cl::cat(walsh::cli::category()));
cl::opt<int64_t> optSplits(
    "splits",
    cl::desc("Combine K split-KV partials before the transform (0: none)"),
    cl::init(0), cl::sub(walsh::cli::tuneCommand()),
    cl::cat(walsh::cli::category()));
cl::opt<bool> optRowSum(
    "row-sum",
    cl::desc("Divide unnormalised accumulators by their row sums first"),
    cl::sub(walsh::cli::tuneCommand()), cl::cat(walsh::cli::category()));
cl::opt<bool> optForce("force",
                       cl::desc("Re-tune shapes the database already has"),
                       WALSH_TUNE_SUB);
cl::opt<std::string> optDb("db",
                           cl::desc("The database file (default "
                                    "<cache dir>/tuning/<device>.json)"),
                           cl::init(""), WALSH_TUNE_SUB);
cl::opt<std::string> optExport("export",
                               cl::desc("Write the database to this file and "
                                        "stop"),
                               cl::init(""), WALSH_TUNE_SUB);
cl::opt<std::string> optImport("import",
                               cl::desc("Merge this database file (same "
                                        "device) into the database and stop"),
                               cl::init(""), WALSH_TUNE_SUB);
cl::opt<bool> optList("list", cl::desc("Print the database and stop"),
                      WALSH_TUNE_SUB);
cl::opt<int> optThreads("threads",
                        cl::desc("cpu: most threads a candidate may use "
                                 "(default: every hardware thread)"),
                        cl::init(0), WALSH_TUNE_SUB);
cl::opt<int> optJobs("jobs",
                     cl::desc("Candidates compiled at once (default: every "
                              "hardware thread)"),
                     cl::init(0), WALSH_TUNE_SUB);
cl::opt<bool> optJson("json", cl::desc("Machine-readable output"),
                      WALSH_TUNE_SUB);

/// "8x1024" style shape text.
std::string shapeText(const Shape &s) {
  return fmt::format("{}x{} {}x{}", s.batch, s.seq, s.heads, s.headDim);
}

/// One line of progress with an ETA, on a terminal only.
void showProgress(const Progress &p) {
  double frac = p.total ? double(p.done) / p.total : 1.0;
  double eta = p.done ? p.elapsedSeconds * (p.total - p.done) / p.done : 0;
  int width = 30, filled = int(frac * width);
  errs() << fmt::format("\r[{}{}] {}/{} candidates, {:.0f} s, ETA {:.0f} s ",
                        std::string(size_t(filled), '#'),
                        std::string(size_t(width - filled), '.'), p.done,
                        p.total, p.elapsedSeconds, eta);
  if (p.done == p.total)
    errs() << "\n";
}

/// The candidates that failed or were pruned, and why.
json::Array failuresJson(const ShapeResult &r) {
  json::Array out;
  for (size_t i = 0; i < r.failures.size(); ++i)
    if (!r.failures[i].empty())
      out.push_back(json::Object{{"config", r.timings[i].first.str()},
                                 {"error", walsh::jsonString(r.failures[i])}});
  return out;
}

/// Every candidate timed for a shape, fastest first, with its first time
/// per call (null: it failed; `failures` says why). The winner is decided
/// by the confirmation round (the fastest few timed again), not by this.
json::Array timingsJson(const ShapeResult &r) {
  std::vector<size_t> order(r.timings.size());
  std::iota(order.begin(), order.end(), size_t(0));
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return r.timings[a].second < r.timings[b].second;
  });
  json::Array out;
  for (size_t i : order) {
    double us = r.timings[i].second;
    out.push_back(json::Object{
        {"config", r.timings[i].first.toJson()},
        {"time_us", std::isfinite(us) ? json::Value(us) : json::Value(nullptr)}});
  }
  return out;
}

int printDb(const TuningDb &db, bool json) {
  if (json) {
    json::Array entries;
    for (const Entry &e : db.entries())
      entries.push_back(json::Object{{"spec", e.spec},
                                     {"bucket", e.bucket.str()},
                                     {"rows", e.rows},
                                     {"config", e.best.toJson()},
                                     {"time_us", e.timeUs},
                                     {"default_us", e.defaultUs},
                                     {"tuned_at", e.tunedAt},
                                     {"sustain_s", e.sustainSeconds}});
    outs() << walsh::jsonText(
                  json::Value(json::Object{{"db", walsh::jsonString(db.path())},
                                           {"device", db.device().toJson()},
                                           {"entries", std::move(entries)}}))
           << "\n";
    return 0;
  }
  outs() << "tuning database " << db.path() << " ("
         << walsh::cli::counted(db.entries().size(), "entry", "entries")
         << ")\n";
  for (const Entry &e : db.entries())
    outs() << fmt::format(
        "  {} | {} | {} | {:.2f} us (default {:.2f}){}\n", e.spec,
        e.bucket.str(), e.best.str(), e.timeUs, e.defaultUs,
        e.sustainSeconds > 0
            ? fmt::format(", after {} s of launches", e.sustainSeconds)
            : std::string());
  return 0;
}
} // namespace

int walsh::cli::runTune() {
  auto fail = [](const Twine &m) { return usageError("tune", m); };
  bool cuda = optTarget == "cuda";
  if (!cuda && optTarget != "cpu")
    return fail("--target: expects cpu or cuda, got '" + optTarget + "'");
  if (optThreads < 0)
    return fail("--threads: expects a count >= 1, got " + Twine(optThreads));
  if (cuda && optThreads)
    return fail("--threads: a CPU option (--target cpu)");
  if (!cuda && deviceGiven())
    return fail("--device: a CUDA option (--target cuda)");
  if (Error e = checkSustain(cuda))
    return fail(toString(std::move(e)));
  if (optJobs < 0)
    return fail("--jobs: expects a count >= 1, got " + Twine(optJobs));
  // --import, --export and --list act on the database and stop: one at a
  // time, and without the options that only shape a sweep (until
  // 2026-12-07 `--export F --import G` imported G and exported nothing,
  // and `--list --force` listed).
  std::vector<std::string> actions;
  for (const cl::Option *o : std::initializer_list<const cl::Option *>{
           &optImport, &optExport, &optList})
    if (o->getNumOccurrences())
      actions.push_back("--" + o->ArgStr.str());
  if (actions.size() > 1)
    return fail("give one of --import, --export and --list, got " + actions[0] +
                " and " + actions[1]);
  if (!actions.empty())
    if (std::string sweep = firstGiven(
            {&optBatch,    &optSeq,     &optHeads,    &optHeadDim,
             &optD,        &optRows,    &optDType,    &optTranspose,
             &optNoAffine, &optScale,   &optEpilogue, &optEps,
             &optOutDType, &optLayout,  &optSplits,   &optRowSum,
             &optForce,    &optThreads, &optJobs,     &sustainOption()});
        !sweep.empty())
      return fail(sweep + ": shapes a sweep; " + actions[0] +
                  " acts on the database and stops (give one or the other)");
  auto orDefault = [&](const cl::opt<std::string> &o, const char *gpu,
                       const char *cpu) {
    return o.getNumOccurrences() ? std::string(o) : cuda ? gpu : cpu;
  };
  // --d and --rows name the shapes as walsh run's --d and --rows do: one
  // head of d, batch 1 x seq rows (the buckets its lookup asks for), in
  // place of the heads and batch grids.
  bool byD = optD.getNumOccurrences(), byRows = optRows.getNumOccurrences();
  if (byD && (optHeads.getNumOccurrences() || optHeadDim.getNumOccurrences()))
    return fail("give either --d or --heads and --head-dim, not both");
  if (byRows && (optBatch.getNumOccurrences() || optSeq.getNumOccurrences()))
    return fail("give either --rows or --batch and --seq, not both");
  auto batches =
      byRows ? parseCounts("1", "batch")
             : parseCounts(orDefault(optBatch, "1,8,32", "1,8"), "batch");
  auto seqs =
      byRows
          ? parseCounts(optRows, "rows")
          : parseCounts(orDefault(optSeq, "128,1024,8192", "128,1024"), "seq");
  auto heads = byD ? parseCounts("1", "heads")
                   : parseCounts(orDefault(optHeads, "32", "8"), "heads");
  auto headDims = parseCounts(byD ? optD : optHeadDim, byD ? "d" : "head-dim");
  auto dtypes = parseDTypes(orDefault(optDType, "bf16", "f32"), "dtype");
  for (auto *e : {&batches, &seqs, &heads, &headDims})
    if (!*e)
      return fail(toString(e->takeError()));
  if (!dtypes)
    return fail(toString(dtypes.takeError()));

  // The device (--device made current: the measurer tunes there), and its
  // database.
  if (cuda)
    if (auto device = walsh::cli::selectedDevice(); !device)
      return walsh::cli::deviceError("tune", device.takeError());
  auto target = createTuningTarget(cuda, optThreads, sustainSeconds());
  if (!target)
    return fail("--target cuda: " + toString(target.takeError()));
  const DeviceIdentity &device = (*target)->device;
  std::string path = optDb;
  if (path.empty()) {
    auto p = TuningDb::defaultPath(device);
    if (!p)
      return fail(toString(p.takeError()));
    path = *p;
  }
  // The file is never overwritten: the error names it (and "--db" where
  // it was given) and says how to go on.
  std::string dbOption = optDb.empty() ? "" : "--db: ";
  auto db = TuningDb::open(path, device);
  if (!db)
    return fail(dbOption + toString(db.takeError()) +
                (sys::fs::is_regular_file(path)
                     ? "; remove it, or give another --db"
                     : ""));
  // --import and --export print, as every command does, one line or
  // (--json) one object: what moved, between which files.
  auto moved = [&](StringRef action, size_t n, const std::string &file) {
    if (optJson)
      outs() << walsh::jsonText(json::Object{{"action", action},
                                             {"db", walsh::jsonString(path)},
                                             {"file", walsh::jsonString(file)},
                                             {"entries", int64_t(n)}})
             << "\n";
    else
      outs() << "walsh tune: " << action << " "
             << counted(n, "entry", "entries")
             << (action == "imported" ? " from " : " to ") << file
             << (action == "imported" ? " into " + path : "") << "\n";
    return 0;
  };
  if (!optImport.empty()) {
    auto n = db->importFrom(optImport);
    if (!n)
      return fail("--import: " + toString(n.takeError()));
    if (Error e = db->save())
      return fail(dbOption + toString(std::move(e)));
    return moved("imported", *n, optImport);
  }
  if (!optExport.empty()) {
    if (Error e = db->exportTo(optExport))
      return fail("--export: " + toString(std::move(e)));
    return moved("exported", db->entries().size(), optExport);
  }
  if (optList)
    return printDb(*db, optJson);

  // The grid.
  ProjectionSpec epilogue;
  if (Error e = parseEpilogueList(optEpilogue, epilogue))
    return fail(toString(std::move(e)));
  if (Error e = epsFromOption(optEps, epilogue))
    return fail(toString(std::move(e)));
  if (Error e = parseOutDType(optOutDType, epilogue))
    return fail(toString(std::move(e)));
  if (Error e = parsePrologue(optLayout, optSplits, optRowSum, epilogue))
    return fail(toString(std::move(e)));
  // (As walsh run's: the head merge and the split-KV combine need the
  // heads of the attention output.)
  if (byD && epilogue.hasPrologue())
    return fail(Twine(prologueOptionName(optSplits, optRowSum)) +
                ": needs --heads and --head-dim (the heads of the attention "
                "output), not --d");
  if (Error e = parseScale(optScale, epilogue))
    return fail(toString(std::move(e)));
  std::vector<std::pair<ProjectionSpec, Shape>> work;
  for (DType dt : *dtypes)
    for (int64_t h : *heads)
      for (int64_t hd : *headDims) {
        // (--d's values are checked as walsh run's --d, by validateSpec.)
        auto d = byD ? Expected<int64_t>(hd) : cli::dFromHeads(h, hd);
        if (!d)
          return fail(toString(d.takeError()));
        for (int64_t b : *batches)
          for (int64_t s : *seqs) {
            ProjectionSpec spec = epilogue; // the epilogue's fields
            spec.d = *d;
            spec.dtype = dt;
            spec.transpose = optTranspose;
            spec.withMul = spec.withAdd = !optNoAffine;
            spec.headDim = spec.hasPrologue() ? hd : 0;
            if (Error e = validateSpec(spec))
              return fail(cli::byOption(std::move(e)));
            // The CPU's buffers must fit in host memory (as walsh run's);
            // the row count itself in 62 bits on either target.
            Shape shape{b, s, h, hd};
            // --rows names S rows alone (batch 1 x seq S in the database).
            if (auto why = shapeTooLarge(spec, shape, !cuda, byRows))
              return fail((byRows ? "--rows: " : "--batch and --seq: ") + *why);
            work.push_back({spec, shape});
          }
      }

  TuneOptions options;
  options.force = optForce;
  options.compileThreads = optJobs;
  options.candidates = (*target)->candidates;
  bool tty = sys::Process::StandardErrIsDisplayed() && !optJson;
  if (tty)
    options.progress = showProgress;
  // Saved after every shape (atomically, merged with other writers), so
  // that an interrupted sweep keeps what it measured (until 2026-12-05 the
  // database was written once, at the end).
  options.afterEach = [&]() -> Error {
    if (Error e = db->save())
      return createStringError(dbOption + toString(std::move(e)));
    return Error::success();
  };
  // Ctrl-C (or SIGTERM) stops the sweep before its next timing: the
  // shapes finished are printed (and are in the database), status 130 (or
  // 143) (until 2026-12-07 it ended the command with nothing printed).
  SweepInterrupt interrupt;
  options.stopRequested = SweepInterrupt::requested;
  auto start = std::chrono::steady_clock::now();
  auto results = tuneShapes(work, *db, *(*target)->measurer, options);
  if (!results) {
    std::string m = toString(results.takeError());
    StringRef field = "compile_threads:"; // TuneOptions::compileThreads
    if (StringRef(m).starts_with(field))
      m = "--jobs:" + m.substr(field.size());
    return fail(m);
  }
  if (tty && SweepInterrupt::requested())
    errs() << "\n"; // the progress line stopped short of its end
  if (Error e = db->save())
    return fail(dbOption + toString(std::move(e)));
  double seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - start)
                       .count();

  // Candidates timed, and those that failed or were pruned (no time: a
  // compile or check failed, or ptxas's spills ruled it out). Until
  // 2026-12-07 the summary counted both as timed.
  int timed = 0, failed = 0, errors = 0;
  json::Array shapes;
  if (!optJson)
    outs() << fmt::format(
        "{:<5} {:>14} {:>6} {:>7} | {:<30} | {:>9} {:>5} | {:>7} {:>7} | {}\n",
        "dtype", "bxs hxd", "d", "rows", "config", "us", "frac",
        "vs dflt", "vs wrst", "source");
  for (const ShapeResult &r : *results) {
    const Entry &e = r.entry;
    for (const auto &[candidate, us] : r.timings)
      ++(std::isfinite(us) ? timed : failed);
    std::string source = r.fromDb ? "db" : r.sameAs ? "same_bucket" : "tuned";
    if (!r.error.empty()) {
      ++errors;
      if (optJson)
        shapes.push_back(json::Object{{"dtype", dtypeName(r.spec.dtype)},
                                      {"batch", r.shape.batch},
                                      {"seq", r.shape.seq},
                                      {"heads", r.shape.heads},
                                      {"head_dim", r.shape.headDim},
                                      {"error", walsh::jsonString(r.error)}});
      else
        outs() << fmt::format("{:<5} {:>14} {:>6} {:>7} | error: {}\n",
                              dtypeName(r.spec.dtype), shapeText(r.shape),
                              r.spec.d, r.shape.rows(), r.error);
      continue;
    }
    double frac = e.timeUs > 0 ? e.copyUs / e.timeUs : 0;
    double vsDefault = e.timeUs > 0 && e.defaultUs > 0 ? e.defaultUs / e.timeUs
                                                       : NAN;
    double vsWorst = e.timeUs > 0 ? e.worstUs / e.timeUs : NAN;
    if (optJson) {
      shapes.push_back(json::Object{
          {"dtype", dtypeName(r.spec.dtype)},
          {"batch", r.shape.batch},
          {"seq", r.shape.seq},
          {"heads", r.shape.heads},
          {"head_dim", r.shape.headDim},
          {"d", r.spec.d},
          {"rows", r.shape.rows()},
          {"bucket", e.bucket.str()},
          // The rows the entry's times are of: another grid point's of the
          // bucket where the source is db or same_bucket.
          {"timed_rows", e.rows},
          {"source", source},
          {"config", e.best.toJson()},
          {"time_us", e.timeUs},
          {"default_us", e.defaultUs},
          {"worst_us", e.worstUs},
          {"copy_us", e.copyUs},
          {"roofline_fraction", frac},
          {"speedup_vs_default", std::isnan(vsDefault)
                                     ? json::Value(nullptr)
                                     : json::Value(vsDefault)},
          {"speedup_vs_worst", vsWorst},
          {"candidates", int64_t(r.timings.size())},
          {"failed", e.failed},
          {"failures", failuresJson(r)},
          {"timings", timingsJson(r)}});
    } else {
      outs() << fmt::format(
          "{:<5} {:>14} {:>6} {:>7} | {:<30} | {:>9.2f} {:>5.2f} | {:>6.2f}x "
          "{:>6.2f}x | {}\n",
          dtypeName(r.spec.dtype), shapeText(r.shape), r.spec.d,
          r.shape.rows(), e.best.str(), e.timeUs, frac, vsDefault, vsWorst,
          source);
    }
  }
  if (optJson)
    outs() << walsh::jsonText(json::Value(
                  json::Object{{"device", device.toJson()},
                               {"db", walsh::jsonString(path)},
                               {"seconds", seconds},
                               {"sustain_s", sustainSeconds()},
                               {"candidates_timed", timed},
                               {"candidates_failed", failed},
                               {"interrupted", SweepInterrupt::requested()},
                               {"shapes", std::move(shapes)}}))
           << "\n";
  else
    outs() << fmt::format(
        "walsh tune: {}, {} timed{} in "
        "{:.1f} s on {}{}; database {}\n",
        counted(results->size(), "shape", "shapes"),
        counted(timed, "candidate", "candidates"),
        failed ? fmt::format(" ({} failed or pruned)", failed) : std::string(),
        seconds, device.name,
        sustainSeconds() > 0
            ? fmt::format(" (each after {} s of launches)", sustainSeconds())
            : std::string(),
        path);
  return SweepInterrupt::finish(
      errors ? 1 : 0, "tune",
      Twine(results->size()) + " of " +
          counted(work.size(), "shape", "shapes") +
          " finished; the output and the database hold those");
}
