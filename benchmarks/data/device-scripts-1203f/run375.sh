#!/usr/bin/env bash
# Device run 375 (2026-12-03), the final build: where the grouped layout's
# rule is unmeasured. m = 20 and 28 at 2^k = 16 and 32 (the default: two
# groups) against four; 2^k = 8 (the default: the old layouts) against two
# and four groups. walsh run --check, graph replay us a call at 16 rows.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc375
grp() { echo "--cross-warp shared --vector-width 1 --row-iters 1 --rows-per-block 1 --elems-per-thread $(($1 / $3)) --threads-per-row $(($3 * $2 / $1))"; }
g() { # dtype rows args...
  local t=$1 r=$2; shift 2
  timeout 60 $B/walsh run --target cuda --dtype $t --rows $r --check --json "$@" 2>/dev/null |
    python3 -c 'import json,sys; j=json.load(sys.stdin); print("%.2f%s" % (j["graph_us"], "" if j["ok"] else "(FAIL)"))' 2>/dev/null || echo ERR
}
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for c in "bf16 20 320" "bf16 28 448" "bf16 20 640" "bf16 28 896" "f32 20 320" "f32 28 896"; do
  set -- $c; t=$1; m=$2; d=$3
  echo "$t d=$d (m=$m) rows=16 default (g=2): $(g $t 16 --d $d) | g=4: $(g $t 16 --d $d $(grp $m $d 4))"
done
for c in "bf16 20 160" "bf16 28 224" "bf16 36 288" "bf16 60 480" "f32 28 224" "f32 60 480"; do
  set -- $c; t=$1; m=$2; d=$3
  echo "$t d=$d (m=$m, 2^k=8) rows=16 default: $(g $t 16 --d $d) | g=2: $(g $t 16 --d $d $(grp $m $d 2)) | g=4: $(g $t 16 --d $d $(grp $m $d 4))"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run375.txt
