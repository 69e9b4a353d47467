#!/usr/bin/env bash
# run256's kernel sets (on the VM, 2e518a9 with a throwaway override in
# earlyAffineVectors(): WALSH_EXP_EARLY_AFFINE=N loads the first N vectors
# of a and b early in any transposing kernel without a table): the
# 16-bit 4096, 8192 and 32768 defaults with N early, in dirs eN.
set -eu
cd /tmp/ec
for spec in bf16:4096 f16:4096 bf16:8192 f16:8192 bf16:32768 f16:32768; do
  dt=${spec%:*}; d=${spec#*:}; rows=65536; [ $d -gt 8192 ] && rows=16384
  Ns="0 1 2 3 4 5 6"; [ $d = 32768 ] && Ns="0 1 2 3 4 6 8"
  for n in $Ns; do
    mkdir -p e$n
    WALSH_EXP_EARLY_AFFINE=$n WALSH_CACHE_DIR=none walsh compile --target cuda \
      --dtype $dt --d $d --rows $rows --out e$n >/dev/null
  done
done
