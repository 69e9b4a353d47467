#!/usr/bin/env bash
# Device run 198 (2026-12-01): clusters of blocks a row in bulk
# (gen-bulk-cluster.sh: .device/kbulk.tar.xz), side by side with the
# defaults in walsh-gpu (each kernel checked on 257 rows, then timed
# against a copy of the same bytes), 16384 and 65536 rows, two passes.
set -u
cd /tmp && rm -rf walsh-bundle kbulk && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/kbulk.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for pass in 1 2; do
  for rows in 16384 65536; do
    echo "== pass $pass, $rows rows"
    stdbuf -oL timeout 200 $B/walsh-gpu /tmp/kbulk/r$rows --rows $rows --check-rows 257
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run198.txt
