#!/usr/bin/env bash
# run336's kernel sets. /tmp/confsub: the conformance kernels this
# session's changes touch (tests/gpu/gpu-conformance.sh build/bin
# --compile-only /tmp/conf first): every power-of-two split on tensor
# cores (cross_warp = mma over 128 threads or more) and bf16 1536 (the
# hm1536 rule). /tmp/sets/new-<dt>, old-<dt>: 16-bit 16384's new default
# in its forms (transposed, without a and b, to fp32, to the other 16-bit
# type) and the old configuration (64 values over 256 threads through
# transposes) in the same forms. /tmp/sets/p8192-<dt>: 8192's default at
# 65536 rows beside the split at M = 4 and 8. No .ptx.
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/confsub /tmp/sets && mkdir -p /tmp/confsub /tmp/sets
python3 - <<'P'
import json, glob, shutil
for j in glob.glob('/tmp/conf/*.json'):
    J = json.load(open(j))
    d, t = J['spec']['d'], J['block_threads'] // J['rows_per_block']
    pow2 = d & (d - 1) == 0
    if (J.get('cross_warp') == 'mma' and pow2 and t >= 128) or \
       (d == 1536 and J['spec']['dtype'] == 'bf16'):
        shutil.copy(j, '/tmp/confsub')
        shutil.copy(j[:-5] + '.cubin', '/tmp/confsub')
P
old="--cross-warp transpose --threads-per-row 256 --elems-per-thread 64 --vector-width 8 --rows-per-block 1"
for dt in bf16 f16; do
  other=f16; [ $dt = f16 ] && other=bf16
  mkdir -p /tmp/sets/new-$dt /tmp/sets/old-$dt /tmp/sets/p8192-$dt
  for form in "" "--transpose" "--no-affine" "--out-dtype f32" "--out-dtype $other"; do
    $W compile --target cuda --dtype $dt --d 16384 --rows 16384 $form --out /tmp/sets/new-$dt >/dev/null
    $W compile --target cuda --dtype $dt --d 16384 --rows 16384 $form $old --out /tmp/sets/old-$dt >/dev/null
  done
  $W compile --target cuda --dtype $dt --d 8192 --rows 65536 --out /tmp/sets/p8192-$dt >/dev/null
  for te in "128 64" "256 32"; do
    set -- $te
    $W compile --target cuda --dtype $dt --d 8192 --rows 65536 --cross-warp mma --threads-per-row $1 --elems-per-thread $2 --vector-width 4 --rows-per-block 1 --out /tmp/sets/p8192-$dt >/dev/null
  done
done
find /tmp/sets /tmp/confsub -name "*.ptx" -delete
ls /tmp/confsub | wc -l; ls /tmp/sets/*
