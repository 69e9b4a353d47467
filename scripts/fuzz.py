#!/usr/bin/env python3
"""Looks for crashes on bad input: the walsh command line, walsh-opt, the C API and the Python binding.

  scripts/fuzz.py cli  [--seconds N] [--seed S]   # the variables walsh reads, then its options, one at
                                                  # a time, then random combinations
  scripts/fuzz.py mlir [--seconds N] [--seed S]   # the lit tests' .mlir, mutated, through each pass
  scripts/fuzz.py capi [--seconds N] [--seed S]   # the C API through ctypes: odd specs, then valid
                                                  # CPU (and CUDA) tensors with one to three fields
                                                  # made wrong, against the same values packed
  scripts/fuzz.py python [--seconds N] [--seed S] # walsh.Projection and walsh.outproj: odd arguments,
                                                  # NumPy arrays and PyTorch (CPU, CUDA) tensors in
                                                  # odd layouts, against the same values packed

A finding is a run that dies by a signal, aborts (std::terminate, an
LLVM crash report, a stack dump), runs past its time limit, or (for `walsh
run --check`) exits with a status other than 0, 1 (a check that failed) or
2 (an error naming the argument). Each is printed once with its command
line; mutated .mlir inputs that crash are written under --out; for the C
API, a call that kills the process (run in a child: the last case it began
is reported), a failure without a message, a launch accepted with a
negative or absurd row stride or byte offset, or one whose output differs
from the same values' packed launch (itself checked against float64 at a
power-of-two d) or that wrote past y's view; for the Python binding, a
death (the case it was in), an exception other than a WalshError naming
its argument, an accepted call whose outputs (and outproj's gradients)
differ from the same values' packed call's or that wrote past out's view,
and a refusal of a call whose every argument is one it must take. Exit
status 1 when there was a finding. Not part of the tests: it takes minutes and
its inputs are random (the seed reproduces them).
"""
import argparse
import hashlib
import json
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
       "inf", "", "x", "1e308", "3", "65537", "2147483648",
       os.fsdecode(b"\xff\xfe")]  # bytes that are not UTF-8 (as argv)

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

# The environment walsh reads (each tried alone with odd values).
ENV_VARS = ["WALSH_CACHE_DIR", "WALSH_DUMP_DIR", "WALSH_CACHE_MAX_MB",
            "WALSH_JIT_MEMORY", "WALSH_CUDA_BIN", "WALSH_CARVEOUT",
            "XDG_CACHE_HOME", "HOME", "TMPDIR", "CUDA_HOME"]

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
    ("tune", "--target cpu --d 64 --rows 4 --db {tmp}/db.json --threads 1 "
             "--force"),
    ("cache", "info --dir {tmp}/cache"),
]


# Two count options whose product walsh computes (subcommand, the pair,
# the rest of a command line), and values whose products pass 2^62 rows or
# wrap in 64 bits (2^32 x 2^32 is 0 there; 4 x (2^62 + 1) is 4).
PRODUCTS = [
    ("run", ("--batch", "--seq"), "--target cpu --d 64"),
    ("run", ("--batch", "--seq"), "--target cuda --d 64"),
    ("run", ("--heads", "--head-dim"), "--target cpu --rows 4"),
    ("inspect", ("--heads", "--head-dim"), "--target cpu --stage walsh"),
    ("compile", ("--batch", "--seq"), "--target cuda --d 64 --out {tmp}/out"),
    ("tune", ("--batch", "--seq"),
     "--target cpu --heads 1 --head-dim 64 --db {tmp}/products.json"),
    ("tune", ("--heads", "--head-dim"),
     "--target cpu --batch 1 --seq 4 --db {tmp}/products.json"),
]
PRODUCT_VALUES = [("4294967296", "4294967296"), ("4", "4611686018427387905"),
                  ("4611686018427387905", "4"),
                  ("9223372036854775807", "9223372036854775807"),
                  ("3037000500", "3037000500")]


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
    # Each variable walsh reads, with the odd values and odd paths, under
    # commands that read it.
    places = ["/", "/proc/self", "/dev/null", "relative/dir", "/nonexistent/x",
              f"{tmp}/a-file", f"{tmp}/" + "d" * 300, "~"]
    Path(f"{tmp}/a-file").write_text("not a directory\n")
    commands = [["run", "--target", "cpu", "--d", "64", "--rows", "4",
                 "--check", "--json"],
                ["run", "--target", "cuda", "--d", "64", "--rows", "4"],
                ["cache", "info"], ["cache", "list", "--json"],
                ["compile", "--target", "cuda", "--d", "64", "--out",
                 f"{tmp}/out"]]
    for var in ENV_VARS:
        for v in ODD + places:
            for sub in commands:
                if time.time() > deadline:
                    return findings
                cmd = [walsh] + sub
                venv = dict(env, **{var: v})
                rc, out, err = run(cmd, venv, 60, cwd=tmp)
                bad = is_finding(rc, err)
                if not bad and "--json" in sub:
                    try:
                        json.loads(out)
                    except ValueError:
                        bad = True
                        err = "stdout is not JSON: " + out
                if bad:
                    findings += 1
                    print(f"FINDING rc={rc}: {var}={v!r} {' '.join(cmd)}\n  "
                          f"{err.strip()[-400:]}", flush=True)
    # Pairs of counts whose product passes 2^62 (or 64 bits): refused by an
    # error that names either option, never run as their wrapped product
    # (until 2026-12-06 `--batch 2^32 --seq 2^32` ran 0 rows, exit 0).
    for sub, pair, rest in PRODUCTS:
        for a, b in PRODUCT_VALUES:
            if time.time() > deadline:
                return findings
            cmd = ([walsh, sub] + rest.format(tmp=tmp).split() +
                   [f"{pair[0]}={a}", f"{pair[1]}={b}"])
            rc, out, err = run(cmd, env, 60, cwd=tmp)
            if is_finding(rc, err) or rc == 0 or not any(
                    o in err for o in pair):
                findings += 1
                print(f"FINDING rc={rc}: {' '.join(cmd)} (a product past "
                      f"2^62 not refused by its options)\n  "
                      f"{(err.strip() or out.strip())[-400:]}", flush=True)
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
        if rng.random() < 0.1:  # a value LLVM's parser may refuse itself
            cmd.append(f"{rng.choice(sorted(RUN_VALUES))}={rng.choice(ODD)}")
        rc, out, err = run(cmd, env, 120, cwd=tmp)
        # 1 is a --check that failed: a finding unless the inputs were
        # scaled past the output type (not drawn here).
        if is_finding(rc, err, allowed=(0, 2)):
            findings += 1
            print(f"FINDING rc={rc}: {' '.join(cmd)}\n  "
                  f"{(err.strip() or out.strip())[-400:]}", flush=True)
            continue
        # Under --json stdout is one JSON value whatever happened (an
        # error is {"ok": false, ...}), the options LLVM's parser refuses
        # itself included (exit 2 since 2026-12-05).
        try:
            json.loads(out)
        except ValueError:
            findings += 1
            print(f"FINDING stdout is not JSON (rc={rc}): {' '.join(cmd)}\n  "
                  f"{out.strip()[-400:]}", flush=True)
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

