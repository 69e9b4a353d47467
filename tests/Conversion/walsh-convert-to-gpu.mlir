// RUN: walsh-opt %s -split-input-file -walsh-to-stages -walsh-convert-to-gpu | FileCheck %s

// d = 768 = 12 * 64 in bf16, 8 threads per row, 16 rows per block: 16-byte
// vector loads at (c*T + t)*V, warp shuffles for the thread levels, the
// 12-point factor in registers, the epilogue and a predicated store.
// CHECK: module attributes {gpu.container_module}
// CHECK: gpu.module @walsh_kernels
// CHECK: gpu.func @outproj(%[[X:.*]]: memref<?x768xbf16, strided<[?, 1], offset: ?>>, %[[Y:.*]]: memref<?x768xbf16, strided<[?, 1], offset: ?>>, %[[A:.*]]: memref<768xbf16>, %[[B:.*]]: memref<768xbf16>) kernel
// CHECK-SAME: known_block_size = array<i32: 128, 1, 1>
// CHECK-SAME: walsh.rows_per_block = 16 : i64, walsh.shared_bytes = 0 : i64
// CHECK: gpu.block_id x
// CHECK: gpu.thread_id x
// CHECK: vector.load %[[X]][%{{.*}}, %{{.*}}] : memref<?x768xbf16, strided<[?, 1], offset: ?>>, vector<8xbf16>
// bf16 widened through 32-bit words: the even values shifted up, the odd
// ones masked, interleaved back.
// CHECK: %[[W:.*]] = vector.bitcast %{{.*}} : vector<8xbf16> to vector<4xi32>
// CHECK-DAG: %[[EVEN:.*]] = arith.shli %[[W]], %cst{{.*}} : vector<4xi32>
// CHECK-DAG: %[[ODD:.*]] = arith.andi %[[W]], %cst{{.*}} : vector<4xi32>
// CHECK-DAG: %[[EF:.*]] = arith.bitcast %[[EVEN]] : vector<4xi32> to vector<4xf32>
// CHECK-DAG: %[[OF:.*]] = arith.bitcast %[[ODD]] : vector<4xi32> to vector<4xf32>
// CHECK: vector.shuffle %[[EF]], %[[OF]] [0, 4, 1, 5, 2, 6, 3, 7] : vector<4xf32>, vector<4xf32>
// CHECK-NOT: arith.extf
// A shuffle level: the partner's value plus this one times +-1, contracted
// (one fma.rn a value; without `contract` NVPTX emits mul.rn + add.rn,
// which ptxas must not fuse).
// CHECK: %[[P:.*]], %{{.*}} = gpu.shuffle  xor %[[R:.*]], %{{.*}}, %{{.*}} : f32
// CHECK: %[[M:.*]] = arith.mulf %[[R]], %{{.*}} fastmath<contract> : f32
// CHECK-NEXT: arith.addf %[[M]], %[[P]] fastmath<contract> : f32
// CHECK: scf.if
// CHECK: vector.load %[[A]][%{{.*}}] : memref<768xbf16>, vector<8xbf16>
// CHECK: arith.truncf %{{.*}} : vector<8xf32> to vector<8xbf16>
// CHECK: vector.store %{{.*}}, %[[Y]][%{{.*}}, %{{.*}}] : memref<?x768xbf16, strided<[?, 1], offset: ?>>, vector<8xbf16>
// CHECK-NOT: func.func
// CHECK-NOT: gpu.barrier
func.func @outproj(%x: tensor<?x768xbf16>, %a: tensor<768xbf16>, %b: tensor<768xbf16>) -> tensor<?x768xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 96, threads_per_row = 8, rows_per_block = 16, vector_width = 8, cross_warp = shared>) : tensor<?x768xbf16>
  %y = walsh.affine %t mul(%a : tensor<768xbf16>) add(%b : tensor<768xbf16>) : tensor<?x768xbf16>
  return %y : tensor<?x768xbf16>
}

// -----

// 4096 f32 over 256 threads: levels across warps go through dynamic shared
// memory (one row of fp32) with barriers. Without row groups, a block first
// prefetches into L2 the row of block bid + 256 (4 MB of 16 KB rows
// ahead), when there is one: 128 lines of 128 bytes, thread t < 128 line t.
// CHECK-LABEL: gpu.func @wide(
// CHECK-SAME: walsh.rows_per_block = 1 : i64, walsh.shared_bytes = 16384 : i64
// CHECK: %[[BID:.*]] = gpu.block_id x
// CHECK: gpu.dynamic_shared_memory : memref<?xi8, #gpu.address_space<workgroup>>
// CHECK: memref.view
// CHECK: arith.addi %[[BID]], %c256
// CHECK: %[[VALID:.*]] = arith.cmpi ult, %{{.*}}, %{{.*}} : index
// CHECK: scf.if %[[VALID]] {
// CHECK: %[[INROW:.*]] = arith.cmpi ult, %{{.*}}, %c128
// CHECK: scf.if %[[INROW]] {
// CHECK: llvm.inline_asm has_side_effects "prefetch.global.L2 [$0];", "l"
// CHECK-NOT: prefetch.global.L2
// CHECK: gpu.shuffle  xor
// CHECK: memref.store %{{.*}} : memref<4096xf32, #gpu.address_space<workgroup>>
// CHECK: gpu.barrier
// CHECK: memref.load %{{.*}} : memref<4096xf32, #gpu.address_space<workgroup>>
// CHECK: gpu.barrier
func.func @wide(%x: tensor<?x4096xf32>) -> tensor<?x4096xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 16, threads_per_row = 256, rows_per_block = 1, vector_width = 4, cross_warp = shared>) : tensor<?x4096xf32>
  return %t : tensor<?x4096xf32>
}

// -----

// Rows past 96 KB prefetch 2 MB ahead (fp32 30720, 120 KB: 17 blocks);
// 96 KB rows keep 4 MB (fp32 24576: 42 blocks).
// CHECK-LABEL: gpu.func @ahead_2mb(
// CHECK: %[[BID:.*]] = gpu.block_id x
// CHECK: arith.addi %[[BID]], %c17
// CHECK: prefetch.global.L2
// CHECK-LABEL: gpu.func @ahead_4mb(
// CHECK: %[[BID4:.*]] = gpu.block_id x
// CHECK: arith.addi %[[BID4]], %c42
// CHECK: prefetch.global.L2
func.func @ahead_2mb(%x: tensor<?x30720xf32>) -> tensor<?x30720xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 60, threads_per_row = 512, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x30720xf32>
  return %t : tensor<?x30720xf32>
}
func.func @ahead_4mb(%x: tensor<?x24576xf32>) -> tensor<?x24576xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 768, rows_per_block = 1, vector_width = 4, cross_warp = transpose>) : tensor<?x24576xf32>
  return %t : tensor<?x24576xf32>
}

// -----

// d = 1 has no stages (so no config): one thread per row, 128 rows a block.
// CHECK-LABEL: gpu.func @one(
// CHECK-SAME: known_block_size = array<i32: 128, 1, 1>
// CHECK: vector.load %{{.*}} : memref<?x1xf32, strided<[?, 1], offset: ?>>, vector<1xf32>
func.func @one(%x: tensor<?x1xf32>) -> tensor<?x1xf32> {
  %t = walsh.transform %x scale(2.0) : tensor<?x1xf32>
  return %t : tensor<?x1xf32>
}

// -----

// cross_warp = transpose, 1024 f32 over 32 threads with 8 vectors each:
// no shuffles; the 5 thread bits go through shared memory 3 bits at a time
// (2 transposes), vectors swizzled (q ^ ((q >> 3) & 7)), two buffers, one
// barrier per transpose. The affine's operands are loaded before the row
// is transformed only while a thread holds at most 32 values (here it
// holds 32).
// CHECK-LABEL: gpu.func @transposed(
// CHECK-SAME: known_block_size = array<i32: 128, 1, 1>
// CHECK-SAME: walsh.rows_per_block = 4 : i64, walsh.shared_bytes = 32768 : i64
// CHECK: %[[SMEM:.*]] = memref.view {{.*}} to memref<8192xf32, #gpu.address_space<workgroup>>
// CHECK: vector.load %{{.*}} : memref<1024xf32>, vector<4xf32>
// Rows of 4 KB take no L2 prefetch of the rows ahead (8 KB or more do).
// CHECK-NOT: prefetch.global.L2
// CHECK: vector.load %{{.*}} : memref<?x1024xf32, strided<[?, 1], offset: ?>>, vector<4xf32>
// CHECK-NOT: gpu.shuffle
// CHECK: arith.xori
// CHECK: vector.store %{{.*}}, %[[SMEM]][%{{.*}}] : memref<8192xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK: gpu.barrier
// CHECK: vector.load %[[SMEM]][%{{.*}}] : memref<8192xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK-NOT: gpu.barrier
// CHECK: vector.store %{{.*}}, %[[SMEM]]
// CHECK: gpu.barrier
// CHECK-NOT: gpu.barrier
// CHECK-NOT: gpu.shuffle
// CHECK: scf.if
// CHECK: arith.mulf %{{.*}}, %{{.*}} fastmath<contract> : vector<4xf32>
// CHECK: arith.addf %{{.*}}, %{{.*}} fastmath<contract> : vector<4xf32>
// CHECK: vector.store %{{.*}} : memref<?x1024xf32, strided<[?, 1], offset: ?>>, vector<4xf32>
func.func @transposed(%x: tensor<?x1024xf32>, %a: tensor<1024xf32>, %b: tensor<1024xf32>) -> tensor<?x1024xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 32, rows_per_block = 4, vector_width = 4, cross_warp = transpose>) : tensor<?x1024xf32>
  %y = walsh.affine %t mul(%a : tensor<1024xf32>) add(%b : tensor<1024xf32>) : tensor<?x1024xf32>
  return %y : tensor<?x1024xf32>
}

// -----

// One buffer when two would pass 96 KB (32768 f32): a second barrier after
// every transpose but the last, before the buffer is written again.
// CHECK-LABEL: gpu.func @single_buffer(
// CHECK-SAME: walsh.shared_bytes = 131072 : i64
// CHECK-COUNT-2: gpu.barrier
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<32768xf32, #gpu.address_space<workgroup>>
func.func @single_buffer(%x: tensor<?x32768xf32>) -> tensor<?x32768xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 1024, rows_per_block = 1, vector_width = 4, cross_warp = transpose>) : tensor<?x32768xf32>
  return %t : tensor<?x32768xf32>
}

// -----

// row_iters = 3: a block handles groups of 16 rows in turn, bid, bid + G,
// ... (G = the grid's blocks: ceil(rows / 48) gives each about 3, and a
// grid the launcher caps at the blocks the device holds gives each more):
// ceil((groups - bid) / G) of them, none past the groups. Each thread
// copies its vectors of its first group into shared memory (cp.async),
// then one loop copies group g + G (when there is one; the last iteration
// commits an empty group) while it waits for group g (wait_group 1) and
// transforms it from shared memory. One body for every group: the last is
// not peeled. The exchange needs no barrier: a thread reads only what it
// copied.
// CHECK-LABEL: gpu.func @groups(
// CHECK-SAME: walsh.rows_per_block = 48 : i64, walsh.shared_bytes = 16384 : i64
// CHECK: %[[BID:.*]] = gpu.block_id  x
// CHECK: memref.view %{{.*}} to memref<8192xbf16, #gpu.address_space<workgroup>>
// CHECK: %[[G:.*]] = gpu.grid_dim  x
// CHECK: %[[ROUND:.*]] = arith.addi %{{.*}}, %c15
// CHECK: %[[GROUPS:.*]] = arith.divui %[[ROUND]], %c16
// CHECK: %[[HAS:.*]] = arith.cmpi ult, %[[BID]], %[[GROUPS]]
// CHECK: %[[LEFT:.*]] = arith.subi %[[GROUPS]], %[[BID]]
// CHECK: %[[G1:.*]] = arith.subi %[[G]], %c1
// CHECK-NEXT: %[[UP:.*]] = arith.addi %[[LEFT]], %[[G1]]
// CHECK: %[[DIV:.*]] = arith.divui %[[UP]], %[[G]]
// CHECK: %[[COUNT:.*]] = arith.select %[[HAS]], %[[DIV]], %c0
// CHECK-COUNT-4: nvvm.cp.async.shared.global %{{.*}}, %{{.*}}, 16, cache =  cg : !llvm.ptr<3>, !llvm.ptr<1>
// CHECK: nvvm.cp.async.commit.group
// CHECK: scf.for %[[IT:.*]] = %{{.*}} to %[[COUNT]]
// CHECK: %[[STEP:.*]] = arith.muli %[[IT]], %[[G]]
// CHECK: %[[GROUP:.*]] = arith.addi %[[BID]], %[[STEP]]
// CHECK: arith.addi %[[GROUP]], %[[G]]
// CHECK: %[[NEXT:.*]] = arith.addi %[[IT]], %{{.*}} : index
// CHECK: %[[MORE:.*]] = arith.cmpi ult, %[[NEXT]], %[[COUNT]]
// CHECK: scf.if %[[MORE]] {
// CHECK-COUNT-4: nvvm.cp.async.shared.global
// CHECK: }
// CHECK-NEXT: nvvm.cp.async.commit.group
// CHECK-NEXT: nvvm.cp.async.wait.group 1
// CHECK-COUNT-4: vector.load %{{.*}} : memref<8192xbf16, #gpu.address_space<workgroup>>, vector<8xbf16>
// CHECK: gpu.shuffle  xor
// CHECK: scf.if
// CHECK: vector.store
// CHECK-NOT: nvvm.cp.async
// CHECK-NOT: gpu.barrier
// CHECK: gpu.return
func.func @groups(%x: tensor<?x256xbf16>) -> tensor<?x256xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 8, rows_per_block = 16, vector_width = 8, cross_warp = shared, row_iters = 3>) : tensor<?x256xbf16>
  return %t : tensor<?x256xbf16>
}

// -----

// With transposes whose count per group is odd (one here: 3 thread bits, 3
// chunk bits; double-buffered),
// the next group's first transpose would reuse the buffer this group's last
// one read: a barrier closes each group in the loop.
// CHECK-LABEL: gpu.func @groups_odd(
// CHECK: scf.for
// CHECK: nvvm.cp.async.wait.group 1
// CHECK: gpu.barrier
// CHECK: scf.if
// CHECK: {{^        }$}}
// CHECK-NEXT: gpu.barrier
// CHECK-NEXT: {{^      }$}}
// CHECK-NOT: nvvm.cp.async
// CHECK: gpu.return
func.func @groups_odd(%x: tensor<?x256xf32>) -> tensor<?x256xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 8, rows_per_block = 4, vector_width = 4, cross_warp = transpose, row_iters = 2>) : tensor<?x256xf32>
  return %t : tensor<?x256xf32>
}

// -----

// The fused epilogue (residual add, RMSNorm) on a row of 64 threads, two
// warps: arguments x, y, residual, weight, then the normalised output; the
// residual is loaded where y is stored, each thread's sum of squares goes
// through shuffles (16 .. 1) within its warp, then one partial per warp
// through the shared reduction buffer after the exchange buffer (lane 0
// writes, one barrier, every thread reads both); the root is sqrt.rn;
// valid rows store h and the normalised rows.
// CHECK-LABEL: gpu.func @norm(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x256xf32, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x256xf32, strided<[?, 1], offset: ?>>, %[[R:[^:]*]]: memref<?x256xf32, strided<[?, 1], offset: ?>>, %[[G:[^:]*]]: memref<256xf32>, %[[N:[^:]*]]: memref<?x256xf32, strided<[?, 1], offset: ?>>)
// CHECK-SAME: walsh.shared_bytes = 2112 : i64
// CHECK: %[[RED:.*]] = memref.view %{{.*}}[%{{.*}}][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<16xf32, #gpu.address_space<workgroup>>
// CHECK: vector.load %[[R]][
// CHECK: gpu.shuffle  xor %{{.*}}, %c16_i32
// CHECK: gpu.shuffle  xor %{{.*}}, %c1_i32
// CHECK: scf.if
// CHECK-NEXT: arith.addi
// CHECK-NEXT: memref.store %{{.*}}, %[[RED]][
// CHECK: gpu.barrier
// CHECK-NEXT: memref.load %[[RED]]
// CHECK: memref.load %[[RED]]
// CHECK: llvm.inline_asm "rsqrt.approx.ftz.f32 $0, $1;", "=f,f"
// CHECK: scf.if
// CHECK: vector.store %{{.*}}, %[[Y]][
// CHECK: vector.load %[[G]][
// CHECK: vector.store %{{.*}}, %[[N]][
func.func @norm(%x: tensor<?x256xf32>, %r: tensor<?x256xf32>, %g: tensor<256xf32>) -> (tensor<?x256xf32>, tensor<?x256xf32>) {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 4, threads_per_row = 64, rows_per_block = 2, vector_width = 4, cross_warp = shared>) : tensor<?x256xf32>
  %h = walsh.residual %t, %r : tensor<?x256xf32>
  %n = walsh.rms_norm %h weight(%g : tensor<256xf32>) eps(1.0e-06) : tensor<?x256xf32>
  return %h, %n : tensor<?x256xf32>, tensor<?x256xf32>
}

// -----

// LayerNorm within one warp (8 threads per row): each thread's mean and
// centred sum of squares, merged pairwise (Chan et al.) by shuffles 4, 2,
// 1 (two a step), no shared memory, no barrier.
// CHECK-LABEL: gpu.func @layer_in_warp(
// CHECK-SAME: walsh.shared_bytes = 0 : i64
// CHECK-NOT: gpu.barrier
// CHECK-COUNT-2: gpu.shuffle  xor %{{.*}}, %c4_i32
// CHECK-NOT: gpu.barrier
// CHECK: llvm.inline_asm
// CHECK-NOT: gpu.barrier
// CHECK: gpu.return
func.func @layer_in_warp(%x: tensor<?x64xbf16>, %g: tensor<64xbf16>, %b: tensor<64xbf16>) -> (tensor<?x64xbf16>, tensor<?x64xbf16>) {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 8, threads_per_row = 8, rows_per_block = 16, vector_width = 8, cross_warp = shared>) : tensor<?x64xbf16>
  %n = walsh.layer_norm %t weight(%g : tensor<64xbf16>) bias(%b : tensor<64xbf16>) eps(1.0e-05) : tensor<?x64xbf16>
  return %t, %n : tensor<?x64xbf16>, tensor<?x64xbf16>
}

// -----

