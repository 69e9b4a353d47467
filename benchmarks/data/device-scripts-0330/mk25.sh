#!/usr/bin/env bash
# Device run 25: threadLevel's multiply-add with `contract` (fma.rn) against mul.rn + add.rn. Usage: mk25.sh DIR
set -u
cd /work/main
export WALSH_CACHE_DIR=none
V=.device/v25/$1; rm -rf $V; mkdir -p $V/r65 $V/r16
for dt in bf16 f16 f32; do
  for d in 256 512 768 1536 3072 5120 12288; do ./build/bin/walsh compile --target cuda --dtype $dt --d $d --rows 65536 --out $V/r65 > /dev/null || echo FAILED; done
  for d in 256 768 5120; do ./build/bin/walsh compile --target cuda --dtype $dt --d $d --rows 16384 --out $V/r16 > /dev/null || echo FAILED; done
  ./build/bin/walsh compile --target cuda --dtype $dt --d 1024 --epilogue residual,rmsnorm --rows 16384 --out $V/r16 > /dev/null || echo FAILED
done
for p in $V/*/*.ptx; do echo "$p $(ptxas -arch=sm_90 -v $p -o /dev/null 2>&1 | grep -oE 'Used [0-9]+ registers|[0-9]+ bytes spill stores' | tr '\n' ' ')"; done | sed "s|$V/||; s|_sm_90.ptx||" > $V/regs.txt
rm -f $V/*/*.ptx; du -sh $V
