#!/usr/bin/env bash
# Device run 378 (2026-12-03): the grouped layout's clusters of 2 ... 8
# blocks splitting H_m's outputs (and the build's default, a cluster of two
# at 2^k = 64 and 128 from m = 20). walsh-gpu checks the kernels of
# run378-jobs.txt (.device/conf.tar.xz) on 257 rows; then walsh run --check,
# graph replay us a call at 1 / 16 / 64 rows for each line of
# run378-timing.txt (m, 2^k, groups, cluster) and the default.
set -u
cd /tmp && rm -rf walsh-bundle conf378 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
S=benchmarks/data/device-scripts-1203g
export WALSH_CACHE_DIR=/tmp/wc378
g() { # dtype rows args...
  local t=$1 r=$2; shift 2
  timeout 60 $B/walsh run --target cuda --dtype $t --rows $r --check --json "$@" 2>/dev/null |
    python3 -c 'import json,sys; j=json.load(sys.stdin); print("%.2f%s" % (j["graph_us"], "" if j["ok"] else "(FAIL)"))' 2>/dev/null || echo ERR
}
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 120 $B/walsh-gpu /tmp/conf378 --check-rows 257 --no-time > $OUT/h200-cluster-split-conformance-run378.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-cluster-split-conformance-run378.txt) FAIL $(grep -c FAIL $OUT/h200-cluster-split-conformance-run378.txt)"
grep "FAIL\|rror" $OUT/h200-cluster-split-conformance-run378.txt | head
last=""
while read -r m p grp c; do
  d=$((m * p))
  for t in bf16 f32; do
    if [ "$d" != "$last" ]; then
      echo "$t d=$d (m=$m, 2^k=$p) default: $(g $t 1 --d $d) / $(g $t 16 --d $d) / $(g $t 64 --d $d)"
    fi
    a="--elems-per-thread $((m / grp)) --threads-per-row $((grp * p)) --rows-per-block 1 --vector-width 1 --cross-warp shared --row-iters 1 --cluster $c"
    echo "$t d=$d g=$grp cluster=$c: $(g $t 1 --d $d $a) / $(g $t 16 --d $d $a) / $(g $t 64 --d $d $a)"
  done
  last=$d
done < $S/run378-timing.txt
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run378.txt
