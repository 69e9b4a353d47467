#!/usr/bin/env bash
# Device run 63 (2026-11-30): the whole `walsh bench --target cuda` sweep
# again, now timed over rotating buffer sets (nothing in the L2), with
# today's defaults (decode m = 20 / 28, fp32 3072 / 6144); walsh run and
# walsh-gpu on the rotating sets too.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
timeout 420 $B/walsh bench --target cuda --json \
  --sizes 128,256,512,768,1024,1536,2048,2560,3072,3584,4096,5120,6144,7168,8192,12288,16384,32768 \
  > $OUT/bench.json 2> $OUT/bench.err; echo "bench rc=$?"
for a in "--d 512 --rows 16384" "--d 4096 --rows 65536" "--d 768 --rows 16384 --epilogue residual,rmsnorm"; do
  $B/walsh run --target cuda --dtype bf16 $a --check --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('run', '$a', 'frac %.3f'%j['roofline_fraction'], 'us %.2f'%j['time_us'], 'copy %.2f'%j.get('copy_us',0), 'err %.1e'%j['max_rel_error'])" | tee -a $OUT/run.txt
done
rm -rf /tmp/k62 && tar xJf .device/k62.tar.xz -C /tmp
$B/walsh-gpu /tmp/k62 --check-rows 257 2>&1 | tee $OUT/walsh-gpu-k62.txt | tail -7
echo "done $(date -u)"
