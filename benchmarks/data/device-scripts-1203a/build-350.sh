#!/usr/bin/env bash
# run350's sets (2026-12-03): the two defaults whose fills take more than
# 16 steps a thread (bf16 5632, f16 7680), with the fills unrolled fully
# up to 64 steps (c64: the committed emitters) and up to 16 (c16: past
# that a loop of eight steps a round; a working-tree change that cut
# their cold compiles 330-383 -> 310-335 ms), beside build-344.sh's old
# set (be92851): /tmp/sets5/{c16,c64,old}/r<rows>. No .ptx.
# (Built by hand from the two working trees, as this header says.)
