// RUN: walsh-opt %s -split-input-file -verify-diagnostics

func.func @unsupported_size(%x: tensor<4x6xf32>) -> tensor<4x6xf32> {
  // expected-error @+1 {{'walsh.transform' op expects the last dimension of 'input' to be 2^k or m * 2^k with m in {12, 20, 28, 36, 44, 52, 60}, at most 65536, got 6}}
  %0 = walsh.transform %x : tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

func.func @no_hadamard_of_order_68(%x: tensor<68xf32>) -> tensor<68xf32> {
  // expected-error @+1 {{expects the last dimension of 'input' to be 2^k or m * 2^k with m in {12, 20, 28, 36, 44, 52, 60}, at most 65536, got 68}}
  %0 = walsh.transform %x : tensor<68xf32>
  return %0 : tensor<68xf32>
}

// -----

func.func @too_large(%x: tensor<2x131072xf32>) -> tensor<2x131072xf32> {
  // expected-error @+1 {{at most 65536, got 131072}}
  %0 = walsh.transform %x : tensor<2x131072xf32>
  return %0 : tensor<2x131072xf32>
}

// -----

func.func @dynamic_row_length(%x: tensor<4x?xf32>) -> tensor<4x?xf32> {
  // expected-error @+1 {{'walsh.transform' op expects the last dimension of 'input' to be static, got 'tensor<4x?xf32>'}}
  %0 = walsh.transform %x : tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// -----

func.func @rank_zero(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'walsh.transform' op expects 'input' to have at least one dimension, got 'tensor<f32>'}}
  %0 = walsh.transform %x : tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @integer_rows(%x: tensor<4x8xi32>) -> tensor<4x8xi32> {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = walsh.transform %x : tensor<4x8xi32>
  return %0 : tensor<4x8xi32>
}

// -----

func.func @result_type_differs(%x: tensor<4x8xf32>) -> tensor<4x8xf16> {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "walsh.transform"(%x) : (tensor<4x8xf32>) -> tensor<4x8xf16>
  return %0 : tensor<4x8xf16>
}

// -----

func.func @infinite_scale(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'walsh.transform' op expects 'scale' to be finite, got INF}}
  %0 = walsh.transform %x scale(0x7FF0000000000000) : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @mul_wrong_length(%x: tensor<4x64xf32>, %a: tensor<32xf32>) -> tensor<4x64xf32> {
  // expected-error @+1 {{'walsh.affine' op expects 'mul' to have 64 elements (the last dimension of 'input'), got 'tensor<32xf32>'}}
  %0 = walsh.affine %x mul(%a : tensor<32xf32>) : tensor<4x64xf32>
  return %0 : tensor<4x64xf32>
}

// -----

func.func @add_wrong_element_type(%x: tensor<4x64xbf16>, %b: tensor<64xf32>) -> tensor<4x64xbf16> {
  // expected-error @+1 {{'walsh.affine' op expects 'add' to have element type 'bf16' (that of 'input'), got 'f32'}}
  %0 = walsh.affine %x add(%b : tensor<64xf32>) : tensor<4x64xbf16>
  return %0 : tensor<4x64xbf16>
}

// -----

func.func @mul_not_1d(%x: tensor<4x64xf32>, %a: tensor<1x64xf32>) -> tensor<4x64xf32> {
  // expected-error @+1 {{operand #1 must be 1D tensor of floating-point values}}
  %0 = "walsh.affine"(%x, %a) {operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<4x64xf32>, tensor<1x64xf32>) -> tensor<4x64xf32>
  return %0 : tensor<4x64xf32>
}

// -----

func.func @stage_bad_radix(%x: tensor<4x48xf32>) -> tensor<4x48xf32> {
  // expected-error @+1 {{'walsh.stage' op expects 'radix' to be 2 or a dense factor in {12, 20, 28, 36, 44, 52, 60}, got 3}}
  %0 = walsh.stage %x radix 3 stride 1 : tensor<4x48xf32>
  return %0 : tensor<4x48xf32>
}

