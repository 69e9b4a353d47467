#!/usr/bin/env bash
# Device run 119 (2026-11-30): hm-mma-prototype.cu version 3 (`hmproto 3`):
# version 2 with the rows' 16-byte chunks swizzled against ldmatrix's bank
# conflicts (ncu, run118: 18-37 % of shared wavefronts conflicted, the L1
# pipe 83-85 % busy), with H_m's A fragments from the shared table or held
# in registers, four or two warps a block; m = 36 and 60, P = 16 and 32.
set -u
{
timeout 200 .device/hmproto 3
} 2>&1 | tee $OUT/run119.txt
