// RUN: walsh-opt %s -walsh-align-vector-access | FileCheck %s

// Vector accesses get their vector's size as alignment; scalars keep theirs.
// CHECK-LABEL: llvm.func @f
// CHECK: llvm.load %{{.*}} {alignment = 16 : i64} : !llvm.ptr -> vector<8xbf16>
// CHECK: llvm.load %{{.*}} {alignment = 4 : i64} : !llvm.ptr -> f32
// CHECK: llvm.store %{{.*}}, %{{.*}} {alignment = 16 : i64} : vector<4xf32>, !llvm.ptr
llvm.func @f(%p: !llvm.ptr, %v: vector<4xf32>) {
  %0 = llvm.load %p {alignment = 2 : i64} : !llvm.ptr -> vector<8xbf16>
  %1 = llvm.load %p {alignment = 4 : i64} : !llvm.ptr -> f32
  llvm.store %v, %p {alignment = 4 : i64} : vector<4xf32>, !llvm.ptr
  llvm.return
}