CAPI_CHILD = r"""
import ctypes as C, math, random, sys, time
import numpy as np
lib = C.CDLL(sys.argv[1]); rng = random.Random(int(sys.argv[2]))
deadline = time.time() + float(sys.argv[3]); log = open(sys.argv[4], "w")
class DLDevice(C.Structure): _fields_ = [("device_type", C.c_int), ("device_id", C.c_int32)]
class DLDataType(C.Structure): _fields_ = [("code", C.c_uint8), ("bits", C.c_uint8), ("lanes", C.c_uint16)]
class DLTensor(C.Structure):
    _fields_ = [("data", C.c_void_p), ("device", DLDevice), ("ndim", C.c_int32), ("dtype", DLDataType),
                ("shape", C.POINTER(C.c_int64)), ("strides", C.POINTER(C.c_int64)), ("byte_offset", C.c_uint64)]
class Spec(C.Structure):
    _fields_ = [("d", C.c_int64), ("dtype", DLDataType), ("transpose", C.c_int32), ("has_scale", C.c_int32),
                ("scale", C.c_double), ("affine", C.c_int32)]
class Epi(C.Structure):
    _fields_ = [("residual", C.c_int32), ("norm", C.c_int), ("eps", C.c_double), ("out_dtype", DLDataType)]
class Pro(C.Structure):
    _fields_ = [("layout", C.c_int), ("splits", C.c_int64), ("row_sum", C.c_int32), ("head_dim", C.c_int64),
                ("cross_head_only", C.c_int64)]
class Shape(C.Structure):
    _fields_ = [("batch", C.c_int64), ("seq", C.c_int64), ("heads", C.c_int64), ("head_dim", C.c_int64)]
lib.walsh_last_error.restype = C.c_char_p
lib.walsh_compile_attention.argtypes = [C.POINTER(Spec), C.POINTER(Pro), C.POINTER(Epi), C.c_int,
                                        C.POINTER(Shape), C.c_int, C.POINTER(C.c_void_p)]
lib.walsh_launch_attention.argtypes = [C.c_void_p] + [C.POINTER(DLTensor)] * 9 + [C.c_void_p]
lib.walsh_compile_fused.argtypes = [C.POINTER(Spec), C.POINTER(Epi), C.c_int, C.POINTER(Shape), C.c_int,
                                    C.POINTER(C.c_void_p)]
lib.walsh_compile_for_shape.argtypes = [C.POINTER(Spec), C.c_int, C.POINTER(Shape), C.c_int, C.POINTER(C.c_void_p)]
lib.walsh_compile.argtypes = [C.POINTER(Spec), C.c_int, C.POINTER(C.c_void_p)]
lib.walsh_launch_fused.argtypes = [C.c_void_p] + [C.POINTER(DLTensor)] * 8 + [C.c_void_p]
lib.walsh_launch.argtypes = [C.c_void_p] + [C.POINTER(DLTensor)] * 4 + [C.c_void_p]
lib.walsh_kernel_destroy.argtypes = [C.c_void_p]
lib.walsh_check_spec.argtypes = [C.POINTER(Spec), C.POINTER(Epi)]
lib.walsh_kernel_stage.argtypes = [C.c_void_p, C.c_char_p, C.POINTER(C.c_char_p)]
lib.walsh_kernel_config_source.argtypes = [C.c_void_p]
lib.walsh_kernel_config_source.restype = C.c_char_p
lib.walsh_kernel_cache_source.argtypes = [C.c_void_p]
def pick(*xs): return rng.choice(xs)
def dtype(): return pick((2, 32, 1), (2, 16, 1), (4, 16, 1), (2, 64, 1), (0, 32, 1), (2, 32, 2), (9, 9, 9), (0, 0, 0))
def say(*a): print(*a, flush=True)
def began(what): log.seek(0); log.write(what + "\n"); log.truncate(); log.flush()
arena = C.create_string_buffer(64 << 20); host = C.addressof(arena)
# With "cuda": the CUDA target, the tensors in device memory (an arena of
# its own and one for the packed launches; `span` then is a host copy,
# sent before a launch and fetched after it).
GPU = sys.argv[5] == "cuda"
if GPU:
    cu = C.CDLL("libcuda.so.1")
    def cuda(call, *a):
        r = getattr(cu, call)(*a)
        if r:
            say(f"FINDING: {call} failed with CUDA error {r} (the last case: {open(sys.argv[4]).read().strip()})")
            sys.exit(0)  # the context is lost; the parent starts another child
    dev, ctx, mem, pmem = C.c_int(), C.c_void_p(), C.c_uint64(), C.c_uint64()
    cuda("cuInit", 0); cuda("cuDeviceGet", C.byref(dev), 0)
    cuda("cuDevicePrimaryCtxRetain", C.byref(ctx), dev); cuda("cuCtxSetCurrent", ctx)
    cuda("cuMemAlloc_v2", C.byref(mem), C.c_size_t(64 << 20)); cuda("cuMemAlloc_v2", C.byref(pmem), C.c_size_t(16 << 20))
    base, TARGET, DEVICE = mem.value + (8 << 20), 1, (2, 0)
    # Launches go on the default stream, a blocking stream or a
    # non-blocking one (fetch() synchronises the context: every stream).
    blocking, nonblocking = C.c_void_p(), C.c_void_p()
    cuda("cuStreamCreate", C.byref(blocking), 0); cuda("cuStreamCreate", C.byref(nonblocking), 1)
    STREAMS = (None, blocking, nonblocking)
else:
    base, TARGET, DEVICE = host + (8 << 20), 0, (1, 0)
    STREAMS = (None,)
# The part of the arena an accepted launch's values are checked in: every
# tensor's first 64 KB is filled with fresh values before each launch.
LOW, HIGH = base - (1 << 20), base + (18 << 20)
if GPU:
    span = np.zeros(HIGH - LOW, np.uint8)
else:
    span = np.ctypeslib.as_array((C.c_uint8 * (HIGH - LOW)).from_address(LOW))
def send():
    if GPU: cuda("cuMemcpyHtoD_v2", C.c_uint64(LOW), C.c_void_p(span.ctypes.data), C.c_size_t(span.size))
def fetch():
    if GPU:
        cuda("cuCtxSynchronize")
        cuda("cuMemcpyDtoH_v2", C.c_void_p(span.ctypes.data), C.c_uint64(LOW), C.c_size_t(span.size))
values = np.random.default_rng(int(sys.argv[2]))
runs = launches = checked = 0
by_entry = {"attention": 0, "fused": 0, "launch": 0}
# A launch's tensors in walsh_launch_attention's order; the outputs.
NAMES = ("x", "stats", "a", "b", "residual", "norm_weight", "norm_bias", "y", "normed")
# The tensors each entry point takes, in its order.
TAKES = {"attention": NAMES, "fused": tuple(n for n in NAMES if n != "stats"), "launch": ("x", "a", "b", "y")}
def entry_name(entry): return "walsh_launch" + ("" if entry == "launch" else "_" + entry)
def launch(entry, k, ptrs, stream):
    return getattr(lib, entry_name(entry))(k, *[ptrs.get(n) for n in TAKES[entry]], stream)
OUTPUTS = ("y", "normed")
F32 = (2, 32, 1)

def element_addresses(t, esize):
    # t's element byte addresses (span offsets) in t's logical shape, or
    # None for a tensor of no dimension or a negative or vast shape.
    n = t.ndim
    if n < 1:
        return None
    shape = [t.shape[i] for i in range(n)]
    if min(shape) < 0 or math.prod(shape) > 1 << 24:
        return None
    if math.prod(shape) == 0:
        return np.zeros(0, np.int64)
    if t.strides:
        strides = [t.strides[i] for i in range(n)]
    else:
        strides = [math.prod(shape[i + 1:]) for i in range(n)]
    idx = np.indices(shape, dtype=np.int64).reshape(n, -1)
    off = (np.array(strides, dtype=np.int64)[:, None] * idx).sum(0) * esize
    return (off + ((t.data or 0) + t.byte_offset - LOW)).reshape(shape)

def read(mem, where, dt):
    # float64 values of the elements at `where` (span offsets) in mem.
    esize = dt[1] // 8
    raw = mem[where[..., None] + np.arange(esize)].copy()
    if dt[0] == 4:
        return (raw.view(np.uint16).astype(np.uint32) << 16).view(np.float32)[..., 0].astype(np.float64)
    return raw.view(np.float16 if esize == 2 else np.float32)[..., 0].astype(np.float64)

def stored(v, dt):
    # A compact host array of v's values in dtype dt (bf16: an f32's top
    # half).
    if dt[0] == 4:
        return np.ascontiguousarray((v.astype(np.float32).view(np.uint32) >> 16).astype(np.uint16))
    return np.ascontiguousarray(v.astype(np.float16 if dt[1] == 16 else np.float32))

def packed(v, dt, slot):
    # stored(v, dt) and its DLTensor (on the GPU a copy in the packed
    # arena's megabyte `slot`).
    arr = stored(v, dt)
    shape = (C.c_int64 * max(arr.ndim, 1))(*arr.shape)
    data = arr.ctypes.data
    if GPU:
        data = pmem.value + (slot << 20)
        cuda("cuMemcpyHtoD_v2", C.c_uint64(data), C.c_void_p(arr.ctypes.data), C.c_size_t(arr.nbytes))
    t = DLTensor(data, DLDevice(*DEVICE), arr.ndim, DLDataType(*dt), shape, None, 0)
    return arr, t, shape

def sylvester(d):
    h = np.ones((1, 1))
    while h.shape[0] < d:
        h = np.block([[h, h], [h, -h]])
    return h

def check_values(k, d, types, tens, snapshot, made, oracle):
    # An accepted launch against the packed launch of the same values (and,
    # for a plain kernel of a power-of-two d, against float64), and nothing
    # past the outputs' views written.
    global checked
    where = {}
    for n, t in tens.items():
        w = element_addresses(t, types[n][1] // 8)
        if w is None:
            say(f"FINDING: accepted {n} of ndim {t.ndim}, shape {list(t.shape[:t.ndim])} ({made})")
            return
        if w.size == 0 or w.min() < 0 or w.max() + types[n][1] // 8 > span.size:
            return  # no rows, or outside the span checked
        where[n] = w
    keep, ptr = [], {}
    for slot, n in enumerate(tens):
        v = read(snapshot, where[n], types[n]) if n not in OUTPUTS else np.zeros(where[n].shape)
        arr, t, shape = packed(v, types[n], slot)
        keep.append((arr, t, shape)); ptr[n] = t
    st = lib.walsh_launch_attention(k, *[C.byref(ptr[n]) if n in ptr else None for n in NAMES], None)
    if st != 0:
        say(f"FINDING: accepted, but its packed copy refused: {lib.walsh_last_error()} ({made})")
        return
    if GPU:
        cuda("cuCtxSynchronize")
    for n in OUTPUTS:
        if n not in tens:
            continue
        arr, t, _ = keep[list(tens).index(n)]
        if GPU:
            cuda("cuMemcpyDtoH_v2", C.c_void_p(arr.ctypes.data), C.c_uint64(t.data), C.c_size_t(arr.nbytes))
        esize = types[n][1] // 8
        want = read(arr.view(np.uint8).reshape(-1), np.arange(arr.size).reshape(arr.shape) * esize, types[n])
        got = read(span, where[n], types[n])
        finite = np.isfinite(want)
        tol = 1e-5 if types[n][1] == 32 and types["x"][1] == 32 else 2e-2
        scale = max(1.0, float(np.abs(want[finite]).max())) if finite.any() else 1.0
        if not np.array_equal(np.isfinite(got), finite) or \
                (finite.any() and not np.abs(got - want)[finite].max() <= tol * scale):
            say(f"FINDING: {n} differs from its packed copy's ({made})")
            return
        if n == "y" and oracle:
            x = read(snapshot, where["x"], types["x"]).reshape(-1, d)
            ref = x @ sylvester(d) / math.sqrt(d)
            if "a" in tens:
                ref = ref * read(snapshot, where["a"], types["a"]).reshape(d) + \
                    read(snapshot, where["b"], types["b"]).reshape(d)
            if not np.abs(want.reshape(-1, d) - ref).max() <= tol * max(1.0, float(np.abs(ref).max())):
                say(f"FINDING: the packed launch differs from float64 ({made})")
                return
    allowed = np.zeros(span.size, bool)
    for n in OUTPUTS:
        if n in tens:
            allowed[(where[n][..., None] + np.arange(types[n][1] // 8)).reshape(-1)] = True
    past = (span != snapshot) & ~allowed
    if past.any():
        say(f"FINDING: wrote {int(past.sum())} bytes past the outputs' views ({made})")
        return
    checked += 1

while time.time() < deadline:
    runs += 1
    plain = rng.random() < 0.7
    s = Spec(pick(64, 96, 128, 768, 3, 0, -64, 1 << 40, 65536, 131072), DLDataType(*dtype()), pick(0, 1, -7),
             pick(0, 1), pick(0.5, 0.0, -1.0, float("nan"), float("inf"), 1e300), pick(0, 1, 2))
    e = Epi(pick(0, 1), pick(0, 1, 2, 7, -1), pick(1e-6, 0.0, -1.0, float("nan")), DLDataType(*pick((0, 0, 0), dtype())))
    p = Pro(pick(0, 1, 5, -1), pick(0, 0, 2, 4, -3, 1), pick(0, 1), pick(0, 16, 32, 64, 3, -16), pick(0, 0, 16, 64, 5))
    # (Counts whose products pass 2^62 or wrap in 64 bits among them: 2^32
    # x 2^32 is 0 there, (2^62 + 16) x 4 is 64.)
    sh = Shape(pick(1, 2, 0, -1, 1 << 62, 1 << 32, (1 << 62) + 1), pick(1, 3, 0, -1, 1 << 32, 4),
               pick(1, 2, 4, 0, (1 << 62) + 16), pick(16, 32, 64, 0, 4, 1 << 32))
    kind = "odd"
    if plain:
        # A kernel the launches below run: plain, with a fused epilogue, or
        # with a prologue (a bhsd input, split-KV partials, row sums, the
        # cross-head factor alone).
        s.d = pick(64, 96, 128, 768); s.affine = pick(0, 1); s.has_scale = 0
        s.dtype = DLDataType(*pick(F32, (2, 16, 1), (4, 16, 1)))
        kind = pick("plain", "plain", "epilogue", "bhsd", "splits", "rowsum", "cross")
        hd = pick(16, 32)
        e = Epi(pick(0, 1), pick(0, 1, 2), 1e-5, DLDataType(*pick((0, 0, 0), F32, (2, 16, 1), (4, 16, 1))))
        if not e.residual and not e.norm:
            e.residual = 1
        p = Pro(1 if kind == "bhsd" else 0, pick(2, 3) if kind == "splits" else 0, 1 if kind == "rowsum" else 0,
                hd if kind in ("bhsd", "splits", "rowsum") else 0, hd if kind == "cross" else 0)
    args = (None if kind in ("plain", "epilogue") else p if plain else pick(None, p),
            e if kind == "epilogue" else None if plain else pick(None, e),
            TARGET if plain else pick(0, 0, 1, 5), None if plain else pick(None, sh), pick(0, 2, 2, 9))
    # The compile entry point: walsh_compile_attention, or one of those
    # below it where the prologue (and epilogue) are none.
    centry = "walsh_compile_attention"
    if args[0] is None:
        centry = pick("walsh_compile_attention", "walsh_compile_fused",
                      *(("walsh_compile_for_shape", "walsh_compile") if args[1] is None else ()))
    began(f"{centry} spec={[getattr(s, f) for f, _ in Spec._fields_ if f != 'dtype']} "
          f"dtype={(s.dtype.code, s.dtype.bits, s.dtype.lanes)} prologue={args[0] and [getattr(p, f) for f, _ in Pro._fields_]} "
          f"epilogue={args[1] and [getattr(e, f) for f, _ in Epi._fields_ if f != 'out_dtype']} target={args[2]} "
          f"shape={args[3] and [getattr(sh, f) for f, _ in Shape._fields_]} mode={args[4]}")
    k = C.c_void_p()
    if centry == "walsh_compile_attention":
        st = lib.walsh_compile_attention(C.byref(s), args[0] and C.byref(p), args[1] and C.byref(e), args[2],
                                         args[3] and C.byref(sh), args[4], C.byref(k))
    elif centry == "walsh_compile_fused":
        st = lib.walsh_compile_fused(C.byref(s), args[1] and C.byref(e), args[2], args[3] and C.byref(sh), args[4],
                                     C.byref(k))
    elif centry == "walsh_compile_for_shape":
        st = lib.walsh_compile_for_shape(C.byref(s), args[2], args[3] and C.byref(sh), args[4], C.byref(k))
    else:
        st = lib.walsh_compile(C.byref(s), args[2], C.byref(k))  # (no mode: its own)
    message = lib.walsh_last_error() or b""
    if st != 0 and not message:
        say(f"FINDING: compile status {st} without a message")
    if st == 0 and args[3] is not None and centry != "walsh_compile":
        # A shape accepted is one whose products hold, in Python's integers.
        if min(sh.batch, sh.seq, sh.heads, sh.head_dim) < 1 or sh.heads * sh.head_dim != s.d \
                or sh.batch * sh.seq > 1 << 62:
            say(f"FINDING: {centry} accepted shape {[getattr(sh, f) for f, _ in Shape._fields_]} for d = {s.d}")
    if args[0] is None:
        # walsh_check_spec against the compile's verdict on the spec and
        # epilogue: a spec it passes is not refused by field, nor one it
        # refuses compiled.
        checked_st = lib.walsh_check_spec(C.byref(s), args[1] and C.byref(e))
        said = lib.walsh_last_error() or b""
        spec_refusal = message.startswith((b"spec.", b"epilogue."))
        if checked_st == 0 and st != 0 and spec_refusal:
            say(f"FINDING: walsh_check_spec passed a spec the compile refused: {message}")
        if checked_st != 0 and st == 0:
            say(f"FINDING: walsh_check_spec refused a spec that compiled: {said}")
        if checked_st != 0 and not said:
            say(f"FINDING: walsh_check_spec status {checked_st} without a message")
    if st == 0 and rng.random() < 0.1:
        # A stage's text, and where the kernel came from.
        stage = pick(b"walsh", b"stages", b"vector", b"llvm-dialect", b"llvm", b"asm", b"ptx", b"sass",
                     b"gpu", b"", b"nope", None)
        text = C.c_char_p()
        began(f"walsh_kernel_stage {stage} after {open(sys.argv[4]).read().strip()}")
        sst = lib.walsh_kernel_stage(k, stage, C.byref(text))
        if sst == 0 and not text.value:
            say(f"FINDING: stage {stage} given as empty")
        if sst != 0 and not lib.walsh_last_error():
            say(f"FINDING: stage {stage}: status {sst} without a message")
        source = lib.walsh_kernel_config_source(k)
        if source not in (b"default", b"db-exact", b"db-nearest", b"tuned"):
            say(f"FINDING: config source {source!r}")
        if lib.walsh_kernel_cache_source(k) not in (0, 1, 2):
            say(f"FINDING: cache source {lib.walsh_kernel_cache_source(k)}")
    if st != 0 or not plain:
        if st == 0: lib.walsh_kernel_destroy(k)
        continue
    d, dt = s.d, (s.dtype.code, s.dtype.bits, s.dtype.lanes)
    out = (e.out_dtype.code, e.out_dtype.bits, e.out_dtype.lanes) if kind == "epilogue" and e.out_dtype.bits else dt
    heads = d // hd
    for _ in range(30):
        batch, seq = pick(1, 2), pick(0, 1, 3)
        rows = batch * seq
        K = p.splits
        # Each tensor the kernel takes: its shape and type.
        shapes = {"x": (batch, heads, seq, hd) if kind == "bhsd" else (K, rows, d) if K else (rows, d)}
        if K or kind == "rowsum":
            shapes["stats"] = (K, rows, heads) if K else (rows, heads)
        if s.affine:
            shapes["a"] = shapes["b"] = (d,)
        if kind == "epilogue":
            if e.residual:
                shapes["residual"] = (rows, d)
            if e.norm:
                shapes["norm_weight"] = (d,)
                if e.norm == 2:
                    shapes["norm_bias"] = (d,)
        shapes["y"] = (rows, d)
        if kind == "epilogue" and e.norm:
            shapes["normed"] = (rows, d)
        types = {n: F32 if n == "stats" else dt if n in ("x", "a", "b") else out for n in shapes}
        tens, keep = {}, []
        for i, n in enumerate(NAMES):
            if n not in shapes:
                continue
            shape = (C.c_int64 * 4)(*(shapes[n] + (0,) * (4 - len(shapes[n]))))
            keep.append(shape)
            tens[n] = DLTensor(base + i * (2 << 20), DLDevice(*DEVICE), len(shapes[n]), DLDataType(*types[n]), shape, None, 0)
        made = [kind]
        for _ in range(rng.randint(1, 3)):
            n = pick(*tens); t = tens[n]; f = rng.randint(0, 7)
            if f == 0:
                t.ndim = pick(0, 1, 2, 3)
                if t.ndim == 3 and n in ("x", "y") and rng.random() < 0.5:
                    # Leading dimensions as rows: [1 or 2, rows, d].
                    t.shape[0], t.shape[1], t.shape[2] = pick(1, 2), rows, d
            elif f == 1: t.shape[0] = pick(-1, 0, 1, 3, d, 1 << 62, -(1 << 62))
            elif f == 2:
                st_ = (C.c_int64 * 4)(pick(d, d + 16, 0, -d, 1, d - 1, 1 << 61), pick(1, 0, 2, -1), 1, 1)
                keep.append(st_); t.strides = st_
            elif f == 3:
                t.data = pick(None, (t.data or base) + 1, (t.data or base) + 2, (t.data or base) + 64,
                              tens[pick(*tens)].data, host + (8 << 20))  # (on the GPU a host pointer)
            elif f == 4: t.byte_offset = pick(1, 2, 64, 1 << 63, (1 << 64) - 64)
            elif f == 5: t.device = DLDevice(pick(1, 2, 3, 13, 99, 0), pick(0, 1, -1))
            elif f == 6: t.dtype = DLDataType(*dtype())
            else: t.shape[max(t.ndim - 1, 0)] = pick(d + 1, d - 1, 0, -d)
            made.append((n, f))
        # The entry point: walsh_launch_attention, or walsh_launch_fused or
        # walsh_launch where the kernel's kind is theirs; now and then one
        # that must refuse the kernel. On the GPU, the stream.
        fits = ["attention"] + ["fused"] * (kind in ("plain", "epilogue", "cross")) + ["launch"] * (kind in ("plain", "cross"))
        wrong = [x for x in ("fused", "launch") if x not in fits]
        entry = pick(*wrong) if wrong and rng.random() < 0.05 else pick(*fits)
        stream = pick(*STREAMS)
        if not GPU and rng.random() < 0.02:
            stream = C.c_void_p(host)  # refused: the CPU takes no stream
        made.append(entry)
        # A tensor the kernel takes left out, or one it does not take given.
        ptrs = {n: C.byref(t) for n, t in tens.items()}
        if rng.random() < 0.05:
            drop = pick(*tens); ptrs.pop(drop); made.append(f"{drop} NULL")
        if rng.random() < 0.05:
            extra = pick(*TAKES[entry])
            if extra not in tens:
                ptrs[extra] = C.byref(tens[pick(*tens)]); made.append(f"{extra} given")
        began(f"{entry_name(entry)} d={d} dtype={dt} out={out} affine={s.affine} {kind} rows={rows} stream={stream} "
              + "; ".join(f"{n}: ndim {t.ndim} shape {list(t.shape[:max(t.ndim, 1)])} strides {t.strides[0] if t.strides else None} "
                          f"data+{(t.data or 0) - base if t.data else None} byte_offset {t.byte_offset} "
                          f"device {t.device.device_type} dtype {(t.dtype.code, t.dtype.bits)}" for n, t in tens.items())
              + f" ({made})")
        # Fresh values in every tensor's first 64 KB (the outputs' too: where
        # they are not written, they stay and differ from the packed
        # launch's); row sums positive.
        for i, n in enumerate(NAMES):
            if n in shapes:
                o = base + i * (2 << 20) - LOW
                v = values.uniform(0.5, 2.0, (64 << 10) // 4) if kind == "rowsum" and n == "stats" else \
                    values.standard_normal((64 << 10) // (types[n][1] // 8))
                span[o:o + (64 << 10)] = stored(v, types[n]).view(np.uint8)
        snapshot = span.copy()
        send()
        st2 = launch(entry, k, ptrs, stream)
        if st2 == 0:
            launches += 1
            by_entry[entry] += 1
            fetch()
            if entry not in fits or (stream and not GPU):
                say(f"FINDING: {entry_name(entry)} accepted a {kind} kernel, stream {stream.value if stream else None} ({made})")
            elif set(ptrs) == set(tens):
                check_values(k, d, types, tens, snapshot, made, kind == "plain" and d & (d - 1) == 0)
            else:
                say(f"FINDING: accepted with {made[-1]}")
            for n in ("x", "y"):
                t = tens[n]
                lead = [i for i in range(max(t.ndim - 1, 0)) if t.shape[i] > 1]
                count = math.prod(t.shape[i] for i in range(max(t.ndim - 1, 0)))
                if t.strides and count > 1 and any(not (0 < t.strides[i] < 1 << 40) for i in lead):
                    say(f"FINDING: accepted {n} with row strides {[t.strides[i] for i in lead]} ({made})")
                if t.byte_offset > 1 << 40:
                    say(f"FINDING: accepted {n} with byte_offset {t.byte_offset} ({made})")
        elif not lib.walsh_last_error():
            say(f"FINDING: launch status {st2} without a message ({made})")
    lib.walsh_kernel_destroy(k)
say(f"{sys.argv[5]}: {runs} compiles, {launches} launches accepted "
    f"({', '.join(f'{entry_name(e)} {n}' for e, n in by_entry.items())}), {checked} of them checked value by value")
"""


