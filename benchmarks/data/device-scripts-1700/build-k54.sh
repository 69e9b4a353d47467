#!/usr/bin/env bash
# Builds .device/k54.tar.xz (run 138): the GPU conformance kernels whose
# PTX the 16-bit tables moved (list: /tmp/conf-diff3.txt, from
# comparing the whole set's PTX before and after), ptxas -O3.
set -eu
out=/tmp/k54; rm -rf $out; mkdir -p $out/conf
for n in $(sed -n 's/^\(NEW\|CHANGED\) \(.*\)\.ptx$/\2/p' /tmp/conf-diff3.txt); do
  cp /tmp/conf-after3/$n.json $out/conf/
  ptxas -arch=sm_90 -O3 /tmp/conf-after3/$n.ptx -o $out/conf/$n.cubin
done
mkdir -p .device && tar cJf .device/k54.tar.xz -C $out .
ls -la .device/k54.tar.xz; ls $out/conf/*.json | wc -l
