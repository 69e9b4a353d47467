#!/usr/bin/env bash
# Builds run532's kernels on the development VM (run from the checkout's
# root, build/ configured): .device/e6.tar.xz with base.flat (c28bad0's
# MmaKernel.cpp: every row load allocating) and new.flat (this checkout's:
# mmaRowsSkipL1), 16-bit defaults at 16384 rows of the sizes the rule
# moves and of its neighbours. Rebuilds bin/walsh twice (MmaKernel.cpp
# swapped in and back); leaves the checkout as it found it.
set -euo pipefail
f=compiler/lib/Conversion/WalshToGPU/MmaKernel.cpp
git diff --quiet -- "$f" || { echo "$f has local changes" >&2; exit 1; }
out=$(mktemp -d)
trap 'git checkout -q -- "$f"; ninja -C build bin/walsh > /dev/null' EXIT
sizes="6144 7168 8192 9216 10240 11264 12288 13312 14336 16384 20480 24576 26624 28672 30720 32768"
for v in base new; do
  if [ $v = base ]; then git show c28bad0:"$f" > "$f"; else git checkout -q -- "$f"; fi
  ninja -C build bin/walsh > /dev/null
  mkdir -p "$out/$v.flat"
  for t in bf16 f16; do
    for d in $sizes; do
      WALSH_CACHE_DIR=none build/bin/walsh compile --target cuda --dtype $t \
        --d $d --rows 16384 --out "$out/k" > /dev/null
      mv "$out"/k/* "$out/$v.flat/"
    done
  done
done
mkdir -p .device
tar cJf .device/e6.tar.xz -C "$out" base.flat new.flat
grep -c no_allocate "$out"/new.flat/*.ptx | grep -v ':0$' || true
rm -rf "$out"
