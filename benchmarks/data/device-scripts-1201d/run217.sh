#!/usr/bin/env bash
# Device run 217 (2026-12-01): (1) the CPU's prefetch once a cache line
# (fd00497) against the build before (c006eea, .device/before.tar.xz) on
# the H200 host's Sapphire Rapids, alternating, three passes, one thread;
# (2) the 92 bulk defaults at 65536 rows (bf16 and f32, every size of
# run189's sweep) loaded as ptxas cubins (cub/) and as PTX compiled by the
# driver (ptx/: the same files without the cubins), one pass each.
set -u
cd /tmp && rm -rf walsh-bundle before gk && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/before.tar.xz" && mkdir gk && tar xJf "$OLDPWD/.device/gk.tar.xz" -C gk && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
for p in 1 2 3; do
  for v in before after; do
    if [ $v = before ]; then W="env LD_LIBRARY_PATH=/tmp/before/lib:/tmp/walsh-bundle/lib /tmp/before/bin/walsh"; else W=$B/walsh; fi
    echo "== cpu $v pass $p"
    timeout 120 $W bench --target cpu --sizes 256,1024,4096,16384,1152,3584,12288 --dtypes f32 --threads 1 --no-dense 2>&1 | grep -E '^f32'
  done
done
date -u +%H:%M:%S
for v in cub ptx; do
  echo "== gpu $v pass 1"
  timeout 200 $B/walsh-gpu /tmp/gk/$v --rows 65536 --check-rows 257 --json $OUT/run217-$v.json > $OUT/run217-$v.txt 2>&1; echo "rc=$?"
  tail -3 $OUT/run217-$v.txt
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run217.txt
