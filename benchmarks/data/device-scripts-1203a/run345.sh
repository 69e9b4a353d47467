#!/usr/bin/env bash
# Device run 345 (2026-12-03): build-345.sh's sets. (1) the whole GPU
# conformance set of this build (walsh-gpu --no-time, every kernel checked
# on 257 rows); (2) the small kernels old / new, three alternating passes
# at 16384 and 65536 rows; (3) 4096 and 8192 at 128 and 192 rows, the
# default beside the split, two passes.
set -u
cd /tmp && rm -rf walsh-bundle sets2 conf && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv,noheader
timeout 400 $B/walsh-gpu /tmp/conf --check-rows 257 --no-time > $OUT/h200-conformance-run345.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-run345.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-run345.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-run345.txt | head
date -u +%H:%M:%S
for r in 16384 65536; do
  for t in old new new old old new; do
    timeout 60 $B/walsh-gpu /tmp/sets2/$t/r$r --check-rows 257 --rows $r 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$t' " $0}'
  done
done
date -u +%H:%M:%S
for pass in 1 2; do
  for dt in bf16 f16; do
    for rows in 128 192; do
      timeout 60 $B/walsh-gpu /tmp/sets2/r$rows-$dt --check-rows 257 --rows $rows 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$rows' p'$pass' " $0}'
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run345.txt
