// RUN: walsh-opt %s | walsh-opt | FileCheck %s
// RUN: walsh-opt %s --mlir-print-op-generic | walsh-opt | FileCheck %s

// CHECK-LABEL: func.func @transform_forms
// CHECK-SAME: (%[[X:.*]]: tensor<?x768xbf16>)
func.func @transform_forms(%x: tensor<?x768xbf16>) -> (tensor<?x768xbf16>, tensor<?x768xbf16>, tensor<?x768xbf16>) {
  // CHECK: walsh.transform %[[X]] : tensor<?x768xbf16>
  %0 = walsh.transform %x : tensor<?x768xbf16>
  // CHECK: walsh.transform %[[X]] transpose scale(1.000000e+00) : tensor<?x768xbf16>
  %1 = walsh.transform %x transpose scale(1.0) : tensor<?x768xbf16>
  // CHECK: walsh.transform %[[X]] config(#walsh.config<elems_per_thread = 24, threads_per_row = 32, rows_per_block = 4, vector_width = 8, cross_warp = shared>) : tensor<?x768xbf16>
  %2 = walsh.transform %x config(#walsh.config<elems_per_thread = 24, threads_per_row = 32, rows_per_block = 4, vector_width = 8, cross_warp = shared>) : tensor<?x768xbf16>
  return %0, %1, %2 : tensor<?x768xbf16>, tensor<?x768xbf16>, tensor<?x768xbf16>
}

// row_iters prints only when it is not its default, 1.
// CHECK-LABEL: func.func @row_iters
// CHECK: config(#walsh.config<elems_per_thread = 24, threads_per_row = 32, rows_per_block = 1, vector_width = 2, cross_warp = shared, row_iters = 8>)
// CHECK: config(#walsh.config<elems_per_thread = 24, threads_per_row = 32, rows_per_block = 1, vector_width = 2, cross_warp = shared>)
func.func @row_iters(%x: tensor<?x768xbf16>) -> (tensor<?x768xbf16>, tensor<?x768xbf16>) {
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 24, threads_per_row = 32, rows_per_block = 1, vector_width = 2, cross_warp = shared, row_iters = 8>) : tensor<?x768xbf16>
  %1 = walsh.transform %x config(#walsh.config<elems_per_thread = 24, threads_per_row = 32, rows_per_block = 1, vector_width = 2, cross_warp = shared, row_iters = 1>) : tensor<?x768xbf16>
  return %0, %1 : tensor<?x768xbf16>, tensor<?x768xbf16>
}

// CHECK-LABEL: func.func @cpu_config
// CHECK: walsh.transform %{{.*}} config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false>) : tensor<?x64xf32>
// CHECK: walsh.stage %{{.*}} radix 2 stride 1 config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = true>) : tensor<?x64xf32>
// CHECK: walsh.transform %{{.*}} config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = true, prefetch_per_line = 2>) : tensor<?x64xf32>
func.func @cpu_config(%x: tensor<?x64xf32>) -> (tensor<?x64xf32>, tensor<?x64xf32>, tensor<?x64xf32>, tensor<?x64xf32>) {
  %0 = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false>) : tensor<?x64xf32>
  %1 = walsh.stage %x radix 2 stride 1 config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = true>) : tensor<?x64xf32>
  %2 = walsh.transform %x config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = true, prefetch_per_line = 2>) : tensor<?x64xf32>
  // prefetch_per_line = 0 is its default (the lowering's rule): not printed.
  // CHECK: walsh.transform %{{.*}} config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = true>) : tensor<?x64xf32>
  %3 = walsh.transform %x config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = true, prefetch_per_line = 0>) : tensor<?x64xf32>
  return %0, %1, %2, %3 : tensor<?x64xf32>, tensor<?x64xf32>, tensor<?x64xf32>, tensor<?x64xf32>
}

// pass_order: printed unless it is the rule (its default).
// CHECK-LABEL: func.func @cpu_config_order
// CHECK: walsh.transform %{{.*}} config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = true, pass_order = contiguous_first>) : tensor<?x64xf32>
// CHECK: walsh.transform %{{.*}} config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = true, prefetch_per_line = 2, pass_order = widest_first>) : tensor<?x64xf32>
// CHECK: walsh.transform %{{.*}} config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = true>) : tensor<?x64xf32>
func.func @cpu_config_order(%x: tensor<?x64xf32>) -> (tensor<?x64xf32>, tensor<?x64xf32>, tensor<?x64xf32>) {
  %0 = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = true, pass_order = contiguous_first>) : tensor<?x64xf32>
  %1 = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = true, prefetch_per_line = 2, pass_order = widest_first>) : tensor<?x64xf32>
  %2 = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = true, pass_order = rule>) : tensor<?x64xf32>
  return %0, %1, %2 : tensor<?x64xf32>, tensor<?x64xf32>, tensor<?x64xf32>
}