// The cross-head factor alone (walsh.head_dim = 128, d = 1024 = 8 x 128):
// 8 lanes and 128 threads per row; only levels 7 .. 9 remain: one warp
// level (thread distance 16: 8 shuffles, one per register) and two levels
// across warps through shared memory; none of the 3 lane levels and 4
// lower thread levels.
// CHECK-LABEL: gpu.func @cross_head(
// CHECK-NOT: gpu.shuffle  xor %{{.*}}, %c1_i32
// CHECK-COUNT-8: gpu.shuffle  xor %{{.*}}, %c16_i32
// CHECK-NOT: gpu.shuffle
// CHECK: gpu.barrier
// CHECK: gpu.barrier
// CHECK: gpu.return
func.func @cross_head(%x: tensor<?x1024xf32>) -> tensor<?x1024xf32> attributes {walsh.head_dim = 128 : i64} {
  %0 = walsh.stage %x radix 2 stride 128 config(#walsh.config<elems_per_thread = 8, threads_per_row = 128, rows_per_block = 1, vector_width = 8, cross_warp = shared>) : tensor<?x1024xf32>
  %1 = walsh.stage %0 radix 2 stride 256 config(#walsh.config<elems_per_thread = 8, threads_per_row = 128, rows_per_block = 1, vector_width = 8, cross_warp = shared>) : tensor<?x1024xf32>
  %2 = walsh.stage %1 radix 2 stride 512 config(#walsh.config<elems_per_thread = 8, threads_per_row = 128, rows_per_block = 1, vector_width = 8, cross_warp = shared>) : tensor<?x1024xf32>
  return %2 : tensor<?x1024xf32>
}

// -----

// The split-KV combine in the loads: per vector, the K lse values of its
// head (column >> log2(head_dim)) after the K partial vectors' loads (all
// in flight together), their max, ex2.approx of the scaled differences,
// one reciprocal of the sum, then the partials weighted and summed in fp32
// before the first level.
// CHECK-LABEL: gpu.func @splits(
// CHECK-SAME: %[[P:.*]]: memref<3x?x256xbf16, strided<[?, ?, 1], offset: ?>>, %{{.*}}: memref<?x256xbf16, strided<[?, 1], offset: ?>>, %[[L:.*]]: memref<3x?x4xf32, strided<[?, ?, 1], offset: ?>>)
// CHECK: %[[ROWS:.*]] = memref.dim %[[P]], %c1
// CHECK: %[[H:.*]] = arith.shrui %{{.*}}, %c6
// CHECK: vector.load %[[P]][%c0{{.*}}, %{{.*}}, %{{.*}}] : memref<3x?x256xbf16, strided<[?, ?, 1], offset: ?>>, vector<8xbf16>
// CHECK: vector.load %[[P]][%c1{{.*}}, %{{.*}}, %{{.*}}]
// CHECK: vector.load %[[P]][%c2{{.*}}, %{{.*}}, %{{.*}}]
// CHECK-COUNT-3: memref.load %[[L]][%{{.*}}, %{{.*}}, %[[H]]]
// CHECK-COUNT-2: arith.maximumf
// CHECK-COUNT-3: llvm.inline_asm "ex2.approx.f32 $0, $1;"
// CHECK: nvvm.rcp.approx.ftz.f
// CHECK: arith.mulf %{{.*}} : vector<8xf32>
// CHECK: vector.fma
// CHECK: vector.fma
// CHECK: gpu.shuffle
func.func @splits(%p: tensor<3x?x256xbf16>, %l: tensor<3x?x4xf32>) -> tensor<?x256xbf16> {
  %r = walsh.combine_splits %p, %l : tensor<3x?x256xbf16>, tensor<3x?x4xf32> -> tensor<?x256xbf16>
  %y = walsh.transform %r config(#walsh.config<elems_per_thread = 8, threads_per_row = 32, rows_per_block = 4, vector_width = 8, cross_warp = shared>) : tensor<?x256xbf16>
  return %y : tensor<?x256xbf16>
}

// -----

// The head merge in the loads: rows = batch * seq; per row group the
// (batch, seq) position; each 16-byte vector read at [b, h, s, e].
// CHECK-LABEL: gpu.func @bhsd(
// CHECK-SAME: %[[X:.*]]: memref<?x2x?x128xf16, strided<[?, ?, ?, 1], offset: ?>>
// CHECK: %[[SEQ:.*]] = memref.dim %[[X]], %c2
// CHECK: %[[B:.*]] = arith.divui %{{.*}}, %[[SEQ]]
// CHECK: %[[S:.*]] = arith.remui %{{.*}}, %[[SEQ]]
// CHECK: %[[H:.*]] = arith.shrui %{{.*}}, %c7
// CHECK: %[[E:.*]] = arith.andi %{{.*}}, %c127
// CHECK: vector.load %[[X]][%[[B]], %[[H]], %[[S]], %[[E]]] : memref<?x2x?x128xf16, strided<[?, ?, ?, 1], offset: ?>>, vector<8xf16>
func.func @bhsd(%x: tensor<?x2x?x128xf16>) -> tensor<?x256xf16> {
  %r = walsh.merge_heads %x : tensor<?x2x?x128xf16> -> tensor<?x256xf16>
  %y = walsh.transform %r config(#walsh.config<elems_per_thread = 8, threads_per_row = 32, rows_per_block = 4, vector_width = 8, cross_warp = shared>) : tensor<?x256xf16>
  return %y : tensor<?x256xf16>
}

// -----

// The head merge with row groups prefetched (row_iters = 2): cp.async
// from [b, h, s, e] through the strided metadata (the row's b * stride0 +
// s * stride2, each head's h * stride1 + e), 16 bytes a copy.
// CHECK-LABEL: gpu.func @bhsd_row_groups(
// CHECK: %[[ST:[a-z_0-9]*]]:4 = memref.extract_strided_metadata
// CHECK-DAG: arith.muli %{{.*}}, %[[ST]]#0
// CHECK-DAG: arith.muli %{{.*}}, %[[ST]]#2
// CHECK: arith.muli %{{.*}}, %[[ST]]#1
// CHECK: nvvm.cp.async.shared.global %{{.*}}, %{{.*}}, 16, cache = cg
func.func @bhsd_row_groups(%x: tensor<?x2x?x128xf16>) -> tensor<?x256xf16> {
  %r = walsh.merge_heads %x : tensor<?x2x?x128xf16> -> tensor<?x256xf16>
  %y = walsh.transform %r config(#walsh.config<elems_per_thread = 8, threads_per_row = 32, rows_per_block = 4, vector_width = 8, cross_warp = shared, row_iters = 2>) : tensor<?x256xf16>
  return %y : tensor<?x256xf16>
}

// -----

// The row-sum normalisation in the loads: each vector times 1 / sum of its
// head (column >> log2(head_dim)), an approximate reciprocal with the
// transform's scale (1/16) folded in, so the affine multiplies by a alone.
// CHECK-LABEL: gpu.func @row_sums(
// CHECK-SAME: %[[X:.*]]: memref<?x256xbf16, strided<[?, 1], offset: ?>>, %{{.*}}: memref<?x256xbf16, strided<[?, 1], offset: ?>>, %[[L:.*]]: memref<?x2xf32, strided<[?, 1], offset: ?>>)
// CHECK: vector.load %[[X]]
// CHECK: %[[H:.*]] = arith.shrui %{{.*}}, %c7
// CHECK: %[[S:.*]] = memref.load %[[L]][%{{.*}}, %[[H]]]
// CHECK: %[[R:.*]] = nvvm.rcp.approx.ftz.f %[[S]] : f32
// CHECK: %[[RS:.*]] = arith.mulf %[[R]], %cst{{.*}} : f32
// CHECK: vector.insert %[[RS]]
// CHECK: arith.mulf %{{.*}} : vector<8xf32>
// CHECK: gpu.shuffle
// CHECK-NOT: fastmath<contract> : vector<8xf32>
// CHECK: vector.store
func.func @row_sums(%x: tensor<?x256xbf16>, %l: tensor<?x2xf32>) -> tensor<?x256xbf16> {
  %r = walsh.normalize_heads %x, %l : tensor<?x256xbf16>, tensor<?x2xf32> -> tensor<?x256xbf16>
  %y = walsh.transform %r config(#walsh.config<elems_per_thread = 8, threads_per_row = 32, rows_per_block = 4, vector_width = 8, cross_warp = shared>) : tensor<?x256xbf16>
  return %y : tensor<?x256xbf16>
}

// -----

// The row-sum normalisation with row groups: rows prefetched as stored
// (cp.async), the reciprocals of their sums computed one group ahead and
// carried in loop registers; each vector from the buffer then multiplied
// by its head's (no division inside the group).
// CHECK-LABEL: gpu.func @row_sums_row_groups(
// CHECK: nvvm.cp.async.shared.global
// CHECK: %[[S0:.*]] = memref.load %{{.*}} : memref<?x2xf32, strided<[?, 1], offset: ?>>
// CHECK: %[[R0:.*]] = nvvm.rcp.approx.ftz.f %[[S0]] : f32
// CHECK: %[[I0:.*]] = arith.mulf %[[R0]], %{{.*}} : f32
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[CUR:.*]] = %[[I0]]) -> (f32) {
// CHECK: %[[S1:.*]] = memref.load %{{.*}} : memref<?x2xf32, strided<[?, 1], offset: ?>>
// CHECK: %[[R1:.*]] = nvvm.rcp.approx.ftz.f %[[S1]] : f32
// CHECK: %[[NEXT:.*]] = arith.mulf %[[R1]], %{{.*}} : f32
// CHECK: vector.load %{{.*}} : memref<{{[0-9]+}}xbf16, #gpu.address_space<workgroup>>, vector<8xbf16>
// CHECK-NOT: memref.load %{{.*}} : memref<?x2xf32
// CHECK-NOT: nvvm.rcp
// CHECK: vector.insert %[[CUR]]
// CHECK: arith.mulf %{{.*}} : vector<8xf32>
// CHECK: scf.yield %[[NEXT]] : f32
func.func @row_sums_row_groups(%x: tensor<?x256xbf16>, %l: tensor<?x2xf32>) -> tensor<?x256xbf16> {
  %r = walsh.normalize_heads %x, %l : tensor<?x256xbf16>, tensor<?x2xf32> -> tensor<?x256xbf16>
  %y = walsh.transform %r config(#walsh.config<elems_per_thread = 8, threads_per_row = 32, rows_per_block = 4, vector_width = 8, cross_warp = shared, row_iters = 2>) : tensor<?x256xbf16>
  return %y : tensor<?x256xbf16>
}

// -----

// The output cast (walsh.cast, folded into the last stage by
// walsh-to-stages): x, a and b stay bf16, y and the residual are f32. The
// affine's a (hoisted) and the rows load as bf16 and widen; the residual
// loads as f32 with nothing to
// widen; y stores the fp32 row as it is (no truncation).
// CHECK-LABEL: gpu.func @cast_up(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x256xbf16, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x256xf32, strided<[?, 1], offset: ?>>, %[[A:[^:]*]]: memref<256xbf16>, %[[R:[^:]*]]: memref<?x256xf32, strided<[?, 1], offset: ?>>)
// CHECK: vector.load %[[A]][{{.*}}] : memref<256xbf16>, vector<8xbf16>
// CHECK: vector.load %[[X]][{{.*}}] : memref<?x256xbf16, strided<[?, 1], offset: ?>>, vector<8xbf16>
// CHECK: vector.bitcast %{{.*}} : vector<8xbf16> to vector<4xi32>
// CHECK: %[[RV:.*]] = vector.load %[[R]][{{.*}}] : memref<?x256xf32, strided<[?, 1], offset: ?>>, vector<8xf32>
// CHECK-NEXT: arith.addf %{{.*}}, %[[RV]] : vector<8xf32>
// CHECK-NOT: arith.truncf
// CHECK: vector.store %{{.*}}, %[[Y]][{{.*}}] : memref<?x256xf32, strided<[?, 1], offset: ?>>, vector<8xf32>
func.func @cast_up(%x: tensor<?x256xbf16>, %a: tensor<256xbf16>, %r: tensor<?x256xf32>) -> tensor<?x256xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 8, threads_per_row = 32, rows_per_block = 4, vector_width = 8, cross_warp = shared>) : tensor<?x256xbf16>
  %y = walsh.affine %t mul(%a : tensor<256xbf16>) : tensor<?x256xbf16>
  %c = walsh.cast %y : tensor<?x256xbf16> -> tensor<?x256xf32>
  %h = walsh.residual %c, %r : tensor<?x256xf32>
  return %h : tensor<?x256xf32>
}

// -----

// f32 rows to bf16 y: the stored vector is truncated to bf16.
// CHECK-LABEL: gpu.func @cast_down(
// CHECK-SAME: memref<?x256xf32, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x256xbf16, strided<[?, 1], offset: ?>>)
// CHECK: %[[T:.*]] = arith.truncf %{{.*}} : vector<4xf32> to vector<4xbf16>
// CHECK-NEXT: vector.store %[[T]], %[[Y]][{{.*}}] : memref<?x256xbf16, strided<[?, 1], offset: ?>>, vector<4xbf16>
func.func @cast_down(%x: tensor<?x256xf32>) -> tensor<?x256xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 8, threads_per_row = 32, rows_per_block = 4, vector_width = 4, cross_warp = shared>) : tensor<?x256xf32>
  %c = walsh.cast %t : tensor<?x256xf32> -> tensor<?x256xbf16>
  return %c : tensor<?x256xbf16>
}

// -----

// Transposes of 16-bit rows (8 values per vector access): each vector goes
// through shared memory as two 16-byte planes, plane 1 a whole plane
// (4 rows of 256 vectors of 4 floats: 4096 floats) after plane 0, so every
// shared access is 16 bytes at the swizzled vector index.
// CHECK-LABEL: gpu.func @transposed_planes(
// CHECK: %[[SMEM:.*]] = memref.view {{.*}} to memref<16384xf32, #gpu.address_space<workgroup>>
// CHECK-NOT: vector<8xf32>, #gpu.address_space<workgroup>
// CHECK: vector.store %{{.*}}, %[[SMEM]][%{{.*}}] : memref<16384xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK: %[[AT1:.*]] = arith.addi %{{.*}}, %c4096{{.*}} : index
// CHECK-NEXT: vector.store %{{.*}}, %[[SMEM]][%[[AT1]]] : memref<16384xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK: gpu.barrier
// CHECK: vector.load %[[SMEM]][%{{.*}}] : memref<16384xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK-NOT: vector<8xf32>, #gpu.address_space<workgroup>
// CHECK: gpu.return
func.func @transposed_planes(%x: tensor<?x2048xbf16>) -> tensor<?x2048xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 32, rows_per_block = 4, vector_width = 8, cross_warp = transpose>) : tensor<?x2048xbf16>
  return %t : tensor<?x2048xbf16>
}

// -----

// Row groups beside the transposes: two exchange buffers (64 KB) and the
// two prefetch buffers (32 KB) would make 96 KB blocks, two a
// multiprocessor; one exchange buffer makes 64 KB blocks, three: one
// buffer, so a barrier after each transpose's stores and after its loads
// (two transposes: four a group; two buffers would need two).
// CHECK-LABEL: gpu.func @groups_one_buffer(
// CHECK-SAME: walsh.shared_bytes = 65536 : i64
// CHECK: memref.view {{.*}} to memref<8192xf32, #gpu.address_space<workgroup>>
// Row groups keep their cp.async prefetch and take no L2 prefetch (a block
// prefetching its successor's first group lost, run216).
// CHECK-NOT: prefetch.global.L2
// CHECK: scf.for
// CHECK: vector.store %{{.*}} : memref<8192xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK-COUNT-4: gpu.barrier
// CHECK-NOT: gpu.barrier
// CHECK: gpu.return
func.func @groups_one_buffer(%x: tensor<?x4096xbf16>) -> tensor<?x4096xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 64, rows_per_block = 2, vector_width = 8, cross_warp = transpose, row_iters = 16>) : tensor<?x4096xbf16>
  return %t : tensor<?x4096xbf16>
}

// -----

// Wide transposes: 64 values a thread (8 lanes x 8 chunks) and 128 threads
// a row, 7 thread bits. Keeping the lanes in every layout would make 3 of
// them thread-local a transpose: three. Once the lane levels are done, two
// lanes stay (the piece: 16-byte accesses) and the other four registers
// bits take middle bits, the next transpose the rest: two transposes (two
// buffers, one barrier each), 16 stores of 4 floats each. 16-bit rows:
// registers capped to the three 64 KB blocks a multiprocessor holds.
// CHECK-LABEL: gpu.func @wide_transposes(
// CHECK-SAME: nvvm.minctasm = 3 : i32
// CHECK-SAME: walsh.shared_bytes = 65536 : i64
// CHECK-COUNT-16: vector.store %{{.*}} : memref<16384xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK-NEXT: gpu.barrier
// CHECK-COUNT-16: vector.load %{{.*}} : memref<16384xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK-COUNT-16: vector.store %{{.*}} : memref<16384xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK-NEXT: gpu.barrier
// CHECK-COUNT-16: vector.load %{{.*}} : memref<16384xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK-NOT: gpu.barrier
// CHECK: gpu.return
func.func @wide_transposes(%x: tensor<?x8192xbf16>) -> tensor<?x8192xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 128, rows_per_block = 1, vector_width = 8, cross_warp = transpose>) : tensor<?x8192xbf16>
  return %t : tensor<?x8192xbf16>
}

// -----

// 8 thread bits: one lane stays, 8-byte accesses; two blocks of 256
// threads a multiprocessor (128 registers).
// CHECK-LABEL: gpu.func @wide_pairs(
// CHECK-SAME: nvvm.minctasm = 2 : i32
// CHECK-COUNT-32: vector.store %{{.*}} : memref<16384xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK-NEXT: gpu.barrier
// CHECK-COUNT-32: vector.load %{{.*}} : memref<16384xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK: gpu.return
func.func @wide_pairs(%x: tensor<?x16384xbf16>) -> tensor<?x16384xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 256, rows_per_block = 1, vector_width = 8, cross_warp = transpose>) : tensor<?x16384xbf16>
  return %t : tensor<?x16384xbf16>
}

// -----

// fp32 rows of 64 values a thread too (f32 d = 16384, 256 threads): the
// same cap, two blocks (172 registers and one block without it; H200
// 2026-11-30, run99: 0.78 -> 0.84 of the copy roofline, with RMSNorm 0.56
// -> 0.89).
// CHECK-LABEL: gpu.func @wide_f32(
// CHECK-SAME: nvvm.minctasm = 2 : i32
func.func @wide_f32(%x: tensor<?x16384xf32>) -> tensor<?x16384xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 256, rows_per_block = 1, vector_width = 4, cross_warp = transpose>) : tensor<?x16384xf32>
  return %t : tensor<?x16384xf32>
}

// -----

