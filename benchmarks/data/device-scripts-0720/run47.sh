#!/usr/bin/env bash
# Device run 47 (2026-11-30): issue 3's CPU benchmark on the H200 machine's
# host CPU (16 cores; the development VM's memory bandwidth moves under it
# and its two cores share one memcpy rate), fp32, 1, 2 and 4 threads, two
# passes; OpenBLAS is not there, so no sgemm column.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u; nproc; grep -m1 'model name' /proc/cpuinfo; grep -o -m1 'avx512f' /proc/cpuinfo
for p in 1 2; do
  WALSH_CACHE_DIR=/tmp/wc timeout 250 $B/walsh bench --target cpu --threads 1,2,4 --sizes 256,1024,4096,16384 --dtypes f32 --no-dense > $OUT/cpu-bench-$p.txt 2>&1; echo "pass $p rc=$?"
  cat $OUT/cpu-bench-$p.txt
done
echo "done $(date -u)"
