#!/usr/bin/env bash
# Device run 138 (2026-11-30): the final compiler (16-bit affine tables where
# X's fragments are read again for each block): the 15 conformance kernels
# it moved, checked; the defaults through the JIT (walsh run --check);
# walsh bench over 4608 ... 7680 against the copy and cuBLAS.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k54.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
date -u +%T
$G 90 $B/walsh-gpu /tmp/k/conf --check-rows 257 --no-time
echo "conf rc=$? $(date -u +%T)"
for a in "bf16 5632 65536" "f16 6656 65536 --transpose" "bf16 7168 65536" "f16 7680 16384" "bf16 5120 16384"; do
  set -- $a
  WALSH_CACHE_DIR=/tmp/wc $G 60 $B/walsh run --target cuda --dtype $1 --d $2 --rows $3 ${4:-} --check --json | python3 -c "import json,sys; j=json.load(sys.stdin); print(j['dtype'], j['d'], j['rows'], '${4:-}', 'err', j['max_rel_error'], 'us', round(j['time_us'],1), 'frac', round(j['roofline_fraction'],3), 'compile_ms', round(j['compile_ms']))"
done
$G 300 $B/walsh bench --target cuda --sizes 4608,5120,5632,6144,6656,7168,7680 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run138.txt
echo "done $(date -u)"
