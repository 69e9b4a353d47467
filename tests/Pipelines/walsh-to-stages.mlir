// RUN: walsh-opt %s -walsh-to-stages | FileCheck %s
// RUN: walsh-opt %s --pass-pipeline='builtin.module(walsh-to-stages)' | FileCheck %s

// The whole projection y = a (.) (H_768 x / sqrt(768)) + b ends as seven
// stages, the last carrying the scale and the affine: one pass over memory.
// CHECK-LABEL: func.func @outproj
// CHECK-SAME: (%[[X:.*]]: tensor<?x768xbf16>, %[[A:.*]]: tensor<768xbf16>, %[[B:.*]]: tensor<768xbf16>)
// CHECK-COUNT-6: walsh.stage %{{.*}} radix 2
// CHECK-NEXT: %[[R:.*]] = walsh.stage %{{.*}} radix 12 stride 64 scale(0.0360843918243516{{[0-9]*}}) mul(%[[A]] : tensor<768xbf16>) add(%[[B]] : tensor<768xbf16>) : tensor<?x768xbf16>
// CHECK-NEXT: return %[[R]]
// CHECK-NOT: walsh.transform
// CHECK-NOT: walsh.affine
func.func @outproj(%x: tensor<?x768xbf16>, %a: tensor<768xbf16>, %b: tensor<768xbf16>) -> tensor<?x768xbf16> {
  %t = walsh.transform %x : tensor<?x768xbf16>
  %y = walsh.affine %t mul(%a : tensor<768xbf16>) add(%b : tensor<768xbf16>) : tensor<?x768xbf16>
  return %y : tensor<?x768xbf16>
}

// A forward and backward transform cancel before anything is decomposed.
// CHECK-LABEL: func.func @roundtrip
// CHECK-SAME: (%[[X:.*]]: tensor<8x48xf32>)
// CHECK-NEXT: return %[[X]]
func.func @roundtrip(%x: tensor<8x48xf32>) -> tensor<8x48xf32> {
  %0 = walsh.transform %x : tensor<8x48xf32>
  %1 = walsh.transform %0 transpose : tensor<8x48xf32>
  return %1 : tensor<8x48xf32>
}
