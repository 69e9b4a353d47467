#!/usr/bin/env bash
# Device run 200 (2026-12-01): the cluster stage as a push (each block
# stores its vectors into the finishing block's shared memory before one
# barrier) against the pull of runs 194-199 (each block read the others'
# slices after a barrier, and a second barrier ended the kernel).
# 1. walsh-gpu checks gen-cluster.sh's set (kcl2) and the 19 conformance
#    kernels with a cluster (k88; every other conformance kernel's PTX is
#    byte-identical to k87's) on 257 rows.
# 2. walsh run --json graph_us of the decode defaults with a cluster, new
#    (push) and old (pull, .device/before.tar.xz) side by side, two passes
#    in alternating order.
set -u
cd /tmp && rm -rf walsh-bundle kcl2 k88 before && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/kcl2.tar.xz" && tar xJf "$OLDPWD/.device/before.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
NEWLIB=/tmp/walsh-bundle/lib
OLDLIB=/tmp/before/lib:/tmp/walsh-bundle/lib
{
date -u +%H:%M:%S
stdbuf -oL timeout 200 $B/walsh-gpu /tmp/kcl2 --check-rows 257 --no-time | grep -v " PASS "; echo "kcl2: $(timeout 200 $B/walsh-gpu /tmp/kcl2 --check-rows 257 --no-time | grep -c ' PASS ') PASS"
stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k88 --check-rows 257 --no-time; echo "k88 rc=$?"
g() { python3 -c "import json,sys; j=json.load(sys.stdin); print('%.2f' % j['graph_us'], j['cluster'], 'ok' if j['ok'] else 'FAIL')"; }
for pass in 1 2; do
  for shape in "f32 8192" "f32 16384" "f32 32768" "bf16 16384" "bf16 32768" "f16 32768"; do
    set -- $shape
    for r in 1 16; do
      if [ $pass = 1 ]; then order="new old"; else order="old new"; fi
      for w in $order; do
        if [ $w = new ]; then lib=$NEWLIB; bin=$B/walsh; else lib=$OLDLIB; bin=/tmp/before/bin/walsh; fi
        echo "pass $pass $1 $2 rows $r $w: $(LD_LIBRARY_PATH=$lib WALSH_CACHE_DIR=none timeout 60 $bin run --target cuda --dtype $1 --d $2 --rows $r --check --json | g)"
      done
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run200.txt
