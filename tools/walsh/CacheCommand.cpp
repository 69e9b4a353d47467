//===- CacheCommand.cpp - `walsh cache` -----------------------------------===//
//
//   walsh cache list    the disk entries, least recently used first
//   walsh cache info    the directory, its bound, entries and total size
//   walsh cache clear   remove every entry (and locks, leftovers)
//   walsh cache prune   remove corrupt entries, then the least recently used
//                       until the total fits --max-mb (default: the bound)
//
// The directory is WALSH_CACHE_DIR (default $XDG_CACHE_HOME/walsh or
// ~/.cache/walsh), or --dir. Its
// tuning databases (tuning/, `walsh tune`'s) are no entries: every action
// leaves them, and `info` names them.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "walsh/Runtime/KernelCache.h"
#include "walsh/Support/JsonText.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>

using namespace llvm;

namespace {
// A list, so that a second word is refused by walsh with both named, not
// by LLVM's "Too many positional arguments specified!".
cl::list<std::string> optActions(cl::Positional,
                                 cl::desc("list | info | clear | prune"),
                                 cl::sub(walsh::cli::cacheCommand()),
                                 cl::cat(walsh::cli::category()));
cl::opt<std::string>
    optDir("dir",
           cl::desc("Cache directory (default: "
                    "WALSH_CACHE_DIR, else $XDG_CACHE_HOME/walsh or "
                    "~/.cache/walsh)"),
           cl::init(""), cl::sub(walsh::cli::cacheCommand()),
           cl::cat(walsh::cli::category()));
cl::opt<int64_t> optMaxMB("max-mb",
                          cl::desc("prune: the bound in MB (default: "
                                   "WALSH_CACHE_MAX_MB or 1024)"),
                          cl::init(-1), cl::sub(walsh::cli::cacheCommand()),
                          cl::cat(walsh::cli::category()));
cl::opt<bool> optJson("json", cl::desc("Machine-readable output"),
                      cl::sub(walsh::cli::cacheCommand()),
                      cl::cat(walsh::cli::category()));

/// The tuning databases in the cache directory's tuning/ (their paths,
/// sorted), which no action removes.
std::vector<std::string> tuningDatabases(const std::string &directory) {
  std::vector<std::string> out;
  std::error_code ec;
  std::string dir = directory + "/" + walsh::kTuningDirectoryName;
  for (sys::fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec))
    if (StringRef(it->path()).ends_with(".json"))
      out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

/// Paths as a JSON array (a path need not be UTF-8).
json::Array pathsJson(const std::vector<std::string> &paths) {
  json::Array out;
  for (const std::string &p : paths)
    out.push_back(walsh::jsonString(p));
  return out;
}

/// An entry's time when it has no readable manifest (list leaves it so).
constexpr std::chrono::system_clock::time_point Never{};

std::string timeText(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", std::gmtime(&tt));
  return buf;
}
} // namespace

