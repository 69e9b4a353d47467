"""Runs a command under address-space limits (ulimit -v) from 120 MB up,
10 MB apart, until it succeeds, and sorts every outcome:

  loader   the dynamic loader could not map a library (status 127)
  oom      "<tool>: out of host memory (...); ask for less ...", one
           line, status 1
  refused  "<tool>: ..." on stderr, status 2 (a bad argument, a thread the
           system refuses)
  ran      status 0
  other    anything else: a crash's status, LLVM's own "out of memory", a
           stack dump; each printed whole

usage: address-space-sweep.py COMMAND [ARG...]
"""
import os
import re
import resource
import subprocess
import sys

cmd = sys.argv[1:]
tool = os.path.basename(cmd[0])
oom_line = re.compile(
    r"^" + re.escape(tool) + r"( [a-z]+)?: out of host memory \([^\n]+\); "
    r"ask for less \(fewer rows, a smaller d\), or raise the limit that "
    r"bounds this process \(ulimit -v, ulimit -d, its cgroup's "
    r"memory\.max\)\n$")
counts = {k: 0 for k in ("loader", "oom", "refused", "ran", "other")}
for mb in range(120, 1200, 10):
    limit = mb << 20

    def cap(limit=limit):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    p = subprocess.run(cmd, preexec_fn=cap, capture_output=True, text=True)
    err = p.stderr
    crashed = any(mark in err for mark in (
        "Stack dump", "LLVM ERROR", "terminate called", "PLEASE submit"))
    if p.returncode == 127 and "error while loading shared libraries" in err:
        kind = "loader"
    elif p.returncode == 1 and oom_line.match(err):
        kind = "oom"
    elif not crashed and p.returncode == 2 and err.startswith(tool + " "):
        kind = "refused"
    elif not crashed and p.returncode == 0:
        kind = "ran"
    else:
        kind = "other"
        print(f"other at {mb} MB: status {p.returncode}\n{err}")
    counts[kind] += 1
    if kind == "oom" and counts["oom"] == 1:
        print(f"first out-of-memory line: {err.strip()}")
    if kind == "ran":
        break
print(" ".join(f"{k} {v}" for k, v in counts.items()))
