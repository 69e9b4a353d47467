#!/usr/bin/env bash
# Builds .device/k51.tar.xz (run 135): the 13 GPU conformance kernels whose
# PTX the two-warp defaults moved (list: /tmp/conf-diff-run135.txt, from
# comparing the whole set's PTX before and after), ptxas -O3.
set -eu
out=/tmp/k51; rm -rf $out; mkdir -p $out/conf
for n in $(sed -n 's/^\(NEW\|CHANGED\) \(.*\)\.ptx$/\2/p' /tmp/conf-diff-run135.txt); do
  cp /tmp/conf-after2/$n.json $out/conf/
  ptxas -arch=sm_90 -O3 /tmp/conf-after2/$n.ptx -o $out/conf/$n.cubin
done
mkdir -p .device && tar cJf .device/k51.tar.xz -C $out .
ls -la .device/k51.tar.xz; ls $out/conf/*.json | wc -l
