#!/usr/bin/env bash
# Device run 372 (2026-12-03), the build of the grouped layout (g = 2, the
# half layout, the decode default since run371; g = 4 new): 1) walsh-gpu
# checks the 39 g = 4 kernels of run372-jobs.txt (.device/conf.tar.xz) on
# 257 rows; 2) decode, graph replay us a call at 1, 16 and 64 rows of the
# default (g = 2 from 2^k = 16 to 128) and g = 4, each checked (walsh run
# --check), where the default still takes 2.3 us or more.
set -u
cd /tmp && rm -rf walsh-bundle conf372 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc372
grp() { echo "--cross-warp shared --vector-width 1 --row-iters 1 --rows-per-block 1 --elems-per-thread $(($1 / $3)) --threads-per-row $(($3 * $2 / $1))"; }
g() { # dtype rows args...
  local t=$1 r=$2; shift 2
  timeout 60 $B/walsh run --target cuda --dtype $t --rows $r --check --json "$@" 2>/dev/null |
    python3 -c 'import json,sys; j=json.load(sys.stdin); print("%.2f%s" % (j["graph_us"], "" if j["ok"] else "(FAIL)"))' 2>/dev/null || echo ERR
}
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 100 $B/walsh-gpu /tmp/conf372 --check-rows 257 --no-time > $OUT/h200-quarter-conformance-run372.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-quarter-conformance-run372.txt) FAIL $(grep -c FAIL $OUT/h200-quarter-conformance-run372.txt)"
grep "FAIL\|rror" $OUT/h200-quarter-conformance-run372.txt | head
date -u +%H:%M:%S
for c in "bf16 60 960" "f32 60 960" "bf16 60 1920" "bf16 52 1664" "bf16 60 3840" "f32 60 3840" "bf16 52 3328" "f32 28 3584" "bf16 28 3584" "bf16 20 2560" "f32 20 2560" "bf16 60 7680" "f32 60 7680" "bf16 44 5632" "bf16 12 768"; do
  set -- $c; t=$1; m=$2; d=$3
  for r in 1 16 64; do
    echo "$t d=$d (m=$m) rows=$r default: $(g $t $r --d $d) | g=4: $(g $t $r --d $d $(grp $m $d 4))"
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run372.txt
