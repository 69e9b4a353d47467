#!/bin/bash
# MmaKernel's row loads through ld.global.L1::no_allocate with constant offsets (throwaway
# WALSH_EXP_STREAMX, sy) against the defaults (base) and the defaults' PTX edited (pe, hint.py).
cd /tmp && rm -rf walsh-bundle sy && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sy.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
echo "== forms check"; walsh-gpu /tmp/sy/forms --check-rows 1000 --no-time 2>&1 | grep -v "^$"
for pass in 1 2 3; do
 rows=65536; vs="base sy pe"; [ $pass = 2 ] && rows=16384 && vs="base sy"; [ $pass = 3 ] && vs="sy base"
 for v in $vs; do
   echo "== pass $pass rows $rows variant $v"
   walsh-gpu /tmp/sy/$v --check-rows 257 --rows $rows 2>&1 | grep -v "^$"
 done
done
