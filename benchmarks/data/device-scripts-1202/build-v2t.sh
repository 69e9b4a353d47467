#!/usr/bin/env bash
# run263's kernel sets: the split layout's m-point stage with pieces of V2
# positions forced by a throwaway switch (WALSH_EXP_V2, read by
# splitPieceWidth(), removed afterwards): bf16 12288 and 6144 (m = 12;
# default V2 = 4) at 2, 4, 8; bf16 and f32 10240 (m = 20; default 2) at 1,
# 2, 4 (bf16 8 too); and the fp32 7680 and bf16 32768 defaults for ncu.
set -eu
ROOT=$PWD
W=${W:-$ROOT/build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/v2t && mkdir -p /tmp/v2t && cd /tmp/v2t
for v in 1 2 4 8; do mkdir -p v$v; done
for d in 12288 6144 10240; do for v in 2 4 8; do
  WALSH_EXP_V2=$v $W compile --target cuda --dtype bf16 --d $d --rows 65536 --out v$v
done; done
WALSH_EXP_V2=1 $W compile --target cuda --dtype bf16 --d 10240 --rows 65536 --out v1
for v in 1 2 4; do
  WALSH_EXP_V2=$v $W compile --target cuda --dtype f32 --d 10240 --rows 65536 --out v$v
done
mkdir -p p7680 p32768
$W compile --target cuda --dtype f32 --d 7680 --rows 65536 --out p7680
$W compile --target cuda --dtype bf16 --d 32768 --rows 65536 --out p32768
cd /tmp && tar cf - v2t | xz -T2 -6 > "$ROOT/.device/v2t.tar.xz"