int walsh::cli::runCache() {
  auto fail = [](const Twine &m) { return usageError("cache", m); };
  walsh::CacheOptions options = walsh::CacheOptions::fromEnvironment();
  bool envSet = options.directoryFromEnvironment;
  if (!optDir.empty())
    options.directory = optDir;
  if (options.directory.empty())
    return fail(envSet ? "--dir: no cache directory (WALSH_CACHE_DIR is 'none')"
                       : "--dir: no cache directory (WALSH_CACHE_DIR, an "
                         "absolute XDG_CACHE_HOME and HOME are all unset or "
                         "empty)");
  // A file where the directory should be: neither empty nor a place that
  // can be cleared (the JIT warns and works from memory).
  const char *from = !optDir.empty() ? "--dir"
                     : envSet        ? "WALSH_CACHE_DIR"
                                     : "the cache directory";
  if (sys::fs::exists(options.directory) &&
      !sys::fs::is_directory(options.directory))
    return fail(Twine(from) + ": '" + options.directory +
                "' is not a directory");
  if (optActions.size() > 1)
    return fail("expects one action, got '" + optActions[0] + "' and '" +
                optActions[1] + "'");
  const std::string action = optActions.empty() ? "" : optActions[0];
  if (action != "list" && action != "info" && action != "clear" &&
      action != "prune")
    return fail("expects an action: list, info, clear or prune; got '" +
                action + "'");
  // (Until 2026-12-07 taken by every action and ignored but by prune.)
  if (optMaxMB.getNumOccurrences() && action != "prune")
    return fail("--max-mb: the bound of prune; " + action + " takes none");
  if (optMaxMB.getNumOccurrences() && optMaxMB < 0)
    return fail("--max-mb: expects a size >= 0, got " +
                Twine(int64_t(optMaxMB)));
  // The directory as the text names it: "(not created yet)" where there is
  // none (a first run, a mistyped --dir); no action here makes it.
  bool exists = sys::fs::is_directory(options.directory);
  std::string shown = options.directory + (exists ? "" : " (not created yet)");
  walsh::KernelCache cache(options);
  if (action == "clear" || action == "prune") {
    // MB to bytes without wrapping: a bound past 2^64 bytes is no bound
    // (2^44 MB wrapped to 0, and prune removed everything).
    uint64_t bound = optMaxMB < 0 ? options.maxBytes
                     : uint64_t(optMaxMB) > (~0ull >> 20)
                         ? ~0ull
                         : uint64_t(optMaxMB) << 20;
    int leftovers = 0;
    auto removed = action == "clear"
                       ? cache.clear(&leftovers)
                       : cache.prune(bound, /*verify=*/true, &leftovers);
    if (!removed)
      return fail(toString(removed.takeError()));
    std::vector<std::string> kept = tuningDatabases(options.directory);
    if (optJson) {
      outs() << walsh::jsonText(json::Object{
                    {"action", action},
                    {"directory", walsh::jsonString(options.directory)},
                    {"removed", *removed},
                    {"leftovers_removed", leftovers},
                    {"tuning_databases_kept", pathsJson(kept)}})
             << "\n";
      return 0;
    }
    outs() << "walsh cache " << action << ": removed "
           << counted(*removed, "entry", "entries");
    if (leftovers)
      outs() << " and "
             << counted(leftovers, "leftover of an interrupted write",
                        "leftovers of interrupted writes");
    outs() << " from " << shown;
    if (!kept.empty())
      outs() << " (kept "
             << counted(kept.size(), "tuning database", "tuning databases")
             << " in " << options.directory << "/"
             << walsh::kTuningDirectoryName << ")";
    outs() << "\n";
    return 0;
  }
  auto entries = cache.list();
  if (!entries)
    return fail(toString(entries.takeError()));
  uint64_t total = 0;
  for (const auto &e : *entries)
    total += e.bytes;
  if (action == "info") {
    std::vector<std::string> tuning = tuningDatabases(options.directory);
    walsh::KernelCache::Leftovers left = cache.leftovers();
    if (optJson) {
      outs() << walsh::jsonText(json::Object{
                    {"directory", walsh::jsonString(options.directory)},
                    {"exists", exists},
                    {"max_bytes", int64_t(options.maxBytes)},
                    {"entries", int64_t(entries->size())},
                    {"bytes", int64_t(total)},
                    {"leftovers", left.all},
                    {"leftovers_hour_old", left.hourOld},
                    {"tuning_databases", pathsJson(tuning)}})
             << "\n";
      return 0;
    }
    outs() << fmt::format("directory  {}\nbound      {} MB\nentries    "
                          "{}\ntotal      {:.1f} MB\n",
                          shown, options.maxBytes >> 20, entries->size(),
                          double(total) / (1 << 20));
    if (left.all)
      outs() << fmt::format("leftovers  {} of interrupted writes ({} an hour "
                            "old, which prune removes)\n",
                            left.all, left.hourOld);
    for (const std::string &p : tuning)
      outs() << "tuning     " << p << "\n";
    return 0;
  }
  if (optJson) {
    json::Array a;
    for (const auto &e : *entries)
      a.push_back(json::Object{
          {"name", walsh::jsonString(e.name)},
          {"target", e.target},
          {"bytes", int64_t(e.bytes)},
          {"last_used", e.lastUsed == Never
                            ? json::Value(nullptr)
                            : json::Value(timeText(e.lastUsed))},
          {"problem", e.problem.empty() ? json::Value(nullptr)
                                        : walsh::jsonString(e.problem)}});
    outs() << walsh::jsonText(std::move(a)) << "\n";
    return 0;
  }
  outs() << fmt::format("{:<52} {:<6} {:>10} {:<19}\n", "entry", "target",
                        "KB", "last used (UTC)");
  for (const auto &e : *entries)
    outs() << fmt::format("{:<52} {:<6} {:>10.1f} {:<19}{}\n", e.name, e.target,
                          double(e.bytes) / 1024,
                          e.lastUsed == Never ? "-" : timeText(e.lastUsed),
                          e.problem.empty() ? "" : "  CORRUPT: " + e.problem);
  outs() << fmt::format("{}, {:.1f} MB in {}\n",
                        counted(entries->size(), "entry", "entries"),
                        double(total) / (1 << 20), shown);
  return 0;
}
