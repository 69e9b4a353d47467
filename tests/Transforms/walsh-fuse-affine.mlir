// RUN: walsh-opt %s -walsh-fuse-affine -split-input-file | FileCheck %s

// The scale affine and the learned affine compose, then land on the last
// stage; no walsh.affine is left.
// CHECK-LABEL: func.func @scale_then_affine
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>, %[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[S0:.*]] = walsh.stage %[[X]] radix 2 stride 1 : tensor<?x4xf32>
// CHECK-NEXT: %[[S1:.*]] = walsh.stage %[[S0]] radix 2 stride 2 scale(5.000000e-01) mul(%[[A]] : tensor<4xf32>) add(%[[B]] : tensor<4xf32>) : tensor<?x4xf32>
// CHECK-NEXT: return %[[S1]]
// CHECK-NOT: walsh.affine
func.func @scale_then_affine(%x: tensor<?x4xf32>, %a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xf32>
  %2 = walsh.affine %1 scale(0.5) : tensor<?x4xf32>
  %3 = walsh.affine %2 mul(%a : tensor<4xf32>) add(%b : tensor<4xf32>) : tensor<?x4xf32>
  return %3 : tensor<?x4xf32>
}

// -----

// A stage that already has an epilogue composes with the new one:
// ((H x) * 2 + b) * 3 (.) a = (H x) * 6 (.) a + (b * 3) (.) a.
// CHECK-LABEL: func.func @compose_with_existing_epilogue
// CHECK-SAME: (%[[X:.*]]: tensor<2x24xbf16>, %[[A:.*]]: tensor<24xbf16>, %[[B:.*]]: tensor<24xbf16>)
// CHECK-DAG: %[[THREE:.*]] = arith.constant dense<3.000000e+00> : tensor<24xbf16>
// CHECK-DAG: %[[BS:.*]] = arith.mulf %[[B]], %[[THREE]] : tensor<24xbf16>
// CHECK: %[[BSA:.*]] = arith.mulf %[[BS]], %[[A]] : tensor<24xbf16>
// CHECK: %[[R:.*]] = walsh.stage %[[X]] radix 12 stride 2 transpose scale(6.000000e+00) mul(%[[A]] : tensor<24xbf16>) add(%[[BSA]] : tensor<24xbf16>) : tensor<2x24xbf16>
// CHECK-NEXT: return %[[R]]
func.func @compose_with_existing_epilogue(%x: tensor<2x24xbf16>, %a: tensor<24xbf16>, %b: tensor<24xbf16>) -> tensor<2x24xbf16> {
  %0 = walsh.stage %x radix 12 stride 2 transpose scale(2.0) add(%b : tensor<24xbf16>) : tensor<2x24xbf16>
  %1 = walsh.affine %0 scale(3.0) mul(%a : tensor<24xbf16>) : tensor<2x24xbf16>
  return %1 : tensor<2x24xbf16>
}

// -----

// A stage whose result has another user is not the last stage of a chain:
// fusing would change what that user sees.
// CHECK-LABEL: func.func @shared_stage_not_fused
// CHECK: %[[S:.*]] = walsh.stage %{{.*}} radix 2 stride 1 : tensor<2x2xf32>
// CHECK: walsh.affine %[[S]] scale(2.000000e+00)
func.func @shared_stage_not_fused(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<2x2xf32>
  %1 = walsh.affine %0 scale(2.0) : tensor<2x2xf32>
  return %0, %1 : tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// An affine that does not follow a stage stays.
// CHECK-LABEL: func.func @affine_on_argument
// CHECK: walsh.affine %{{.*}} scale(2.000000e+00)
func.func @affine_on_argument(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %0 = walsh.affine %x scale(2.0) : tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
