#!/usr/bin/env bash
# Makes .device/gpu-slim.tar.xz (runs 172, 174, 178): the bundle
# (`ninja -C build bundle`) without libwalsh, walsh, walsh-opt and the C
# API test, xz-compressed: walsh-gpu and the LLVM libraries it loads.
set -eu
rm -rf /tmp/slim && mkdir /tmp/slim && tar xzf build/walsh-bundle.tar.gz -C /tmp/slim
rm -f /tmp/slim/walsh-bundle/lib/libwalsh.so /tmp/slim/walsh-bundle/bin/walsh \
  /tmp/slim/walsh-bundle/bin/walsh-opt /tmp/slim/walsh-bundle/tests/walsh-capi-test
mkdir -p .device && tar cf - -C /tmp/slim walsh-bundle | xz -T2 -6 > .device/gpu-slim.tar.xz
ls -la .device/gpu-slim.tar.xz
