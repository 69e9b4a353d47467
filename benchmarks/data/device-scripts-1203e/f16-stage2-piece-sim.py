# H_m on tensor cores' stage 2 for f16 rows to f16, simulated on one row of
# d = m P (python3 f16-stage2-piece-sim.py; no packages needed): C = (H_m
# (x) H_{P/P2}) X exactly (fp32 sums of +-1 products are exact for these
# sizes), then Y = C H_P2 (P2 = min(P, 32)) with C as one tf32 piece
# (round to nearest, 10 stored bits, fp32's range: the old stage 2) or as
# f16(C / S) * S (S = C's fan-in m P / P2 rounded up to a power of two:
# the new one), Y / sqrt(d) rounded to the f16 output. Prints walsh's
# check metric (max |err| / max |ref| over the row) and the largest
# relative error of an element above a tenth of the largest output, the
# worst of 20 rows, over input scales. H_m is a random +-1 matrix (the
# rounding depends on its entries' signs only through C's distribution).
import math, random, struct
def f16(x): return struct.unpack('e', struct.pack('e', x))[0]
def tf32(x):
    b = struct.unpack('I', struct.pack('f', x))[0]
    b = (b + 0x1000) & 0xFFFFE000  # cvt.rna: ties away from zero
    return struct.unpack('f', struct.pack('I', b))[0]
def sylvester(n):
    H = [[1]]
    while len(H) < n:
        H = [r + r for r in H] + [r + [-v for v in r] for r in H]
    return H
random.seed(3)
for m, P in [(52, 128), (60, 128), (52, 8), (20, 16)]:
    P2 = min(P, 32)
    fan = m * (P // P2)
    S = 1 << (fan - 1).bit_length()
    d = m * P
    Hm = [[random.choice((-1, 1)) for _ in range(m)] for _ in range(m)]
    Hc = sylvester(P // P2)
    H2 = sylvester(P2)
    print(f"d = {d} (m {m}, P {P}): fan-in {fan}, S {S}")
    for sc in [1, 1e-2, 1e-3, 3e-4, 1e-4, 3e-5]:
        res = {}
        for mode in ['tf32', 'f16piece']:
            worstn = worst = 0.0
            for _ in range(20):
                x = [f16(random.gauss(0, 1) * sc) for _ in range(d)]
                X = [x[j * P:(j + 1) * P] for j in range(m)]
                # C[i][c][p'] = sum_j Hm[i][j] sum_c' Hc[c][c'] X[j][c' P2 + p']
                HX = [[sum(Hc[c][c2] * X[j][c2 * P2 + p] for c2 in range(P // P2))
                       for c in range(P // P2) for p in range(P2)] for j in range(m)]
                C = [[sum(Hm[i][j] * HX[j][e] for j in range(m)) for e in range(P)]
                     for i in range(m)]
                err = ref_max = 0.0
                rel = 0.0
                outs = []
                for i in range(m):
                    for c in range(P // P2):
                        blk = C[i][c * P2:(c + 1) * P2]
                        a = [tf32(v) for v in blk] if mode == 'tf32' else \
                            [f16(v / S) * S for v in blk]
                        for q in range(P2):
                            ref = sum(H2[q][p] * blk[p] for p in range(P2)) / math.sqrt(d)
                            got = f16(sum(H2[q][p] * a[p] for p in range(P2)) / math.sqrt(d))
                            outs.append((ref, got))
                ref_max = max(abs(r) for r, _ in outs)
                worstn = max(worstn, max(abs(g - r) for r, g in outs) / ref_max)
                worst = max(worst, max(abs(g - r) / abs(r) for r, g in outs
                                       if abs(r) > 0.1 * ref_max))
            res[mode] = f"norm {worstn:.1e} elem {worst:.1e}"
        print(f"  scale {sc:g}: " + "; ".join(f"{k} {v}" for k, v in res.items()))
