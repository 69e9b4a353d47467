#!/usr/bin/env bash
# Device run 359 (2026-12-03): on the H200 machine's host CPU (Sapphire
# Rapids; the pass-order rule is off there), #walsh.cpu_config's pass_order
# (e601895): --check of contiguous_first forced on rows the rule never
# takes (bf16, f16, a dense factor, 16384), then `walsh tune --target cpu
# --threads 1` per size, 2^26 / d rows (256 MB of fp32), printing for each
# shape the default, the tuner's pick and the contiguous-first candidate
# against the copy of the same bytes timed by the tuner.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=none
{
lscpu | grep -E "Model name|L1d"
date -u +%H:%M:%S
for c in "f32 1536" "bf16 4096" "f16 12288" "f32 16384" "bf16 1024" "f32 4096"; do
  set -- $c
  $B/walsh run --target cpu --dtype $1 --d $2 --rows 33 --pass-order contiguous_first --check 2>&1 | tail -1
done
for dt in f32 bf16 f16; do
  for d in 1024 2048 4096 8192 16384; do
    seq=$((67108864 / d))
    taskset -c 2,3 $B/walsh tune --target cpu --threads 1 --dtype $dt --heads $((d / 128)) --head-dim 128 --batch 1 --seq $seq --db /tmp/tdb-$dt-$d.json --json 2>/dev/null |
      python3 -c '
import json, sys
j = json.load(sys.stdin)
for s in j["shapes"]:
    copy = s["copy_us"]
    def name(c):
        return "v%d l%d%s p%d %s" % (c["vector_width"], c["levels_per_pass"], " nt" if c["nontemporal"] else "", c["prefetch_per_line"], c["pass_order"])
    narrow = [t for t in s["timings"] if t["config"]["pass_order"] != "rule"]
    print("%s d=%d rows=%d: default %.2f | best %s %.2f | %s" % (s["dtype"], s["d"], s["rows"], copy / s["default_us"], name(s["config"]), copy / s["time_us"],
          " ".join("%s %.2f" % (name(t["config"]), copy / t["time_us"]) for t in narrow)))
'
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run359.txt
