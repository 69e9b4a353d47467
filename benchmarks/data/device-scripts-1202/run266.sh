#!/usr/bin/env bash
# Device run 266 (2026-12-01): is bf16 16384's kernel in `walsh bench` /
# `walsh run` (compiled on the H200 machine, 1233-1244 us at 65536 rows)
# the cubin `walsh-gpu` ran from the VM (1189-1192 us, run265)? The ptxas
# there, the same compile there, md5 of both cubins, walsh-gpu on both.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
rm -rf /tmp/bb && tar xJf .device/bb.tar.xz -C /tmp
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
which ptxas; ptxas --version | tail -2; ls /usr/local/cuda/bin/ptxas 2>&1
rm -rf /tmp/dev && mkdir -p /tmp/dev
$B/walsh compile --target cuda --dtype bf16 --d 16384 --rows 65536 --out /tmp/dev 2>&1 | tail -2
md5sum /tmp/bb/k/outproj_d16384_bf16_sm_90.cubin /tmp/dev/*.cubin
cmp /tmp/bb/k/outproj_d16384_bf16_sm_90.ptx /tmp/dev/outproj_d16384_bf16_sm_90.ptx && echo "ptx identical"
grep -E '"(ptxas|ptxas_options|image|compile_ms)"' /tmp/dev/*.json
for pass in 1 2; do
  $B/walsh-gpu /tmp/bb/k --check-rows 257 --rows 65536 2>&1 | grep d16384 | sed "s/^/vm  /"
  $B/walsh-gpu /tmp/dev --check-rows 257 --rows 65536 2>&1 | grep d16384 | sed "s/^/dev /"
done
$B/walsh run --target cuda --d 16384 --dtype bf16 --rows 65536 --json 2>&1 | grep -E '"(time_us|copy_us|roofline_fraction|image|ptxas|config|cubin)"'
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run266.txt
