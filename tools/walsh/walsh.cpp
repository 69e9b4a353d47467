//===- walsh.cpp - the walsh command line ---------------------------------===//
//
// Dispatches to one subcommand: run, bench, tune, inspect, compile, cache,
// stages. Errors are "walsh <command>: <message>" on stderr, and under
// --json stdout's one JSON object too (usageError, runError; for options
// LLVM's parser refuses, parseOptions).
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "walsh/Support/Async.h"
#include "walsh/Support/JsonText.h"
#include "walsh/Support/OutOfMemory.h"
#include "walsh/Support/Stdout.h"
#include "walsh/Support/Version.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <csignal>
#include <ctime>
#include <sys/mman.h>
#include <unistd.h>

using namespace llvm;


cl::OptionCategory &walsh::cli::category() {
  static cl::OptionCategory c("walsh options");
  return c;
}

cl::SubCommand &walsh::cli::runCommand() {
  static cl::SubCommand s("run", "Compile, run and time the projection; --check it against float64");
  return s;
}

cl::SubCommand &walsh::cli::benchCommand() {
  static cl::SubCommand s("bench", "walsh vs the dense projection vs memcpy, side by side");
  return s;
}

cl::SubCommand &walsh::cli::stagesCommand() {
  static cl::SubCommand s("stages", "Decompose a transform into butterfly stages and check them");
  return s;
}

cl::SubCommand &walsh::cli::compileCommand() {
  static cl::SubCommand s("compile",
                          "Write a compiled GPU kernel: PTX and launch JSON");
  return s;
}

cl::SubCommand &walsh::cli::cacheCommand() {
  static cl::SubCommand s("cache", "List, inspect, clear or prune the disk cache of compiled kernels");
  return s;
}

cl::SubCommand &walsh::cli::tuneCommand() {
  static cl::SubCommand s("tune", "Measure configurations per shape into the per-device tuning database");
  return s;
}

cl::SubCommand &walsh::cli::inspectCommand() {
  static cl::SubCommand s("inspect", "Print one stage of a compiled kernel");
  return s;
}

namespace {
bool jsonRequested = false;
/// stdout's position before the command ran: where stdout is a file its
/// position counts what was there before (a shell's `>>`, a job's log).
uint64_t stdoutStart = 0;

/// stdout's one JSON object for an error; `command` null where none was
/// named.
void printJsonError(const char *command, const std::string &text, int code) {
  outs() << walsh::jsonText(json::Object{
                {"ok", false},
                {"command", command ? json::Value(command) : nullptr},
                {"error", walsh::jsonString(text)},
                {"exit_code", code}})
         << "\n";
  outs().flush();
}

/// "walsh <command>: <message>" on stderr, and under --json, where the
/// command has written nothing on stdout (one that failed after printing
/// its output leaves that output whole), the same as stdout's one JSON
/// object.
int reportError(const char *command, const Twine &message, int code) {
  std::string text = message.str();
  errs() << "walsh " << command << ": " << text << "\n";
  if (jsonRequested && outs().tell() == stdoutStart)
    printJsonError(command, text, code);
  return code;
}
} // namespace

int walsh::cli::usageError(const char *command, const Twine &message) {
  return reportError(command, message, 2);
}

int walsh::cli::runError(const char *command, const Twine &message) {
  return reportError(command, message, 1);
}

namespace {
/// Whether argv asks for --json, read before the options are parsed (the
/// parser may fail before it sets the option).
bool argvAsksForJson(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    StringRef arg(argv[i]);
    if (arg == "--")
      return false;
    arg.consume_front("-");
    arg.consume_front("-");
    if (arg == "json" || (arg.consume_front("json=") &&
                          (arg.equals_insensitive("true") || arg == "1")))
      return true;
  }
  return false;
}

/// The subcommand argv names, or null.
const char *subcommandOf(int argc, char **argv) {
  if (argc < 2)
    return nullptr;
  for (cl::SubCommand *sub : cl::getRegisteredSubcommands())
    if (!sub->getName().empty() && sub->getName() == argv[1])
      return argv[1];
  return nullptr;
}

