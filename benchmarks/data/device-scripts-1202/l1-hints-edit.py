import sys, re
src, dst, mode = sys.argv[1], sys.argv[2], sys.argv[3]
lines = open(src).read().split('\n')
n = 0
xcount = int(sys.argv[4])
out = []
for l in lines:
    if re.match(r'\s+ld\.global\.f32', l):
        n += 1
        isx = n <= xcount
        if isx and 'x' in mode:
            l = l.replace('ld.global.f32', 'ld.global.L1::no_allocate.f32')
        if not isx and 'a' in mode:
            l = l.replace('ld.global.f32', 'ld.global.nc.L1::evict_last.f32')
    out.append(l)
open(dst, 'w').write('\n'.join(out))
print(src, mode, n, 'loads')
