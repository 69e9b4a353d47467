#!/usr/bin/env bash
# Device run 483 (2026-12-05, given inline after run482 on the same
# machine): f16 d = 7168's default at 65536 rows four times, with and without
# run482's tuning database (which `--d` does not consult: it is keyed by
# heads x head_dim).
cd /tmp && . walsh-bundle/env.sh 2>/dev/null || (rm -rf walsh-bundle && tar xJf "$OLDPWD/.device/bundle.tar.xz" && . walsh-bundle/env.sh); cd "$OLDPWD"; export WALSH_CACHE_DIR=/tmp/wc482; for i in 1 2; do for db in none /tmp/t482.json; do walsh run --target cuda --d 7168 --dtype f16 --rows 65536 --db $db --json 2>&1 | python3 -c "import json,sys; j=json.load(sys.stdin); print('$db', j['roofline_fraction'], j['time_us'], j.get('config_source'), j.get('config'))"; done; done 2>&1 | tee $OUT/h200-f16-7168-run483.txt
