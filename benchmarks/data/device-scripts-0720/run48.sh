#!/usr/bin/env bash
# Device run 48 (2026-11-30): issue 3's single-thread fp32 kernels on the
# H200 host's CPU (Sapphire Rapids, AVX-512) by CPU config: vector width 8
# (AVX2) or 16 (AVX-512, the default there) and levels per pass, 256 MB,
# `walsh run --json` (walsh and memcpy of the same bytes in one process).
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
export WALSH_CACHE_DIR=/tmp/wc
for p in 1 2; do
for dr in 4096:16384 16384:4096 1024:65536; do d=${dr%:*}; r=${dr#*:}
  for vw in 8 16; do for lp in 2 3 4 5; do
    timeout 30 $B/walsh run --target cpu --d $d --rows $r --threads 1 --vector-width $vw --levels-per-pass $lp --json > /tmp/r.json 2>/tmp/r.err || { echo "d=$d vw=$vw lp=$lp failed: $(tail -1 /tmp/r.err)"; continue; }
    python3 -c "import json;j=json.load(open('/tmp/r.json'));print($p, 'd=%d vw=%d lp=%d frac=%.2f us=%.0f memcpy=%.0f cpu=%s'%(j['d'],j['vector_width'],j['levels_per_pass'],j['roofline_fraction'],j['time_us'],j['memcpy_us'],j['cpu']))"
  done; done
  timeout 30 $B/walsh run --target cpu --d $d --rows $r --threads 1 --json > /tmp/r.json 2>/dev/null && python3 -c "import json;j=json.load(open('/tmp/r.json'));print($p, 'd=%d default vw=%d lp=%d frac=%.2f'%(j['d'],j['vector_width'],j['levels_per_pass'],j['roofline_fraction']))"
done; done
echo "done $(date -u)"
