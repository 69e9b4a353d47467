# The Python binding's call on the CPU kernel, d = 256 x 1 row, NumPy and
# PyTorch CPU tensors, best of five x 20000 calls (2026-12-06: the grad
# check's cost). Usage: python3 THIS PATH_OF_walsh.py_DIR
import sys, time; sys.path.insert(0, sys.argv[1])
import numpy as np, walsh, torch
p = walsh.Projection(256, "f32")
for kind in ("numpy", "torch"):
    if kind == "numpy":
        x = np.random.rand(1, 256).astype(np.float32); a = np.ones(256, np.float32); b = np.zeros(256, np.float32); y = np.empty_like(x)
    else:
        x = torch.randn(1, 256); a = torch.ones(256); b = torch.zeros(256); y = torch.empty_like(x)
    for _ in range(2000): p(x, a, b, out=y)
    best = 1e9
    for r in range(5):
        t = time.perf_counter()
        for _ in range(20000): p(x, a, b, out=y)
        best = min(best, (time.perf_counter() - t) / 20000 * 1e6)
    print(kind, f"{best:.2f} us a call")
