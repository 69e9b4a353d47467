import re, sys, os, json, subprocess
src, out = sys.argv[1], sys.argv[2]   # dir with .ptx/.json; output dir
os.makedirs(out, exist_ok=True)
for f in os.listdir(src):
    if not f.endswith('.ptx'): continue
    base = f[:-4]
    ptx = open(f'{src}/{f}').read(); meta = json.load(open(f'{src}/{base}.json'))
    loads = re.findall(r'ld\.global\.v4\.u32\s+\{[^}]*\},\s*\[(%rd\d+)', ptx)
    cpasync = 'cp.async' in ptx
    xbase = None if cpasync or not loads else loads[0]
    def sub(p, xop, abop):
        def rep(m):
            reg = m.group(2)
            op = xop if reg == xbase else abop
            return m.group(1).replace('ld.global.v4.u32', op) + m.group(2)
        return re.sub(r'(ld\.global\.v4\.u32(\s+\{[^}]*\},\s*\[))(%rd\d+)', lambda m: (xop if m.group(3)==xbase else abop) + m.group(2) + m.group(3), p)
    vars = {'v0': ('ld.global.v4.u32', 'ld.global.v4.u32'),
            'v1': ('ld.global.L1::no_allocate.v4.u32', 'ld.global.v4.u32'),
            'v3': ('ld.global.L1::no_allocate.v4.u32', 'ld.global.nc.L1::evict_last.v4.u32'),
            'v4': ('ld.global.v4.u32', 'ld.global.nc.v4.u32'),
            'v5': ('ld.global.v4.u32', 'ld.global.nc.L1::evict_last.v4.u32')}
    if cpasync: vars = {k: v for k, v in vars.items() if k in ('v0', 'v4', 'v5')}
    for v, (xop, abop) in vars.items():
        p = sub(ptx, xop, abop)
        name = base.replace('_sm_90', f'_{v}_sm_90')
        m = dict(meta); m['name'] = name; m['image'] = 'cubin'
        open(f'{out}/{name}.ptx', 'w').write(p)
        r = subprocess.run(['ptxas', '-arch=sm_90', '-O3', f'{out}/{name}.ptx', '-o', f'{out}/{name}.cubin'], capture_output=True, text=True)
        if r.returncode: print('ptxas failed', name, r.stderr[:300]); continue
        os.remove(f'{out}/{name}.ptx')
        json.dump(m, open(f'{out}/{name}.json', 'w'), indent=2)
        print(name, 'x', xbase, 'changed', sum(1 for a, b in zip(ptx.splitlines(), p.splitlines()) if a != b))
