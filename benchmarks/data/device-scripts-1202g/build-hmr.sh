#!/usr/bin/env bash
# The kernel sets of run312: the split layout with H_m on tensor cores,
# H_m's fragments in registers (hmr, the throwaway WALSH_EXP_HMREG=1) and
# in shared memory (hms, =0), at g = 4 (18432 and 9216 also g = 2).
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets/hmr /tmp/sets/hms
C="--target cuda --dtype bf16 --rows 65536 --cross-warp mma --rows-per-block 1 --vector-width 8"
for v in "hmr 1" "hms 0"; do
  set -- $v
  for s in "13312 416" "11264 352" "9216 288" "15360 480" "18432 288" "18432 576" "9216 576"; do
    set -- $s
    WALSH_EXP_HMREG=${v#* } $W compile $C --d $1 --elems-per-thread $(( $1 / $2 )) --threads-per-row $2 --out /tmp/sets/${v% *} >/dev/null
  done
done
