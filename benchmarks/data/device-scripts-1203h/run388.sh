#!/usr/bin/env bash
# Device run 388 (2026-12-03), the build whose persistent tensor-core
# kernels prefetch the rows two grids ahead into L2 where run387 had them
# gain (mmaL2AheadGrids): 1) the whole GPU conformance set
# (tests/gpu/gpu-conformance.sh build/bin --compile-only on the VM, .ptx
# left out) checked by walsh-gpu on 257 rows; 2) walsh-gpu, two passes in
# opposite orders: the new defaults (new) against the same kernels without
# the prefetch (old, WALSH_EXP_L2AHEAD=0) and, for d = 16384, three grids
# ahead (a3), bf16 and f16; 3) walsh bench with cuBLAS at the sizes the
# rule changes.
set -u
cd /tmp && rm -rf walsh-bundle conf conf388 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
timeout 300 $B/walsh-gpu /tmp/conf --check-rows 257 --no-time > $OUT/h200-conformance-run388.txt 2>&1; echo "walsh-gpu rc=$?"
echo "PASS $(grep -c PASS $OUT/h200-conformance-run388.txt) FAIL $(grep -c FAIL $OUT/h200-conformance-run388.txt)"
grep "FAIL\|rror" $OUT/h200-conformance-run388.txt | head
date -u +%H:%M:%S
for r in 16384 65536; do
  for v in new old a3 a3 old new; do
    echo "== rows $r variant $v"
    timeout 60 $B/walsh-gpu /tmp/conf388/r$r/$v --check-rows 257 --rows $r | grep -v "^device\|^kernel"
  done
done
date -u +%H:%M:%S
timeout 150 $B/walsh bench --target cuda --sizes 7168,9216,11264,14336,16384,28672 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none 2>&1
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-l2-ahead-run388.txt
