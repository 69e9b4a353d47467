#!/usr/bin/env bash
# Compiles cluster kernels (#walsh.config cluster = 2, 4, 8) over dtypes,
# power-of-two sizes and layouts into $1 (PTX; the driver compiles it),
# for walsh-gpu's check against the float64 oracle on 257 rows.
set -eu
OUT=$1; W=${2:-build/bin/walsh}
mkdir -p "$OUT"
n=0
for dt in f32 bf16 f16; do
  V=$([ $dt = f32 ] && echo 4 || echo 8)
  for d in 64 256 1024 4096 8192 16384 32768; do
    for c in 2 4 8; do
      vectors=$(( d / V / c ))
      for chunks in $c $(( c * 2 )) 16; do
        [ $chunks -ge $c ] || continue
        [ $(( chunks * V )) -le 64 ] || continue
        [ $vectors -ge $chunks ] || continue
        t=$(( vectors / chunks ))
        [ $t -le 1024 ] || continue
        for cw in shared transpose; do
          extra=""
          # One variant without a and b, one with a 16-bit output.
          [ $d = 1024 ] && [ $cw = shared ] && extra="--no-affine"
          WALSH_CUDA_BIN=none WALSH_CACHE_DIR=none $W compile --target cuda --dtype $dt --d $d \
            --elems-per-thread $(( chunks * V )) --threads-per-row $t --rows-per-block 1 \
            --vector-width $V --cross-warp $cw --cluster $c $extra --out "$OUT" >/dev/null 2>"$OUT/.err" \
            && n=$((n+1)) || { echo "skip $dt $d c$c e$((chunks*V)) t$t $cw: $(tail -1 "$OUT/.err")"; }
        done
      done
    done
  done
done
rm -f "$OUT/.err"
echo "$n kernels in $OUT"
