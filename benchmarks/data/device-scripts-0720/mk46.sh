#!/usr/bin/env bash
# Kernels for device run 46 (2026-11-30): issue 7's set at d = 4096, 16384
# rows (32 heads of 128), every dtype, defaults, from this tree.
set -u
cd /work/main
export WALSH_CACHE_DIR=none
W=./build/bin/walsh
V=/tmp/devstage/v46; rm -rf $V; mkdir -p $V
H="--heads 32 --head-dim 128 --rows 16384"
for dt in bf16 f16 f32; do
  for k in "" "--layout bhsd" "--row-sum" "--splits 4" "--epilogue residual,rmsnorm" "--epilogue residual,layernorm" \
           "--layout bhsd --epilogue residual,rmsnorm" "--splits 4 --epilogue residual,rmsnorm" "--row-sum --epilogue residual,rmsnorm"; do
    $W compile --target cuda --dtype $dt $H $k --out $V > /dev/null || echo "FAILED $dt $k"
  done
done
for dt in bf16 f16; do $W compile --target cuda --dtype $dt $H --out-dtype f32 --epilogue residual,rmsnorm --out $V > /dev/null || echo FAILED; done
find $V -name '*.ptx' -delete; ls $V | grep -c json
(cd /tmp/devstage && tar cJf /work/main/.device/v46.tar.xz v46)