def cuda_devices():
    # How many CUDA devices the driver sees (0 without one).
    import ctypes
    try:
        cu = ctypes.CDLL("libcuda.so.1")
        count = ctypes.c_int()
        if cu.cuInit(0) or cu.cuDeviceGetCount(ctypes.byref(count)):
            return 0
        return count.value
    except OSError:
        return 0


def fuzz_capi(args, deadline, rng, tmp):
    lib = args.build / "lib" / "libwalsh.so"
    findings = 0
    child = 0
    # Children alternate between the CPU and (where there is one) the GPU,
    # each for its target's share of the time (or until a death or a lost
    # CUDA context ends it: the next child takes the other target).
    targets = ["cpu", "cuda"] if cuda_devices() else ["cpu"]
    slice_s = (deadline - time.time()) / len(targets)
    while time.time() < deadline:
        child += 1
        target = targets[child % len(targets)]
        log = f"{tmp}/capi-case.txt"
        seconds = max(1.0, min(slice_s, deadline - time.time()))
        env = dict(os.environ, WALSH_CACHE_DIR="none")
        try:
            r = subprocess.run([sys.executable, "-c", CAPI_CHILD, str(lib),
                                str(args.seed * 1000 + child), str(seconds),
                                log, target], capture_output=True, env=env,
                               cwd=tmp, timeout=seconds + 120)
            rc, out = r.returncode, r.stdout.decode(errors="replace")
        except subprocess.TimeoutExpired:
            rc, out = None, ""
        for line in out.splitlines():
            if line.startswith("FINDING"):
                findings += 1
            print(line, flush=True)
        if rc != 0:
            findings += 1
            case = Path(log).read_text().strip() if Path(log).exists() else "?"
            print(f"FINDING: the process died (status {rc}) in: {case}",
                  flush=True)
    return findings

