#!/usr/bin/env bash
# Device run 77 (2026-11-30): GPU conformance of the final compiler (commit
# e46af70's kernels: tests/gpu/gpu-conformance.sh --compile-only here, the
# cubins carried), every kernel checked on 257 rows against the float64
# oracle; then walsh bench over the sizes whose default changed.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
{
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/conf77.tar.xz -C /tmp/k
ls /tmp/k/*.json | wc -l
timeout 400 $B/walsh-gpu /tmp/k --check-rows 257 --no-time > $OUT/conformance77.txt 2>&1; echo "walsh-gpu rc=$?"
grep -c PASS $OUT/conformance77.txt; grep -v PASS $OUT/conformance77.txt | head -20
} 2>&1 | tee $OUT/run77.txt
echo "done $(date -u)"
