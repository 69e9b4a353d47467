#!/usr/bin/env bash
# Device run 358 (2026-12-03): on the H200 machine's host CPU, the CPU
# kernels' pass order (walsh::contiguousPassFirst, 51d8825) off
# (WALSH_L1D_BYTES=0: widest stride first) and on (the default: the host's
# L1 from sysconf), alternating: walsh run --target cpu --threads 1, 256 MB,
# fraction of memcpy; then walsh bench both ways; and --check of the rows
# the rule changes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
frac() { # d, extra args...
  local d=$1; shift
  taskset -c 2 $B/walsh run --target cpu --threads 1 --rows $((67108864 / d)) --d $d --json "$@" 2>/dev/null |
    python3 -c 'import json,sys; print(round(json.load(sys.stdin)["roofline_fraction"], 2))'
}
{
lscpu | grep -E "Model name|L1d"
getconf LEVEL1_DCACHE_SIZE
date -u +%H:%M:%S
for d in 1024 2048 4096; do
  WALSH_L1D_BYTES=0 $B/walsh run --target cpu --d $d --rows 33 --check 2>&1 | tail -1
  $B/walsh run --target cpu --d $d --rows 33 --check 2>&1 | tail -1
done
for c in "1024" "2048" "4096" "4096 --no-affine"; do
  before=""; after=""
  for r in 1 2 3 4 5; do
    before="$before $(WALSH_L1D_BYTES=0 frac $c)"
    after="$after $(frac $c)"
  done
  echo "d=$c widest-first(L1=0):$before | default:$after"
done
date -u +%H:%M:%S
for l in 0 default; do
  echo "== WALSH_L1D_BYTES=$l"
  if [ $l = 0 ]; then export WALSH_L1D_BYTES=0; else unset WALSH_L1D_BYTES; fi
  taskset -c 2,3 $B/walsh bench --target cpu --dtypes f32 --threads 1,2 --sizes 256,1024,2048,4096,16384 --no-dense 2>&1 | grep -E "f32|dtype"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run358.txt
