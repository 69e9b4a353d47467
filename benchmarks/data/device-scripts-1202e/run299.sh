#!/bin/bash
# MmaKernel's row loads through ld.global.L1::no_allocate (throwaway WALSH_EXP_STREAMX) against the defaults.
cd /tmp && rm -rf walsh-bundle sx && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/sx.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
echo "== forms check"; walsh-gpu /tmp/sx/forms --check-rows 1000 --no-time 2>&1 | grep -v "^$"
for pass in 1 2 3; do
 rows=65536; [ $pass = 2 ] && rows=16384
 vs="base sx"; [ $pass = 3 ] && vs="sx base"
 for v in $vs; do
   echo "== pass $pass rows $rows variant $v"
   walsh-gpu /tmp/sx/$v --check-rows 257 --rows $rows 2>&1 | grep -v "^$"
 done
done
