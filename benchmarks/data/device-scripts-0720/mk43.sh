#!/usr/bin/env bash
# Kernels for device run 43 (2026-11-30): the 16-bit defaults with row
# groups, built by this tree (new/: the affine table) or, with `mk43.sh
# old`, by the commit before it (old/).
set -u
cd /work/main
export WALSH_CACHE_DIR=none
W=./build/bin/walsh
V=.device/v43/${1:-new}; rm -rf $V; mkdir -p $V/r16 $V/r65
for dt in bf16 f16; do
  for d in 256 512 768 1024 1536 2048 4096 8192; do
    $W compile --target cuda --dtype $dt --d $d --rows 16384 --out $V/r16 > /dev/null || echo FAILED
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $V/r65 > /dev/null || echo FAILED
  done
  for pro in "--layout bhsd" "--row-sum"; do
    $W compile --target cuda --dtype $dt --heads 32 --head-dim 128 $pro --rows 16384 --out $V/r16 > /dev/null || echo FAILED
  done
done
find $V -name '*.ptx' -delete
grep -h -o '"shared_bytes": [0-9]*' $V/r16/*.json | sort | uniq -c | tr '\n' ' '; echo
