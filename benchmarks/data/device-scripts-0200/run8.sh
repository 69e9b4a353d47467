#!/usr/bin/env bash
# Device run 8 (2026-11-30): the row-group loop's registers (thread index
# read inside the loop: WALSH_OPAQUE), 32 values a thread with row groups,
# the approximate reciprocal of row sums; kernels compiled here by mk8.sh.
set -u
cd /tmp && rm -rf walsh-bundle && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader; date -u
start=$(date +%s)
for pass in 1 2; do
for v in .device/v8/*; do
  n=$(basename $v); r=65536; case $n in *_16k_*) r=16384;; esac
  $B/walsh-gpu $v --rows $r --check-rows 257 2>&1 | grep -v "^name\|^device" | sed "s|^|$pass $n |" | cut -c1-200
done
done > $OUT/sweep.txt
echo "sweep took $(( $(date +%s) - start )) s"; cat $OUT/sweep.txt | awk '{print $1, $2, $(NF)}' | column -t | head -120
for n in bf16_4096_65k_opq bf16_4096_65k_e32r1opq bf16_rs_16k_opqrcp; do
  r=65536; case $n in *_16k_*) r=16384;; esac
  timeout 120 ncu --clock-control none -k regex:outproj --launch-skip 6 --launch-count 1 --section SpeedOfLight --section Occupancy --section WarpStateStats --section SchedulerStats --section MemoryWorkloadAnalysis --section LaunchStats --section InstructionStats $B/walsh-gpu .device/v8/$n --rows $r --check-rows 257 --iters 10 > $OUT/ncu_$n.txt 2>&1; echo "ncu $n rc=$?"
done
echo "total $(( $(date +%s) - start )) s"