PYTHON_CHILD = r"""
import collections, copy, math, pickle, random, re, sys, time
sys.path.insert(0, sys.argv[1])
import numpy as np
import walsh
try:
    import torch
except ImportError:
    torch = None
rng = random.Random(int(sys.argv[2]))
data = np.random.default_rng(int(sys.argv[2]))
deadline = time.time() + float(sys.argv[3])
log = open(sys.argv[4], "w")
pick = rng.choice
findings = runs = calls = accepted = 0
refused = collections.Counter()
outprojs = [0, 0]  # walsh.outproj's calls, accepted


def say(*a):
    print(*a, flush=True)


def began(what):
    log.seek(0)
    log.write(what + "\n")
    log.truncate()
    log.flush()


def finding(what, key):
    # `key`: the failure without its case (the parent says each once).
    global findings
    findings += 1
    say(f"FINDING[{key}]: {what}")


def attempt(what, fn):
    # (True, fn()) or (False, the WalshError); any other exception, and a
    # WalshError that names no argument, is a finding.
    began(what)
    try:
        return True, fn()
    except walsh.WalshError as e:
        refused[re.sub(r"got .*", "got ...", str(e))] += 1
        if ": " not in str(e):
            finding(f"{what}: a WalshError naming nothing: {e!r}",
                    f"unnamed {e}")
        return False, e
    except Exception as e:
        finding(f"{what}: {type(e).__name__}: {e}",
                f"{type(e).__name__} {re.sub('[0-9]+', 'N', str(e))[:60]}")
        return False, e


# Constructor arguments: good values, then odd ones (see the loop below
# for how often each is drawn).
ARGS = {
    "d": ([64, 96, 256, 768], [0, -64, 3, 1000, 2**64 + 256, 256.0, 256.5,
                               "256", None, True, np.int64(256), 1 << 40,
                               [256]]),
    "dtype": (["f32", "f16", "bf16"], ["float64", "F32", "", None, 5,
                                       np.float32, ["f32"], "f32\0"]),
    "affine": ([True, False], ["false", None, 2, np.True_, 1.0, [True]]),
    "scale": ([None, 0.5], ["0.5", float("nan"), float("inf"), -1.0, 0.0,
                            1e300, True, np.float16(0.5), 1j, [0.5]]),
    "transpose": ([False, True], ["true", None, -1, np.False_, {}]),
    "residual": ([False, True], ["no", None, 2, [False]]),
    "norm": ([None, "rms", "layer"], ["RMS", "", 1, ["rms"], {"rms": 1}]),
    "eps": ([None, 1e-6, 1e-5], [0.0, -1.0, float("nan"), "1e-6", [1e-6]]),
    "out_dtype": ([None, "f32", "f16", "bf16"], ["f64", 1, ["f32"], ""]),
}
NP = {"f32": np.float32, "f16": np.float16}


def tensor(lib, dtype, shape):
    # Fresh values of `dtype` ("f32", "f16", "bf16" or an odd one).
    v = data.standard_normal(shape).astype(np.float32)
    if lib == "numpy":
        return v.astype({"f64": np.float64, "i32": np.int32}.get(
            dtype, NP.get(dtype, np.float32)))
    t = {"f32": torch.float32, "f16": torch.float16,
         "bf16": torch.bfloat16, "f64": torch.float64, "i32": torch.int32}
    t = torch.from_numpy(v).to(t[dtype])
    return t.cuda() if lib == "cuda" else t


def layout(lib, dtype, rows, d, name):
    # (a tensor of [rows, d] values in some layout, what was done, the
    # base it views).
    kinds = ["plain"] * 12 + ["wider", "every other row", "3d", "transposed",
                             "column stride", "from row 1", "short", "long",
                             "1d", "broadcast", "dtype", "list", "0d"]
    if lib == "numpy":
        kinds += ["reversed", "unaligned", "read-only", "fortran"]
    kind = pick(kinds)
    if kind == "dtype":
        dtype = pick(["f32", "f16", "bf16", "f64", "i32"])
        if lib == "numpy" and dtype == "bf16":
            dtype = "f64"
    shapes = {"wider": (rows, d + 16), "every other row": (2 * rows, d),
              "3d": (2, rows, d), "transposed": (d, rows),
              "column stride": (rows, 2 * d), "from row 1": (rows + 1, d),
              "short": (rows, d - 1), "long": (rows, d + 1), "1d": (d,),
              "broadcast": (1, d), "0d": (), "unaligned": (rows * d + 1,),
              "reversed": (rows, d)}
    base = tensor(lib, dtype, shapes.get(kind, (rows, d)))
    t = base
    if kind == "wider":
        t = base[:, :d]
    elif kind == "every other row":
        t = base[::2]
    elif kind in ("transposed",):
        t = base.T
    elif kind == "column stride":
        t = base[:, ::2]
    elif kind == "from row 1":
        t = base[1:]
    elif kind == "broadcast":
        t = (np.broadcast_to(base, (rows, d)) if lib == "numpy"
             else base.expand(rows, d))
    elif kind == "list":
        t = base.tolist()
    elif kind == "reversed":
        t = base[::-1]
    elif kind == "unaligned":
        raw = np.zeros(base.nbytes + 1, np.uint8)
        t = np.frombuffer(raw.data, base.dtype, rows * d, 1).reshape(rows, d)
        t[...] = base[:rows * d].reshape(rows, d)
        base = t
    elif kind == "read-only":
        t.setflags(write=False)
    elif kind == "fortran":
        t = np.asfortranarray(base)
    return t, f"{name} {kind} {tuple(getattr(t, 'shape', ()))}", base, kind


# Layouts every call must take (the rows they hold: one for 1d, twice the
# rows for 3d); an output's not read-only.
READABLE = {"plain", "wider", "every other row", "3d", "from row 1", "1d",
            "read-only"}


def rows_of(kind, rows):
    return 1 if kind == "1d" else 2 * rows if kind == "3d" else rows


def vector(lib, dtype, d, name):
    kind = pick(["plain"] * 20 + ["short", "2d", "stride", "dtype", "list",
                                 "none"])
    if kind == "none":
        return None, f"{name} None", kind
    if lib == "cuda" and rng.random() < 0.05:
        lib = kind = "cpu"  # another device than x's
    if kind == "dtype":
        dtype = pick(["f32", "f16", "f64", "i32"])
    base = tensor(lib, dtype, {"short": (d - 1,), "2d": (1, d),
                               "stride": (2 * d,)}.get(kind, (d,)))
    t = base[::2] if kind == "stride" else base
    return (t.tolist() if kind == "list" else t), f"{name} {kind}", kind


def f64(t):
    if isinstance(t, np.ndarray):
        return t.astype(np.float64)
    return t.detach().double().cpu().numpy()


def differ(got, want, d, tol):
    # Whether got's values differ from want's past tol (relative to want's
    # largest finite value): inf and NaN (a scale past the type's range)
    # must stand where want has them.
    g, w = f64(got).reshape(-1, d), f64(want).reshape(-1, d)
    if g.shape != w.shape:
        return True
    finite = np.isfinite(w)
    if not np.array_equal(np.isfinite(g), finite):
        return True
    if not finite.any():
        return False
    scale = max(1.0, float(np.abs(w[finite]).max()))
    return not np.abs(g - w)[finite].max() <= tol * scale


def copied(t):
    # The same values, packed, that nothing else holds.
    if t is None or isinstance(t, list):
        return t
    if isinstance(t, np.ndarray):
        return np.array(t, copy=True, order="C")
    return t.clone().contiguous()


def one_call(p, lib):
    global calls, accepted
    d, rows = p.d, pick([0, 1, 3, 8])
    out_dtype = p.out_dtype
    x, xw, _, xk = layout(lib, p.dtype, rows, d, "x")
    made = [xw]
    n = rows_of(xk, rows)
    # `sure`: every argument one the call must take (a refusal a finding).
    sure = xk in READABLE
    a = b = None
    if p.affine or rng.random() < 0.2:
        a, w, ak = vector(lib, p.dtype, d, "a")
        b, w2, bk = vector(lib, p.dtype, d, "b")
        made += [w, w2]
        sure &= p.affine and ak == bk == "plain"
    else:
        sure &= not p.affine
    out, outbase, view = None, None, None
    k = pick(["none", "none", "fresh", "wider", "x", "shifted", "layout",
              "over a", "over b"])
    over = {"over a": a, "over b": b}.get(k)
    must_refuse = False
    if k in ("fresh", "wider"):
        outbase = tensor(lib, out_dtype, (rows, d + (16 if k == "wider"
                                                      else 0)))
        out = outbase[:, :d]
        view = (slice(None), slice(0, d))
        sure &= n == rows
    elif k == "x":
        out = x
        sure = False
    elif k == "shifted" and hasattr(x, "shape") and len(x.shape) == 2 \
            and rows > 1:
        out = x[1:] if rng.random() < 0.5 else x[:-1]
        sure = False
    elif k in ("over a", "over b") and rows > 0 and \
            getattr(over, "shape", None) == (d,):
        # a or b inside out's first or last row, with its values: every
        # row reads them while rows of out are written (refused).
        outbase = tensor(lib, out_dtype, (rows + 1, d))
        out = outbase[1:]
        inside = outbase[pick([1, rows])]
        if isinstance(inside, np.ndarray):
            inside[...] = over
        else:
            inside.copy_(over)
        if k == "over a":
            a = inside
        else:
            b = inside
        must_refuse, sure = True, False
    elif k == "layout":
        out, w, _, ok = layout(lib, out_dtype, rows, d, "out")
        made.append(w)
        sure &= ok in READABLE - {"read-only"} and rows_of(ok, rows) == n
    made.append(f"out {k}")
    kw = {}
    if p.residual or rng.random() < 0.1:
        r, w, _, rk = layout(lib, out_dtype, rows, d, "residual")
        if out is not None and rng.random() < 0.3:
            kw["residual"] = out
            made.append("residual out")
        else:
            kw["residual"] = r
            made.append(w)
            sure &= rk in READABLE and rows_of(rk, rows) == n
        sure &= p.residual
    if p.norm or rng.random() < 0.1:
        kw["norm_weight"], w, wk = vector(lib, out_dtype, d, "norm_weight")
        made.append(w)
        sure &= bool(p.norm) and wk == "plain"
        if p.norm == "layer" or rng.random() < 0.2:
            kw["norm_bias"], w, bk = vector(lib, out_dtype, d, "norm_bias")
            made.append(w)
            sure &= p.norm == "layer" and bk == "plain"
    # What a packed call of the same values gives (taken before the call:
    # out may be x or the residual).
    clean = {n: copied(t) for n, t in dict(x=x, a=a, b=b, **kw).items()}
    before = copied(outbase) if outbase is not None else None
    calls += 1
    what = f"{p._args} {lib} rows={rows}: " + "; ".join(made)
    ok, got = attempt(what, lambda: p(x, a, b, out=out, **kw))
    if not ok:
        if sure and isinstance(got, walsh.WalshError):
            finding(f"{what}: refused ({got}), but every argument is one "
                    "it must take",
                    "valid refused " + re.sub("[0-9]+", "N", str(got)))
        return
    accepted += 1
    if must_refuse:
        finding(f"{what}: accepted with {k[5:]} inside out's rows",
                f"out over {k[5:]}")
        return
    ok, want = attempt("the packed call of " + what, lambda: p(
        clean["x"], clean["a"], clean["b"], **{n: clean[n] for n in kw}))
    if not ok:
        finding(f"{what}: accepted, but its packed copy refused: {want}",
                f"packed refused {made}")
        return
    got = got if isinstance(got, tuple) else (got,)
    want = want if isinstance(want, tuple) else (want,)
    tol = 1e-5 if out_dtype == "f32" and p.dtype == "f32" else 3e-2
    for g, w in zip(got, want):
        if differ(g, w, d, tol):
            finding(f"{what}: differs from its packed copy",
                    f"differs {made}")
            return
    if before is not None:
        # Nothing of out's base past the view written.
        mask = np.ones(tuple(before.shape), bool)
        mask[view] = False
        if not np.array_equal(f64(outbase)[mask], f64(before)[mask]):
            finding(f"{what}: wrote past out's view", f"past {made}")


def one_outproj():
    # walsh.outproj (PyTorch): x in some layout, a and b (or neither), odd
    # flags; the values and gradients against the packed call's.
    global calls, accepted
    d, rows = pick([64, 96, 256, 768]), pick([0, 1, 3, 8])
    dtype = pick(["f32", "f32", "f16", "bf16"])
    lib = pick(["torch", "cuda"] if torch.cuda.is_available() else ["torch"])
    x, xw, _, xk = layout(lib, dtype, rows, d, "x")
    made = [lib, xw]
    a = b = None
    if rng.random() < 0.7:
        a, w, _ = vector(lib, dtype, d, "a")
        b, w2, _ = vector(lib, dtype, d, "b")
        made += [w, w2]
    kw = {}
    if rng.random() < 0.3:
        kw["transpose"] = pick([True, False, "yes", None, 2])
    if rng.random() < 0.3:
        kw["scale"] = pick([0.5, None, "0.5", float("nan"), -2.0])
    grad = rng.random() < 0.5
    inputs = [t for t in (x, a, b) if isinstance(t, torch.Tensor) and
              t.is_floating_point()]
    if grad:
        for t in inputs:
            t.requires_grad_(True)
    clean = [copied(t) for t in (x, a, b)]
    if grad:
        clean = [t.detach().requires_grad_(True)
                 if isinstance(t, torch.Tensor) and t.is_floating_point()
                 else t for t in clean]
    calls += 1
    what = f"outproj d={d} {dtype} rows={rows} {kw} grad={grad}: " + \
        "; ".join(made)
    ok, got = attempt(what, lambda: walsh.outproj(x, a, b, **kw))
    if not ok:
        return
    accepted += 1
    ok, want = attempt("the packed call of " + what, lambda: walsh.outproj(
        *clean, **kw))
    if not ok:
        finding(f"{what}: accepted, but its packed copy refused: {want}",
                f"packed refused {made}")
        return
    tol = 1e-5 if dtype == "f32" else 3e-2
    pairs = [(got, want)]
    if grad and got.requires_grad and got.numel():
        g = torch.randn_like(got)
        ok1, _ = attempt("backward of " + what, lambda: got.backward(g))
        ok2, _ = attempt("packed backward of " + what,
                         lambda: want.backward(g))
        if not (ok1 and ok2):
            return
        for t, c in zip((x, a, b), clean):
            if isinstance(t, torch.Tensor) and t.grad is not None:
                pairs.append((t.grad, c.grad))
    for g_, w_ in pairs:
        if w_ is None or g_.shape != w_.shape:
            finding(f"{what}: a gradient or output of another shape",
                    f"outproj shape {made}")
            return
        if differ(g_, w_, g_.shape[-1] if g_.dim() else 1, tol):
            finding(f"{what}: differs from its packed call",
                    f"outproj differs {made}")
            return


while time.time() < deadline:
    runs += 1
    if torch is not None and rng.random() < 0.2:
        before = accepted
        one_outproj()
        outprojs[0] += 1
        outprojs[1] += accepted - before
        continue
    # Half the Projections with one odd argument, one in ten with several.
    odd = rng.random()
    wrong = (set(rng.sample(sorted(ARGS), 1)) if odd < 0.5 else
             {n for n in ARGS if rng.random() < 0.3} if odd < 0.6 else set())
    kw = {n: (pick(bad) if n in wrong else pick(good))
          for n, (good, bad) in ARGS.items()
          if n in wrong or n == "d" or rng.random() < 0.8}
    kw.setdefault("d", pick(ARGS["d"][0]))
    if kw.get("norm") is None and "eps" not in wrong:
        kw.pop("eps", None)  # (a good eps without a norm is refused)
    d = kw.pop("d")
    ok, p = attempt(f"Projection({d!r}, **{kw!r})",
                    lambda: walsh.Projection(d, **kw))
    if not ok:
        continue
    libs = ["numpy"] if torch is None else ["numpy", "torch"] + (
        ["cuda"] * 2 if torch.cuda.is_available() else [])
    if "bf16" in (p.dtype, p.out_dtype):
        libs = libs[1:]
    for _ in range(20):
        if not libs or time.time() > deadline:
            break
        one_call(p, pick(libs))
    what = f"{p._args}: "
    r = rng.random()
    if r < 0.1:
        q = pickle.loads(pickle.dumps(p)) if r < 0.05 else copy.deepcopy(p)
        if repr(q._args) != repr(p._args):  # (NaN is not NaN)
            finding(what + "a copy with other arguments", "copy")
    elif r < 0.2:
        name = pick(["asm", "llvm", "walsh", "stages", "", "ptx", 5, None,
                     "asm\0", "ll"])
        attempt(what + f"stage({name!r})", lambda: p.stage(name, "cpu"))
    elif r < 0.3:
        target = pick(["cpu", "cuda", "gpu", None, ["cpu"], "CPU"])
        rows = pick([None, 0, 1, -1, 2**62, 2**63, 1.5, "8"])
        attempt(what + f"kernel({target!r}, {rows!r})",
                lambda: p.kernel(target, rows))
say(f"{runs - outprojs[0]} Projections and {outprojs[0]} outproj calls "
    f"({outprojs[1]} accepted); {calls - outprojs[0]} Projection calls "
    f"({accepted - outprojs[1]} accepted); {findings} finding(s); the "
    "refusals most made:")
for text, n in refused.most_common(12):
    say(f"  {n:6}  {text[:100]}")
"""


