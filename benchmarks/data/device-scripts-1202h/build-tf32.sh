#!/usr/bin/env bash
# run319's kernel sets: every 16-bit bulk default (d = 128 ... 32768, bf16
# and f16, the defaults for 65536 and for 16384 rows) whose PTX changes
# when stage 2 takes one tf32 piece (m16n8k8) instead of bf16 hi + lo:
# the throwaway WALSH_EXP_TF32 = rna (cvt.rna.tf32.f32) or trunc (the fp32
# bits as they are). Into /tmp/sets/{b,r,t}{65536,16384}: base, rna,
# trunc.
set -u
W=${1:-build/bin/walsh}
export WALSH_CACHE_DIR=none
rm -rf /tmp/sets /tmp/tf32tmp && mkdir -p /tmp/sets /tmp/tf32tmp
for rows in 65536 16384; do
  mkdir -p /tmp/sets/b$rows /tmp/sets/r$rows /tmp/sets/t$rows
  for dt in bf16 f16; do
    for d in 128 144 160 176 192 208 224 240 256 288 320 352 384 416 448 480 512 576 640 704 768 832 896 960 1024 1152 1280 1408 1536 1664 1792 1920 2048 2304 2560 2816 3072 3328 3584 3840 4096 4608 5120 5632 6144 6656 7168 7680 8192 9216 10240 11264 12288 13312 14336 15360 16384 18432 20480 22528 24576 26624 28672 30720 32768; do
      if [ $rows = 65536 ] && [ $d -gt 8192 ]; then continue; fi
      t=/tmp/tf32tmp/$dt$d$rows; rm -rf $t; mkdir -p $t/b $t/r $t/t
      $W compile --target cuda --dtype $dt --d $d --rows $rows --out $t/b >/dev/null 2>&1 || continue
      WALSH_EXP_TF32=rna $W compile --target cuda --dtype $dt --d $d --rows $rows --out $t/r >/dev/null 2>&1
      if cmp -s $t/b/*.ptx $t/r/*.ptx; then continue; fi
      WALSH_EXP_TF32=trunc $W compile --target cuda --dtype $dt --d $d --rows $rows --out $t/t >/dev/null 2>&1
      cp $t/b/* /tmp/sets/b$rows/; cp $t/r/* /tmp/sets/r$rows/; cp $t/t/* /tmp/sets/t$rows/
      echo "$rows $dt $d $(python3 -c "import json,glob; j=json.load(open(glob.glob('$t/b/*.json')[0])); print(j['cross_warp'], j['vector_width'], j['threads_per_row'], j['elems_per_thread'], j['rows_per_block'])")"
    done
  done
done
