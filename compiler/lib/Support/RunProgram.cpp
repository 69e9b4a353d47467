//===- RunProgram.cpp - a tool's exit status in any host ------*- C++ -*-===//
//
// Two ways to run a program. Where this process waits for its own children
// (the common case) it is posix_spawn and a wait on the child. Otherwise
// (SIGCHLD ignored, or a child reaped by someone else before walsh's wait)
// a helper: a copy of this process made by a raw clone (no fork handlers:
// a multithreaded host's copy may hold locks), which resets SIGCHLD and
// the host's signal handlers to their defaults, starts the program, waits
// for it and writes what it learnt into a pipe that this process reads to
// its end. The helper and the program's side of the start make raw system
// calls alone: in a copy of a multithreaded process nothing else is safe
// (not malloc, not the sanitizers' interceptors).
//
//===----------------------------------------------------------------------===//

#include "walsh/Support/RunProgram.h"

#include "llvm/ADT/Twine.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace walsh {
namespace {

/// The code of the helper and of the program's side of its start runs in a
/// copy of a multithreaded process: no sanitizer instrumentation there.
#define WALSH_RAW_CHILD                                                        \
  __attribute__((no_sanitize("address", "thread", "undefined")))

/// The kernel's struct sigaction (not glibc's, whose mask is 128 bytes).
struct KernelSigaction {
  void (*handler)(int);
  unsigned long flags;
  void (*restorer)();
  unsigned long mask;
};

/// What the helper reports through its pipe.
enum ReportKind : int {
  Exited = 1,     // value: the wait status
  ExecFailed = 2, // value: errno of execve (or of dup3 before it)
  TimedOut = 4,   // killed at the limit
  WaitFailed = 5, // value: errno of clone or wait4
};
struct Report {
  int kind, value;
};

/// What a child needs, made before it starts: the children read the C
/// pointers and descriptors alone (no member function runs there). The
/// output files are opened here, by this process, so that an error names
/// the file (a child's failed open is an errno alone, as though the
/// program could not be run), as descriptors of 3 or more (a host may have
/// closed 0, 1 and 2) that the child moves to 1 and 2.
struct Plan {
  std::string program, out, err;
  std::vector<std::string> args;
  std::vector<char *> argv;
  const char *programC;
  int outFd = -1, errFd = -1;
  char *const *argvC;
  char *const *envp;
  unsigned seconds;
  sigset_t mask; // the calling thread's, restored in the helper

