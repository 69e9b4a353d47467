#!/usr/bin/env bash
# Device run 127 (2026-11-30): the final compiler's kernels whose PTX the
# session moved or added to the GPU conformance set (44: 2^k = 64 and 128
# defaults with H_m on tensor cores, and the new conformance jobs), checked
# on 257 rows and a grid of 3 blocks; the new defaults through the JIT
# (walsh run --check); walsh bench over those sizes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k43.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
$G 90 $B/walsh-gpu /tmp/k/conf --check-rows 257 --no-time
echo "conf rc=$? $(date -u +%T)"
for a in "bf16 3840 65536" "f16 3328 16384" "bf16 4608 65536" "f16 7680 16384" "bf16 1152 65536"; do
  set -- $a
  WALSH_CACHE_DIR=/tmp/wc $G 60 $B/walsh run --target cuda --dtype $1 --d $2 --rows $3 --check --json | python3 -c "import json,sys; j=json.load(sys.stdin); print(j['dtype'], j['d'], j['rows'], 'err', j['max_rel_error'], 'us', round(j['time_us'],1), 'frac', round(j['roofline_fraction'],3))"
done
$G 300 $B/walsh bench --target cuda --sizes 3328,3840,4608,5632,6656,7680 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run127.txt
echo "done $(date -u)"
