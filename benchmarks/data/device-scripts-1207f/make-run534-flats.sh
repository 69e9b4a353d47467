#!/usr/bin/env bash
# Builds run534's kernels on the development VM (run from the checkout's
# root, build/ configured): .device/e7.tar.xz with base{16,65}.flat
# (5f5819d's MmaKernel.cpp, the checkout's when run534 ran) and
# wide{16,65}.flat (the same with a throwaway third clause in
# mmaRowsSkipL1: split layouts without H_m on tensor cores from 32 values a
# thread, session 79's 9e7d92b; f7a8773 then took it where two blocks'
# shared memory fits), the 16-bit defaults at 16384 and 65536 rows of
# every d that clause moves. Rebuilds bin/walsh twice; leaves the checkout
# as it found it. (Since run534, base is pinned to 5f5819d: it read the
# checkout's file, the same then.)
set -euo pipefail
f=compiler/lib/Conversion/WalshToGPU/MmaKernel.cpp
git diff --quiet -- "$f" || { echo "$f has local changes" >&2; exit 1; }
out=$(mktemp -d)
trap 'git checkout -q -- "$f"; ninja -C build bin/walsh > /dev/null' EXIT
sizes="${SIZES:-8192 10240 12288 20480}"
for v in base wide; do
  git show 5f5819d:"$f" > "$f"
  if [ $v = wide ]; then
    sed -i 's/rowsSkipL1 = mmaRowsSkipL1(layout, config, split);/rowsSkipL1 = mmaRowsSkipL1(layout, config, split) || (split \&\& !hmSplit \&\& config.getElemsPerThread() >= 32);/' "$f"
    grep -q '!hmSplit && config.getElemsPerThread() >= 32' "$f"
  fi
  ninja -C build bin/walsh > /dev/null
  for r in 16 65; do
    mkdir -p "$out/$v$r.flat"
    for t in bf16 f16; do
      for d in $sizes; do
        WALSH_CACHE_DIR=none build/bin/walsh compile --target cuda --dtype $t \
          --d $d --rows $((r == 16 ? 16384 : 65536)) --out "$out/k" > /dev/null
        mv "$out"/k/* "$out/$v$r.flat/"
      done
    done
  done
done
mkdir -p .device
tar cJf .device/e7.tar.xz -C "$out" base16.flat wide16.flat base65.flat wide65.flat
for p in "$out"/wide*.flat/*.ptx; do
  q=${p/wide/base}; cmp -s "$p" "$q" && echo "same PTX: $p" || echo "moved: $p ($(grep -c no_allocate "$p") loads)"
done
rm -rf "$out"
