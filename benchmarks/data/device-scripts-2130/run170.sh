#!/usr/bin/env bash
# Device run 170 (2026-11-30): build-k71.sh's defaults (powers of two) timed by walsh-gpu
# at 65536 rows (every kernel checked) on the launcher's grid (0: resident
# blocks) and on grids capped at 1 ... 6 blocks a multiprocessor (132 SMs),
# two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k71.tar.xz -C /tmp/k
{
for pass in 1 2; do
  for g in 0 132 264 396 528 792 1056; do
    echo "== pass $pass rows 0 set g$g"
    stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k/dflt --rows 65536 --check-rows 257 --grid-limit $g
  done
done
} 2>&1 | tee $OUT/run170.txt
