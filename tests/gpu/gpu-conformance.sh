#!/usr/bin/env bash
# GPU conformance (ctest label `gpu`): compiles every supported d up to
# 32768 (2^k and m·2^k) × f32/f16/bf16 × affine on/off, plus transposed
# kernels and kernels whose cross-thread levels go through shared-memory
# transposes, and runs them with walsh-gpu, which checks every element of a
# poisoned output against the float64 oracle on fresh random rows (257: a
# partial last block), packed and one row alignment apart (padding checked
# untouched), also with row groups prefetched in turn (row_iters), and with
# the fused epilogue (residual, RMSNorm, LayerNorm; h and the normalised
# rows both checked), with the prologue (a bhsd input, split-KV partials
# combined, row sums), and with an output cast (y in another dtype). Exits 77 (skipped, with the reason printed) where
# there is no GPU.
set -euo pipefail
bin="$1"
mode="${2:-}"
# `--compile-only DIR`: compile the kernels into DIR and stop (to carry
# them to a GPU host: walsh-gpu DIR --check-rows 257 --no-time there).
if [ "$mode" = --compile-only ]; then
  out="$3"
  mkdir -p "$out"
else
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  # No GPU: skip before compiling anything (prints "no GPU: ...", exit 77).
  "$bin/walsh-gpu" --probe || exit $?
fi
sizes=()
for ((p = 1; p <= 32768; p *= 2)); do sizes+=("$p"); done
for m in 12 20 28 36 44 52 60; do
  for ((v = m; v <= 32768; v *= 2)); do sizes+=("$v"); done
