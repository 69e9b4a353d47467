#!/usr/bin/env bash
# Device run 261 (2026-12-01): the build with the new bf16 defaults (8192
# without row groups, 5632 one warp a row and eight rows a block): every
# form of them the conformance test compiles (affine, no affine, H^T,
# output casts; .device/nd.tar.xz, compiled on the VM with `walsh compile
# --target cuda --dtype bf16 --d 5632|8192 [--no-affine|--transpose|
# --out-dtype f32|f16]`) checked by walsh-gpu on 257 rows and timed at
# 65536 and 16384 rows; then walsh bench at 5632 and 8192 with cuBLAS.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/nd && tar xJf .device/nd.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
for rows in 65536 16384; do
  $B/walsh-gpu /tmp/nd --check-rows 257 --rows $rows 2>&1 | grep -v "^device"
done
date -u +%H:%M:%S
$B/walsh bench --target cuda --sizes 5632,8192 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none 2>&1 | tail -12
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run261.txt
