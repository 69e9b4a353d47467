// RUN: walsh-opt %s -walsh-fuse-cast -split-input-file | FileCheck %s

// The output cast of the last stage (which carries the affine, in the
// input's type) becomes that stage's result type: the lowering rounds the
// fp32 row to f32 storage as it stores it, no separate pass over y.
// CHECK-LABEL: func.func @cast_into_stage
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xbf16>, %[[A:.*]]: tensor<4xbf16>) -> tensor<?x4xf32>
// CHECK: %[[S0:.*]] = walsh.stage %[[X]] radix 2 stride 1 : tensor<?x4xbf16>{{$}}
// CHECK-NEXT: %[[Y:.*]] = walsh.stage %[[S0]] radix 2 stride 2 mul(%[[A]] : tensor<4xbf16>) : tensor<?x4xbf16> -> tensor<?x4xf32>
// CHECK-NEXT: return %[[Y]]
// CHECK-NOT: walsh.cast
func.func @cast_into_stage(%x: tensor<?x4xbf16>, %a: tensor<4xbf16>) -> tensor<?x4xf32> {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xbf16>
  %1 = walsh.stage %0 radix 2 stride 2 mul(%a : tensor<4xbf16>) : tensor<?x4xbf16>
  %y = walsh.cast %1 : tensor<?x4xbf16> -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

// -----

// The unfused epilogue after the cast works in the cast type: the residual
// and the norm's weight are f16 like y.
// CHECK-LABEL: func.func @cast_before_epilogue
// CHECK: %[[Y:.*]] = walsh.stage %{{.*}} radix 2 stride 2 : tensor<?x4xf32> -> tensor<?x4xf16>
// CHECK-NEXT: %[[H:.*]] = walsh.residual %[[Y]], %{{.*}} : tensor<?x4xf16>
func.func @cast_before_epilogue(%x: tensor<?x4xf32>, %r: tensor<?x4xf16>) -> tensor<?x4xf16> {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xf32>
  %y = walsh.cast %1 : tensor<?x4xf32> -> tensor<?x4xf16>
  %h = walsh.residual %y, %r : tensor<?x4xf16>
  return %h : tensor<?x4xf16>
}

// -----

// d = 1 has no stage: the cast goes into the lone affine.
// CHECK-LABEL: func.func @cast_into_affine
// CHECK: %[[Y:.*]] = walsh.affine %{{.*}} mul(%{{.*}} : tensor<1xf16>) : tensor<?x1xf16> -> tensor<?x1xbf16>
// CHECK-NEXT: return %[[Y]]
func.func @cast_into_affine(%x: tensor<?x1xf16>, %a: tensor<1xf16>) -> tensor<?x1xbf16> {
  %0 = walsh.affine %x mul(%a : tensor<1xf16>) : tensor<?x1xf16>
  %y = walsh.cast %0 : tensor<?x1xf16> -> tensor<?x1xbf16>
  return %y : tensor<?x1xbf16>
}

// -----

// Nothing to fold into (d = 1 without an affine): an identity affine that
// casts. A cast to the input's own type goes away.
// CHECK-LABEL: func.func @cast_of_argument
// CHECK: %[[Y:.*]] = walsh.affine %{{.*}} : tensor<?x1xf32> -> tensor<?x1xbf16>
// CHECK-NEXT: return %[[Y]]
func.func @cast_of_argument(%x: tensor<?x1xf32>) -> tensor<?x1xbf16> {
  %same = walsh.cast %x : tensor<?x1xf32> -> tensor<?x1xf32>
  %y = walsh.cast %same : tensor<?x1xf32> -> tensor<?x1xbf16>
  return %y : tensor<?x1xbf16>
}

// -----

// A stage with another user keeps the cast unfused (the other user wants
// the stage's own type).
// CHECK-LABEL: func.func @shared_stage
// CHECK: walsh.stage %{{.*}} radix 2 stride 2 : tensor<?x4xf32>{{$}}
// CHECK: walsh.cast
func.func @shared_stage(%x: tensor<?x4xf32>) -> (tensor<?x4xf32>, tensor<?x4xbf16>) {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xf32>
  %y = walsh.cast %1 : tensor<?x4xf32> -> tensor<?x4xbf16>
  return %1, %y : tensor<?x4xf32>, tensor<?x4xbf16>
}
