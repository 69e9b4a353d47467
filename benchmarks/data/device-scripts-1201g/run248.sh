#!/usr/bin/env bash
# Device run 248 (2026-12-01): the binding's torch test with the dense-
# factor (d = 768, H not symmetric) gradient check, then the same test
# against a mutant binding whose backward forgets to transpose (it must
# fail), and one whose db is left out of the sum over rows... (it must fail).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
python3 /tmp/walsh-bundle/tests/python/test_walsh.py torch 2>&1 | tail -17; echo "rc=$?"
for mutant in "s/not ctx.transpose/ctx.transpose/" "s/gb = g32.sum(0)/gb = g32[0]/"; do
  rm -rf /tmp/mut && mkdir -p /tmp/mut/tests /tmp/mut/python
  cp -r /tmp/walsh-bundle/tests/python /tmp/mut/tests/
  sed "$mutant" /tmp/walsh-bundle/python/walsh.py > /tmp/mut/python/walsh.py
  echo "== mutant: $mutant ($(diff /tmp/walsh-bundle/python/walsh.py /tmp/mut/python/walsh.py | grep -c '^>') line changed)"
  WALSH_LIBRARY=/tmp/walsh-bundle/lib/libwalsh.so python3 /tmp/mut/tests/python/test_walsh.py torch 2>&1 | grep -E "FAIL|failed|passed"; echo "rc=$?"
done
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run248.txt
