#!/usr/bin/env bash
# Builds .device/k76.tar.xz (run 175): the conformance kernels the fp32 352
# default and its new job moved or added against build-k74.sh's set
# (/tmp/conf-k74), ptxas -O3; and the xz bundle of the final build.
set -eu
out=/tmp/k76; rm -rf $out /tmp/conf-k76; mkdir -p $out/conf
WALSH_CUDA_BIN=none WALSH_CACHE_DIR=none bash tests/gpu/gpu-conformance.sh build/bin --compile-only /tmp/conf-k76 >/dev/null
for f in /tmp/conf-k76/*.ptx; do
  b=/tmp/conf-k74/$(basename $f)
  if [ ! -f $b ] || ! cmp -s $f $b; then
    n=$(basename ${f%.ptx})
    cp ${f%.ptx}.json $out/conf/
    ptxas -arch=sm_90 -O3 $f -o $out/conf/$n.cubin
  fi
done
mkdir -p .device && tar cJf .device/k76.tar.xz -C $out .
ls $out/conf/*.cubin
rm -rf /tmp/bundle-xz && mkdir /tmp/bundle-xz && tar xzf build/walsh-bundle.tar.gz -C /tmp/bundle-xz
tar cf - -C /tmp/bundle-xz walsh-bundle | xz -T2 -6 > .device/bundle.tar.xz
