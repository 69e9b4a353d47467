#!/usr/bin/env bash
# Device run 360 (2026-12-03): f16 rows' split-layout m-point stage on
# tensor cores from one f16 piece of z / (16 C) instead of bf16 hi + lo (a
# throwaway switch, WALSH_EXP_F16HM, in the bundle's compiler). For each
# size: --check on 257 rows of the f16 default (A) and of the one-piece
# form on bf16's configuration (B; for 13312 also C, one piece on f16's
# default configuration), then walsh run --json at 16384 and 65536 rows,
# the forms alternating, two passes: fraction of the copy roofline.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
frac() { # rows, env ("-" none), args...
  local rows=$1 e=$2; shift 2
  if [ "$e" = - ]; then e=X=0; fi
  env $e $B/walsh run --target cuda --dtype f16 --rows $rows --json "$@" 2>/dev/null |
    python3 -c 'import json,sys; print(round(json.load(sys.stdin)["roofline_fraction"], 2))' 2>/dev/null || echo ERR
}
chk() { # env, args...
  local e=$1; shift
  if [ "$e" = - ]; then e=X=0; fi
  env $e $B/walsh run --target cuda --dtype f16 --rows 257 --check "$@" 2>&1 | tail -1
}
{
nvidia-smi --query-gpu=name,clocks.sm,power.draw --format=csv,noheader
date -u +%H:%M:%S
for c in "9216 16 576" "11264 32 352" "13312 16 832" "14336 32 448" "15360 32 480" "18432 32 576" "28672 32 896" "7168 16 448"; do
  set -- $c; d=$1
  bcfg="--cross-warp mma --elems-per-thread $2 --threads-per-row $3 --vector-width 8"
  echo "== f16 d=$d (B: one piece, e$2 t$3 v8)"
  echo "check A: $(chk - --d $d)"
  echo "check B: $(chk WALSH_EXP_F16HM=1 --d $d $bcfg)"
  [ $d = 13312 ] && echo "check C: $(chk WALSH_EXP_F16HM=1 --d $d)"
  for rows in 16384 65536; do
    a=""; bb=""; cc=""
    for p in 1 2; do
      a="$a $(frac $rows - --d $d)"
      bb="$bb $(frac $rows WALSH_EXP_F16HM=1 --d $d $bcfg)"
      [ $d = 13312 ] && cc="$cc $(frac $rows WALSH_EXP_F16HM=1 --d $d)"
    done
    echo "rows=$rows A(default):$a | B(one piece, bf16 cfg):$bb${cc:+ | C(one piece, f16 cfg):$cc}"
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run360.txt