/// Parses the options. Where the parser refuses them (an unknown option, a
/// value that is no number), its messages go to stderr said of the
/// subcommand, "walsh run: Unknown command line argument 'foo'.  Try:
/// 'walsh run --help'" (until 2026-12-07 "walsh: ..." and the top level's
/// --help, which lists no subcommand's options), and under --json stdout
/// gets the one JSON object every other error gives. The parser writes a
/// refused value's message to stderr's file itself, so stderr is read back
/// from an in-memory file (memfd_create: no directory needed).
bool parseOptions(int argc, char **argv, StringRef overview) {
  bool json = argvAsksForJson(argc, argv);
  const char *sub = subcommandOf(argc, argv);
  if (!json && !sub)
    return cl::ParseCommandLineOptions(argc, argv, overview, &errs());
  int capture = ::memfd_create("walsh-options", MFD_CLOEXEC);
  int savedStderr = capture >= 0 ? ::dup(2) : -1;
  bool captured = savedStderr >= 0 && ::dup2(capture, 2) >= 0;
  bool parsed = cl::ParseCommandLineOptions(argc, argv, overview, &errs());
  std::string text;
  if (captured) {
    errs().flush();
    ::dup2(savedStderr, 2);
    char chunk[4096];
    ::lseek(capture, 0, SEEK_SET);
    for (ssize_t n; (n = ::read(capture, chunk, sizeof chunk)) > 0;)
      text.append(chunk, size_t(n));
  }
  if (savedStderr >= 0)
    ::close(savedStderr);
  if (capture >= 0)
    ::close(capture);
  if (parsed || !captured) {
    errs() << text;
    if (!parsed && json)
      printJsonError(sub, "the options could not be read; see stderr", 2);
    return parsed;
  }
  // LLVM's lines, "walsh: " off each: on stderr said of the subcommand, as
  // one message in the JSON object.
  std::string program = sys::path::filename(argv[0]).str();
  std::string prefix = program + ": ";
  std::string said = sub ? program + " " + sub + ": " : prefix;
  std::string help = std::string("Try: '") + argv[0] + " --help'";
  std::string subHelp =
      sub ? std::string("Try: '") + argv[0] + " " + sub + " --help'" : help;
  std::string message;
  SmallVector<StringRef> lines;
  StringRef(text).split(lines, '\n', -1, /*KeepEmpty=*/false);
  for (StringRef line : lines) {
    bool ours = line.consume_front(prefix);
    std::string body = line.trim().str();
    if (size_t at = body.find(help); at != std::string::npos)
      body.replace(at, help.size(), subHelp);
    errs() << (ours ? said : "") << (ours ? body : line.str()) << "\n";
    if (!message.empty())
      message += "; ";
    message += body;
  }
  if (!json)
    return false;
  if (message.empty())
    message = "the options could not be read; see stderr";
  printJsonError(sub, message, 2);
  return false;
}
} // namespace

