// RUN: walsh-opt %s -split-input-file -walsh-to-stages -walsh-convert-to-gpu | FileCheck %s

// d = 768 = 12 * 64 in bf16, 8 threads per row, 16 rows per block: 16-byte
// vector loads at (c*T + t)*V, warp shuffles for the thread levels, the
// 12-point factor in registers, the epilogue and a predicated store.
// CHECK: module attributes {gpu.container_module}
// CHECK: gpu.module @walsh_kernels
// CHECK: gpu.func @outproj(%[[X:.*]]: memref<?x768xbf16, strided<[?, 1], offset: ?>>, %[[Y:.*]]: memref<?x768xbf16, strided<[?, 1], offset: ?>>, %[[A:.*]]: memref<768xbf16>, %[[B:.*]]: memref<768xbf16>) kernel
// CHECK-SAME: known_block_size = array<i32: 128, 1, 1>
// CHECK-SAME: walsh.rows_per_block = 16 : i64, walsh.shared_bytes = 0 : i64
// CHECK: gpu.thread_id x
// CHECK: gpu.block_id x
// CHECK: vector.load %[[X]][%{{.*}}, %{{.*}}] : memref<?x768xbf16, strided<[?, 1], offset: ?>>, vector<8xbf16>
// CHECK: arith.extf %{{.*}} : vector<8xbf16> to vector<8xf32>
// CHECK: gpu.shuffle  xor %{{.*}}, %{{.*}}, %{{.*}} : f32
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
// memory (one row of fp32) with barriers.
// CHECK-LABEL: gpu.func @wide(
// CHECK-SAME: walsh.rows_per_block = 1 : i64, walsh.shared_bytes = 16384 : i64
// CHECK: gpu.dynamic_shared_memory : memref<?xi8, #gpu.address_space<workgroup>>
// CHECK: memref.view
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

// d = 1 has no stages (so no config): one thread per row, 128 rows a block.
// CHECK-LABEL: gpu.func @one(
// CHECK-SAME: known_block_size = array<i32: 128, 1, 1>
// CHECK: vector.load %{{.*}} : memref<?x1xf32, strided<[?, 1], offset: ?>>, vector<1xf32>
func.func @one(%x: tensor<?x1xf32>) -> tensor<?x1xf32> {
  %t = walsh.transform %x scale(2.0) : tensor<?x1xf32>
  return %t : tensor<?x1xf32>
}
