#!/usr/bin/env python3
"""Rewrite a walsh PTX: row (x) loads get XL, other global loads AL, stores SL.
Classifies loads by whether their address derives from the x param (param_1)."""
import re, sys
src, dst, xl, al, sl = sys.argv[1:6]
lines = open(src).read().split('\n')
deps = {}
ins = re.compile(r'^\s*(@!?%p\d+\s+)?([a-z][\w.:]*)\s+(.*?);')
reg = re.compile(r'%[a-z]+\d+')
changed = True
while changed:
    changed = False
    for l in lines:
        m = ins.match(l)
        if not m: continue
        op, args = m.group(2), m.group(3)
        if op.startswith('st.') or op.startswith('bra') or op.startswith('prefetch'): continue
        parts = [a.strip() for a in args.split(',')]
        if not parts or not parts[0].startswith('%'): continue
        if parts[0].startswith('{'): continue
        d = parts[0]
        s = set()
        for p in parts[1:]:
            mm = re.search(r'outproj_param_(\d+)', p)
            if mm: s.add('p' + mm.group(1))
            for r in reg.findall(p): s |= deps.get(r, set())
        old = deps.get(d, set())
        if not s <= old:
            deps[d] = old | s; changed = True
out = []; nx = na = ns = 0
for l in lines:
    m = re.match(r'^(\s*(?:@!?%p\d+\s+)?)(ld\.global|st\.global)(\.[\w.:]*)\s+(.*)$', l)
    if m:
        pre, op, suf, rest = m.groups()
        addr = re.search(r'\[(%rd\d+)', rest)
        if op == 'ld.global' and not suf.startswith('.nc'):
            isx = addr and 'p1' in deps.get(addr.group(1), set())
            h = xl if isx else al
            if isx: nx += 1
            else: na += 1
            if h != '-': l = f'{pre}{op}.{h}{suf}\t{rest}'
        elif op == 'st.global':
            ns += 1
            if sl != '-': l = f'{pre}{op}.{sl}{suf}\t{rest}'
    out.append(l)
open(dst, 'w').write('\n'.join(out))
print(f'{src}: x loads {nx}, other loads {na}, stores {ns}', file=sys.stderr)
