#!/usr/bin/env bash
# Kernel sets for the warp-local transposes (session 30): every bench
# size's default in three dtypes at 65536 and 16384 rows (dflt-R/), and the
# split layout through transposes where shuffles are the default (var-*/):
# 16-bit 12288 (e32 t384: a warp a dense index), every dtype's 10240 (e32
# t320: half a warp), 16-bit 6144 (e32 t192). Run once with the compiler
# before the change (TAG=before) and once after (TAG=after), from the
# repository root.
set -eu
W=${W:-./build/bin/walsh}
TAG=${TAG:?before, after or cl}
O=/tmp/ws/$TAG
if [ "$TAG" != cl ]; then
rm -rf $O && mkdir -p $O
SIZES="128 256 288 320 352 384 416 448 480 512 576 640 704 768 832 896 960 1024 1152 1280 1408 1536 1664 1792 1920 2048 2304 2560 2816 3072 3328 3584 3840 4096 4608 5120 5632 6144 6656 7168 7680 8192 10240 12288 16384 32768"
for rows in 65536 16384; do
  for dt in bf16 f16 f32; do
    mkdir -p $O/dflt-$rows-$dt
    for d in $SIZES; do
      $W compile --target cuda --dtype $dt --d $d --rows $rows --out $O/dflt-$rows-$dt >/dev/null
    done
  done
done
for dt in bf16 f16; do
  mkdir -p $O/var-12288-$dt $O/var-6144-$dt
  $W compile --target cuda --dtype $dt --d 12288 --rows 65536 --elems-per-thread 32 \
    --threads-per-row 384 --vector-width 8 --cross-warp transpose --out $O/var-12288-$dt >/dev/null
  $W compile --target cuda --dtype $dt --d 6144 --rows 65536 --elems-per-thread 32 \
    --threads-per-row 192 --vector-width 8 --cross-warp transpose --out $O/var-6144-$dt >/dev/null
done
for dt in bf16 f16 f32; do
  mkdir -p $O/var-10240-$dt
  $W compile --target cuda --dtype $dt --d 10240 --rows 65536 --elems-per-thread 32 \
    --threads-per-row 320 --cross-warp transpose --out $O/var-10240-$dt >/dev/null
done
fi
# Exploratory (TAG=after only; /tmp/ws/after/x*, copied to /tmp/ws/x for
# run273): layouts that warp-local transposes may favour, bf16, one
# directory each (the names repeat).
if [ "$TAG" = after ]; then
  x=0
  while read -r d args; do
    x=$((x + 1)); mkdir -p $O/x$x
    $W compile --target cuda --dtype bf16 --d $d --rows 65536 --cross-warp transpose $args --out $O/x$x >/dev/null
  done <<'LIST'
2048 --elems-per-thread 64 --threads-per-row 32 --rows-per-block 4 --vector-width 8
2048 --elems-per-thread 64 --threads-per-row 32 --rows-per-block 4 --vector-width 8 --row-iters 16
6144 --elems-per-thread 64 --threads-per-row 96 --vector-width 8
12288 --elems-per-thread 64 --threads-per-row 192 --vector-width 8
10240 --elems-per-thread 64 --threads-per-row 160 --vector-width 8
5120 --elems-per-thread 32 --threads-per-row 160 --vector-width 8
3072 --elems-per-thread 32 --threads-per-row 96 --vector-width 8
3072 --elems-per-thread 32 --threads-per-row 96 --vector-width 8 --rows-per-block 2
LIST
fi
# run274's set (/tmp/cl, the compiler of b315bc0): a thread-block cluster a
# row for bf16 16384 and 32768 in bulk (`--cluster C`, C blocks of d / C
# each), the two defaults beside them (ref/), and the split layout through
# transposes at eight and sixteen threads an index (chk1-3) with the
# compiler unchanged.
if [ "$TAG" = cl ]; then
  O=/tmp/cl; rm -rf $O; mkdir -p $O/ref $O/chk1 $O/chk2 $O/chk3
  while read -r d c e t; do
    n=d${d}c${c}e${e}t${t}; mkdir -p $O/$n
    $W compile --target cuda --dtype bf16 --d $d --rows 65536 --cluster $c \
      --elems-per-thread $e --threads-per-row $t --out $O/$n >/dev/null
  done <<'LIST'
32768 2 64 256
32768 4 64 128
32768 4 32 256
32768 8 64 64
16384 2 64 128
16384 2 32 256
16384 4 32 128
16384 8 64 32
LIST
  for d in 16384 32768; do $W compile --target cuda --dtype bf16 --d $d --rows 65536 --out $O/ref >/dev/null; done
  # f16: the same four shapes most likely to matter, and its defaults.
  mkdir -p $O/f16ref $O/f16c
  for d in 16384 32768; do $W compile --target cuda --dtype f16 --d $d --rows 65536 --out $O/f16ref >/dev/null; done
  $W compile --target cuda --dtype f16 --d 32768 --rows 65536 --cluster 4 --elems-per-thread 32 --threads-per-row 256 --out $O/f16c >/dev/null
  $W compile --target cuda --dtype f16 --d 16384 --rows 65536 --cluster 4 --elems-per-thread 32 --threads-per-row 128 --out $O/f16c >/dev/null
  $W compile --target cuda --dtype bf16 --d 5120 --rows 65536 --cross-warp transpose --elems-per-thread 32 --threads-per-row 160 --vector-width 8 --out $O/chk1 >/dev/null
  $W compile --target cuda --dtype bf16 --d 3072 --rows 65536 --cross-warp transpose --elems-per-thread 32 --threads-per-row 96 --vector-width 8 --out $O/chk2 >/dev/null
  $W compile --target cuda --dtype bf16 --d 12288 --rows 65536 --cross-warp transpose --elems-per-thread 64 --threads-per-row 192 --vector-width 8 --out $O/chk3 >/dev/null
fi
