#!/usr/bin/env bash
# Kernels of device run 462 (2026-12-04), 6ff20b9's walsh, no switch: fp32
# 18432 and 22528's defaults at 16384 rows, each compiled once and copied
# under three names (_r1 ... _r3), so that one walsh-gpu process times the
# same PTX three times in a row (new buffers per kernel) and the run's
# passes (new processes) time it again.
# Usage: build462.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384"
. "$(dirname "$0")/../device-scripts-1204d/lib.sh"
for d in 18432 22528; do
  for r in 1 2 3; do renamed _r$r "$OUT/r16384" --dtype f32 --d $d --rows 16384; done
done
