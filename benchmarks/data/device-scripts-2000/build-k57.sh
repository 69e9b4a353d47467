#!/usr/bin/env bash
# Builds .device/k57.tar.xz (run 146): the GPU conformance kernels the fp32
# row-group rule added (list: /tmp/conf-diff5.txt, from comparing the whole
# set's PTX before and after; no other kernel's PTX moved), ptxas -O3.
set -eu
out=/tmp/k57; rm -rf $out; mkdir -p $out/conf
for n in $(sed -n 's/^\(NEW\|CHANGED\) \(.*\)\.ptx$/\2/p' /tmp/conf-diff5.txt); do
  cp /tmp/conf-after/$n.json $out/conf/
  ptxas -arch=sm_90 -O3 /tmp/conf-after/$n.ptx -o $out/conf/$n.cubin
done
mkdir -p .device && tar cJf .device/k57.tar.xz -C $out .
ls -la .device/k57.tar.xz; ls $out/conf/*.json | wc -l
