//===- TuningDb.cpp - the per-device tuning database ------------------------===//
#include "walsh/Autotune/TuningDb.h"

#include "walsh/Builder/ConfigJson.h"
#include "walsh/Runtime/KernelCache.h"
#include "walsh/Support/AtomicFile.h"
#include "walsh/Support/JsonText.h"
#include "walsh/Support/NumberText.h"

#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <ctime>
#include <tuple>
#include <unistd.h>

using namespace llvm;
namespace fs = llvm::sys::fs;

namespace walsh::tune {

namespace {
constexpr const char *kFormat = "walsh-tuning 1";

int64_t pow2Ceil(int64_t v) {
  // (Rows stay at kMaxRows at most, shapeTooLarge; a larger v is its own
  // bucket, where doubling p would overflow before it passed v.)
  if (v > kMaxRows)
    return v;
  int64_t p = 1;
  while (p < v)
    p *= 2;
  return p;
}

Error fileError(const std::string &path, const Twine &what) {
  return createStringError(path + ": " + what.str());
}

/// An exclusive lock on `<path>.lock`, released on scope exit.
struct Lock {
  int fd = -1;
  ~Lock() {
    if (fd >= 0) {
      fs::unlockFile(fd);
      sys::Process::SafelyCloseFileDescriptor(fd);
    }
  }
  Error acquire(const std::string &path) {
    std::string lockPath = path + ".lock";
    if (std::error_code ec = fs::openFileForReadWrite(
            lockPath, fd, fs::CD_OpenAlways, fs::OF_None))
      return fileError(lockPath, "cannot create the lock: " + ec.message());
    if (std::error_code ec = fs::lockFile(fd))
      return fileError(lockPath, "cannot lock: " + ec.message());
    return Error::success();
  }
};

/// `text` into `path` whole or not at all, its directory made first.
Error writeAtomically(const std::string &path, const std::string &text) {
  StringRef dir = sys::path::parent_path(path);
  if (!dir.empty())
    if (std::error_code ec = fs::create_directories(dir))
      return fileError(dir.str(), "cannot create: " + ec.message());
  return writeFileAtomically(path, text);
}

json::Object entryJson(const Entry &e) {
  json::Object o{{"spec", e.spec},
                 {"bucket", json::Object{{"batch", e.bucket.batch},
                                         {"seq", e.bucket.seq},
                                         {"heads", e.bucket.heads},
                                         {"head_dim", e.bucket.headDim}}},
                 {"rows", e.rows},
                 {"config", e.best.toJson()},
                 {"time_us", e.timeUs},
                 {"default_us", e.defaultUs},
                 {"worst_us", e.worstUs},
                 {"copy_us", e.copyUs},
                 {"candidates", e.candidates},
                 {"failed", e.failed},
                 {"tuned_at", e.tunedAt}};
  if (e.sustainSeconds > 0)
    o["sustain_s"] = e.sustainSeconds;
  return o;
}

struct Parsed {
  DeviceIdentity device;
  std::vector<Entry> entries;
};

/// Parses a database file; every problem names the file and the field.
Expected<Parsed> parseFile(const std::string &path) {
  auto buf = MemoryBuffer::getFile(path);
  if (!buf)
    return fileError(path, "cannot read: " + buf.getError().message());
  auto value = walsh::parseJson((*buf)->getBuffer());
  if (!value)
    return fileError(path, "not a tuning database (" +
                               toString(value.takeError()) + ")");
  const json::Object *root = value->getAsObject();
  if (!root || root->getString("format") != std::optional<StringRef>(kFormat))
    return fileError(path, std::string("not a tuning database (expects "
                                       "\"format\": \"") +
                               kFormat + "\")");
  Parsed p;
  const json::Object *dev = root->getObject("device");
  if (!dev)
    return fileError(path, "no \"device\"");
  p.device.target = dev->getString("target").value_or("").str();
  p.device.name = dev->getString("name").value_or("").str();
  p.device.arch = dev->getString("arch").value_or("").str();
  p.device.smCount = int(dev->getInteger("sm_count").value_or(0));
  p.device.driverVersion = int(dev->getInteger("driver_version").value_or(0));
  p.device.walshVersion = dev->getString("walsh_version").value_or("").str();
  if (p.device.target != "cuda" && p.device.target != "cpu")
    return fileError(path, "device.target: expects cuda or cpu");
  const json::Array *entries = root->getArray("entries");
  if (!entries)
    return fileError(path, "no \"entries\"");
  for (size_t i = 0; i < entries->size(); ++i) {
    auto bad = [&](const Twine &what) {
      return fileError(path, "entries[" + Twine(i) + "]: " + what);
    };
    const json::Object *o = (*entries)[i].getAsObject();
    if (!o)
      return bad("not an object");
    Entry e;
    e.spec = o->getString("spec").value_or("").str();
    const json::Object *b = o->getObject("bucket");
    const json::Object *c = o->getObject("config");
    if (e.spec.empty() || !b || !c)
      return bad("expects spec, bucket and config");
    e.bucket.batch = b->getInteger("batch").value_or(0);
    e.bucket.seq = b->getInteger("seq").value_or(0);
    e.bucket.heads = b->getInteger("heads").value_or(0);
    e.bucket.headDim = b->getInteger("head_dim").value_or(0);
    if (e.bucket.batch < 1 || e.bucket.seq < 1 || e.bucket.heads < 1 ||
        e.bucket.headDim < 1)
      return bad("bucket: expects batch, seq, heads and head_dim >= 1");
    if (std::optional<int64_t> rows = checkedMul(e.bucket.batch, e.bucket.seq);
        !rows || *rows > kMaxRows)
      return bad("bucket: expects batch * seq at most 2^62 rows, got " +
                 Twine(e.bucket.batch) + " * " + Twine(e.bucket.seq));
    auto cand = Candidate::fromJson(*c, p.device.target == "cuda");
    if (!cand)
      return bad("config: " + toString(cand.takeError()));
    e.best = *cand;
    e.rows = o->getInteger("rows").value_or(e.bucket.rows());
    e.timeUs = o->getNumber("time_us").value_or(0);
    e.defaultUs = o->getNumber("default_us").value_or(0);
    e.worstUs = o->getNumber("worst_us").value_or(0);
    e.copyUs = o->getNumber("copy_us").value_or(0);
    e.candidates = int(o->getInteger("candidates").value_or(0));
    e.failed = int(o->getInteger("failed").value_or(0));
    e.tunedAt = o->getString("tuned_at").value_or("").str();
    e.sustainSeconds = o->getNumber("sustain_s").value_or(0);
    p.entries.push_back(std::move(e));
  }
  return p;
}

std::string render(const DeviceIdentity &device,
                   const std::vector<Entry> &entries) {
  json::Array arr;
  for (const Entry &e : entries)
    arr.push_back(entryJson(e));
  json::Object root{{"format", kFormat},
                    {"device", device.toJson()},
                    {"entries", std::move(arr)}};
  return walsh::jsonText(json::Value(std::move(root))) + "\n";
}

/// Puts `e` into `into`, replacing the entry of the same spec and bucket.
void merge(std::vector<Entry> &into, Entry e) {
  for (Entry &old : into)
    if (old.spec == e.spec && old.bucket == e.bucket) {
      old = std::move(e);
      return;
    }
  into.push_back(std::move(e));
}

} // namespace

Bucket Bucket::of(const Shape &s) {
  return Bucket{pow2Ceil(std::max<int64_t>(1, s.batch)),
                pow2Ceil(std::max<int64_t>(1, s.seq)), s.heads, s.headDim};
}

std::string Bucket::str() const {
  return formatv("batch={0} seq={1} heads={2} head_dim={3}", batch, seq, heads,
                 headDim)
      .str();
}

bool Candidate::operator==(const Candidate &o) const {
  if (cuda != o.cuda)
    return false;
  if (cuda)
    return gpu == o.gpu;
  return cpu.vectorWidth == o.cpu.vectorWidth &&
         cpu.levelsPerPass == o.cpu.levelsPerPass &&
         cpu.nontemporal == o.cpu.nontemporal &&
         cpu.prefetchPerLine == o.cpu.prefetchPerLine &&
         cpu.passOrder == o.cpu.passOrder && threads == o.threads;
}

std::string Candidate::str() const {
  if (cuda)
    return formatv("e{0} t{1} r{2} v{3} {4}{5}{6}", gpu.elemsPerThread,
                   gpu.threadsPerRow, gpu.rowsPerBlock, gpu.vectorWidth,
                   crossWarpName(gpu.crossWarp),
                   gpu.rowIters > 1 ? " i" + std::to_string(gpu.rowIters) : "",
                   gpu.cluster > 1 ? " c" + std::to_string(gpu.cluster) : "")
        .str();
  const char *order = cpu.passOrder == CpuPassOrder::WidestFirst ? " wide"
                      : cpu.passOrder == CpuPassOrder::ContiguousFirst
                          ? " narrow"
                          : "";
  return formatv("v{0} l{1}{2}{3}{4} t{5}", cpu.vectorWidth,
                 cpu.levelsPerPass, cpu.nontemporal ? " nt" : "",
                 cpu.prefetchPerLine
                     ? " p" + std::to_string(cpu.prefetchPerLine)
                     : "",
                 order, threads)
      .str();
}

json::Object Candidate::toJson() const {
  if (cuda)
    return gpuConfigJson(gpu);
  json::Object o = cpuConfigJson(cpu);
  o["threads"] = threads;
  return o;
}

Expected<Candidate> Candidate::fromJson(const json::Object &o, bool cuda) {
  Candidate c;
  c.cuda = cuda;
  if (cuda) {
    auto g = gpuConfigFromJson(o);
    if (!g)
      return g.takeError();
    c.gpu = *g;
    return c;
  }
  auto cpu = cpuConfigFromJson(o);
  if (!cpu)
    return cpu.takeError();
  c.cpu = *cpu;
  auto threads = o.getInteger("threads");
  if (!threads || *threads < 1)
    return createStringError("expects \"threads\" to be an integer >= 1");
  c.threads = int(*threads);
  return c;
}

std::string specKey(const ProjectionSpec &s) {
  // The shortest text that reads back as the scale, in the C locale.
  // (Until 2026-12-06 formatv's "{0:g}", two decimals fixed: 0.125 and
  // 0.13 shared "0.13", 1e-07 and 0.001 "0.00", a decimal comma under a
  // de_DE locale; and LLVM's assertion in a debug build.)
  std::string scale = s.scale ? shortestText(*s.scale) : "default";
  std::string key =
      formatv("d={0} dtype={1} transpose={2} scale={3} mul={4} add={5}", s.d,
              dtypeName(s.dtype), int(s.transpose), scale, int(s.withMul),
              int(s.withAdd))
          .str();
  // Epilogue variants are tuned apart; keys without one are unchanged.
  if (s.hasEpilogue())
    key += formatv(" residual={0} norm={1}", int(s.residual),
                   normName(s.norm))
               .str();
  if (s.crossHeadOnly)
    key += formatv(" cross_head_only={0}", s.crossHeadOnly).str();
  return key + prologueKey(s) + castKey(s);
}

std::string DeviceIdentity::slug() const {
  std::string s = target + "-" + name + "-" + arch;
  if (smCount)
    s += "-" + std::to_string(smCount) + "sm";
  for (char &c : s)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
      c = '_';
  return s;
}

json::Object DeviceIdentity::toJson() const {
  return json::Object{{"target", target},
                      {"name", name},
                      {"arch", arch},
                      {"sm_count", smCount},
                      {"driver_version", driverVersion},
                      {"walsh_version", walshVersion}};
}

bool DeviceIdentity::sameDevice(const DeviceIdentity &o) const {
  return target == o.target && name == o.name && arch == o.arch &&
         smCount == o.smCount;
}

Expected<std::string> TuningDb::defaultPath(const DeviceIdentity &device) {
  CacheOptions o = CacheOptions::fromEnvironment();
  if (o.directory.empty())
    return createStringError("no cache directory for the tuning database "
                             "(WALSH_CACHE_DIR=none, or no HOME): give --db");
  return o.directory + "/" + kTuningDirectoryName + "/" + device.slug() +
         ".json";
}

Expected<TuningDb> TuningDb::open(const std::string &path,
                                  const DeviceIdentity &device) {
  TuningDb db;
  db.file = path;
  db.identity = device;
  if (!fs::exists(path))
    return db;
  auto p = parseFile(path);
  if (!p)
    return p.takeError();
  if (!p->device.sameDevice(device))
    return fileError(path, "belongs to another device (" + p->device.slug() +
                               ", this is " + device.slug() + ")");
  db.all = std::move(p->entries);
  return db;
}

const Entry *TuningDb::exact(const ProjectionSpec &spec,
                             const Bucket &bucket) const {
  std::string key = specKey(spec);
  for (const Entry &e : all)
    if (e.spec == key && e.bucket == bucket)
      return &e;
  return nullptr;
}

const Entry *TuningDb::nearest(const ProjectionSpec &spec,
                               const Bucket &bucket) const {
  // The spec's key holds everything the kernel depends on (the head split
  // too, where a prologue or a cross-head-only transform needs it), so an
  // entry of the same key fits whatever heads x head_dim it was tuned as:
  // `walsh run --d 4096 --rows 65536` finds what `walsh tune --heads 32
  // --head-dim 128` measured. Rows decide; at equal distance the same
  // heads x head_dim, then the larger bucket.
  std::string key = specKey(spec);
  auto rank = [&](const Entry &e) {
    double dist = std::fabs(std::log2(double(e.bucket.rows())) -
                            std::log2(double(bucket.rows())));
    bool otherHeads =
        e.bucket.heads != bucket.heads || e.bucket.headDim != bucket.headDim;
    return std::tuple(dist, otherHeads, -e.bucket.rows());
  };
  const Entry *best = nullptr;
  for (const Entry &e : all)
    if (e.spec == key && (!best || rank(e) < rank(*best)))
      best = &e;
  return best;
}

void TuningDb::put(Entry entry) {
  if (entry.tunedAt.empty()) {
    char buf[32];
    std::time_t now = std::time(nullptr);
    std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    entry.tunedAt = buf;
  }
  merge(all, std::move(entry));
}

Error TuningDb::save() {
  if (StringRef dir = sys::path::parent_path(file); !dir.empty())
    if (std::error_code ec = fs::create_directories(dir))
      return fileError(dir.str(), "cannot create: " + ec.message());
  Lock lock;
  if (Error e = lock.acquire(file))
    return e;
  std::vector<Entry> merged;
  if (fs::exists(file)) {
    auto p = parseFile(file);
    if (!p)
      return p.takeError();
    if (!p->device.sameDevice(identity))
      return fileError(file, "belongs to another device (" +
                                 p->device.slug() + ")");
    merged = std::move(p->entries);
  }
  for (const Entry &e : all)
    merge(merged, e);
  if (Error e = writeAtomically(file, render(identity, merged)))
    return e;
  all = std::move(merged);
  return Error::success();
}

Error TuningDb::exportTo(const std::string &path) const {
  return writeAtomically(path, render(identity, all));
}

Expected<int> TuningDb::importFrom(const std::string &path) {
  auto p = parseFile(path);
  if (!p)
    return p.takeError();
  if (!p->device.sameDevice(identity))
    return fileError(path, "was tuned on another device (" + p->device.slug() +
                               "), not this one (" + identity.slug() + ")");
  int n = 0;
  for (Entry &e : p->entries) {
    merge(all, std::move(e));
    ++n;
  }
  return n;
}

} // namespace walsh::tune
