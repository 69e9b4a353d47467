#!/usr/bin/env python3
"""python/walsh.py against a float64 reference.

    test_walsh.py numpy   CPU kernels on NumPy arrays (CI)
    test_walsh.py torch   CUDA kernels on PyTorch tensors: streams, a CUDA
                          graph, every device; walsh.outproj's autograd,
                          OutputProjection, torch.compile (exit 77,
                          skipped, without PyTorch or a GPU)
    test_walsh.py torch-cpu   the CPU kernels on PyTorch's CPU tensors, the
                          autograd and the module on the CPU (CI, with
                          Debian's python3-torch; exit 77 without PyTorch)

Every output is poisoned (NaN) before the call and every element checked.
Exit status 0 when every check passed.
"""
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "python"))
import walsh  # noqa: E402

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def expect_error(fn, text, what):
    try:
        fn()
    except walsh.WalshError as e:
        check(str(e) == text, f"{what}: '{e}'")
        return
    check(False, f"{what}: no error (expected '{text}')")


def expect_unmade(fn, d, kind, what):
    """An output of x's shape the binding cannot make: refused naming out,
    with the allocator's error (`kind`) inside (its text is the
    library's)."""
    try:
        fn()
    except walsh.WalshError as e:
        text = str(e)
        check(text.startswith("out: an output of x's shape (1099511627776, "
                              f"{d}) cannot be made ({kind}: ") and
              text.endswith("); pass out=, or x of fewer rows"),
              f"{what}: '{text}'")
        return
    except BaseException as e:
        check(False, f"{what}: {type(e).__name__}: {e}")
        return
    check(False, f"{what}: no error")