// 60 values a thread (m = 60, one lane): registers capped at about 170.
// Over 64-thread rows (d = 3840 = 60 x 64, the default in every dtype): six
// blocks a multiprocessor, where four fit without the cap (run100: f32
// 0.68 -> 0.79 of the copy roofline); in 128-thread blocks (d = 480 = 60 x
// 8, sixteen rows a block; 7680 = 60 x 128) three (run111: +6 to +23 %).
// Not 52 values (3328), nor rows of fewer than eight threads (240 = 60 x
// 4), nor a warp a row (1920 = 60 x 32, four rows a block), nor 60 over 256
// threads (15360). 52 values over 256 threads (13312) are capped at 128
// registers, two blocks (run394: fp32 0.51 -> 0.58), but not H^T (run395)
// nor with row groups (unmeasured); over 128 (6656) not. 44 values over
// 256 threads (11264) with the dense-index transpose are too (run422:
// 0.61 -> 0.88); 36 (9216) need no cap.
// CHECK-LABEL: gpu.func @dense_60(
// CHECK-SAME: nvvm.minctasm = 6 : i32
// CHECK-LABEL: gpu.func @dense_60_rows(
// CHECK-SAME: nvvm.minctasm = 3 : i32
// CHECK-LABEL: gpu.func @dense_60_128(
// CHECK-SAME: nvvm.minctasm = 3 : i32
// CHECK-LABEL: gpu.func @dense_52(
// CHECK-NOT: nvvm.minctasm
// CHECK-SAME: walsh.shared_bytes
// CHECK-LABEL: gpu.func @dense_60_narrow(
// CHECK-NOT: nvvm.minctasm
// CHECK-SAME: walsh.shared_bytes
// CHECK-LABEL: gpu.func @dense_60_warp(
// CHECK-NOT: nvvm.minctasm
// CHECK-SAME: walsh.shared_bytes
// CHECK-LABEL: gpu.func @dense_60_wide(
// CHECK-NOT: nvvm.minctasm
// CHECK-SAME: walsh.shared_bytes
// CHECK-LABEL: gpu.func @dense_52_wide(
// CHECK-SAME: nvvm.minctasm = 2 : i32
// CHECK-LABEL: gpu.func @dense_52_128(
// CHECK-NOT: nvvm.minctasm
// CHECK-SAME: walsh.shared_bytes
// CHECK-LABEL: gpu.func @dense_52_wide_t(
// CHECK-NOT: nvvm.minctasm
// CHECK-SAME: walsh.shared_bytes
// CHECK-LABEL: gpu.func @dense_52_wide_groups(
// CHECK-NOT: nvvm.minctasm
// CHECK-SAME: walsh.shared_bytes
// CHECK-LABEL: gpu.func @dense_44_wide(
// CHECK-SAME: nvvm.minctasm = 2 : i32
// CHECK-LABEL: gpu.func @dense_36_wide(
// CHECK-NOT: nvvm.minctasm
// CHECK-SAME: walsh.shared_bytes
func.func @dense_60(%x: tensor<?x3840xf32>) -> tensor<?x3840xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 60, threads_per_row = 64, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x3840xf32>
  return %t : tensor<?x3840xf32>
}
func.func @dense_60_rows(%x: tensor<?x480xbf16>) -> tensor<?x480xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 60, threads_per_row = 8, rows_per_block = 16, vector_width = 1, cross_warp = shared>) : tensor<?x480xbf16>
  return %t : tensor<?x480xbf16>
}
func.func @dense_60_128(%x: tensor<?x7680xf32>) -> tensor<?x7680xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 60, threads_per_row = 128, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x7680xf32>
  return %t : tensor<?x7680xf32>
}
func.func @dense_52(%x: tensor<?x3328xbf16>) -> tensor<?x3328xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 52, threads_per_row = 64, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x3328xbf16>
  return %t : tensor<?x3328xbf16>
}
func.func @dense_60_narrow(%x: tensor<?x240xf32>) -> tensor<?x240xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 60, threads_per_row = 4, rows_per_block = 32, vector_width = 1, cross_warp = shared>) : tensor<?x240xf32>
  return %t : tensor<?x240xf32>
}
func.func @dense_60_warp(%x: tensor<?x1920xf32>) -> tensor<?x1920xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 60, threads_per_row = 32, rows_per_block = 4, vector_width = 1, cross_warp = shared>) : tensor<?x1920xf32>
  return %t : tensor<?x1920xf32>
}
func.func @dense_60_wide(%x: tensor<?x15360xbf16>) -> tensor<?x15360xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 60, threads_per_row = 256, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x15360xbf16>
  return %t : tensor<?x15360xbf16>
}
func.func @dense_52_wide(%x: tensor<?x13312xf32>) -> tensor<?x13312xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 52, threads_per_row = 256, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x13312xf32>
  return %t : tensor<?x13312xf32>
}
func.func @dense_52_128(%x: tensor<?x6656xf32>) -> tensor<?x6656xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 52, threads_per_row = 128, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x6656xf32>
  return %t : tensor<?x6656xf32>
}
func.func @dense_52_wide_t(%x: tensor<?x13312xf32>) -> tensor<?x13312xf32> {
  %t = walsh.transform %x transpose config(#walsh.config<elems_per_thread = 52, threads_per_row = 256, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x13312xf32>
  return %t : tensor<?x13312xf32>
}
func.func @dense_52_wide_groups(%x: tensor<?x13312xf32>) -> tensor<?x13312xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 52, threads_per_row = 256, rows_per_block = 1, vector_width = 1, cross_warp = shared, row_iters = 2>) : tensor<?x13312xf32>
  return %t : tensor<?x13312xf32>
}
func.func @dense_44_wide(%x: tensor<?x11264xf32>) -> tensor<?x11264xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 44, threads_per_row = 256, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x11264xf32>
  return %t : tensor<?x11264xf32>
}
func.func @dense_36_wide(%x: tensor<?x9216xf32>) -> tensor<?x9216xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 36, threads_per_row = 256, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x9216xf32>
  return %t : tensor<?x9216xf32>
}

// -----

// The dense-index transpose (gpuDenseTranspose): m values a thread over
// 2 to 16 warps. The levels within warps by shuffles but for the two
// lowest, which it defers (gpuDenseTransposeDeferred: 8 warps, one
// position a thread: vectors of four positions), H_m in registers, then
// the row to shared memory once: the first batch of a and b (two vectors
// of each) loaded before the one barrier, then warp w reads dense indices
// 4 w ... 4 w + 3 (lanes 8 j ... 8 j + 7 the (4 w + j)-th, the last three
// warps idle where m = 12, their columns clamped): lane q of a dense index
// the 4-vectors at 4 q + 32 i, i < 8; the deferred levels and H_8 in
// registers, the affine and 16-byte stores (the row alignment: four
// values), the next batch's a and b loaded before the stores. No second
// barrier. Two warps (d = 768) take it too: one barrier; 32 warps (d =
// 12288 one lane) keep a round trip a level, two barriers each.
// CHECK-LABEL: gpu.func @dense_transpose(
// CHECK-SAME: walsh.row_lanes = 4 : i64
// CHECK-NOT: gpu.shuffle
// CHECK: gpu.shuffle xor %{{.*}}, %c4_i32
// CHECK-COUNT-2: gpu.shuffle xor
// CHECK-NOT: gpu.barrier
// CHECK-COUNT-12: vector.store {{.*}} : memref<3072xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK: %[[BELOW:.*]] = arith.cmpi ult
// CHECK: arith.select %[[BELOW]]
// CHECK-COUNT-4: vector.load %{{arg[23]}}{{.*}} vector<4xf32>
// CHECK-NEXT: gpu.barrier
// CHECK-COUNT-8: vector.load {{.*}} : memref<3072xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK-COUNT-4: vector.load %{{arg[23]}}{{.*}} vector<4xf32>
// CHECK: scf.if
// CHECK-COUNT-2: vector.store {{.*}} vector<4xf32>
// CHECK-COUNT-4: vector.load %{{arg[23]}}{{.*}} vector<4xf32>
// CHECK: scf.if
// CHECK-COUNT-2: vector.store {{.*}} vector<4xf32>
// CHECK-COUNT-4: vector.load %{{arg[23]}}{{.*}} vector<4xf32>
// CHECK: scf.if
// CHECK-COUNT-2: vector.store {{.*}} vector<4xf32>
// CHECK: scf.if
// CHECK-COUNT-2: vector.store {{.*}} vector<4xf32>
// CHECK-NOT: gpu.barrier
// CHECK: gpu.return
// CHECK-LABEL: gpu.func @dense_two_warps(
// CHECK-SAME: walsh.row_lanes = 4 : i64
// CHECK: gpu.barrier
// CHECK-NOT: gpu.barrier
// CHECK: gpu.return
// CHECK-LABEL: gpu.func @dense_32_warps(
// CHECK-SAME: walsh.row_lanes = 1 : i64
// CHECK-COUNT-10: gpu.barrier
// CHECK-NOT: gpu.barrier
// CHECK: gpu.return
// Pairs (elems_per_thread = 2 m, vector_width 2) over 8 warps: 8-byte
// vectors to shared memory, one lane level deferred, 16-byte vectors
// back, one barrier.
// CHECK-LABEL: gpu.func @dense_pairs(
// CHECK-SAME: walsh.row_lanes = 4 : i64
// CHECK-NOT: gpu.shuffle
// CHECK: gpu.shuffle xor %{{.*}}, %c2_i32
// CHECK-COUNT-12: vector.store {{.*}} : memref<6144xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK: gpu.barrier
// CHECK: vector.load {{.*}} : memref<6144xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK-NOT: gpu.barrier
// CHECK: gpu.return
// Over 16 warps a round's 16 vectors stay within 32 values: one position
// a thread defers one level (8-byte vectors), pairs none.
// CHECK-LABEL: gpu.func @dense_16_warps(
// CHECK-SAME: walsh.row_lanes = 2 : i64
// CHECK-NOT: gpu.shuffle
// CHECK: gpu.shuffle xor %{{.*}}, %c2_i32
// CHECK: gpu.barrier
// CHECK: vector.load {{.*}} : memref<10240xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK: vector.store {{.*}} vector<2xf32>
// CHECK-LABEL: gpu.func @dense_16_warps_pairs(
// CHECK-SAME: walsh.row_lanes = 2 : i64
// CHECK-NOT: gpu.shuffle
// CHECK: gpu.shuffle xor %{{.*}}, %c1_i32
// CHECK: gpu.barrier
// CHECK: vector.load {{.*}} : memref<12288xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK: vector.store {{.*}} vector<2xf32>
// Four positions a thread (elems_per_thread = 4 m, vector_width 4) over 8
// warps: 16-byte vectors both ways, every lane level by shuffles (none
// deferred), one barrier, a round's 8 vectors 32 values. Over 16 warps the
// reads are halved (a round of 16 whole vectors would hold 64 values): a
// dense index takes two warps a round, 8-byte vectors from the exchange
// buffer and to the rows (12 dense indices, 8 a round: two rounds of 16).
// 16-bit rows keep a round trip a level, two barriers each (measured
// slower there: bf16 6144's decode default).
// CHECK-LABEL: gpu.func @dense_quads(
// CHECK-SAME: nvvm.minctasm = 2 : i32, walsh.row_lanes = 4 : i64
// CHECK-NOT: gpu.barrier
// CHECK: gpu.shuffle xor %{{.*}}, %c1_i32
// CHECK-NOT: gpu.barrier
// CHECK-COUNT-20: vector.store {{.*}} : memref<20480xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK-NOT: vector.store
// CHECK: gpu.barrier
// CHECK-COUNT-8: vector.load {{.*}} : memref<20480xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK-NOT: gpu.barrier
// CHECK: gpu.return
// CHECK-LABEL: gpu.func @dense_quads_16_warps(
// CHECK-SAME: walsh.row_lanes = 4 : i64
// CHECK-NOT: gpu.barrier
// CHECK-COUNT-12: vector.store {{.*}} : memref<24576xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK-NOT: vector.store
// CHECK: gpu.barrier
// CHECK-COUNT-16: vector.load {{.*}} : memref<24576xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK-NOT: gpu.barrier
// CHECK: vector.store {{.*}} : memref<?x24576xf32, strided<[?, 1], offset: ?>>, vector<2xf32>
// CHECK-NOT: gpu.barrier
// CHECK: gpu.return
// CHECK-LABEL: gpu.func @dense_quads_not_bf16(
// CHECK-COUNT-4: gpu.barrier
// CHECK-NOT: gpu.barrier
// CHECK: gpu.return
func.func @dense_transpose(%x: tensor<?x3072xf32>, %a: tensor<3072xf32>, %b: tensor<3072xf32>) -> tensor<?x3072xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 12, threads_per_row = 256, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x3072xf32>
  %y = walsh.affine %t mul(%a : tensor<3072xf32>) add(%b : tensor<3072xf32>) : tensor<?x3072xf32>
  return %y : tensor<?x3072xf32>
}
func.func @dense_two_warps(%x: tensor<?x768xf32>) -> tensor<?x768xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 12, threads_per_row = 64, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x768xf32>
  return %t : tensor<?x768xf32>
}
func.func @dense_32_warps(%x: tensor<?x12288xf32>) -> tensor<?x12288xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 12, threads_per_row = 1024, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x12288xf32>
  return %t : tensor<?x12288xf32>
}
func.func @dense_pairs(%x: tensor<?x6144xf32>) -> tensor<?x6144xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 24, threads_per_row = 256, rows_per_block = 1, vector_width = 2, cross_warp = shared>) : tensor<?x6144xf32>
  return %t : tensor<?x6144xf32>
}
func.func @dense_16_warps(%x: tensor<?x10240xf32>) -> tensor<?x10240xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 20, threads_per_row = 512, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x10240xf32>
  return %t : tensor<?x10240xf32>
}
func.func @dense_16_warps_pairs(%x: tensor<?x12288xf32>) -> tensor<?x12288xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 24, threads_per_row = 512, rows_per_block = 1, vector_width = 2, cross_warp = shared>) : tensor<?x12288xf32>
  return %t : tensor<?x12288xf32>
}
func.func @dense_quads(%x: tensor<?x20480xf32>) -> tensor<?x20480xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 80, threads_per_row = 256, rows_per_block = 1, vector_width = 4, cross_warp = shared>) : tensor<?x20480xf32>
  return %t : tensor<?x20480xf32>
}
func.func @dense_quads_16_warps(%x: tensor<?x24576xf32>) -> tensor<?x24576xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 48, threads_per_row = 512, rows_per_block = 1, vector_width = 4, cross_warp = shared>) : tensor<?x24576xf32>
  return %t : tensor<?x24576xf32>
}
func.func @dense_quads_not_bf16(%x: tensor<?x6144xbf16>) -> tensor<?x6144xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 48, threads_per_row = 128, rows_per_block = 1, vector_width = 4, cross_warp = shared>) : tensor<?x6144xbf16>
  return %t : tensor<?x6144xbf16>
}

// -----

// H_m's sign program in row blocks (gpuHmRowBlocks): fp32 rows of the
// dense-index transpose with one lane, m = 52 over 128 threads or more in
// 13 blocks of four outputs, 60 over 512 in 10 blocks of six (and pairs
// of m = 36 or 44 over 256 in m / 4, below); each block's
// outputs go to the exchange buffer before the next block's additions, and
// none come between the last block's stores and the barrier. 16-bit rows
// (bf16 13312) and 60 over 128 (fp32 7680: column blocks) store the whole
// of H_m's outputs after its last addition.
// CHECK-LABEL: gpu.func @row_blocks_52(
// CHECK-COUNT-4: vector.store {{.*}} : memref<6656xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<6656xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<6656xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<6656xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<6656xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<6656xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<6656xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<6656xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<6656xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<6656xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<6656xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<6656xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<6656xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: gpu.barrier
// CHECK-LABEL: gpu.func @row_blocks_60_512(
// CHECK-COUNT-6: vector.store {{.*}} : memref<30720xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-6: vector.store {{.*}} : memref<30720xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-6: vector.store {{.*}} : memref<30720xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-6: vector.store {{.*}} : memref<30720xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-6: vector.store {{.*}} : memref<30720xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-6: vector.store {{.*}} : memref<30720xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-6: vector.store {{.*}} : memref<30720xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-6: vector.store {{.*}} : memref<30720xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-6: vector.store {{.*}} : memref<30720xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-6: vector.store {{.*}} : memref<30720xf32, #gpu.address_space<workgroup>>, vector<1xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: gpu.barrier
// Pairs of m = 36 over 256 threads (fp32 18432): nine blocks of four
// dense indices, each block's two positions' outputs stored as 2-vectors.
// CHECK-LABEL: gpu.func @row_blocks_pairs(
// CHECK-COUNT-4: vector.store {{.*}} : memref<18432xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<18432xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<18432xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<18432xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<18432xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<18432xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<18432xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<18432xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK-NOT: gpu.barrier
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store {{.*}} : memref<18432xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: gpu.barrier
// CHECK-LABEL: gpu.func @row_blocks_not_bf16(
// CHECK: vector.store {{.*}} : memref<13312xf32, #gpu.address_space<workgroup>>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: gpu.barrier
// CHECK-LABEL: gpu.func @row_blocks_not_60_128(
// CHECK: vector.store {{.*}} : memref<7680xf32, #gpu.address_space<workgroup>>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: gpu.barrier
func.func @row_blocks_52(%x: tensor<?x6656xf32>) -> tensor<?x6656xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 52, threads_per_row = 128, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x6656xf32>
  return %t : tensor<?x6656xf32>
}
func.func @row_blocks_60_512(%x: tensor<?x30720xf32>) -> tensor<?x30720xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 60, threads_per_row = 512, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x30720xf32>
  return %t : tensor<?x30720xf32>
}
func.func @row_blocks_pairs(%x: tensor<?x18432xf32>) -> tensor<?x18432xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 72, threads_per_row = 256, rows_per_block = 1, vector_width = 2, cross_warp = shared>) : tensor<?x18432xf32>
  return %t : tensor<?x18432xf32>
}
func.func @row_blocks_not_bf16(%x: tensor<?x13312xbf16>) -> tensor<?x13312xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 52, threads_per_row = 256, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x13312xbf16>
  return %t : tensor<?x13312xbf16>
}
func.func @row_blocks_not_60_128(%x: tensor<?x7680xf32>) -> tensor<?x7680xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 60, threads_per_row = 128, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x7680xf32>
  return %t : tensor<?x7680xf32>
}

// -----

// 9 thread bits: no lane stays, 4-byte accesses, two transposes through
// one buffer (two would be 256 KB): a barrier after each transpose's
// stores and one between the two. One 128 KB block a multiprocessor: no
// register cap.
// CHECK-LABEL: gpu.func @wide_scalars(
// CHECK-NOT: nvvm.minctasm
// CHECK-SAME: walsh.shared_bytes = 131072 : i64
// CHECK-COUNT-64: memref.store %{{.*}} : memref<32768xf32, #gpu.address_space<workgroup>>
// CHECK-NEXT: gpu.barrier
// CHECK-COUNT-64: memref.load %{{.*}} : memref<32768xf32, #gpu.address_space<workgroup>>
// CHECK-NEXT: gpu.barrier
// CHECK-COUNT-64: memref.store %{{.*}} : memref<32768xf32, #gpu.address_space<workgroup>>
// CHECK-NEXT: gpu.barrier
// CHECK-COUNT-64: memref.load %{{.*}} : memref<32768xf32, #gpu.address_space<workgroup>>
// CHECK-NOT: gpu.barrier
// CHECK: gpu.return
func.func @wide_scalars(%x: tensor<?x32768xbf16>) -> tensor<?x32768xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 512, rows_per_block = 1, vector_width = 8, cross_warp = transpose>) : tensor<?x32768xbf16>
  return %t : tensor<?x32768xbf16>
}

// -----

// LayerNorm across two warps: one reduction, not two. Each warp's lane 0
// stores its (mean, M2) pair, one barrier, every thread merges both warps'
// pairs; no barrier between that and the rstd. The centred squares and
// the normalised value's weight and bias are contracted (fma.rn).
// CHECK-LABEL: gpu.func @layer_across_warps(
// CHECK: %[[C:.*]] = arith.subf %{{.*}}, %{{.*}} : vector<4xf32>
// CHECK-NEXT: arith.mulf %[[C]], %[[C]] fastmath<contract> : vector<4xf32>
// CHECK: scf.if
// CHECK-NEXT: arith.addi
// CHECK-NEXT: memref.store %{{.*}} : memref<16xf32, #gpu.address_space<workgroup>>
// CHECK-NEXT: arith.addi
// CHECK-NEXT: memref.store %{{.*}} : memref<16xf32, #gpu.address_space<workgroup>>
// CHECK-NEXT: }
// CHECK-NEXT: gpu.barrier
// CHECK-COUNT-4: memref.load %{{.*}} : memref<16xf32, #gpu.address_space<workgroup>>
// CHECK-NOT: gpu.barrier
// CHECK: llvm.inline_asm "rsqrt.approx.ftz.f32
// CHECK-NOT: gpu.barrier
// CHECK: %[[W:.*]] = arith.mulf %{{.*}}, %{{.*}} fastmath<contract> : vector<4xf32>
// CHECK: %[[NB:.*]] = arith.addf %[[W]], %{{.*}} fastmath<contract> : vector<4xf32>
// CHECK-NEXT: vector.store %[[NB]]
// CHECK: gpu.return
func.func @layer_across_warps(%x: tensor<?x256xf32>, %g: tensor<256xf32>, %b: tensor<256xf32>) -> (tensor<?x256xf32>, tensor<?x256xf32>) {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 4, threads_per_row = 64, rows_per_block = 2, vector_width = 4, cross_warp = shared>) : tensor<?x256xf32>
  %n = walsh.layer_norm %t weight(%g : tensor<256xf32>) bias(%b : tensor<256xf32>) eps(1.0e-05) : tensor<?x256xf32>
  return %t, %n : tensor<?x256xf32>, tensor<?x256xf32>
}

