#!/usr/bin/env python3
"""Looks for crashes on bad input: the walsh command line and walsh-opt.

  scripts/fuzz.py cli  [--seconds N] [--seed S]   # walsh's options, one at a time, then random combinations
  scripts/fuzz.py mlir [--seconds N] [--seed S]   # the lit tests' .mlir, mutated, through each pass

A finding is a run that dies by a signal, aborts (std::terminate, an
LLVM crash report, a stack dump), runs past its time limit, or (for `walsh
run --check`) exits with a status other than 0, 1 (a check that failed) or
2 (an error naming the argument). Each is printed once with its command
line; mutated .mlir inputs that crash are written under --out. Exit status
1 when there was a finding. Not part of the tests: it takes minutes and
its inputs are random (the seed reproduces them).
"""
import argparse
import hashlib
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRASH = re.compile(r"Stack dump|terminate called|PLEASE submit|Assertion|"
                   r"Segmentation|Aborted|UNREACHABLE|LLVM ERROR")

# Values every numeric or string option is tried with, one option at a time.
ODD = ["-1", "0", "9223372036854775807", "-9223372036854775808", "nan",
       "inf", "", "x", "1e308", "3", "65537", "2147483648"]

# `walsh run --target cpu --check` combinations: option -> values.
RUN_VALUES = {
    "--d": ["64", "96", "768", "65536", "131072", "3", "0"],
    "--rows": ["0", "1", "7", "65"],
    "--dtype": ["f32", "bf16", "f16"],
    "--out-dtype": ["f32", "bf16", "f16"],
    "--epilogue": ["residual", "rmsnorm", "layernorm", "residual,rmsnorm",
                   "none", ""],
    "--layout": ["rows", "bshd", "bhsd"],
    "--splits": ["0", "1", "2", "4", "7"],
    "--head-dim": ["16", "64", "128", "3"],
    "--heads": ["1", "4", "12"],
    "--batch": ["1", "2"],
    "--seq": ["1", "3", "5"],
    "--row-stride": ["0", "64", "65", "800", "100000"],
    "--threads": ["0", "1", "2", "3"],
    "--vector-width": ["1", "4", "8", "16"],
    "--levels-per-pass": ["1", "3", "5"],
    "--prefetch-per-line": ["0", "1", "4"],
    "--pass-order": ["widest_first", "contiguous_first"],
    "--nontemporal": ["on", "off", "auto"],
    "--scale": ["0.5", "1", "-2", "1e-30"],
    "--eps": ["1e-5", "1"],
    "--tune-mode": ["heuristic", "db-only"],
    "--transpose": None, "--no-affine": None, "--row-sum": None,
    "--cross-head-only": None,
}

# Subcommands and a valid base command line each, for the one-at-a-time
# pass (every option the subcommand's --help lists).
BASES = [
    ("run", "--target cpu --d 64 --rows 4 --check"),
    ("run", "--target cuda --d 64 --rows 4"),
    ("inspect", "--target cpu --d 64 --stage llvm"),
    ("inspect", "--target cuda --d 64 --stage ptx"),
    ("compile", "--target cuda --d 64 --out {tmp}/out"),
    ("stages", "--d 96"),
    ("bench", "--target cpu --sizes 64 --mb 1 --no-dense --dtypes f32 "
              "--threads 1"),
    ("tune", "--target cpu --heads 1 --head-dim 64 --batch 1 --seq 4 "
             "--db {tmp}/db.json --threads 1 --force"),
    ("cache", "info --dir {tmp}/cache"),
]


def run(cmd, env, timeout, cwd=None):
    for attempt in range(5):
        # A binary or libwalsh being relinked (a build beside the fuzzing)
        # fails to start or to load: wait for the build, and try again.
        try:
            r = subprocess.run(cmd, capture_output=True, timeout=timeout,
                               env=env, cwd=cwd)
        except subprocess.TimeoutExpired:
            return None, "", f"(past its {timeout} s limit)"
        except OSError:
            if attempt == 4:
                raise
            time.sleep(5)
            continue
        if r.returncode != 127 or b"loading shared libraries" not in r.stderr:
            break
        time.sleep(5)
    return (r.returncode, r.stdout.decode(errors="replace"),
            r.stderr.decode(errors="replace"))


def is_finding(rc, err, allowed=(0, 1, 2)):
    return rc is None or rc < 0 or rc not in allowed or CRASH.search(err)


