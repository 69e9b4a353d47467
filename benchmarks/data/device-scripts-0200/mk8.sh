#!/usr/bin/env bash
# Compile the variants of device run 8 here (ptxas is local); walsh-gpu times them there.
set -u
cd /work/main
V=.device/v8; [ "${KEEP:-}" ] || rm -rf $V; mkdir -p $V
export WALSH_CACHE_DIR=none
c() { # name envs -- args
  local n=$1; shift; local envs=$1; shift
  mkdir -p $V/$n
  env $envs ./build/bin/walsh compile --target cuda "$@" --out $V/$n > /dev/null || echo "FAILED $n"
  local p=$(ls $V/$n/*.ptx); echo "$n $(ptxas -arch=sm_90 -v $p -o /dev/null 2>&1 | grep -oE 'Used [0-9]+ registers|[0-9]+ bytes spill stores' | tr '\n' ' ') $(grep -o '"shared_bytes": [0-9]*' $V/$n/*.json)"
  rm -f $V/$n/*.ptx
}
for dt in bf16 f16; do
c ${dt}_4096_65k_base X=1 --dtype $dt --d 4096 --rows 65536
c ${dt}_4096_65k_opq WALSH_OPAQUE=1 --dtype $dt --d 4096 --rows 65536
c ${dt}_4096_65k_e32r1opq WALSH_OPAQUE=1 --dtype $dt --d 4096 --rows 65536 --elems-per-thread 32 --threads-per-row 128 --rows-per-block 1
c ${dt}_4096_65k_e32r2opq WALSH_OPAQUE=1 --dtype $dt --d 4096 --rows 65536 --elems-per-thread 32 --threads-per-row 128 --rows-per-block 2
c ${dt}_4096_16k_base X=1 --dtype $dt --d 4096 --rows 16384
c ${dt}_4096_16k_opq WALSH_OPAQUE=1 --dtype $dt --d 4096 --rows 16384
c ${dt}_4096_16k_e32r1opq WALSH_OPAQUE=1 --dtype $dt --d 4096 --rows 16384 --elems-per-thread 32 --threads-per-row 128 --rows-per-block 1
c ${dt}_8192_65k_base X=1 --dtype $dt --d 8192 --rows 65536
c ${dt}_8192_65k_opq WALSH_OPAQUE=1 --dtype $dt --d 8192 --rows 65536
c ${dt}_8192_65k_e32opq WALSH_OPAQUE=1 --dtype $dt --d 8192 --rows 65536 --elems-per-thread 32 --threads-per-row 256 --rows-per-block 1
c ${dt}_2048_65k_base X=1 --dtype $dt --d 2048 --rows 65536
c ${dt}_2048_65k_opq WALSH_OPAQUE=1 --dtype $dt --d 2048 --rows 65536
c ${dt}_rs_16k_base X=1 --dtype $dt --heads 32 --head-dim 128 --row-sum --rows 16384
c ${dt}_rs_16k_opq WALSH_OPAQUE=1 --dtype $dt --heads 32 --head-dim 128 --row-sum --rows 16384
c ${dt}_rs_16k_opqrcp "WALSH_OPAQUE=1 WALSH_RCP=2" --dtype $dt --heads 32 --head-dim 128 --row-sum --rows 16384
c ${dt}_rs_16k_e32opqrcp "WALSH_OPAQUE=1 WALSH_RCP=2" --dtype $dt --heads 32 --head-dim 128 --row-sum --rows 16384 --elems-per-thread 32 --threads-per-row 128 --rows-per-block 1
c ${dt}_bhsd_16k_base X=1 --dtype $dt --heads 32 --head-dim 128 --layout bhsd --rows 16384
c ${dt}_bhsd_16k_opq WALSH_OPAQUE=1 --dtype $dt --heads 32 --head-dim 128 --layout bhsd --rows 16384
c ${dt}_bhsd_16k_e32opq WALSH_OPAQUE=1 --dtype $dt --heads 32 --head-dim 128 --layout bhsd --rows 16384 --elems-per-thread 32 --threads-per-row 128 --rows-per-block 1
done
du -sh $V
for dt in bf16 f16; do
c ${dt}_rs_16k_e32opqrcp_c4 "WALSH_OPAQUE=1 WALSH_RCP=2 WALSH_MINCTA=4" --dtype $dt --heads 32 --head-dim 128 --row-sum --rows 16384 --elems-per-thread 32 --threads-per-row 128 --rows-per-block 1
c ${dt}_bhsd_16k_e32opq_c4 "WALSH_OPAQUE=1 WALSH_MINCTA=4" --dtype $dt --heads 32 --head-dim 128 --layout bhsd --rows 16384 --elems-per-thread 32 --threads-per-row 128 --rows-per-block 1
c ${dt}_8192_65k_e32opq_c3 "WALSH_OPAQUE=1 WALSH_MINCTA=3" --dtype $dt --d 8192 --rows 65536 --elems-per-thread 32 --threads-per-row 256 --rows-per-block 1
c ${dt}_4096_65k_e32r1opq_c5 "WALSH_OPAQUE=1 WALSH_MINCTA=5" --dtype $dt --d 4096 --rows 65536 --elems-per-thread 32 --threads-per-row 128 --rows-per-block 1
done
du -sh $V
