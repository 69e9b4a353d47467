#!/usr/bin/env bash
# RAN 08:04-08:09 UTC on an H100, but its SIGINTs went to the background
# shell function's subshell, not to walsh (status 0, every case): run521.sh
# sends them to walsh.
# Device run 520 (2026-12-07, session 77; written in session 76, when no
# machine came): walsh bench --target cuda interrupted by SIGINT (text and --json) prints what it measured, status
# 130 (4c70724; until then it printed nothing), a second SIGINT ends it;
# walsh bench against cuBLAS at the three sizes, whole (run519 kept
# one row); fuzz.py cli and python (seeds 156, 157). No kernel changed.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle
set -m
sig_default() { python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' "$@"; }
{
date -u +%H:%M:%S
nvidia-smi --query-gpu=name,driver_version,memory.total,memory.used --format=csv,noheader
for mode in text json; do
  echo "== walsh bench --target cuda, SIGINT after 6 s ($mode)"
  extra=""; [ $mode = json ] && extra="--json"
  WALSH_CACHE_DIR=/tmp/wc sig_default $B/bin/walsh bench --target cuda --sizes 256-32768 --dtypes bf16 --rows 16384 --decode-rows none $extra > /tmp/o.txt 2> /tmp/e.txt &
  pid=$!; sleep 6; kill -INT $pid; wait $pid; echo "status $?"
  if [ $mode = json ]; then python3 -c 'import json,sys; r=json.load(open("/tmp/o.txt")); print("json records", len(r), "ok", all(x["ok"] for x in r), "cublas", [x["cublas_bf16_us"] for x in r][:3])'; else grep -c "^bf16" /tmp/o.txt | sed 's/^/rows /'; head -4 /tmp/o.txt; fi
  cat /tmp/e.txt
done
echo "== a second SIGINT ends it"
WALSH_CACHE_DIR=/tmp/wc sig_default $B/bin/walsh bench --target cuda --sizes 256-32768 --dtypes bf16 --rows 16384 --decode-rows none > /tmp/o.txt 2> /tmp/e.txt &
pid=$!; sleep 6; kill -INT $pid; sleep 0.05; kill -INT $pid; wait $pid; echo "status $?"; cat /tmp/e.txt | tail -2
date -u +%H:%M:%S
echo "== walsh bench vs cuBLAS"
WALSH_CACHE_DIR=/tmp/wc timeout 200 $B/bin/walsh bench --target cuda --sizes 768,4096,16384 --rows 16384 --dtypes bf16 --decode-rows none 2>&1
date -u +%H:%M:%S
echo "== fuzz.py cli"
timeout 120 python3 scripts/fuzz.py cli --seconds 80 --seed 156 --build $B 2>&1 | tail -3
echo "== fuzz.py python"
timeout 120 python3 scripts/fuzz.py python --seconds 80 --seed 157 --build $B 2>&1 | tail -4
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run520.txt
