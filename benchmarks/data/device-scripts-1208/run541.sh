#!/usr/bin/env bash
# Device run 541 (2026-12-08, session 83): run540 first (any card: the
# new 26624 / 30720 defaults against the old, and their forms checked by
# walsh run --check). On an H200 then run533 (main's walsh bench sweeps
# beside the copy and cuBLAS), e10's 13312 over 416 threads against its
# default (make-run541-flats.sh; walsh-gpu checks each kernel on 257
# rows against float64 and times it beside a device-to-device copy, two
# passes in opposite orders) and run539 (walsh tune at 3328 ... 5632).
# BUDGET_S (seconds, default 540): no phase starts past what it may need.
set -u
S=benchmarks/data
left() { [ $((${BUDGET_S:-540} - SECONDS)) -ge "$1" ] || { echo "stopping: under $1 s of BUDGET_S left"; ls $OUT; exit 0; }; }
bash $S/device-scripts-1207h/run540.sh > /dev/null 2>&1
tail -2 $OUT/run540.txt
nvidia-smi --query-gpu=name --format=csv,noheader | grep -q H200 || { echo "not an H200: run541 stops after run540"; exit 0; }
left 200; bash $S/device-scripts-1207f/run533.sh > /dev/null 2>&1
left 60; cd /tmp && rm -rf *.flat && tar xJf "$OLDPWD/.device/e10.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
{
date -u +%H:%M:%S
for r in 16384 65536; do
  for v in d13 q13 q13r2 q13r2 q13 d13; do
    echo "== $v, $r rows"
    timeout 60 /tmp/walsh-bundle/bin/walsh-gpu /tmp/$v.flat --check-rows 257 --rows $r
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run541.txt > /dev/null
left 150; bash $S/device-scripts-1207g/run539.sh > /dev/null 2>&1
ls $OUT