done
jobs=()
for dtype in f32 f16 bf16; do
  for d in "${sizes[@]}"; do
    jobs+=("--d $d --dtype $dtype" "--d $d --dtype $dtype --no-affine")
  done
  # Past 32768 where the defaults fit a block: 64 values a thread at 40960
  # and 49152 (32 would take more than 1024 threads).
  for d in 40960 49152; do
    jobs+=("--d $d --dtype $dtype" "--d $d --dtype $dtype --no-affine")
  done
  for d in 768 4096 5120 32768; do
    jobs+=("--d $d --dtype $dtype --transpose")
  done
  # Levels across threads through shared-memory transposes (m = 1 sizes
  # with at least two vectors per thread, and dense sizes configured so).
  for ((p = 64; p <= 32768; p *= 2)); do
    jobs+=("--d $p --dtype $dtype --cross-warp transpose --rows-per-block 1")
  done
  jobs+=("--d 8192 --dtype $dtype --cross-warp transpose --elems-per-thread 64 --threads-per-row 128 --vector-width 4 --no-affine --transpose")
  jobs+=("--d 768 --dtype $dtype --cross-warp transpose --elems-per-thread 48 --threads-per-row 16 --vector-width 2 --rows-per-block 3")
  jobs+=("--d 5120 --dtype $dtype --cross-warp transpose --elems-per-thread 80 --threads-per-row 64 --vector-width 2")
  # The split layout (a thread holds one dense index; H_m after a pass
  # through shared memory): shuffles, levels across warps, transposes, row
  # groups, several rows a block, m = 12 to 60, H^T, no affine.
  v=8; [ "$dtype" = f32 ] && v=4
  split() { jobs+=("--dtype $dtype --vector-width $1 --elems-per-thread $2 --threads-per-row $3 ${*:4}"); }
  split 4 4 12 --d 48 --rows-per-block 2
  split "$v" 8 12 --d 96 --rows-per-block 3 --no-affine
  split "$v" 8 96 --d 768
  split "$v" 16 48 --d 768 --cross-warp transpose --rows-per-block 2
  split "$v" 8 384 --d 3072 --row-iters 3 --transpose
  split "$v" 16 192 --d 3072 --cross-warp transpose --row-iters 3
  split "$v" 16 320 --d 5120 --rows-per-block 2 --row-iters 3 --no-affine
  split "$v" 32 160 --d 5120 --cross-warp transpose
  split "$v" 16 448 --d 7168
  split "$v" 16 960 --d 15360
  split "$v" 32 768 --d 24576
  split "$v" 32 320 --d 10240 --cross-warp transpose --row-iters 2 --rows-per-block 1
  # ... with each prologue, a residual, and the bulk defaults (12288 and
  # up: 32 values a thread through transposes).
  for pro in "--layout bhsd" "--splits 2" "--row-sum" "--epilogue residual"; do
    split "$v" 8 384 --heads 24 --head-dim 128 "$pro"
    split "$v" 32 160 --heads 40 --head-dim 128 "$pro" --cross-warp transpose
  done
  split "$v" 16 192 --heads 24 --head-dim 128 --layout bhsd --row-iters 3 --cross-warp transpose
  split "$v" 8 384 --heads 24 --head-dim 128 --row-sum --row-iters 3
  jobs+=("--d 12288 --dtype $dtype --rows 65536" "--d 20480 --dtype $dtype --rows 16384")
  # fp32 28672 for a count of at most 32768 rows: one lane over 1024 threads.
  if [ "$dtype" = f32 ]; then jobs+=("--d 28672 --dtype f32 --rows 16384"); fi
  # Decode defaults with a dense factor: the grouped layout (g = 2 and 4),
  # and at 3072 128 threads a row of two lanes.
  jobs+=("--d 1536 --dtype $dtype --rows 1" "--d 3072 --dtype $dtype --rows 16"
        "--d 2560 --dtype $dtype --rows 16" "--d 3584 --dtype $dtype --rows 1"
        "--d 960 --dtype $dtype --rows 16" "--d 1664 --dtype $dtype --rows 1"
        "--d 576 --dtype $dtype --rows 16" "--d 1408 --dtype $dtype --rows 1"
        "--d 480 --dtype $dtype --rows 16" "--d 224 --dtype $dtype --rows 1"
        "--d 896 --dtype $dtype --rows 16")
  # The grouped layout (one element of m / g dense indices a thread, H_m's
  # column blocks met through shared memory): at g = 2 a group within a
  # warp, two and four warps a group, rows a block, H^T, no affine, an
  # output cast; at g = 4 (the decode default from m = 20 at 2^k = 16 and
  # 32, from m = 36 at 8, is checked above with the others) groups within
  # a warp, H^T, a cast.
  half() { jobs+=("--dtype $dtype --cross-warp shared --vector-width 1 --row-iters 1 --rows-per-block $3 --elems-per-thread $(($1 / 2)) --threads-per-row $((2 * $2 / $1)) --d $2 ${*:4}"); }
  quarter() { jobs+=("--dtype $dtype --cross-warp shared --vector-width 1 --row-iters 1 --rows-per-block $3 --elems-per-thread $(($1 / 4)) --threads-per-row $((4 * $2 / $1)) --d $2 ${*:4}"); }
  quarter 12 192 2 --transpose
  quarter 28 3584 1 --out-dtype "$([ "$dtype" = f32 ] && echo bf16 || echo f32)"
  half 12 96 3 --transpose
  half 20 320 2 --no-affine
  half 12 768 1
  half 28 3584 1
  half 28 3584 1 --transpose
  half 60 7680 1 --out-dtype "$([ "$dtype" = f32 ] && echo bf16 || echo f32)"
  half 36 9216 1
  # And as a cluster of blocks a row splitting H_m's outputs (sm_90): the
  # decode defaults (3840 at 16 rows five blocks, 4608 at one three, 1920
  # four groups three, 7680 at 64 rows two; 2^k = 256: 7168 two, 5120 two
  # in fp32, the old layout in 16 bits, 9216 three, 15360 at 64 rows two,
  # 13312 two), clusters of 2 ... 7 blocks,
  # H^T, no affine, an output cast, m = 12.
  jobs+=("--d 3840 --dtype $dtype --rows 16" "--d 4608 --dtype $dtype --rows 1"
        "--d 1920 --dtype $dtype --rows 16" "--d 7680 --dtype $dtype --rows 64"
        "--d 7168 --dtype $dtype --rows 16" "--d 5120 --dtype $dtype --rows 1"
        "--d 9216 --dtype $dtype --rows 16" "--d 15360 --dtype $dtype --rows 64"
        "--d 13312 --dtype $dtype --rows 1")
  outs() { jobs+=("--dtype $dtype --cross-warp shared --vector-width 1 --row-iters 1 --rows-per-block 1 --elems-per-thread $(($1 / $3)) --threads-per-row $(($3 * $2 / $1)) --cluster $4 --d $2 ${*:5}"); }
  outs 60 7680 2 6 --transpose
  outs 36 2304 2 3 --no-affine
  outs 60 960 4 5 --out-dtype "$([ "$dtype" = f32 ] && echo bf16 || echo f32)"
  outs 12 768 2 3
  outs 28 3584 2 7 --transpose
  # A cluster of blocks a row (sm_90, which the kernels here target):
  # the decode defaults (fp32 8192, 16384, 32768), 2, 4 and 8 blocks, shuffles and
  # transposes, without the affine, H^T, an output cast, a slice of one
  # thread (d = 512 in 16 bits).
  jobs+=("--d 8192 --dtype $dtype --rows 16" "--d 16384 --dtype $dtype --rows 16" "--d 32768 --dtype $dtype --rows 1")
  cl() { jobs+=("--dtype $dtype --vector-width $v --rows-per-block 1 --cluster $1 --elems-per-thread $(($1 * v)) --threads-per-row $(($2 / $1 / ($1 * v))) --d $2 ${*:3}"); }
  cl 2 4096 --cross-warp shared --no-affine
  cl 4 32768 --cross-warp transpose --transpose
  cl 8 8192 --cross-warp transpose --out-dtype "$([ "$dtype" = bf16 ] && echo f32 || echo bf16)"
  cl 8 512 --cross-warp shared
  # Row groups in turn with the next prefetched (row_iters): odd counts so
  # that 257 rows end inside a group, both exchange kinds, a dense factor.
  for d in 2 64 256 1024 4096 16384; do
    jobs+=("--d $d --dtype $dtype --row-iters 3")
  done
  jobs+=("--d 2048 --dtype $dtype --cross-warp transpose --rows-per-block 1 --row-iters 5 --transpose")
  jobs+=("--d 4096 --dtype $dtype --cross-warp transpose --elems-per-thread 16 --threads-per-row 256 --rows-per-block 1 --row-iters 2")
  # The shuffle layout's four groups of 8 rows (768's default in bulk
  # until H_m on tensor cores took it; still with an epilogue).
  shuffle768="--elems-per-thread 48 --threads-per-row 16 --rows-per-block 8 --vector-width 4 --cross-warp shared --row-iters 4"
  if [ "$dtype" = f32 ]; then
    jobs+=("--d 768 --dtype $dtype --row-iters 4 --no-affine")
  else
    jobs+=("--d 768 --dtype $dtype $shuffle768 --no-affine" "--d 768 --dtype $dtype $shuffle768")
  fi
  # A dense factor's defaults in bulk (768: H_m on tensor cores; 1536:
  # tiles).
  jobs+=("--d 768 --dtype $dtype --rows 65536" "--d 1536 --dtype $dtype --rows 65536")
  # d = 32768's default in bulk (16 bits: the power-of-two split with H_16
  # on tensor cores and the rows two grids ahead; without a and b 128
  # values over 256 threads through transposes, sixteen row groups; fp32:
  # 64 over 512, none).
  jobs+=("--d 32768 --dtype $dtype --rows 65536")
  jobs+=("--d 32768 --dtype $dtype --rows 65536 --no-affine")
  jobs+=("--d 5120 --dtype $dtype --vector-width 4 --elems-per-thread 80 --threads-per-row 64 --row-iters 2")
  # The fused attention epilogue (residual add, RMSNorm, LayerNorm): rows
  # within a warp (T <= 32), across warps through shared memory (T > 32),
  # with row groups (the reduction buffers alternate), transposes, a dense
  # factor, no affine, decode shapes.
  for ep in residual rmsnorm layernorm residual,rmsnorm residual,layernorm; do
    for d in 64 768 4096 16384; do
      jobs+=("--d $d --dtype $dtype --epilogue $ep")
    done
    jobs+=("--d 4096 --dtype $dtype --epilogue $ep --rows 65536")
    jobs+=("--d 2048 --dtype $dtype --epilogue $ep --rows 65536 --no-affine")
    jobs+=("--d 8192 --dtype $dtype --epilogue $ep --rows 16")
    # (--eps with a norm only: walsh refuses it without one.)
    if [[ $ep == *norm* ]]; then eps="--eps 1e-5"; else eps=""; fi
    jobs+=("--d 32768 --dtype $dtype --epilogue $ep $eps")
    jobs+=("--d 1024 --dtype $dtype --epilogue $ep --cross-warp transpose --rows-per-block 1 --row-iters 3")
  done
  # The cross-head factor alone (walsh-split-heads): levels below head_dim
  # skipped in lanes, chunks and threads, shuffles and transposes.
  for split in "--heads 12 --head-dim 64" "--heads 32 --head-dim 128" "--heads 64 --head-dim 128 --rows 16" "--heads 8 --head-dim 4" "--heads 4 --head-dim 2048"; do
    jobs+=("$split --dtype $dtype --cross-head-only")
    jobs+=("$split --dtype $dtype --cross-head-only --epilogue residual,layernorm")
  done
  jobs+=("--heads 32 --head-dim 128 --dtype $dtype --cross-head-only --cross-warp transpose --rows-per-block 1")
  jobs+=("--heads 32 --head-dim 128 --dtype $dtype --cross-head-only --rows 65536")
  # The prologue: a bhsd input (the head merge in the loads) and the
  # split-KV combine, with shuffles and transposes, decode shapes, a dense
  # factor, the fused epilogue, d = 32768.
  for pro in "--layout bhsd" "--splits 2" "--splits 5" "--row-sum"; do
    for shape in "--heads 12 --head-dim 64" "--heads 32 --head-dim 128" "--heads 8 --head-dim 16" "--heads 256 --head-dim 128"; do
      jobs+=("$shape --dtype $dtype $pro")
    done
    jobs+=("--heads 32 --head-dim 128 --dtype $dtype $pro --rows 16")
    jobs+=("--heads 64 --head-dim 128 --dtype $dtype $pro --rows 1 --no-affine")
    jobs+=("--heads 32 --head-dim 128 --dtype $dtype $pro --cross-warp transpose --elems-per-thread 32 --threads-per-row 128 --rows-per-block 1")
    jobs+=("--heads 32 --head-dim 128 --dtype $dtype $pro --epilogue residual,rmsnorm --rows 65536")
    jobs+=("--heads 12 --head-dim 64 --dtype $dtype $pro --epilogue residual,layernorm")
  done
  # bhsd with row groups prefetched from [b, h, s, e] (cp.async): odd
  # counts, shuffles and transposes, the default at 65536 rows.
  jobs+=("--heads 32 --head-dim 128 --dtype $dtype --layout bhsd --row-iters 3")
  jobs+=("--heads 8 --head-dim 16 --dtype $dtype --layout bhsd --row-iters 5")
  jobs+=("--heads 16 --head-dim 128 --dtype $dtype --layout bhsd --cross-warp transpose --rows-per-block 1 --row-iters 3")
  jobs+=("--heads 12 --head-dim 64 --dtype $dtype --layout bhsd --row-iters 4 --epilogue residual,rmsnorm")
  jobs+=("--heads 32 --head-dim 128 --dtype $dtype --layout bhsd --rows 65536")
  # Row sums with row groups: the division after the prefetch buffer.
  jobs+=("--heads 32 --head-dim 128 --dtype $dtype --row-sum --row-iters 3")
  jobs+=("--heads 12 --head-dim 64 --dtype $dtype --row-sum --row-iters 4 --epilogue residual,rmsnorm")
  jobs+=("--heads 32 --head-dim 128 --dtype $dtype --row-sum --rows 65536")
  # d = 1024's default in bulk (16 bits: wide transposes, two rows a block,
  # four groups), plain and with row sums.
  jobs+=("--d 1024 --dtype $dtype --rows 65536")
  jobs+=("--heads 8 --head-dim 128 --dtype $dtype --row-sum --rows 65536")
