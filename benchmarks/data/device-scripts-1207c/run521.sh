#!/usr/bin/env bash
# Device run 521 (2026-12-07, session 77): run520 again with the SIGINT
# sent to walsh (run520 sent it to the shell function's subshell, which
# walsh never saw, so it ran to its end). walsh bench --target cuda
# interrupted by SIGINT (text and --json) prints what it measured, status
# 130 (4c70724; until then it printed nothing), a second SIGINT ends it.
# No kernel changed.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
set -m
# Started in the background here, so that $! is walsh's pid (python
# execs it), not a subshell's.
sig_default() { python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' "$@" > /tmp/o.txt 2> /tmp/e.txt & }
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,memory.total,memory.used --format=csv,noheader
for mode in text json; do
  echo "== walsh bench --target cuda, SIGINT after 10 s ($mode)"
  extra=""; [ $mode = json ] && extra="--json"
  WALSH_CACHE_DIR=/tmp/wc sig_default $B/bin/walsh bench --target cuda --sizes 256-32768 --dtypes bf16 --rows 16384 --decode-rows none $extra
  pid=$!; sleep 10; kill -INT $pid; wait $pid; echo "status $?"
  if [ $mode = json ]; then python3 -c 'import json,sys; r=json.load(open("/tmp/o.txt")); print("json records", len(r), "ok", all(x["ok"] for x in r), "cublas", [x["cublas_bf16_us"] for x in r][:3])'; else grep -c "^bf16" /tmp/o.txt | sed 's/^/rows /'; head -4 /tmp/o.txt; fi
  cat /tmp/e.txt
done
echo "== a second SIGINT ends it"
WALSH_CACHE_DIR=/tmp/wc sig_default $B/bin/walsh bench --target cuda --sizes 256-32768 --dtypes bf16 --rows 16384 --decode-rows none
pid=$!; sleep 10; kill -INT $pid; sleep 0.05; kill -INT $pid; wait $pid; echo "status $?"; cat /tmp/e.txt | tail -2
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run521.txt
