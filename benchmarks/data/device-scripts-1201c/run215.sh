#!/usr/bin/env bash
# Device run 215 (2026-12-01): the L2 prefetch for the split layout too,
# its lines spread over all m * T threads of the row (a throwaway switch,
# WALSH_TMP_SPLITPF). 1. walsh-gpu checks the 51 conformance kernels it
# changes (k98). 2. The split bulk defaults (6144, 10240, 12288, three
# dtypes) before (a) and after (b), alternating, two passes.
set -u
cd /tmp && rm -rf walsh-bundle k98 e9 && tar xJf "$OLDPWD/.device/bundle.tar.xz" && tar xJf "$OLDPWD/.device/k98.tar.xz" && tar xJf "$OLDPWD/.device/e9.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
{
timeout 120 $B/walsh-gpu /tmp/k98 --check-rows 257 --no-time > $OUT/run215-k98.txt 2>&1; echo "k98 rc=$?"
echo "PASS lines: $(grep -c PASS $OUT/run215-k98.txt)"; grep -v PASS $OUT/run215-k98.txt | head
for p in 1 2; do
  for r in 65 16; do
    rows=$([ $r = 65 ] && echo 65536 || echo 16384)
    for v in a b; do
      echo "== $v$r pass $p"
      $B/walsh-gpu /tmp/e9/$v$r --rows $rows --check-rows 257 2>&1 | grep -E '^outproj'
    done
  done
done
} 2>&1 | tee $OUT/run215.txt
