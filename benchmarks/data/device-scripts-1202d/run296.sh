#!/usr/bin/env bash
# Device run 296 (2026-12-02): build-tw.sh's kernels. The 2^k = 8
# defaults with H_8 as an m16n8k8 mma in every form, checked; 288 with
# three blocks a multiprocessor (cap) against without (new), timed; the
# defaults against run294's tune winners at bf16/f16 1280, 3840, 6656,
# 7680, timed, two passes; the winners' forms checked.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/k9 && tar xJf .device/k9.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
echo "== forms, checked"
for v in k8forms new tw/forms; do
  $B/walsh-gpu /tmp/k9/$v --check-rows 257 --no-time 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|$v |"
done
echo "== timed"
for pass in 1 2; do
  for rows in 65536 16384; do
    for v in new cap tw/bf16-dflt tw/bf16-win tw/f16-dflt tw/f16-win; do
      $B/walsh-gpu /tmp/k9/$v --check-rows 257 --rows $rows 2>&1 | grep "outproj\|FAIL\|rror" | sed "s|^|pass $pass $v $rows |"
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run296.txt
