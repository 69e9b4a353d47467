#!/usr/bin/env bash
# Device run 41 (2026-11-30): the stall reasons of run 40's kernels, and
# their SASS in one tarball (run 40's files were too many to come back).
set -u
cd /tmp && rm -rf walsh-bundle v40 && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && tar xJf "$OLDPWD/.device/v40.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
mkdir -p /tmp/sass
for k in /tmp/v40/*/; do n=$(basename $k); cuobjdump --dump-sass $k/*.cubin > /tmp/sass/$n.txt 2>&1; done
(cd /tmp && tar cJf $OUT/sass.tar.xz sass)
S=""
for r in long_scoreboard short_scoreboard barrier wait math_pipe_throttle mio_throttle lg_throttle not_selected selected dispatch_stall no_instruction membar drain imc_miss branch_resolving tex_throttle sleeping misc; do
  S="$S,smsp__average_warps_issue_stalled_${r}_per_issue_active.ratio"
done
M=gpu__time_duration.sum,smsp__issue_active.avg.pct_of_peak_sustained_active,sm__warps_active.avg.pct_of_peak_sustained_active$S
for n in d4096 bhsd rsum d5120 d3072 d12288 d8192 d768; do
  k=/tmp/v40/$n; R=65536; case $n in bhsd|rsum) R=16384;; esac
  timeout 100 ncu --clock-control none --launch-skip 6 --launch-count 1 --metrics $M $B/walsh-gpu $k --rows $R --check-rows 257 --iters 5 > /tmp/ncu-$n.txt 2>&1
  echo "== $n rc=$?"; grep -E 'duration|issue_active|warps_active|stalled' /tmp/ncu-$n.txt | awk '{v=$NF; n=$1; sub(/smsp__average_warps_issue_stalled_/,"",n); sub(/_per_issue_active.ratio/,"",n); if (v+0 >= 0.05 || n ~ /duration|active/) printf "%s=%s ", n, v} END {print ""}'
done
echo "done $(date -u)"
