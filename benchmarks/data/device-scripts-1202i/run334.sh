#!/usr/bin/env bash
# Device run 334 (2026-12-02): walsh tune over the 16-bit misses near 0.9
# at 65536 rows (288, 384, 480, 576 as 9, 12, 15, 18 heads of 32; 1536,
# 7168, 7680 as 12, 56, 60 heads of 128), bf16 and f16; then each shape
# through walsh run --check, the tuner's pick (--tune-mode db-only) and
# the default (heuristic) in turn, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wcache
DB=/tmp/tune334.json
{
date -u +%H:%M:%S
timeout 120 $B/walsh tune --target cuda --dtype bf16,f16 --batch 16 --seq 4096 --heads 9,12,15,18 --head-dim 32 --db $DB 2>&1 | tail -9
timeout 120 $B/walsh tune --target cuda --dtype bf16,f16 --batch 16 --seq 4096 --heads 12,56,60 --head-dim 128 --db $DB 2>&1 | tail -7
for pass in 1 2; do
  for s in "9 32" "12 32" "15 32" "18 32" "12 128" "56 128" "60 128"; do
    set -- $s
    for dt in bf16 f16; do
      for mode in db-only heuristic; do
        timeout 30 $B/walsh run --target cuda --dtype $dt --heads $1 --head-dim $2 --batch 16 --seq 4096 --check --json --db $DB --tune-mode $mode 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('p$pass', '$dt', j.get('d'), '$mode'.ljust(9), round(j.get('time_us'),1), round(j.get('roofline_fraction'),3), j.get('max_rel_error'))" 2>&1 | tail -1
      done
    done
  done
done
cp $DB $OUT/
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run334.txt
