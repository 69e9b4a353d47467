#!/bin/bash
# usage: ab.sh ROUNDS D "label1|ENV=.. args" "label2|..." ...
cd /work/main; export WALSH_CACHE_DIR=none
rounds=$1; d=$2; shift 2
declare -A res
for r in $(seq $rounds); do
  for c in "$@"; do
    label=${c%%|*}; spec=${c#*|}
    v=$(env $spec build/bin/walsh run --target cpu --threads 1 --rows $((67108864/d * ${RM:-1})) --d $d --dtype ${DT:-f32} --json ${EXTRA} ${LPP} 2>/dev/null | python3 -c 'import json,sys; j=json.load(sys.stdin); print(round(j["roofline_fraction"],2))')
    res[$label]="${res[$label]} $v"
  done
done
for c in "$@"; do label=${c%%|*}; echo "d=$d $label: $(echo ${res[$label]} | tr ' ' '\n' | sort -n | tr '\n' ' ') median $(echo ${res[$label]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')"; done
