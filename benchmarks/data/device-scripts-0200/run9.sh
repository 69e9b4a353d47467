#!/usr/bin/env bash
# Device run 9 (2026-11-30): after the approximate reciprocals (row sums,
# split-KV, norms) and the thread index read in wide row-group loops:
# issue 7's kernels at d = 4096, the transform's defaults, the affine not
# hoisted at d <= 1024 (WALSH_NOHOIST, compiled by mk9.sh), SASS of two
# kernels, then GPU conformance and the C test.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader; date -u
start=$(date +%s)
for pass in 1 2; do
  timeout 60 $B/walsh-gpu .device/v9/fused --rows 16384 --check-rows 257 2>&1 | sed "s/^/$pass /"
  timeout 60 $B/walsh-gpu .device/v9/plain --rows 65536 --check-rows 257 2>&1 | sed "s/^/$pass /"
  timeout 60 $B/walsh-gpu .device/v9/nh --rows 65536 --check-rows 257 2>&1 | sed "s/^/$pass nh /"
done > $OUT/sweep.txt
grep -v "^. name\|device" $OUT/sweep.txt | awk '{print $1, $2, $3, $(NF)}'
echo "== sweep at $(( $(date +%s) - start )) s"
mkdir -p /tmp/sass
for f in .device/v9/plain/outproj_d4096_bf16_e64t64r2v8xi16_sm_90.cubin .device/v9/fused/outproj_d4096_bf16_rs128_e64t64r2v8xi8_sm_90.cubin .device/v9/plain/outproj_d1024_bf16_e32t32r4v8si16_sm_90.cubin; do
  cuobjdump -sass $f > /tmp/sass/$(basename $f .cubin).sass 2>&1; done
tar czf $OUT/sass.tar.gz -C /tmp sass
timeout 400 bash tests/gpu/gpu-conformance.sh $B > $OUT/conformance.txt 2>&1; echo "conformance rc=$? at $(( $(date +%s) - start )) s; PASS: $(grep -c PASS $OUT/conformance.txt)"
grep -v PASS $OUT/conformance.txt | grep -v "^device\|^kernel\|compiling" | head -20
WALSH_CACHE_DIR=none timeout 60 /tmp/walsh-bundle/tests/walsh-capi-test > $OUT/capi.txt 2>&1; echo "capi rc=$?"; tail -1 $OUT/capi.txt
