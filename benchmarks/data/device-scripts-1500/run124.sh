#!/usr/bin/env bash
# Device run 124 (2026-11-30): H_m on tensor cores as the default.
# 1. The 56 GPU conformance kernels whose PTX the change moved (every
#    16-bit m x 16 and m x 32 size, affine on and off; k40/conf), checked
#    on 257 rows and a grid of 3 blocks.
# 2. Through the JIT (walsh run --check: the bundle's compiler, the default
#    for the row count, checked against the float64 oracle).
# 3. walsh bench over those sizes, both 16-bit dtypes, 65536 and 16384
#    rows, against the copy and cuBLAS.
# (As run: the summary line of 2. names `$4` under set -u, so the four
# forms without a fourth word printed nothing; run125 repeats them.)
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k40.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
$G 60 $B/walsh-gpu /tmp/k/conf --check-rows 257 --no-time
echo "conf rc=$? $(date -u +%T)"
for a in "bf16 960 65536" "f16 1920 65536" "bf16 1408 16384" "f16 576 65536 --transpose" "bf16 704 65536 --no-affine" "bf16 448 16384"; do
  set -- $a
  WALSH_CACHE_DIR=/tmp/wc $G 60 $B/walsh run --target cuda --dtype $1 --d $2 --rows $3 ${4:-} --check --json | python3 -c "import json,sys; j=json.load(sys.stdin); print(j["dtype"], j["d"], j["rows"], 'err', j['max_rel_error'], 'us', round(j['time_us'],1), 'frac', round(j['roofline_fraction'],3), j.get('config'))"
done
echo "run done $(date -u +%T)"
$G 300 $B/walsh bench --target cuda --sizes 192,320,384,448,576,640,704,832,896,960,1152,1408,1664,1920 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run124.txt
echo "done $(date -u)"
