#!/usr/bin/env bash
# Device run 110 (2026-11-30): SASS opcode histograms (cuobjdump -sass) of
# the large 16-bit defaults (bf16/f16 16384, bf16 8192 and 32768 at 65536
# rows): where their 25-30 instructions an element go.
set -u
rm -rf /tmp/k && mkdir /tmp/k && tar xJf .device/k33.tar.xz -C /tmp/k
{
for f in /tmp/k/*.cubin; do
  echo "== $(basename $f)"
  cuobjdump -sass $f | grep -E '^\s+/\*[0-9a-f]+\*/' | sed -E 's/^\s+\/\*[0-9a-f]+\*\/\s+//; s/^@!?U?P[0-9T]+\s+//' | awk '{print $1}' | sed 's/;//' | sort | uniq -c | sort -rn | head -40
  cuobjdump -sass $f | grep -cE '^\s+/\*[0-9a-f]+\*/'
done
cuobjdump -sass /tmp/k/outproj_d16384_bf16_sm_90.cubin | grep -E "F2FP|F2F|PRMT|IMAD.U32|SHF|LOP3" | head -40
} 2>&1 | tee $OUT/run110.txt
