#!/usr/bin/env bash
# Builds .device/k67.tar.xz (run 162): the GPU conformance kernels that H_m
# on tensor cores as the default at 768 (from 32768 rows) and 2816 moved
# (gpu-conformance.sh --compile-only, before and after, compared file by
# file; list: /tmp/conf-diff11.txt). ptxas -O3.
set -eu
out=/tmp/k67; rm -rf $out; mkdir -p $out/conf
for n in $(sed -n 's/^\(NEW\|CHANGED\) \(.*\)\.ptx$/\2/p' /tmp/conf-diff11.txt); do
  cp /tmp/conf-new3/$n.json $out/conf/
  ptxas -arch=sm_90 -O3 /tmp/conf-new3/$n.ptx -o $out/conf/$n.cubin
done
mkdir -p .device && tar cJf .device/k67.tar.xz -C $out .
ls -la .device/k67.tar.xz; ls $out/conf/*.json | wc -l
