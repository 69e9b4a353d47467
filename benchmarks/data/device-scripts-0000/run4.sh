#!/usr/bin/env bash
# Device run 4 (2026-11-30): the register cap (minctasm = the blocks shared
# memory allows) on 16-bit kernels of 64 values a thread beyond the wide
# transposes: row sums, bhsd, plain. Temporary knobs WALSH_CAP_ALL and
# WALSH_CAP_PROLOGUE.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
date -u; start=$(date +%s)
for mode in base cap; do
  mkdir -p /tmp/$mode-16 /tmp/$mode-65
  unset WALSH_CAP_ALL; [ $mode = cap ] && export WALSH_CAP_ALL=1
  for dt in bf16 f16; do
    for hd in "--heads 32 --head-dim 128" "--heads 16 --head-dim 128" "--heads 64 --head-dim 128"; do
      for p in "--row-sum" "--layout bhsd" "--row-sum --epilogue residual,rmsnorm" ""; do
        $B/walsh compile --target cuda --dtype $dt $hd $p --rows 16384 --out /tmp/$mode-16 > /dev/null || echo "compile failed $dt $hd $p"
      done
    done
    $B/walsh compile --target cuda --dtype $dt --d 4096 --rows 65536 --out /tmp/$mode-65 > /dev/null
    $B/walsh compile --target cuda --dtype $dt --heads 32 --head-dim 128 --row-sum --rows 65536 --out /tmp/$mode-65 > /dev/null
  done
done
echo "compiled at $(( $(date +%s) - start )) s"
for mode in base cap; do
  timeout 100 $B/walsh-gpu /tmp/$mode-16 --rows 16384 --check-rows 257 > $OUT/$mode-16.txt 2>&1; echo "$mode-16 rc=$?"
  timeout 60 $B/walsh-gpu /tmp/$mode-65 --rows 65536 --check-rows 257 > $OUT/$mode-65.txt 2>&1; echo "$mode-65 rc=$?"
done
echo "timed at $(( $(date +%s) - start )) s"
python3 - <<'PY'
import os,re
o=os.environ['OUT']
def read(f):
    d={}
    for l in open(f):
        p=l.split()
        if len(p)>5 and p[0].startswith('outproj'):
            d[(p[0],p[2])]=(p[4],p[-1],p[6])
    return d
for rows in ('16','65'):
    a=read(f'{o}/base-{rows}.txt'); b=read(f'{o}/cap-{rows}.txt')
    for k in a:
        print(k[0], k[1], 'base', a[k][1], a[k][2], a[k][0], 'cap', b.get(k,('-','-','-'))[1], b.get(k,('-','-','-'))[2], b.get(k,('-','-','-'))[0])
PY
