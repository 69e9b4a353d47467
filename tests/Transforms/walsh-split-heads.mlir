// RUN: walsh-opt %s -split-input-file -walsh-to-stages -walsh-split-heads=head-dim=64 | FileCheck %s
// RUN: not walsh-opt %s -split-input-file -walsh-split-heads=head-dim=48 2>&1 | FileCheck %s --check-prefix=BAD

// d = 768 = 12 heads x 64: H_768 = H_12 (x) H_64, so H_768 = H_heads (x)
// H_head_dim exactly. The per-head factor (radix-2 at strides 1 .. 32,
// orthonormal: 1/sqrt(64) = 0.125) moves to @proj_head_factor; @proj keeps
// strides 64 and the dense H_12 stage, transposed, with the affine and
// the residual + RMSNorm epilogue, its scale times sqrt(64).
// CHECK-LABEL: func.func @proj_head_factor(
// CHECK-SAME: %[[X:.*]]: tensor<?x768xf32>) -> tensor<?x768xf32>
// CHECK-NEXT: %[[S0:.*]] = walsh.stage %[[X]] radix 2 stride 1 : tensor<?x768xf32>
// CHECK-NEXT: %[[S1:.*]] = walsh.stage %[[S0]] radix 2 stride 2 : tensor<?x768xf32>
// CHECK-NEXT: %[[S2:.*]] = walsh.stage %[[S1]] radix 2 stride 4 : tensor<?x768xf32>
// CHECK-NEXT: %[[S3:.*]] = walsh.stage %[[S2]] radix 2 stride 8 : tensor<?x768xf32>
// CHECK-NEXT: %[[S4:.*]] = walsh.stage %[[S3]] radix 2 stride 16 : tensor<?x768xf32>
// CHECK-NEXT: %[[S5:.*]] = walsh.stage %[[S4]] radix 2 stride 32 scale(1.250000e-01) : tensor<?x768xf32>
// CHECK-NEXT: return %[[S5]]
// CHECK-LABEL: func.func @proj(
// CHECK-SAME: %[[Y:[^:]*]]: tensor<?x768xf32>, %[[A:[^:]*]]: tensor<768xf32>
// CHECK-SAME: attributes {walsh.head_dim = 64 : i64, walsh.head_factor = @proj_head_factor}
// CHECK-NEXT: %[[C0:.*]] = walsh.stage %[[Y]] radix 12 stride 64 transpose scale({{0\.2886751345948[0-9]*}}) mul(%[[A]] : tensor<768xf32>) : tensor<?x768xf32>
// CHECK-NEXT: %{{.*}}, %{{.*}} = walsh.epilogue %[[C0]] residual(
// CHECK-NEXT: return
func.func @proj(%x: tensor<?x768xf32>, %a: tensor<768xf32>, %r: tensor<?x768xf32>) -> (tensor<?x768xf32>, tensor<?x768xf32>) {
  %t = walsh.transform %x transpose : tensor<?x768xf32>
  %y = walsh.affine %t mul(%a : tensor<768xf32>) : tensor<?x768xf32>
  %h = walsh.residual %y, %r : tensor<?x768xf32>
  %n = walsh.rms_norm %h weight(%a : tensor<768xf32>) eps(1.0e-06) : tensor<?x768xf32>
  return %h, %n : tensor<?x768xf32>, tensor<?x768xf32>
}

// -----

// Sizes the head dimension does not split are left alone: 64 is the whole
// row here (one head), and 96 = 3 * 32 does not divide 2^k = 32.
// CHECK-LABEL: func.func @one_head
// CHECK-NOT: walsh.head_dim
// CHECK-NOT: head_factor
func.func @one_head(%x: tensor<?x64xf32>) -> tensor<?x64xf32> {
  %t = walsh.transform %x : tensor<?x64xf32>
  return %t : tensor<?x64xf32>
}

// -----

// CHECK-LABEL: func.func @not_divisible
// CHECK-NOT: head_factor
func.func @not_divisible(%x: tensor<?x96xf32>) -> tensor<?x96xf32> {
  %t = walsh.transform %x : tensor<?x96xf32>
  return %t : tensor<?x96xf32>
}

// BAD: walsh-split-heads: expects 'head-dim' to be a power of two >= 2, got 48

// -----

// A chain whose epilogue is not on its last stage is left alone (only the
// last stage may carry one; it would be lost).
// CHECK-LABEL: func.func @scale_in_the_middle
// CHECK-NOT: head_factor
func.func @scale_in_the_middle(%x: tensor<?x256xf32>) -> tensor<?x256xf32> {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x256xf32>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x256xf32>
  %2 = walsh.stage %1 radix 2 stride 4 : tensor<?x256xf32>
  %3 = walsh.stage %2 radix 2 stride 8 : tensor<?x256xf32>
  %4 = walsh.stage %3 radix 2 stride 16 : tensor<?x256xf32>
  %5 = walsh.stage %4 radix 2 stride 32 : tensor<?x256xf32>
  %6 = walsh.stage %5 radix 2 stride 64 scale(2.0) : tensor<?x256xf32>
  %7 = walsh.stage %6 radix 2 stride 128 : tensor<?x256xf32>
  return %7 : tensor<?x256xf32>
}
