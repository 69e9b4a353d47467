#!/usr/bin/env bash
# Device run 20: the m-point stage by sign program (n) against the dense product (o: WALSH_DENSE_M=1).
set -u
cd /work/main
export WALSH_CACHE_DIR=none
V=.device/v20; rm -rf $V; mkdir -p $V/n65 $V/o65 $V/n16 $V/o16
c() { env $1 ./build/bin/walsh compile --target cuda "${@:3}" --out $V/$2 > /dev/null || echo "FAILED $*"; }
for dt in bf16 f16 f32; do
  for d in 768 1536 3072 5120 12288 20480; do
    c X=1 n65 --dtype $dt --d $d --rows 65536; c WALSH_DENSE_M=1 o65 --dtype $dt --d $d --rows 65536
  done
  for d in 768 5120 12288 24576; do
    c X=1 n16 --dtype $dt --d $d --rows 16384; c WALSH_DENSE_M=1 o16 --dtype $dt --d $d --rows 16384
  done
done
for p in $V/*/*.ptx; do echo "$p $(ptxas -arch=sm_90 -v $p -o /dev/null 2>&1 | grep -oE 'Used [0-9]+ registers|[0-9]+ bytes spill stores' | tr '\n' ' ')"; done | sed "s|$V/||; s|_sm_90.ptx||"
rm -f $V/*/*.ptx; du -sh $V
