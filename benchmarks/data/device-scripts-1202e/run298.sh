#!/bin/bash
# L1 cache hints on the rows' loads (PTX edits of the defaults, /tmp/exp/hint.py) and the
# throwaway WALSH_EXP_STREAM / WALSH_EXP_KEEPAB builds (loadStreaming, loadHinted).
cd /tmp && rm -rf walsh-bundle sets && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/hint.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,power.draw --format=csv
for v in base xnael; do echo "== sass $v 7680"; cuobjdump -sass /tmp/sets/$v/outproj_d7680_f32_sm_90.cubin | grep -o "LDG[.A-Z0-9_]*\|STG[.A-Z0-9_]*" | sort | uniq -c; done
echo "== forms check"; walsh-gpu /tmp/sets/forms --check-rows 1000 --no-time 2>&1 | grep -v "^$"
for pass in 1 2 3; do
 rows=65536; [ $pass = 2 ] && rows=16384
 vs="base xna xnael el xnasna xnaelc fbase fstream fstreamab"; [ $pass = 3 ] && vs="fstreamab fstream fbase xnael xna base"
 for v in $vs; do
   echo "== pass $pass rows $rows variant $v"
   walsh-gpu /tmp/sets/$v --check-rows 257 --rows $rows 2>&1 | grep -v "^$"
 done
done
