#!/usr/bin/env bash
# Device run 42 (2026-11-30): timing (walsh-gpu: checked, then against the
# copy roofline) and ncu counters of mk42.sh's kernels.
set -u
cd /tmp && rm -rf walsh-bundle v42 && tar xzf "$OLDPWD/build/walsh-bundle.tar.gz" && tar xJf "$OLDPWD/.device/v42.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
B=/tmp/walsh-bundle/bin
S=""
for r in long_scoreboard short_scoreboard barrier wait math_pipe_throttle mio_throttle lg_throttle not_selected dispatch_stall; do
  S="$S,smsp__average_warps_issue_stalled_${r}_per_issue_active.ratio"
done
M=gpu__time_duration.sum,sm__inst_executed.sum,launch__registers_per_thread,smsp__issue_active.avg.pct_of_peak_sustained_active,sm__warps_active.avg.pct_of_peak_sustained_active$S
for k in /tmp/v42/*/; do n=$(basename $k); R=65536; case $n in d4096*|bhsd*|rsum*) R=16384;; esac
  for p in 1 2; do timeout 60 $B/walsh-gpu $k --rows $R --check-rows 257 | grep -E 'PASS|FAIL' | sed "s/^/$p $n /"; done
done
for k in /tmp/v42/*/; do n=$(basename $k); R=65536; case $n in d4096*|bhsd*|rsum*) R=16384;; esac
  timeout 100 ncu --clock-control none --launch-skip 6 --launch-count 1 --metrics $M $B/walsh-gpu $k --rows $R --check-rows 257 --iters 5 > /tmp/ncu-$n.txt 2>&1
  echo "== $n rc=$?"; grep -E 'duration|inst_exec|registers|issue_active|warps_active|stalled' /tmp/ncu-$n.txt | awk '{v=$NF; n=$1; sub(/smsp__average_warps_issue_stalled_/,"",n); sub(/_per_issue_active.ratio/,"",n); sub(/.avg.pct_of_peak_sustained_active/,"",n); if (v+0 >= 0.1 || n ~ /duration|active|inst|reg/) printf "%s=%s ", n, v} END {print ""}'
done
echo "done $(date -u)"
