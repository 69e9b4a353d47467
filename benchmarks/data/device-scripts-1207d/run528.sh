#!/usr/bin/env bash
# (Not run in session 78: after run526 (11:00 UTC) no device came, eight
# starts refused 11:08-12:36 UTC. Run in session 79 (2026-12-07 13:34 UTC, an H100; again at 13:37 as run 529, the same script and files): benchmarks/data/h100-run528.txt, h100-run529.txt.)
# Device run 528 (2026-12-07): does the L1 the carveout leaves matter to the
# split layout on tensor cores? bf16 13312, 15360, 18432 and 22528 (0.92-0.96
# of the copy roofline on an H100 in run526, 101-151 KB of shared memory a
# block) against the same PTX launched asking 205824 bytes (16-bit 32768's,
# whose L1 the carveout leaves 28 KB; a throwaway switch,
# WALSH_EXP_PAD_SHARED, run528-switch.patch: the launch JSON's
# shared_bytes alone differs). walsh-gpu checks each on 257 rows against
# float64, then times it beside a device-to-device copy; passes base pad
# pad base. Then bf16 22528 … 32768 (big: their defaults) against the same
# kernels with the row loads as ld.global.nc.L1::no_allocate (noalloc;
# WALSH_EXP_NOALLOC, run528-noalloc.patch): big noalloc noalloc big.
set -u
cd /tmp && rm -rf walsh-bundle *.flat && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/e3.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for v in base pad pad base big noalloc noalloc big; do
  echo "== $v, 16384 rows"
  timeout 100 $B/walsh-gpu /tmp/$v.flat --check-rows 257 --rows 16384
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run528.txt