  Plan(llvm::StringRef program, llvm::ArrayRef<llvm::StringRef> args,
       llvm::StringRef out, llvm::StringRef err, unsigned seconds)
      : program(program.str()), out(out.str()), err(err.str()), envp(environ),
        seconds(seconds) {
    for (llvm::StringRef a : args)
      this->args.push_back(a.str());
    for (std::string &a : this->args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    programC = this->program.c_str();
    argvC = argv.data();
    sigemptyset(&mask);
  }
  Plan(const Plan &) = delete;
  ~Plan() {
    for (int fd : {outFd, errFd})
      if (fd >= 0)
        ::close(fd);
  }

  /// Opens (creates, truncates) the output files; false with `message`
  /// naming the one that could not be.
  bool openOutputs(std::string *message) {
    for (auto [path, fd] : {std::pair(&out, &outFd), std::pair(&err, &errFd)}) {
      int opened =
          ::open(path->c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
      if (opened >= 0 && opened < 3) {
        int moved = fcntl(opened, F_DUPFD_CLOEXEC, 3);
        ::close(opened);
        opened = moved;
      }
      if (opened < 0) {
        if (message)
          *message = "cannot open '" + *path + "' for '" + program +
                     "': " + std::strerror(errno);
        return false;
      }
      *fd = opened;
    }
    return true;
  }

  /// The output files emptied again (the program runs a second time).
  void rewindOutputs() {
    for (int fd : {outFd, errFd}) {
      (void)!ftruncate(fd, 0);
      lseek(fd, 0, SEEK_SET);
    }
  }
};

WALSH_RAW_CHILD long monotonicNs() {
  struct timespec ts;
  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
  return long(ts.tv_sec) * 1000000000L + ts.tv_nsec;
}

constexpr long kTimedOut = -2;

/// Waits for the child `pid` to end, killing it `seconds` after `startNs`
/// (0: never). Returns `pid` with `*status` set, kTimedOut (killed and
/// reaped), or -1 with errno (ECHILD: reaped by someone else). Raw system
/// calls alone: the helper runs it too. A pidfd (Linux 5.3) says when the
/// child ends; without one, polls every 1 ms.
WALSH_RAW_CHILD long waitFor(long pid, long startNs, unsigned seconds,
                             int *status) {
  long pidfd = -1;
#ifdef SYS_pidfd_open
  pidfd = syscall(SYS_pidfd_open, pid, 0);
#endif
  long result;
  for (;;) {
    long r = syscall(SYS_wait4, pid, status, WNOHANG | __WALL, nullptr);
    if (r == pid) {
      result = r;
      break;
    }
    if (r < 0 && errno != EINTR) {
      result = -1;
      break;
    }
    long leftNs = seconds
                      ? long(seconds) * 1000000000L - (monotonicNs() - startNs)
                      : 1000000000L;
    if (seconds && leftNs <= 0) {
      syscall(SYS_kill, pid, SIGKILL);
      while (syscall(SYS_wait4, pid, status, __WALL, nullptr) < 0 &&
             errno == EINTR) {
      }
      result = kTimedOut;
      break;
    }
    struct timespec step = {0, 1000000};
    if (pidfd >= 0) {
      step = {leftNs / 1000000000L, leftNs % 1000000000L};
      struct pollfd p = {int(pidfd), POLLIN, 0};
      syscall(SYS_ppoll, &p, 1, &step, nullptr, 0);
    } else {
      syscall(SYS_nanosleep, &step, nullptr);
    }
  }
  int saved = errno;
  if (pidfd >= 0)
    syscall(SYS_close, pidfd);
  errno = saved;
  return result;
}

WALSH_RAW_CHILD void report(int fd, int kind, int value) {
  Report r = {kind, value};
  while (syscall(SYS_write, fd, &r, sizeof r) < 0 && errno == EINTR) {
  }
}

/// The program's side of the helper's start: its files as 1 and 2 (dup3
/// leaves them open across exec), then exec.
[[noreturn]] WALSH_RAW_CHILD void startProgram(const Plan &plan, int reportFd) {
  if (syscall(SYS_dup3, plan.outFd, 1, 0) != 1 ||
      syscall(SYS_dup3, plan.errFd, 2, 0) != 2) {
    report(reportFd, ExecFailed, errno);
    syscall(SYS_exit_group, 127);
  }
  syscall(SYS_execve, plan.programC, plan.argvC, plan.envp);
  report(reportFd, ExecFailed, errno);
  syscall(SYS_exit_group, 127);
  __builtin_unreachable();
}

/// The helper: the host's handlers and SIGCHLD back to their defaults (the
/// host's code must not run here, and this process waits for its child),
/// the caller's signal mask back, then the program started and waited for.
[[noreturn]] WALSH_RAW_CHILD void helper(const Plan &plan, int reportFd) {
  for (int s = 1; s < 65; ++s) {
    if (s == SIGKILL || s == SIGSTOP)
      continue;
    KernelSigaction old = {};
    if (syscall(SYS_rt_sigaction, s, nullptr, &old, 8) != 0)
      continue;
    if (s == SIGCHLD || (old.handler != SIG_DFL && old.handler != SIG_IGN)) {
      KernelSigaction dfl = {};
      syscall(SYS_rt_sigaction, s, &dfl, nullptr, 8);
    }
  }
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, &plan.mask, nullptr, 8);
  long start = monotonicNs();
  long pid = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
  if (pid == 0)
    startProgram(plan, reportFd);
  if (pid < 0) {
    report(reportFd, WaitFailed, errno);
    syscall(SYS_exit_group, 1);
  }
  int status = 0;
  long r = waitFor(pid, start, plan.seconds, &status);
  if (r == kTimedOut)
    report(reportFd, TimedOut, 0);
  else if (r < 0)
    report(reportFd, WaitFailed, errno);
  else
    report(reportFd, Exited, status);
  syscall(SYS_exit_group, 0);
  __builtin_unreachable();
}

/// A start the system refuses for now (EAGAIN: a process or thread limit
/// reached, the kernel short of memory for a moment, as on a machine busy
/// with a parallel build) is tried again, the waits doubling from 10 ms.
constexpr int kStartTries = 7;

/// The wait before try `tried` + 1.
void waitBeforeTry(int tried) {
  struct timespec wait = {0, (10L << (tried - 1)) * 1000000L};
  while (nanosleep(&wait, &wait) != 0 && errno == EINTR) {
  }
}

/// start() (0 where it started, else its error) until it starts or fails
/// other than with EAGAIN, at most kStartTries times; its last error.
template <typename Start> int startTrying(Start start) {
  for (int tried = 1;; ++tried) {
    int e = start();
    if (e != EAGAIN || tried == kStartTries)
      return e;
    waitBeforeTry(tried);
  }
}

/// What a start refused every try says it was tried.
std::string triedText() {
  long ms = 0;
  for (int tried = 1; tried < kStartTries; ++tried)
    ms += 10L << (tried - 1);
  return " (" + std::to_string(kStartTries) + " tries over " +
         std::to_string(ms) + " ms)";
}

int cannot(std::string *message, const llvm::Twine &what, int err) {
  if (message)
    *message = (what + ": " + std::strerror(err)).str();
  return -1;
}

/// The exit status, or -2 and why, from a wait status.
int decode(int status, std::string *message) {
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  if (message) {
    int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    *message =
        std::string("ended by signal: ") + (sig ? strsignal(sig) : "unknown") +
        (WIFSIGNALED(status) && WCOREDUMP(status) ? " (core dumped)" : "");
  }
  return -2;
}

std::string timedOut(unsigned seconds) {
  return "killed after " + std::to_string(seconds) + " s, the limit";
}

/// Through the helper (see the file's comment).
int runThroughHelper(Plan &plan, std::string *message) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    return cannot(message, "cannot make a pipe to run '" + plan.program + "'",
                  errno);
  sigset_t all;
  sigfillset(&all);
  long pid = -1;
  int cloneErrno = startTrying([&] {
    pthread_sigmask(SIG_SETMASK, &all, &plan.mask);
    pid = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) {
      syscall(SYS_close, fds[0]);
      helper(plan, fds[1]);
    }
    int e = pid < 0 ? errno : 0;
    pthread_sigmask(SIG_SETMASK, &plan.mask, nullptr);
    return e;
  });
  ::close(fds[1]);
  if (pid < 0) {
    ::close(fds[0]);
    return cannot(message,
                  "cannot start a process for '" + plan.program + "'" +
                      (cloneErrno == EAGAIN ? triedText() : ""),
                  cloneErrno);
  }
  std::vector<Report> reports;
  Report r;
  for (;;) {
    ssize_t n = ::read(fds[0], &r, sizeof r);
    if (n < 0 && errno == EINTR)
      continue;
    if (n != ssize_t(sizeof r))
      break;
    reports.push_back(r);
  }
  ::close(fds[0]);
  // Where SIGCHLD is ignored the helper is reaped already; otherwise here
  // (ECHILD where a host's handler did it first).
  if (!childrenReapedUnwaited())
    while (::waitpid(pid_t(pid), nullptr, __WALL) < 0 && errno == EINTR) {
    }
  // The program's own report (it could not start) comes before the
  // helper's.
  for (const Report &x : reports)
    switch (x.kind) {
    case ExecFailed:
      return cannot(message, "cannot execute '" + plan.program + "'", x.value);
    case TimedOut:
      if (message)
        *message = timedOut(plan.seconds);
      return -2;
    case WaitFailed:
      return cannot(message, "cannot wait for '" + plan.program + "'", x.value);
    case Exited:
      return decode(x.value, message);
    }
  if (message)
    *message = "the helper process that ran '" + plan.program +
               "' ended without a word";
  return -1;
}

} // namespace

