#!/usr/bin/env bash
# Device run 209 (2026-12-01): the bhsd head merge's prefetch on the H200
# host, before (L1) against after (L2), six alternations, f32 d = 4096
# (32 heads of 128 and 64 of 64), one thread.
set -u
cd /tmp && rm -rf walsh-bundle before && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/before.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
for p in 1 2 3 4 5 6; do
  for v in before after; do
    if [ $v = before ]; then W="env LD_LIBRARY_PATH=/tmp/before/lib:/tmp/walsh-bundle/lib /tmp/before/bin/walsh"; else W=$B/walsh; fi
    echo -n "$v pass $p: "
    for hd in 128 64; do
      $W run --target cpu --layout bhsd --heads $((4096 / hd)) --head-dim $hd --batch 4 --seq 4096 --threads 1 --json 2>/dev/null | python3 -c "import json,sys; j=json.load(sys.stdin); print('%.0f us %.2f' % (j['time_us'], j['roofline_fraction']), end=' | ')"
    done
    echo
  done
done
} 2>&1 | tee $OUT/run209.txt
