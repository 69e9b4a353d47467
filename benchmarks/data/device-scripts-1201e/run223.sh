#!/usr/bin/env bash
# Device run 223 (2026-12-01): the H200 host's CPU (Sapphire Rapids, AVX-512)
# with prefetch_per_line 1, 2, 4 against the rule, one thread, 256 MB, the
# order of the variants rotated pass by pass; then walsh tune --target cpu
# (2 threads at most) on f32 and bf16 shapes, three times each.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
lscpu | grep -E "Model name|^CPU\(s\)"
orders=("0 1 2 4" "4 2 1 0" "2 0 4 1")
for pass in 0 1 2; do
  for t in f32 bf16; do
    for d in 512 1024 2048 4096 16384; do
      if [ $t = f32 ]; then b=4; else b=2; fi
      rows=$(( 268435456 / (b * d) ))
      line="$t $d"
      for p in ${orders[$pass]}; do
        if [ $p = 0 ]; then opt=""; else opt="--prefetch-per-line $p"; fi
        f=$(walsh run --target cpu --d $d --dtype $t --rows $rows --threads 1 $opt --json 2>/dev/null | python3 -c "import json,sys; print('%.2f' % json.load(sys.stdin)['roofline_fraction'])")
        line="$line p$p=$f"
      done
      echo "pass $((pass+1)) $line"
    done
  done
done
date -u +%H:%M:%S
for i in 1 2 3; do
  rm -f /tmp/tdb.json
  walsh tune --target cpu --threads 2 --heads 8 --head-dim 64,128,512 --batch 8 --seq 1024 --dtype f32,bf16 --db /tmp/tdb.json 2>&1 | grep -E "^(f32|bf16)|candidates timed"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run223.txt
