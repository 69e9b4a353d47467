#!/usr/bin/env bash
# Builds .device/k79.tar.xz (run 179): the conformance kernels that 1792's
# four rows a block (16-bit tiles) moved against the set before
# (/tmp/conf-k77), ptxas -O3; and the xz bundle of this build.
set -eu
out=/tmp/k79; rm -rf $out /tmp/conf-k79; mkdir -p $out/conf
WALSH_CUDA_BIN=none WALSH_CACHE_DIR=none bash tests/gpu/gpu-conformance.sh build/bin --compile-only /tmp/conf-k79 >/dev/null
for f in /tmp/conf-k79/*.ptx; do
  b=/tmp/conf-k77/$(basename $f)
  if [ ! -f $b ] || ! cmp -s $f $b; then
    n=$(basename ${f%.ptx})
    cp ${f%.ptx}.json $out/conf/
    ptxas -arch=sm_90 -O3 $f -o $out/conf/$n.cubin
  fi
done
mkdir -p .device && tar cJf .device/k79.tar.xz -C $out .
ls $out/conf/*.cubin
rm -rf /tmp/bundle-xz && mkdir /tmp/bundle-xz && tar xzf build/walsh-bundle.tar.gz -C /tmp/bundle-xz
tar cf - -C /tmp/bundle-xz walsh-bundle | xz -T2 -6 > .device/bundle.tar.xz