done
# fp32 rows of 52 and 60 dense indices over one warp in the shuffle layout
# in bulk: four row groups (plain, transposed, without a and b); with an
# epilogue, none.
jobs+=("--d 1664 --dtype f32 --rows 65536 --cross-warp shared" "--d 1920 --dtype f32 --rows 65536 --transpose --cross-warp shared")
jobs+=("--d 1920 --dtype f32 --rows 16384 --no-affine --cross-warp shared" "--d 1664 --dtype f32 --rows 65536 --epilogue residual")
# fp32 rows with H_m on tensor cores (X as bf16 hi + mid + lo): the bulk
# defaults (plain, transposed, without a and b; 320 and 448 for at most
# 16384 rows), and on
# request rows a block that do not divide the rows, one row a block, a
# 16-bit output, another scale, 2^k = 64 (X's loads at lane terms).
jobs+=("--d 1664 --dtype f32 --rows 65536" "--d 1920 --dtype f32 --rows 65536 --transpose")
jobs+=("--d 960 --dtype f32 --rows 65536 --no-affine" "--d 352 --dtype f32 --transpose")
jobs+=("--d 448 --dtype f32 --rows 16384" "--d 320 --dtype f32 --rows 8192 --transpose")
hmf="--cross-warp mma --threads-per-row 32 --vector-width 2"
jobs+=("--d 480 --dtype f32 $hmf --elems-per-thread 15 --rows-per-block 5 --out-dtype bf16")
jobs+=("--d 224 --dtype f32 $hmf --elems-per-thread 7 --rows-per-block 3 --transpose --scale 0.5")
jobs+=("--d 1408 --dtype f32 $hmf --elems-per-thread 44 --rows-per-block 8 --out-dtype f16")
jobs+=("--d 3840 --dtype f32 $hmf --elems-per-thread 120 --rows-per-block 2 --transpose")
jobs+=("--d 3328 --dtype f32 $hmf --elems-per-thread 104 --rows-per-block 3 --no-affine")
jobs+=("--d 2304 --dtype f32 $hmf --elems-per-thread 72 --rows-per-block 1")
# The bulk defaults of 16-bit d = 2048 and 8192 (transposes with row
# groups).
for dtype in f16 bf16; do
  jobs+=("--d 2048 --dtype $dtype --rows 65536" "--d 2048 --dtype $dtype --rows 16384")
  jobs+=("--d 8192 --dtype $dtype --rows 65536" "--d 8192 --dtype $dtype --rows 8192")
  # Fused norms in bulk (transposes, four vectors a thread; eight at 8192).
  for d in 2048 4096 8192; do
    jobs+=("--d $d --dtype $dtype --rows 16384 --epilogue residual,rmsnorm")
    jobs+=("--d $d --dtype $dtype --rows 16384 --epilogue layernorm")
  done
  jobs+=("--heads 32 --head-dim 128 --dtype $dtype --splits 4 --rows 16384 --epilogue residual,rmsnorm")
  jobs+=("--heads 32 --head-dim 128 --dtype $dtype --layout bhsd --rows 16384 --epilogue residual,layernorm")
