#!/usr/bin/env bash
# Device run 535 (2026-12-07, session 80; for an H100, run when the H200
# asked for does not come): walsh tune over the 16-bit sizes that main's
# walsh bench (run533) left below 0.85 at 16384 rows on an H100 and that
# take one warp a row (3328 ... 5632: eight rows a block, 221696 bytes of
# shared memory at 4608; 26624 and 30720 were tuned in session 79): does
# any candidate in the tuner's space beat the default at 16384 rows?
# Every candidate checked, timed against the default.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
WALSH_CACHE_DIR=/tmp/wc535 timeout 240 walsh tune --target cuda --dtype bf16,f16 \
  --d 3328,3584,4608,5120,5632 --rows 16384 --db /tmp/tune535.json; echo "status $?"
cp /tmp/tune535.json $OUT/ 2>/dev/null
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run535.txt
