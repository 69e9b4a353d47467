//===- Commands.h - the walsh command line's subcommands -------*- C++ -*-===//
#ifndef WALSH_TOOLS_WALSH_COMMANDS_H
#define WALSH_TOOLS_WALSH_COMMANDS_H

#include "llvm/Support/CommandLine.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace walsh {
struct ProjectionSpec;
}

namespace walsh::cli {

/// Options every subcommand shows under `--help`. The category and the
/// subcommands are function-local statics: options in several translation
/// units name them during static initialization.
llvm::cl::OptionCategory &category();

/// `walsh stages`: build a projection, run the walsh-to-stages pipeline,
/// print the stages and check them against the float64 reference.
llvm::cl::SubCommand &stagesCommand();
int runStages();

/// `walsh run`: compile, load and run the projection, time it against a
/// memcpy of the same bytes, optionally check it against the oracle.
llvm::cl::SubCommand &runCommand();
int runRun();

/// `walsh inspect`: print one stage of a compiled kernel.
llvm::cl::SubCommand &inspectCommand();
int runInspect();

/// `walsh compile`: write a compiled GPU kernel (PTX + launch metadata).
llvm::cl::SubCommand &compileCommand();
int runCompile();

/// `walsh bench`: walsh vs the dense projection vs memcpy, over sizes.
llvm::cl::SubCommand &benchCommand();
int runBench();

/// `walsh cache`: list, info, clear or prune the disk cache.
llvm::cl::SubCommand &cacheCommand();
int runCache();

/// `walsh tune`: measure configurations per shape into the tuning
/// database.
llvm::cl::SubCommand &tuneCommand();
int runTune();

/// Prints "walsh <command>: <message>" on stderr; returns exit code 2.
/// Under --json, where the command has written nothing on stdout yet, the
/// error is also stdout's one JSON object: {"ok": false, "command",
/// "error", "exit_code"} (reportError).
int usageError(const char *command, const llvm::Twine &message);

/// The same for a failure past the arguments (a driver, a file): exit
/// code 1.
int runError(const char *command, const llvm::Twine &message);

/// Notes whether the subcommand being run was given --json (every
/// subcommand's "json" is a cl::opt<bool>), for the errors above, and
/// where stdout stands; main calls it once the options are parsed.
void setJsonOutputFromOptions();

/// `walsh bench`'s verdict on a kernel's check before it is timed (both
/// targets): the refusal naming dtype, d, the error and y's tolerance when
/// the max relative error `err` is over it (or NaN), else nothing. A
/// refused kernel is reported in its row (JSON: "ok": false and "error")
/// and not timed; the sweep goes on, and exits 1 at its end
/// (reportRefusals).
std::optional<std::string> refusalOf(const ProjectionSpec &spec, double err);

/// After a sweep: each refusal on stderr ("walsh bench: ..."), once; the
/// exit status, 1 when there was any, else 0.
int reportRefusals(const std::vector<std::string> &refusals);

/// Ctrl-C (SIGINT), or SIGTERM (`timeout`, a batch scheduler), during
/// `walsh bench`'s or `walsh tune`'s sweep: while one of these lives, the
/// first of them only asks the sweep to stop (requested(); bench after the
/// case it is in, tune before its next timing), so that what was measured
/// is printed, as text or JSON, and the command exits status(), 128 + the
/// signal, as a shell reports a process the signal ended; a second one,
/// half a second or more after the first, is handled as before (LLVM's
/// handler, or the default: the process ends); one sooner is the same
/// request sent twice (timeout(1) sends SIGTERM to the command and then to
/// its process group).
/// A signal ignored when it started (SIGINT in a non-interactive shell's
/// background job) stays ignored. Until 2026-12-07 either ended `walsh
/// bench --target cuda`, which prints its table at the end, with nothing
/// printed.
class SweepInterrupt {
public:
  SweepInterrupt();
  ~SweepInterrupt();
  SweepInterrupt(const SweepInterrupt &) = delete;
  SweepInterrupt &operator=(const SweepInterrupt &) = delete;
  /// Whether a SIGINT or SIGTERM came since this was made.
  static bool requested();
  /// The exit status after one: 130 (SIGINT) or 143 (SIGTERM).
  static int status();
  /// A sweep's exit status once its output is printed: `status`, or after
  /// a signal status(), with "walsh COMMAND: interrupted: DONE" on stderr
  /// ("interrupted (SIGTERM)" after a SIGTERM).
  static int finish(int status, llvm::StringRef command,
                    const llvm::Twine &done);
  /// `walsh bench`'s: reportRefusals()'s status, and "3 of 12 cases
  /// measured; the output holds those".
  static int finishBench(const std::vector<std::string> &refusals,
                         size_t measured, size_t total);
};

/// The option that asked for a prologue (the head merge, the split-KV
/// combine, the row sums), for a refusal that names it: "--splits",
/// "--row-sum" or "--layout", in that order where several were given.
inline const char *prologueOptionName(int64_t splits, bool rowSum) {
  return splits ? "--splits" : rowSum ? "--row-sum" : "--layout";
}

/// "1 entry", "2 entries": a count and its noun in the text output.
inline std::string counted(size_t n, const char *one, const char *many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

} // namespace walsh::cli

#endif // WALSH_TOOLS_WALSH_COMMANDS_H