def reference(np, x, a, b, d):
    """a * (H_d x) / sqrt(d) + b in float64 (H_d Sylvester's, d = 2^k)."""
    h = x.astype(np.float64).reshape(-1, d).copy()
    step = 1
    while step < d:
        h = h.reshape(-1, d // (2 * step), 2, step)
        top, bottom = h[:, :, 0, :].copy(), h[:, :, 1, :].copy()
        h[:, :, 0, :], h[:, :, 1, :] = top + bottom, top - bottom
        h = h.reshape(-1, d)
        step *= 2
    h /= math.sqrt(d)
    if a is not None:
        h = h * a.astype(np.float64) + b.astype(np.float64)
    return h


def rel_error(np, got, want):
    got = np.asarray(got, dtype=np.float64)
    if not np.all(np.isfinite(got)):
        return float("inf")
    return float(np.max(np.abs(got - want)) / max(np.max(np.abs(want)), 1e-30))


def version_checks():
    have = walsh.library().walsh_version().decode()
    check(have == walsh.__version__,
          f"walsh_version() {have} is the binding's __version__ "
          f"{walsh.__version__}")
    # A library of another minor version is refused by path at first use
    # (the path the binding found it at: WALSH_LIBRARY, or beside it, as in
    # the bundle).
    lib, written_for = walsh._lib, walsh.__version__
    path = lib._name
    walsh._lib, walsh.__version__ = None, "0.99.0"
    try:
        expect_error(walsh.library,
                     f"{path}: libwalsh {have}, but this binding is written "
                     "for 0.99.0 (set WALSH_LIBRARY to a matching libwalsh)",
                     "a libwalsh of another version")
    finally:
        walsh._lib, walsh.__version__ = lib, written_for
    # WALSH_LIBRARY is the one library used where it is set: a path that is
    # not there, or not a library, is an error naming it, never another
    # libwalsh found in its place (until 2026-12-06 the search went on).
    named = os.environ.get("WALSH_LIBRARY")
    with open("/proc/self/maps") as maps:
        libc = next(line.split()[-1] for line in maps
                    if os.path.basename(line.split()[-1]).startswith("libc."))
    try:
        for value, want, what in (
                ("/nonexistent/libwalsh.so",
                 "WALSH_LIBRARY=/nonexistent/libwalsh.so: no such file",
                 "a WALSH_LIBRARY that is not there"),
                (os.path.abspath(__file__),
                 f"WALSH_LIBRARY={os.path.abspath(__file__)}: cannot be "
                 "loaded: ", "a WALSH_LIBRARY that is not a library"),
                # A shared library that is not libwalsh (this process's
                # libc): "libwalsh older than 0.1.0" until 2026-12-06.
                (libc,
                 f"{libc}: has no walsh_version: not libwalsh, "
                 "or one older than 0.1.0 (set WALSH_LIBRARY to a matching "
                 "libwalsh)", "a WALSH_LIBRARY that is another library")):
            os.environ["WALSH_LIBRARY"] = value
            walsh._lib = None
            try:
                walsh.library()
                check(False, f"{what}: no error (expected '{want}...')")
            except walsh.WalshError as e:
                # The loader's own words follow ("invalid ELF header").
                check(str(e) == want if not want.endswith(": ")
                      else str(e).startswith(want) and len(str(e)) > len(want),
                      f"{what}: '{e}'")
    finally:
        if named is None:
            os.environ.pop("WALSH_LIBRARY", None)
        else:
            os.environ["WALSH_LIBRARY"] = named
        walsh._lib = lib


def numpy_checks():
    import numpy as np
    version_checks()
    rng = np.random.default_rng(int(os.environ.get("WALSH_TEST_SEED", "7")))
    for dtype, d, tol in (("f32", 8, 1e-6), ("f32", 256, 1e-6),
                          ("f32", 4096, 1e-6), ("f16", 1024, 1e-2)):
        np_type = np.float32 if dtype == "f32" else np.float16
        p = walsh.Projection(d, dtype)
        x = rng.standard_normal((33, d)).astype(np_type)
        a = (0.5 + rng.random(d)).astype(np_type)
        b = rng.standard_normal(d).astype(np_type)
        y = np.full_like(x, np.nan)
        p(x, a, b, out=y)
        err = rel_error(np, y, reference(np, x, a, b, d))
        check(err <= tol, f"cpu {dtype} d={d}: relative error {err:.2e}")
    # Rows with a stride (views into wider arrays), and no affine.
    d = 512
    p = walsh.Projection(d, "f32", affine=False)
    wide = rng.standard_normal((17, d + 48)).astype(np.float32)
    out = np.full((17, d + 16), np.nan, dtype=np.float32)
    p(wide[:, :d], out=out[:, :d])
    err = rel_error(np, out[:, :d], reference(np, wide[:, :d], None, None, d))
    check(err <= 1e-6, f"cpu f32 d={d} strided rows, no affine: relative "
          f"error {err:.2e}")
    check(bool(np.all(np.isnan(out[:, d:]))), "the stride's padding untouched")
    # Zero rows: a valid no-op.
    empty = np.zeros((0, d), dtype=np.float32)
    check(p(empty).shape == (0, d), "zero rows")
    # Leading dimensions as rows ([batch, seq, d]), the output in x's shape;
    # every other row of a wider array is still one run of rows; a view
    # whose leading dimensions are not is refused, naming the strides.
    x3 = rng.standard_normal((2, 6, d)).astype(np.float32)
    y3 = p(x3)
    err = rel_error(np, y3.reshape(-1, d),
                    reference(np, x3.reshape(-1, d), None, None, d))
    check(y3.shape == (2, 6, d) and err <= 1e-6,
          f"cpu f32 [2, 6, {d}] rows: shape {y3.shape}, relative error "
          f"{err:.2e}")
    expect_error(lambda: p(x3[0, ::-1]),
                 "x: has a row stride of -512; expects rows of their own, at "
                 "least 512 elements apart", "rows in reverse order")
    every_other = x3[:, ::2]
    err = rel_error(np, p(every_other).reshape(-1, d),
                    reference(np, every_other.reshape(-1, d), None, None, d))
    check(err <= 1e-6, f"every other row of [2, 6, {d}]: relative error "
          f"{err:.2e}")
    expect_error(lambda: p(x3[:, :3]),
                 "x: its leading dimensions are not one run of rows "
                 "(dimension 0's stride 3072 is not 512 x 3, dimension 1's "
                 "stride times its size); expects them collapsible to [rows, "
                 "512], as a contiguous tensor is", "rows in two runs")
    # Eight dimensions at most (a slot's room), the leading seven as rows.
    x7 = rng.standard_normal((2, 1, 3, 1, 2, 1, 1, d)).astype(np.float32)
    y7 = p(x7)
    err = rel_error(np, y7.reshape(-1, d),
                    reference(np, x7.reshape(-1, d), None, None, d))
    check(y7.shape == x7.shape and err <= 1e-6,
          f"cpu f32 eight dimensions: shape {y7.shape}, relative error "
          f"{err:.2e}")
    w7 = rng.standard_normal((2, 1, 3, 1, 2, 1, 1, d + 16)).astype(
        np.float32)[..., :d]  # strides given: rows d + 16 apart
    err = rel_error(np, p(w7).reshape(-1, d),
                    reference(np, w7.reshape(-1, d), None, None, d))
    check(err <= 1e-6, f"eight dimensions, rows {d + 16} apart: relative "
          f"error {err:.2e}")
    expect_error(lambda: p(x7.reshape(2, 1, 3, 1, 2, 1, 1, 1, d)),
                 "x: expects at most 8 dimensions, got 9", "nine dimensions")
    # Errors, each naming the argument.
    x = rng.standard_normal((4, d)).astype(np.float32)
    expect_error(lambda: p(x.astype(np.float64)),
                 "x: expects float32, float16 or bfloat16, got float64",
                 "a float64 x")
    expect_error(lambda: p(x, x[0], x[0]),
                 "a: the kernel was compiled without the affine; pass None",
                 "a and b to a kernel without the affine")
    q = walsh.Projection(d, "f32")
    expect_error(lambda: q(x, x[0, :100], x[0]),
                 "a: expects shape [512], got ndim 1 with last dimension 100",
                 "a of the wrong length")
    expect_error(lambda: q(x, x[0], x[0], out=np.zeros((3, d), np.float32)),
                 "out: expects as many rows as x (4), got 3", "out of 3 rows")
    # A read-only output (until 2026-12-05 written through: over bytes
    # that is Python's immutable object), as an array marked so, one over
    # bytes and a broadcast view; a read-only x is fine.
    frozen = np.zeros((4, d), np.float32)
    frozen.setflags(write=False)
    expect_error(lambda: q(x, x[0], x[0], out=frozen),
                 "out: is read-only; expects a writeable array for the "
                 "kernel's output", "a read-only out")
    assert not frozen.any(), "a read-only out was written"
    over_bytes = np.frombuffer(bytes(4 * d * 4), np.float32).reshape(4, d)
    expect_error(lambda: q(x, x[0], x[0], out=over_bytes),
                 "out: is read-only; expects a writeable array for the "
                 "kernel's output", "an out over bytes")
    expect_error(lambda: q(x, x[0], x[0],
                           out=np.broadcast_to(np.zeros(d, np.float32),
                                               (4, d))),
                 "out: is read-only; expects a writeable array for the "
                 "kernel's output", "a broadcast out")
    # x a broadcast view of 2**40 rows: the output the binding would make
    # for it cannot be (until 2026-12-07 NumPy's MemoryError, naming
    # nothing; with an out given, x's row stride is refused by name).
    expect_unmade(lambda: q(np.broadcast_to(x[0], (2**40, d)), x[0], x[0]),
                  d, "MemoryError", "an output for 2**40 broadcast rows")
    fx = x.copy()
    fx.setflags(write=False)
    q(fx, x[0], x[0])
    expect_error(lambda: q([1.0] * d, x[0], x[0]),
                 "x: expects a torch tensor or a NumPy array, got list",
                 "a list")
    # An unsupported d at construction, before anything compiles.
    expect_error(lambda: walsh.Projection(1000, "f32"),
                 "d: expects 2^k or m * 2^k with m in {12, 20, 28, 36, "
                 "44, 52, 60}, at most 65536, got 1000", "an unsupported d")
    expect_error(lambda: walsh.Projection(256.5, "f32"),
                 "d: expects an integer, got 256.5", "a fractional d")
    expect_error(lambda: walsh.Projection(True, "f32"),
                 "d: expects an integer, got True", "a bool d (it was d = 1)")
    # Until 2026-12-06: ctypes kept d's low 64 bits (2**64 + 512 compiled
    # d = 512), and a scale or eps that is no number was float()'s own
    # ValueError or TypeError, naming nothing ('0.5' was taken).
    expect_error(lambda: walsh.Projection(2**64 + 512, "f32"),
                 f"d: expects an int64, got {2**64 + 512}", "a d past int64")
    for name, value in (("scale", "0.5"), ("scale", 1j), ("scale", True),
                        ("eps", "x"), ("eps", [1e-6])):
        expect_error(lambda: walsh.Projection(d, "f32", norm="rms",
                                              residual=True,
                                              **{name: value}),
                     f"{name}: expects a real number, got {value!r}",
                     f"{name}={value!r}")
    # A list or a dict was Python's "unhashable type" until 2026-12-06;
    # a NumPy type names the dtype.
    for name, value in (("dtype", ["f32"]), ("out_dtype", {}),
                        ("dtype", np.float64)):
        expect_error(lambda: walsh.Projection(d, **{name: value}),
                     f"{name}: expects f32, f16 or bf16, got {value!r}",
                     f"{name}={value!r}")
    expect_error(lambda: walsh.Projection(d, "f32", norm=["rms"]),
                 "norm: expects None, rms or layer, got ['rms']",
                 "norm=['rms']")
    check(walsh.Projection(d, np.float16).dtype == "f16",
          "a Projection of np.float16")
    # repr: the call that makes it (the arguments past the defaults).
    for args, kw in (((256, "bf16"), {}),
                     ((768, "f32"), dict(affine=False, scale=0.25,
                                         transpose=True, residual=True,
                                         norm="layer", eps=1e-5,
                                         out_dtype="f16"))):
        r = repr(walsh.Projection(*args, **kw))
        check(r == "walsh.Projection(" + ", ".join(
              [repr(v) for v in args] +
              [f"{k}={v!r}" for k, v in kw.items()]) + ")" and
              repr(eval(r, {"walsh": walsh})) == r, f"repr {r}")
    # Until 2026-12-06 the flags took truthiness: transpose="false"
    # transposed, residual=None left it off.
    for name, value in (("transpose", "false"), ("affine", None),
                        ("residual", 2), ("transpose", 1.0)):
        expect_error(lambda: walsh.Projection(d, "f32", **{name: value}),
                     f"{name}: expects True or False, got {value!r}",
                     f"{name}={value!r}")
    check(walsh.Projection(d, "f32", transpose=np.True_)._spec.transpose == 1
          and walsh.Projection(d, "f32", affine=0)._spec.affine == 0,
          "a NumPy bool transpose and affine=0")
    check(walsh.Projection(d, "f32", scale=np.float32(0.5))._spec.scale
          == 0.5, "a NumPy scalar scale")
    # An eps without a norm goes unused: refused, as `walsh run --eps`
    # (until 2026-12-07 taken).
    expect_error(lambda: walsh.Projection(d, "f32", eps=1e-5),
                 "eps: the norm's epsilon; give norm='rms' or 'layer' with it",
                 "eps without a norm")
    check(repr(walsh.Projection(d, "f32", norm="rms", eps=None)) ==
          f"walsh.Projection({d}, 'f32', norm='rms')",
          "eps=None: the norm's default")
    expect_error(lambda: walsh.Projection(d, "f32", norm="rms", eps=0.0),
                 "eps: expects a finite number > 0, got 0",
                 "eps 0")
    # (Named as Python's arguments, None for C's NULL, since 2026-12-06;
    # the number in the fewest digits that read back, "-0.000000" before.)
    expect_error(lambda: walsh.Projection(d, "f32", norm="rms", eps=-1e-9),
                 "eps: expects a finite number > 0, got -1e-09", "eps -1e-9")
    expect_error(lambda: walsh.Projection(d, "f32", scale=float("inf")),
                 "scale: expects a finite number, got inf", "an infinite scale")
    # x in another type than the Projection's, with no out given: named as
    # x's type (not as the output's type NumPy cannot make).
    expect_error(lambda: walsh.Projection(d)(x),
                 "x: expects dtype bfloat16 as the Projection was made for, "
                 "got float32", "a float32 x to a bf16 Projection")
    check("outproj" in q.stage("asm", "cpu"), "the asm stage")
    expect_error(lambda: q.stage("asm", "gpu"),
                 "target: expects cpu or cuda, got gpu", "an unknown target")
    # Until 2026-12-06 AttributeError, TypeError, a name cut at its NUL and
    # "shape.seq: expects at least 1, got 0".
    expect_error(lambda: q.stage(5, "cpu"),
                 "stage: expects a stage name, got 5", "a stage that is 5")
    expect_error(lambda: q.stage("as\0m", "cpu"),
                 "stage: expects a stage name, got 'as\\x00m'",
                 "a stage name with a NUL")
    expect_error(lambda: q.kernel(["cpu"]),
                 "target: expects cpu or cuda, got ['cpu']", "a list target")
    expect_error(lambda: q.kernel("cpu", 2**70),
                 f"rows: expects at most 2**62, got {2**70}",
                 "rows past int64's buckets")
    expect_error(lambda: walsh.Projection(512, "f64"),
                 "dtype: expects f32, f16 or bf16, got f64", "an f64 spec")
    # The fused epilogue: h = residual + y into y, its RMSNorm or LayerNorm
    # into normed; in place over the residual; an output cast.
    d = 1024
    x = rng.standard_normal((21, d)).astype(np.float32)
    a = (0.5 + rng.random(d)).astype(np.float32)
    b = rng.standard_normal(d).astype(np.float32)
    res = rng.standard_normal((21, d)).astype(np.float32)
    w = (0.5 + rng.random(d)).astype(np.float32)
    beta = rng.standard_normal(d).astype(np.float32)
    h = reference(np, x, a, b, d) + res.astype(np.float64)
    rms = h / np.sqrt(np.mean(h * h, axis=1, keepdims=True) + 1e-6) * w
    centred = h - np.mean(h, axis=1, keepdims=True)
    layer = centred / np.sqrt(np.mean(centred * centred, axis=1,
                                      keepdims=True) + 1e-5) * w + beta
    p = walsh.Projection(d, "f32", residual=True, norm="rms")
    y, n = p(x, a, b, residual=res, norm_weight=w)
    check(rel_error(np, y, h) <= 1e-6 and rel_error(np, n, rms) <= 1e-5,
          f"residual + RMSNorm: h {rel_error(np, y, h):.2e}, n "
          f"{rel_error(np, n, rms):.2e}")
    inplace = res.copy()
    p(x, a, b, out=inplace, residual=inplace, norm_weight=w)
    check(rel_error(np, inplace, h) <= 1e-6,
          "the residual stream updated in place")
    p = walsh.Projection(d, "f32", norm="layer", eps=1e-5, residual=True)
    y, n = p(x, a, b, residual=res, norm_weight=w, norm_bias=beta)
    check(rel_error(np, n, layer) <= 1e-5,
          f"residual + LayerNorm: n {rel_error(np, n, layer):.2e}")
    expect_error(lambda: p(x, a, b, residual=res, norm_weight=w),
                 "norm_bias: expects a tensor, got None",
                 "LayerNorm without its bias")
    # Overlaps name the outputs by this binding's names, in the text too
    # (until 2026-12-06 "rows of y are written", "overlaps y").
    rows = np.zeros((22, d), np.float32)
    rows[21] = a
    expect_error(lambda: p(x, rows[21], b, out=rows[1:], residual=res,
                           norm_weight=w, norm_bias=beta),
                 "out: overlaps a (every row reads a while rows of out are "
                 "written: they need memory apart)", "a inside out")
    expect_error(lambda: p(x, a, b, out=rows[:21], residual=res,
                           norm_weight=w, norm_bias=beta, normed=rows[1:]),
                 "normed: overlaps out (the normalised rows need a buffer of "
                 "their own)", "normed over out")
    cast = walsh.Projection(d, "f32", out_dtype="f16")
    y16 = cast(x, a, b)
    check(y16.dtype == np.float16 and
          rel_error(np, y16, reference(np, x, a, b, d)) <= 1e-3,
          "an f16 output cast from f32")
    expect_error(lambda: walsh.Projection(d, "f32", norm="batch"),
                 "norm: expects None, rms or layer, got batch", "norm=batch")
    # Threads sharing one Projection: one compile, every result right.
    import threading
    shared = walsh.Projection(2048, "f32")
    xs = [rng.standard_normal((9, 2048)).astype(np.float32) for _ in range(8)]
    ys = [None] * 8

    def work(i):
        ys[i] = shared(xs[i], np.ones(2048, np.float32),
                       np.zeros(2048, np.float32))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    worst = max(rel_error(np, ys[i], reference(np, xs[i], None, None, 2048))
                for i in range(8))
    check(worst <= 1e-6, f"eight threads on one Projection: relative error "
          f"{worst:.2e}")
    # One handle under two buckets (as benchmarks/python_decode_buckets.py
    # held the bulk kernel until 2026-12-05): destroyed once, not a double
    # free that aborts the process.
    twice = walsh.Projection(256, "f32")
    twice._kernels[("cpu", 1)] = twice.kernel("cpu")
    del twice
    check(True, "a handle held twice destroyed once")
    copy_checks(np, rng)
    tuning_checks(np, rng)


def copy_checks(np, rng):
    """copy.copy, copy.deepcopy and pickle of a Projection (a model that
    holds one, copied for an EMA or a second replica): the same spec with
    handles of its own. Until 2026-12-06 copy.copy shared the handles and
    the process aborted on a double free when both were gone; deepcopy
    and pickle raised ctypes' ValueError."""
    import copy
    import gc
    import pickle
    d = 512
    p = walsh.Projection(d, "f32", residual=True, norm="rms", eps=1e-5,
                         scale=0.25)
    x = rng.standard_normal((5, d)).astype(np.float32)
    a = (0.5 + rng.random(d)).astype(np.float32)
    b = rng.standard_normal(d).astype(np.float32)
    res = rng.standard_normal((5, d)).astype(np.float32)
    w = (0.5 + rng.random(d)).astype(np.float32)
    want = p(x, a, b, residual=res, norm_weight=w)
    for how, make in (("copy.copy", copy.copy),
                      ("copy.deepcopy", copy.deepcopy),
                      ("pickle", lambda q: pickle.loads(pickle.dumps(q)))):
        q = make(p)
        got = q(x, a, b, residual=res, norm_weight=w)
        check(all(np.array_equal(g, w_) for g, w_ in zip(got, want)),
              f"{how} of a Projection gives its outputs")
        mine = {h.value for h in q._kernels.values()}
        check(mine and mine.isdisjoint(h.value for h in p._kernels.values()),
              f"{how} of a Projection has kernel handles of its own")
        del q
        gc.collect()
    again = p(x, a, b, residual=res, norm_weight=w)
    check(all(np.array_equal(g, w_) for g, w_ in zip(again, want)),
          "a Projection runs on after its copies are gone")


def tuning_checks(np, rng):
    """Kernels per power-of-two bucket of rows, configured from the tuning
    database: an entry `walsh tune` measured (as 2 heads of 32) is found for
    the spec at any row count; without rows, or for an untuned spec, walsh's
    default. The walsh tool is WALSH_TOOL, else bin/walsh beside the
    library's lib/."""
    import subprocess
    import tempfile
    lib = walsh.library()._name
    tool = os.environ.get("WALSH_TOOL") or os.path.join(
        os.path.dirname(os.path.abspath(lib)), "..", "bin", "walsh")
    if not os.path.exists(tool):
        check(False, f"the walsh tool at {tool} (set WALSH_TOOL)")
        return
    saved = os.environ.get("WALSH_CACHE_DIR")
    with tempfile.TemporaryDirectory() as cache:
        tuned = subprocess.run(
            [tool, "tune", "--target", "cpu", "--dtype", "f32", "--batch",
             "1", "--seq", "16", "--heads", "2", "--head-dim", "32",
             "--threads", "1"], env=dict(os.environ, WALSH_CACHE_DIR=cache),
            capture_output=True, text=True)
        check(tuned.returncode == 0, "walsh tune d = 64 at 16 rows" + (
            "" if tuned.returncode == 0 else f": {tuned.stderr[-300:]}"))
        os.environ["WALSH_CACHE_DIR"] = cache
        try:
            p = walsh.Projection(64, "f32")
            x = rng.standard_normal((16, 64)).astype(np.float32)
            a = (0.5 + rng.random(64)).astype(np.float32)
            b = rng.standard_normal(64).astype(np.float32)
            y = np.full_like(x, np.nan)
            p(x, a, b, out=y)
            err = rel_error(np, y, reference(np, x, a, b, 64))
            check(err <= 1e-6, f"d = 64 on the tuned configuration: relative "
                  f"error {err:.2e}")
            check(p.config_source("cpu", 16) == "db-nearest",
                  "16 rows: the entry tuned as 2 x 32 "
                  f"({p.config_source('cpu', 16)})")
            check(p.config_source("cpu", 1000) == "db-nearest",
                  f"1000 rows: the nearest ({p.config_source('cpu', 1000)})")
            check(p.config_source("cpu") == "default",
                  f"rows unknown: the default ({p.config_source('cpu')})")
            other = walsh.Projection(128, "f32")
            check(other.config_source("cpu", 16) == "default",
                  "an untuned spec: the default "
                  f"({other.config_source('cpu', 16)})")
            # Tuning from Python: a bucket with no entry of the spec at its
            # rows is measured now and saved (128 rows: tuned, then found
            # exactly by another Projection); 16 rows, tuned as 2 x 32, is
            # no miss.
            t = walsh.Projection(64, "f32")
            check(t.tune("cpu", 100) == "tuned", "tune at 100 rows: measured")
            y = np.full((100, 64), np.nan, np.float32)
            xs = rng.standard_normal((100, 64)).astype(np.float32)
            t(xs, a, b, out=y)
            err = rel_error(np, y, reference(np, xs, a, b, 64))
            check(err <= 1e-6, f"the tuned kernel: relative error {err:.2e}")
            again = walsh.Projection(64, "f32")
            check(again.config_source("cpu", 128) == "db-exact",
                  "what tune() saved, found by another Projection "
                  f"({again.config_source('cpu', 128)})")
            check(t.tune("cpu", 16) == "db-nearest",
                  "tune at 16 rows: the entry tuned as 2 x 32")
            expect_error(lambda: t.tune("cpu", None),
                         "rows: expects a count >= 0, got None",
                         "tune without rows")
            expect_error(lambda: p.kernel("cpu", -1),
                         "rows: expects a count >= 0, got -1",
                         "a negative row count")
            expect_error(lambda: p.kernel("cpu", 2.5),
                         "rows: expects a count >= 0, got 2.5",
                         "a fractional row count")
            expect_error(lambda: p.kernel("cpu", False),
                         "rows: expects a count >= 0, got False",
                         "a bool row count")
            os.environ["WALSH_CACHE_DIR"] = "none"
            expect_error(lambda: walsh.Projection(64, "f32").tune("cpu", 8),
                         "tune: no tuning database to keep the measurement "
                         "in (WALSH_CACHE_DIR is none)",
                         "tune without a cache directory")
            # Nor where nothing names one (it said "WALSH_CACHE_DIR is
            # none" there too until 2026-12-06).
            home = {k: os.environ.pop(k, None)
                    for k in ("WALSH_CACHE_DIR", "XDG_CACHE_HOME", "HOME")}
            try:
                expect_error(lambda: walsh.Projection(64, "f32").tune("cpu",
                                                                      8),
                             "tune: no tuning database to keep the "
                             "measurement in (WALSH_CACHE_DIR, an absolute "
                             "XDG_CACHE_HOME and HOME are all unset or "
                             "empty)", "tune with no directory named")
            finally:
                for k, v in home.items():
                    if v is not None:
                        os.environ[k] = v
            os.environ["WALSH_CACHE_DIR"] = "none"
            # An error naming a path that is not UTF-8 (a Unix path is
            # bytes) is still WalshError, the byte as \xff (it was a
            # UnicodeDecodeError before 2026-12-06).
            odd = os.path.join(os.fsencode(cache), b"odd\xff")
            os.environb[b"WALSH_CACHE_DIR"] = odd
            walsh.Projection(64, "f32").tune("cpu", 8)
            tuning = os.path.join(odd, b"tuning")
            for name in os.listdir(tuning):
                if name.endswith(b".json"):
                    with open(os.path.join(tuning, name), "w") as f:
                        f.write("{")
            try:
                walsh.Projection(64, "f32").tune("cpu", 8)
                check(False, "a corrupt database under odd\\xff: no error")
            except walsh.WalshError as e:
                check("odd\\xff/tuning/" in str(e) and
                      "not a tuning database" in str(e),
                      f"an error naming bytes: '{e}'")
        finally:
            if saved is None:
                del os.environ["WALSH_CACHE_DIR"]
            else:
                os.environ["WALSH_CACHE_DIR"] = saved


def graph_replay_error(torch, np, p, x, a, b, want_of):
    """p on x's shape captured once in a CUDA graph (after a warm-up call on
    a side stream, which compiles the rows' kernel), replayed on fresh rows
    into a poisoned output: its relative error against want_of."""
    static_x = x.clone()
    static_y = torch.empty_like(x)
    warm = torch.cuda.Stream()
    warm.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(warm):
        p(static_x, a, b, out=static_y)
    torch.cuda.current_stream().wait_stream(warm)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        p(static_x, a, b, out=static_y)
    fresh = torch.randn_like(x)
    static_x.copy_(fresh)
    static_y.fill_(float("nan"))
    graph.replay()
    torch.cuda.synchronize()
    return rel_error(np, static_y.float().cpu().numpy(), want_of(fresh))


def dtype_checks(torch, np, device, sizes, lead, tols):
    """A Projection of each dtype in `tols` (its tolerance) and d in
    `sizes` on `device`: x of shape lead + [d], out poisoned with NaN,
    against float64."""
    types = {"f32": torch.float32, "f16": torch.float16, "bf16": torch.bfloat16}
    for dtype, tol in tols.items():
        for d in sizes:
            p = walsh.Projection(d, dtype)
            x = torch.randn(*lead, d, device=device).to(types[dtype])
            a = (0.5 + torch.rand(d, device=device)).to(types[dtype])
            b = torch.randn(d, device=device).to(types[dtype])
            y = torch.full_like(x, float("nan"))
            p(x, a, b, out=y)
            rows = x.double().reshape(-1, d).cpu().numpy()
            a64, b64 = a.double().cpu().numpy(), b.double().cpu().numpy()
            if d & (d - 1) == 0:
                want = reference(np, rows, a64, b64, d)
            else:  # (reference() is Sylvester's: H from the f32 CPU
                # kernel on the identity, as for 768 = 12 x 64.)
                m = walsh.Projection(d, "f32", affine=False)(
                    np.eye(d, dtype=np.float32)).astype(np.float64)
                want = (rows @ m) * a64 + b64
            err = rel_error(np, y.float().reshape(-1, d).cpu().numpy(), want)
            check(err <= tol and y.dtype == types[dtype],
                  f"{device} {dtype} d={d} [{', '.join(map(str, lead))}, d]: "
                  f"relative error {err:.2e}")


def torch_checks():
    try:
        import torch
    except ImportError as e:
        print(f"skipped: no PyTorch ({e})")
        sys.exit(77)
    if not torch.cuda.is_available():
        print("skipped: PyTorch sees no CUDA device")
        sys.exit(77)
    import numpy as np
    torch.manual_seed(int(os.environ.get("WALSH_TEST_SEED", "7")))
    devices = range(torch.cuda.device_count())
    print(f"devices: {[torch.cuda.get_device_name(i) for i in devices]}")
    for dev in devices:
        dtype_checks(torch, np, f"cuda:{dev}", (256, 1024, 4096), (257,),
                     {"bf16": 1e-2, "f16": 1e-2, "f32": 1e-5})
    if len(devices) < 2:
        print("note: one CUDA device; another device's launch is tested "
              "against the stand-in driver only")
    # A model holding a Projection, deep-copied (an EMA) and saved whole
    # with torch.save: copies of their own, the same outputs on CUDA.
    import copy
    import io
    model = torch.nn.Module()
    model.proj = walsh.Projection(1024, "bf16")
    x = torch.randn(33, 1024, device="cuda").bfloat16()
    a = (0.5 + torch.rand(1024, device="cuda")).bfloat16()
    b = torch.randn(1024, device="cuda").bfloat16()
    want = model.proj(x, a, b)
    twin = copy.deepcopy(model)
    saved = io.BytesIO()
    torch.save(model, saved)
    saved.seek(0)
    loaded = torch.load(saved, weights_only=False)
    del model
    for how, m in (("deepcopy", twin), ("torch.save and load", loaded)):
        check(torch.equal(m.proj(x, a, b), want),
              f"a module's Projection through {how} on CUDA")
    d = 4096
    p = walsh.Projection(d, "bf16")
    x = torch.randn(1024, d, device="cuda").bfloat16()
    a = (0.5 + torch.rand(d, device="cuda")).bfloat16()
    b = torch.randn(d, device="cuda").bfloat16()

    def want_of(x):
        return reference(np, x.float().cpu().numpy(), a.float().cpu().numpy(),
                         b.float().cpu().numpy(), d)

    # A side stream: walsh launches on PyTorch's current stream.
    side = torch.cuda.Stream()
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):
        y = torch.full_like(x, float("nan"))
        p(x, a, b, out=y)
        y2 = y * 1  # ordered after walsh on the side stream
    side.synchronize()
    err = rel_error(np, y2.float().cpu().numpy(), want_of(x))
    check(err <= 1e-2, f"on a side stream: relative error {err:.2e}")
    # A CUDA graph: captured once, replayed on new inputs.
    err = graph_replay_error(torch, np, p, x, a, b, want_of)
    check(err <= 1e-2, f"a CUDA graph's replay: relative error {err:.2e}")
    # [batch, seq, d] as rows, the output in x's shape; every other token
    # of a longer sequence (a strided view, one run of rows).
    x3 = x.view(4, 256, d)
    y3 = p(x3, a, b)
    err = rel_error(np, y3.reshape(-1, d).float().cpu().numpy(), want_of(x))
    check(y3.shape == x3.shape and err <= 1e-2,
          f"[4, 256, {d}] as rows: shape {tuple(y3.shape)}, relative error "
          f"{err:.2e}")
    alternate = x3[:, ::2]
    got = p(alternate, a, b).reshape(-1, d)
    err = rel_error(np, got.float().cpu().numpy(),
                    want_of(alternate.reshape(-1, d)))
    check(err <= 1e-2, f"every other row of [4, 256, {d}]: relative error "
          f"{err:.2e}")
    # Errors, each naming the argument.
    expect_error(lambda: p(x, a.cpu(), b),
                 "a: expects a tensor on the CUDA device (kDLCUDA), got "
                 "device type 1", "a on the CPU")
    expect_error(lambda: p(x.half(), a, b),
                 "x: expects dtype bfloat16 as the Projection was made for, "
                 "got float16", "an f16 x for a bf16 kernel")
    expect_error(lambda: p(x.half(), a, b, out=torch.empty_like(x)),
                 "x: expects dtype bfloat16 as the kernel was compiled for, "
                 "got float16", "an f16 x for a bf16 kernel, out given")
    expect_error(lambda: p(x[:, ::2], a[::2], b[::2]),
                 "x: expects shape [..., 4096] (rows in any leading "
                 "dimensions), got ndim 2 with last dimension 2048",
                 "every other column")
    check(".entry" in p.stage("ptx"), "the ptx stage")
    # SASS on request (cuobjdump or nvdisasm), or the machine's lack said.
    try:
        check("Function" in p.stage("sass"), "the sass stage")
    except walsh.WalshError as e:
        check(str(e).startswith(("SASS needs cuobjdump or nvdisasm",
                                 "no cubin:")), f"the sass stage: '{e}'")
    # Decode rows take the kernel walsh chooses for them (d = 8192: a
    # cluster of blocks a row), not the bulk one; each checked, and one
    # captured in a CUDA graph and replayed on new rows.
    dec = walsh.Projection(8192, "bf16")
    a8 = (0.5 + torch.rand(8192, device="cuda")).bfloat16()
    b8 = torch.randn(8192, device="cuda").bfloat16()
    check(dec.stage("ptx", "cuda", 16) != dec.stage("ptx", "cuda"),
          "16 rows of d = 8192: another kernel than the bulk rows'")
    check(dec.config_source("cuda", 16) == "default",
          f"no database: the default ({dec.config_source('cuda', 16)})")

    def want8(x):
        return reference(np, x.float().cpu().numpy(),
                         a8.float().cpu().numpy(), b8.float().cpu().numpy(),
                         8192)
    for rows in (1, 16, 300):
        x8 = torch.randn(rows, 8192, device="cuda").bfloat16()
        y8 = torch.full_like(x8, float("nan"))
        dec(x8, a8, b8, out=y8)
        err = rel_error(np, y8.float().cpu().numpy(), want8(x8))
        check(err <= 1e-2, f"bf16 d=8192 {rows} rows: relative error "
              f"{err:.2e}")
    err = graph_replay_error(
        torch, np, dec, torch.randn(16, 8192, device="cuda").bfloat16(), a8,
        b8, want8)
    check(err <= 1e-2, f"16 decode rows in a CUDA graph: relative error "
          f"{err:.2e}")
    # The fused epilogue on the GPU: bf16 residual + RMSNorm.
    fused = walsh.Projection(d, "bf16", residual=True, norm="rms")
    res = torch.randn_like(x)
    w = (0.5 + torch.rand(d, device="cuda")).bfloat16()
    y, n = fused(x, a, b, residual=res, norm_weight=w)
    h = want_of(x) + res.float().cpu().numpy()
    rms = h / np.sqrt(np.mean(h * h, axis=1, keepdims=True) + 1e-6) * \
        w.float().cpu().numpy()
    err_h = rel_error(np, y.float().cpu().numpy(), h)
    err_n = rel_error(np, n.float().cpu().numpy(), rms)
    check(err_h <= 1e-2 and err_n <= 1e-2,
          f"bf16 residual + RMSNorm: h {err_h:.2e}, n {err_n:.2e}")
    autograd_checks(torch, np)


