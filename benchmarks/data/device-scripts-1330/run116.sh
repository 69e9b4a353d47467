#!/usr/bin/env bash
# Device run 116 (2026-11-30): hm-mma-prototype.cu, version 1 (kernel `hm`;
# the main() of that run timed it alone at m = 36, 44, 52, 60 x P = 16, 32,
# nvcc -O3 -arch=sm_90, carried as .device/hmproto): H_m on tensor cores
# for bf16 d = m x P, 65536 and 16384 rows; each checked on 257 rows
# against double, then timed against a device-to-device copy. (The file's
# main() now runs version 2, and version 1 on four sizes with argument 1.)
set -u
{
timeout 200 .device/hmproto
} 2>&1 | tee $OUT/run116.txt
