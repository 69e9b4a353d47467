#!/usr/bin/env bash
# Device run 207 (2026-12-01): the CPU prefetch's level and distance on the
# H200 host's Sapphire Rapids, with a throwaway build (.device/bundle-tmp:
# WALSH_TMP_PFL = locality 0-3 and WALSH_TMP_PFD = bytes ahead for rows of
# several passes). One thread, fp32, 256 MB, two passes; then the same
# kernels on rows that stay in the cache (256 KB) for the arithmetic alone.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle-tmp.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
run1() { $B/walsh run --target cpu --d $1 --rows $2 --threads 1 --json 2>/dev/null | python3 -c "import json,sys; j=json.load(sys.stdin); print('%.0f us %.2f' % (j['time_us'], j['roofline_fraction']), end=' | ')"; }
{
echo "host: $(lscpu | grep 'Model name')"; lscpu | grep -E 'L1d|L2'
for p in 1 2; do
  for v in "3 8192" "2 16384" "2 32768" "2 65536" "1 16384" "0 16384"; do
    set -- $v
    echo -n "pass $p locality $1 ahead $2: "
    for d in 1024 4096 16384; do WALSH_TMP_PFL=$1 WALSH_TMP_PFD=$2 run1 $d $((67108864 / d)); done
    echo
  done
done
echo -n "in cache (256 KB of rows, default): "
for d in 1024 4096 16384; do run1 $d $((65536 / d > 4 ? 65536 / d : 4)); done; echo
date -u
} 2>&1 | tee $OUT/run207.txt
