"""Host time a call: walsh.Projection against walsh.outproj (the custom
op) and walsh.OutputProjection (the module), 16 rows of bf16 4096, and
torch.add beside them; best of five rounds of 2000 calls, synchronised at
the ends."""
import time
import torch
import walsh

d, rows = 4096, 16
x = torch.randn(rows, d, device="cuda", dtype=torch.bfloat16)
a = torch.ones(d, device="cuda", dtype=torch.bfloat16)
b = torch.zeros(d, device="cuda", dtype=torch.bfloat16)
y = torch.empty_like(x)
p = walsh.Projection(d, "bf16")
m = walsh.OutputProjection(d, dtype=torch.bfloat16, device="cuda")
walsh.outproj  # registers the operator
cases = {
    "torch.add(out=)": lambda: torch.add(x, x, out=y),
    "Projection(x, a, b, out=y)": lambda: p(x, a, b, out=y),
    "walsh.outproj(x, a, b)": lambda: walsh.outproj(x, a, b),
    "torch.ops.walsh.outproj": lambda: torch.ops.walsh.outproj(
        x, a, b, False, d ** -0.5),
}


def no_grad_module():
    with torch.no_grad():
        return m(x)


cases["OutputProjection(x), no grad"] = no_grad_module
cases["OutputProjection(x), recording autograd"] = lambda: m(x)
for name, fn in cases.items():
    for _ in range(200):
        fn()
    torch.cuda.synchronize()
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(2000):
            fn()
        torch.cuda.synchronize()
        best = min(best, (time.perf_counter() - t) / 2000 * 1e6)
    print(f"{name:32s} {best:6.2f} us a call")
