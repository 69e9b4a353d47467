#!/usr/bin/env bash
# Device run 13 (2026-11-30): issue 5 on the H200's host: cuLaunchKernel's
# host cost by parameter count (a CUDA program of its own), walsh bench
# --cache (cold compile, disk hit, launch); the tuner's default sweep time.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u
nvcc -arch=sm_90 -O2 -o /tmp/launch .device/launch/launch.cu  # benchmarks/data/device-scripts-0200/launch.cu -lcuda && /tmp/launch | tee $OUT/launch.txt
$B/walsh bench --cache --json > $OUT/cache.json 2> $OUT/cache.err; echo "cache bench rc=$?"; tail -2 $OUT/cache.err
python3 -c "
import json;j=json.load(open('$OUT/cache.json'))
rows=j if isinstance(j,list) else j.get('results',j)
for r in rows: print({k:v for k,v in r.items() if k in ('target','dtype','d','cold_compile_ms','compile_ms','disk_hit_ms','memory_hit_us','lookup_us','launch_us','lookup_launch_us','cuLaunchKernel_us','trivial_call_us')})
" 2>&1 | head -20
start=$(date +%s.%N)
timeout 200 $B/walsh tune --target cuda --db /tmp/tune.json --json > $OUT/tune.json 2> $OUT/tune.err; echo "tune rc=$? took $(python3 -c "print(round($(date +%s.%N) - $start, 1))") s"
tail -3 $OUT/tune.err
