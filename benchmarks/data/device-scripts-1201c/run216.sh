#!/usr/bin/env bash
# Device run 216 (2026-12-01): row-group kernels too prefetch into L2 the
# first group of the block about 4 MB of rows later (a throwaway switch,
# WALSH_TMP_GRPF). 1. The 16-bit row-group bulk defaults (4096, 8192,
# 32768) before (a) and after (b), alternating, two passes. 2. walsh-gpu
# checks the conformance kernels it changes (k100).
set -u
cd /tmp && rm -rf walsh-bundle k100 e10 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/k100.tar.xz" && tar xJf "$OLDPWD/.device/e10.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
for p in 1 2; do
  for r in 65 16; do
    rows=$([ $r = 65 ] && echo 65536 || echo 16384)
    for v in a b; do
      echo "== $v$r pass $p"
      $B/walsh-gpu /tmp/e10/$v$r --rows $rows --check-rows 257 2>&1 | grep -E '^outproj'
    done
  done
done
timeout 100 $B/walsh-gpu /tmp/k100 --check-rows 257 --no-time > $OUT/run216-k100.txt 2>&1; echo "k100 rc=$?"
echo "PASS lines: $(grep -c PASS $OUT/run216-k100.txt)"; grep -v PASS $OUT/run216-k100.txt | head
} 2>&1 | tee $OUT/run216.txt
