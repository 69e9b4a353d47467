#!/usr/bin/env bash
# Device run 187 (2026-12-01): does the time step with whole row groups a
# block? k83's bf16 defaults at 15840 (= 132 x 120), 16384 and 16896 (=
# 132 x 128) rows, three passes; walsh-gpu, every kernel checked.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/gpu-slim.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k83.tar.xz -C /tmp/k
{
for pass in 1 2 3; do
  for rows in 15840 16384 16896; do
    echo "== pass $pass rows $rows set a"
    stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k/a --rows $rows --check-rows 257
  done
done
} 2>&1 | tee $OUT/run187.txt
