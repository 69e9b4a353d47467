#!/usr/bin/env bash
# Device run 496 (2026-12-05, session 64): tensors past 2^31 elements (and
# f32 past 2^32 bytes) on the GPU: `walsh run --target cuda --check` (every
# element of every row against the float64 oracle, output and padding
# poisoned) for each kernel family, rows x d just past 2^31, or a row
# stride that puts the last row past it. 14c14df's bundle.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
lscpu | grep -E "Model name|^CPU\(s\)"; free -g | head -2
# dtype d rows [stride]
while read -r t d rows stride; do
  [ -z "$t" ] && continue
  extra=""; [ -n "$stride" ] && extra="--row-stride $stride"
  s=$(date +%s)
  WALSH_CACHE_DIR=none timeout 280 walsh run --target cuda --dtype $t --d $d --rows $rows $extra --check --json > /tmp/r.json 2> /tmp/r.err
  rc=$?
  e=$(( $(date +%s) - s ))
  python3 - "$t" "$d" "$rows" "${stride:-$d}" "$rc" "$e" <<'PY'
import json, sys
t, d, rows, stride, rc, e = sys.argv[1:]
last = (int(rows) - 1) * int(stride)
try:
    j = json.load(open('/tmp/r.json'))
except Exception as x:
    j = {'error': 'no json: %s' % x}
print(f"{t:5} d={d:>6} rows={rows:>8} stride={stride:>10} last_row_offset={last:>11} (>2^31: {last >= 2**31}) "
      f"exit={rc} {e}s config={j.get('config_source')}:{j.get('cross_warp')},e{j.get('elems_per_thread')},t{j.get('threads_per_row')},r{j.get('rows_per_block')},c{j.get('cluster')} "
      f"max_rel_error={j.get('max_rel_error')} check={j.get('check', j.get('ok'))} time_us={j.get('time_us')} frac={j.get('roofline_fraction')} err={j.get('error','')}")
PY
  [ -s /tmp/r.err ] && sed 's/^/   stderr: /' /tmp/r.err | tail -3
done <<'CASES'
bf16 32768 65600
f32 16384 131100
bf16 4096 524400
bf16 6656 322700
f32 256 8390000
f16 768 2796400
f32 28672 74900
bf16 4096 16384 139264
bf16 8192 3 1073741824
f32 1024 3 1073741824
CASES
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run496.txt
