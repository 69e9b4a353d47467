#!/usr/bin/env bash
# Device run 167 (2026-11-30): build-k70.sh's kernels on grids capped at
# 1, 2, 3 blocks a multiprocessor and the launcher's, at 65536, 32768 and
# 16384 rows (walsh-gpu, every kernel checked), two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k70.tar.xz -C /tmp/k
{
for pass in 1 2; do
  for rows in 65536 32768 16384; do
    for g in 0 132 264 396; do
      echo "== pass $pass rows $rows set g$g"
      stdbuf -oL timeout 60 $B/walsh-gpu /tmp/k/dflt --rows $rows --check-rows 257 --grid-limit $g
    done
  done
done
} 2>&1 | tee $OUT/run167.txt
