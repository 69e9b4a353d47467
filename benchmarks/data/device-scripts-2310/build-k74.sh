#!/usr/bin/env bash
# Builds .device/k74.tar.xz (run 173): the GPU conformance kernels that
# fp32 H_m on tensor cores moved or added (their PTX compared file by file
# with the build before, /tmp/conf-base: `gpu-conformance.sh --compile-only`
# of each), cubins by ptxas -O3 (as the compiler assembles them); and the
# whole bundle recompressed with xz (.device/bundle.tar.xz: the gzip bundle
# and the tree passed the 64 MB a call carries).
set -eu
out=/tmp/k74; rm -rf $out /tmp/conf-k74; mkdir -p $out/conf
WALSH_CUDA_BIN=none WALSH_CACHE_DIR=none bash tests/gpu/gpu-conformance.sh build/bin --compile-only /tmp/conf-k74 >/dev/null
for f in /tmp/conf-k74/*.ptx; do
  b=/tmp/conf-base/$(basename $f)
  if [ ! -f $b ] || ! cmp -s $f $b; then
    n=$(basename ${f%.ptx})
    cp ${f%.ptx}.json $out/conf/
    ptxas -arch=sm_90 -O3 $f -o $out/conf/$n.cubin
  fi
done
mkdir -p .device && tar cJf .device/k74.tar.xz -C $out .
ls $out/conf/*.cubin | wc -l
rm -rf /tmp/bundle-xz && mkdir /tmp/bundle-xz && tar xzf build/walsh-bundle.tar.gz -C /tmp/bundle-xz
tar cf - -C /tmp/bundle-xz walsh-bundle | xz -T2 -6 > .device/bundle.tar.xz
ls -la .device
