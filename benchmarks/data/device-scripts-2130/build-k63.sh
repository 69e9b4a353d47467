#!/usr/bin/env bash
# Builds .device/k63.tar.xz (run 157). dflt/ and probe/: H_m on tensor cores
# at 2^k = 8, the defaults against a probe (WALSH_PROBE_P8, a throwaway
# switch in that build only) storing each full block's two words a lane as
# one 8-byte access at the wrong places (those FAIL; only the time counts).
# rpb/: m = 12 over 8, 16 and 32 positions with 1, 2, 4 and 8 rows a block
# (walsh tune, run156: 384 took two rows a block, 1.09 x). ptxas -O3.
set -eu
W=./build/bin/walsh
out=/tmp/k63; rm -rf $out; mkdir -p $out/dflt $out/probe $out/rpb
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for dt in bf16 f16; do
  for d in 160 224 288 352 416 480; do
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/dflt >/dev/null
    WALSH_PROBE_P8=1 $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $out/probe >/dev/null
  done
  for d in 96 192 384; do
    for r in 1 2 4 8; do
      $W compile --target cuda --dtype $dt --d $d --cross-warp mma --vector-width 2 --threads-per-row 32 --elems-per-thread $((d / 32)) --rows-per-block $r --out $out/rpb >/dev/null
    done
  done
done
for s in dflt probe rpb; do
  for f in $out/$s/*.ptx; do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f; done
done
mkdir -p .device && tar cJf .device/k63.tar.xz -C $out .
ls -la .device/k63.tar.xz; for s in $out/*; do echo "$(basename $s) $(ls $s/*.json | wc -l)"; ls $s | head -3; done
