#!/usr/bin/env python3
"""What the Python binding's rows buckets buy at decode rows (device run 488).

For bf16 d in 4096 ... 32768 and 1 and 16 rows: a Projection's call
captured 20 times in one CUDA graph and replayed, per call, with the
kernel the binding now chooses for those rows (walsh run's choice) and
with the bulk kernel it compiled before 2026-12-05 (rows unknown), side
by side in one process, each checked against a float64 reference first.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "python"))
import walsh  # noqa: E402


def per_call_us(p, x, a, b, y, calls=20, replays=50):
    p(x, a, b, out=y)
    torch.cuda.synchronize()
    g = torch.cuda.CUDAGraph()
    with torch.cuda.graph(g):
        for _ in range(calls):
            p(x, a, b, out=y)
    g.replay()
    torch.cuda.synchronize()
    start, end = torch.cuda.Event(True), torch.cuda.Event(True)
    best = float("inf")
    for _ in range(5):
        start.record()
        for _ in range(replays):
            g.replay()
        end.record()
        end.synchronize()
        best = min(best, start.elapsed_time(end) * 1e3 / (replays * calls))
    return best


def main():
    print("d rows | chosen config_source us/call | bulk us/call | bulk/chosen")
    for d in (4096, 8192, 16384, 32768):
        for rows in (1, 16):
            x = torch.randn(rows, d, device="cuda").bfloat16()
            a = (0.5 + torch.rand(d, device="cuda")).bfloat16()
            b = torch.randn(d, device="cuda").bfloat16()
            want = a.double() * fwht(x.double()) / d ** 0.5 + b.double()
            chosen = walsh.Projection(d, "bf16")
            bulk = walsh.Projection(d, "bf16")
            # The binding before 2026-12-05: the bulk kernel at any rows
            # (a handle of its own: the Projection destroys each it holds).
            bulk._kernels[("cuda", walsh._rows_bucket(rows))] = \
                bulk._compile(("cuda", None), None)
            times = []
            for p in (chosen, bulk):
                y = torch.full_like(x, float("nan"))
                p(x, a, b, out=y)
                err = ((y.double() - want).abs().max() /
                       want.abs().max()).item()
                assert err < 1e-2, (d, rows, err)
                times.append(per_call_us(p, x, a, b, y))
            print(f"{d} {rows} | {chosen.config_source('cuda', rows)} "
                  f"{times[0]:.2f} | {times[1]:.2f} | "
                  f"{times[1] / times[0]:.2f}")


def fwht(x):
    """H_d x along the last dimension, Sylvester's natural order, in x's
    type (float64 here): the butterflies at strides 1, 2, 4, ..."""
    n = x.shape[-1]
    y, h = x.reshape(-1, n), 1
    while h < n:
        y = y.reshape(-1, n // (2 * h), 2, h)
        y = torch.stack((y[:, :, 0] + y[:, :, 1], y[:, :, 0] - y[:, :, 1]),
                        dim=2).reshape(-1, n)
        h *= 2
    return y


if __name__ == "__main__":
    main()
