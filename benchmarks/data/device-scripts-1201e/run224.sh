#!/usr/bin/env bash
# Device run 224 (2026-12-01): the host cost of cuPointerGetAttribute (the
# launcher's device-pointer check for a pointer it has not seen) against
# cuLaunchKernel's (probe_attr.c).
set -u
{
date -u +%H:%M:%S
.device/extra/probe_attr
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run224.txt
