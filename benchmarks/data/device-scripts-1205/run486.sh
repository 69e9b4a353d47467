#!/usr/bin/env bash
# Device run 486 (2026-12-05), 183ae00's bundle: what a decode call costs
# with the bulk configuration (the one a rows-agnostic compile takes, rows
# = 0: what the Python binding's Projection compiled until now) against
# the decode default `walsh run` takes for those rows. bf16, rows 1 and
# 16, plain launches and CUDA-graph replay (time_us, graph_us), three
# alternations.
set -u
cd /tmp && { [ -d walsh-bundle ] || tar xJf "$OLDPWD/.device/bundle.tar.xz"; } && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=/tmp/wc486
declare -A BULK
BULK[1024]="--elems-per-thread 32 --threads-per-row 32 --rows-per-block 4 --vector-width 8 --cross-warp shared"
BULK[4096]="--elems-per-thread 16 --threads-per-row 256 --rows-per-block 1 --vector-width 4 --cross-warp mma"
BULK[8192]="--elems-per-thread 32 --threads-per-row 256 --rows-per-block 1 --vector-width 4 --cross-warp mma"
BULK[16384]="--elems-per-thread 32 --threads-per-row 512 --rows-per-block 1 --vector-width 4 --cross-warp mma --row-iters 2"
BULK[32768]="--elems-per-thread 64 --threads-per-row 512 --rows-per-block 1 --vector-width 8 --cross-warp mma --row-iters 2"
{
date -u +%H:%M:%S
echo "d rows pass form time_us graph_us"
for pass in 1 2 3; do
  for d in 1024 4096 8192 16384 32768; do
    for rows in 1 16; do
      for form in decode bulk; do
        opts=""; [ $form = bulk ] && opts=${BULK[$d]}
        walsh run --target cuda --d $d --dtype bf16 --rows $rows $opts --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('$d $rows $pass $form', round(j['time_us'],2), round(j.get('graph_us',-1),2))" 2>&1 | tail -1
      done
    done
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-decode-vs-bulk-config-run486.txt