// -----

// The register cap beyond the wide transposes: 64 values a thread in 16
// bits, 128-thread blocks of 64 KB (one exchange buffer beside the row
// groups' prefetch buffers), three a multiprocessor by shared memory. With
// row sums (or the bhsd merge), in f16 and in plain bf16 the kernel asks
// for three (nvvm.minctasm = 3).
// CHECK-LABEL: gpu.func @cap_row_sums(
// CHECK-SAME: nvvm.minctasm = 3 : i32
// CHECK-SAME: walsh.shared_bytes = 65536 : i64
// CHECK-LABEL: gpu.func @cap_f16(
// CHECK-SAME: nvvm.minctasm = 3 : i32
// CHECK-LABEL: gpu.func @cap_bf16(
// CHECK-SAME: nvvm.minctasm = 3 : i32
// CHECK-SAME: walsh.shared_bytes = 65536 : i64
func.func @cap_row_sums(%x: tensor<?x4096xbf16>, %l: tensor<?x32xf32>) -> tensor<?x4096xbf16> {
  %r = walsh.normalize_heads %x, %l : tensor<?x4096xbf16>, tensor<?x32xf32> -> tensor<?x4096xbf16>
  %y = walsh.transform %r config(#walsh.config<elems_per_thread = 64, threads_per_row = 64, rows_per_block = 2, vector_width = 8, cross_warp = transpose, row_iters = 8>) : tensor<?x4096xbf16>
  return %y : tensor<?x4096xbf16>
}
func.func @cap_f16(%x: tensor<?x4096xf16>) -> tensor<?x4096xf16> {
  %y = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 64, rows_per_block = 2, vector_width = 8, cross_warp = transpose, row_iters = 8>) : tensor<?x4096xf16>
  return %y : tensor<?x4096xf16>
}
func.func @cap_bf16(%x: tensor<?x4096xbf16>) -> tensor<?x4096xbf16> {
  %y = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 64, rows_per_block = 2, vector_width = 8, cross_warp = transpose, row_iters = 8>) : tensor<?x4096xbf16>
  return %y : tensor<?x4096xbf16>
}

// -----

// Wide transposes with row groups: the thread index is read again in every
// group through an asm LLVM cannot hoist, so the many XORed shared-memory
// bases are computed in the loop instead of held in registers across it.
// CHECK-LABEL: gpu.func @wide_row_groups(
// CHECK: gpu.thread_id x
// CHECK: scf.for
// CHECK: nvvm.cp.async.shared.global
// CHECK: %[[TID:.*]] = llvm.inline_asm has_side_effects "mov.u32 $0, %tid.x;", "=r"  : () -> i32
// CHECK: arith.index_castui %[[TID]] : i32 to index
// CHECK: gpu.barrier
// CHECK: gpu.return
func.func @wide_row_groups(%x: tensor<?x2048xbf16>) -> tensor<?x2048xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 64, rows_per_block = 1, vector_width = 8, cross_warp = transpose, row_iters = 16>) : tensor<?x2048xbf16>
  return %t : tensor<?x2048xbf16>
}

// -----

// The planes' two transposes (d = 4096, 64 values a thread) keep the one
// hoistable read: reading it again lost there (bf16 0.84 -> 0.82).
// CHECK-LABEL: gpu.func @planes_row_groups(
// CHECK-NOT: llvm.inline_asm has_side_effects "mov.u32
// CHECK: gpu.return
func.func @planes_row_groups(%x: tensor<?x4096xbf16>) -> tensor<?x4096xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 64, rows_per_block = 2, vector_width = 8, cross_warp = transpose, row_iters = 16>) : tensor<?x4096xbf16>
  return %t : tensor<?x4096xbf16>
}

// -----

// Pairs of bf16 (d = 768: two lanes a thread for the dense factor) widen
// through arith.extf: the word path lost there (0.74 -> 0.71).
// CHECK-LABEL: gpu.func @pairs_extf(
// CHECK: arith.extf %{{.*}} : vector<2xbf16> to vector<2xf32>
// CHECK-NOT: vector.bitcast
// CHECK: gpu.return
func.func @pairs_extf(%x: tensor<?x768xbf16>) -> tensor<?x768xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 24, threads_per_row = 32, rows_per_block = 1, vector_width = 2, cross_warp = shared>) : tensor<?x768xbf16>
  return %t : tensor<?x768xbf16>
}

// -----

// With row groups on rows of fewer than 128 vectors (d = 256 in bf16: 32)
// a and b are not held in registers across the loop (they would cost 64).
// In 16 bits the block's first row of threads (slot 0) writes a * scale
// widened to fp32 and b as stored into the affine table, once, before the
// loop; every group reads them there. The prefetch is then one buffer
// (4096 of the 16-row group's elements, after the table 9728 bytes in
// all): wait for the group's copies, read them, then copy the next group
// into the same buffer.
// CHECK-LABEL: gpu.func @affine_table(
// CHECK-SAME: %[[A:[^:]*]]: memref<256xbf16>, %[[B:[^:]*]]: memref<256xbf16>)
// CHECK-SAME: walsh.shared_bytes = 9728 : i64
// CHECK: memref.view %{{.*}} to memref<4096xbf16, #gpu.address_space<workgroup>>
// CHECK: %[[ATAB:.*]] = memref.view %{{.*}}[%c8192{{.*}} to memref<256xf32, #gpu.address_space<workgroup>>
// CHECK: %[[BTAB:.*]] = memref.view %{{.*}}[%c9216{{.*}} to memref<256xbf16, #gpu.address_space<workgroup>>
// CHECK: nvvm.cp.async.commit.group
// CHECK: scf.if
// CHECK: vector.load %[[A]]
// CHECK: arith.mulf
// CHECK: vector.store %{{.*}}, %[[ATAB]]
// CHECK: vector.load %[[B]]
// CHECK: vector.store %{{.*}}, %[[BTAB]]
// CHECK: gpu.barrier
// CHECK: scf.for
// CHECK: nvvm.cp.async.wait.group 0
// CHECK-COUNT-4: vector.load %{{.*}} : memref<4096xbf16, #gpu.address_space<workgroup>>, vector<8xbf16>
// CHECK: scf.if
// CHECK-COUNT-4: nvvm.cp.async.shared.global
// CHECK: nvvm.cp.async.commit.group
// CHECK-NOT: vector.load %[[A]]
// CHECK: vector.load %[[ATAB]]
// CHECK-NOT: vector.load %[[A]]
// CHECK: vector.load %[[BTAB]]
// CHECK-NOT: vector.load %[[A]]
// CHECK: gpu.return
func.func @affine_table(%x: tensor<?x256xbf16>, %a: tensor<256xbf16>, %b: tensor<256xbf16>) -> tensor<?x256xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 8, rows_per_block = 16, vector_width = 8, cross_warp = shared, row_iters = 4>) : tensor<?x256xbf16>
  %y = walsh.affine %t mul(%a : tensor<256xbf16>) add(%b : tensor<256xbf16>) : tensor<?x256xbf16>
  return %y : tensor<?x256xbf16>
}

// -----

// With transposes the table is kept for kernels with a prologue only: it
// adds shared-memory traffic to a pipe the transposes keep busy, and the
// transform alone lost with it. d = 4096 in bf16, 64 values a thread: with
// row sums, 16384 bytes of prefetch (one buffer), 32768 of exchange and
// 24576 of table (a * scale as fp32, b as stored); without, two prefetch
// buffers and a and b loaded by every group.
// CHECK-LABEL: gpu.func @table_row_sums(
// CHECK-SAME: walsh.shared_bytes = 73728 : i64
// CHECK: memref.view %{{.*}}[%c49152{{.*}} to memref<4096xf32, #gpu.address_space<workgroup>>
// CHECK: memref.view %{{.*}}[%c65536{{.*}} to memref<4096xbf16, #gpu.address_space<workgroup>>
// CHECK: nvvm.cp.async.wait.group 0
// CHECK-LABEL: gpu.func @no_table_transposes(
// CHECK-SAME: walsh.shared_bytes = 65536 : i64
// CHECK-NOT: memref<4096xf32, #gpu.address_space<workgroup>>
// CHECK: nvvm.cp.async.wait.group 1
// CHECK: gpu.return
func.func @table_row_sums(%x: tensor<?x4096xbf16>, %l: tensor<?x32xf32>, %a: tensor<4096xbf16>, %b: tensor<4096xbf16>) -> tensor<?x4096xbf16> {
  %r = walsh.normalize_heads %x, %l : tensor<?x4096xbf16>, tensor<?x32xf32> -> tensor<?x4096xbf16>
  %t = walsh.transform %r config(#walsh.config<elems_per_thread = 64, threads_per_row = 64, rows_per_block = 2, vector_width = 8, cross_warp = transpose, row_iters = 4>) : tensor<?x4096xbf16>
  %y = walsh.affine %t mul(%a : tensor<4096xbf16>) add(%b : tensor<4096xbf16>) : tensor<?x4096xbf16>
  return %y : tensor<?x4096xbf16>
}
func.func @no_table_transposes(%x: tensor<?x4096xbf16>, %a: tensor<4096xbf16>, %b: tensor<4096xbf16>) -> tensor<?x4096xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 64, rows_per_block = 2, vector_width = 8, cross_warp = transpose, row_iters = 4>) : tensor<?x4096xbf16>
  %y = walsh.affine %t mul(%a : tensor<4096xbf16>) add(%b : tensor<4096xbf16>) : tensor<?x4096xbf16>
  return %y : tensor<?x4096xbf16>
}

// -----

// In fp32 there is nothing to widen: a and b are loaded by every group,
// in the epilogue, and the prefetch keeps its two buffers.
// CHECK-LABEL: gpu.func @affine_in_groups(
// CHECK-SAME: %[[A:[^:]*]]: memref<256xf32>, %[[B:[^:]*]]: memref<256xf32>)
// CHECK-SAME: walsh.shared_bytes = 32768 : i64
// CHECK-NOT: vector.load %[[A]]
// CHECK: scf.for
// CHECK: nvvm.cp.async.wait.group 1
// CHECK: vector.load %[[A]]
// CHECK: vector.load %[[B]]
// CHECK: gpu.return
func.func @affine_in_groups(%x: tensor<?x256xf32>, %a: tensor<256xf32>, %b: tensor<256xf32>) -> tensor<?x256xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 8, rows_per_block = 16, vector_width = 4, cross_warp = shared, row_iters = 4>) : tensor<?x256xf32>
  %y = walsh.affine %t mul(%a : tensor<256xf32>) add(%b : tensor<256xf32>) : tensor<?x256xf32>
  return %y : tensor<?x256xf32>
}

// -----

// At 128 vectors (d = 1024) they are loaded once, before the loop.
// CHECK-LABEL: gpu.func @affine_hoisted(
// CHECK-SAME: %[[A:[^:]*]]: memref<1024xbf16>, %[[B:[^:]*]]: memref<1024xbf16>)
// CHECK: vector.load %[[A]]
// CHECK: scf.for
// CHECK-NOT: vector.load %[[A]]
// CHECK: gpu.return
func.func @affine_hoisted(%x: tensor<?x1024xbf16>, %a: tensor<1024xbf16>, %b: tensor<1024xbf16>) -> tensor<?x1024xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 32, rows_per_block = 4, vector_width = 8, cross_warp = shared, row_iters = 16>) : tensor<?x1024xbf16>
  %y = walsh.affine %t mul(%a : tensor<1024xbf16>) add(%b : tensor<1024xbf16>) : tensor<?x1024xbf16>
  return %y : tensor<?x1024xbf16>
}

// -----

// The split layout: d = 768 = 12 * 64 in bf16, 16 values of one dense
// index a thread (elems_per_thread not a multiple of m), 48 = 12 * 4
// threads a row. The row's slot, then the thread's dense index `sub` and
// its place t among the index's 4 threads; its columns start at sub * 64.
// The 2^6 levels (lanes, a chunk, two shuffle levels), the finished values
// to shared memory in 16-byte pieces at f ^ ((f >> 3) & 28), one barrier;
// then a piece of V2 = 2 positions with all 12 indices: H_12's 56
// additions a position, the affine, 2-element stores.
// CHECK-LABEL: gpu.func @split(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x768xbf16, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x768xbf16, strided<[?, 1], offset: ?>>, %[[A:[^:]*]]: memref<768xbf16>
// CHECK-SAME: known_block_size = array<i32: 96, 1, 1>
// CHECK-SAME: walsh.rows_per_block = 2 : i64, walsh.shared_bytes = 6144 : i64
// CHECK: %[[TID:.*]] = gpu.thread_id x
// CHECK: %[[IN:.*]] = arith.remui %[[TID]], %c48
// CHECK: %[[T:.*]] = arith.remui %[[IN]], %c4
// CHECK: %[[SUB:.*]] = arith.divui %[[IN]], %c4
// CHECK: %[[BASE:.*]] = arith.muli %[[SUB]], %c64
// CHECK: vector.load %[[X]][%{{.*}}, %{{.*}}] : {{.*}}, vector<8xbf16>
// CHECK: gpu.shuffle  xor %{{.*}}, %c1_i32
// CHECK: gpu.shuffle  xor %{{.*}}, %c2_i32
// CHECK: %[[SH:.*]] = arith.shrui %[[F:.*]], %c3
// CHECK-NEXT: %[[MASK:.*]] = arith.andi %[[SH]], %c28
// CHECK-NEXT: %[[AT:.*]] = arith.xori %[[F]], %[[MASK]]
// CHECK-NEXT: vector.store %{{.*}}, %{{.*}}[%[[AT]]] : memref<1536xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK: gpu.barrier
// CHECK-NOT: gpu.shuffle
// CHECK: scf.if
// CHECK-COUNT-12: vector.load %{{.*}} : memref<1536xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK-COUNT-112: arith.{{addf|subf}} %{{.*}}, %{{.*}} : f32
// CHECK-NOT: arith.{{addf|subf}} %{{.*}}, %{{.*}} : f32
// CHECK: vector.load %[[A]][%{{.*}}] : memref<768xbf16>, vector<2xbf16>
// CHECK: vector.store %{{.*}}, %[[Y]][%{{.*}}, %{{.*}}] : {{.*}}, vector<2xbf16>
// CHECK-NOT: gpu.barrier
// CHECK: gpu.return
func.func @split(%x: tensor<?x768xbf16>, %a: tensor<768xbf16>, %b: tensor<768xbf16>) -> tensor<?x768xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 16, threads_per_row = 48, rows_per_block = 2, vector_width = 8, cross_warp = shared>) : tensor<?x768xbf16>
  %y = walsh.affine %t mul(%a : tensor<768xbf16>) add(%b : tensor<768xbf16>) : tensor<?x768xbf16>
  return %y : tensor<?x768xbf16>
}

// -----

// The split layout's L2 prefetch of the rows ahead (f32 6144 = 12 * 512, 32
// threads an index, 384 a row; 24 KB rows, so 170 blocks in 4 MB): the
// row's 192 lines go to its threads sub * 32 + t, those past 192 idle.
// CHECK-LABEL: gpu.func @split_prefetch(
// CHECK: %[[BID:.*]] = gpu.block_id x
// CHECK: %[[IN:.*]] = arith.remui %{{.*}}, %c384
// CHECK: %[[T:.*]] = arith.remui %[[IN]], %c32
// CHECK: %[[SUB:.*]] = arith.divui %[[IN]], %c32
// CHECK: arith.addi %[[BID]], %c170
// CHECK: scf.if
// CHECK: %[[S32:.*]] = arith.muli %[[SUB]], %c32
// CHECK: %[[RT:.*]] = arith.addi %[[S32]], %[[T]]
// CHECK: %[[LINE:.*]] = arith.addi %[[RT]], %c0
// CHECK: %[[IN192:.*]] = arith.cmpi ult, %[[LINE]], %c192
// CHECK: scf.if %[[IN192]] {
// CHECK: llvm.inline_asm has_side_effects "prefetch.global.L2 [$0];", "l"
// CHECK-NOT: prefetch.global.L2
// CHECK: gpu.return
func.func @split_prefetch(%x: tensor<?x6144xf32>) -> tensor<?x6144xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 16, threads_per_row = 384, rows_per_block = 1, vector_width = 4, cross_warp = shared>) : tensor<?x6144xf32>
  return %t : tensor<?x6144xf32>
}

// -----

// With transposes (32 values, 32 threads an index) and row groups: one
// exchange buffer beside the prefetch buffers, so a barrier after the
// first transpose's reads and one before the m-point stage's writes; that
// stage reads the whole row (V2 = 4: P = 1024 in 256 pieces, one round of
// the row's 12 * 32 threads), and a barrier ends each group before the
// next one's first transpose overwrites it.
// CHECK-LABEL: gpu.func @split_transposes(
// CHECK-SAME: known_block_size = array<i32: 384, 1, 1>
// CHECK-SAME: walsh.shared_bytes = 98304 : i64
// CHECK: scf.for
// CHECK: nvvm.cp.async.wait.group 1
// CHECK-COUNT-4: gpu.barrier
// CHECK: vector.store %{{.*}} : memref<12288xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK: gpu.barrier
// CHECK: scf.if
// CHECK-COUNT-12: vector.load %{{.*}} : memref<12288xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}, %{{.*}}] : {{.*}}, vector<4xbf16>
// CHECK: }
// CHECK-NEXT: gpu.barrier
// CHECK-NEXT: }
// CHECK-NEXT: gpu.return
func.func @split_transposes(%x: tensor<?x12288xbf16>) -> tensor<?x12288xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 384, rows_per_block = 1, vector_width = 8, cross_warp = transpose, row_iters = 4>) : tensor<?x12288xbf16>
  return %t : tensor<?x12288xbf16>
}

// -----

