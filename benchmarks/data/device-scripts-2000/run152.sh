#!/usr/bin/env bash
# Device run 152 (2026-11-30): the final build (16-byte staged stores for
# H_m on tensor cores): the whole GPU conformance test from the bundle;
# walsh bench over the sizes that kernel takes; 6144 folded onto it (2 and
# 4 rows a block) against its default split layout, through the JIT.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
G="stdbuf -oL -eL timeout"
{
date -u +%T
WALSH_CACHE_DIR=none $G 300 /tmp/walsh-bundle/tests/gpu-conformance.sh /tmp/walsh-bundle/bin > /tmp/conf.txt 2>&1
echo "conformance rc=$? $(date -u +%T) PASS $(grep -c ' PASS ' /tmp/conf.txt) FAIL $(grep -c ' FAIL' /tmp/conf.txt)"
grep " FAIL" /tmp/conf.txt | head
for cfg in "" "--cross-warp mma --threads-per-row 32 --elems-per-thread 192 --vector-width 2 --rows-per-block 2" "--cross-warp mma --threads-per-row 32 --elems-per-thread 192 --vector-width 2 --rows-per-block 4"; do
  for r in 65536 16384; do
    WALSH_CACHE_DIR=/tmp/wc $G 90 $B/walsh run --target cuda --dtype bf16 --d 6144 --rows $r $cfg --check --json | python3 -c "import json,sys; j=json.load(sys.stdin); print('6144', $r, '[$cfg]', 'ok', j['ok'], 'frac', round(j['roofline_fraction'],3))"
  done
done
$G 240 $B/walsh bench --target cuda --sizes 1152,1408,1664,1920,3328,3840,4608,5120,5632,6656,7168,7680 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none
echo "bench rc=$? $(date -u +%T)"
} 2>&1 | tee $OUT/run152.txt
cp /tmp/conf.txt $OUT/conf-run152.txt
echo "done $(date -u)"
