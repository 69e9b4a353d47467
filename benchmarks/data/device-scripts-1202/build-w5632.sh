#!/usr/bin/env bash
# run262's kernel sets: bf16 d = 5632's forms that keep two warps a row
# (no affine, transposed, f32 and f16 output) as `walsh compile --rows
# 65536` picks them (dflt/) and with one warp a row, eight rows a block
# (cand/: e176 t32 r8 v2 mma, the plain form's default since 8defe51).
# Run from the repository root after ./scripts/build.sh.
set -eu
W=${W:-./build/bin/walsh}
rm -rf /tmp/w5632 && mkdir -p /tmp/w5632/dflt /tmp/w5632/cand
for form in "--no-affine" "--transpose" "--out-dtype f32" "--out-dtype f16"; do
  $W compile --target cuda --dtype bf16 --d 5632 --rows 65536 $form --out /tmp/w5632/dflt
  $W compile --target cuda --dtype bf16 --d 5632 --rows 65536 $form \
    --elems-per-thread 176 --threads-per-row 32 --rows-per-block 8 \
    --vector-width 2 --cross-warp mma --out /tmp/w5632/cand
done
mkdir -p .device && tar cf - -C /tmp w5632 | xz -T2 -6 > .device/w5632.tar.xz