bool childrenReapedUnwaited() {
  struct sigaction sa;
  if (sigaction(SIGCHLD, nullptr, &sa) != 0)
    return false;
  return sa.sa_handler == SIG_IGN || (sa.sa_flags & SA_NOCLDWAIT);
}

int runProgram(llvm::StringRef program, llvm::ArrayRef<llvm::StringRef> args,
               llvm::StringRef stdoutPath, llvm::StringRef stderrPath,
               unsigned seconds, std::string *message) {
  Plan plan(program, args, stdoutPath, stderrPath, seconds);
  if (!plan.openOutputs(message))
    return -1;
  if (childrenReapedUnwaited())
    return runThroughHelper(plan, message);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_adddup2(&files, plan.outFd, 1);
  posix_spawn_file_actions_adddup2(&files, plan.errFd, 2);
  pid_t pid = 0;
  long start = 0;
  int e = startTrying([&] {
    start = monotonicNs();
    return posix_spawn(&pid, plan.programC, &files, nullptr, plan.argvC,
                       plan.envp);
  });
  posix_spawn_file_actions_destroy(&files);
  if (e != 0) // (EAGAIN, ENOMEM: no process could be made, ulimit -u)
    return cannot(message,
                  (e == EAGAIN || e == ENOMEM ? "cannot start a process for '"
                                              : "cannot execute '") +
                      plan.program + "'" + (e == EAGAIN ? triedText() : ""),
                  e);
  int status = 0;
  long r = waitFor(pid, start, seconds, &status);
  if (r == kTimedOut) {
    if (message)
      *message = timedOut(seconds);
    return -2;
  }
  if (r < 0 && errno == ECHILD) { // reaped by the host: its status is lost
    plan.rewindOutputs();
    return runThroughHelper(plan, message);
  }
  if (r < 0)
    return cannot(message, "cannot wait for '" + plan.program + "'", errno);
  return decode(status, message);
}

} // namespace walsh
