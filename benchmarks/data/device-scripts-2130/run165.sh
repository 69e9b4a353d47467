#!/usr/bin/env bash
# Device run 165 (2026-11-30): build-k68.sh's kernels (bf16 640, 896, 1152,
# 448) timed by walsh-gpu at 65536 rows on grids capped at 132 ... 528
# blocks (--grid-limit; 0: the launcher's, resident blocks), two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k68.tar.xz -C /tmp/k
{
for pass in 1 2; do
  for g in 0 132 264 396 512 1024; do
    for n in d640 d896 d1152; do
      echo "== pass $pass grid $g $n"
      stdbuf -oL timeout 60 $B/walsh-gpu /tmp/k/$n --rows 65536 --check-rows 257 --grid-limit $g | grep outproj
    done
  done
done
} 2>&1 | tee $OUT/run165.txt
