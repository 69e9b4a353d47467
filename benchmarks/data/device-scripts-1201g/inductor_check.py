"""torch.compile's default backend (Inductor) over walsh.OutputProjection:
one graph (fullgraph=True), forward and backward against eager."""
import torch
import walsh

torch.manual_seed(0)
d = 4096
out = walsh.OutputProjection(d, dtype=torch.bfloat16, device="cuda")
with torch.no_grad():
    out.a.uniform_(0.5, 1.5)
    out.b.normal_()


def block(x):
    return torch.nn.functional.gelu(out(x)) * 2.0


compiled = torch.compile(block, fullgraph=True)
x = torch.randn(4, 256, d, device="cuda", dtype=torch.bfloat16)
xc = x.clone().requires_grad_()
yc = compiled(xc)
yc.float().sum().backward()
gc = (xc.grad.clone(), out.a.grad.clone(), out.b.grad.clone())
out.zero_grad()
xe = x.clone().requires_grad_()
ye = block(xe)
ye.float().sum().backward()
ge = (xe.grad, out.a.grad, out.b.grad)


def rel(u, v):
    return float((u.double() - v.double()).abs().max() / v.double().abs().max())


print("inductor: y", rel(yc, ye), "dx", rel(gc[0], ge[0]), "da", rel(gc[1], ge[1]),
      "db", rel(gc[2], ge[2]))
