#!/usr/bin/env bash
# Device run 389 (2026-12-03): H_m on tensor cores (HmMmaKernel: the row
# by cp.async one grid ahead) with an L2 prefetch of the group two grids
# ahead (a throwaway WALSH_EXP_HM_L2AHEAD=2) against the committed
# emitters (base): every size whose default for 16384 or 65536 rows is
# that kernel, bf16, f16 and fp32 (.device/conf.tar.xz, compiled here).
# walsh-gpu checks every kernel on 257 rows and times it against a
# device-to-device copy, two passes in opposite orders.
set -u
cd /tmp && rm -rf walsh-bundle conf389 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/conf.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for r in 16384 65536; do
  for v in base a2 a2 base; do
    echo "== rows $r variant $v"
    timeout 140 $B/walsh-gpu /tmp/conf389/r$r/$v --check-rows 257 --rows $r | grep -v "^device\|^kernel"
  done
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/h200-hm-l2-ahead-run389.txt
