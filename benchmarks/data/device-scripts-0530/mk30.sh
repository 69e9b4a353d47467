#!/usr/bin/env bash
# Device run 30 (2026-11-30): the split layout. chk: correctness over
# sizes, configs and every prologue/epilogue it takes; t65: timing at 65536
# rows against the defaults, with the piece width V2 forced by the
# temporary WALSH_SPLIT_V2 knob where named.
set -u
cd /work/main
export WALSH_CACHE_DIR=none
W=./build/bin/walsh
V=.device/v30; rm -rf $V; mkdir -p $V/chk/v2_1 $V/chk/v2_2 $V/t65/v2_1 $V/t65/v2_2
c() { dir=$1; shift; $W compile --target cuda "$@" --out $dir > /dev/null 2>/tmp/mk30.err || { echo "FAILED: $*"; head -3 /tmp/mk30.err; }; }
for dt in bf16 f16 f32; do
  v=8; [ $dt = f32 ] && v=4
  C="c $V/chk --dtype $dt"
  $C --d 48 --vector-width 4 --elems-per-thread 4 --threads-per-row 12 --rows-per-block 2
  $C --d 96 --vector-width $v --elems-per-thread 8 --threads-per-row 12
  $C --d 96 --vector-width $v --elems-per-thread 8 --threads-per-row 12 --rows-per-block 3 --no-affine
  $C --d 768 --vector-width $v --elems-per-thread 8 --threads-per-row 96
  $C --d 768 --vector-width $v --elems-per-thread 16 --threads-per-row 48 --cross-warp transpose --rows-per-block 2
  $C --d 3072 --vector-width $v --elems-per-thread 8 --threads-per-row 384
  $C --d 3072 --vector-width $v --elems-per-thread 8 --threads-per-row 384 --row-iters 3 --transpose
  $C --d 3072 --vector-width $v --elems-per-thread 16 --threads-per-row 192 --cross-warp transpose --row-iters 3
  $C --d 5120 --vector-width $v --elems-per-thread 8 --threads-per-row 640
  $C --d 5120 --vector-width $v --elems-per-thread 16 --threads-per-row 320 --rows-per-block 2 --row-iters 3 --no-affine
  $C --d 5120 --vector-width $v --elems-per-thread 32 --threads-per-row 160 --cross-warp transpose
  $C --d 7168 --vector-width $v --elems-per-thread 16 --threads-per-row 448
  $C --d 15360 --vector-width $v --elems-per-thread 16 --threads-per-row 960
  $C --d 24576 --vector-width $v --elems-per-thread 32 --threads-per-row 768
  $C --d 24576 --vector-width $v --elems-per-thread 32 --threads-per-row 768 --cross-warp transpose
  $C --d 20480 --vector-width $v --elems-per-thread 32 --threads-per-row 640 --cross-warp transpose --row-iters 2
  for pro in "--layout bhsd" "--splits 2" "--row-sum" "--epilogue residual"; do
    $C --heads 24 --head-dim 128 $pro --vector-width $v --elems-per-thread 8 --threads-per-row 384
    $C --heads 40 --head-dim 128 $pro --vector-width $v --elems-per-thread 32 --threads-per-row 160 --cross-warp transpose
  done
  $C --heads 24 --head-dim 128 --layout bhsd --row-iters 3 --vector-width $v --elems-per-thread 16 --threads-per-row 192 --cross-warp transpose
  $C --heads 24 --head-dim 128 --row-sum --row-iters 3 --vector-width $v --elems-per-thread 8 --threads-per-row 384
  for V2 in 1 2; do
    WALSH_SPLIT_V2=$V2 $W compile --target cuda --dtype $dt --d 3072 --vector-width $v --elems-per-thread 16 --threads-per-row 192 --cross-warp transpose --epilogue residual --out $V/chk/v2_$V2 >/dev/null 2>&1 || echo FAILED v2
  done
done
$W compile --target cuda --d 3072 --dtype bf16 --out-dtype f32 --vector-width 8 --elems-per-thread 8 --threads-per-row 384 --epilogue residual --out $V/chk > /dev/null || echo FAILED cast
$W compile --target cuda --d 5120 --dtype f32 --out-dtype bf16 --vector-width 4 --elems-per-thread 16 --threads-per-row 320 --out $V/chk > /dev/null || echo FAILED cast
# Timing set.
for dt in bf16 f32; do
  v=8; [ $dt = f32 ] && v=4
  for d in 768 1536 3072 5120 6144 7168 12288; do
    case $d in 5120) m=20;; 7168) m=28;; *) m=12;; esac
    p=$((d / m))
    $W compile --target cuda --dtype $dt --d $d --rows 65536 --out $V/t65 > /dev/null || echo FAILED def
    for cfg in "8 s 1 1" "8 s 1 4" "8 s 2 4" "16 s 1 4" "16 x 1 1" "16 x 1 4" "16 x 2 4" "32 x 1 1" "32 x 1 4"; do
      set -- $cfg
      e=$1; [ $e -gt $p ] && continue
      t=$((d / e)); [ $((t * $3)) -gt 1024 ] && continue
      x=shared; [ $2 = x ] && x=transpose
      c $V/t65 --dtype $dt --d $d --vector-width $v --elems-per-thread $e --threads-per-row $t --cross-warp $x --rows-per-block $3 --row-iters $4
    done
    for V2 in 1 2; do
      for cfg in "8 shared" "16 transpose"; do
        set -- $cfg
        e=$1; t=$((d / e)); [ $e -gt $p ] || [ $t -gt 1024 ] && continue
        WALSH_SPLIT_V2=$V2 c $V/t65/v2_$V2 --dtype $dt --d $d --vector-width $v --elems-per-thread $e --threads-per-row $t --cross-warp $2 --row-iters 4
      done
    done
  done
done
find $V -name '*.ptx' -delete
for dir in $(find $V -type d); do ls $dir/*.cubin >/dev/null 2>&1 || continue; echo "$dir $(ls $dir/*.cubin | wc -l)"; done
tar cJf .device/v30.tar.xz -C .device v30 && rm -rf $V && ls -la .device/v30.tar.xz