def torch_cpu_checks():
    """PyTorch's CPU tensors: Projection in each dtype against float64,
    walsh.outproj's values and gradients, OutputProjection, a module
    holding a Projection deep-copied (what CI can check of the PyTorch
    binding without a GPU)."""
    try:
        import torch
    except ImportError:
        print("skipped: no PyTorch (Debian's python3-torch)")
        sys.exit(77)
    import copy
    import numpy as np
    print(f"PyTorch {torch.__version__}")
    torch.manual_seed(int(os.environ.get("WALSH_TEST_SEED", "7")))
    dtype_checks(torch, np, "cpu", (256, 768, 4096), (2, 33),
                 {"f32": 1e-6, "f16": 1e-2, "bf16": 1e-2})
    expect_error(lambda: walsh.Projection(256, "f32")(
                     torch.zeros(4, 256), torch.ones(256, dtype=torch.float64),
                     torch.zeros(256)),
                 "a: expects float32, float16 or bfloat16, got torch.float64",
                 "a float64 a")
    # PyTorch's allocator refuses the output for an expanded x of 2**40
    # rows with a RuntimeError: refused naming out (until 2026-12-07 that
    # RuntimeError itself).
    expect_unmade(lambda: walsh.Projection(256, "f32")(
                      torch.zeros(256).expand(2**40, 256), torch.ones(256),
                      torch.zeros(256)),
                  256, "RuntimeError", "an output for 2**40 expanded rows")
    # A Projection call is not recorded by autograd: a tensor that requires
    # grad is refused with grad mode on, as PyTorch's out= operators refuse
    # it (it ran, its gradients silently missing, until 2026-12-06); under
    # torch.no_grad() it runs.
    p = walsh.Projection(256, "f32")
    x = torch.randn(4, 256)
    w = torch.ones(256, requires_grad=True)
    expect_error(lambda: p(x, w, torch.zeros(256)),
                 "a: requires grad, and a Projection call is not recorded by "
                 "autograd; use walsh.outproj (which is), or call it under "
                 "torch.no_grad()", "a Projection call on a leaf needing grad")
    expect_error(lambda: p(x.clone().requires_grad_(), w.detach(),
                           torch.zeros(256)),
                 "x: requires grad, and a Projection call is not recorded by "
                 "autograd; use walsh.outproj (which is), or call it under "
                 "torch.no_grad()", "a Projection call on x needing grad")
    with torch.no_grad():
        check(torch.equal(p(x, w, torch.zeros(256)),
                          p(x, w.detach(), torch.zeros(256))),
              "a Projection call under torch.no_grad() on a leaf needing grad")
    # A sparse tensor has no data pointer (PyTorch's RuntimeError until
    # 2026-12-06), a meta tensor no data ("has a NULL data pointer").
    expect_error(lambda: p(torch.zeros(4, 256).to_sparse(), w.detach(),
                           torch.zeros(256)),
                 "x: expects a dense (strided) tensor, got layout "
                 "torch.sparse_coo", "a sparse x")
    expect_error(lambda: p(torch.empty(4, 256, device="meta"), w.detach(),
                           torch.zeros(256)),
                 "x: expects a tensor on the CPU or a CUDA device, got meta",
                 "a meta x")
    # Zero rows from NumPy: PyTorch gives the empty tensor strides (0, 0),
    # which the C API refused until 2026-12-06 (zero rows is a no-op).
    empty = torch.from_numpy(np.zeros((0, 256), np.float32))
    check(p(empty, w.detach(), torch.zeros(256)).shape == (0, 256),
          f"zero rows of strides {empty.stride()}")
    # Zero rows through the fused epilogue: PyTorch's empty tensors have no
    # data pointer ("residual: ... got null" until 2026-12-06).
    f = walsh.Projection(256, "f32", residual=True, norm="layer")
    h, n = f(torch.zeros(0, 256), w.detach(), torch.zeros(256),
             residual=torch.zeros(0, 256), norm_weight=torch.ones(256),
             norm_bias=torch.zeros(256))
    check(h.shape == n.shape == (0, 256), "zero rows, fused")
    # A torch dtype names the type (refused until 2026-12-06).
    check(walsh.Projection(256, torch.bfloat16, out_dtype=torch.float32)
          .out_dtype == "f32", "a Projection of torch dtypes")
    expect_error(lambda: walsh.Projection(256, torch.float64),
                 "dtype: expects f32, f16 or bf16, got torch.float64",
                 "a torch.float64 Projection")
    model = torch.nn.Module()
    model.proj = walsh.Projection(512, "bf16")
    x = torch.randn(9, 512).bfloat16()
    a, b = torch.ones(512).bfloat16(), torch.zeros(512).bfloat16()
    twin = copy.deepcopy(model)
    check(torch.equal(twin.proj(x, a, b), model.proj(x, a, b)),
          "a module's Projection through deepcopy on the CPU")
    autograd_checks(torch, np, "cpu")


