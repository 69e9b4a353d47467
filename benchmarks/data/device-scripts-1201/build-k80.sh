#!/usr/bin/env bash
# Builds .device/k80.tar.xz (run 183): 16-bit kernels of more than 64 values
# a thread (past walsh tune's cap), every config gen-wide.py finds that
# compiles and that ptxas -O3 assembles without a spill, beside the
# defaults: a/ 3328 ... 8192 (timed at 65536 rows), b/ 16384 and 32768
# (16384 rows). bf16.
set -eu
rm -rf /tmp/ex/k1 /tmp/ex/k2 && mkdir -p /tmp/ex/k2/a /tmp/ex/k2/b
d=benchmarks/data/device-scripts-1201
python3 $d/gen-wide.py 6144,7168,3328,4608,5632,6656,7680,8192 /tmp/ex/k1
python3 $d/gen-wide.py 16384,32768 /tmp/ex/k1
for f in /tmp/ex/k1/*; do
  case $(basename $f) in *d16384_*|*d32768_*) cp $f /tmp/ex/k2/b/ ;; *) cp $f /tmp/ex/k2/a/ ;; esac
done
export WALSH_CACHE_DIR=none WALSH_CUDA_BIN=none
for d in 3328 4608 5632 6144 6656 7168 7680 8192; do
  build/bin/walsh compile --target cuda --dtype bf16 --d $d --rows 65536 --out /tmp/ex/k2/a >/dev/null
done
for d in 16384 32768; do
  build/bin/walsh compile --target cuda --dtype bf16 --d $d --rows 16384 --out /tmp/ex/k2/b >/dev/null
done
for f in /tmp/ex/k2/*/*.ptx; do ptxas -arch=sm_90 -O3 $f -o ${f%.ptx}.cubin; rm $f; done
mkdir -p .device && tar cJf .device/k80.tar.xz -C /tmp/ex/k2 .
