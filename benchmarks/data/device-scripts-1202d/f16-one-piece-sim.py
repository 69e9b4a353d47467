# The f16 one-piece stage 2 of the split layout on tensor cores, simulated
# on one 256-element tile (H_16 X H_16^T / 16, f16 in and out): the
# normwise error (max |err| / max |ref|) and the largest relative error of
# an element above a tenth of the max, Y exact against f16(Y / 16) * 16,
# over input scales. python3 f16-one-piece-sim.py (no packages needed).
import random, struct
def f16(x): return struct.unpack('e',struct.pack('e',x))[0]
def f32(x): return struct.unpack('f',struct.pack('f',x))[0]
def hmat(n):
    H=[[1]]
    while len(H)<n:
        H=[r+r for r in H]+[r+[-v for v in r] for r in H]
    return H
H=hmat(16)
random.seed(1)
def mm(A,B): return [[sum(A[i][k]*B[k][j] for k in range(16)) for j in range(16)] for i in range(16)]
HT=[list(r) for r in zip(*H)]
for sc in [1,1e-2,1e-3,3e-4,1e-4,3e-5]:
    res={}
    for mode in ['exactY','f16div16']:
        worst=0; worstn=0
        for t in range(30):
            X=[[f16(random.gauss(0,1)*sc) for _ in range(16)] for _ in range(16)]
            ref=[[v/16 for v in r] for r in mm(mm(H,X),HT)]
            Y=mm(H,X)
            if mode=='f16div16': Y=[[f16(v/16)*16 for v in r] for r in Y]
            Z=[[v/16 for v in r] for r in mm(Y,HT)]
            out=[[f16(v) for v in r] for r in Z]
            m=max(abs(v) for r in ref for v in r)
            e=max(abs(out[i][j]-ref[i][j]) for i in range(16) for j in range(16))
            worstn=max(worstn,e/m)
            worst=max(worst,max(abs(out[i][j]-ref[i][j])/max(abs(ref[i][j]),1e-30) for i in range(16) for j in range(16) if abs(ref[i][j])>0.1*m))
        res[mode]=f"norm {worstn:.1e} elem {worst:.1e}"
    print(sc,res)
