#!/usr/bin/env bash
# (Not run in session 78: after run526 (11:00 UTC) no device came, eight
# starts refused 11:08-12:36 UTC. Run in session 79 (2026-12-07 13:35-13:36 UTC, an H100): benchmarks/data/h100-run527.txt.)
# Device run 527 (2026-12-07, session 78): main's bundle (a662e6f; no GPU
# kernel changed since run475, 2026-12-04; the runtime's launch path has
# since gained its overlap and span checks): walsh bench sweeps beside the
# copy and cuBLAS, to compare with the last ones on the same kind of card
# (H200: run475; H100: run498), the whole sweep text and JSON.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
walsh --version | head -2
echo "== walsh bench 16-bit, 16384 rows"
WALSH_CACHE_DIR=/tmp/wc527 timeout 280 walsh bench --target cuda --decode-rows none --sizes 256-32768 --dtypes bf16,f16 --rows 16384; echo "status $?"
date -u +%H:%M:%S
echo "== walsh bench every dtype, 65536 rows"
WALSH_CACHE_DIR=/tmp/wc527 timeout 250 walsh bench --target cuda --decode-rows none --sizes 256-8192 --dtypes bf16,f16,f32 --rows 65536; echo "status $?"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run527.txt
