#!/usr/bin/env bash
# run340's kernel sets. /tmp/confsub: every conformance kernel on the
# power-of-two split (tests/gpu/gpu-conformance.sh build/bin --compile-only
# /tmp/conf first), 16-bit 8192's new default and its forms among them.
# /tmp/sets/new-<dt>, old-<dt>: 8192's new default in its forms
# (transposed, to fp32, to the other 16-bit type) and the old
# configuration (64 values over 128 threads through transposes, four row
# groups for f16) in the same forms. No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/confsub /tmp/sets && mkdir -p /tmp/confsub /tmp/sets
python3 - <<'P'
import json, glob, shutil
for j in glob.glob('/tmp/conf/*.json'):
    J = json.load(open(j))
    d, t = J['spec']['d'], J['block_threads'] // J['rows_per_block']
    if J.get('cross_warp') == 'mma' and d & (d - 1) == 0 and t >= 128:
        shutil.copy(j, '/tmp/confsub')
        shutil.copy(j[:-5] + '.cubin', '/tmp/confsub')
P
for dt in bf16 f16; do
  other=f16; [ $dt = f16 ] && other=bf16
  iters=1; [ $dt = f16 ] && iters=4
  old="--cross-warp transpose --threads-per-row 128 --elems-per-thread 64 --vector-width 8 --rows-per-block 1 --row-iters $iters"
  mkdir -p /tmp/sets/new-$dt /tmp/sets/old-$dt
  for form in "" "--transpose" "--out-dtype f32" "--out-dtype $other"; do
    $W compile --target cuda --dtype $dt --d 8192 --rows 65536 $form --out /tmp/sets/new-$dt >/dev/null
    $W compile --target cuda --dtype $dt --d 8192 --rows 65536 $form $old --out /tmp/sets/old-$dt >/dev/null
  done
done
find /tmp/sets /tmp/confsub -name "*.ptx" -delete
ls /tmp/confsub | wc -l
