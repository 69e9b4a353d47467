#!/usr/bin/env bash
# Device run 208 (2026-12-01): the final build's CPU on the H200 host's
# Sapphire Rapids, against the build before this session's prefetch
# changes (.device/before.tar.xz), alternating, two passes: walsh bench
# (f32, one and two threads) and the bhsd head merge (d = 4096).
set -u
cd /tmp && rm -rf walsh-bundle before && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/before.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u
for p in 1 2; do
  for v in before after; do
    if [ $v = before ]; then W="env LD_LIBRARY_PATH=/tmp/before/lib:/tmp/walsh-bundle/lib /tmp/before/bin/walsh"; else W=$B/walsh; fi
    echo "== $v pass $p"
    timeout 150 $W bench --target cpu --sizes 256,1024,4096,16384 --dtypes f32 --threads 1,2 --no-dense 2>&1 | grep -E '^f32'
    echo -n "bhsd 32 x 128, one thread: "
    $W run --target cpu --layout bhsd --heads 32 --head-dim 128 --batch 4 --seq 4096 --threads 1 --json 2>/dev/null | python3 -c "import json,sys; j=json.load(sys.stdin); print('%.0f us %.2f' % (j['time_us'], j['roofline_fraction']))"
  done
done
date -u
} 2>&1 | tee $OUT/run208.txt
