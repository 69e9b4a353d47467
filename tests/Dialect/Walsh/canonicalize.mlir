// RUN: walsh-opt %s -canonicalize -split-input-file | FileCheck %s

// H_64 H_64 = 64 I and the default scales (1/8 each) multiply to 1/64.
// CHECK-LABEL: func.func @involution_power_of_two
// CHECK-SAME: (%[[X:.*]]: tensor<?x64xf32>)
// CHECK-NEXT: return %[[X]]
func.func @involution_power_of_two(%x: tensor<?x64xf32>) -> tensor<?x64xf32> {
  %0 = walsh.transform %x : tensor<?x64xf32>
  %1 = walsh.transform %0 : tensor<?x64xf32>
  return %1 : tensor<?x64xf32>
}

// -----

// H_48 = H_12 (x) H_4 is not symmetric: H_48 H_48 is not a multiple of I.
// CHECK-LABEL: func.func @no_fold_nonsymmetric
// CHECK: walsh.transform
// CHECK: walsh.transform
func.func @no_fold_nonsymmetric(%x: tensor<?x48xf32>) -> tensor<?x48xf32> {
  %0 = walsh.transform %x : tensor<?x48xf32>
  %1 = walsh.transform %0 : tensor<?x48xf32>
  return %1 : tensor<?x48xf32>
}

// -----

// H_48^T H_48 = 48 I.
// CHECK-LABEL: func.func @transpose_pair_nonsymmetric
// CHECK-SAME: (%[[X:.*]]: tensor<?x48xf32>)
// CHECK-NEXT: return %[[X]]
func.func @transpose_pair_nonsymmetric(%x: tensor<?x48xf32>) -> tensor<?x48xf32> {
  %0 = walsh.transform %x : tensor<?x48xf32>
  %1 = walsh.transform %0 transpose : tensor<?x48xf32>
  return %1 : tensor<?x48xf32>
}

// -----

// Unnormalised transforms: H H = d I, a scale of 64.
// CHECK-LABEL: func.func @pair_to_scale
// CHECK-SAME: (%[[X:.*]]: tensor<?x64xf32>)
// CHECK-NEXT: %[[R:.*]] = walsh.affine %[[X]] scale(6.400000e+01) : tensor<?x64xf32>
// CHECK-NEXT: return %[[R]]
func.func @pair_to_scale(%x: tensor<?x64xf32>) -> tensor<?x64xf32> {
  %0 = walsh.transform %x scale(1.0) : tensor<?x64xf32>
  %1 = walsh.transform %0 scale(1.0) : tensor<?x64xf32>
  return %1 : tensor<?x64xf32>
}

// -----

// CHECK-LABEL: func.func @scale_after_transform
// CHECK-SAME: (%[[X:.*]]: tensor<?x64xf32>)
// CHECK-NEXT: %[[R:.*]] = walsh.transform %[[X]] scale(2.500000e-01) : tensor<?x64xf32>
// CHECK-NEXT: return %[[R]]
func.func @scale_after_transform(%x: tensor<?x64xf32>) -> tensor<?x64xf32> {
  %0 = walsh.transform %x : tensor<?x64xf32>
  %1 = walsh.affine %0 scale(2.0) : tensor<?x64xf32>
  return %1 : tensor<?x64xf32>
}

// -----

// CHECK-LABEL: func.func @scale_before_transform
// CHECK-SAME: (%[[X:.*]]: tensor<?x48xf32>)
// CHECK-NEXT: %[[R:.*]] = walsh.transform %[[X]] transpose scale(6.000000e+00) : tensor<?x48xf32>
// CHECK-NEXT: return %[[R]]
func.func @scale_before_transform(%x: tensor<?x48xf32>) -> tensor<?x48xf32> {
  %0 = walsh.affine %x scale(3.0) : tensor<?x48xf32>
  %1 = walsh.transform %0 transpose scale(2.0) : tensor<?x48xf32>
  return %1 : tensor<?x48xf32>
}

// -----

// A transform with another user keeps its own result; the scale stays apart.
// CHECK-LABEL: func.func @scale_after_shared_transform
// CHECK: %[[T:.*]] = walsh.transform
// CHECK: walsh.affine %[[T]] scale(2.000000e+00)
func.func @scale_after_shared_transform(%x: tensor<?x64xf32>) -> (tensor<?x64xf32>, tensor<?x64xf32>) {
  %0 = walsh.transform %x : tensor<?x64xf32>
  %1 = walsh.affine %0 scale(2.0) : tensor<?x64xf32>
  return %0, %1 : tensor<?x64xf32>, tensor<?x64xf32>
}

// -----

// ((x * 2) (.) a1 + b1) * 4 (.) a2 + b2
//   = x * 8 (.) (a1 (.) a2) + ((b1 * 4) (.) a2 + b2)
// CHECK-LABEL: func.func @compose_affines
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>, %[[A1:.*]]: tensor<8xf32>, %[[B1:.*]]: tensor<8xf32>, %[[A2:.*]]: tensor<8xf32>, %[[B2:.*]]: tensor<8xf32>)
// CHECK-DAG: %[[FOUR:.*]] = arith.constant dense<4.000000e+00> : tensor<8xf32>
// CHECK-DAG: %[[A:.*]] = arith.mulf %[[A1]], %[[A2]] : tensor<8xf32>
// CHECK-DAG: %[[B1S:.*]] = arith.mulf %[[B1]], %[[FOUR]] : tensor<8xf32>
// CHECK: %[[B1A:.*]] = arith.mulf %[[B1S]], %[[A2]] : tensor<8xf32>
// CHECK: %[[B:.*]] = arith.addf %[[B1A]], %[[B2]] : tensor<8xf32>
// CHECK: %[[R:.*]] = walsh.affine %[[X]] scale(8.000000e+00) mul(%[[A]] : tensor<8xf32>) add(%[[B]] : tensor<8xf32>) : tensor<4x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @compose_affines(%x: tensor<4x8xf32>, %a1: tensor<8xf32>, %b1: tensor<8xf32>, %a2: tensor<8xf32>, %b2: tensor<8xf32>) -> tensor<4x8xf32> {
  %0 = walsh.affine %x scale(2.0) mul(%a1 : tensor<8xf32>) add(%b1 : tensor<8xf32>) : tensor<4x8xf32>
  %1 = walsh.affine %0 scale(4.0) mul(%a2 : tensor<8xf32>) add(%b2 : tensor<8xf32>) : tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}

// -----

// Only parameters that both sides have combine: no arith ops here.
// CHECK-LABEL: func.func @compose_disjoint
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>, %[[A:.*]]: tensor<8xf32>, %[[B:.*]]: tensor<8xf32>)
// CHECK-NOT: arith
// CHECK: %[[R:.*]] = walsh.affine %[[X]] mul(%[[A]] : tensor<8xf32>) add(%[[B]] : tensor<8xf32>) : tensor<4x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @compose_disjoint(%x: tensor<4x8xf32>, %a: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  %0 = walsh.affine %x mul(%a : tensor<8xf32>) : tensor<4x8xf32>
  %1 = walsh.affine %0 add(%b : tensor<8xf32>) : tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}

// -----

// CHECK-LABEL: func.func @identity_affine
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>)
// CHECK-NEXT: return %[[X]]
func.func @identity_affine(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = walsh.affine %x : tensor<4x8xf32>
  %1 = walsh.affine %0 scale(1.0) : tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}