// cross_warp = mma, bf16 d = 512 (two tiles of 256): eight warps a block, a
// row each; the first row's four 8-byte halves loaded first, as 64-bit
// values carried into the loop (the next row's loaded in it), and in
// flight while the block fills the affine table (a * scale and b as fp32,
// four 4-float quarters a lane and tile: 4096 bytes; no loop or branch:
// each step loads a and b and picks one), then a barrier; per tile
// two stage-1 mma (bf16 H_16 times a half's two words), the hi + lo split
// of their fp32 results, two stage-2 mma on hi then lo accumulating, for
// each of two n-tiles; H_2 across the tiles; the affine from the table
// (contracted), the pairs packed and stored as 8-byte halves.
// CHECK-LABEL: gpu.func @mma(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x512xbf16, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x512xbf16, strided<[?, 1], offset: ?>>, %[[A:[^:]*]]: memref<512xbf16>, %[[B:[^:]*]]: memref<512xbf16>)
// CHECK-SAME: known_block_size = array<i32: 256, 1, 1>, walsh.row_lanes = {{[0-9]+}} : i64, walsh.rows_per_block = 8 : i64, walsh.shared_bytes = 4096 : i64
// CHECK: %[[TAB:.*]] = memref.view %{{.*}} to memref<1024xf32, #gpu.address_space<workgroup>>
// CHECK-COUNT-4: vector.bitcast %{{.*}} : vector<4xbf16> to vector<1xi64>
// CHECK-NOT: scf.
// CHECK: vector.load %[[A]][%{{.*}}] : memref<512xbf16>, vector<4xbf16>
// CHECK-NOT: scf.
// CHECK: arith.mulf
// CHECK-NOT: scf.
// CHECK: vector.load %[[B]][%{{.*}}] : memref<512xbf16>, vector<4xbf16>
// CHECK-NOT: scf.
// CHECK: arith.select
// CHECK-NEXT: vector.store %{{.*}}, %[[TAB]]
// CHECK-NEXT: gpu.barrier
// CHECK: scf.for %{{.*}} iter_args(%[[H0:[^ ]*]] = {{.*}}) -> (i64, i64, i64, i64)
// CHECK: %[[W0:.*]] = arith.trunci %[[H0]] : i64 to i32
// CHECK: %[[UP:.*]] = arith.shrui %[[H0]]
// CHECK: %[[W1:.*]] = arith.trunci %[[UP]] : i64 to i32
// CHECK: llvm.inline_asm "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {{.*}} %[[W0]], %[[W1]], %cst
// CHECK: llvm.inline_asm "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK: %[[HI:.*]] = llvm.inline_asm "cvt.rn.bf16x2.f32 $0, $1, $2;"
// CHECK: arith.shli %[[HI]]
// CHECK: arith.andi %[[HI]]
// CHECK: arith.subf
// CHECK: %[[LO:.*]] = llvm.inline_asm "cvt.rn.bf16x2.f32 $0, $1, $2;"
// CHECK: %[[D:.*]] = llvm.inline_asm "mma.sync{{.*}}bf16.bf16.f32 {{.*}} %[[HI]], %{{.*}}, %cst
// CHECK: llvm.extractvalue %[[D]][3]
// CHECK: llvm.inline_asm "mma.sync{{.*}}bf16.bf16.f32 {{.*}} %[[LO]], %{{.*}}, %{{[0-9]+}}, %{{[0-9]+}}, %{{[0-9]+}}, %{{[0-9]+}} :
// CHECK-NOT: prmt
// CHECK: vector.load %[[X]]
// CHECK: arith.addf %{{.*}} : f32
// CHECK: arith.subf %{{.*}} : f32
// CHECK: scf.if
// CHECK: vector.load %[[TAB]]{{.*}} vector<4xf32>
// CHECK: arith.mulf {{.*}} fastmath<contract> : vector<4xf32>
// CHECK: vector.load %[[TAB]]{{.*}} vector<4xf32>
// CHECK: arith.addf {{.*}} fastmath<contract> : vector<4xf32>
// CHECK: llvm.inline_asm "cvt.rn.bf16x2.f32 $0, $1, $2;"
// CHECK: vector.bitcast %{{.*}} : vector<2xi32> to vector<4xbf16>
// CHECK: vector.store %{{.*}}, %[[Y]][%{{.*}}, %{{.*}}] : memref<?x512xbf16, strided<[?, 1], offset: ?>>, vector<4xbf16>
// CHECK: scf.yield %{{.*}} : i64, i64, i64, i64
// CHECK-NOT: gpu.shuffle
func.func @mma(%x: tensor<?x512xbf16>, %a: tensor<512xbf16>, %b: tensor<512xbf16>) -> tensor<?x512xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 16, threads_per_row = 32, rows_per_block = 8, vector_width = 4, cross_warp = mma>) : tensor<?x512xbf16>
  %y = walsh.affine %t mul(%a : tensor<512xbf16>) add(%b : tensor<512xbf16>) : tensor<?x512xbf16>
  return %y : tensor<?x512xbf16>
}

// -----

// f16 d = 3072 (12 tiles) without a or b and with an f32 output: stage 1
// in f16, stage 2 in bf16; H_12's program across the tiles; no table, the
// scale a constant; 16-byte f32 stores.
// And f16 d = 1536 (12 x 128: dense-index pairs, six tiles): the halves of
// a tile are dense indices t and t + 6, 768 elements apart.
// CHECK-LABEL: gpu.func @mma_dense(
// CHECK-SAME: walsh.shared_bytes = 0 : i64
// CHECK-NOT: gpu.barrier
// CHECK: llvm.inline_asm "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// CHECK: llvm.inline_asm "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK: arith.mulf %{{.*}}, %cst{{.*}} fastmath<contract> : vector<4xf32>
// CHECK: vector.store %{{.*}} : memref<?x3072xf32, strided<[?, 1], offset: ?>>, vector<4xf32>
// CHECK-LABEL: gpu.func @mma_pairs(
// CHECK: %[[L:.*]] = arith.muli %{{.*}}, %c4{{.*}} : index
// CHECK: arith.addi %[[L]], %c0{{.*}} : index
// CHECK: arith.addi %[[L]], %c768{{.*}} : index
// CHECK: arith.addi %[[L]], %c128{{.*}} : index
// CHECK: arith.addi %[[L]], %c896{{.*}} : index
func.func @mma_dense(%x: tensor<?x3072xf16>) -> tensor<?x3072xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 96, threads_per_row = 32, rows_per_block = 4, vector_width = 4, cross_warp = mma>) : tensor<?x3072xf16>
  %y = walsh.cast %t : tensor<?x3072xf16> -> tensor<?x3072xf32>
  return %y : tensor<?x3072xf32>
}

func.func @mma_pairs(%x: tensor<?x1536xf16>) -> tensor<?x1536xf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 48, threads_per_row = 32, rows_per_block = 8, vector_width = 4, cross_warp = mma>) : tensor<?x1536xf16>
  return %t : tensor<?x1536xf16>
}

// -----

// Two warps a row (f16 d = 3072, two rows a block: 128 threads): the table
// (24576 bytes), then the exchange buffers (two of two rows' halves:
// 24576 bytes). Each warp transforms six tiles, writes the half it does
// not keep (one vector a tile), meets its partner at the row's named
// barrier, reads the partner's six; H_12 in a branch uniform over the warp
// (warp 1's tiles start at dense index 6); each warp stores one half of
// each of the twelve tiles.
// CHECK-LABEL: gpu.func @mma_two_warps(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x3072xf16, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x3072xf16, strided<[?, 1], offset: ?>>
// CHECK-SAME: known_block_size = array<i32: 128, 1, 1>, walsh.row_lanes = {{[0-9]+}} : i64, walsh.rows_per_block = 2 : i64, walsh.shared_bytes = 49152 : i64
// CHECK: memref.view %{{.*}}[%c0{{.*}}][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<6144xf32, #gpu.address_space<workgroup>>
// CHECK: %[[XB:.*]] = memref.view %{{.*}}[%c24576{{.*}}][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<6144xf32, #gpu.address_space<workgroup>>
// CHECK: scf.for
// CHECK-COUNT-12: llvm.inline_asm "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// CHECK-NOT: llvm.inline_asm "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// CHECK: vector.load %[[X]]
// CHECK-COUNT-6: vector.store %{{.*}}, %[[XB]][%{{.*}}] : memref<6144xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK-NOT: vector.load %[[XB]]
// CHECK: llvm.inline_asm has_side_effects "bar.sync $0, 64;", "r,~{memory}"
// CHECK-COUNT-6: vector.load %[[XB]][%{{.*}}] : memref<6144xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK: scf.if %{{.*}} -> (f32,
// CHECK: scf.yield
// CHECK: } else {
// CHECK: scf.yield
// CHECK: scf.if
// CHECK-COUNT-12: vector.store %{{.*}}, %[[Y]]
// CHECK-NOT: vector.store %{{.*}}, %[[Y]]
// CHECK: scf.yield %{{.*}} : i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64
func.func @mma_two_warps(%x: tensor<?x3072xf16>, %a: tensor<3072xf16>, %b: tensor<3072xf16>) -> tensor<?x3072xf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 48, threads_per_row = 64, rows_per_block = 2, vector_width = 4, cross_warp = mma>) : tensor<?x3072xf16>
  %y = walsh.affine %t mul(%a : tensor<3072xf16>) add(%b : tensor<3072xf16>) : tensor<?x3072xf16>
  return %y : tensor<?x3072xf16>
}

// -----

// 112 values a lane (f16 d = 3584: 28 x 128): the next row's halves copied
// by cp.async into shared memory (8 bytes each, after the table) at the
// start of each iteration, the current row's read back from the other
// buffer; nothing carried in registers.
// CHECK-LABEL: gpu.func @mma_async_rows(
// CHECK-SAME: walsh.shared_bytes = 114688 : i64
// CHECK-COUNT-28: nvvm.cp.async.shared.global %{{.*}}, %{{.*}}, 8, cache = ca
// CHECK: nvvm.cp.async.commit.group
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-COUNT-28: nvvm.cp.async.shared.global
// CHECK: nvvm.cp.async.commit.group
// CHECK-NEXT: nvvm.cp.async.wait.group 1
// CHECK: vector.load %{{.*}} : memref<114688xi8, #gpu.address_space<workgroup>>, vector<8xi8>
// CHECK: llvm.inline_asm "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// CHECK-NOT: scf.yield %{{.*}} : i64
func.func @mma_async_rows(%x: tensor<?x3584xf16>) -> tensor<?x3584xf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 112, threads_per_row = 32, rows_per_block = 8, vector_width = 4, cross_warp = mma>) : tensor<?x3584xf16>
  return %t : tensor<?x3584xf16>
}

// -----

// 2^k = 64 (bf16 d = 768 = 12 x 64): tiles of four dense indices, three of
// them. Tile 0's half l3 = 0 is two words (dense indices 0 and 3: columns
// 2 lane and 192 + 2 lane) and half l3 = 1 two more (6 and 9: 384, 576),
// 4-byte loads put together into one 8-byte value; the table's fill (after
// the first row's loads) reads a and b the same way; each half is stored
// as two words of two elements.
// CHECK-LABEL: gpu.func @mma_quads(
// CHECK-SAME: walsh.shared_bytes = 6144 : i64
// CHECK: %[[LANE:.*]] = arith.muli %{{.*}}, %c2{{.*}} : index
// CHECK: %[[L:.*]] = arith.addi %[[LANE]], %{{.*}} : index
// CHECK: arith.addi %[[L]], %c0{{.*}} : index
// CHECK: %[[W0:.*]] = vector.load %{{.*}} : memref<?x768xbf16, strided<[?, 1], offset: ?>>, vector<2xbf16>
// CHECK: arith.addi %[[L]], %c192{{.*}} : index
// CHECK: %[[W1:.*]] = vector.load %{{.*}} : memref<?x768xbf16, strided<[?, 1], offset: ?>>, vector<2xbf16>
// CHECK: %[[H:.*]] = vector.shuffle %[[W0]], %[[W1]] [0, 1, 2, 3] : vector<2xbf16>, vector<2xbf16>
// CHECK: vector.bitcast %[[H]] : vector<4xbf16> to vector<1xi64>
// CHECK: arith.addi %[[L]], %c384{{.*}} : index
// CHECK: arith.addi %[[L]], %c576{{.*}} : index
// CHECK: vector.load %{{.*}} : memref<768xbf16>, vector<2xbf16>
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [0, 1, 2, 3] : vector<2xbf16>, vector<2xbf16>
// CHECK: gpu.barrier
// CHECK: scf.for
// CHECK: llvm.inline_asm "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK: vector.extract_strided_slice %{{.*}} {offsets = [0], sizes = [2], strides = [1]} : vector<4xbf16> to vector<2xbf16>
// CHECK: vector.store %{{.*}} : memref<?x768xbf16, strided<[?, 1], offset: ?>>, vector<2xbf16>
// CHECK: vector.extract_strided_slice %{{.*}} {offsets = [2], sizes = [2], strides = [1]} : vector<4xbf16> to vector<2xbf16>
// CHECK: vector.store %{{.*}} : memref<?x768xbf16, strided<[?, 1], offset: ?>>, vector<2xbf16>
// CHECK-NOT: vector<4xbf16>, memref
func.func @mma_quads(%x: tensor<?x768xbf16>, %a: tensor<768xbf16>, %b: tensor<768xbf16>) -> tensor<?x768xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 24, threads_per_row = 32, rows_per_block = 8, vector_width = 4, cross_warp = mma>) : tensor<?x768xbf16>
  %y = walsh.affine %t mul(%a : tensor<768xbf16>) add(%b : tensor<768xbf16>) : tensor<?x768xbf16>
  return %y : tensor<?x768xbf16>
}

// -----

// cross_warp = mma at 2^k = 32 (bf16 d = 384 = 12 x 32): H_m on tensor
// cores too. H_12's A fragments, every lane's, as a module constant (zero
// past m: padded to 16); the shared memory holds the affine tables (two of
// 2048 bytes), each warp's two row buffers (8 x 2 x 1024 bytes) and its
// 512-byte output staging; the padding rows are zeroed and the tables
// filled (no loop: a thread's loads in flight together) before the
// barrier. A row comes by 16-byte cp.async copies (the next row's in
// flight), then ldmatrix.x4.trans; stage 1 is 2 x 2 mma (two
// k-steps of positions, two n-tiles) in bf16 and stage 2 the hi + lo split
// and 2 x 4 x 2 mma; the mma asm has side effects, so none sinks into the
// branch of the lanes that store (g < 12 - 8 = 4 for rows 8 .. 11). The
// four n-tiles' words go through the staging area (stmatrix, a warp sync,
// one 16-byte read back, a warp sync) and out as 16-byte stores, the last
// rows' under the lanes' branch; stmatrix itself outside it.
// CHECK: llvm.mlir.global internal constant @walsh_hm12_bf16(dense<"0x803F803F
// CHECK-SAME: !llvm.array<128 x i32>
// CHECK-LABEL: gpu.func @hm_mma(
// CHECK-SAME: walsh.shared_bytes = 24576 : i64
// CHECK: vector.store %{{.*}} : memref<?xi8, #gpu.address_space<workgroup>>, vector<16xi8>
// CHECK: vector.store %{{.*}} : memref<1024xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK-NOT: scf.
// CHECK: llvm.mlir.addressof @walsh_hm12_bf16 : !llvm.ptr<1>
// CHECK: gpu.barrier
// CHECK-COUNT-4: llvm.load %{{.*}} : !llvm.ptr<1> -> i32
// CHECK: nvvm.cp.async.shared.global %{{.*}}, %{{.*}}, 16, cache =  cg
// CHECK: nvvm.cp.async.commit.group
// CHECK: scf.for
// CHECK: llvm.inline_asm has_side_effects "bar.warp.sync -1;"
// CHECK: nvvm.cp.async.wait.group 1
// CHECK: llvm.inline_asm has_side_effects "bar.warp.sync -1;"
// CHECK: llvm.inline_asm has_side_effects "ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// CHECK-COUNT-2: llvm.inline_asm has_side_effects "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK: llvm.inline_asm has_side_effects "ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// CHECK-COUNT-2: llvm.inline_asm has_side_effects "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK: scf.if
// CHECK: llvm.inline_asm "cvt.rn.bf16x2.f32 $0, $1, $2;"
// CHECK-COUNT-8: llvm.inline_asm has_side_effects "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK: llvm.inline_asm has_side_effects "stmatrix.sync.aligned.m8n8.x4.shared.b16 [$0], {$1, $2, $3, $4};"
// CHECK-NEXT: llvm.inline_asm has_side_effects "bar.warp.sync -1;"
// CHECK-NEXT: llvm.inline_asm has_side_effects "ld.shared.v4.b32 {$0, $1, $2, $3}, [$4];"
// CHECK-NEXT: llvm.inline_asm has_side_effects "bar.warp.sync -1;"
// CHECK-NOT: scf.if
// CHECK: vector.store %{{.*}} : memref<?x384xbf16, strided<[?, 1], offset: ?>>, vector<8xbf16>
// CHECK: arith.cmpi ult, %{{.*}}, %c4{{.*}} : index
// CHECK: "stmatrix.sync.aligned.m8n8.x4.shared.b16
// CHECK: "ld.shared.v4.b32
// CHECK: scf.if
// CHECK: vector.bitcast %{{.*}} : vector<4xi32> to vector<8xbf16>
// CHECK-NEXT: vector.store %{{.*}} : memref<?x384xbf16, strided<[?, 1], offset: ?>>, vector<8xbf16>
// CHECK-NOT: vector<2xbf16>
// CHECK: nvvm.cp.async.wait.group 0
// CHECK-NOT: gpu.shuffle
// CHECK-NOT: prefetch.global.L2
func.func @hm_mma(%x: tensor<?x384xbf16>, %a: tensor<384xbf16>, %b: tensor<384xbf16>) -> tensor<?x384xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 12, threads_per_row = 32, rows_per_block = 8, vector_width = 2, cross_warp = mma>) : tensor<?x384xbf16>
  %y = walsh.affine %t mul(%a : tensor<384xbf16>) add(%b : tensor<384xbf16>) : tensor<?x384xbf16>
  return %y : tensor<?x384xbf16>
}

// -----

// H_m on tensor cores with 'row_iters' = 2 (bf16 416 = 52 x 8, eight rows
// a block): each iteration of the row loop first prefetches into L2 the
// rows of the group two grids on (a row's 832 bytes: seven 128-byte
// lines over its warp's lanes, lanes 7 ... 31 idle), then copies the next
// group (cp.async) as before; with 'row_iters' = 1 (@hm_mma) none.
// CHECK-LABEL: gpu.func @hm_mma_ahead(
// (The launcher's groups stay eight rows: 'row_iters' is no multiplier
// here.)
// CHECK-SAME: walsh.rows_per_block = 8 : i64
// CHECK: scf.for
// CHECK: arith.muli %grid_dim_x, %c2{{.*}} : index
// CHECK: scf.if
// CHECK: arith.cmpi ult, %{{.*}}, %c7{{.*}} : index
// CHECK-NEXT: scf.if
// CHECK: llvm.inline_asm has_side_effects "prefetch.global.L2 [$0];", "l"
// CHECK-NOT: prefetch.global.L2
// CHECK: nvvm.cp.async.shared.global
// CHECK-NOT: prefetch.global.L2
// CHECK: gpu.return
func.func @hm_mma_ahead(%x: tensor<?x416xbf16>, %a: tensor<416xbf16>, %b: tensor<416xbf16>) -> tensor<?x416xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 13, threads_per_row = 32, rows_per_block = 8, vector_width = 2, cross_warp = mma, row_iters = 2>) : tensor<?x416xbf16>
  %y = walsh.affine %t mul(%a : tensor<416xbf16>) add(%b : tensor<416xbf16>) : tensor<?x416xbf16>
  return %y : tensor<?x416xbf16>
}

// -----

