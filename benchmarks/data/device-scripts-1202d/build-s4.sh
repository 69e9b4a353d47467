#!/usr/bin/env bash
# run293's kernels (the build with stage 2 from one piece for bf16 H_m on
# tensor cores at m <= 28 too): /tmp/s4/bf16-<form> the bf16 defaults at
# 2^k = 16 and 32 with m <= 28 that changed (as given, transposed,
# without a and b); /tmp/s4/f16-tobf16 f16 rows to a bf16 output wherever
# H_m on tensor cores now takes one piece for it.
set -eu
W=${W:-./build/bin/walsh}
O=/tmp/s4; rm -rf $O; mkdir -p $O
export WALSH_CACHE_DIR=none
for form in plain transpose noaffine; do
  case $form in plain) args="";; transpose) args="--transpose";; noaffine) args="--no-affine";; esac
  mkdir -p $O/bf16-$form
  for d in 192 320 384 448 640 896; do
    $W compile --target cuda --dtype bf16 --d $d --rows 65536 $args --out $O/bf16-$form >/dev/null
  done
done
mkdir -p $O/f16-tobf16
for d in 192 320 384 448 640 896 768 2816 3328 3840 4608 5120 5632 6656 7680; do
  $W compile --target cuda --dtype f16 --d $d --rows 65536 --out-dtype bf16 --out $O/f16-tobf16 >/dev/null
done
