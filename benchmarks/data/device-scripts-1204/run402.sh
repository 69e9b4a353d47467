#!/usr/bin/env bash
# Device run 402 (2026-12-04): the final compiler of the two-row-buffer
# change. (1) f16 14336's forms on its new default (bf16's layout, H_m on
# tensor cores, two row buffers with a and b) beside its old one
# (`e32t448r1v4m`, the sign program in the split layout): kernels compiled
# here (`walsh compile --target cuda --rows 16384 --d 14336 --dtype f16
# [--no-affine | --transpose]`, the old with its configuration given);
# walsh-gpu checks each on 257 rows and times it beside a copy, two passes
# at 16384 rows, one at 65536. (2) `walsh bench` through the JIT at 7168,
# 11264, 14336, and `walsh tune` over bf16 / f16 9216, 11264 and 14336 at
# 16384 rows (its candidates now with two row buffers where the rule
# gives them). (3) The whole GPU conformance set
# (`tests/gpu/gpu-conformance.sh build/bin --compile-only /tmp/conf402c`
# here), each kernel checked against float64 on 257 rows.
set -u
cd /tmp && rm -rf walsh-bundle conf402 conf402c && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && tar xJf "$OLDPWD/.device/confc.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  echo "== 16384 rows, pass $pass"
  timeout 100 $B/walsh-gpu /tmp/conf402 --check-rows 257 --rows 16384
done
echo "== 65536 rows"
timeout 100 $B/walsh-gpu /tmp/conf402 --check-rows 257 --rows 65536
echo "== walsh bench"
timeout 150 $B/walsh bench --target cuda --sizes 7168,11264,14336 --dtypes bf16,f16 --rows 16384,65536 --decode-rows none
echo "== walsh tune"
timeout 200 $B/walsh tune --target cuda --dtype bf16,f16 --batch 4 --seq 4096 --heads 72,88,112 --head-dim 128 --db /tmp/tune402.json 2>&1 | tail -14
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-hm-two-rows-final-run402.txt
{
date -u +%H:%M:%S
timeout 330 $B/walsh-gpu /tmp/conf402c --check-rows 257 --no-time; echo "walsh-gpu rc=$?"
date -u +%H:%M:%S
} > $OUT/h200-conformance-run402.txt 2>&1
echo "PASS $(grep -c PASS $OUT/h200-conformance-run402.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-run402.txt)"
grep "FAIL\|rror\|rc=" $OUT/h200-conformance-run402.txt | head
