#!/usr/bin/env bash
# Device run 447 (2026-12-04): the H200 machine's host CPU (Sapphire
# Rapids, AVX-512), one thread, the bundle of 0b45561's code with a
# throwaway switch (WALSH_X_CPU_WHOLE=1: H_m's whole sign program instead
# of cpuHmRowBlocks' row blocks): `walsh bench --target cpu` over the m >=
# 36 sizes of 64 and 128 positions, f32 (and bf16 at three), row blocks
# and whole alternating, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
lscpu | grep "Model name"
for pass in 1 2; do
  for mode in rows whole; do
    echo "== f32, $mode, pass $pass"
    if [ $mode = whole ]; then export WALSH_X_CPU_WHOLE=1; else unset WALSH_X_CPU_WHOLE; fi
    timeout 120 $B/walsh bench --target cpu --sizes 2304,4608,2816,5632,3328,6656,3840,7680 --dtypes f32 --threads 1 --no-dense 2>&1 | grep "^f32\|rror"
    echo "== bf16, $mode, pass $pass"
    timeout 60 $B/walsh bench --target cpu --sizes 2304,3328,3840 --dtypes bf16 --threads 1 --no-dense 2>&1 | grep "^bf16\|rror"
  done
done
unset WALSH_X_CPU_WHOLE
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-host-cpu-row-blocks-run447.txt
