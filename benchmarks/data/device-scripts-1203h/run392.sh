#!/usr/bin/env bash
# Device run 392 (2026-12-03), the final build (b802433: a tensor-core
# kernel's block_rows is its rows_per_block, so the launcher's grid counts
# its groups whatever 'row_iters'): walsh run --check through the JIT
# (fresh random rows, output poisoned, every element against float64) of
# defaults that take 'row_iters' = 2, at row counts whose grid is below the
# resident blocks (1000, 3000) and in bulk.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for c in "bf16 416 1000" "f16 352 3000" "f32 288 1000" "f32 1664 3000" "bf16 16384 1000" "f16 9216 3000" "bf16 416 16384" "bf16 16384 16384"; do
  set -- $c
  timeout 60 $B/walsh run --target cuda --dtype $1 --d $2 --rows $3 --check --json 2>&1 |
    python3 -c 'import json,sys; j=json.load(sys.stdin); print(sys.argv[1], "ok" if j["ok"] else "FAIL", "err %.2g" % j["max_rel_error"], "frac %.2f" % j["roofline_fraction"])' "$c" || echo "$c ERR"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-final-run392.txt