// CHECK-LABEL: func.func @sizes
func.func @sizes(%a: tensor<1xf32>, %b: tensor<2x3x65536xf16>, %c: tensor<8x60xf64>, %d: tensor<40xf32>) -> (tensor<1xf32>, tensor<2x3x65536xf16>, tensor<8x60xf64>, tensor<40xf32>) {
  // CHECK: walsh.transform %{{.*}} : tensor<1xf32>
  %0 = walsh.transform %a : tensor<1xf32>
  // CHECK: walsh.transform %{{.*}} : tensor<2x3x65536xf16>
  %1 = walsh.transform %b : tensor<2x3x65536xf16>
  // CHECK: walsh.transform %{{.*}} : tensor<8x60xf64>
  %2 = walsh.transform %c : tensor<8x60xf64>
  // CHECK: walsh.transform %{{.*}} : tensor<40xf32>
  %3 = walsh.transform %d : tensor<40xf32>
  return %0, %1, %2, %3 : tensor<1xf32>, tensor<2x3x65536xf16>, tensor<8x60xf64>, tensor<40xf32>
}

// CHECK-LABEL: func.func @stages
// CHECK-SAME: (%[[X:.*]]: tensor<4x48xf32>, %[[A:.*]]: tensor<48xf32>, %[[B:.*]]: tensor<48xf32>)
func.func @stages(%x: tensor<4x48xf32>, %a: tensor<48xf32>, %b: tensor<48xf32>) -> tensor<4x48xf32> {
  // CHECK: %[[S0:.*]] = walsh.stage %[[X]] radix 2 stride 1 : tensor<4x48xf32>
  %0 = walsh.stage %x radix 2 stride 1 : tensor<4x48xf32>
  // CHECK: %[[S1:.*]] = walsh.stage %[[S0]] radix 2 stride 24 scale(2.500000e-01) : tensor<4x48xf32>
  %1 = walsh.stage %0 radix 2 stride 24 scale(0.25) : tensor<4x48xf32>
  // CHECK: walsh.stage %[[S1]] radix 12 stride 4 transpose scale(5.000000e-01) mul(%[[A]] : tensor<48xf32>) add(%[[B]] : tensor<48xf32>) : tensor<4x48xf32>
  %2 = walsh.stage %1 radix 12 stride 4 transpose scale(0.5) mul(%a : tensor<48xf32>) add(%b : tensor<48xf32>) : tensor<4x48xf32>
  return %2 : tensor<4x48xf32>
}

// CHECK-LABEL: func.func @affine_forms
// CHECK-SAME: (%[[X:.*]]: tensor<?x64xf16>, %[[A:.*]]: tensor<64xf16>, %[[B:.*]]: tensor<64xf16>)
func.func @affine_forms(%x: tensor<?x64xf16>, %a: tensor<64xf16>, %b: tensor<64xf16>) -> (tensor<?x64xf16>, tensor<?x64xf16>, tensor<?x64xf16>) {
  // CHECK: walsh.affine %[[X]] mul(%[[A]] : tensor<64xf16>) add(%[[B]] : tensor<64xf16>) : tensor<?x64xf16>
  %0 = walsh.affine %x mul(%a : tensor<64xf16>) add(%b : tensor<64xf16>) : tensor<?x64xf16>
  // CHECK: walsh.affine %[[X]] add(%[[B]] : tensor<64xf16>) : tensor<?x64xf16>
  %1 = walsh.affine %x add(%b : tensor<64xf16>) : tensor<?x64xf16>
  // CHECK: walsh.affine %[[X]] scale(3.000000e+00) mul(%[[A]] : tensor<64xf16>) : tensor<?x64xf16>
  %2 = walsh.affine %x scale(3.0) mul(%a : tensor<64xf16>) : tensor<?x64xf16>
  return %0, %1, %2 : tensor<?x64xf16>, tensor<?x64xf16>, tensor<?x64xf16>
}

