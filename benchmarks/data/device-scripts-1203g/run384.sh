#!/usr/bin/env bash
# Device run 384 (2026-12-03): decode rows past 8192 with m >= 36 at 2^k =
# 256 (9216, 11264, 13312, 15360), which keep their old layouts, against
# two groups as clusters of 2 (and 3 at m = 36, 5 at m = 60). walsh run
# --check, graph replay us a call at 1 / 16 / 64 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc384
g() { # dtype rows args...
  local t=$1 r=$2; shift 2
  timeout 60 $B/walsh run --target cuda --dtype $t --rows $r --check --json "$@" 2>/dev/null |
    python3 -c 'import json,sys; j=json.load(sys.stdin); print("%.2f%s" % (j["graph_us"], "" if j["ok"] else "(FAIL)"))' 2>/dev/null || echo ERR
}
row() { local t=$1; shift; echo "$(g $t 1 "$@") / $(g $t 16 "$@") / $(g $t 64 "$@")"; }
grp() { echo "--cross-warp shared --vector-width 1 --row-iters 1 --rows-per-block 1 --elems-per-thread $(($1 / 2)) --threads-per-row $((2 * $2 / $1)) --cluster $3"; }
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for t in bf16 f32; do
  echo "$t 9216 (36) default $(row $t --d 9216) | c2 $(row $t --d 9216 $(grp 36 9216 2)) | c3 $(row $t --d 9216 $(grp 36 9216 3))"
  echo "$t 11264 (44) default $(row $t --d 11264) | c2 $(row $t --d 11264 $(grp 44 11264 2))"
  echo "$t 13312 (52) default $(row $t --d 13312) | c2 $(row $t --d 13312 $(grp 52 13312 2))"
  echo "$t 15360 (60) default $(row $t --d 15360) | c2 $(row $t --d 15360 $(grp 60 15360 2)) | c5 $(row $t --d 15360 $(grp 60 15360 5))"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run384.txt
