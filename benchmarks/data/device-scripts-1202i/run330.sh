#!/usr/bin/env bash
# Device run 330 (2026-12-02): fp32 d = 28672's new default against the old
# (build-330.sh's sets; walsh-gpu, every kernel checked on 257 rows, two
# passes, 65536 and 16384 rows), its forms checked; `walsh run --check`
# through the JIT; cold compiles on the device's host (16 cores), three
# fresh processes a kernel, WALSH_CACHE_DIR=none.
set -u
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sets.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
echo "== forms"
timeout 60 $B/walsh-gpu /tmp/sets/forms --check-rows 257 --no-time 2>&1 | grep --line-buffered "outproj\|FAIL\|rror"
for pass in 1 2; do
  for rows in 65536 16384; do
    for v in o n; do
      timeout 60 $B/walsh-gpu /tmp/sets/$v --check-rows 257 --rows $rows 2>&1 | grep --line-buffered "outproj\|FAIL\|rror" | awk '{print "'$v$rows' p'$pass' " $0}'
    done
  done
done
echo "== walsh run --check (JIT)"
for rows in 65 16384; do
  WALSH_CACHE_DIR=none timeout 60 $B/walsh run --target cuda --dtype f32 --d 28672 --rows $rows --check --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print({k: j.get(k) for k in ('d','rows','time_us','roofline_fraction','max_rel_error','config')})"
done
echo "== cold compiles (compile_ms, ptxas included)"
nproc; grep -m1 "model name" /proc/cpuinfo
for s in "bf16 768" "bf16 4096" "bf16 5632" "bf16 8192" "bf16 13312" "bf16 16384" "bf16 32768" "f32 4096" "f32 7680" "f16 6656"; do
  set -- $s
  t=""
  for i in 1 2 3; do
    rm -rf /tmp/cc && mkdir /tmp/cc
    t="$t $(WALSH_CACHE_DIR=none $B/walsh compile --target cuda --dtype $1 --d $2 --rows 65536 --out /tmp/cc 2>/dev/null >/dev/null; python3 -c "import json,glob; print(round(json.load(open(glob.glob('/tmp/cc/*.json')[0]))['compile_ms']))")"
  done
  echo "$1 $2:$t"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run330.txt
