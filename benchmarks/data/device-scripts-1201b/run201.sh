#!/usr/bin/env bash
# Device run 201 (2026-12-01): walsh tune over decode rows (1, 16) at d =
# 2048, 4096 and 8192, three dtypes, with the pushing cluster stage: do
# clusters now beat one block where the pull lost (run194, run196)?
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
date -u +%H:%M:%S
for dt in f32 bf16 f16; do
  for h in 16 32 64; do
    WALSH_CACHE_DIR=/tmp/wc stdbuf -oL timeout 100 $B/walsh tune --target cuda --db /tmp/tdb.json --force --dtype $dt --head-dim 128 --heads $h --batch 1,16 --seq 1 --json > $OUT/tune-$dt-$h.json
    python3 - $OUT/tune-$dt-$h.json <<'PY'
import json,sys
j=json.load(open(sys.argv[1]))
def name(c):
    return "e%d t%d r%d v%d %s%s" % (c["elems_per_thread"], c["threads_per_row"], c["rows_per_block"], c["vector_width"], c["cross_warp"], (" c%d" % c["cluster"]) if c.get("cluster",1)>1 else "")
for s in j["shapes"]:
    ts=sorted([t for t in s.get("timings",[]) if t["time_us"]], key=lambda t:t["time_us"])
    one=[t for t in ts if t["config"].get("cluster",1)==1][:2]
    cl=[t for t in ts if t["config"].get("cluster",1)>1][:3]
    print(s["dtype"], s.get("d"), s.get("rows"), "default %.2f" % s.get("default_us",0), "| chosen", name(s["config"]), "%.2f" % s["time_us"])
    print("   one block:", [(name(t["config"]), round(t["time_us"],2)) for t in one])
    print("   clusters: ", [(name(t["config"]), round(t["time_us"],2)) for t in cl])
PY
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run201.txt