def autograd_checks(torch, np, dev="cuda"):
    """walsh.outproj's values and gradients against float64 autograd through
    the dense product a * (x M^T) + b, M = H_d / sqrt(d) (from reference on
    the identity), on the same rounded inputs; OutputProjection over three
    dimensions; torch.compile without a graph break. On `dev` ("cuda" or
    "cpu"); the registered operator and torch.compile where this PyTorch
    has torch.library.custom_op (2.4 on), the CUDA graph on CUDA."""
    registered = hasattr(torch.library, "custom_op")
    if not registered:
        print(f"note: PyTorch {torch.__version__} has no "
              "torch.library.custom_op: walsh.outproj is its eager "
              "autograd.Function alone here; the operator and torch.compile "
              "are checked where PyTorch has it (the device runs)")
    d = 256
    m64 = torch.tensor(reference(np, np.eye(d), None, None, d),
                       device=dev)

    def rel(got, want):
        got = got.double()
        if not torch.isfinite(got).all():
            return float("inf")
        return float((got - want).abs().max() / want.abs().max())

    for dtype, tol in (("f32", 1e-5), ("bf16", 2e-2), ("f16", 1e-2)):
        t = {"f32": torch.float32, "f16": torch.float16,
             "bf16": torch.bfloat16}[dtype]
        x = torch.randn(3, 40, d, device=dev).to(t)
        a = (0.5 + torch.rand(d, device=dev)).to(t)
        b = torch.randn(d, device=dev).to(t)
        g = torch.randn(3, 40, d, device=dev).to(t)
        xr, ar, br = (v.double().requires_grad_() for v in (x, a, b))
        yr = ar * (xr @ m64.T) + br
        (yr * g.double()).sum().backward()
        xw, aw, bw = (v.clone().requires_grad_() for v in (x, a, b))
        yw = walsh.outproj(xw, aw, bw)
        yw.backward(g)
        errs = [rel(yw.detach(), yr.detach()), rel(xw.grad, xr.grad),
                rel(aw.grad, ar.grad), rel(bw.grad, br.grad)]
        check(all(e <= tol for e in errs) and yw.dtype == t,
              f"outproj {dtype} [3, 40, {d}]: y, dx, da, db relative errors "
              + ", ".join(f"{e:.2e}" for e in errs))
        # The registered operator (what torch.compile records) called
        # directly: its own autograd, the same values as the eager path.
        if registered:
            xo, ao, bo = (v.clone().requires_grad_() for v in (x, a, b))
            yo = torch.ops.walsh.outproj(xo, ao, bo, False,
                                         1.0 / math.sqrt(d))
            yo.backward(g)
            same = all(torch.equal(u, v) for u, v in (
                (yo, yw), (xo.grad, xw.grad), (ao.grad, aw.grad),
                (bo.grad, bw.grad)))
            check(same, f"torch.ops.walsh.outproj {dtype}: y, dx, da, db "
                  "equal to walsh.outproj's")
        # Only some inputs wanting a gradient (a frozen a and b; a frozen
        # x): those gradients as above, the others None, both paths.
        # Each costs one kernel call forward and one back (dx, or the
        # transform da needs), where all three wanting one cost two back.
        kernel_calls = []
        plain_call = walsh.Projection._launch

        def counted(self, *args, **kwargs):
            kernel_calls.append(1)
            return plain_call(self, *args, **kwargs)

        paths = [walsh.outproj]
        if registered:
            paths.append(lambda *v: torch.ops.walsh.outproj(
                *v, False, 1.0 / math.sqrt(d)))
        for f in paths:
            walsh.Projection._launch = counted
            try:
                kernel_calls.clear()
                xf, af, bf = x.clone().requires_grad_(), a.clone(), b.clone()
                f(xf, af, bf).backward(g)
                x_alone = len(kernel_calls)
                kernel_calls.clear()
                xs, as_, bs = x.clone(), a.clone().requires_grad_(), \
                    b.clone().requires_grad_()
                f(xs, as_, bs).backward(g)
                ab_alone = len(kernel_calls)
            finally:
                walsh.Projection._launch = plain_call
            check(torch.equal(xf.grad, xw.grad) and af.grad is None
                  and torch.equal(as_.grad, aw.grad)
                  and torch.equal(bs.grad, bw.grad) and xs.grad is None
                  and x_alone == 2 and ab_alone == 2,
                  f"outproj {dtype}: x alone, then a and b alone, wanting "
                  f"gradients ({x_alone} and {ab_alone} kernel calls)")
        # No affine: dx only.
        xn = x.clone().requires_grad_()
        walsh.outproj(xn).backward(g)
        xr2 = x.double().requires_grad_()
        ((xr2 @ m64.T) * g.double()).sum().backward()
        err = rel(xn.grad, xr2.grad)
        check(err <= tol, f"outproj {dtype} without a and b: dx {err:.2e}")
    # A dense factor (768 = 12 x 64, H_12 not symmetric): dx takes H^T,
    # and transpose=True takes H^T forward and H back. M from the CPU
    # kernel on the identity: row i is H e_i / sqrt(d), so y = x M.
    n = 768
    eye = np.eye(n, dtype=np.float32)
    mt = torch.tensor(walsh.Projection(n, "f32", affine=False)(eye),
                      device=dev, dtype=torch.float64)
    check(float((mt - mt.T).abs().max()) > 1.0 / math.sqrt(n),
          "H_768 is not symmetric")
    x = torch.randn(50, n, device=dev)
    g = torch.randn(50, n, device=dev)
    for transpose, mat in ((False, mt), (True, mt.T)):
        xw = x.clone().requires_grad_()
        yw = walsh.outproj(xw, transpose=transpose)
        yw.backward(g)
        errs = [rel(yw.detach(), x.double() @ mat),
                rel(xw.grad, g.double() @ mat.T)]
        check(all(e <= 1e-5 for e in errs),
              f"outproj f32 d={n} transpose={transpose}: y, dx "
              + ", ".join(f"{e:.2e}" for e in errs))
    # The module: a drop-in for nn.Linear(d, d), 2 d parameters.
    out = walsh.OutputProjection(d, dtype=torch.float32, device=dev)
    check(sum(p.numel() for p in out.parameters()) == 2 * d
          and isinstance(out, torch.nn.Module),
          f"OutputProjection({d}): {2 * d} parameters, a torch.nn.Module")
    x = torch.randn(2, 8, d, device=dev)
    err = rel(out(x).detach(), x.double() @ m64.T)
    check(err <= 1e-5, f"OutputProjection at its initial a, b: {err:.2e}")
    with torch.no_grad():
        out.a.uniform_(0.5, 1.5)
        out.b.normal_()
    expect_error(lambda: walsh.outproj(x, out.a.detach(), None),
                 "a, b: expects both (the affine) or neither",
                 "outproj with a and no b")
    expect_error(lambda: walsh.outproj(x.double()),
                 "x: expects float32, float16 or bfloat16, got torch.float64",
                 "outproj of float64")
    # (Python's AttributeError and IndexError until 2026-12-06.)
    expect_error(lambda: walsh.outproj(x.tolist()),
                 "x: expects a torch tensor, got list", "outproj of a list")
    expect_error(lambda: walsh.outproj(x, out.a, [0.0] * d),
                 "b: expects a torch tensor, got list", "outproj, b a list")
    expect_error(lambda: walsh.outproj(x[0, 0, 0]),
                 "x: expects at least one dimension (rows of d), got a 0-d "
                 "tensor", "outproj of a 0-d tensor")
    expect_error(lambda: walsh.outproj(x, transpose="no"),
                 "transpose: expects True or False, got 'no'",
                 "outproj with transpose='no'")
    expect_error(lambda: walsh.OutputProjection(256.5),
                 "d: expects an integer, got 256.5", "OutputProjection(256.5)")
    expect_error(lambda: walsh.OutputProjection(256, scale="0.5"),
                 "scale: expects a real number, got '0.5'",
                 "OutputProjection(scale='0.5')")
    if not registered:
        return
    # torch.compile: one graph (fullgraph), forward and backward alike.
    compiled = torch.compile(out, backend="aot_eager", fullgraph=True)
    xc = x.clone().requires_grad_()
    yc = compiled(xc)
    yc.sum().backward()
    grads_c = (xc.grad.clone(), out.a.grad.clone(), out.b.grad.clone())
    out.zero_grad()
    xe = x.clone().requires_grad_()
    ye = out(xe)
    ye.sum().backward()
    errs = [rel(yc.detach(), ye.detach().double()),
            rel(grads_c[0], xe.grad.double()),
            rel(grads_c[1], out.a.grad.double()),
            rel(grads_c[2], out.b.grad.double())]
    check(all(e <= 1e-6 for e in errs),
          "torch.compile(fullgraph=True): y and grads as eager, "
          + ", ".join(f"{e:.1e}" for e in errs))
    if dev != "cuda":
        return
    # The module in a CUDA graph (forward, no grad), replayed on new rows.
    with torch.no_grad():
        static_x = torch.randn(2, 8, d, device=dev)
        warm = torch.cuda.Stream()
        warm.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(warm):
            out(static_x)
        torch.cuda.current_stream().wait_stream(warm)
        graph = torch.cuda.CUDAGraph()
        with torch.cuda.graph(graph):
            static_y = out(static_x)
        fresh = torch.randn_like(static_x)
        static_x.copy_(fresh)
        graph.replay()
        torch.cuda.synchronize()
        want = out.a.double() * (fresh.double() @ m64.T) + out.b.double()
        err = rel(static_y, want)
    check(err <= 1e-5, f"OutputProjection in a CUDA graph's replay: {err:.2e}")


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "numpy"
    {"numpy": numpy_checks, "torch": torch_checks,
     "torch-cpu": torch_cpu_checks}[mode]()
    print(f"{len(failures)} failed" if failures else "all passed")
    sys.exit(1 if failures else 0)
