#!/usr/bin/env bash
# Device run 249 (2026-12-01): torch.compile's default backend (Inductor)
# over walsh.OutputProjection inside a small block (gelu after it), one
# graph, forward and backward against eager (inductor_check.py).
set -u
cd /tmp && rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh; cd "$OLDPWD"
export WALSH_CACHE_DIR=none
{
date -u +%H:%M:%S
timeout 300 python3 benchmarks/data/device-scripts-1201g/inductor_check.py 2>&1 | tail -15; echo "rc=$?"
date -u +%H:%M:%S
} 2>&1 | tee $OUT/run249.txt
