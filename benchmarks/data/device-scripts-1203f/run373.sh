#!/usr/bin/env bash
# Device run 373 (2026-12-03), the build with four groups as the decode
# default at m >= 52 and 2^k <= 32: 1) walsh-gpu checks every kernel of
# run373-jobs.txt (the new decode defaults, their H^T and no-affine forms,
# and the conformance set's grouped-layout jobs; .device/conf.tar.xz) on
# 257 rows; 2) walsh bench under graph replay at the sizes it changed; 3)
# m = 36 and 44 at 2^k = 16 and 32 (still g = 2): the default against g =
# 4, walsh run --check.
set -u
cd /tmp && rm -rf walsh-bundle conf373 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc373
grp() { echo "--cross-warp shared --vector-width 1 --row-iters 1 --rows-per-block 1 --elems-per-thread $(($1 / $3)) --threads-per-row $(($3 * $2 / $1))"; }
g() { # dtype rows args...
  local t=$1 r=$2; shift 2
  timeout 60 $B/walsh run --target cuda --dtype $t --rows $r --check --json "$@" 2>/dev/null |
    python3 -c 'import json,sys; j=json.load(sys.stdin); print("%.2f%s" % (j["graph_us"], "" if j["ok"] else "(FAIL)"))' 2>/dev/null || echo ERR
}
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 100 $B/walsh-gpu /tmp/conf373 --check-rows 257 --no-time > $OUT/h200-conformance-sub-run373.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-sub-run373.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-sub-run373.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-sub-run373.txt | head
date -u +%H:%M:%S
timeout 150 $B/walsh bench --target cuda --sizes 832,960,1664,1920 --rows 16384 --decode-rows 1,16,64 2>&1
date -u +%H:%M:%S
for c in "bf16 36 576" "bf16 44 704" "bf16 36 1152" "bf16 44 1408" "f32 44 704" "f32 44 1408"; do
  set -- $c; t=$1; m=$2; d=$3
  for r in 1 16; do
    echo "$t d=$d (m=$m) rows=$r default: $(g $t $r --d $d) | g=4: $(g $t $r --d $d $(grp $m $d 4))"
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run373.txt
