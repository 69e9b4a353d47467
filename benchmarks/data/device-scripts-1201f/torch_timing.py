"""walsh through python/walsh.py against PyTorch's dense projection and a
copy, side by side in one process (device runs 232-234). bf16, 16384 rows:
CUDA events around 20 calls back to back (run234 on; one call each in
runs 232-233, which counted the binding's host time when it exceeded the
kernel's), the median of 7; and the binding's host time a call (decode
rows), beside torch.add's."""
import statistics
import time

import torch
import torch.nn.functional as F
import walsh


def cuda_time(fn, reps=7, calls=20):
    """Device time a call: events around `calls` calls back to back (the
    queue stays full where a call's host time is below its device time),
    the median of `reps`."""
    for _ in range(3):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(reps):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(
            enable_timing=True)
        start.record()
        for _ in range(calls):
            fn()
        end.record()
        end.synchronize()
        times.append(start.elapsed_time(end) * 1e3 / calls)
    return statistics.median(times)


print(f"{'d':>6} {'rows':>6} | {'walsh us':>9} {'copy us':>8} {'frac':>5} | "
      f"{'F.linear us':>11} {'speedup':>7}")
for d in (768, 4096, 16384):
    rows = 16384
    x = torch.randn(rows, d, device="cuda", dtype=torch.bfloat16)
    y = torch.empty_like(x)
    a = torch.rand(d, device="cuda", dtype=torch.bfloat16) + 0.5
    b = torch.randn(d, device="cuda", dtype=torch.bfloat16)
    w = torch.randn(d, d, device="cuda", dtype=torch.bfloat16) / d ** 0.5
    proj = walsh.Projection(d, "bf16")
    tw = cuda_time(lambda: proj(x, a, b, out=y))
    tc = cuda_time(lambda: y.copy_(x))
    tl = cuda_time(lambda: F.linear(x, w))
    print(f"{d:>6} {rows:>6} | {tw:>9.1f} {tc:>8.1f} {tc / tw:>5.2f} | "
          f"{tl:>11.1f} {tl / tw:>6.1f}x")
# Host time a call (16 rows of 4096): the binding's Python and ctypes work
# plus walsh's launch, against a trivial PyTorch operator's.
x = torch.randn(16, 4096, device="cuda", dtype=torch.bfloat16)
y = torch.empty_like(x)
a = torch.ones(4096, device="cuda", dtype=torch.bfloat16)
b = torch.zeros(4096, device="cuda", dtype=torch.bfloat16)
proj = walsh.Projection(4096, "bf16")
for name, fn in (("walsh binding", lambda: proj(x, a, b, out=y)),
                 ("torch.add(out=)", lambda: torch.add(x, x, out=y))):
    for _ in range(100):
        fn()
    torch.cuda.synchronize()
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(32):
            fn()
        t1 = time.perf_counter()
        torch.cuda.synchronize()
        best = min(best, (t1 - t0) / 32 * 1e6)
    print(f"host time a call, {name}: {best:.2f} us (best of 5 rounds of 32)")
# Where the binding's host time goes.
sx, sa, sb, sr, sw, sn, sy, so = walsh._thread_slots()
lib = walsh.library()
handle = proj.kernel("cuda")
ptrs = (sx.fill(x), sa.fill(a), sb.fill(b), None, None, None, sy.fill(y),
        None)
stream = walsh._raw_stream(x)
for name, fn in (("four DLTensors packed", lambda: (sx.fill(x), sa.fill(a),
                                                    sb.fill(b), sy.fill(y))),
                 ("the current stream", lambda: walsh._raw_stream(x)),
                 ("walsh_launch_fused through ctypes",
                  lambda: lib.walsh_launch_fused(handle, *ptrs, stream))):
    for _ in range(100):
        fn()
    torch.cuda.synchronize()
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(32):
            fn()
        t1 = time.perf_counter()
        torch.cuda.synchronize()
        best = min(best, (t1 - t0) / 32 * 1e6)
    print(f"  {name}: {best:.2f} us")
