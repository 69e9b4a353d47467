#!/usr/bin/env bash
# The kernel sets of run254 (on the VM, this session's build with the
# WALSH_EXP_EARLY_AFFINE switch): each default compiled three ways.
set -eu
cd /tmp/ea
for spec in bf16:2048 bf16:4096 bf16:8192 bf16:16384 bf16:32768 f16:2048 f16:4096 f16:8192 f16:16384 f16:32768 f32:16384 f32:32768; do
  dt=${spec%:*}; d=${spec#*:}; rows=65536; [ $d -gt 8192 ] && rows=16384
  for v in 0 all half; do
    case $v in 0) e=0;; all) e=1000;; half) e=-2;; esac
    mkdir -p flat/$v
    WALSH_EXP_EARLY_AFFINE=$e WALSH_CACHE_DIR=none walsh compile --target cuda \
      --dtype $dt --d $d --rows $rows --out flat/$v >/dev/null
  done
done