// At 2^k = 8 (f16 d = 96 = 12 x 8, no a or b): stage 1 takes
// ldmatrix.x2.trans (two 8 x 8 matrices) and one m16n8k16 mma; its
// accumulators are, as they stand, the A fragment of an m16n8k8 mma with
// B = H_8: one f16 piece of C / 16 (C's fan-in 12 rounded up to a power
// of two), one f16 mma, no shuffles; the scale a constant, 16 / sqrt(96);
// 4-byte stores. Shared memory: only the row buffers (8 warps x 2 x 16 x
// 8 x 2 bytes). A bf16 output takes one bf16 piece (d = 160 = 20 x 8:
// one m16n8k8 a block of 16 dense indices, two blocks); fp32 rows keep H_8
// by xor shuffles across lanes 1 and 2 apart (d = 288 = 36 x 8).
// CHECK-LABEL: gpu.func @hm_mma_8(
// CHECK-SAME: walsh.shared_bytes = 4096 : i64
// CHECK: llvm.inline_asm has_side_effects "ldmatrix.sync.aligned.m8n8.x2.trans.shared.b16 {$0, $1}, [$2];"
// CHECK: llvm.inline_asm has_side_effects "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// CHECK: arith.constant 6.250000e-02 : f32
// CHECK: llvm.inline_asm "cvt.rn.f16x2.f32
// CHECK-NOT: bf16
// CHECK: llvm.inline_asm has_side_effects "mma.sync.aligned.m16n8k8.row.col.f32.f16.f16.f32 {$0, $1, $2, $3}, {$4, $5}, {$6}, {$7, $8, $9, $10};"
// CHECK-NOT: mma.sync
// CHECK-NOT: gpu.shuffle
// CHECK: arith.constant dense<1.63299322> : vector<2xf32>
// CHECK: vector.store %{{.*}} : memref<?x96xf16, strided<[?, 1], offset: ?>>, vector<2xf16>
// CHECK-NOT: mma.sync
// CHECK-LABEL: gpu.func @hm_mma_8_bf16(
// CHECK-NOT: m16n8k8
// CHECK: "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK: "mma.sync.aligned.m16n8k8.row.col.f32.bf16.bf16.f32
// CHECK: "mma.sync.aligned.m16n8k8.row.col.f32.bf16.bf16.f32
// CHECK-NOT: mma.sync
// CHECK-NOT: gpu.shuffle
// CHECK-LABEL: gpu.func @hm_mma_8_f32(
// CHECK-NOT: m16n8k8
// CHECK: gpu.shuffle  xor %{{.*}}, %c1_i32
// CHECK: gpu.shuffle  xor %{{.*}}, %c2_i32
// CHECK-NOT: m16n8k8
// CHECK: gpu.return
func.func @hm_mma_8(%x: tensor<?x96xf16>) -> tensor<?x96xf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 3, threads_per_row = 32, rows_per_block = 8, vector_width = 2, cross_warp = mma>) : tensor<?x96xf16>
  return %t : tensor<?x96xf16>
}
func.func @hm_mma_8_bf16(%x: tensor<?x160xbf16>) -> tensor<?x160xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 5, threads_per_row = 32, rows_per_block = 8, vector_width = 2, cross_warp = mma>) : tensor<?x160xbf16>
  return %t : tensor<?x160xbf16>
}
func.func @hm_mma_8_f32(%x: tensor<?x288xf32>) -> tensor<?x288xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 9, threads_per_row = 32, rows_per_block = 8, vector_width = 2, cross_warp = mma>) : tensor<?x288xf32>
  return %t : tensor<?x288xf32>
}

// -----

// From 2^k = 64 (d = 768 = 12 x 64) f16 rows to f16 take stage 2 as one
// f16 piece: each accumulator times 1/32 (C's fan-in, 12 x 64 / 32 = 24,
// rounded up to a power of two: 0x3D000000), packed by cvt.rn.f16x2, and
// m16n8k16 f16 mma (a chunk of 32 positions: two k-steps of four n-tiles
// each, eight), no tf32 and no bf16; the 32 is in the output scale
// (1/sqrt(768) x 32 = 1.1547). bf16 rows to f16 take one tf32 piece:
// each of stage 1's n-tiles' accumulators, rounded by cvt.rna.tf32.f32
// (four a tile), is the A fragment of m16n8k8 tf32 mma (four n-tiles out
// of each of four in: sixteen), no bf16 hi + lo; an fp32 output keeps hi
// + lo (bf16 pairs, m16n8k16), no tf32.
// CHECK-LABEL: gpu.func @hm_mma_f16_piece(
// CHECK: arith.constant dense<1.15470052> : vector<2xf32>
// CHECK: llvm.inline_asm has_side_effects "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// CHECK-NOT: tf32
// CHECK: arith.constant 3.125000e-02 : f32
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: llvm.inline_asm "cvt.rn.f16x2.f32
// CHECK-NOT: tf32
// CHECK: llvm.inline_asm has_side_effects "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// CHECK-NOT: bf16
// CHECK-NOT: tf32
// CHECK: gpu.return
// CHECK-LABEL: gpu.func @hm_mma_tf32(
// CHECK: llvm.inline_asm has_side_effects "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK-COUNT-4: llvm.inline_asm "cvt.rna.tf32.f32 $0, $1;"
// CHECK-COUNT-4: llvm.inline_asm has_side_effects "mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 {$0, $1, $2, $3}, {$4, $5, $6, $7}, {$8, $9}, {$10, $11, $12, $13};"
// CHECK-COUNT-4: llvm.inline_asm "cvt.rna.tf32.f32 $0, $1;"
// CHECK-COUNT-4: llvm.inline_asm has_side_effects "mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32
// CHECK-NOT: cvt.rn.bf16x2
// CHECK: gpu.return
// CHECK-LABEL: gpu.func @hm_mma_tf32_to_f32(
// CHECK-NOT: tf32
// CHECK: llvm.inline_asm "cvt.rn.bf16x2.f32
// CHECK: llvm.inline_asm has_side_effects "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK-NOT: tf32
// CHECK: gpu.return
func.func @hm_mma_f16_piece(%x: tensor<?x768xf16>, %a: tensor<768xf16>, %b: tensor<768xf16>) -> tensor<?x768xf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 24, threads_per_row = 32, rows_per_block = 8, vector_width = 2, cross_warp = mma>) : tensor<?x768xf16>
  %y = walsh.affine %t mul(%a : tensor<768xf16>) add(%b : tensor<768xf16>) : tensor<?x768xf16>
  return %y : tensor<?x768xf16>
}
func.func @hm_mma_tf32(%x: tensor<?x768xbf16>) -> tensor<?x768xf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 24, threads_per_row = 32, rows_per_block = 8, vector_width = 2, cross_warp = mma>) : tensor<?x768xbf16>
  %y = walsh.cast %t : tensor<?x768xbf16> -> tensor<?x768xf16>
  return %y : tensor<?x768xf16>
}
func.func @hm_mma_tf32_to_f32(%x: tensor<?x768xf16>) -> tensor<?x768xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 24, threads_per_row = 32, rows_per_block = 8, vector_width = 2, cross_warp = mma>) : tensor<?x768xf16>
  %y = walsh.cast %t : tensor<?x768xf16> -> tensor<?x768xf32>
  return %y : tensor<?x768xf32>
}

// -----

// Past 2^k = 64 the kernel works on 64 positions with the Sylvester factor
// joined to the dense one (hmShape): bf16 d = 5120 = 20 x 256 as H_20 (x)
// H_4 (80 dense indices, 5 blocks of 16) over 64. H_m's fragments: lane 4
// (row 1, columns 0 and 1) holds H_4's (+1, -1), after lanes 2 and 3 hold
// H_20[0][1] = -1 (H_20 (x) H_4's columns 4 to 7); 25 blocks of 128 words.
// Shared memory: the two tables (5 x 8 x 2 x 32 fp32 pairs each), the
// fragments (25 x 512 bytes), two warps' two buffers of 80 x 64 bf16. X's
// fragments (5 k-steps x 4 of 16 positions, 80 registers) are read once, before
// the loop over the blocks; the tables (40 steps a thread) and H_m's
// fragments (50 words a thread) filled by the block in loops of eight
// steps a round, unrolled (their loads in flight together), the last two
// words after the loop; in it, 5 x 4 x 2 mma for stage 1, H_2's
// butterflies across the two chunks of 32 positions, stage 2 chunk by chunk.
// CHECK: llvm.mlir.global internal constant @walsh_hm20x4_bf16(dense<"0x803F803F803F803F80BF80BF80BF80BF803F80BF803F80BF
// CHECK-SAME: !llvm.array<3200 x i32>
// CHECK-LABEL: gpu.func @hm_mma_fold(
// CHECK-SAME: walsh.shared_bytes = 95744 : i64
// CHECK: scf.for %{{.*}} = %{{.*}} to %c2560 step %c512
// CHECK-COUNT-8: vector.load %{{.*}} : memref<5120xbf16>, vector<2xbf16>
// CHECK: scf.for %{{.*}} = %{{.*}} to %c3072 step %c512
// CHECK-COUNT-8: llvm.load %{{.*}} : !llvm.ptr<1> -> i32
// CHECK-NOT: scf.
// CHECK-COUNT-2: llvm.load %{{.*}} : !llvm.ptr<1> -> i32
// CHECK-NOT: scf.
// CHECK: gpu.barrier
// CHECK-COUNT-20: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// CHECK-NOT: ldmatrix
// CHECK: scf.for %{{.*}} = %{{.*}} to %c5
// CHECK-COUNT-40: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK-COUNT-16: arith.addf
// CHECK: llvm.inline_asm "cvt.rn.bf16x2.f32 $0, $1, $2;"
// CHECK-NOT: ldmatrix
// CHECK: nvvm.cp.async.wait.group 0
func.func @hm_mma_fold(%x: tensor<?x5120xbf16>, %a: tensor<5120xbf16>, %b: tensor<5120xbf16>) -> tensor<?x5120xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 160, threads_per_row = 32, rows_per_block = 2, vector_width = 2, cross_warp = mma>) : tensor<?x5120xbf16>
  %y = walsh.affine %t mul(%a : tensor<5120xbf16>) add(%b : tensor<5120xbf16>) : tensor<?x5120xbf16>
  return %y : tensor<?x5120xbf16>
}

// -----

// Two warps a row past 2^k = 32 (threads_per_row 64): the row's four blocks
// of 16 dense indices (d = 3840 = 60 x 64) in turn, from the warp's place in
// the row; one copy of the row for both (two rows a block: 2 x 2 x 64 x 64 x
// 2 bytes after H_m's 16 fragment blocks), its chunks copied by the row's 64
// threads, and named barrier 1 + the row's slot over 64 threads where one
// warp a row syncs its warp.
// CHECK-LABEL: gpu.func @hm_mma_two_warps(
// CHECK-SAME: walsh.shared_bytes = 43008 : i64
// CHECK: arith.remui %{{.*}}, %c64 : index
// CHECK: scf.for
// CHECK: llvm.inline_asm has_side_effects "bar.sync $0, 64;"
// CHECK: nvvm.cp.async.wait.group 1
// CHECK: llvm.inline_asm has_side_effects "bar.sync $0, 64;"
// CHECK: scf.for %{{.*}} = %{{.*}} to %c4{{.*}} step %c2
// CHECK-NOT: bar.warp.sync
// CHECK: "stmatrix.sync.aligned.m8n8.x4.shared.b16
// CHECK-NEXT: "bar.warp.sync -1;"
func.func @hm_mma_two_warps(%x: tensor<?x3840xf16>) -> tensor<?x3840xf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 60, threads_per_row = 64, rows_per_block = 2, vector_width = 2, cross_warp = mma>) : tensor<?x3840xf16>
  return %t : tensor<?x3840xf16>
}

// -----

// Four warps a row (bf16 6656 = 52 x 128, the default in bulk): each takes
// one of the row's four blocks of 16 dense indices (the loop from the
// warp's place in the row, step 4), the row's copy by its 128 threads, and
// named barrier 1 + the row's slot over 128 threads.
// CHECK-LABEL: gpu.func @hm_mma_four_warps(
// CHECK: arith.remui %{{.*}}, %c128 : index
// CHECK: llvm.inline_asm has_side_effects "bar.sync $0, 128;"
// CHECK: nvvm.cp.async.wait.group 1
// CHECK: llvm.inline_asm has_side_effects "bar.sync $0, 128;"
// CHECK: scf.for %{{.*}} = %{{.*}} to %c4{{.*}} step %c4
// CHECK-NOT: bar.warp.sync
// CHECK: "stmatrix.sync.aligned.m8n8.x4.shared.b16
// CHECK-NEXT: "bar.warp.sync -1;"
func.func @hm_mma_four_warps(%x: tensor<?x6656xbf16>) -> tensor<?x6656xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 52, threads_per_row = 128, rows_per_block = 1, vector_width = 2, cross_warp = mma>) : tensor<?x6656xbf16>
  return %t : tensor<?x6656xbf16>
}

// -----

// Where X's fragments are read again for each block (bf16 7680 = 60 x 128:
// 4 k-steps x 8 of 16 positions, 128 registers), the affine tables hold a
// and b themselves as bf16 pairs, copied without a conversion (4 bytes a
// padded element for both: 2 x 64 x 128 x 2 bytes), and the transform is
// multiplied by the scale in fp32 before the multiply-add with a and b,
// each bf16 pair widened by a shift and a mask of its word (shared memory:
// the tables, 16 fragment blocks, one row's two buffers).
// CHECK-LABEL: gpu.func @hm_mma_tables16(
// CHECK-SAME: walsh.shared_bytes = 74752 : i64
// CHECK: memref.view %{{.*}} to memref<16384xbf16, #gpu.address_space<workgroup>>
// CHECK: vector.load %{{.*}} : memref<7680xbf16>, vector<2xbf16>
// CHECK-NOT: arith.extf
// CHECK: vector.store %{{.*}} : memref<16384xbf16, #gpu.address_space<workgroup>>, vector<2xbf16>
// CHECK: arith.constant dense<0.0114108864> : vector<2xf32>
// CHECK-NEXT: arith.mulf
// CHECK-NOT: arith.extf
// CHECK: %[[AP:.*]] = vector.load %{{.*}} : memref<16384xbf16, #gpu.address_space<workgroup>>, vector<2xbf16>
// CHECK-NEXT: %[[AV:.*]] = vector.bitcast %[[AP]] : vector<2xbf16> to vector<1xi32>
// CHECK-NEXT: %[[AW:.*]] = vector.extract %[[AV]][0] : i32 from vector<1xi32>
// CHECK: arith.shli %[[AW]], %c16{{.*}} : i32
// CHECK: arith.andi %[[AW]], %c-65536{{.*}} : i32
// CHECK: arith.mulf %{{.*}} fastmath<contract> : vector<2xf32>
// CHECK: %[[BP:.*]] = vector.load %{{.*}} : memref<16384xbf16, #gpu.address_space<workgroup>>, vector<2xbf16>
// CHECK-NEXT: vector.bitcast %[[BP]] : vector<2xbf16> to vector<1xi32>
// CHECK-NOT: arith.extf
// CHECK: arith.addf %{{.*}} fastmath<contract> : vector<2xf32>
func.func @hm_mma_tables16(%x: tensor<?x7680xbf16>, %a: tensor<7680xbf16>, %b: tensor<7680xbf16>) -> tensor<?x7680xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 120, threads_per_row = 64, rows_per_block = 1, vector_width = 2, cross_warp = mma>) : tensor<?x7680xbf16>
  %y = walsh.affine %t mul(%a : tensor<7680xbf16>) add(%b : tensor<7680xbf16>) : tensor<?x7680xbf16>
  return %y : tensor<?x7680xbf16>
}

// -----

// At 2^k = 16 (bf16 d = 576 = 36 x 16) a block's 16 rows of 16 positions
// go through the staging area at once (stmatrix over (h, n) = 4 matrices)
// and out as 16-byte stores, the last block's rows (36 - 32 = 4) under a
// branch; not at m = 44 (d = 704: 4-byte pairs, no staging).
// CHECK-LABEL: gpu.func @hm_mma_16(
// CHECK: "stmatrix.sync.aligned.m8n8.x4.shared.b16
// CHECK: "ld.shared.v4.b32
// CHECK: vector.store %{{.*}} : memref<?x576xbf16, strided<[?, 1], offset: ?>>, vector<8xbf16>
// CHECK: arith.cmpi ult, %{{.*}}, %c36{{.*}} : index
// CHECK: scf.if
// CHECK: vector.store %{{.*}} : memref<?x576xbf16, strided<[?, 1], offset: ?>>, vector<8xbf16>
// CHECK-NOT: vector<2xbf16>
// CHECK-LABEL: gpu.func @hm_mma_16_m44(
// CHECK-NOT: stmatrix
// CHECK: vector.store %{{.*}} : memref<?x704xbf16, strided<[?, 1], offset: ?>>, vector<2xbf16>
// CHECK-NOT: stmatrix
// CHECK: gpu.return
func.func @hm_mma_16(%x: tensor<?x576xbf16>) -> tensor<?x576xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 18, threads_per_row = 32, rows_per_block = 8, vector_width = 2, cross_warp = mma>) : tensor<?x576xbf16>
  return %t : tensor<?x576xbf16>
}
func.func @hm_mma_16_m44(%x: tensor<?x704xbf16>) -> tensor<?x704xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 22, threads_per_row = 32, rows_per_block = 8, vector_width = 2, cross_warp = mma>) : tensor<?x704xbf16>
  return %t : tensor<?x704xbf16>
}

// -----

// A cluster of four blocks a row (fp32 d = 8192, each block a slice of
// 2048 over 128 threads): the block's rank and row from its index, a
// relaxed arrive at the start, its slice loaded at rank * 2048, the
// slice's 11 levels, a and b loaded, then (once every block has started)
// each vector pushed into the buffer of the block that finishes it
// (mapa + st.shared::cluster), the cluster's barrier, the block's four
// slices read from its own buffer, H_4 and the affine, stored at q * 2048
// + position.
// CHECK-LABEL: gpu.func @clustered(
// CHECK-SAME: known_block_size = array<i32: 128, 1, 1>
// CHECK-SAME: walsh.rows_per_block = 1 : i64, walsh.shared_bytes = 24576 : i64
// CHECK: %[[BID:.*]] = gpu.block_id x
// CHECK: %[[RANK:.*]] = arith.remui %[[BID]], %c4
// CHECK: %[[BASE:.*]] = arith.muli %[[RANK]], %c2048
// CHECK: %[[ROW:.*]] = arith.divui %[[BID]], %c4
// CHECK: nvvm.cluster.arrive.relaxed {aligned}
// CHECK: %[[SLICE:.*]] = memref.view %{{.*}}[%c16384{{.*}}] : memref<?xi8, #gpu.address_space<workgroup>> to memref<2048xf32, #gpu.address_space<workgroup>>
// CHECK: arith.addi %{{.*}}, %[[BASE]]
// CHECK: vector.load %arg0
// CHECK: vector.load %arg2
// CHECK: nvvm.cluster.wait {aligned}
// CHECK-COUNT-4: st.shared::cluster.v4.f32
// CHECK: nvvm.cluster.arrive {aligned}
// CHECK-NEXT: nvvm.cluster.wait {aligned}
// CHECK: scf.if
// CHECK-COUNT-4: vector.load %[[SLICE]]
// CHECK-COUNT-4: vector.store %{{.*}}, %arg1
// CHECK-NOT: nvvm.cluster
func.func @clustered(%x: tensor<?x8192xf32>, %a: tensor<8192xf32>, %b: tensor<8192xf32>) -> tensor<?x8192xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 16, threads_per_row = 128, rows_per_block = 1, vector_width = 4, cross_warp = transpose, cluster = 4>) : tensor<?x8192xf32>
  %y = walsh.affine %t mul(%a : tensor<8192xf32>) add(%b : tensor<8192xf32>) : tensor<?x8192xf32>
  return %y : tensor<?x8192xf32>
}

// -----

// 16-bit d = 16384 as 64 values over 256 threads (no row groups): the first
// 5 of the thread's 8 vectors of a and b are loaded before the last
// transpose's barrier, the other 3 in the epilogue (earlyAffineVectors).
// CHECK-LABEL: gpu.func @early_affine(
// CHECK: gpu.barrier
// CHECK-COUNT-10: vector.load %{{.*}} : memref<16384xbf16>, vector<8xbf16>
// CHECK-NOT: memref<16384xbf16>, vector
// CHECK: gpu.barrier
// CHECK-NOT: memref<16384xbf16>, vector
// CHECK: scf.if
// CHECK-COUNT-6: vector.load %{{.*}} : memref<16384xbf16>, vector<8xbf16>
// CHECK-NOT: memref<16384xbf16>, vector
// CHECK: gpu.return
func.func @early_affine(%x: tensor<?x16384xbf16>, %a: tensor<16384xbf16>, %b: tensor<16384xbf16>) -> tensor<?x16384xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 256, rows_per_block = 1, vector_width = 8, cross_warp = transpose>) : tensor<?x16384xbf16>
  %y = walsh.affine %t mul(%a : tensor<16384xbf16>) add(%b : tensor<16384xbf16>) : tensor<?x16384xbf16>
  return %y : tensor<?x16384xbf16>
}

