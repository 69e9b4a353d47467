#!/usr/bin/env bash
# Usage: interrupted-tune.sh DIR   (tools/walsh-tune.test)
# Starts a CPU `walsh tune` over 12 shapes, waits until its database file
# appears, interrupts the sweep (SIGINT, as Ctrl-C) while it still runs,
# and prints how many shapes the database then holds: with the database
# saved after each shape, some; saved only at the end, the file appears
# when the sweep is over and this fails. The shapes finished are printed,
# as many as stderr's "interrupted: N of 12 shapes finished" says (until
# 2026-12-07 nothing was printed); then the same with --json, whose
# object says "interrupted": true, and with SIGTERM (`timeout`'s), status
# 143 and "interrupted (SIGTERM)".
set -euo pipefail
# Job control, so that the background sweep does not ignore SIGINT as a
# non-interactive shell's background jobs do.
set -m
dir="$1"
rm -rf "$dir" && mkdir -p "$dir"
db="$dir/db.json"
# SIGINT back to its default first: lit's and ctest's workers start tests
# with it ignored, which their children inherit.
start() {
  rm -f "$db"
  WALSH_CACHE_DIR=none python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' walsh tune --heads 8 --head-dim 128 \
    --batch 1,2,3 --seq 8,16,32,64 --threads 1 --db "$db" "$@" \
    > "$dir/out.txt" 2> "$dir/err.txt" &
  pid=$!
  for _ in $(seq 1200); do
    [ -s "$db" ] && break
    sleep 0.05
  done
  if [ ! -s "$db" ]; then
    kill "$pid" 2>/dev/null || true
    echo "no database after 60 s"
    exit 1
  fi
  if ! kill -"${SIG:-INT}" "$pid" 2>/dev/null; then
    echo "the sweep had finished before its database appeared"
    exit 1
  fi
  status=0
  wait "$pid" || status=$?
}
start
WALSH_CACHE_DIR=none walsh tune --list --db "$db" --json > "$dir/list.json"
n=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["entries"]))' "$dir/list.json")
echo "interrupted (status $status); the database holds $n of 12 shapes"
echo "temporary files left: $(find "$dir" -name '*.tmp-*' | wc -l)"
printed=$(grep -c '^f32 ' "$dir/out.txt" || true)
if grep -q "^walsh tune: interrupted: $printed of 12 shapes finished; the output and the database hold those\$" \
    "$dir/err.txt" && [ "$printed" -ge "$n" ] && [ "$printed" -lt 12 ] &&
    grep -q "^walsh tune: $printed shapes\?, " "$dir/out.txt"; then
  echo "text: the shapes stderr counts"
else
  echo "text: $printed shapes printed against: $(cat "$dir/err.txt")"
fi

start --json
python3 - "$dir/out.txt" "$dir/err.txt" "$status" <<'PY'
import json, re, sys
out = json.load(open(sys.argv[1]))
said = re.search(r"interrupted: (\d+) of 12 shapes finished", open(sys.argv[2]).read())
assert said, open(sys.argv[2]).read()
assert int(said.group(1)) == len(out["shapes"]), (said.group(0), len(out["shapes"]))
assert 1 <= len(out["shapes"]) < 12 and out["interrupted"] is True, out
assert all("config" in s for s in out["shapes"]), out["shapes"]
print(f"json: status {sys.argv[3]}, {len(out['shapes'])} shapes, as stderr says")
PY

SIG=TERM start
printed=$(grep -c '^f32 ' "$dir/out.txt" || true)
if grep -q "^walsh tune: interrupted (SIGTERM): $printed of 12 shapes finished; the output and the database hold those\$" \
    "$dir/err.txt" && [ "$printed" -ge 1 ] && [ "$printed" -lt 12 ]; then
  echo "SIGTERM: status $status, the shapes stderr counts"
else
  echo "SIGTERM: status $status, $printed shapes printed against: $(cat "$dir/err.txt")"
fi
