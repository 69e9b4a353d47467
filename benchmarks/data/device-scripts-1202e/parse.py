import re, sys, collections
res = collections.defaultdict(list)
cur = None
for l in open(sys.argv[1]):
    m = re.match(r'== pass (\d+) rows (\d+) variant (\S+)', l)
    if m: cur = (m.group(3), int(m.group(2))); continue
    f = l.split()
    if cur and len(f) > 5 and f[0].startswith('outproj') and ('PASS' in f or 'FAIL' in f):
        try: frac = float(f[-1])
        except: continue
        name = re.sub(r'_sm_90$', '', f[0])
        res[(name, cur[1])].append((cur[0], frac, f[4]))
for (name, rows), v in sorted(res.items(), key=lambda kv: (int(re.search(r'd(\d+)', kv[0][0]).group(1)), kv[0])):
    by = collections.defaultdict(list)
    for var, fr, st in v: by[var].append(fr if st == 'PASS' else -1)
    print(f'{name:28s} {rows:6d} ' + '  '.join(f'{k}:' + '/'.join(f'{x:.2f}' for x in xs) for k, xs in by.items()))
