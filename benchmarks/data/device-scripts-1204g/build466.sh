#!/usr/bin/env bash
# Kernels of device run 466 (2026-12-04): build464.sh's bf16 kernels (its
# OUTDIR as T464), each default beside its form without a and b as
# compiled (_noaff) and the same cubin launched with the default's dynamic
# shared memory (_bigsmem: only the JSON's shared_bytes edited), so that
# the two without a and b differ only in the L1 the carveout leaves.
# Usage: build466.sh T464 OUTDIR
set -eu
T464=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384"
for d in 9216 11264 13312 14336 15360 18432 22528 26624 28672 30720; do
  A=$T464/r16384/outproj_d${d}_bf16_sm_90
  N=$T464/r16384/outproj_d${d}_bf16_noaffine_sm_90_noaff
  cp $A.json $A.cubin $N.json $N.cubin "$OUT/r16384/"
  cp $N.cubin "$OUT/r16384/outproj_d${d}_bf16_noaffine_sm_90_bigsmem.cubin"
  python3 - "$A.json" "$N.json" "$OUT/r16384" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); j = json.load(open(sys.argv[2]))
j['name'] = j['name'][:-len('_noaff')] + '_bigsmem'
j['shared_bytes'] = a['shared_bytes']
json.dump(j, open(sys.argv[3] + '/' + j['name'] + '.json', 'w'), indent=2)
PY
done
