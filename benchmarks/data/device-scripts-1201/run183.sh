#!/usr/bin/env bash
# Device run 183 (2026-12-01): build-k80.sh's kernels, walsh-gpu (every
# kernel checked on 257 rows), a/ at 65536 rows and b/ at 16384, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/gpu-slim.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k80.tar.xz -C /tmp/k
{
for pass in 1 2; do
  echo "== pass $pass rows 65536 set a"
  stdbuf -oL timeout 200 $B/walsh-gpu /tmp/k/a --rows 65536 --check-rows 257
  echo "== pass $pass rows 16384 set b"
  stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k/b --rows 16384 --check-rows 257
done
} 2>&1 | tee $OUT/run183.txt