// -----

// Elsewhere every vector of a and b is loaded in the epilogue (d = 8192:
// loading them early lost, run254).
// CHECK-LABEL: gpu.func @late_affine(
// CHECK-NOT: memref<8192xbf16>, vector
// CHECK: scf.if
// CHECK-COUNT-16: vector.load %{{.*}} : memref<8192xbf16>, vector<8xbf16>
// CHECK-NOT: memref<8192xbf16>, vector
// CHECK: gpu.return
func.func @late_affine(%x: tensor<?x8192xbf16>, %a: tensor<8192xbf16>, %b: tensor<8192xbf16>) -> tensor<?x8192xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 128, rows_per_block = 1, vector_width = 8, cross_warp = transpose>) : tensor<?x8192xbf16>
  %y = walsh.affine %t mul(%a : tensor<8192xbf16>) add(%b : tensor<8192xbf16>) : tensor<?x8192xbf16>
  return %y : tensor<?x8192xbf16>
}

// -----

// The split layout with H_m on tensor cores ('vector_width' = 8): bf16 d =
// 9216 = 36 x 256, four dense indices a warp (288 threads). H_m's
// fragments (3 x 3 blocks of 16 x 16, 36 padded to 48) are a module
// constant, loaded into 36 registers (three blocks fit, none read from
// shared memory); a and b are copied into rows of 256 + 8, the row
// buffer's padding (dense indices 36 ... 47) zeroed; each warp's tiles (four stage-1 mma each)
// go to the row buffer as bf16 words; after a barrier each item of 16
// positions takes three ldmatrix.x4.trans (one a block of 16 dense
// indices) and 3 x 3 x 2 mma, then for each block of 16 outputs the
// affine, stmatrix into the warp's staging area and one 16-byte store a
// lane (the last block's rows past 36 not stored).
// CHECK: llvm.mlir.global internal constant @walsh_hm36_bf16({{.*}} : tensor<1152xi32>)
// CHECK-LABEL: gpu.func @split_hm(
// CHECK: vector.store %{{.*}} : memref<19008xbf16, #gpu.address_space<workgroup>>, vector<8xbf16>
// CHECK-COUNT-36: llvm.load %{{.*}} : !llvm.ptr<1> -> i32
// CHECK: vector.store %{{.*}} : memref<6144xi32, #gpu.address_space<workgroup>>, vector<4xi32>
// CHECK: scf.for
// 'row_iters' = 3: the rows three grids on prefetched into L2.
// CHECK: arith.muli %grid_dim_x, %c3{{.*}} : index
// CHECK: llvm.inline_asm has_side_effects "prefetch.global.L2 [$0];", "l"
// CHECK-COUNT-16: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK-COUNT-4: vector.store %{{.*}} : memref<6144xi32, #gpu.address_space<workgroup>>, vector<4xi32>
// CHECK: gpu.barrier
// CHECK: scf.for
// CHECK: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// CHECK-NOT: xi32, #gpu.address_space<workgroup>>, vector<4xi32>
// CHECK-COUNT-6: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// CHECK-COUNT-6: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// CHECK-COUNT-6: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK-NOT: mma.sync
// CHECK: scf.if
// The affine: a's pair of bf16 values (b's 36 x (256 + 8) = 9504 on), one
// 4-byte word, widened by a shift and a mask (no conversion).
// CHECK-NOT: arith.extf
// CHECK: %[[AP:.*]] = vector.load %{{.*}} : memref<19008xbf16, #gpu.address_space<workgroup>>, vector<2xbf16>
// CHECK-NEXT: %[[AV:.*]] = vector.bitcast %[[AP]] : vector<2xbf16> to vector<1xi32>
// CHECK-NEXT: %[[AW:.*]] = vector.extract %[[AV]][0] : i32 from vector<1xi32>
// CHECK: arith.shli %[[AW]], %c16{{.*}} : i32
// CHECK: arith.andi %[[AW]], %c-65536{{.*}} : i32
// CHECK: arith.addi %{{.*}}, %c9504{{.*}} : index
// CHECK-NEXT: vector.load %{{.*}} : memref<19008xbf16, #gpu.address_space<workgroup>>, vector<2xbf16>
// CHECK-NOT: arith.extf
// CHECK: stmatrix.sync.aligned.m8n8.x4.shared.b16
// CHECK: vector.store %{{.*}} : memref<?x9216xbf16, {{.*}}>, vector<8xbf16>
// CHECK: stmatrix.sync.aligned.m8n8.x4.shared.b16
// CHECK: vector.store %{{.*}} : memref<?x9216xbf16, {{.*}}>, vector<8xbf16>
// CHECK: stmatrix.sync.aligned.m8n8.x4.shared.b16
// CHECK: scf.if
// CHECK: vector.store %{{.*}} : memref<?x9216xbf16, {{.*}}>, vector<8xbf16>
// CHECK: gpu.barrier
// CHECK: gpu.return
func.func @split_hm(%x: tensor<?x9216xbf16>, %a: tensor<9216xbf16>, %b: tensor<9216xbf16>) -> tensor<?x9216xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 288, rows_per_block = 1, vector_width = 8, cross_warp = mma, row_iters = 3>) : tensor<?x9216xbf16>
  %y = walsh.affine %t mul(%a : tensor<9216xbf16>) add(%b : tensor<9216xbf16>) : tensor<?x9216xbf16>
  return %y : tensor<?x9216xbf16>
}

// -----

// Three blocks of 16 dense indices (18432 = 36 x 512), whole items (three
// block rows are too few for stationary warps, nine blocks too many for
// registers): H_m's fragments (1152 words) copied into shared memory once
// and read from there, one 16-byte load a block and use.
// No L2 prefetch of the rows ahead with 'row_iters' = 1.
// CHECK-LABEL: gpu.func @split_hm_shared(
// CHECK-NOT: prefetch.global.L2
// CHECK: llvm.load %{{.*}} : !llvm.ptr<1> -> i32
// CHECK: memref.store %{{.*}} : memref<1152xi32, #gpu.address_space<workgroup>>
// CHECK: gpu.barrier
// CHECK: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// CHECK-COUNT-3: vector.load %{{.*}} : memref<1152xi32, #gpu.address_space<workgroup>>, vector<4xi32>
// CHECK: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
func.func @split_hm_shared(%x: tensor<?x18432xbf16>) -> tensor<?x18432xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 576, rows_per_block = 1, vector_width = 8, cross_warp = mma>) : tensor<?x18432xbf16>
  return %t : tensor<?x18432xbf16>
}

// -----

// Two row buffers (mmaSplitHmTwoRows): 11264 = 44 x 256 over 11 warps, 16
// items (the last round five), 32 values a thread, with a and b. The
// padding (dense indices 44-47: 128 chunks) zeroed in both 6144-word
// buffers; a row's pieces go to buffer (iteration & 1), its ldmatrix read
// there, and no barrier follows the m-point stage.
// CHECK-LABEL: gpu.func @split_hm_two_rows(
// CHECK-SAME: walsh.shared_bytes = 101248 : i64
// CHECK: memref<12288xi32, #gpu.address_space<workgroup>>
// CHECK: %[[P0:.*]] = arith.addi %c5632{{.*}}, %{{.*}} : index
// CHECK-NEXT: vector.store %{{.*}}[%[[P0]]] : memref<12288xi32
// CHECK: %[[P1:.*]] = arith.addi %c11776{{.*}}, %{{.*}} : index
// CHECK-NEXT: vector.store %{{.*}}[%[[P1]]] : memref<12288xi32
// CHECK: scf.for %[[IT:.*]] = %{{.*}} to
// CHECK: %[[PAR:.*]] = arith.andi %[[IT]], %c1{{.*}} : index
// CHECK-NEXT: %c6144 = arith.constant 6144 : index
// CHECK-NEXT: %[[BUF:.*]] = arith.muli %[[PAR]], %c6144 : index
// CHECK: %[[AT:.*]] = arith.addi %{{.*}}, %[[BUF]] : index
// CHECK: vector.store %{{.*}}[%[[AT]]] : memref<12288xi32, #gpu.address_space<workgroup>>, vector<4xi32>
// CHECK: gpu.barrier
// CHECK: scf.for
// CHECK: arith.addi %{{.*}}, %[[BUF]] : index
// CHECK: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// CHECK-NOT: gpu.barrier
// CHECK: scf.yield
// CHECK-NOT: gpu.barrier
// CHECK: gpu.return
func.func @split_hm_two_rows(%x: tensor<?x11264xbf16>, %a: tensor<11264xbf16>, %b: tensor<11264xbf16>) -> tensor<?x11264xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 352, rows_per_block = 1, vector_width = 8, cross_warp = mma, row_iters = 2>) : tensor<?x11264xbf16>
  %y = walsh.affine %t mul(%a : tensor<11264xbf16>) add(%b : tensor<11264xbf16>) : tensor<?x11264xbf16>
  return %y : tensor<?x11264xbf16>
}

// -----

// The same rows without a and b keep one buffer and the barrier after the
// m-point stage (runs 400-401 measured two buffers with the affine only).
// CHECK-LABEL: gpu.func @split_hm_one_row_plain(
// CHECK-NOT: memref<12288xi32
// CHECK: memref<6144xi32, #gpu.address_space<workgroup>>
// CHECK: scf.for
// CHECK: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// CHECK: gpu.barrier
// CHECK-NEXT: scf.yield
func.func @split_hm_one_row_plain(%x: tensor<?x11264xbf16>) -> tensor<?x11264xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 352, rows_per_block = 1, vector_width = 8, cross_warp = mma, row_iters = 2>) : tensor<?x11264xbf16>
  return %t : tensor<?x11264xbf16>
}

// -----

// Past 512 threads (a thread held to 80 registers: 22528 = 44 x 512 over
// 704, 32 items over 22 warps, 10 in the last round) one buffer with a and
// b too (two spilled and lost, run403): 48 x 512 bf16 values, 12288 words.
// CHECK-LABEL: gpu.func @split_hm_one_row_704(
// CHECK-NOT: memref<24576xi32
// CHECK: memref<12288xi32, #gpu.address_space<workgroup>>
// CHECK: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// CHECK: gpu.barrier
// CHECK-NEXT: scf.yield
func.func @split_hm_one_row_704(%x: tensor<?x22528xbf16>, %a: tensor<22528xbf16>, %b: tensor<22528xbf16>) -> tensor<?x22528xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 704, rows_per_block = 1, vector_width = 8, cross_warp = mma>) : tensor<?x22528xbf16>
  %y = walsh.affine %t mul(%a : tensor<22528xbf16>) add(%b : tensor<22528xbf16>) : tensor<?x22528xbf16>
  return %y : tensor<?x22528xbf16>
}

// -----

// bf16 rows of 13312 over 13 warps: each warp on one block row of H_m
// (warps 0-2 block row 0, ... 9-11 row 3, warp 12 none: min(w / 3, 3),
// first item w % 3, or 16 past the last), its four blocks' fragments
// loaded once (16 words from global memory, none in shared memory: the
// layout's 8192 words are the row's bf16 pieces); after the barrier items
// w % 3, + 3, ... three at a time (the loop steps by 9; the second and
// third item clamped to the first past 16): 3 x 4 ldmatrix and 3 x 4 x 2
// mma, then each item's affine, stmatrix and stores, the second and
// third under their own test, rows past 52 not stored.
// CHECK-LABEL: gpu.func @split_hm_stationary(
// CHECK: arith.minui %{{.*}}, %c3{{.*}} : index
// CHECK: arith.select %{{.*}}, %{{.*}}, %c16 : index
// CHECK-COUNT-16: llvm.load %{{.*}} : !llvm.ptr<1> -> i32
// CHECK-NOT: llvm.load
// CHECK-NOT: memref<2048xi32
// CHECK: gpu.barrier
// CHECK: scf.for %{{.*}} = %{{.*}} to %c16{{.*}} step %c9 {
// CHECK-COUNT-12: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// CHECK-NOT: ldmatrix
// CHECK-NOT: vector.load %{{.*}}xi32
// CHECK: scf.if
// CHECK-COUNT-4: arith.minui %{{.*}}, %c51{{.*}} : index
// CHECK: stmatrix.sync.aligned.m8n8.x4.shared.b16
// CHECK: scf.if
// CHECK: vector.store %{{.*}} : memref<?x13312xbf16, {{.*}}>, vector<8xbf16>
// CHECK: scf.if
// CHECK: stmatrix.sync.aligned.m8n8.x4.shared.b16
// CHECK: scf.if
// CHECK: stmatrix.sync.aligned.m8n8.x4.shared.b16
// CHECK-NOT: stmatrix
// CHECK: gpu.barrier
func.func @split_hm_stationary(%x: tensor<?x13312xbf16>) -> tensor<?x13312xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 416, rows_per_block = 1, vector_width = 8, cross_warp = mma>) : tensor<?x13312xbf16>
  return %t : tensor<?x13312xbf16>
}

// -----

// f16 rows: one f16 piece of each value, z / 16 C (|z| <= 16 C max|x|
// after stage 2's Y / 16, so it cannot overflow; C = 1 here): z times
// 1/16, packed by cvt.rn.f16x2 into the row buffer (8192 words: one
// padded piece, not a bf16 hi and lo), H_m's fragments in f16 (the warp's
// block row, stationary), then ldmatrix and f16 mma only, the output
// scale times 16 (1/sqrt(13312) * 16 * 16 = 2.2188...: stage 2's 16 and
// this one), f16 outputs.
// CHECK-LABEL: gpu.func @split_hm_f16(
// CHECK: llvm.mlir.addressof @walsh_hm52_f16
// CHECK: vector.store %{{.*}} : memref<8192xi32, #gpu.address_space<workgroup>>, vector<4xi32>
// CHECK: %[[Z:.*]] = arith.mulf %{{.*}}, %[[DOWN:.*]] : f32
// CHECK: arith.mulf %{{.*}}, %[[DOWN]] : f32
// CHECK: cvt.rn.f16x2.f32 $0, $1, $2;", "=r,f,f" %[[Z]]
// CHECK: vector.store %{{.*}} : memref<8192xi32, #gpu.address_space<workgroup>>, vector<4xi32>
// CHECK-NOT: memref<16384xi32
// CHECK: gpu.barrier
// CHECK: arith.constant dense<2.2188{{[0-9]*}}> : vector<2xf32>
// CHECK: scf.for
// CHECK: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// CHECK: mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// CHECK-NOT: bf16.bf16
// CHECK: stmatrix.sync.aligned.m8n8.x4.shared.b16
// CHECK: vector.store %{{.*}} : memref<?x13312xf16, {{.*}}>, vector<8xf16>
func.func @split_hm_f16(%x: tensor<?x13312xf16>) -> tensor<?x13312xf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 416, rows_per_block = 1, vector_width = 8, cross_warp = mma>) : tensor<?x13312xf16>
  return %t : tensor<?x13312xf16>
}

// -----

// f16 rows to f16 at 14336 (28 x 512, its default): stage 1's fragments
// are ±1/16 (f16 0x2C00 = 11264; stage 2's ±1, 0x3C00 = 15360), so that
// the tiles' first mma gives Y / 16 and its accumulators go to the f16
// pack with no multiply (stage1Sixteenth: the sizes where that measured
// faster, run473).
// CHECK-LABEL: gpu.func @split_f16_sixteenth(
// CHECK: arith.constant 11264 : i32
// CHECK: arith.constant 15360 : i32
// CHECK: mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// CHECK-NOT: arith.mulf
// CHECK: cvt.rn.f16x2.f32
func.func @split_f16_sixteenth(%x: tensor<?x14336xf16>, %a: tensor<14336xf16>, %b: tensor<14336xf16>) -> tensor<?x14336xf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 448, rows_per_block = 1, vector_width = 8, cross_warp = mma, row_iters = 2>) : tensor<?x14336xf16>
  %y = walsh.affine %t mul(%a : tensor<14336xf16>) add(%b : tensor<14336xf16>) : tensor<?x14336xf16>
  return %y : tensor<?x14336xf16>
}

// -----

// Elsewhere (10240 = 20 x 512, where ±1/16 lost: run473) stage 1's
// fragments are ±1 and its accumulators are multiplied by 1/16 before the
// pack.
// CHECK-LABEL: gpu.func @split_f16_not_sixteenth(
// CHECK-NOT: arith.constant 11264 : i32
// CHECK: mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// CHECK: arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK: cvt.rn.f16x2.f32
func.func @split_f16_not_sixteenth(%x: tensor<?x10240xf16>, %a: tensor<10240xf16>, %b: tensor<10240xf16>) -> tensor<?x10240xf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 320, rows_per_block = 1, vector_width = 4, cross_warp = mma>) : tensor<?x10240xf16>
  %y = walsh.affine %t mul(%a : tensor<10240xf16>) add(%b : tensor<10240xf16>) : tensor<?x10240xf16>
  return %y : tensor<?x10240xf16>
}

// f16 rows with a and b: each pair of a's (and b's) f16 values is widened
// by the conversion (f16 is no truncated fp32, so no shift and mask).
// CHECK-LABEL: gpu.func @split_hm_f16_affine(
// CHECK: stmatrix.sync.aligned.m8n8.x4.shared.b16
// CHECK: vector.load %{{.*}} : memref<{{[0-9]+}}xf16, #gpu.address_space<workgroup>>, vector<2xf16>
// CHECK-NEXT: arith.extf %{{.*}} : vector<2xf16> to vector<2xf32>
// CHECK-NOT: arith.andi %{{.*}}, %c-65536
// CHECK: stmatrix.sync.aligned.m8n8.x4.shared.b16
func.func @split_hm_f16_affine(%x: tensor<?x13312xf16>, %a: tensor<13312xf16>, %b: tensor<13312xf16>) -> tensor<?x13312xf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 416, rows_per_block = 1, vector_width = 8, cross_warp = mma>) : tensor<?x13312xf16>
  %y = walsh.affine %t mul(%a : tensor<13312xf16>) add(%b : tensor<13312xf16>) : tensor<?x13312xf16>
  return %y : tensor<?x13312xf16>
}

// -----

// The split layout on tensor cores of a power-of-two d (cross_warp = mma
// over 128 threads or more): bf16 d = 1024 over 128 threads is H_4 (x)
// H_256, M = 4 warps a row, warp w the row's w-th quarter as one tile (four
// mma: stage 1 and 2, two n-tiles each); the row's fp32 copy and a and b
// in shared memory (4096 + 2 x 2048 bytes); after a barrier each thread
// takes pairs of positions with all four quarters: H_4 as its two radix-2
// levels (no sign program), then the scale and affine, 4-byte stores.
// CHECK-LABEL: gpu.func @split_pow2(
// CHECK-SAME: known_block_size = array<i32: 128, 1, 1>
// CHECK-SAME: walsh.shared_bytes = 8192
// CHECK: memref.view {{.*}} to memref<1024xf32, #gpu.address_space<workgroup>>
// CHECK: memref.view {{.*}} to memref<2048xbf16, #gpu.address_space<workgroup>>
// CHECK-COUNT-2: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK-COUNT-2: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK-NOT: mma.sync
// CHECK: gpu.barrier
// CHECK: scf.for
// CHECK-COUNT-4: vector.load %{{.*}} : memref<1024xf32, #gpu.address_space<workgroup>>, vector<2xf32>
// CHECK: %[[S0:.*]] = arith.addf %[[X0:.*]], %[[X1:.*]] : f32
// CHECK-NEXT: %[[D0:.*]] = arith.subf %[[X0]], %[[X1]] : f32
// CHECK-NEXT: %[[S1:.*]] = arith.addf %[[X2:.*]], %[[X3:.*]] : f32
// CHECK-NEXT: %[[D1:.*]] = arith.subf %[[X2]], %[[X3]] : f32
// CHECK-NEXT: arith.addf %[[S0]], %[[S1]] : f32
// CHECK-NEXT: arith.subf %[[S0]], %[[S1]] : f32
// CHECK-NEXT: arith.addf %[[D0]], %[[D1]] : f32
// CHECK-NEXT: arith.subf %[[D0]], %[[D1]] : f32
// CHECK: scf.if
// CHECK-COUNT-4: vector.store %{{.*}} : memref<?x1024xbf16, {{.*}}>, vector<2xbf16>
// CHECK: gpu.barrier
func.func @split_pow2(%x: tensor<?x1024xbf16>, %a: tensor<1024xbf16>, %b: tensor<1024xbf16>) -> tensor<?x1024xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 8, threads_per_row = 128, rows_per_block = 1, vector_width = 4, cross_warp = mma>) : tensor<?x1024xbf16>
  %y = walsh.affine %t mul(%a : tensor<1024xbf16>) add(%b : tensor<1024xbf16>) : tensor<?x1024xbf16>
  return %y : tensor<?x1024xbf16>
}

