#!/usr/bin/env bash
# Device run 370 (2026-12-03), the bundle of run369: decode rows (16, and
# 64 for bf16) of every d = m 2^k with 2^k = 16 ... 256 up to 7680, bf16
# and fp32: graph replay us a call of the default (A) and the half layout
# (H), each checked on the rows it is timed on first (walsh run --check
# at 16 rows).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc370
half() { echo "--cross-warp shared --vector-width 1 --elems-per-thread $(($1 / 2)) --threads-per-row $((2 * $2 / $1)) --rows-per-block 1 --row-iters 1"; }
g() { # dtype rows args...
  local t=$1 r=$2; shift 2
  timeout 60 $B/walsh run --target cuda --dtype $t --rows $r --check --json "$@" 2>/dev/null |
    python3 -c 'import json,sys; j=json.load(sys.stdin); print("%.2f%s" % (j["graph_us"], "" if j["ok"] else "(FAIL)"))' 2>/dev/null || echo ERR
}
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for p in 16 32 64 128 256; do
  for m in 12 20 28 36 44 52 60; do
    d=$((m * p)); [ $d -gt 7680 ] && continue
    for t in bf16 f32; do
      for r in 16 64; do
        [ $t = f32 ] && [ $r = 64 ] && continue
        echo "$t d=$d (m=$m, 2^k=$p) rows=$r A: $(g $t $r --d $d) | H: $(g $t $r --d $d $(half $m $d))"
      done
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run370.txt
