#!/usr/bin/env bash
# Device run 377 (2026-12-03): the grouped layout with 'cluster' = 2, the
# cluster's two blocks splitting H_m's outputs. walsh-gpu checks the
# kernels of run377-jobs.txt (.device/conf.tar.xz) on 257 rows; then walsh
# run --check, graph replay us a call at 1 and 16 rows, the default against
# two groups and a cluster of two.
set -u
cd /tmp && rm -rf walsh-bundle conf377 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc377
cl() { echo "--cross-warp shared --vector-width 1 --row-iters 1 --rows-per-block 1 --elems-per-thread $(($1 / 2)) --threads-per-row $((2 * $2 / $1)) --cluster 2"; }
g() { # dtype rows args...
  local t=$1 r=$2; shift 2
  timeout 60 $B/walsh run --target cuda --dtype $t --rows $r --check --json "$@" 2>/dev/null |
    python3 -c 'import json,sys; j=json.load(sys.stdin); print("%.2f%s" % (j["graph_us"], "" if j["ok"] else "(FAIL)"))' 2>/dev/null || echo ERR
}
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 90 $B/walsh-gpu /tmp/conf377 --check-rows 257 --no-time > $OUT/h200-cluster-grouped-conformance-run377.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-cluster-grouped-conformance-run377.txt) FAIL $(grep -c FAIL $OUT/h200-cluster-grouped-conformance-run377.txt)"
grep "FAIL\|rror" $OUT/h200-cluster-grouped-conformance-run377.txt | head
for t in bf16 f32; do
for c in "60 3840" "52 3328" "44 2816" "36 2304" "28 1792" "20 1280" "12 768" "28 3584" "20 2560" "36 4608" "44 5632" "52 6656" "60 7680" "60 1920" "60 960"; do
  set -- $c; m=$1; d=$2
  echo "$t d=$d (m=$m) 1/16 rows: default $(g $t 1 --d $d) $(g $t 16 --d $d) | cluster 2: $(g $t 1 --d $d $(cl $m $d)) $(g $t 16 --d $d $(cl $m $d))"
done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run377.txt
