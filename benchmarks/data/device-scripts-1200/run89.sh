#!/usr/bin/env bash
# Device run 89 (2026-11-30): ptxas --Ofast-compile=min against -O3 on the
# same PTX (the tensor-core tile defaults and a few large shuffle kernels),
# each cubin checked on 257 rows and timed at 65536 and 16384 rows, twice.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k89.tar.xz -C /tmp/k
for pass in 1 2; do
  for rows in 65536 16384; do
    timeout 200 $B/walsh-gpu /tmp/k --check-rows 257 --rows $rows
  done
done
} 2>&1 | tee $OUT/run89.txt
echo "done $(date -u)"
