#!/usr/bin/env bash
# Device run 1 (2026-11-29): GPU conformance with the output cast, cast
# timings, and an Nsight Compute look at bf16 d = 4096.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv,noheader
echo "== conformance"
start=$(date +%s)
bash tests/gpu/gpu-conformance.sh $B > $OUT/conformance.txt 2>&1; echo "rc=$?"
echo "conformance took $(( $(date +%s) - start )) s"
grep -c PASS $OUT/conformance.txt; grep -v PASS $OUT/conformance.txt | head -30
echo "== cast timings"
for a in "--d 4096 --dtype bf16" "--d 4096 --dtype bf16 --out-dtype f32" "--d 4096 --dtype f32 --out-dtype bf16" \
         "--d 4096 --dtype bf16 --epilogue residual,rmsnorm" "--d 4096 --dtype bf16 --out-dtype f32 --epilogue residual,rmsnorm" \
         "--heads 32 --head-dim 128 --dtype bf16 --out-dtype f32 --splits 4 --epilogue residual,rmsnorm --rows 16" ; do
  r=16384; case "$a" in *--rows*) r="";; esac
  $B/walsh run --target cuda $a ${r:+--rows $r} --check --json > $OUT/t.json 2>&1
  python3 -c "import json,sys;j=json.load(open('$OUT/t.json'));print('$a', 'rows',j['rows'],'us %.2f'%j['time_us'],'graph',j.get('graph_us'),'frac %.3f'%j['roofline_fraction'],'err %.2g'%j['max_rel_error'],j['ok'])" || cat $OUT/t.json | tail -5
done
echo "== ncu bf16 d=4096 65536 rows"
timeout 240 ncu --clock-control none --launch-skip 3 --launch-count 1 -k regex:outproj \
  --section SpeedOfLight --section MemoryWorkloadAnalysis_Tables --section WarpStateStats --section Occupancy --section LaunchStats \
  --metrics l1tex__data_bank_conflicts_pipe_lsu_mem_shared_op_ld.sum,l1tex__data_bank_conflicts_pipe_lsu_mem_shared_op_st.sum,l1tex__data_pipe_lsu_wavefronts_mem_shared_op_ld.sum,l1tex__data_pipe_lsu_wavefronts_mem_shared_op_st.sum,smsp__inst_executed_op_shared_ld.sum,smsp__inst_executed_op_shared_st.sum,smsp__inst_executed.sum,l1tex__data_pipe_lsu_wavefronts.sum,l1tex__data_pipe_lsu_wavefronts_mem_lg.sum,smsp__inst_executed_op_global_ld.sum,smsp__inst_executed_op_global_st.sum,l1tex__data_pipe_lsu_wavefronts_mem_shared.sum,smsp__inst_executed_op_ldgsts.sum \
  $B/walsh run --target cuda --d 4096 --dtype bf16 --rows 65536 > $OUT/ncu4096.txt 2>&1
echo "ncu rc=$?"
grep -E "Duration|Throughput|Pct|bank_conflicts|wavefronts|inst_executed|Registers|Achieved Occupancy|Theoretical Occupancy|Stall|Warp Cycles|Block Size|Shared Memory Configuration|Dynamic Shared" $OUT/ncu4096.txt | head -80
