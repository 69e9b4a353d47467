#!/usr/bin/env bash
# Device run 104 (2026-11-30): the two conformance kernels the fp32 1792
# rule changes (with and without a and b), checked on 257 rows and timed.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k104.tar.xz -C /tmp/k
{
for rows in 65536 16384; do timeout 60 $B/walsh-gpu /tmp/k --check-rows 257 --rows $rows; done
} 2>&1 | tee $OUT/run104.txt
echo "done $(date -u)"