// -----

func.func @stage_stride_out_of_range(%x: tensor<4x48xf32>) -> tensor<4x48xf32> {
  // expected-error @+1 {{'walsh.stage' op expects 'stride' to be at least 1 with radix * stride dividing the size 48, got stride 32 for radix 2}}
  %0 = walsh.stage %x radix 2 stride 32 : tensor<4x48xf32>
  return %0 : tensor<4x48xf32>
}

// -----

func.func @stage_zero_stride(%x: tensor<4x48xf32>) -> tensor<4x48xf32> {
  // expected-error @+1 {{got stride 0 for radix 2}}
  %0 = walsh.stage %x radix 2 stride 0 : tensor<4x48xf32>
  return %0 : tensor<4x48xf32>
}

// -----

func.func @stage_dense_factor_does_not_tile(%x: tensor<4x64xf32>) -> tensor<4x64xf32> {
  // expected-error @+1 {{dividing the size 64, got stride 1 for radix 12}}
  %0 = walsh.stage %x radix 12 stride 1 : tensor<4x64xf32>
  return %0 : tensor<4x64xf32>
}

// -----

func.func @stage_mul_wrong_length(%x: tensor<4x48xf32>, %a: tensor<96xf32>) -> tensor<4x48xf32> {
  // expected-error @+1 {{'walsh.stage' op expects 'mul' to have 48 elements (the last dimension of 'input'), got 'tensor<96xf32>'}}
  %0 = walsh.stage %x radix 2 stride 1 mul(%a : tensor<96xf32>) : tensor<4x48xf32>
  return %0 : tensor<4x48xf32>
}

// -----

func.func @config_does_not_cover_row(%x: tensor<4x768xf32>) -> tensor<4x768xf32> {
  // expected-error @+1 {{'walsh.transform' op expects 'elems_per_thread' * 'threads_per_row' to equal the transform size 768, got 12 * 32}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 12, threads_per_row = 32, rows_per_block = 1, vector_width = 4, cross_warp = shared>) : tensor<4x768xf32>
  return %0 : tensor<4x768xf32>
}

// -----

func.func @config_splits_dense_factor_unevenly(%x: tensor<4x2304xf32>) -> tensor<4x2304xf32> {
  // expected-error @+1 {{'walsh.transform' op expects 'elems_per_thread' to be a multiple of the dense factor 36 of size 2304, a power of two (the split layout), m / 2 or m / 4 (the grouped layout), got 12}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 12, threads_per_row = 192, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<4x2304xf32>
  return %0 : tensor<4x2304xf32>
}

// -----

func.func @config_half_layout_vectors(%x: tensor<4x768xf32>) -> tensor<4x768xf32> {
  // expected-error @+1 {{'walsh.transform' op expects cross_warp = shared, 'vector_width' = 1 and 'row_iters' = 1 in the grouped layout ('elems_per_thread' = m / 2 = 6), got shared, 2 and 1}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 6, threads_per_row = 128, rows_per_block = 1, vector_width = 2, cross_warp = shared>) : tensor<4x768xf32>
  return %0 : tensor<4x768xf32>
}

// -----

