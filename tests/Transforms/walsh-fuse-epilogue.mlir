// RUN: walsh-opt %s -walsh-fuse-epilogue -split-input-file | FileCheck %s

// The unfused epilogue (residual add, then the next sublayer's RMSNorm of
// the sum) on the last stage becomes one walsh.epilogue; the function
// returns its h and normalised rows.
// CHECK-LABEL: func.func @residual_rmsnorm
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>, %[[A:.*]]: tensor<4xf32>, %[[R:.*]]: tensor<?x4xf32>, %[[G:.*]]: tensor<4xf32>)
// CHECK: %[[S:.*]] = walsh.stage %{{.*}} radix 2 stride 2 mul(%[[A]] : tensor<4xf32>) : tensor<?x4xf32>
// CHECK-NEXT: %[[H:.*]], %[[N:.*]] = walsh.epilogue %[[S]] residual(%[[R]]) norm(%[[G]] : tensor<4xf32>) eps(9.9999999999999995E-7) : tensor<?x4xf32>
// CHECK-NEXT: return %[[H]], %[[N]]
// CHECK-NOT: walsh.residual
// CHECK-NOT: walsh.rms_norm
func.func @residual_rmsnorm(%x: tensor<?x4xf32>, %a: tensor<4xf32>, %r: tensor<?x4xf32>, %g: tensor<4xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>) {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 mul(%a : tensor<4xf32>) : tensor<?x4xf32>
  %h = walsh.residual %1, %r : tensor<?x4xf32>
  %n = walsh.rms_norm %h weight(%g : tensor<4xf32>) eps(1.0e-06) : tensor<?x4xf32>
  return %h, %n : tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

// LayerNorm (centred, with a bias) of the stage itself: no residual; the
// return's use of the stage moves to the epilogue's h.
// CHECK-LABEL: func.func @layernorm_only
// CHECK: %[[S:.*]] = walsh.stage %{{.*}} radix 2 stride 2
// CHECK-NEXT: %[[H:.*]], %[[N:.*]] = walsh.epilogue %[[S]] norm(%{{.*}} : tensor<4xf32>) bias(%{{.*}} : tensor<4xf32>) center eps(1.000000e-05) : tensor<?x4xf32>
// CHECK-NEXT: return %[[H]], %[[N]]
func.func @layernorm_only(%x: tensor<?x4xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>) {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xf32>
  %n = walsh.layer_norm %1 weight(%g : tensor<4xf32>) bias(%b : tensor<4xf32>) eps(1.0e-05) : tensor<?x4xf32>
  return %1, %n : tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

// A residual alone: one result.
// CHECK-LABEL: func.func @residual_only
// CHECK: %[[H:.*]] = walsh.epilogue %{{.*}} residual(%{{.*}}) : tensor<?x4xf32>
// CHECK-NEXT: return %[[H]]
func.func @residual_only(%x: tensor<?x4xf32>, %r: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xf32>
  %h = walsh.residual %1, %r : tensor<?x4xf32>
  return %h : tensor<?x4xf32>
}

// -----

// Not fused: the stage has another walsh user (its registers cannot carry
// both), and a residual of something that is not a stage.
// CHECK-LABEL: func.func @not_fused
// CHECK-NOT: walsh.epilogue
// CHECK: walsh.residual
// CHECK: walsh.residual
func.func @not_fused(%x: tensor<?x4xf32>, %r: tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>) {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xf32>
  %2 = walsh.affine %1 scale(2.0) : tensor<?x4xf32>
  %h = walsh.residual %1, %r : tensor<?x4xf32>
  %k = walsh.residual %x, %r : tensor<?x4xf32>
  return %h, %k, %2 : tensor<?x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>
}
