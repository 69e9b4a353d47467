#!/bin/bash
set -e
W=/work/main/build/bin/walsh
export WALSH_CACHE_DIR=none
O=/tmp/exp/sets; rm -rf $O; mkdir -p $O/cv
for spec in "f32 416" "f32 1920" "f32 3840" "f32 4608" "f32 5632" "f32 6656" "f32 7680" "f32 4096" "f32 10240" \
            "bf16 416" "f16 416" "bf16 1280" "f16 1280" "f16 3328" "f16 4608" "bf16 6656" "f16 6656" "bf16 7168" "f16 7168" \
            "f16 7680" "f16 8192" "bf16 4096" "bf16 9216" "bf16 13312" "bf16 15360"; do
  set -- $spec
  $W compile --target cuda --dtype $1 --d $2 --rows 65536 --out $O/cv >/dev/null
done
ls $O/cv | wc -l
