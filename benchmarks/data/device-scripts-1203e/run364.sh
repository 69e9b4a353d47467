#!/usr/bin/env bash
# Device run 364 (2026-12-03): H_m on tensor cores' stage 2 for f16 rows to
# f16 as one f16 piece, f16(C / S) with S the power of two at or past C's
# fan-in (a throwaway switch, WALSH_EXP_F16P=1, in the bundle's compiler),
# where f16 took bf16 hi + lo (P = 8, m <= 28) or one tf32 piece (P >= 64).
# For each size: --check on 257 rows of the default (A) and of the f16
# piece (B; C: the f16 piece on bf16's configuration where it differs),
# then walsh run --json at 65536 and 16384 rows, the forms alternating,
# two passes: fraction of the copy roofline. Separate cache directories
# per form (the switch is not in the cache key).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
mkdir -p /tmp/wcA /tmp/wcB /tmp/wcbf
frac() { # dtype rows cache env args...
  local t=$1 rows=$2 c=$3 e=$4; shift 4
  env WALSH_CACHE_DIR=$c $e $B/walsh run --target cuda --dtype $t --rows $rows --json "$@" 2>/dev/null |
    python3 -c 'import json,sys; print(round(json.load(sys.stdin)["roofline_fraction"], 2))' 2>/dev/null || echo ERR
}
chk() { # cache env args...
  local c=$1 e=$2; shift 2
  env WALSH_CACHE_DIR=$c $e $B/walsh run --target cuda --dtype f16 --rows 257 --check "$@" 2>&1 | tail -1
}
{
nvidia-smi --query-gpu=name,clocks.sm,power.draw --format=csv,noheader
date -u +%H:%M:%S
for c in "416 -" "320 -" "288 -" "480 -" "96 -" "160 -" "224 -" "352 -" "192 -" "384 -" "448 -" "640 -" "896 -" \
         "6656 -" "7680 88:60:128:2" "5632 88:88:64:2" "3328 -" "3840 -" "4608 -" "3584 -" "5120 -" "2816 -" "768 -"; do
  set -- $c; d=$1; bc=$2
  cargs=""
  if [ "$bc" != - ]; then IFS=: read -r _ e t r <<< "$bc"; cargs="--cross-warp mma --vector-width 2 --elems-per-thread $e --threads-per-row $t --rows-per-block $r"; fi
  echo "== f16 d=$d${cargs:+ (C: $cargs)}"
  echo "check A: $(chk /tmp/wcA X=0 --d $d)"
  echo "check B: $(chk /tmp/wcB WALSH_EXP_F16P=1 --d $d)"
  [ -n "$cargs" ] && echo "check C: $(chk /tmp/wcB WALSH_EXP_F16P=1 --d $d $cargs)"
  for rows in 65536 16384; do
    a=""; bb=""; cc=""
    for p in 1 2; do
      a="$a $(frac f16 $rows /tmp/wcA X=0 --d $d)"
      bb="$bb $(frac f16 $rows /tmp/wcB WALSH_EXP_F16P=1 --d $d)"
      [ -n "$cargs" ] && cc="$cc $(frac f16 $rows /tmp/wcB WALSH_EXP_F16P=1 --d $d $cargs)"
    done
    bf=$(frac bf16 $rows /tmp/wcbf X=0 --d $d)
    echo "rows=$rows A(default):$a | B(f16 piece):$bb${cc:+ | C(f16 piece, bf16 cfg):$cc} | bf16 default: $bf"
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run364.txt
