// RUN: walsh-opt %s -walsh-decompose -split-input-file | FileCheck %s
// RUN: walsh-opt %s -walsh-decompose=descending=true -split-input-file | FileCheck %s --check-prefix=DESC

// d = 768 = 12 * 2^6: six radix-2 stages, then the 12-point factor at
// stride 64, then the default scale 1/sqrt(768).
// CHECK-LABEL: func.func @d768
// CHECK-SAME: (%[[X:.*]]: tensor<?x768xbf16>)
// CHECK-NEXT: %[[S0:.*]] = walsh.stage %[[X]] radix 2 stride 1 : tensor<?x768xbf16>
// CHECK-NEXT: %[[S1:.*]] = walsh.stage %[[S0]] radix 2 stride 2 : tensor<?x768xbf16>
// CHECK-NEXT: %[[S2:.*]] = walsh.stage %[[S1]] radix 2 stride 4 : tensor<?x768xbf16>
// CHECK-NEXT: %[[S3:.*]] = walsh.stage %[[S2]] radix 2 stride 8 : tensor<?x768xbf16>
// CHECK-NEXT: %[[S4:.*]] = walsh.stage %[[S3]] radix 2 stride 16 : tensor<?x768xbf16>
// CHECK-NEXT: %[[S5:.*]] = walsh.stage %[[S4]] radix 2 stride 32 : tensor<?x768xbf16>
// CHECK-NEXT: %[[S6:.*]] = walsh.stage %[[S5]] radix 12 stride 64 : tensor<?x768xbf16>
// CHECK-NEXT: %[[R:.*]] = walsh.affine %[[S6]] scale(0.0360843918243516{{[0-9]*}}) : tensor<?x768xbf16>
// CHECK-NEXT: return %[[R]]
// DESC-LABEL: func.func @d768
// DESC-NEXT: walsh.stage %{{.*}} radix 12 stride 64
// DESC-NEXT: walsh.stage %{{.*}} radix 2 stride 32
// DESC: walsh.stage %{{.*}} radix 2 stride 1 :
// DESC-NEXT: walsh.affine
func.func @d768(%x: tensor<?x768xbf16>) -> tensor<?x768xbf16> {
  %0 = walsh.transform %x : tensor<?x768xbf16>
  return %0 : tensor<?x768xbf16>
}

// -----

// The transpose goes to the dense factor only; a scale of 1 needs no affine;
// the config goes onto every stage, for the lowering.
// CHECK-LABEL: func.func @d40_transposed_unscaled
// CHECK-SAME: (%[[X:.*]]: tensor<3x40xf32>)
// CHECK-NEXT: %[[S0:.*]] = walsh.stage %[[X]] radix 2 stride 1 config(#walsh.config<elems_per_thread = 20, threads_per_row = 2, rows_per_block = 1, vector_width = 4, cross_warp = shared>) : tensor<3x40xf32>
// CHECK-NEXT: %[[S1:.*]] = walsh.stage %[[S0]] radix 20 stride 2 transpose config(#walsh.config<elems_per_thread = 20, threads_per_row = 2, rows_per_block = 1, vector_width = 4, cross_warp = shared>) : tensor<3x40xf32>
// CHECK-NEXT: return %[[S1]]
func.func @d40_transposed_unscaled(%x: tensor<3x40xf32>) -> tensor<3x40xf32> {
  %0 = walsh.transform %x transpose scale(1.0) config(#walsh.config<elems_per_thread = 20, threads_per_row = 2, rows_per_block = 1, vector_width = 4, cross_warp = shared>) : tensor<3x40xf32>
  return %0 : tensor<3x40xf32>
}

// -----

// Powers of two have no dense stage; transpose changes nothing (H_2 = H_2^T).
// CHECK-LABEL: func.func @d8
// CHECK-NEXT: walsh.stage %{{.*}} radix 2 stride 1 :
// CHECK-NEXT: walsh.stage %{{.*}} radix 2 stride 2 :
// CHECK-NEXT: walsh.stage %{{.*}} radix 2 stride 4 :
// CHECK-NEXT: walsh.affine %{{.*}} scale(0.35355339059327373)
// CHECK-NOT: transpose
func.func @d8(%x: tensor<8xf16>) -> tensor<8xf16> {
  %0 = walsh.transform %x transpose : tensor<8xf16>
  return %0 : tensor<8xf16>
}

// -----

// d = 12: the dense factor alone.
// CHECK-LABEL: func.func @d12
// CHECK-NEXT: %[[S:.*]] = walsh.stage %{{.*}} radix 12 stride 1 : tensor<2x12xf32>
// CHECK-NEXT: walsh.affine %[[S]] scale
func.func @d12(%x: tensor<2x12xf32>) -> tensor<2x12xf32> {
  %0 = walsh.transform %x : tensor<2x12xf32>
  return %0 : tensor<2x12xf32>
}
