#!/usr/bin/env bash
# Usage: interrupted-bench.sh DIR FAKE_DRIVER_DIR
#   (tools/walsh-inspect-bench.test)
# Starts a CPU `walsh bench` over 49 sizes, interrupts it (SIGINT, as
# Ctrl-C) once it is under way, and prints its exit status, what it
# printed and what it said on stderr: text (interrupted once the first row
# is out) and --json (interrupted once the second kernel's stages are in
# WALSH_DUMP_DIR: the first size was timed). Then the CUDA sweep on the
# stand-in driver (its kernels write nothing, so each is refused after its
# check, a case all the same), which prints its table at its end. The JSON must be one whole array whose length the stderr line
# states. Until 2026-12-07 Ctrl-C ended walsh bench with no summary, and
# the CUDA sweep, which prints at the end, with nothing at all.
set -euo pipefail
set -m # (a background job of a non-interactive shell ignores SIGINT)
dir="$1"
fake="$2"
rm -rf "$dir" && mkdir -p "$dir"
# SIGINT back to its default first: lit's and ctest's workers start tests
# with it ignored, which their children inherit.
start() {
  python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' walsh bench "$@" \
    > "$dir/out" 2> "$dir/err" &
  pid=$!
}
cpu="--sizes 256-16384 --dtypes f32 --mb 4 --threads 1 --no-dense"
wait_for() { # a condition, 60 s at most
  for _ in $(seq 1200); do
    if eval "$1"; then return 0; fi
    sleep 0.05
  done
  kill "$pid" 2>/dev/null || true
  echo "timed out waiting for: $1"
  exit 1
}
finish() {
  if ! kill -INT "$pid" 2>/dev/null; then
    echo "the sweep had finished before it was interrupted"
    exit 1
  fi
  status=0
  wait "$pid" || status=$?
  echo "status $status"
}

WALSH_CACHE_DIR=none start $cpu
wait_for '[ "$(wc -l < "$dir/out")" -ge 2 ]'
finish
rows=$(grep -c '^f32 ' "$dir/out" || true)
grep -c '^every kernel checked' "$dir/out" | sed 's/^/footer /'
if grep -q "interrupted: $rows of 49 cases measured; the output holds those" \
    "$dir/err" && [ "$rows" -ge 1 ] && [ "$rows" -lt 49 ]; then
  echo "text: rows as stderr says"
else
  echo "text: $rows rows against: $(cat "$dir/err")"
fi

WALSH_CACHE_DIR=none WALSH_DUMP_DIR="$dir/dump" start $cpu --json
wait_for '[ "$(ls "$dir/dump" 2>/dev/null | wc -l)" -ge 2 ]'
finish
python3 - "$dir/out" "$dir/err" <<'PY'
import json, re, sys
records = json.load(open(sys.argv[1]))
said = re.search(r"interrupted: (\d+) of 49 cases", open(sys.argv[2]).read())
assert said, open(sys.argv[2]).read()
assert int(said.group(1)) == len(records), (said.group(0), len(records))
assert 1 <= len(records) < 49, len(records)
assert all(r["ok"] and r["d"] >= 256 for r in records), records
print(f"json: an array of {len(records)}, as stderr says")
PY

# SIGTERM sent twice, 0.1 s apart, as timeout(1) sends it to walsh and
# then to its process group (and a scheduler may): one request, the sweep
# stopped after its case, status 143 (until 2026-12-07 the second signal,
# taken for a second Ctrl-C, ended it with nothing printed; run524).
# Cases of about 1.7 s each here, so both come within the second one.
start --sizes 4096,8192,16384 --dtypes f32 --mb 32 --threads 1 --no-dense
wait_for '[ "$(wc -l < "$dir/out")" -ge 2 ]'
kill -TERM "$pid"
sleep 0.1
kill -TERM -- "-$pid" 2>/dev/null || true
status=0
wait "$pid" || status=$?
rows=$(grep -c '^f32 ' "$dir/out" || true)
if grep -q "interrupted (SIGTERM): $rows of 3 cases measured; the output holds those" \
    "$dir/err" && [ "$rows" -ge 1 ] && [ "$rows" -lt 3 ]; then
  echo "SIGTERM twice: status $status, rows as stderr says"
else
  echo "SIGTERM twice: status $status, $rows rows against: $(cat "$dir/err")"
fi

rm -rf "$dir/dump"
WALSH_CACHE_DIR=none WALSH_DUMP_DIR="$dir/dump" LD_LIBRARY_PATH="$fake" \
  start --sizes 256-16384 --target cuda --dtypes bf16 --rows 64 --decode-rows none
wait_for '[ "$(ls "$dir/dump" 2>/dev/null | wc -l)" -ge 2 ]'
finish
refused=$(grep -c '^bf16 .*| refused:' "$dir/out" || true)
if grep -q "interrupted: $refused of 49 cases measured; the output holds those" \
    "$dir/err" && [ "$refused" -ge 1 ] && [ "$refused" -lt 49 ] &&
    grep -q '^frac = copy time' "$dir/out"; then
  echo "cuda: the table's cases as stderr says"
else
  echo "cuda: $refused cases against: $(tail -1 "$dir/err")"
fi