// -----

// 16-bit 16384 as H_16 (x) H_1024 (sixteen warps) with 'row_iters' = 2
// (its default): each iteration of the row loop first prefetches into L2
// the row two grids on (its 256 lines over the row's first 256 threads),
// before the next row's loads into registers and the tensor-core stages.
// CHECK-LABEL: gpu.func @split_pow2_l2(
// CHECK: scf.for
// CHECK: arith.muli %grid_dim_x, %c2{{.*}} : index
// CHECK: scf.if
// CHECK: scf.if
// CHECK: llvm.inline_asm has_side_effects "prefetch.global.L2 [$0];", "l"
// CHECK-NOT: prefetch.global.L2
// CHECK: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK-NOT: prefetch.global.L2
// CHECK: gpu.return
func.func @split_pow2_l2(%x: tensor<?x16384xbf16>, %a: tensor<16384xbf16>, %b: tensor<16384xbf16>) -> tensor<?x16384xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 512, rows_per_block = 1, vector_width = 4, cross_warp = mma, row_iters = 2>) : tensor<?x16384xbf16>
  %y = walsh.affine %t mul(%a : tensor<16384xbf16>) add(%b : tensor<16384xbf16>) : tensor<?x16384xbf16>
  return %y : tensor<?x16384xbf16>
}

// -----

// 16-bit 32768 as H_16 (x) H_2048: the row's fp32 copy (128 KB) and a and
// b (another 128 KB) would pass the most shared memory a block may have,
// so a and b are read from global memory where they are used, each bf16
// pair widened by a shift and a mask of its 4-byte word.
// No L2 prefetch of the rows ahead with 'row_iters' = 1.
// CHECK-LABEL: gpu.func @split_pow2_global(
// CHECK-SAME: known_block_size = array<i32: 512, 1, 1>
// CHECK-SAME: walsh.shared_bytes = 131072
// CHECK-NOT: prefetch.global.L2
// CHECK: memref.view {{.*}} to memref<32768xf32, #gpu.address_space<workgroup>>
// CHECK-NOT: memref.view
// CHECK: gpu.barrier
// CHECK: scf.if
// CHECK: %[[AP:.*]] = vector.load %arg2[%{{.*}}] : memref<32768xbf16>, vector<2xbf16>
// CHECK-NEXT: %[[AV:.*]] = vector.bitcast %[[AP]] : vector<2xbf16> to vector<1xi32>
// CHECK-NEXT: %[[AW:.*]] = vector.extract %[[AV]][0] : i32 from vector<1xi32>
// CHECK: arith.shli %[[AW]], %c16{{.*}} : i32
// CHECK: arith.andi %[[AW]], %c-65536{{.*}} : i32
// CHECK: vector.load %arg3[%{{.*}}] : memref<32768xbf16>, vector<2xbf16>
// CHECK-NEXT: vector.bitcast
func.func @split_pow2_global(%x: tensor<?x32768xbf16>, %a: tensor<32768xbf16>, %b: tensor<32768xbf16>) -> tensor<?x32768xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 512, rows_per_block = 1, vector_width = 4, cross_warp = mma>) : tensor<?x32768xbf16>
  %y = walsh.affine %t mul(%a : tensor<32768xbf16>) add(%b : tensor<32768xbf16>) : tensor<?x32768xbf16>
  return %y : tensor<?x32768xbf16>
}

// -----

// With 'vector_width' = 8, H_M on tensor cores: Sylvester's H_8 (H_1 (x)
// H_8) as the module's fragments, padded to one block of 16, no blocks a
// multiprocessor asked of ptxas.
// CHECK: llvm.mlir.global internal constant @walsh_hm1x8_bf16(
// CHECK-LABEL: gpu.func @split_pow2_hm(
// CHECK-SAME: known_block_size = array<i32: 256, 1, 1>, walsh.row_lanes = {{[0-9]+}} : i64, walsh.rows_per_block
// CHECK-NOT: prefetch.global.L2
// CHECK: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// CHECK: stmatrix.sync.aligned.m8n8.x4.shared.b16
func.func @split_pow2_hm(%x: tensor<?x8192xbf16>) -> tensor<?x8192xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 256, rows_per_block = 1, vector_width = 8, cross_warp = mma>) : tensor<?x8192xbf16>
  return %t : tensor<?x8192xbf16>
}

// -----

// The grouped layout at g = 2 (the half layout): d = 768 = 12 * 64 in
// bf16, one element of 6 dense indices a thread (elems_per_thread = m /
// 2), 128 threads a row in two groups of 64, two rows a block. The row's
// slot, the thread's place t in its group and the group `sub`, whose
// elements start at sub * 6 * 64. The 2^6 levels (five shuffle levels, one
// round trip across the group's two warps), then each group's block of
// H_12's columns in a switch (26 and 25 additions), the other group's six
// sums to shared memory at that group's elements ((sub + 1) % 2 * 384 in
// place of sub * 384, past the row's 768), one barrier, the thread's own
// six read back and added; the affine, 1-element stores.
// CHECK-LABEL: gpu.func @half(
// CHECK-SAME: known_block_size = array<i32: 256, 1, 1>
// CHECK-SAME: walsh.rows_per_block = 2 : i64, walsh.shared_bytes = 6144 : i64
// CHECK: %[[TID:.*]] = gpu.thread_id x
// CHECK: %[[IN:.*]] = arith.remui %[[TID]], %c128
// CHECK: %[[SLOT:.*]] = arith.divui %[[TID]], %c128
// CHECK: arith.remui %[[IN]], %c64
// CHECK: %[[SUB:.*]] = arith.divui %[[IN]], %c64
// CHECK: %[[ABASE:.*]] = arith.muli %[[SUB]], %c384
// CHECK-COUNT-6: vector.load %{{.*}} : memref<?x768xbf16, strided<[?, 1], offset: ?>>, vector<1xbf16>
// CHECK-COUNT-6: gpu.shuffle  xor %{{.*}}, %c1_i32
// CHECK-COUNT-6: gpu.shuffle  xor %{{.*}}, %c16_i32
// CHECK-NOT: gpu.shuffle
// CHECK-COUNT-6: memref.store %{{.*}} : memref<1536xf32, #gpu.address_space<workgroup>>
// CHECK: gpu.barrier
// CHECK: gpu.barrier
// CHECK: %[[SUMS:.*]]:12 = scf.index_switch %[[SUB]] -> f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32
// CHECK-NEXT: case 0 {
// CHECK-COUNT-26: arith.{{addf|subf|negf}}
// CHECK: scf.yield
// CHECK: default {
// CHECK-COUNT-25: arith.{{addf|subf|negf}}
// CHECK: scf.yield
// CHECK: %[[ROW:.*]] = arith.muli %[[SLOT]], %c768
// CHECK: %[[NEXT:.*]] = arith.addi %[[SUB]], %c1
// CHECK: %[[TO:.*]] = arith.remui %[[NEXT]], %c2
// CHECK: %[[TOBASE:.*]] = arith.muli %[[TO]], %c384
// CHECK: %[[DELTA:.*]] = arith.subi %[[TOBASE]], %[[ABASE]]
// CHECK: %[[PLANE:.*]] = arith.addi %[[ROW]], %c0
// CHECK: %[[BASE:.*]] = arith.addi %[[PLANE]], %[[DELTA]]
// CHECK: %[[AT:.*]] = arith.addi %[[BASE]], %{{.*}}
// CHECK: memref.store %[[SUMS]]#6, %{{.*}}[%[[AT]]]
// CHECK-COUNT-5: memref.store %[[SUMS]]#{{[0-9]+}}
// CHECK-NEXT: gpu.barrier
// CHECK-NOT: gpu.barrier
// CHECK: memref.load
// CHECK-NEXT: arith.addf %[[SUMS]]#0, %{{.*}} : f32
// CHECK-COUNT-6: vector.store %{{.*}} : memref<?x768xbf16, strided<[?, 1], offset: ?>>, vector<1xbf16>
// CHECK: gpu.return
func.func @half(%x: tensor<?x768xbf16>, %a: tensor<768xbf16>, %b: tensor<768xbf16>) -> tensor<?x768xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 6, threads_per_row = 128, rows_per_block = 2, vector_width = 1, cross_warp = shared>) : tensor<?x768xbf16>
  %y = walsh.affine %t mul(%a : tensor<768xbf16>) add(%b : tensor<768xbf16>) : tensor<?x768xbf16>
  return %y : tensor<?x768xbf16>
}

// -----

// The grouped layout at g = 4: d = 768, one element of 3 dense indices a
// thread over 256 threads, four groups of 64. A switch of four cases
// yields each group's sums (its own first), the three others' go to three
// planes of 768 floats (plane k at the elements of group (sub + 1 + k) %
// 4), one barrier, the three planes added at the thread's own elements.
// CHECK-LABEL: gpu.func @quarter(
// CHECK-SAME: known_block_size = array<i32: 256, 1, 1>
// CHECK-SAME: walsh.rows_per_block = 1 : i64, walsh.shared_bytes = 9216 : i64
// CHECK: %[[SUB:.*]] = arith.divui %{{.*}}, %c64
// CHECK: %[[ABASE:.*]] = arith.muli %[[SUB]], %c192
// CHECK: %[[SUMS:.*]]:12 = scf.index_switch %[[SUB]]
// CHECK: case 0 {
// CHECK: case 1 {
// CHECK: case 2 {
// CHECK: default {
// CHECK: arith.addi %[[SUB]], %c1
// CHECK: arith.remui %{{.*}}, %c4
// CHECK-COUNT-3: memref.store %[[SUMS]]#{{[3-5]}}, %{{.*}} : memref<2304xf32, #gpu.address_space<workgroup>>
// CHECK: arith.addi %[[SUB]], %c2
// CHECK-COUNT-3: memref.store %[[SUMS]]#{{[6-8]}}, %{{.*}} : memref<2304xf32, #gpu.address_space<workgroup>>
// CHECK: arith.addi %[[SUB]], %c3
// CHECK-COUNT-3: memref.store %[[SUMS]]#{{9|10|11}}, %{{.*}} : memref<2304xf32, #gpu.address_space<workgroup>>
// CHECK-NEXT: gpu.barrier
// CHECK-NOT: gpu.barrier
// CHECK: %[[A:.*]] = memref.load
// CHECK-NEXT: %[[S1:.*]] = arith.addf %[[SUMS]]#0, %[[A]] : f32
// CHECK: %[[B:.*]] = memref.load
// CHECK-NEXT: %[[S2:.*]] = arith.addf %[[S1]], %[[B]] : f32
// CHECK: %[[C:.*]] = memref.load
// CHECK-NEXT: arith.addf %[[S2]], %[[C]] : f32
// CHECK: gpu.return
func.func @quarter(%x: tensor<?x768xf32>) -> tensor<?x768xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 3, threads_per_row = 256, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x768xf32>
  return %t : tensor<?x768xf32>
}

// -----

// The grouped layout with 'cluster' = 3: d = 768 (12 x 64) in fp32, two
// groups of 64 threads, each of the cluster's three blocks the whole row
// and H_12's output block rank (4 of the 12 dense indices, 2 a thread).
// The block's rank is bid % 3 and its row bid / 3; no cluster barrier or
// distributed shared memory; a and b loaded at the thread's outputs, (rank
// * 4 + sub * 2) * 64; a switch of six cases (rank * 2 + sub) yields 4
// sums, 2 go to the other group's plane, one barrier, 2 stores.
// CHECK-LABEL: gpu.func @grouped_cluster(
// CHECK-SAME: known_block_size = array<i32: 128, 1, 1>
// CHECK-NOT: nvvm.cluster
// CHECK: %[[BID:.*]] = gpu.block_id  x
// CHECK: %[[RANK:.*]] = arith.remui %[[BID]], %c3
// CHECK: %[[ROWB:.*]] = arith.divui %[[BID]], %c3
// CHECK: %[[SUB:.*]] = arith.divui %{{.*}}, %c64
// CHECK: %[[SUBOUT:.*]] = arith.muli %[[SUB]], %c2
// CHECK: %[[RANKOUT:.*]] = arith.muli %[[RANK]], %c4
// CHECK: %[[FIRST:.*]] = arith.addi %[[RANKOUT]], %[[SUBOUT]]
// CHECK: %[[OUTBASE:.*]] = arith.muli %[[FIRST]], %c64
// CHECK: %[[AT:.*]] = arith.addi %{{.*}}, %[[OUTBASE]]
// CHECK-NEXT: vector.load %arg2[%[[AT]]] : memref<768xf32>
// CHECK: arith.muli %[[ROWB]], %c1
// CHECK-COUNT-6: vector.load %arg0
// CHECK: %[[CASES:.*]] = arith.muli %[[RANK]], %c2
// CHECK: %[[WHICH:.*]] = arith.addi %[[CASES]], %[[SUB]]
// CHECK: %[[SUMS:.*]]:4 = scf.index_switch %[[WHICH]] -> f32, f32, f32, f32
// Case r * 2 + h runs row block r's program on column block h: block 0's
// (cases 0, 1) negates a sum, block 1's (cases 2, 3) none.
// CHECK: case 0 {
// CHECK: arith.negf
// CHECK: case 2 {
// CHECK-NOT: arith.negf
// CHECK: case 3 {
// CHECK: case 4 {
// CHECK: default {
// CHECK-COUNT-2: memref.store %[[SUMS]]#{{2|3}}, %{{.*}} : memref<768xf32, #gpu.address_space<workgroup>>
// CHECK-NEXT: gpu.barrier
// CHECK-NOT: gpu.barrier
// CHECK-COUNT-2: vector.store %{{.*}}, %arg1
// CHECK-NOT: vector.store
// CHECK-NOT: nvvm.cluster
// CHECK: gpu.return
func.func @grouped_cluster(%x: tensor<?x768xf32>, %a: tensor<768xf32>, %b: tensor<768xf32>) -> tensor<?x768xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 6, threads_per_row = 128, rows_per_block = 1, vector_width = 1, cross_warp = shared, cluster = 3>) : tensor<?x768xf32>
  %y = walsh.affine %t mul(%a : tensor<768xf32>) add(%b : tensor<768xf32>) : tensor<?x768xf32>
  return %y : tensor<?x768xf32>
}

// -----

// fp32 rows in the split layout on tensor cores (cross_warp = mma,
// gpuSplitHmMma32): 26624 = 52 x 512 over 416 threads, four dense indices
// a warp, eight lanes each (64 values a thread, registers and shuffles).
// The row (106496 bytes), then H_m's 16 fragment blocks (2048 words)
// copied once a block before the persistent loop over row groups, each
// prefetching the row two grids on ('row_iters' = 2) into L2; the row's
// 16-byte writes, XORed by its dense index's Gray term (the pieces'
// XOR, then the row's); one barrier; the 13 warps take the 64 n-tiles of
// 8 positions in turn: each tile first a's and b's pairs of its 7 output
// half-blocks (rows 0-55: 416 threads leave 152 registers a thread), then
// four 4-value loads and 6 bf16 pieces a block column (24 cvt), 48
// mma.sync (4 x 4 blocks, three pieces), the affine on pairs and 8-byte
// stores; a barrier before the next row.
// CHECK-LABEL: gpu.func @split_f32_mma(
// CHECK-SAME: walsh.rows_per_block = 1 : i64, walsh.shared_bytes = 114688 : i64
// CHECK: memref.view %{{.*}}[%c106496{{.*}}][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<2048xi32, #gpu.address_space<workgroup>>
// CHECK: memref.store %{{.*}} : memref<2048xi32
// CHECK: gpu.grid_dim x
// CHECK: scf.for
// CHECK: prefetch.global.L2
// CHECK: %[[GRAY:.*]] = arith.shli %{{.*}}, %c3{{.*}} : index
// CHECK: %[[PIECE:.*]] = arith.xori %{{.*}}, %{{.*}} : index
// CHECK-NEXT: %[[AT:.*]] = arith.xori %[[PIECE]], %[[GRAY]] : index
// CHECK-NEXT: vector.store %{{.*}}, %{{.*}}[%[[AT]]] : memref<28672xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK: gpu.barrier
// CHECK: scf.for %{{.*}} = %{{.*}} to %c64{{.*}} step %c13
// CHECK-COUNT-14: vector.load %{{.*}} : memref<26624xf32>, vector<2xf32>
// CHECK-NOT: vector.load %{{.*}} : memref<26624xf32>
// CHECK-COUNT-4: memref.load %{{.*}} : memref<28672xf32, #gpu.address_space<workgroup>>
// CHECK-COUNT-6: cvt.rn.bf16x2.f32
// CHECK: vector.load %{{.*}} : memref<2048xi32, #gpu.address_space<workgroup>>, vector<4xi32>
// CHECK-COUNT-48: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK-NOT: mma.sync
// CHECK: vector.store %{{.*}} : memref<?x26624xf32, strided<[?, 1], offset: ?>>, vector<2xf32>
// CHECK: gpu.barrier
// CHECK-NEXT: }
// CHECK: gpu.return
func.func @split_f32_mma(%x: tensor<?x26624xf32>, %a: tensor<26624xf32>, %b: tensor<26624xf32>) -> tensor<?x26624xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 416, rows_per_block = 1, vector_width = 4, cross_warp = mma, row_iters = 2>) : tensor<?x26624xf32>
  %y = walsh.affine %t mul(%a : tensor<26624xf32>) add(%b : tensor<26624xf32>) : tensor<?x26624xf32>
  return %y : tensor<?x26624xf32>
}

// -----

// Over 480 threads (30720 = 60 x 512, 136 registers a thread at most) a's
// and b's pairs are loaded where they are used, after the products.
// CHECK-LABEL: gpu.func @split_f32_mma_480(
// CHECK-SAME: walsh.shared_bytes = 131072 : i64
// CHECK: scf.for %{{.*}} = %{{.*}} to %c64{{.*}} step %c15
// CHECK-NOT: vector.load %{{.*}} : memref<30720xf32>
// CHECK: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// CHECK: scf.if
// CHECK-NEXT: vector.load %{{.*}} : memref<30720xf32>, vector<2xf32>
// CHECK-NEXT: vector.load %{{.*}} : memref<30720xf32>, vector<2xf32>
func.func @split_f32_mma_480(%x: tensor<?x30720xf32>, %a: tensor<30720xf32>, %b: tensor<30720xf32>) -> tensor<?x30720xf32> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 480, rows_per_block = 1, vector_width = 4, cross_warp = mma>) : tensor<?x30720xf32>
  %y = walsh.affine %t mul(%a : tensor<30720xf32>) add(%b : tensor<30720xf32>) : tensor<?x30720xf32>
  return %y : tensor<?x30720xf32>
}
