#!/usr/bin/env bash
# Device run 114 (2026-11-30): walsh tune with the default exempt from the
# spill pruning (fp32 m = 60: 480, 960, 3840, 7680; and 1664), and over the
# small 16-bit dense sizes (m = 12 ... 44 at 2^k = 8 ... 32: 288, 320, 352,
# 384, 448, 576, 640, 704, 832, 896, 1152, 1408), bf16 and f16, 65536 rows,
# with every candidate's time (--json).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
S='import json,sys; j=json.load(open(sys.argv[1])); [print(s["dtype"], s["d"], s["rows"], s["config"], round(s["roofline_fraction"],3), "default_us", round(s["default_us"],2), "best_us", round(s["time_us"],2)) for s in j["shapes"]]'
{
WALSH_CACHE_DIR=/tmp/wc timeout 200 $B/walsh tune --target cuda --db /tmp/tune.json --force --dtype f32 --batch 16 --seq 4096 --heads 15,30,52,120,240 --head-dim 32 --json > $OUT/tune114-f32.json
python3 -c "$S" $OUT/tune114-f32.json
for dt in bf16 f16; do
  WALSH_CACHE_DIR=/tmp/wc timeout 200 $B/walsh tune --target cuda --db /tmp/tune.json --force --dtype $dt --batch 16 --seq 4096 --heads 9,10,11,12,14,18,20,22,26,28,36,44 --head-dim 32 --json > $OUT/tune114-$dt.json
  python3 -c "$S" $OUT/tune114-$dt.json
done
} 2>&1 | tee $OUT/run114.txt
echo "done $(date -u)"
