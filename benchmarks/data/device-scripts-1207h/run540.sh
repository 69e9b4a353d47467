#!/usr/bin/env bash
# Device run 540 (2026-12-07, session 82): the split layout with H_m on
# tensor cores at 16-bit 26624 and 30720 over 64 values a thread without
# ptxas's spills (make-run540-flats.sh: n* one item at a time, rows two
# grids ahead; a* two items, one grid ahead; the defaults since 4d15e36
# n26 and a30, run538's b26 and u2x30) against the defaults before (d26,
# d30 from run538's e8): walsh-gpu checks each on
# 257 rows against float64 and times it beside a device-to-device copy,
# two passes in opposite orders, at 16384 and 65536 rows. Then the new
# bundle's defaults at those sizes in every form they take (affine on and
# off, H^T), checked by walsh run --check on 257 rows.
set -u
cd /tmp && rm -rf walsh-bundle *.flat && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/e8.tar.xz" && tar xJf "$OLDPWD/.device/e9.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
vs="d26 n26 a26 d30 n30 a30"
rv=$(echo $vs | tr ' ' '\n' | tac | tr '\n' ' ')
# ONE_PASS=1: one pass (for a call with little device time left).
[ -n "${ONE_PASS:-}" ] && rv=""
{
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
date -u +%H:%M:%S
for r in 16384 65536; do
  for v in $vs $rv; do
    echo "== $v, $r rows"
    timeout 60 $B/walsh-gpu /tmp/$v.flat --check-rows 257 --rows $r
  done
done
date -u +%H:%M:%S
echo "== the new defaults' forms, walsh run --check"
for d in 26624 30720; do for t in bf16 f16; do for form in "" --no-affine --transpose "--transpose --no-affine"; do
  for r in 257; do
    printf '%s %s %-24s %6s rows: ' $d $t "${form:-affine}" $r
    WALSH_CACHE_DIR=/tmp/wc540 timeout 60 walsh run --target cuda --d $d --dtype $t $form --rows $r --check --json |
      python3 -c 'import json,sys; j=json.load(sys.stdin); print(j.get("config"), "max_rel_error", j.get("max_rel_error"), "check", j.get("check", j.get("ok")), "frac", j.get("roofline_fraction"))'
  done
done; done; done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run540.txt
