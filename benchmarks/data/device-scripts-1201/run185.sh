#!/usr/bin/env bash
# Device run 185 (2026-12-01): the new 16-bit d = 32768 default. The two
# conformance kernels it adds (walsh-gpu, checked on 257 rows, timed at
# 16384 and 65536 rows), then walsh bench of the bundle (this build) at
# 4096, 16384 and 32768, cuBLAS included.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k82.tar.xz -C /tmp/k
{
for rows in 16384 65536; do
  echo "== pass 1 rows $rows set conf"
  stdbuf -oL timeout 100 $B/walsh-gpu /tmp/k/conf --rows $rows --check-rows 257
done
echo "== walsh bench"
WALSH_CACHE_DIR=none stdbuf -oL timeout 400 $B/walsh bench --target cuda --sizes 4096,16384,32768 --dtypes bf16,f16 --rows 65536,16384 --decode-rows none
} 2>&1 | tee $OUT/run185.txt
