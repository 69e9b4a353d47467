#!/usr/bin/env bash
# Device run 109 (2026-11-30): the new defaults side by side with the old,
# each checked on 257 rows then timed, 16384 and 65536 rows, two passes
# (ab/rN): 16-bit d = 12288 split layout with shuffles (old: its
# transposes, _e32t384r1v8x), every dtype's 10240 split layout with
# shuffles (old: 40 values over 256 threads, _e40t256r1v2s), 16-bit 32768
# with sixteen row groups (new: _e64t512r1v8xi16; old: none). And the 14
# conformance kernels (conf/) whose PTX the change moved (those above, and
# row-group kernels now given one prefetch buffer), checked.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k32.tar.xz -C /tmp/k
{
timeout 120 $B/walsh-gpu /tmp/k/conf --check-rows 257 --no-time
echo "conf rc=$?"
for pass in 1 2; do
  for r in 16384 65536; do
    timeout 150 $B/walsh-gpu /tmp/k/ab/r$r --check-rows 257 --rows $r
  done
done
} 2>&1 | tee $OUT/run109.txt
echo "done $(date -u)"
