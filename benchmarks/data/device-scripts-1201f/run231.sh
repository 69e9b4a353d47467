#!/usr/bin/env bash
# Device run 231 (2026-12-01): the session's final build on the H200. The
# whole GPU conformance test (the launcher's pointer cache, grid and
# context handling changed); a module load during a stream capture
# (probe_ctx.c, its last block); walsh bench --cache; a short walsh bench
# sweep beside run189's figures.
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
echo "== probe_ctx"
gcc -O2 -o /tmp/probe_ctx benchmarks/data/device-scripts-1201f/probe_ctx.c -ldl -lpthread && /tmp/probe_ctx
echo "== walsh bench --cache"
walsh bench --cache 2>&1 | tail -9
echo "== walsh bench"
walsh bench --target cuda --sizes 1024,4096,8192,3072 --dtypes bf16,f32 --rows 65536,16384 --decode-rows 16 --no-dense 2>&1 | tail -22
date -u +%H:%M:%S
echo "== GPU conformance"
/tmp/walsh-bundle/tests/gpu-conformance.sh /tmp/walsh-bundle/bin > $OUT/run231-conformance.txt 2>&1; echo "conformance rc=$?"
tail -5 $OUT/run231-conformance.txt
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run231.txt
