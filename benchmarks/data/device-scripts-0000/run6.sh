#!/usr/bin/env bash
# Device run 6 (2026-11-30): the session's final GPU conformance and C
# test, and the fused kernels of issue 7 at d = 4096 with the final
# defaults.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader; date -u
start=$(date +%s)
mkdir -p /tmp/f
for dt in bf16 f16; do
  for j in "--d 4096" "--heads 32 --head-dim 128 --layout bhsd" "--heads 32 --head-dim 128 --row-sum" "--heads 32 --head-dim 128 --splits 4" \
           "--d 4096 --epilogue residual,rmsnorm" "--d 4096 --epilogue residual,layernorm" "--heads 32 --head-dim 128 --splits 4 --epilogue residual,rmsnorm" \
           "--heads 32 --head-dim 128 --row-sum --epilogue residual,rmsnorm" "--heads 32 --head-dim 128 --layout bhsd --epilogue residual,rmsnorm" "--d 4096 --out-dtype f32 --epilogue residual,rmsnorm"; do
    $B/walsh compile --target cuda --dtype $dt $j --rows 16384 --out /tmp/f > /dev/null || echo "compile failed $dt $j"; done
done
timeout 60 $B/walsh-gpu /tmp/f --rows 16384 --check-rows 257 > $OUT/fused.txt 2>&1; echo "fused rc=$?"; cat $OUT/fused.txt
echo "== conformance at $(( $(date +%s) - start )) s"
timeout 400 bash tests/gpu/gpu-conformance.sh $B > $OUT/conformance.txt 2>&1; echo "rc=$? took $(( $(date +%s) - start )) s; PASS: $(grep -c PASS $OUT/conformance.txt)"
grep -v PASS $OUT/conformance.txt | grep -v "^device\|^kernel\|compiling" | head -20
WALSH_CACHE_DIR=none timeout 60 /tmp/walsh-bundle/tests/walsh-capi-test > $OUT/capi.txt 2>&1; echo "capi rc=$?"; tail -1 $OUT/capi.txt