namespace {
/// The first signal a sweep was sent (SIGINT or SIGTERM), or 0.
volatile sig_atomic_t interruptRequested = 0;
/// When it came (CLOCK_MONOTONIC, ns). Another within kSameRequestNs is
/// the same request: timeout(1) sends SIGTERM to walsh and then to its
/// process group, and so again to walsh (run524: taken for a second
/// signal, it ended the sweep with nothing printed); a wrapper in the
/// terminal's process group may pass Ctrl-C's SIGINT on the same way.
std::atomic<int64_t> firstSignalNs{0};
constexpr int64_t kSameRequestNs = 500'000'000;
constexpr int kSweepSignals[] = {SIGINT, SIGTERM};
struct sigaction beforeSweep[2]; // each signal's action before the sweep
bool sweepHandlerInstalled[2] = {false, false};

void restoreSweepSignals() {
  for (int i = 0; i < 2; ++i)
    if (sweepHandlerInstalled[i])
      ::sigaction(kSweepSignals[i], &beforeSweep[i], nullptr);
}

int64_t monotonicNs() { // (clock_gettime is async-signal-safe)
  struct timespec t = {};
  ::clock_gettime(CLOCK_MONOTONIC, &t);
  return int64_t(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

void onSweepInterrupt(int sig) {
  int64_t now = monotonicNs();
  if (!interruptRequested) {
    firstSignalNs = now;
    interruptRequested = sig;
    return;
  }
  if (now - firstSignalNs < kSameRequestNs)
    return;
  // The second: both as before the sweep, then this one again (sigaction
  // and raise are async-signal-safe; `sig` is blocked in its handler, so
  // it is delivered on return, to the action restored).
  restoreSweepSignals();
  ::raise(sig);
}
} // namespace

walsh::cli::SweepInterrupt::SweepInterrupt() {
  interruptRequested = 0;
  for (int i = 0; i < 2; ++i) {
    sweepHandlerInstalled[i] = false;
    struct sigaction now = {};
    if (::sigaction(kSweepSignals[i], nullptr, &now) != 0 ||
        now.sa_handler == SIG_IGN)
      continue;
    struct sigaction act = {};
    act.sa_handler = onSweepInterrupt;
    sigemptyset(&act.sa_mask);
    sweepHandlerInstalled[i] =
        ::sigaction(kSweepSignals[i], &act, &beforeSweep[i]) == 0;
  }
}

walsh::cli::SweepInterrupt::~SweepInterrupt() {
  restoreSweepSignals();
  sweepHandlerInstalled[0] = sweepHandlerInstalled[1] = false;
}

bool walsh::cli::SweepInterrupt::requested() { return interruptRequested != 0; }

int walsh::cli::SweepInterrupt::status() { return 128 + interruptRequested; }

int walsh::cli::SweepInterrupt::finish(int status, StringRef command,
                                       const Twine &done) {
  if (!requested())
    return status;
  errs() << "walsh " << command << ": interrupted"
         << (interruptRequested == SIGTERM ? " (SIGTERM)" : "") << ": " << done
         << "\n";
  return SweepInterrupt::status();
}

int walsh::cli::SweepInterrupt::finishBench(
    const std::vector<std::string> &refusals, size_t measured, size_t total) {
  return finish(reportRefusals(refusals), "bench",
                Twine(measured) + " of " + counted(total, "case", "cases") +
                    " measured; the output holds those");
}

void walsh::cli::setJsonOutputFromOptions() {
  stdoutStart = outs().tell();
  for (cl::SubCommand *sub : cl::getRegisteredSubcommands()) {
    if (!*sub)
      continue;
    auto it = sub->OptionsMap.find("json");
    if (it != sub->OptionsMap.end())
      jsonRequested = *static_cast<cl::opt<bool> *>(it->second);
  }
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  // A file size limit (ulimit -f) is a failed write walsh reports with its
  // path (a cache directory then left for memory, one warning), not a
  // signal: LLVM's handlers print a crash's stack dump for SIGXFSZ.
  ::signal(SIGXFSZ, SIG_IGN);
  cl::HideUnrelatedOptions(walsh::cli::category());
  walsh::installVersionPrinter("walsh");
  bool parsed = parseOptions(
      argc, argv,
      "walsh: a JIT compiler for the structured Hadamard output projection\n\n"
      "  walsh run --d 4096 --rows 65536 --check   compile, run and time the\n"
      "                           projection (CPU), check it against float64\n"
      "  walsh bench              walsh vs the dense projection vs memcpy\n"
      "  walsh inspect --d 768 --stage asm   print one stage of a kernel\n"
      "  walsh compile --target cuda --d 4096 --out DIR   PTX + launch JSON\n"
      "  walsh tune --target cuda  tune configurations per shape into the\n"
      "                           per-device tuning database\n"
      "  walsh cache list         the disk cache of compiled kernels\n"
      "  walsh stages --d 768     decompose H_768 into butterfly stages and\n"
      "                           check them against the float64 reference\n");
  // A refused option is a bad argument: exit status 2, as every other.
  if (!parsed)
    return 2;
  walsh::cli::setJsonOutputFromOptions();
  if (std::string foreign = walsh::foreignOptionGiven(walsh::cli::category());
      !foreign.empty()) {
    std::string why = walsh::foreignOptionText(foreign, "walsh");
    if (const char *sub = subcommandOf(argc, argv))
      return walsh::cli::usageError(sub, why);
    errs() << "walsh: " << why << "\n";
    return 2;
  }
  // stdout's write errors (a full disk) are the command's, not LLVM's fatal
  // error from outs()'s destructor; so is a failed allocation, not LLVM's
  // "out of memory" abort. Under a small `ulimit -s` the command runs on a
  // thread with a large stack (LLVM and the float64 interpreter recurse:
  // walsh stages --d 30720 overflowed 16 KB).
  auto run = [](int (*command)(), const char *name) {
    std::string tool = std::string("walsh ") + name;
    walsh::installOutOfMemoryHandler(tool);
    return walsh::finishStdout(
        walsh::withStack(walsh::kCompileStackBytes,
                         [&] { return walsh::catchingOutOfMemory(command); }),
        tool);
  };
  if (walsh::cli::stagesCommand())
    return run(walsh::cli::runStages, "stages");
  if (walsh::cli::runCommand())
    return run(walsh::cli::runRun, "run");
  if (walsh::cli::inspectCommand())
    return run(walsh::cli::runInspect, "inspect");
  if (walsh::cli::benchCommand())
    return run(walsh::cli::runBench, "bench");
  if (walsh::cli::compileCommand())
    return run(walsh::cli::runCompile, "compile");
  if (walsh::cli::cacheCommand())
    return run(walsh::cli::runCache, "cache");
  if (walsh::cli::tuneCommand())
    return run(walsh::cli::runTune, "tune");
  errs() << "walsh: expects a subcommand (run, bench, tune, inspect, compile, cache, stages); see "
            "walsh --help\n";
  return 2;
}
