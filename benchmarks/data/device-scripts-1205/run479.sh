#!/usr/bin/env bash
# Device run 479 (2026-12-05; written as run477 on 2026-12-04, never run: a machine was not lent): issue 3's one-thread fp32 target on the H200
# machine's host CPU (Sapphire Rapids): every supported d from 256 to 16384,
# 256 MB a size, walsh against memcpy of the same bytes in one process,
# pinned to one core, two passes. 86d8dee's bundle (the CPU code of session 56's last change,
# after 95b2149).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc477
{
date -u +%H:%M:%S
lscpu | grep -E "Model name|L1d|L2|L3|^CPU\(s\)"
for pass in 1 2; do
  echo "== pass $pass"
  taskset -c 2 timeout 270 $B/walsh bench --target cpu --sizes 256-16384 --dtypes f32 --threads 1 --no-dense
  date -u +%H:%M:%S
done
} 2>&1 | tee $OUT/h200-host-cpu-f32-sweep-run479.txt
