# The paths walsh's fused kernels replace, in PyTorch on the same GPU: the
# head merge as PyTorch does it (transpose + contiguous copy), the division
# by softmax row sums, the split-KV combine in torch ops, the residual add and RMSNorm, and the dense
# projection (cuBLAS through torch.matmul). Bulk shapes are timed with CUDA
# events around single calls (median of 50 after warm-up); decode shapes
# with CUDA-graph replay (100 calls a graph, median of 20 replays, per
# call), like `walsh run`'s graph column.
#
#   python3 benchmarks/torch_baselines.py OUT.json
import json
import sys

import torch
import torch.nn.functional as F


def events(fn, iters=50):
    for _ in range(5):
        fn()
    torch.cuda.synchronize()
    ts = []
    for _ in range(iters):
        a = torch.cuda.Event(enable_timing=True)
        b = torch.cuda.Event(enable_timing=True)
        a.record()
        fn()
        b.record()
        b.synchronize()
        ts.append(a.elapsed_time(b) * 1e3)
    ts.sort()
    return ts[len(ts) // 2]


def graph(fn, calls=100, iters=20):
    s = torch.cuda.Stream()
    s.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(s):
        for _ in range(3):
            fn()
    torch.cuda.current_stream().wait_stream(s)
    torch.cuda.synchronize()
    g = torch.cuda.CUDAGraph()
    with torch.cuda.graph(g):
        for _ in range(calls):
            fn()
    ts = []
    for _ in range(iters):
        a = torch.cuda.Event(enable_timing=True)
        b = torch.cuda.Event(enable_timing=True)
        a.record()
        g.replay()
        b.record()
        b.synchronize()
        ts.append(a.elapsed_time(b) * 1e3 / calls)
    ts.sort()
    return ts[len(ts) // 2]


def combine(parts, lse, out):
    # parts [K, rows, heads, hd] bf16, lse [K, rows, heads] fp32.
    m = lse.amax(0)
    w = torch.exp(lse - m)
    w = w / w.sum(0)
    o = (parts.float() * w[..., None]).sum(0)
    out.copy_(o.reshape(out.shape))


def main():
    out = []
    dt = torch.bfloat16
    heads, hd = 32, 128
    d = heads * hd
    W = torch.randn(d, d, device="cuda", dtype=dt)
    w = torch.randn(d, device="cuda", dtype=dt)
    # Prefill, bhsd: batch 4 x seq 4096 = 16384 rows.
    batch, seq = 4, 4096
    rows = batch * seq
    x = torch.randn(batch, heads, seq, hd, device="cuda", dtype=dt)
    r = torch.randn(rows, d, device="cuda", dtype=dt)
    merged = torch.empty(rows, d, device="cuda", dtype=dt)
    y = torch.empty(rows, d, device="cuda", dtype=dt)

    def merge():
        merged.view(batch, seq, heads, hd).copy_(x.transpose(1, 2))

    rec = {"case": "bhsd", "batch": batch, "seq": seq, "heads": heads,
           "head_dim": hd, "rows": rows, "torch": torch.__version__,
           "device": torch.cuda.get_device_name(),
           "merge_us": events(merge),
           "matmul_us": events(lambda: torch.matmul(merged, W, out=y)),
           "add_us": events(lambda: torch.add(y, r, out=y)),
           "rms_norm_us": events(lambda: F.rms_norm(y, (d,), w, 1e-6)),
           "copy_us": events(lambda: y.copy_(merged))}
    out.append(rec)
    print(json.dumps(rec), flush=True)
    # Row sums: unnormalised accumulators divided by their softmax row sums
    # per head, as a separate op before the projection.
    acc = torch.randn(rows, d, device="cuda", dtype=dt)
    # (The sums in the rows' dtype: torch.div will not write a bf16 result
    # of a bf16 / fp32 division into a bf16 tensor.)
    sums = (torch.rand(rows, heads, device="cuda") + 0.5).to(dt)
    normed = torch.empty(rows, d, device="cuda", dtype=dt)

    def normalize():
        torch.div(acc.view(rows, heads, hd), sums[:, :, None],
                  out=normed.view(rows, heads, hd))

    rec = {"case": "rowsum", "rows": rows, "heads": heads, "head_dim": hd,
           "normalize_us": events(normalize),
           "matmul_us": events(lambda: torch.matmul(normed, W, out=y))}
    out.append(rec)
    print(json.dumps(rec), flush=True)
    # Split-KV partials, decode and bulk.
    for splits in (4, 8):
        for rows in (1, 16, 64, 16384):
            parts = torch.randn(splits, rows, heads, hd, device="cuda",
                                dtype=dt)
            lse = torch.rand(splits, rows, heads, device="cuda") * 8 - 4
            o = torch.empty(rows, d, device="cuda", dtype=dt)
            y = torch.empty(rows, d, device="cuda", dtype=dt)
            r = torch.randn(rows, d, device="cuda", dtype=dt)
            time = events if rows > 64 else graph

            def dense():
                combine(parts, lse, o)
                torch.matmul(o, W, out=y)
                torch.add(y, r, out=y)
                F.rms_norm(y, (d,), w, 1e-6)

            def add_norm():
                torch.add(y, r, out=y)
                F.rms_norm(y, (d,), w, 1e-6)

            rec = {"case": "splits", "splits": splits, "rows": rows,
                   "heads": heads, "head_dim": hd,
                   "timing": "events" if rows > 64 else "graph",
                   "combine_us": time(lambda: combine(parts, lse, o)),
                   "matmul_us": time(lambda: torch.matmul(o, W, out=y)),
                   "add_norm_us": time(add_norm),
                   "dense_path_us": time(dense)}
            out.append(rec)
            print(json.dumps(rec), flush=True)
    with open(sys.argv[1], "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
