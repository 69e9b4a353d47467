#!/usr/bin/env bash
# Device run 382 (2026-12-03): decode sizes with a dense factor at 2^k =
# 256 (3072, 5120, 7168), which keep their old layouts, against the
# grouped layout with and without output-splitting clusters. walsh run
# --check, graph replay us a call at 1 / 16 / 64 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc382
g() { # dtype rows args...
  local t=$1 r=$2; shift 2
  timeout 60 $B/walsh run --target cuda --dtype $t --rows $r --check --json "$@" 2>/dev/null |
    python3 -c 'import json,sys; j=json.load(sys.stdin); print("%.2f%s" % (j["graph_us"], "" if j["ok"] else "(FAIL)"))' 2>/dev/null || echo ERR
}
row() { local t=$1; shift; echo "$(g $t 1 "$@") / $(g $t 16 "$@") / $(g $t 64 "$@")"; }
grp() { echo "--cross-warp shared --vector-width 1 --row-iters 1 --rows-per-block 1 --elems-per-thread $(($1 / $3)) --threads-per-row $(($3 * $2 / $1)) --cluster $4"; }
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for t in bf16 f32; do
  echo "$t 7168 (28 x 256) default $(row $t --d 7168) | g2 c1 $(row $t --d 7168 $(grp 28 7168 2 1)) | g2 c2 $(row $t --d 7168 $(grp 28 7168 2 2)) | g4 c1 $(row $t --d 7168 $(grp 28 7168 4 1))"
  echo "$t 5120 (20 x 256) default $(row $t --d 5120) | g2 c1 $(row $t --d 5120 $(grp 20 5120 2 1)) | g2 c2 $(row $t --d 5120 $(grp 20 5120 2 2)) | g4 c1 $(row $t --d 5120 $(grp 20 5120 4 1))"
  echo "$t 3072 (12 x 256) default $(row $t --d 3072) | g2 c1 $(row $t --d 3072 $(grp 12 3072 2 1)) | g2 c2 $(row $t --d 3072 $(grp 12 3072 2 2))"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run382.txt