done
# Tensor-core tiles (cross_warp = mma): 2^k = 256 ... 4096 at m = 1 and
# 12, and 128 (dense-index pairs) at m = 12, 20, 28, with and without a
# and b, transposed, one to eight warps a block, the output cast, and the
# defaults in bulk (1536, 2560, 3072, 3584).
for dtype in f16 bf16; do
  for d in 256 512 1024 2048 3072 4096 1536 2560 3584; do
    jobs+=("--d $d --dtype $dtype --cross-warp mma" "--d $d --dtype $dtype --cross-warp mma --no-affine")
  done
  jobs+=("--d 3072 --dtype $dtype --cross-warp mma --transpose --rows-per-block 1")
  jobs+=("--d 2560 --dtype $dtype --cross-warp mma --transpose --rows-per-block 2")
  jobs+=("--d 2048 --dtype $dtype --cross-warp mma --rows-per-block 3 --scale 0.5")
  # (4096's default with a and b is the power-of-two split on tensor cores.)
  jobs+=("--d 4096 --dtype $dtype --cross-warp mma --threads-per-row 32 --elems-per-thread 128 --rows-per-block 8")
  for d in 1536 2560 3072 3584; do
    jobs+=("--d $d --dtype $dtype --rows 65536" "--d $d --dtype $dtype --rows 16384 --transpose")
  done
  jobs+=("--d 3072 --dtype $dtype --cross-warp mma --out-dtype f32")
  jobs+=("--d 1536 --dtype $dtype --cross-warp mma --out-dtype f32")
  # Two warps a row on request (the defaults at 5120 are now H_m on tensor
  # cores, at 6144 and 7168 the split layout on tensor cores: the first
  # loop compiles those), one to four rows a block, transposed, without a
  # or b, an f32 output.
  for d in 5120 6144 7168; do
    jobs+=("--d $d --dtype $dtype --rows 65536" "--d $d --dtype $dtype --rows 16384 --transpose --no-affine")
  done
  two="--cross-warp mma --threads-per-row 64 --vector-width 4"
  jobs+=("--d 5120 --dtype $dtype $two --elems-per-thread 80 --rows-per-block 2")
  jobs+=("--d 3072 --dtype $dtype $two --elems-per-thread 48 --rows-per-block 1")
  jobs+=("--d 5120 --dtype $dtype $two --elems-per-thread 80 --rows-per-block 3 --out-dtype f32")
  jobs+=("--d 6144 --dtype $dtype $two --elems-per-thread 96 --rows-per-block 1 --scale 0.25")
  jobs+=("--d 7168 --dtype $dtype $two --elems-per-thread 112 --rows-per-block 4")
  # The split layout on tensor cores (a warp g dense indices; the default
  # for 16-bit 3072, 6144, 7168, 9216, 10240, 11264, 12288, 13312, 14336,
  # 18432, 20480, 24576 and 28672, which the first loop compiles):
  # transposed, an fp32 output, a scale, and on request g = 1 at m = 20
  # over 512 (640 threads) and 2^k = 256 (one tile a warp), g = 4 at 5120,
  # and past m = 28 (H_m on single positions) transposed and to fp32.
  sm="--cross-warp mma --vector-width 4 --rows-per-block 1"
  jobs+=("--d 12288 --dtype $dtype $sm --threads-per-row 384 --elems-per-thread 32 --transpose --out-dtype f32")
  jobs+=("--d 6144 --dtype $dtype $sm --threads-per-row 384 --elems-per-thread 16 --scale 0.25 --no-affine")
  jobs+=("--d 10240 --dtype $dtype $sm --threads-per-row 640 --elems-per-thread 16")
  jobs+=("--d 3072 --dtype $dtype $sm --threads-per-row 384 --elems-per-thread 8 --transpose")
  jobs+=("--d 7168 --dtype $dtype $sm --threads-per-row 224 --elems-per-thread 32 --transpose --out-dtype f32")
  jobs+=("--d 5120 --dtype $dtype $sm --threads-per-row 160 --elems-per-thread 32")
  jobs+=("--d 9216 --dtype $dtype $sm --threads-per-row 288 --elems-per-thread 32 --transpose")
  jobs+=("--d 13312 --dtype $dtype $sm --threads-per-row 416 --elems-per-thread 32 --out-dtype f32")
