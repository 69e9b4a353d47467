#!/usr/bin/env bash
# Device run 169 (2026-11-30): build-k69.sh's defaults timed by walsh-gpu
# at 16384 rows (every kernel checked) on the launcher's grid (0: resident
# blocks) and on grids capped at 1 ... 6 blocks a multiprocessor (132 SMs),
# two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k69.tar.xz -C /tmp/k
{
for pass in 1 2; do
  for g in 0 132 264 396 528 660 792; do
    echo "== pass $pass rows 16384 set g$g"
    stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k/dflt --rows 16384 --check-rows 257 --grid-limit $g
  done
done
} 2>&1 | tee $OUT/run169.txt
