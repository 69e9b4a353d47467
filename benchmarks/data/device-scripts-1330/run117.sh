#!/usr/bin/env bash
# Device run 117 (2026-11-30): hm-mma-prototype.cu, version 2 (H_m first on the raw
# row by ldmatrix.trans from a cp.async double buffer, then H_P with the hi + lo
# split; 4-byte stores; a * s and b from shared tables), m = 36 ... 60, P = 16 and 32, each checked
# against double, then timed against a device-to-device copy.
set -u
{
timeout 200 .device/hmproto 2
} 2>&1 | tee $OUT/run117.txt