done
jobs+=("--d 12288 --dtype bf16 --cross-warp mma --vector-width 4 --rows-per-block 1 --threads-per-row 384 --elems-per-thread 32 --out-dtype f16")
# The split layout on tensor cores of a power-of-two d (M = threads_per_row
# / 32 warps a row, Sylvester's H_M as the m-point stage; the default for
# 16-bit 16384 in bulk, H_16 (x) H_1024, which the first loop compiles):
# transposed to fp32, M = 4 and 8 (d / M = 2048, 1024), M = 32 (single
# positions), 32768 with a and b from global memory, and H_M on tensor
# cores ('vector_width' = 8) at M = 4, 16 (one block) and 32 (two).
for dtype in bf16 f16; do
  sp="--dtype $dtype --cross-warp mma --rows-per-block 1 --vector-width 4"
  jobs+=("--d 16384 $sp --threads-per-row 512 --elems-per-thread 32 --transpose --out-dtype f32")
  jobs+=("--d 8192 $sp --threads-per-row 128 --elems-per-thread 64 --no-affine")
  jobs+=("--d 4096 $sp --threads-per-row 256 --elems-per-thread 16 --scale 0.5")
  jobs+=("--d 16384 $sp --threads-per-row 1024 --elems-per-thread 16")
  jobs+=("--d 32768 $sp --threads-per-row 512 --elems-per-thread 64")
  jobs+=("--d 32768 $sp --threads-per-row 512 --elems-per-thread 64 --no-affine --transpose")
done
sh8="--dtype bf16 --cross-warp mma --rows-per-block 1 --vector-width 8"
jobs+=("--d 8192 $sh8 --threads-per-row 128 --elems-per-thread 64")
jobs+=("--d 16384 $sh8 --threads-per-row 512 --elems-per-thread 32 --no-affine")
jobs+=("--d 32768 $sh8 --threads-per-row 1024 --elems-per-thread 32")
jobs+=("--d 16384 --dtype f16 --cross-warp mma --rows-per-block 1 --vector-width 8 --threads-per-row 256 --elems-per-thread 64 --transpose")
# H_m on tensor cores in the split layout ('vector_width' = 8, 16-bit rows
# to the same type, f16 as one f16 piece of z / 16 C; the default from m =
# 28 over 256, at 36 and 28 x 512 and 28 x 1024, f16 but at 28 x 256,
# which the first loop compiles; two row buffers at 11264 and 14336 with
# a or b): transposed, a scale without a and b, other g, H_m's fragments
# in registers (9216, 11264, 7168) and in shared memory (18432), and f16
# on the configurations its default does not take (7168; 8192 and 32768
# as the power-of-two split) or with H^T (14336, two row buffers).
for dtype in bf16 f16; do
  hs="--dtype $dtype --cross-warp mma --vector-width 8 --rows-per-block 1"
  jobs+=("--d 13312 $hs --threads-per-row 416 --elems-per-thread 32 --transpose")
  jobs+=("--d 11264 $hs --threads-per-row 352 --elems-per-thread 32 --scale 0.25 --no-affine")
