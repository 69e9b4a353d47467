#!/usr/bin/env bash
# run316's kernel sets: 'vector_width' = 8 at shapes the rule leaves to the
# sign program (hv: bf16 7168 g = 2, 11264 g = 2, 10240 g = 2, 20480 g = 1;
# f16 14336 g = 2, 20480 g = 1, 7168 g = 4), the defaults beside (hd).
set -eu
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets && mkdir -p /tmp/sets/hv /tmp/sets/hd
for s in "bf16 7168 448" "bf16 11264 704" "bf16 10240 320" "bf16 20480 640" "f16 14336 448" "f16 20480 640" "f16 7168 224"; do
  set -- $s
  $W compile --target cuda --dtype $1 --d $2 --rows 65536 --cross-warp mma --vector-width 8 --rows-per-block 1 \
    --threads-per-row $3 --elems-per-thread $(( $2 / $3 )) --out /tmp/sets/hv >/dev/null || echo "refused: $s"
  $W compile --target cuda --dtype $1 --d $2 --rows 65536 --out /tmp/sets/hd >/dev/null
done
