#!/usr/bin/env bash
# Device run 369 (2026-12-03), the build of the half layout (f6713b7 and
# after): elems_per_thread = m / 2, one element of half the dense indices
# a thread, the row's threads two groups, H_m's column halves met through
# shared memory. 1) walsh-gpu checks the 72 kernels of run369-jobs.txt
# (compiled on the VM, .device/conf.tar.xz) on 257 rows. 2) Decode: walsh
# run --json at 1 and 16 rows, default (A) and half layout (H), graph
# replay us a call, two passes alternating. 3) Bulk fp32 and 16-bit sizes
# with a dense factor: fraction of the copy roofline at 65536 and 16384
# rows, A and H alternating, two passes; each form --check'ed first.
set -u
cd /tmp && rm -rf walsh-bundle conf369 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc369
half() { echo "--cross-warp shared --vector-width 1 --elems-per-thread $(($1 / 2)) --threads-per-row $((2 * $2 / $1)) --rows-per-block ${3:-1}"; }
field() { python3 -c "import json,sys; v=json.load(sys.stdin)[\"$1\"]; print(round(v, $2))" 2>/dev/null || echo ERR; }
run() { # field digits dtype rows args...
  local f=$1 n=$2 t=$3 r=$4; shift 4
  timeout 60 $B/walsh run --target cuda --dtype $t --rows $r --json "$@" 2>/dev/null | field $f $n
}
chk() { timeout 60 $B/walsh run --target cuda --rows 257 --check "$@" 2>&1 | tail -1; }
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 200 $B/walsh-gpu /tmp/conf369 --check-rows 257 --no-time > $OUT/h200-half-conformance-run369.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-half-conformance-run369.txt) FAIL $(grep -c FAIL $OUT/h200-half-conformance-run369.txt)"
grep "FAIL\|rror" $OUT/h200-half-conformance-run369.txt | head
date -u +%H:%M:%S
echo "== decode: graph us a call, A (default) | H (half layout)"
for c in "bf16 28 3584" "f16 28 3584" "f32 28 3584" "bf16 20 2560" "f32 20 2560" "bf16 12 1536" "bf16 12 3072" "bf16 12 768"; do
  set -- $c; t=$1; m=$2; d=$3
  for r in 1 16; do
    a=""; h=""
    for p in 1 2; do
      a="$a $(run graph_us 2 $t $r --d $d)"
      h="$h $(run graph_us 2 $t $r --d $d $(half $m $d))"
    done
    echo "$t d=$d rows=$r A:$a | H:$h"
  done
done
date -u +%H:%M:%S
echo "== bulk: fraction of the copy roofline, A (default) | H (half layout)"
for c in "f32 60 7680" "f32 52 6656" "f32 44 5632" "f32 60 3840" "f32 36 4608" "f32 52 1664" "f32 60 15360" "f32 52 13312" "bf16 60 7680" "bf16 52 6656" "bf16 60 15360"; do
  set -- $c; t=$1; m=$2; d=$3
  echo "-- $t d=$d check A: $(chk --dtype $t --d $d) | H: $(chk --dtype $t --d $d $(half $m $d))"
  for r in 65536 16384; do
    a=""; h=""
    for p in 1 2; do
      a="$a $(run roofline_fraction 2 $t $r --d $d)"
      h="$h $(run roofline_fraction 2 $t $r --d $d $(half $m $d))"
    done
    echo "$t d=$d rows=$r A:$a | H:$h"
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run369.txt
