#!/usr/bin/env bash
# Device run 11 (2026-11-30): the final code of this session (bundle of
# d3bca63): walsh bench over every size, issue 7's kernels at d = 4096
# (compiled here by mk9.sh into .device/v11), GPU conformance, the C test.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader; date -u
start=$(date +%s)
timeout 60 $B/walsh-gpu .device/v11/fused --rows 16384 --check-rows 257 > $OUT/fused.txt 2>&1; echo "fused rc=$?"
timeout 60 $B/walsh-gpu .device/v11/plain --rows 65536 --check-rows 257 > $OUT/plain.txt 2>&1; echo "plain rc=$?"
awk '{print $1, $(NF)}' $OUT/fused.txt $OUT/plain.txt
timeout 240 $B/walsh bench --target cuda --dtypes bf16,f16,f32 --sizes 256,512,768,1024,2048,4096,5120,8192,16384,32768 --decode-rows 1,16 --json > $OUT/bench.json 2>$OUT/bench.err; echo "bench rc=$? at $(( $(date +%s) - start )) s"
tail -3 $OUT/bench.err
timeout 400 bash tests/gpu/gpu-conformance.sh $B > $OUT/conformance.txt 2>&1; echo "conformance rc=$? at $(( $(date +%s) - start )) s; PASS: $(grep -c PASS $OUT/conformance.txt)"
grep -v PASS $OUT/conformance.txt | grep -v "^device\|^kernel\|compiling" | head -20
WALSH_CACHE_DIR=none timeout 60 /tmp/walsh-bundle/tests/walsh-capi-test > $OUT/capi.txt 2>&1; echo "capi rc=$?"; tail -1 $OUT/capi.txt
echo "total $(( $(date +%s) - start )) s"
