#!/usr/bin/env bash
# Device run 194 (2026-12-01): the first cluster kernels on a GPU.
# 1. walsh-gpu checks the gen-cluster.sh set (.device/kcl.tar.xz, PTX)
#    against the float64 oracle on 257 rows (and a grid of 3 blocks).
# 2. walsh tune --json over decode d = 4096 and 8192 (f32, bf16), whose
#    candidates now include clusters of 2, 4 and 8 blocks a row.
set -u
cd /tmp && rm -rf walsh-bundle kcl && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/kcl.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
stdbuf -oL timeout 200 $B/walsh-gpu /tmp/kcl --check-rows 257 --no-time | grep -v " PASS " ; echo "walsh-gpu rc=$? (lines above: every kernel that did not pass)"
stdbuf -oL timeout 200 $B/walsh-gpu /tmp/kcl --check-rows 257 --no-time | grep -c " PASS "
for dt in f32 bf16; do
  for h in 32 64; do
    WALSH_CACHE_DIR=/tmp/wc stdbuf -oL timeout 150 $B/walsh tune --target cuda --db /tmp/tdb.json --force --dtype $dt --head-dim 128 --heads $h --batch 1,16 --seq 1 --json > $OUT/tune-$dt-$h.json
    python3 - $OUT/tune-$dt-$h.json <<'PY'
import json,sys
j=json.load(open(sys.argv[1]))
for s in j["shapes"]:
    ts=sorted([t for t in s.get("timings",[]) if t["time_us"]], key=lambda t:t["time_us"])
    print(s["dtype"], s.get("d"), s.get("rows"), "best:", [(t["config"], round(t["time_us"],2)) for t in ts[:8]])
    print("   default_us:", round(s.get("default_us",0),2), "failures:", s.get("failures"))
PY
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run194.txt