done
hs="--dtype f16 --cross-warp mma --vector-width 8 --rows-per-block 1"
jobs+=("--d 7168 $hs --threads-per-row 448 --elems-per-thread 16")
jobs+=("--d 14336 $hs --threads-per-row 448 --elems-per-thread 32 --transpose")
jobs+=("--d 8192 $hs --threads-per-row 128 --elems-per-thread 64")
jobs+=("--d 32768 $hs --threads-per-row 1024 --elems-per-thread 32")
jobs+=("--d 9216 $hs --threads-per-row 288 --elems-per-thread 32 --transpose")
jobs+=("--d 18432 $hs --threads-per-row 288 --elems-per-thread 64")
jobs+=("--d 15360 $hs --threads-per-row 480 --elems-per-thread 32 --transpose --no-affine")
jobs+=("--d 7168 $hs --threads-per-row 224 --elems-per-thread 32")
# f16 rows (two bf16 pieces; the default at 13312 and 15360): transposed,
# without a and b, and where it is not the default.
hf="--dtype f16 --cross-warp mma --vector-width 8 --rows-per-block 1"
jobs+=("--d 13312 $hf --threads-per-row 416 --elems-per-thread 32 --transpose")
jobs+=("--d 15360 $hf --threads-per-row 480 --elems-per-thread 32 --no-affine --scale 0.25")
jobs+=("--d 9216 $hf --threads-per-row 576 --elems-per-thread 16")
jobs+=("--d 18432 $hf --threads-per-row 288 --elems-per-thread 64 --transpose")
jobs+=("--d 3072 --dtype bf16 --cross-warp mma --out-dtype f16")
jobs+=("--d 1024 --dtype f16 --cross-warp mma --out-dtype bf16")
# Tiles of four dense indices (2^k = 64): every dense factor 12 ... 60
# (3328 and 3840 spill, and take cp.async at 120 values a lane), without
# a or b, transposed, one to eight warps a block, the output casts, and
# the defaults in bulk (1280, 1792, 2304; 2816's is H_m on tensor cores).
for dtype in f16 bf16; do
  for d in 768 1280 1792 2304 2816 3328; do
    jobs+=("--d $d --dtype $dtype --cross-warp mma --vector-width 4")
  done
  # (bf16 3840's default takes two warps a row since 2026-12-02, which
  # tiles at 2^k = 64 do not: the warp a row given.)
  jobs+=("--d 3840 --dtype $dtype --cross-warp mma --vector-width 4 --threads-per-row 32 --elems-per-thread 120 --rows-per-block 8")
  for d in 1280 1792 2304 2816; do
    jobs+=("--d $d --dtype $dtype --rows 65536" "--d $d --dtype $dtype --rows 16384 --transpose")
  done
  jobs+=("--d 768 --dtype $dtype --cross-warp mma --vector-width 4 --no-affine --rows-per-block 3")
  jobs+=("--d 2304 --dtype $dtype --cross-warp mma --transpose --rows-per-block 1 --out-dtype f32")
  jobs+=("--d 1792 --dtype $dtype --cross-warp mma --scale 0.5 --rows-per-block 5")
done
# H_m on tensor cores (mma with pairs: 2^k = 8, 16 and 32, the defaults
# there; from 64 on by vector_width 2, the defaults at 3328, 3840, 4608 ...
# 7680 and 5120, 7168; two warps a row below): transposed, without a or b, the output casts, rows
# a block that do not divide the rows, X's fragments kept (2^k = 64, 128
# with m <= 28, folded to 64 positions up to 80 dense indices) or read
# again for each block (m >= 44 at 128, folded past 80: 6144, 7168, 10240).
for dtype in f16 bf16; do
  jobs+=("--d 960 --dtype $dtype --rows 65536 --transpose")
  jobs+=("--d 480 --dtype $dtype --rows 65536 --transpose --no-affine")
  jobs+=("--d 352 --dtype $dtype --cross-warp mma --rows-per-block 5 --out-dtype f32")
  jobs+=("--d 1152 --dtype $dtype --rows 65536 --out-dtype f32")
  jobs+=("--d 576 --dtype $dtype --cross-warp mma --rows-per-block 3 --no-affine")
  jobs+=("--d 3840 --dtype $dtype --rows 16384 --transpose")
  jobs+=("--d 3328 --dtype $dtype --cross-warp mma --vector-width 2 --rows-per-block 5 --out-dtype f32")
  jobs+=("--d 4608 --dtype $dtype --rows 65536 --transpose --no-affine")
  jobs+=("--d 2816 --dtype $dtype --cross-warp mma --vector-width 2 --rows-per-block 8")
  # (1792's tiles with eight rows a block, its default before 00:05 UTC.)
  jobs+=("--d 1792 --dtype $dtype --cross-warp mma --rows-per-block 8")
  jobs+=("--d 1280 --dtype $dtype --cross-warp mma --vector-width 2 --rows-per-block 2")
  jobs+=("--d 2560 --dtype $dtype --cross-warp mma --vector-width 2 --transpose")
  hm="--cross-warp mma --threads-per-row 32 --vector-width 2"
  jobs+=("--d 3072 --dtype $dtype $hm --elems-per-thread 96 --transpose")
  jobs+=("--d 6144 --dtype $dtype $hm --elems-per-thread 192 --rows-per-block 2 --out-dtype f32")
  jobs+=("--d 7168 --dtype $dtype $hm --elems-per-thread 224 --rows-per-block 3 --scale 0.5")
