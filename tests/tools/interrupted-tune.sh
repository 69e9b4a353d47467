#!/usr/bin/env bash
# Usage: interrupted-tune.sh DIR   (tools/walsh-tune.test)
# Starts a CPU `walsh tune` over 12 shapes, waits until its database file
# appears, interrupts the sweep (SIGINT, as Ctrl-C) while it still runs,
# and prints how many shapes the database then holds: with the database
# saved after each shape, some; saved only at the end, the file appears
# when the sweep is over and this fails.
set -euo pipefail
# Job control, so that the background sweep does not ignore SIGINT as a
# non-interactive shell's background jobs do.
set -m
dir="$1"
rm -rf "$dir" && mkdir -p "$dir"
db="$dir/db.json"
# SIGINT back to its default first: lit's and ctest's workers start tests
# with it ignored, which their children inherit.
WALSH_CACHE_DIR=none python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' walsh tune --heads 8 --head-dim 128 \
  --batch 1,2,3 --seq 8,16,32,64 --threads 1 --db "$db" > "$dir/out.txt" 2>&1 &
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
if ! kill -INT "$pid" 2>/dev/null; then
  echo "the sweep had finished before its database appeared"
  exit 1
fi
status=0
wait "$pid" || status=$?
WALSH_CACHE_DIR=none walsh tune --list --db "$db" --json > "$dir/list.json"
n=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["entries"]))' "$dir/list.json")
echo "interrupted (status $status); the database holds $n of 12 shapes"
echo "temporary files left: $(find "$dir" -name '*.tmp-*' | wc -l)"
