#!/usr/bin/env bash
# Device run 337 (2026-12-02): 16-bit 4096's default beside the
# power-of-two split on tensor cores (build-337.sh's sets; walsh-gpu, every
# kernel checked on 257 rows, two passes at 65536 and 16384 rows), its
# forms at both, and f16 8192 at 16384 rows (three passes).
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  for rows in 65536 16384; do
    for s in p4096-bf16 p4096-f16 f4096-bf16 f4096-f16; do
      timeout 60 $B/walsh-gpu /tmp/sets/$s --check-rows 257 --rows $rows 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$rows' p'$pass' " $0}'
    done
  done
  date -u +%H:%M:%S
done
for pass in 1 2 3; do
  timeout 60 $B/walsh-gpu /tmp/sets/p8192 --check-rows 257 --rows 16384 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "16384 p'$pass' " $0}'
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run337.txt
