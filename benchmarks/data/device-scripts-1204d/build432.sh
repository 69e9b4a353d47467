#!/usr/bin/env bash
# Kernels of device run 432 (2026-12-04), compiled on the development VM
# with the experiment's walsh (18a435c plus H_m's sign program emitted as
# g column blocks of m / g inputs, their partial products summed, behind
# the throwaway switch WALSH_EXP_COLG=g; not committed as a switch: the
# committed rule, gpuHmColumnBlocks, compiles the kernels it picks
# byte-identically):
# fp32 sizes whose threads hold m values (the dense-index transpose, and
# 3840's round trips), the default beside g = 2 / 4 ('_cg2', '_cg4');
# 15360 at g = 4 also capped at two blocks ('_cg4cap': .minnctapersm 2
# added to the PTX, the cubin made by ptxas -O3 here), and 30720 one lane
# (60 x 512, not its default) at g = 1 and 4.
# Usage: build432.sh BUILD_BIN OUTDIR
set -eu
BIN=$1 OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT/r16384" "$OUT/r65536"
. "$(dirname "$0")/lib.sh"
for spec in "16384 13312 2" "16384 26624 1" "16384 15360 1" "16384 18432 1" \
            "16384 22528 1" "16384 11264 1" "16384 9216 0" \
            "65536 6656 1" "65536 7680 1" "65536 3840 1" "65536 5632 1"; do
  set -- $spec
  [ $3 = 0 ] || c "$OUT/r$1" --dtype f32 --d $2 --rows $1
  [ $3 != 2 ] || WALSH_EXP_COLG=2 renamed _cg2 "$OUT/r$1" --dtype f32 --d $2 --rows $1
  WALSH_EXP_COLG=4 renamed _cg4 "$OUT/r$1" --dtype f32 --d $2 --rows $1
done
# 15360 at g = 4 capped at two blocks of 256 threads.
n=outproj_d15360_f32_sm_90_cg4
sed -e 's/^.maxntid 256, 1, 1/.maxntid 256, 1, 1\n.minnctapersm 2/' "$OUT/r16384/$n.ptx" > "$OUT/r16384/${n}cap.ptx"
ptxas -arch=sm_90 -O3 "$OUT/r16384/${n}cap.ptx" -o "$OUT/r16384/${n}cap.cubin"
sed -e "s/\"name\": \"$n\"/\"name\": \"${n}cap\"/" -e "s/$n\.cubin/${n}cap.cubin/g" -e "s/$n\.ptx/${n}cap.ptx/g" "$OUT/r16384/$n.json" > "$OUT/r16384/${n}cap.json"
one="--cross-warp shared --vector-width 1 --rows-per-block 1 --elems-per-thread 60 --threads-per-row 512"
renamed _one "$OUT/r16384" --dtype f32 --d 30720 $one
WALSH_EXP_COLG=4 renamed _onecg4 "$OUT/r16384" --dtype f32 --d 30720 $one
c "$OUT/r16384" --dtype f32 --d 30720 --rows 16384