done
# Two warps a row (the defaults at 5632, 6656 and 7680): rows a block that
# do not divide the rows, an odd count of blocks of 16 dense indices
# (4608, 5632, 7168), transposed, without a or b, an f32 output.
hm2="--cross-warp mma --threads-per-row 64 --vector-width 2"
jobs+=("--d 5632 --dtype f16 --transpose --out-dtype f32 $hm2 --elems-per-thread 88 --rows-per-block 3")
jobs+=("--d 7168 --dtype bf16 --no-affine $hm2 --elems-per-thread 112 --rows-per-block 4")
jobs+=("--d 3840 --dtype bf16 --transpose $hm2 --elems-per-thread 60 --rows-per-block 1")
jobs+=("--d 4608 --dtype f16 $hm2 --elems-per-thread 72 --rows-per-block 5")
jobs+=("--d 10240 --dtype bf16 --cross-warp mma --threads-per-row 32 --vector-width 2 --elems-per-thread 320 --rows-per-block 2")
jobs+=("--d 1920 --dtype bf16 --rows 65536 --out-dtype f16")
jobs+=("--d 7680 --dtype f16 --rows 65536 --out-dtype bf16 --scale 0.5")
jobs+=("--d 2304 --dtype bf16 --cross-warp mma --out-dtype f16 --no-affine")
jobs+=("--d 1280 --dtype f16 --cross-warp mma --out-dtype bf16")
# cross_warp = mma with 'row_iters' = 2 to 4 (the rows that many grids
# ahead prefetched into L2): the defaults that take 2 (16-bit 2^k = 8 from
# m = 36 at 16384 rows, 320 and 416, fp32 288 and 1664, the power-of-two
# split of 16384, H_m on tensor cores in the split layout at 2^k = 256 or
# m = 28) and forms beside them: transposed, without a and b, the output
# casts, rows a block that do not divide the rows, three and four grids.
jobs+=("--d 352 --dtype bf16 --rows 16384")
jobs+=("--d 480 --dtype f16 --rows 16384 --transpose")
jobs+=("--d 416 --dtype f16 --rows 65536 --no-affine")
jobs+=("--d 320 --dtype bf16 --rows 65536 --out-dtype f32")
jobs+=("--d 288 --dtype f32 --rows 65536 --transpose")
jobs+=("--d 1664 --dtype f32 --rows 65536 --out-dtype bf16")
jobs+=("--d 1664 --dtype f32 --cross-warp mma --vector-width 2 --rows-per-block 3 --row-iters 3")
jobs+=("--d 2816 --dtype bf16 --cross-warp mma --vector-width 2 --rows-per-block 8 --row-iters 2")
jobs+=("--d 16384 --dtype f16 --rows 16384 --transpose --out-dtype bf16")
jobs+=("--d 16384 --dtype bf16 --cross-warp mma --threads-per-row 512 --vector-width 4 --row-iters 4")
jobs+=("--d 9216 --dtype f16 --rows 16384 --no-affine")
jobs+=("--d 28672 --dtype bf16 --cross-warp mma --threads-per-row 896 --vector-width 8 --row-iters 3")
jobs+=("--d 7168 --dtype bf16 --cross-warp mma --vector-width 4 --threads-per-row 448 --elems-per-thread 16 --row-iters 2")
# 16-bit 22528, 26624, 30720 on the split layout with H_m on tensor cores
# (the sizes' loop gives them plain and without a and b): transposed.
jobs+=("--d 22528 --dtype f16 --transpose" "--d 26624 --dtype bf16 --transpose")
jobs+=("--d 30720 --dtype f16 --transpose --rows 16384")
# fp32 13312's register cap (52 values over 256 threads, two blocks of 128
# registers, some spilled): its forms beside the plain one the sizes give
# (H^T keeps one block).
jobs+=("--d 13312 --dtype f32 --transpose")
jobs+=("--d 13312 --dtype f32 --out-dtype bf16")
jobs+=("--d 13312 --dtype f32 --epilogue residual,layernorm")
jobs+=("--d 13312 --dtype f32 --epilogue rmsnorm --rows 16384")
# The dense-index transpose (gpuDenseTranspose: m values a thread over
# 2 to 16 warps, the lowest lane levels deferred past its barrier; the
# fp32 defaults from 1536 to 30720 take it, which the sizes' loop gives
# plain and without a and b): 16-bit rows with the last round partly idle
# (52 and 60 over 8 and 4 warps, 44 over 16), an output cast, row groups,
# two rows a block, a bhsd input, row sums, H^T over 16 warps; over two
# warps 16-bit one lane and pairs, fp32 with row groups, four rows a
# block (H_m in column blocks: 256 threads a block) and H^T in column
# blocks (3840's default).
dt="--cross-warp shared --vector-width 1"
jobs+=("--d 13312 --dtype bf16 $dt --rows-per-block 1 --threads-per-row 256 --elems-per-thread 52")
jobs+=("--d 7680 --dtype f16 $dt --rows-per-block 1 --threads-per-row 128 --elems-per-thread 60 --out-dtype f32")
jobs+=("--d 22528 --dtype bf16 $dt --rows-per-block 1 --threads-per-row 512 --elems-per-thread 44 --no-affine")
jobs+=("--d 9216 --dtype f32 $dt --rows-per-block 1 --threads-per-row 256 --elems-per-thread 36 --row-iters 2")
jobs+=("--d 3072 --dtype f32 $dt --rows-per-block 2 --threads-per-row 256 --elems-per-thread 12")
jobs+=("--dtype bf16 --heads 24 --head-dim 128 --layout bhsd $dt --rows-per-block 1 --threads-per-row 256 --elems-per-thread 12")
jobs+=("--dtype f16 --heads 24 --head-dim 128 --row-sum $dt --rows-per-block 1 --threads-per-row 256 --elems-per-thread 12")
jobs+=("--d 18432 --dtype f32 --transpose --rows 16384")
jobs+=("--d 3840 --dtype bf16 $dt --rows-per-block 1 --threads-per-row 64 --elems-per-thread 60")
jobs+=("--d 1536 --dtype f16 --cross-warp shared --vector-width 2 --rows-per-block 1 --threads-per-row 64 --elems-per-thread 24")
jobs+=("--d 3328 --dtype f32 $dt --rows-per-block 1 --threads-per-row 64 --elems-per-thread 52 --row-iters 2")
jobs+=("--d 3328 --dtype f32 $dt --rows-per-block 4 --threads-per-row 64 --elems-per-thread 52")
jobs+=("--d 3840 --dtype f32 --transpose")
# Pairs: 16-bit with row groups (4-byte vectors; no affine table, whose a
# carries the scale), with a scale of their own.
jobs+=("--d 3072 --dtype bf16 --cross-warp shared --vector-width 2 --rows-per-block 1 --threads-per-row 128 --elems-per-thread 24 --row-iters 2")
jobs+=("--d 10240 --dtype f16 --cross-warp shared --vector-width 2 --rows-per-block 1 --threads-per-row 256 --elems-per-thread 40 --row-iters 4 --scale 0.5")
# Four positions a thread in fp32 through the dense-index transpose (20480's
# default: the defaults above): over 4 warps with H^T, and over 16 warps,
# whose reads come in halves.
q4="--dtype f32 --cross-warp shared --vector-width 4 --rows-per-block 1"
jobs+=("--d 10240 $q4 --threads-per-row 128 --elems-per-thread 80 --transpose")
jobs+=("--d 24576 $q4 --threads-per-row 512 --elems-per-thread 48")
# fp32 rows in the split layout on tensor cores (cross_warp = mma: the
# m-point stage as mma.sync on three bf16 pieces a value; no default
# since 2026-12-04, when 30720 took one lane like 26624): 30720 plain and
# H^T, an output cast, other g (one and two dense indices a warp), H_m
# padded (20 and 36 to 32 and 48 rows), one block (12), a scale without
# a and b, the rows prefetched two grids ahead. (30720's default, one
# lane in column blocks, H^T too.)
s32="--dtype f32 --cross-warp mma --vector-width 4 --rows-per-block 1"
jobs+=("--d 30720 --dtype f32 --transpose --rows 16384")
jobs+=("--d 30720 $s32 --threads-per-row 480 --elems-per-thread 64")
jobs+=("--d 30720 $s32 --threads-per-row 480 --elems-per-thread 64 --transpose")
jobs+=("--d 26624 $s32 --threads-per-row 416 --elems-per-thread 64 --out-dtype bf16")
jobs+=("--d 13312 $s32 --threads-per-row 832 --elems-per-thread 16 --row-iters 2")
jobs+=("--d 9216 $s32 --threads-per-row 576 --elems-per-thread 16 --transpose")
jobs+=("--d 20480 $s32 --threads-per-row 640 --elems-per-thread 32 --scale 0.5 --no-affine")
jobs+=("--d 12288 $s32 --threads-per-row 384 --elems-per-thread 32 --out-dtype f16")
# The output cast: every pair of different dtypes, plain, with residual +
# RMSNorm (the residual and the norm in y's type), with row groups, a bhsd
# input, split-KV decode partials, a dense factor and d = 1.
for pair in "f32 bf16" "f32 f16" "bf16 f32" "f16 f32" "bf16 f16" "f16 bf16"; do
  set -- $pair
  cast="--dtype $1 --out-dtype $2"
  jobs+=("--d 4096 $cast" "--d 768 $cast --no-affine" "--d 1 $cast")
  jobs+=("--d 4096 $cast --epilogue residual,rmsnorm --rows 65536")
  jobs+=("--d 1024 $cast --epilogue residual,layernorm --row-iters 4")
  jobs+=("--d 16384 $cast")
  jobs+=("--heads 32 --head-dim 128 $cast --layout bhsd --epilogue residual,rmsnorm")
  jobs+=("--heads 32 --head-dim 128 $cast --splits 4 --rows 16 --epilogue residual,rmsnorm")
  jobs+=("--heads 32 --head-dim 128 $cast --row-sum --row-iters 3")
  jobs+=("--d 12288 $cast --rows 65536 --epilogue residual")