def fuzz_cli(args, deadline, rng, tmp):
    walsh = str(args.build / "bin" / "walsh")
    env = dict(os.environ, WALSH_CACHE_DIR=f"{tmp}/cache")
    findings = 0
    for sub, base in BASES:
        base = base.format(tmp=tmp).split()
        rc, out, err = run([walsh, sub, "--help"], env, 60)
        opts = re.findall(r"^\s+(--[\w-]+)=<", out, re.M)
        for opt in opts:
            for v in ODD:
                if time.time() > deadline:
                    return findings
                cmd = [walsh, sub] + base + [f"{opt}={v}"]
                rc, out, err = run(cmd, env, 60, cwd=tmp)
                if is_finding(rc, err):
                    findings += 1
                    print(f"FINDING rc={rc}: {' '.join(cmd)}\n  "
                          f"{err.strip()[-400:]}", flush=True)
    while time.time() < deadline:
        cmd = [walsh, "run", "--target", "cpu", "--check", "--json"]
        for o in rng.sample(sorted(RUN_VALUES), rng.randint(2, 5)):
            vals = RUN_VALUES[o]
            cmd.append(o if vals is None else f"{o}={rng.choice(vals)}")
        if not any(re.match(r"--(rows|batch|seq)=", c) for c in cmd):
            cmd.append("--rows=9")
        rc, out, err = run(cmd, env, 120, cwd=tmp)
        # 1 is a --check that failed: a finding unless the inputs were
        # scaled past the output type (not drawn here).
        if is_finding(rc, err, allowed=(0, 2)):
            findings += 1
            print(f"FINDING rc={rc}: {' '.join(cmd)}\n  "
                  f"{(err.strip() or out.strip())[-400:]}", flush=True)
    return findings


INTS = ["0", "1", "-1", "3", "7", "64", "65536", "131072", "2147483647",
        "2147483648", "-9223372036854775808", "9223372036854775807"]
TYPES = ["f32", "f16", "bf16", "i32", "f64", "i8", "index"]
PASSES = ["--walsh-decompose", "--walsh-fuse-affine", "--walsh-fuse-cast",
          "--walsh-fuse-epilogue", "--walsh-split-heads", "--walsh-to-stages",
          "--walsh-convert-to-cpu", "--walsh-lower-to-cpu",
          "--walsh-convert-to-gpu", "--walsh-lower-to-nvvm",
          "--walsh-align-vector-access", None]


def mutate(text, rng):
    for _ in range(rng.randint(1, 3)):
        k = rng.random()
        if k < 0.5:
            found = list(re.finditer(r"(?<![\w%#.])\d+(?![\w.])", text))
            repl = INTS
        elif k < 0.75:
            found = list(re.finditer(r"\b(f32|f16|bf16)\b", text))
            repl = TYPES
        else:
            found = list(re.finditer(r"\w+ = [^,}>]+,? ?", text))
            repl = [""]
        if found:
            m = rng.choice(found)
            text = text[:m.start()] + rng.choice(repl) + text[m.end():]
    return text


def fuzz_mlir(args, deadline, rng, tmp):
    opt = str(args.build / "bin" / "walsh-opt")
    chunks = []
    for f in sorted((ROOT / "tests").rglob("*.mlir")):
        for c in f.read_text().split("// -----"):
            body = "\n".join(l for l in c.split("\n")
                             if not l.strip().startswith("//"))
            if "walsh" in body:
                chunks.append(body)
    findings, runs, seen = 0, 0, set()
    while time.time() < deadline:
        text = mutate(rng.choice(chunks), rng)
        p = rng.choice(PASSES)
        cmd = [opt] + ([p] if p else []) + ["-"]
        runs += 1
        try:
            r = subprocess.run(cmd, input=text.encode(), capture_output=True,
                               timeout=60, cwd=tmp)
            rc, err = r.returncode, r.stderr.decode(errors="replace")
        except subprocess.TimeoutExpired:
            rc, err = None, "(past its 60 s limit)"
        if rc is None or rc < 0 or CRASH.search(err):
            frames = tuple(re.findall(r"#\d+ 0x[0-9a-f]+ (\S+)", err)[3:7])
            if (p, frames) in seen:
                continue
            seen.add((p, frames))
            findings += 1
            name = hashlib.md5(text.encode()).hexdigest()[:8]
            path = args.out / f"crash-{name}.mlir"
            path.write_text(text)
            print(f"FINDING rc={rc}: walsh-opt {p or ''} {path}\n  "
                  f"{err.strip()[-400:]}", flush=True)
    print(f"{runs} mutated inputs", flush=True)
    return findings


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=["cli", "mlir"])
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--build", type=Path, default=ROOT / "build")
    ap.add_argument("--out", type=Path,
                    default=Path(tempfile.gettempdir()) / "walsh-fuzz")
    args = ap.parse_args()
    tool = args.build / "bin" / ("walsh" if args.what == "cli" else "walsh-opt")
    if not tool.exists():
        sys.exit(f"fuzz.py: --build: no {tool} (build first: scripts/build.sh)")
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    deadline = time.time() + args.seconds
    with tempfile.TemporaryDirectory() as tmp:
        n = (fuzz_cli if args.what == "cli" else fuzz_mlir)(args, deadline,
                                                            rng, tmp)
    print(f"fuzz.py {args.what}: {n} finding(s) in {args.seconds:g} s, "
          f"seed {args.seed}")
    sys.exit(1 if n else 0)


if __name__ == "__main__":
    main()
