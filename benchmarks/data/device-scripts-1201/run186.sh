#!/usr/bin/env bash
# Device run 186 (2026-12-01): where the time goes at fewer rows. k83's
# bf16 defaults (for 16384 rows), walsh-gpu at 2048 ... 65536 rows (every
# kernel checked), to fit time = fixed + rows x per-row against the copy's.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/gpu-slim.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k83.tar.xz -C /tmp/k
{
for pass in 1 2; do
  for rows in 2048 4096 8192 16384 32768 65536; do
    echo "== pass $pass rows $rows set a"
    stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k/a --rows $rows --check-rows 257
  done
done
} 2>&1 | tee $OUT/run186.txt