// expected-error @+1 {{expects 'threads_per_row' to be a power of two, or a dense factor times one (the split layout), at most 1024, got 3}}
func.func private @config_threads_not_power_of_two() attributes {c = #walsh.config<elems_per_thread = 8, threads_per_row = 3, rows_per_block = 1, vector_width = 8, cross_warp = shared>}

// -----

// expected-error @+1 {{expects 'rows_per_block' * 'threads_per_row' to be at most 1024, got 8 * 256}}
func.func private @config_block_too_large() attributes {c = #walsh.config<elems_per_thread = 8, threads_per_row = 256, rows_per_block = 8, vector_width = 8, cross_warp = shared>}

// -----

// expected-error @+1 {{expects 'vector_width' to be a power of two that divides 'elems_per_thread' (12), got 8}}
func.func private @config_vector_width() attributes {c = #walsh.config<elems_per_thread = 12, threads_per_row = 64, rows_per_block = 1, vector_width = 8, cross_warp = shared>}

// -----

// expected-error @+1 {{expects 'elems_per_thread' to be at least 1, got 0}}
func.func private @config_zero() attributes {c = #walsh.config<elems_per_thread = 0, threads_per_row = 64, rows_per_block = 1, vector_width = 1, cross_warp = shared>}

// -----

// expected-error @+1 {{expects 'row_iters' to be at least 1, got 0}}
func.func private @config_row_iters_zero() attributes {c = #walsh.config<elems_per_thread = 8, threads_per_row = 64, rows_per_block = 1, vector_width = 1, cross_warp = shared, row_iters = 0>}

// -----

// expected-error @+1 {{expects 'row_iters' to be at most 1024, got 4096}}
func.func private @config_row_iters_large() attributes {c = #walsh.config<elems_per_thread = 8, threads_per_row = 64, rows_per_block = 1, vector_width = 1, cross_warp = shared, row_iters = 4096>}

// -----

// expected-error @+2 {{expected ::mlir::walsh::CrossWarp to be one of: shared, transpose}}
// expected-error @+1 {{failed to parse Walsh_ConfigAttr parameter 'cross_warp'}}
func.func private @config_bad_cross_warp() attributes {c = #walsh.config<elems_per_thread = 8, threads_per_row = 64, rows_per_block = 1, vector_width = 1, cross_warp = registers>}

// -----

// expected-error @+1 {{expects 'vector_width' to be a power of two in [1, 16], got 12}}
func.func private @cpu_config_vector_width() attributes {c = #walsh.cpu_config<vector_width = 12, levels_per_pass = 3, nontemporal = true>}

// -----

// expected-error @+1 {{expects 'levels_per_pass' in [1, 5], got 0}}
func.func private @cpu_config_levels() attributes {c = #walsh.cpu_config<vector_width = 8, levels_per_pass = 0, nontemporal = true>}

// -----

// expected-error @+1 {{expects 'prefetch_per_line' to be 1, 2 or 4 (or absent: the lowering's rule), got 3}}
func.func private @cpu_config_prefetch() attributes {c = #walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = true, prefetch_per_line = 3>}

// -----

// expected-error @+2 {{expected ::mlir::walsh::PassOrder to be one of: rule, widest_first, contiguous_first}}
// expected-error @+1 {{failed to parse Walsh_CpuConfigAttr parameter 'pass_order' which is to be a `::mlir::walsh::PassOrder`}}
func.func private @cpu_config_order() attributes {c = #walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = true, pass_order = backwards>}

// -----

func.func @config_transpose_one_vector(%x: tensor<4x1024xf32>) -> tensor<4x1024xf32> {
  // expected-error @+1 {{expects at least two vectors per dense index per thread for cross_warp = transpose (elems_per_thread / m / vector_width = 4 / 4 = 1)}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 4, threads_per_row = 256, rows_per_block = 1, vector_width = 4, cross_warp = transpose>) : tensor<4x1024xf32>
  return %0 : tensor<4x1024xf32>
}

// -----

func.func @residual_type(%x: tensor<4x8xf32>, %r: tensor<4x8xf16>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'walsh.residual' op failed to verify that all of {input, residual, result} have same type}}
  %0 = "walsh.residual"(%x, %r) : (tensor<4x8xf32>, tensor<4x8xf16>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @norm_eps(%x: tensor<4x8xf32>, %g: tensor<8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'walsh.rms_norm' op expects 'eps' to be a finite number > 0, got 0}}
  %0 = walsh.rms_norm %x weight(%g : tensor<8xf32>) eps(0.0) : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @norm_weight(%x: tensor<4x8xf32>, %g: tensor<4xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'walsh.layer_norm' op expects 'weight' to have 8 elements (the last dimension of 'input'), got 'tensor<4xf32>'}}
  %0 = walsh.layer_norm %x weight(%g : tensor<4xf32>) eps(1.0e-05) : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @epilogue_not_on_stage(%x: tensor<4x8xf32>, %r: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'walsh.epilogue' op expects 'input' to be a walsh.stage with no other user (the epilogue runs on its registers)}}
  %0 = walsh.epilogue %x residual(%r) : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @epilogue_empty(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %s = walsh.stage %x radix 2 stride 1 : tensor<4x8xf32>
  // expected-error @+1 {{'walsh.epilogue' op expects a 'residual', a 'norm' or both (nothing to fuse)}}
  %0 = walsh.epilogue %s : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @epilogue_rms_bias(%x: tensor<4x8xf32>, %g: tensor<8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %s = walsh.stage %x radix 2 stride 1 : tensor<4x8xf32>
  // expected-error @+1 {{'walsh.epilogue' op expects 'bias' only with 'center' (LayerNorm; RMSNorm has none)}}
  %0, %1 = walsh.epilogue %s norm(%g : tensor<8xf32>) bias(%g : tensor<8xf32>) eps(1.0e-05) : tensor<4x8xf32>
  return %0, %1 : tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

func.func @epilogue_no_eps(%x: tensor<4x8xf32>, %g: tensor<8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %s = walsh.stage %x radix 2 stride 1 : tensor<4x8xf32>
  // expected-error @+1 {{'walsh.epilogue' op expects 'eps' with a 'norm'}}
  %0, %1 = walsh.epilogue %s norm(%g : tensor<8xf32>) : tensor<4x8xf32>
  return %0, %1 : tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

func.func @merge_dynamic_heads(%x: tensor<2x?x3x16xf32>) -> tensor<?x64xf32> {
  // expected-error @+1 {{'walsh.merge_heads' op expects static heads and head_dim (dimensions 1 and 3 of [batch, heads, seq, head_dim]), got 'tensor<2x?x3x16xf32>'}}
  %0 = walsh.merge_heads %x : tensor<2x?x3x16xf32> -> tensor<?x64xf32>
  return %0 : tensor<?x64xf32>
}

// -----

func.func @merge_wrong_d(%x: tensor<2x4x3x16xf32>) -> tensor<?x32xf32> {
  // expected-error @+1 {{'walsh.merge_heads' op expects rows of heads * head_dim = 64 elements of 'f32', got 'tensor<?x32xf32>'}}
  %0 = walsh.merge_heads %x : tensor<2x4x3x16xf32> -> tensor<?x32xf32>
  return %0 : tensor<?x32xf32>
}

// -----

func.func @merge_wrong_rows(%x: tensor<2x4x3x16xf32>) -> tensor<5x64xf32> {
  // expected-error @+1 {{'walsh.merge_heads' op expects batch * seq = 6 rows, got 5}}
  %0 = walsh.merge_heads %x : tensor<2x4x3x16xf32> -> tensor<5x64xf32>
  return %0 : tensor<5x64xf32>
}

// -----

func.func @combine_heads_not_dividing(%p: tensor<2x?x64xf32>, %l: tensor<2x?x3xf32>) -> tensor<?x64xf32> {
  // expected-error @+1 {{'walsh.combine_splits' op expects 'lse' to be [2, rows, heads] with heads dividing 64, got 'tensor<2x?x3xf32>'}}
  %0 = walsh.combine_splits %p, %l : tensor<2x?x64xf32>, tensor<2x?x3xf32> -> tensor<?x64xf32>
  return %0 : tensor<?x64xf32>
}

// -----

func.func @combine_split_count(%p: tensor<2x?x64xf32>, %l: tensor<3x?x4xf32>) -> tensor<?x64xf32> {
  // expected-error @+1 {{'walsh.combine_splits' op expects 'lse' to be [2, rows, heads] with heads dividing 64, got 'tensor<3x?x4xf32>'}}
  %0 = walsh.combine_splits %p, %l : tensor<2x?x64xf32>, tensor<3x?x4xf32> -> tensor<?x64xf32>
  return %0 : tensor<?x64xf32>
}

// -----

func.func @combine_wrong_result(%p: tensor<2x?x64xf32>, %l: tensor<2x?x4xf32>) -> tensor<?x64xf16> {
  // expected-error @+1 {{'walsh.combine_splits' op expects rows [rows, 64] of 'f32', got 'tensor<?x64xf16>'}}
  %0 = walsh.combine_splits %p, %l : tensor<2x?x64xf32>, tensor<2x?x4xf32> -> tensor<?x64xf16>
  return %0 : tensor<?x64xf16>
}

// -----

func.func @normalize_heads_not_dividing(%x: tensor<?x64xf32>, %l: tensor<?x3xf32>) -> tensor<?x64xf32> {
  // expected-error @+1 {{'walsh.normalize_heads' op expects 'sums' to be [rows, heads] with heads dividing 64, got 'tensor<?x3xf32>'}}
  %0 = walsh.normalize_heads %x, %l : tensor<?x64xf32>, tensor<?x3xf32> -> tensor<?x64xf32>
  return %0 : tensor<?x64xf32>
}

// -----

func.func @normalize_heads_rows(%x: tensor<4x64xf32>, %l: tensor<5x4xf32>) -> tensor<4x64xf32> {
  // expected-error @+1 {{'walsh.normalize_heads' op expects 'sums' to be [rows, heads] with heads dividing 64, got 'tensor<5x4xf32>'}}
  %0 = walsh.normalize_heads %x, %l : tensor<4x64xf32>, tensor<5x4xf32> -> tensor<4x64xf32>
  return %0 : tensor<4x64xf32>
}

// -----

func.func @combine_dynamic_splits(%p: tensor<?x4x64xf32>, %l: tensor<2x4x4xf32>) -> tensor<4x64xf32> {
  // expected-error @+1 {{'walsh.combine_splits' op expects a static split count and row length (dimensions 0 and 2 of [K, rows, d]), got 'tensor<?x4x64xf32>'}}
  %0 = walsh.combine_splits %p, %l : tensor<?x4x64xf32>, tensor<2x4x4xf32> -> tensor<4x64xf32>
  return %0 : tensor<4x64xf32>
}

// -----

func.func @normalize_heads_type(%x: tensor<?x64xf32>, %l: tensor<?x4xf32>) -> tensor<?x64xf16> {
  // expected-error @+1 {{'walsh.normalize_heads' op expects rows with a static row length and a result of the same type, got 'tensor<?x64xf32>' -> 'tensor<?x64xf16>'}}
  %0 = walsh.normalize_heads %x, %l : tensor<?x64xf32>, tensor<?x4xf32> -> tensor<?x64xf16>
  return %0 : tensor<?x64xf16>
}

// -----

func.func @cast_shape(%x: tensor<?x64xf32>) -> tensor<?x32xbf16> {
  // expected-error @+1 {{'walsh.cast' op expects the result to have the shape of 'input', 'tensor<?x64xf32>', got 'tensor<?x32xbf16>'}}
  %0 = walsh.cast %x : tensor<?x64xf32> -> tensor<?x32xbf16>
  return %0 : tensor<?x32xbf16>
}

// -----

func.func @cast_rows(%x: tensor<?x6xf32>) -> tensor<?x6xbf16> {
  // expected-error @+1 {{'walsh.cast' op expects the last dimension of 'input' to be 2^k or m * 2^k}}
  %0 = walsh.cast %x : tensor<?x6xf32> -> tensor<?x6xbf16>
  return %0 : tensor<?x6xbf16>
}

// -----

func.func @stage_cast_shape(%x: tensor<4x64xf32>) -> tensor<8x64xbf16> {
  // expected-error @+1 {{'walsh.stage' op expects the result to have the shape of 'input', 'tensor<4x64xf32>', got 'tensor<8x64xbf16>'}}
  %0 = walsh.stage %x radix 2 stride 1 : tensor<4x64xf32> -> tensor<8x64xbf16>
  return %0 : tensor<8x64xbf16>
}

// -----

// With a cast, mul and add keep the input's element type.
func.func @stage_cast_mul(%x: tensor<?x64xbf16>, %a: tensor<64xf32>) -> tensor<?x64xf32> {
  // expected-error @+1 {{'walsh.stage' op expects 'mul' to have element type 'bf16' (that of 'input'), got 'f32'}}
  %0 = walsh.stage %x radix 2 stride 1 mul(%a : tensor<64xf32>) : tensor<?x64xbf16> -> tensor<?x64xf32>
  return %0 : tensor<?x64xf32>
}

// -----

func.func @config_mma_threads(%x: tensor<4x3072xbf16>) -> tensor<4x3072xbf16> {
  // expected-error @+1 {{expects 'threads_per_row' = 32 or 64 (H_m on tensor cores past 2^k = 32: a multiple of 32 up to 256) and 'vector_width' = 4 (or 2: H_m on tensor cores) for cross_warp = mma, got 128 and 4}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 24, threads_per_row = 128, rows_per_block = 1, vector_width = 4, cross_warp = mma>) : tensor<4x3072xbf16>
  return %0 : tensor<4x3072xbf16>
}

// -----

func.func @config_mma_small_power_of_two_vector(%x: tensor<4x384xbf16>) -> tensor<4x384xbf16> {
  // expected-error @+1 {{expects 'threads_per_row' = 32 or 64 (H_m on tensor cores past 2^k = 32: a multiple of 32 up to 256) and 'vector_width' = 2 for cross_warp = mma with 2^k = 8, 16 or 32, got 32 and 4}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 12, threads_per_row = 32, rows_per_block = 8, vector_width = 4, cross_warp = mma>) : tensor<4x384xbf16>
  return %0 : tensor<4x384xbf16>
}

// -----

func.func @config_mma_64_vector(%x: tensor<4x3840xbf16>) -> tensor<4x3840xbf16> {
  // expected-error @+1 {{expects 'threads_per_row' = 32 or 64 (H_m on tensor cores past 2^k = 32: a multiple of 32 up to 256) and 'vector_width' = 4 (or 2: H_m on tensor cores) for cross_warp = mma, got 32 and 8}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 120, threads_per_row = 32, rows_per_block = 4, vector_width = 8, cross_warp = mma>) : tensor<4x3840xbf16>
  return %0 : tensor<4x3840xbf16>
}

// -----

func.func @config_mma_small_power_of_two_warps(%x: tensor<4x384xbf16>) -> tensor<4x384xbf16> {
  // expected-error @+1 {{expects 'threads_per_row' = 32 for cross_warp = mma with 2^k = 32 and 'vector_width' = 2 (H_m on tensor cores), got 64}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 6, threads_per_row = 64, rows_per_block = 8, vector_width = 2, cross_warp = mma>) : tensor<4x384xbf16>
  return %0 : tensor<4x384xbf16>
}

// -----

func.func @config_mma_128_without_dense_factor(%x: tensor<4x128xbf16>) -> tensor<4x128xbf16> {
  // expected-error @+1 {{expects the power-of-two factor of d = 128 to be at least 256, or with a dense factor 8, 16, 32, 64 or 128, for cross_warp = mma, got 128}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 4, threads_per_row = 32, rows_per_block = 8, vector_width = 4, cross_warp = mma>) : tensor<4x128xbf16>
  return %0 : tensor<4x128xbf16>
}

// -----

func.func @config_mma_two_warps_power_of_two(%x: tensor<4x4096xbf16>) -> tensor<4x4096xbf16> {
  // expected-error @+1 {{expects a dense factor and 2^k >= 256 for cross_warp = mma over 64 threads a row, got d = 4096}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 64, rows_per_block = 2, vector_width = 4, cross_warp = mma>) : tensor<4x4096xbf16>
  return %0 : tensor<4x4096xbf16>
}

// -----

func.func @config_hm_mma_nine_warps(%x: tensor<4x9216xbf16>) -> tensor<4x9216xbf16> {
  // expected-error @+1 {{expects 'threads_per_row' = 32 or 64 (H_m on tensor cores past 2^k = 32: a multiple of 32 up to 256) and 'vector_width' = 4 (or 2: H_m on tensor cores) for cross_warp = mma, got 288 and 2}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 288, rows_per_block = 1, vector_width = 2, cross_warp = mma>) : tensor<4x9216xbf16>
  return %0 : tensor<4x9216xbf16>
}

// -----

func.func @config_mma_two_warps_rows(%x: tensor<4x5120xbf16>) -> tensor<4x5120xbf16> {
  // expected-error @+1 {{expects 'rows_per_block' <= 15 for cross_warp = mma over 64 threads a row (a named barrier a row), got 16}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 80, threads_per_row = 64, rows_per_block = 16, vector_width = 4, cross_warp = mma>) : tensor<4x5120xbf16>
  return %0 : tensor<4x5120xbf16>
}

// -----

func.func @config_mma_row_iters(%x: tensor<4x1024xbf16>) -> tensor<4x1024xbf16> {
  // expected-error @+1 {{expects 'row_iters' to be 1 to 4 for cross_warp = mma (its blocks take row groups in turn whatever the grid; from 2, each prefetches into L2 the group that many grids on), got 5}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 32, rows_per_block = 8, vector_width = 4, cross_warp = mma, row_iters = 5>) : tensor<4x1024xbf16>
  return %0 : tensor<4x1024xbf16>
}

// -----

func.func @config_mma_256_vector(%x: tensor<4x7168xbf16>) -> tensor<4x7168xbf16> {
  // expected-error @+1 {{expects 'threads_per_row' = 32 or 64 (H_m on tensor cores past 2^k = 32: a multiple of 32 up to 256) and 'vector_width' = 4 (or 2: H_m on tensor cores) for cross_warp = mma, got 32 and 8}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 224, threads_per_row = 32, rows_per_block = 4, vector_width = 8, cross_warp = mma>) : tensor<4x7168xbf16>
  return %0 : tensor<4x7168xbf16>
}

// -----

// expected-error @+1 {{expects 'cluster' to be 1 to 8 (a portable thread-block cluster), got 9}}
func.func private @config_cluster_nine() attributes {c = #walsh.config<elems_per_thread = 8, threads_per_row = 64, rows_per_block = 1, vector_width = 1, cross_warp = shared, cluster = 9>}

// -----

// A slice of a power-of-two row: a cluster of 3 cannot divide it.
func.func @config_cluster_three(%x: tensor<4x1024xf32>) -> tensor<4x1024xf32> {
  // expected-error @+1 {{expects 'elems_per_thread' * 'threads_per_row' * 'cluster' to equal the transform size 1024, got 16 * 64 * 3}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 16, threads_per_row = 64, rows_per_block = 1, vector_width = 4, cross_warp = shared, cluster = 3>) : tensor<4x1024xf32>
  return %0 : tensor<4x1024xf32>
}

// -----

// The grouped layout with a cluster: each block the whole row.
func.func @config_grouped_cluster_size(%x: tensor<4x768xf32>) -> tensor<4x768xf32> {
  // expected-error @+1 {{expects 'elems_per_thread' * 'threads_per_row' to equal the transform size 768 in the grouped layout with 'cluster' > 1 (each block the whole row), got 6 * 64}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 6, threads_per_row = 64, rows_per_block = 1, vector_width = 1, cross_warp = shared, cluster = 2>) : tensor<4x768xf32>
  return %0 : tensor<4x768xf32>
}

// -----

// ... and m / (cluster * g) outputs a thread: 12 / (4 * 2) is not whole.
func.func @config_grouped_cluster_outputs(%x: tensor<4x768xf32>) -> tensor<4x768xf32> {
  // expected-error @+1 {{expects cross_warp = shared, 'vector_width' = 1 and m = 12 a multiple of 'cluster' * g = 4 * 2 in the grouped layout with 'cluster' > 1 (each block m / cluster of H_m's outputs, m / (cluster * g) a thread), got shared and 1}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 6, threads_per_row = 128, rows_per_block = 1, vector_width = 1, cross_warp = shared, cluster = 4>) : tensor<4x768xf32>
  return %0 : tensor<4x768xf32>
}

// -----

func.func @config_grouped_cluster_transpose(%x: tensor<4x768xf32>) -> tensor<4x768xf32> {
  // expected-error @+1 {{expects cross_warp = shared, 'vector_width' = 1 and m = 12 a multiple of 'cluster' * g = 2 * 2 in the grouped layout with 'cluster' > 1 (each block m / cluster of H_m's outputs, m / (cluster * g) a thread), got transpose and 1}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 6, threads_per_row = 128, rows_per_block = 1, vector_width = 1, cross_warp = transpose, cluster = 2>) : tensor<4x768xf32>
  return %0 : tensor<4x768xf32>
}

// -----

// expected-error @+1 {{expects 'rows_per_block' = 1, 'row_iters' = 1 and cross_warp shared or transpose with 'cluster' > 1, got 2, 1 and shared}}
func.func private @config_cluster_rows() attributes {c = #walsh.config<elems_per_thread = 8, threads_per_row = 64, rows_per_block = 2, vector_width = 1, cross_warp = shared, cluster = 2>}

// -----

func.func @config_cluster_size(%x: tensor<4x1024xf32>) -> tensor<4x1024xf32> {
  // expected-error @+1 {{expects 'elems_per_thread' * 'threads_per_row' * 'cluster' to equal the transform size 1024, got 16 * 32 * 4}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 16, threads_per_row = 32, rows_per_block = 1, vector_width = 4, cross_warp = shared, cluster = 4>) : tensor<4x1024xf32>
  return %0 : tensor<4x1024xf32>
}

// -----

func.func @config_cluster_vectors(%x: tensor<4x1024xf32>) -> tensor<4x1024xf32> {
  // expected-error @+1 {{expects a power-of-two size and at least 'cluster' = 8 vectors a thread (elems_per_thread / vector_width), or the grouped layout, with 'cluster' > 1, got d = 1024 and 4}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 16, threads_per_row = 8, rows_per_block = 1, vector_width = 4, cross_warp = shared, cluster = 8>) : tensor<4x1024xf32>
  return %0 : tensor<4x1024xf32>
}

// -----

func.func @config_cluster_dense(%x: tensor<4x768xf32>) -> tensor<4x768xf32> {
  // expected-error @+1 {{expects a power-of-two size and at least 'cluster' = 2 vectors a thread (elems_per_thread / vector_width), or the grouped layout, with 'cluster' > 1, got d = 768 and 12}}
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 12, threads_per_row = 32, rows_per_block = 1, vector_width = 1, cross_warp = shared, cluster = 2>) : tensor<4x768xf32>
  return %0 : tensor<4x768xf32>
}

// -----

// expected-error @+1 {{expects 'rows_per_block' = 1, 'row_iters' = 1 and cross_warp shared or transpose with 'cluster' > 1, got 1, 1 and mma}}
func.func private @config_cluster_mma() attributes {c = #walsh.config<elems_per_thread = 32, threads_per_row = 32, rows_per_block = 1, vector_width = 4, cross_warp = mma, cluster = 2>}
