#!/usr/bin/env bash
# Device run 368 (2026-12-03), the build of the `walsh run --input-scale`
# commit: the f16 stage-2 piece's precision on rows of small values,
# measured: walsh run --check on 257 rows with x's standard normal values
# (and b, so that y scales with them) times 1 ... 3e-5, max_rel_error (max |err| / max |y|, walsh's check
# metric) for f16 rows to f16 at sizes whose stage 2 takes the f16 piece
# (S = 256 at 6656 and 7680, 128 at 3328, 64 at 416, 32 at 320), and
# beside them bf16 6656 (one bf16 piece), f16 6656 to fp32 (hi + lo) and
# f16 9216 (the split layout's m-point stage on tensor cores, whose stage
# 2 takes the earlier f16 piece, S = 16 C = 64).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
err() { # scale args...
  local s=$1; shift
  $B/walsh run --target cuda --rows 257 --check --input-scale $s --json "$@" 2>/dev/null |
    python3 -c 'import json,sys; print("%.1e" % json.load(sys.stdin)["max_rel_error"])' 2>/dev/null || echo ERR
}
{
date -u +%H:%M:%S
echo "form | input scale 1 1e-2 1e-3 3e-4 1e-4 3e-5"
for f in "--dtype f16 --d 6656" "--dtype f16 --d 7680" "--dtype f16 --d 3328" "--dtype f16 --d 416" "--dtype f16 --d 320" \
         "--dtype bf16 --d 6656" "--dtype f16 --out-dtype f32 --d 6656" "--dtype f16 --d 9216"; do
  line=""
  for s in 1 1e-2 1e-3 3e-4 1e-4 3e-5; do line="$line $(err $s $f)"; done
  echo "$f |$line"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run368.txt
