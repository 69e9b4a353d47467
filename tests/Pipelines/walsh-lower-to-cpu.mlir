// RUN: walsh-opt %s -walsh-lower-to-cpu | FileCheck %s

// The whole CPU pipeline ends in the LLVM dialect: vector arithmetic,
// llvm.intr.fmuladd for the in-vector levels and the epilogue, non-temporal
// stores in the _nt entry point, C-interface wrappers, no scf/vector/memref
// left.
// CHECK-LABEL: llvm.func @outproj(
// CHECK: llvm.fadd %{{.*}} : vector<8xf32>
// CHECK: llvm.fsub %{{.*}} : vector<8xf32>
// CHECK: llvm.intr.fmuladd
// CHECK-LABEL: llvm.func @_mlir_ciface_outproj(
// CHECK-LABEL: llvm.func @outproj_nt(
// CHECK: llvm.store {{.*}} {alignment = 4 : i64, nontemporal} : vector<8xf32>, !llvm.ptr
// CHECK-LABEL: llvm.func @_mlir_ciface_outproj_nt(
// CHECK-NOT: scf.
// CHECK-NOT: vector.load
// CHECK-NOT: memref.
func.func @outproj(%x: tensor<?x1024xf32>, %a: tensor<1024xf32>, %b: tensor<1024xf32>) -> tensor<?x1024xf32> {
  %t = walsh.transform %x config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = true>) : tensor<?x1024xf32>
  %y = walsh.affine %t mul(%a : tensor<1024xf32>) add(%b : tensor<1024xf32>) : tensor<?x1024xf32>
  return %y : tensor<?x1024xf32>
}