done
total=${#jobs[@]}
echo "gpu-conformance: compiling $total kernels"
# Each job numbered, so that every 200th says how far the compiles are (in
# parallel: about); a failed compile still fails the test (xargs exits 123).
# Each job compiles into a directory of its own, gathered into $out after:
# jobs that name one kernel (a default compiled twice) must give the same
# PTX, or a kernel would be left unchecked behind the other's name (a norm's
# eps and a partial affine were not in the name until 2026-12-05).
for i in "${!jobs[@]}"; do echo "$((i + 1)) ${jobs[$i]}"; done |
  xargs -P "$(nproc)" -I{} sh -c "set -- {}; n=\$1; shift
    \"$bin/walsh\" compile --target cuda \"\$@\" --out \"$out/jobs/\$n\" >/dev/null || exit 1
    [ \$((n % 200)) -ne 0 ] || echo \"gpu-conformance: compiled about \$n of $total\""
declare -A first_job
clashes=0
for n in $(seq 1 "$total"); do
  for ptx in "$out/jobs/$n"/*.ptx; do
    stem=$(basename "$ptx" .ptx)
    if [ -z "${first_job[$stem]:-}" ]; then
      first_job[$stem]=$n
      mv "$out/jobs/$n/$stem".* "$out/"
    elif ! cmp -s "$ptx" "$out/$stem.ptx"; then
      echo "gpu-conformance: jobs ${first_job[$stem]} and $n compile different kernels under one name, $stem: ${jobs[$((first_job[$stem] - 1))]} / ${jobs[$((n - 1))]}"
      clashes=$((clashes + 1))
    fi
  done
done
rm -rf "$out/jobs"
echo "gpu-conformance: ${#first_job[@]} distinct kernels from $total jobs"
[ "$clashes" -eq 0 ] || exit 1
if [ "$mode" = --compile-only ]; then exit 0; fi
exec "$bin/walsh-gpu" "$out" --check-rows 257 --no-time
