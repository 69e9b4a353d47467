#!/usr/bin/env bash
# Device run 526 (2026-12-07): the split layout's a and b read from global
# memory (through the L1) instead of a per-block copy in shared memory, for
# the 16-bit split-layout kernels with H_m (or H_16) on tensor cores at 16384
# rows. Why: 16-bit 32768's block takes 205824 bytes of shared memory, so
# the carveout leaves the L1 28 KB, where the row loads (64 KB a block in
# flight) must land; a and b are 2/3 of those bytes. Kernels compiled on the
# development VM (`walsh compile --target cuda --rows 16384 --d D --dtype T`,
# WALSH_CACHE_DIR=none; the variant with a throwaway switch,
# WALSH_EXP_GLOBAL_PARAMS=1; glob_i1 / glob_i3: bf16 32768 with row_iters 1
# and 3). With it, the row copied whole by cp.async.bulk into one or two
# shared buffers, an mbarrier each, one thread issuing the copy of the
# group `buffers` grids on after the dense stage's first barrier
# (WALSH_EXP_BULK_ROWS=1 or 2: bulk1, bulk2; b1i1 / b2i1: bf16 32768 with
# row_iters 1). walsh-gpu checks each on 257 rows against float64 (output
# poisoned), then times it beside a device-to-device copy; passes in the
# order base glob bulk1 bulk2 ... and back.
set -u
cd /tmp && rm -rf walsh-bundle *.flat && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/e1.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for v in base glob bulk1 bulk2 b1i1 b2i1 glob_i1 glob_i3 bulk2 bulk1 glob base; do
  echo "== $v, 16384 rows"
  timeout 100 $B/walsh-gpu /tmp/$v.flat --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run526.txt
