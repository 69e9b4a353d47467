#!/usr/bin/env bash
# Starts N `walsh run ARGS --json` processes at once, waits for all, and
# prints each one's "cache" field and exit status (for walsh-cache.test).
set -u
n="$1"; walsh="$2"; shift 2
dir=$(mktemp -d)
for i in $(seq "$n"); do
  "$walsh" run "$@" --json > "$dir/$i.out" 2> "$dir/$i.err" &
done
fail=0
for job in $(jobs -p); do wait "$job" || fail=1; done
for i in $(seq "$n"); do
  grep -o '"cache": "[a-z]*"' "$dir/$i.out" || echo "no output from run $i: $(cat "$dir/$i.err")"
done
rm -rf "$dir"
echo "all exited 0: $([ $fail = 0 ] && echo yes || echo no)"