def fuzz_python(args, deadline, rng, tmp):
    env = dict(os.environ, WALSH_CACHE_DIR="none",
               WALSH_LIBRARY=str(args.build / "lib" / "libwalsh.so"))
    findings = 0
    child = 0
    seen = set()
    while time.time() < deadline:
        child += 1
        log = f"{tmp}/python-case.txt"
        seconds = max(1.0, deadline - time.time())
        try:
            r = subprocess.run([sys.executable, "-c", PYTHON_CHILD,
                                str(ROOT / "python"),
                                str(args.seed * 1000 + child), str(seconds),
                                log], capture_output=True, env=env, cwd=tmp,
                               timeout=seconds + 120)
            rc, out = r.returncode, r.stdout.decode(errors="replace")
            err = r.stderr.decode(errors="replace")
        except subprocess.TimeoutExpired:
            rc, out, err = None, "", ""
        for line in out.splitlines():
            found = re.match(r"FINDING\[(.*?)\]: ", line)
            if found:
                # Each failure once, with its first case.
                if found.group(1) in seen:
                    continue
                seen.add(found.group(1))
                findings += 1
                line = "FINDING: " + line[found.end():]
            print(line, flush=True)
        if rc != 0:
            findings += 1
            case = Path(log).read_text().strip() if Path(log).exists() else "?"
            print(f"FINDING: the process died (status {rc}) in: {case}\n  "
                  f"{err.strip()[-400:]}", flush=True)
    return findings


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=["cli", "mlir", "capi", "python"])
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--build", type=Path, default=ROOT / "build")
    ap.add_argument("--out", type=Path,
                    default=Path(tempfile.gettempdir()) / "walsh-fuzz")
    args = ap.parse_args()
    tool = args.build / {"cli": "bin/walsh", "mlir": "bin/walsh-opt",
                         "capi": "lib/libwalsh.so",
                         "python": "lib/libwalsh.so"}[args.what]
    if not tool.exists():
        sys.exit(f"fuzz.py: --build: no {tool} (build first: scripts/build.sh)")
    if args.what == "python" and subprocess.run(
            [sys.executable, "-c", "import numpy"],
            capture_output=True).returncode != 0:
        # (Else every child would die at its import, one after another.)
        sys.exit(f"fuzz.py python: {sys.executable} has no NumPy (Debian: "
                 "python3-numpy)")
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    deadline = time.time() + args.seconds
    with tempfile.TemporaryDirectory() as tmp:
        fuzz = {"cli": fuzz_cli, "mlir": fuzz_mlir, "capi": fuzz_capi,
                "python": fuzz_python}
        n = fuzz[args.what](args, deadline, rng, tmp)
    print(f"fuzz.py {args.what}: {n} finding(s) in {args.seconds:g} s, "
          f"seed {args.seed}")
    sys.exit(1 if n else 0)


if __name__ == "__main__":
    main()