// The attention epilogue: the unfused ops and the fused walsh.epilogue
// round-trip (custom and generic form).
// CHECK-LABEL: func.func @epilogue_forms
// CHECK: walsh.residual %{{.*}}, %{{.*}} : tensor<?x8xbf16>
// CHECK: walsh.rms_norm %{{.*}} weight(%{{.*}} : tensor<8xbf16>) eps(9.9999999999999995E-7) : tensor<?x8xbf16>
// CHECK: walsh.layer_norm %{{.*}} weight(%{{.*}} : tensor<8xbf16>) bias(%{{.*}} : tensor<8xbf16>) eps(1.000000e-05) : tensor<?x8xbf16>
// CHECK: walsh.layer_norm %{{.*}} weight(%{{.*}} : tensor<8xbf16>) eps(1.000000e-05) : tensor<?x8xbf16>
// CHECK: %{{.*}}, %{{.*}} = walsh.epilogue %{{.*}} residual(%{{.*}}) norm(%{{.*}} : tensor<8xbf16>) bias(%{{.*}} : tensor<8xbf16>) center eps(1.000000e-05) : tensor<?x8xbf16>
func.func @epilogue_forms(%x: tensor<?x8xbf16>, %r: tensor<?x8xbf16>, %g: tensor<8xbf16>) -> (tensor<?x8xbf16>, tensor<?x8xbf16>) {
  %h = walsh.residual %x, %r : tensor<?x8xbf16>
  %n = walsh.rms_norm %h weight(%g : tensor<8xbf16>) eps(1.0e-06) : tensor<?x8xbf16>
  %l = walsh.layer_norm %n weight(%g : tensor<8xbf16>) bias(%g : tensor<8xbf16>) eps(1.0e-05) : tensor<?x8xbf16>
  %m = walsh.layer_norm %l weight(%g : tensor<8xbf16>) eps(1.0e-05) : tensor<?x8xbf16>
  %s = walsh.stage %m radix 2 stride 1 : tensor<?x8xbf16>
  %e, %f = walsh.epilogue %s residual(%r) norm(%g : tensor<8xbf16>) bias(%g : tensor<8xbf16>) center eps(1.0e-05) : tensor<?x8xbf16>
  return %e, %f : tensor<?x8xbf16>, tensor<?x8xbf16>
}

// The attention prologue: the head merge and the split-KV combine.
// CHECK-LABEL: func.func @prologue_forms
// CHECK: walsh.merge_heads %{{.*}} : tensor<?x4x?x16xbf16> -> tensor<?x64xbf16>
// CHECK: walsh.combine_splits %{{.*}}, %{{.*}} : tensor<3x?x64xbf16>, tensor<3x?x4xf32> -> tensor<?x64xbf16>
// CHECK: walsh.normalize_heads %{{.*}}, %{{.*}} : tensor<?x64xbf16>, tensor<?x4xf32> -> tensor<?x64xbf16>
func.func @prologue_forms(%x: tensor<?x4x?x16xbf16>, %p: tensor<3x?x64xbf16>, %l: tensor<3x?x4xf32>, %s: tensor<?x4xf32>) -> (tensor<?x64xbf16>, tensor<?x64xbf16>, tensor<?x64xbf16>) {
  %m = walsh.merge_heads %x : tensor<?x4x?x16xbf16> -> tensor<?x64xbf16>
  %c = walsh.combine_splits %p, %l : tensor<3x?x64xbf16>, tensor<3x?x4xf32> -> tensor<?x64xbf16>
  %n = walsh.normalize_heads %m, %s : tensor<?x64xbf16>, tensor<?x4xf32> -> tensor<?x64xbf16>
  return %m, %c, %n : tensor<?x64xbf16>, tensor<?x64xbf16>, tensor<?x64xbf16>
}

// The output cast: walsh.cast, and the stage and affine results it folds
// into (the type after '->' only when it differs).
// CHECK-LABEL: func.func @output_cast
// CHECK: walsh.cast %{{.*}} : tensor<?x64xbf16> -> tensor<?x64xf32>
// CHECK: walsh.stage %{{.*}} radix 2 stride 32 mul(%{{.*}} : tensor<64xbf16>) : tensor<?x64xbf16> -> tensor<?x64xf32>
// CHECK: walsh.affine %{{.*}} scale(2.000000e+00) : tensor<?x64xf32> -> tensor<?x64xf16>
func.func @output_cast(%x: tensor<?x64xbf16>, %a: tensor<64xbf16>) -> (tensor<?x64xf32>, tensor<?x64xf32>, tensor<?x64xf16>) {
  %0 = walsh.cast %x : tensor<?x64xbf16> -> tensor<?x64xf32>
  %1 = walsh.stage %x radix 2 stride 32 mul(%a : tensor<64xbf16>) : tensor<?x64xbf16> -> tensor<?x64xf32>
  %2 = walsh.affine %0 scale(2.0) : tensor<?x64xf32> -> tensor<?x64xf16>
  return %0, %1, %2 : tensor<?x64xf32>, tensor<?x64xf32>, tensor<?x64xf16>
}
