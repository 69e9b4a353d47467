#!/usr/bin/env bash
# Device run 51 (2026-11-30): the decode default for 16-bit sizes with a
# dense factor (128 threads a row from 2^k = 128): `walsh run --check
# --json` per call under CUDA-graph replay, the new default against the old
# one given explicitly, at 1 and 16 rows, interleaved, two passes.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
r() { timeout 30 $B/walsh run --target cuda --check --json "$@" > /tmp/r.json 2>/tmp/r.err || { echo "failed: $* $(tail -1 /tmp/r.err)"; return; }
  python3 -c "import json;j=json.load(open('/tmp/r.json'));print('$*', 'graph_us=%.2f ok=%s'%(j['graph_us'],j.get('ok')))"; }
for p in 1 2; do for dt in bf16 f16; do for rows in 1 16; do
  r --dtype $dt --d 1536 --rows $rows
  r --dtype $dt --d 1536 --rows $rows --elems-per-thread 48 --threads-per-row 32 --rows-per-block 4 --vector-width 4 --cross-warp shared
  r --dtype $dt --d 3072 --rows $rows
  r --dtype $dt --d 3072 --rows $rows --elems-per-thread 48 --threads-per-row 64 --rows-per-block 1 --vector-width 4 --cross-warp shared
  r --dtype $dt --d 2560 --rows $rows
  r --dtype $dt --d 2560 --rows $rows --elems-per-thread 40 --threads-per-row 64 --rows-per-block 1 --vector-width 2 --cross-warp shared
  r --dtype $dt --d 3584 --rows $rows
  r --dtype $dt --d 3584 --rows $rows --elems-per-thread 56 --threads-per-row 64 --rows-per-block 1 --vector-width 2 --cross-warp shared
done; done; done | tee $OUT/decode.txt
echo "done $(date -u)"
