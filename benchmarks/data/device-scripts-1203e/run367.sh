#!/usr/bin/env bash
# Device run 367 (2026-12-03), the bundle of d9fe498: f16 rows to a bf16
# output at 5632 and 7680, whose default layouts followed f16 to f16's
# (run364) untimed: the old layout (A) against the new default (B), each
# checked on 257 rows, then walsh run --json at 65536 and 16384 rows, two
# alternating passes, fraction of the copy roofline.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
frac() { # rows args...
  local rows=$1; shift
  $B/walsh run --target cuda --dtype f16 --out-dtype bf16 --rows $rows --json "$@" 2>/dev/null |
    python3 -c 'import json,sys; print(round(json.load(sys.stdin)["roofline_fraction"], 2))' 2>/dev/null || echo ERR
}
{
date -u +%H:%M:%S
for c in "5632 176:32:8" "7680 60:128:1"; do
  set -- $c; d=$1; IFS=: read -r e t r <<< "$2"
  old="--cross-warp mma --vector-width 2 --elems-per-thread $e --threads-per-row $t --rows-per-block $r"
  echo "== f16 -> bf16 d=$d (A: e$e t$t r$r)"
  echo "check A: $($B/walsh run --target cuda --dtype f16 --out-dtype bf16 --rows 257 --check --d $d $old 2>&1 | tail -1)"
  echo "check B: $($B/walsh run --target cuda --dtype f16 --out-dtype bf16 --rows 257 --check --d $d 2>&1 | tail -1)"
  for rows in 65536 16384; do
    a=""; bb=""
    for p in 1 2; do
      a="$a $(frac $rows --d $d $old)"
      bb="$bb $(frac $rows --d $d)"
    done
    echo "rows=$rows A(old layout):$a | B(new default):$bb"
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run367.txt
