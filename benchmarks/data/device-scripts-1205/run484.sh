#!/usr/bin/env bash
# Device run 484 (2026-12-05): f16 d = 7168 (28 x 256) in bulk, the split
# layout at g = 4 (224 threads a row): its m-point stage by the sign program
# (vector_width 4, the default until now) against H_m on tensor cores
# (vector_width 8; walsh tune at 65536 rows, run482: 1.07 x), with the rows
# ahead (row_iters 2, what mmaRowsAhead gives that form) or not, at 65536
# and 16384 rows, three alternations; then the five conformance kernels the
# new default moves (compiled here, .device/k484), checked on 257 rows.
# 183ae00's bundle (every form given explicitly). Not run on 2026-12-05:
# the session's device time ran out; the change it would check
# (mmaSplitHmIndicesPerWarp returning 4 for f16 at m = 28, p = 256) was
# reverted; the five kernels are what `gpu-conformance.sh --compile-only`
# moves with it.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=/tmp/wc484
L="--cross-warp mma --threads-per-row 224 --elems-per-thread 32 --rows-per-block 1"
{
date -u +%H:%M:%S
for rows in 65536 16384; do
  for pass in 1 2 3; do
    for form in "v4:--vector-width 4" "v8:--vector-width 8 --row-iters 1" "v8i2:--vector-width 8 --row-iters 2"; do
      name=${form%%:*}; opts=${form#*:}
      walsh run --target cuda --d 7168 --dtype f16 --rows $rows $L $opts --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('$rows', '$pass', '$name', round(j['roofline_fraction'],3), round(j['time_us'],1))"
    done
  done
done
for form in "--vector-width 8 --row-iters 1" "--vector-width 8 --row-iters 2"; do
  walsh run --target cuda --d 7168 --dtype f16 --rows 65536 $L $form --check 2>&1 | tail -1
done
echo "== moved conformance kernels"
timeout 100 walsh-gpu .device/k484 --check-rows 257 --no-time 2>&1 | tail -7
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-f16-7168-run484.txt
