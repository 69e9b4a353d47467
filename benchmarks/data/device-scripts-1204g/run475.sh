#!/usr/bin/env bash
# Device run 475 (2026-12-04), 3f4d2b6's bundle (the session's final GPU
# code): `walsh bench` over every 16-bit d from 256 to 32768 at 16384 rows
# and to 8192 at 65536 rows (issue 4's ranges), one pass, for the
# session's closing figures.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
echo "== walsh bench 16-bit, 16384 rows"
timeout 200 $B/walsh bench --target cuda --sizes 256-32768 --dtypes bf16,f16 --rows 16384 --decode-rows none
echo "== walsh bench 16-bit, 65536 rows"
timeout 200 $B/walsh bench --target cuda --sizes 256-8192 --dtypes bf16,f16 --rows 65536 --decode-rows none
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-closing-sweep-run475.txt
