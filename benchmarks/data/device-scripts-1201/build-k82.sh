#!/usr/bin/env bash
# Builds .device/k82.tar.xz (run 185): the conformance kernels the 16-bit
# d = 32768 default moved (new: the bulk default's job), from
# gpu-conformance.sh --compile-only of this build (/tmp/conf-k82; every
# other kernel's PTX is byte-identical to /tmp/conf-k79's), ptxas -O3; and
# the xz bundle of this build.
set -eu
WALSH_CUDA_BIN=none WALSH_CACHE_DIR=none bash tests/gpu/gpu-conformance.sh build/bin --compile-only /tmp/conf-k82 >/dev/null
rm -rf /tmp/k82 && mkdir -p /tmp/k82/conf
for n in outproj_d32768_bf16_e128t256r1v8xi16_sm_90 outproj_d32768_f16_e128t256r1v8xi16_sm_90; do
  cp /tmp/conf-k82/$n.json /tmp/k82/conf/
  ptxas -arch=sm_90 -O3 /tmp/conf-k82/$n.ptx -o /tmp/k82/conf/$n.cubin
done
mkdir -p .device && tar cJf .device/k82.tar.xz -C /tmp/k82 .
ninja -C build bundle
rm -rf /tmp/bundle-xz && mkdir /tmp/bundle-xz && tar xzf build/walsh-bundle.tar.gz -C /tmp/bundle-xz
tar cf - -C /tmp/bundle-xz walsh-bundle | xz -T2 -6 > .device/bundle.tar.xz
