#!/usr/bin/env bash
# run348's sets (2026-12-03): the kernels run347's sweep read 0.03-0.05
# below run326's (H_m on tensor cores at 416, 448, 320, fp32 288 and 1664;
# 512 and f16 128, whose kernels the change does not touch, as controls)
# and f16 3328, compiled by one build into /tmp/sets4/$TAG/r<rows>: TAG
# old with be92851's HmMmaKernel.cpp, MmaKernel.cpp and MmaBuilder.h, new
# with the final ones. Usage: build-348.sh TAG [walsh]. No .ptx.
set -eu
TAG=$1
W=${2:-build/bin/walsh}
export WALSH_CACHE_DIR=none
for rows in 16384 65536; do
  o=/tmp/sets4/$TAG/r$rows; rm -rf $o; mkdir -p $o
  for dt in bf16 f16; do
    for d in 320 416 448 512 3328; do
      $W compile --target cuda --dtype $dt --d $d --rows $rows --out $o >/dev/null
    done
  done
  $W compile --target cuda --dtype f16 --d 128 --rows $rows --out $o >/dev/null
  for d in 288 1664 1920; do
    $W compile --target cuda --dtype f32 --d $d --rows $rows --out $o >/dev/null
  done
done
find /tmp/sets4/$TAG -name "*.ptx" -delete
