"""walsh's --json output where a path or an argument is not UTF-8.

A Unix path is bytes; a command-line argument too. JSON text is UTF-8, so
each such byte is written as U+FFFD (llvm::json::Value asserted in a debug
build, the sanitizer presets among them, and aborted walsh). Each case runs
one command and checks: its exit status, that stdout is one JSON object in
UTF-8, and that the named field holds U+FFFD where the byte was.

usage: json-bytes.py WALSH SCRATCH_DIR
"""

import json
import os
import subprocess
import sys

walsh = sys.argv[1].encode()
scratch = sys.argv[2].encode()
BAD = b"\xff"

cache = os.path.join(scratch, b"cache" + BAD)
tuning = os.path.join(cache, b"tuning")
os.makedirs(tuning, exist_ok=True)
with open(os.path.join(tuning, b"cpu-" + BAD + b".json"), "wb") as f:
    f.write(b"{}")
entry = os.path.join(cache, b"outproj_d64_f32_cpu" + BAD + b"-0123456789abcdef")
os.makedirs(entry, exist_ok=True)
with open(os.path.join(entry, b"meta.json"), "wb") as f:
    f.write(b"{")  # corrupt: listed with a problem

failures = 0


def run(name, args, status, field, env=None):
    """Runs walsh with `args`; `field` is a path into the JSON object (keys
    and indices) to a string that must hold U+FFFD."""
    global failures
    full_env = dict(os.environb)
    full_env[b"WALSH_CACHE_DIR"] = cache
    full_env.update(env or {})
    p = subprocess.run([walsh] + args, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=full_env, timeout=600)
    problem = None
    if p.returncode != status:
        problem = "exit status %d, expected %d" % (p.returncode, status)
    else:
        try:
            value = json.loads(p.stdout.decode("utf-8"))
            for key in field:
                value = value[key]
            if "\ufffd" not in value:
                problem = "%r holds no U+FFFD" % (value,)
        except (UnicodeDecodeError, ValueError, KeyError, IndexError,
                TypeError) as e:
            problem = "stdout: %s: %r" % (e, p.stdout[:300])
    if problem:
        failures += 1
        print("FAIL %s: %s; stderr %r" % (name, problem, p.stderr[-600:]))
    else:
        print("ok %s" % name)


# Arguments echoed in errors.
run("run-dtype", [b"run", b"--json", b"--d", b"64", b"--dtype", BAD], 2,
    ["error"])
run("stages-d", [b"stages", b"--json", b"--d", b"1" + BAD], 2, ["error"])
run("cache-action", [b"cache", BAD, b"--json"], 2, ["error"])
run("unknown-option", [b"run", b"--json", b"--" + BAD], 2, ["error"])
# Paths from WALSH_CACHE_DIR and names found on disk.
run("cache-info", [b"cache", b"info", b"--json"], 0, ["directory"])
run("cache-info-tuning", [b"cache", b"info", b"--json"], 0,
    ["tuning_databases", 0])
run("cache-list-name", [b"cache", b"list", b"--json"], 0, [0, "name"])
run("cache-prune", [b"cache", b"prune", b"--json"], 0, ["directory"])
# Files walsh writes where it was told.
out = os.path.join(scratch, b"out" + BAD)
run("compile-out", [b"compile", b"--json", b"--target", b"cuda", b"--d",
                    b"64", b"--out", out], 0, ["files", "ptx"])
db = os.path.join(scratch, b"db" + BAD + b".json")
run("tune-db", [b"tune", b"--json", b"--target", b"cpu", b"--batch", b"1",
                b"--seq", b"4", b"--heads", b"1", b"--head-dim", b"64",
                b"--threads", b"1", b"--db", db], 0, ["db"])
run("tune-list", [b"tune", b"--json", b"--target", b"cpu", b"--list",
                  b"--db", db], 0, ["db"])
run("tune-export", [b"tune", b"--json", b"--target", b"cpu", b"--db", db,
                    b"--export", os.path.join(scratch, b"e" + BAD + b".json")],
    0, ["file"])
run("tune-import-missing", [b"tune", b"--json", b"--target", b"cpu", b"--db",
                            db, b"--import",
                            os.path.join(scratch, b"none" + BAD + b".json")],
    2, ["error"])
run("cache-clear", [b"cache", b"clear", b"--json"], 0,
    ["tuning_databases_kept", 0])
sys.exit(1 if failures else 0)
