#!/usr/bin/env bash
# Device run 126 (2026-11-30): build-k42.sh's sets, each checked on 257
# rows then timed, 65536 and 16384 rows, three passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k42.tar.xz -C /tmp/k
G="stdbuf -oL -eL timeout"
{
for pass in 1 2 3; do
  for r in 65536 16384; do
    for s in dflt n4 c4 n8 c8; do
      echo "== pass $pass rows $r set $s $(date -u +%T)"
      $G 60 $B/walsh-gpu /tmp/k/$s --check-rows 257 --rows $r
    done
  done
done
} 2>&1 | tee $OUT/run126.txt
echo "done $(date -u)"
