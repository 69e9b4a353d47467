#!/usr/bin/env bash
# ptxas 13.0 -O3 -v on this VM: registers and spill stores of the split
# layout with H_m on tensor cores, stationary (16-bit 13312, 15360, 26624,
# 30720), bf16 at 16384 rows, by g (dense indices a warp), row_iters and
# items at a time (WALSH_EXP_U: needs ../device-scripts-1207g/run538-switches.patch
# applied to build/). Output: ../vm-ptxas-stationary-1207h.txt.
cd "$(git rev-parse --show-toplevel)"
# Without the switches every count would compile to the default's PTX.
grep -qa WALSH_EXP_U build/lib/libwalsh.so ||
  { echo "build/ lacks run538-switches.patch (git apply it, ninja -C build)" >&2; exit 1; }
for d in 13312 15360 26624 30720; do
  case $d in 13312|26624) m=52;; *) m=60;; esac
  for g in 2 4 8; do
    t=$((32*m/g)); e=$((d/t))
    [ $t -gt 1024 ] && continue
    for ri in 1 2; do
    for u in 1 2 3; do
      rm -rf ${TMPDIR:-/tmp}/ps82-k
      if ! WALSH_EXP_U=$u WALSH_CACHE_DIR=none build/bin/walsh compile --target cuda --dtype bf16 --d $d --rows 16384 --cross-warp mma --elems-per-thread $e --threads-per-row $t --rows-per-block 1 --vector-width 8 --row-iters $ri --out ${TMPDIR:-/tmp}/ps82-k > ${TMPDIR:-/tmp}/ps82-err 2>&1; then
        echo "$d g$g t$t e$e ri$ri U$u: compile failed: $(head -c 150 ${TMPDIR:-/tmp}/ps82-err)"; continue; fi
      echo "$d g$g t$t e$e ri$ri U$u: $(/usr/local/cuda/bin/ptxas -arch=sm_90 -O3 -v ${TMPDIR:-/tmp}/ps82-k/*.ptx -o /dev/null 2>&1 | grep -oE '[0-9]+ bytes spill stores|Used [0-9]+ registers' | tr '\n' ' ')"
    done; done
  done
done
