#!/usr/bin/env bash
# Device run 210 (2026-12-01): the bulk defaults without row groups (16-bit
# d = 16384, fp32 16384, 32768, 8192 and the fp32 dense shuffle kernels)
# with each block prefetching into L2 (prefetch.global.L2, its threads
# spreading the row's lines) the row block bid + D will transform, D = 0
# (none: the default), 132, 264, 528; a throwaway switch
# (WALSH_TMP_L2PF). walsh-gpu side by side, alternating, two passes, the
# 65536-row defaults at 65536 rows and the 16384-row ones at 16384.
set -u
cd /tmp && rm -rf walsh-bundle e5 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/e5.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
for p in 1 2; do
  for r in 65 16; do
    rows=$([ $r = 65 ] && echo 65536 || echo 16384)
    for v in 0 132 264 528; do
      echo "== D=$v rows $rows pass $p"
      $B/walsh-gpu /tmp/e5/p${v}r$r --rows $rows --check-rows 257 2>&1 | grep -E '^outproj'
    done
  done
done
} 2>&1 | tee $OUT/run210.txt
