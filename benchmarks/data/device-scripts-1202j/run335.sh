#!/usr/bin/env bash
# Device run 335 (2026-12-02): 16-bit powers of two on the split layout on
# tensor cores (build-335.sh's sets: each size's default beside M = 4 ...
# 32 warps a row, 'vector_width' 4 and 8; walsh-gpu, every kernel checked
# on 257 rows), two passes at 16384 rows, one at 65536 for 8192 and 16384;
# walsh tune over the same sizes (its new candidates, its confirmation
# round); walsh run --check of bf16 1536 at 65536 rows (hm1536).
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wcache
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for pass in 1 2; do
  for s in bf16-16384 f16-16384 bf16-32768 f16-32768 bf16-8192 f16-8192; do
    timeout 60 $B/walsh-gpu /tmp/sets/$s --check-rows 257 --rows 16384 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "16384 p'$pass' " $0}'
  done
  date -u +%H:%M:%S
done
for s in bf16-16384 f16-16384 bf16-8192 f16-8192; do
  timeout 60 $B/walsh-gpu /tmp/sets/$s --check-rows 257 --rows 65536 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "65536 " $0}'
done
date -u +%H:%M:%S
echo "== walsh tune"
timeout 150 $B/walsh tune --target cuda --dtype bf16,f16 --batch 4 --seq 4096 --heads 64,128,256 --head-dim 128 --db $OUT/tune335.json 2>&1 | tail -12
date -u +%H:%M:%S
echo "== walsh run --check bf16 1536 (hm1536)"
timeout 60 $B/walsh run --target cuda --dtype bf16 --d 1536 --rows 65536 --check --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print({k: j.get(k) for k in ('d','rows','time_us','roofline_fraction','max_rel_error')})"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run335.txt
