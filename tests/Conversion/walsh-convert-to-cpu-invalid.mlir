// RUN: walsh-opt %s -split-input-file -walsh-convert-to-cpu -verify-diagnostics

// A GPU configuration cannot drive the CPU lowering.
// expected-error @+1 {{expects a #walsh.cpu_config (or none) for the CPU target, got #walsh.config}}
func.func @gpu_config(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = walsh.stage %x radix 2 stride 1 config(#walsh.config<elems_per_thread = 2, threads_per_row = 2, rows_per_block = 1, vector_width = 2, cross_warp = shared>) : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 config(#walsh.config<elems_per_thread = 2, threads_per_row = 2, rows_per_block = 1, vector_width = 2, cross_warp = shared>) : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// Only the stages of H_d lower: a repeated stage is not a Hadamard transform.
// expected-error @+1 {{expects the stages of H_8 (radix-2 at strides 1 .. 2^2 and one radix-1 stage), in any order}}
func.func @wrong_stages(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x8xf32>
  %1 = walsh.stage %0 radix 2 stride 1 : tensor<?x8xf32>
  %2 = walsh.stage %1 radix 2 stride 4 : tensor<?x8xf32>
  return %2 : tensor<?x8xf32>
}

// -----

// An epilogue must be on the last stage.
func.func @early_epilogue(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{expects only the last stage to carry an epilogue}}
  %0 = walsh.stage %x radix 2 stride 1 scale(2.0) : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// Anything but stages (here an un-decomposed transform) is refused.
func.func @not_decomposed(%x: tensor<?x4xf32>, %a: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xf32>
  // expected-error @+1 {{expects only walsh.stage ops (and one walsh.epilogue) in the function (run walsh-to-stages first), got walsh.transform}}
  %1 = walsh.transform %0 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// Parameters computed in the function (not arguments) are not supported.
func.func @computed_mul(%x: tensor<?x4xf32>, %a: tensor<4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{expects only walsh.stage ops (and one walsh.epilogue) in the function (run walsh-to-stages first), got arith.mulf}}
  %m = arith.mulf %a, %a : tensor<4xf32>
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 mul(%m : tensor<4xf32>) : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// An unfused epilogue op does not lower: walsh-fuse-epilogue folds it first.
func.func @unfused_residual(%x: tensor<?x4xf32>, %r: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xf32>
  // expected-error @+1 {{expects only walsh.stage ops (and one walsh.epilogue) in the function (run walsh-to-stages first), got walsh.residual}}
  %2 = walsh.residual %1, %r : tensor<?x4xf32>
  return %2 : tensor<?x4xf32>
}

// -----

// Nothing may follow the epilogue.
func.func @after_epilogue(%x: tensor<?x4xf32>, %r: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xf32>
  %h = walsh.epilogue %1 residual(%r) : tensor<?x4xf32>
  // expected-error @+1 {{expects the walsh.epilogue to be the last op}}
  %2 = walsh.affine %h scale(2.0) : tensor<?x4xf32>
  return %2 : tensor<?x4xf32>
}

// -----

// A prologue must feed the first stage alone.
func.func @prologue_two_users(%x: tensor<?x2x?x2xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>) {
  // expected-error @+1 {{expects walsh.merge_heads to take the function's first argument and to have one user, the first stage}}
  %m = walsh.merge_heads %x : tensor<?x2x?x2xf32> -> tensor<?x4xf32>
  %0 = walsh.stage %m radix 2 stride 1 : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xf32>
  return %1, %m : tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

// The partials must be the first argument (the kernel's x), the lse a later one.
func.func @combine_args_swapped(%l: tensor<2x?x2xf32>, %p: tensor<2x?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{expects walsh.combine_splits to take the function's first argument and a later argument as 'lse', and to have one user, the first stage}}
  %c = walsh.combine_splits %p, %l : tensor<2x?x4xf32>, tensor<2x?x2xf32> -> tensor<?x4xf32>
  %0 = walsh.stage %c radix 2 stride 1 : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// Row sums: the prologue must feed the first stage alone.
func.func @normalize_two_users(%x: tensor<?x4xf32>, %l: tensor<?x2xf32>) -> (tensor<?x4xf32>, tensor<?x4xf32>) {
  // expected-error @+1 {{expects walsh.normalize_heads to take the function's first argument and a later argument as 'sums', and to have one user, the first stage}}
  %n = walsh.normalize_heads %x, %l : tensor<?x4xf32>, tensor<?x2xf32> -> tensor<?x4xf32>
  %0 = walsh.stage %n radix 2 stride 1 : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xf32>
  return %1, %n : tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

// Only the last stage may cast (walsh-fuse-cast puts it there).
func.func @cast_midway(%x: tensor<?x4xf32>) -> tensor<?x4xbf16> {
  // expected-error @+1 {{expects only the last stage to cast (its element type changes: run walsh-fuse-cast)}}
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xf32> -> tensor<?x4xbf16>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xbf16>
  return %1 : tensor<?x4xbf16>
}

// -----

// After a cast, the norm's weight has y's type.
func.func @norm_weight_type(%x: tensor<?x4xbf16>, %g: tensor<4xbf16>) -> (tensor<?x4xf32>, tensor<?x4xf32>) {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xbf16>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xbf16> -> tensor<?x4xf32>
  // expected-error @+1 {{'walsh.epilogue' op expects 'weight' to have element type 'f32' (that of 'input'), got 'bf16'}}
  %h, %n = walsh.epilogue %1 norm(%g : tensor<4xbf16>) eps(1.0e-06) : tensor<?x4xf32>
  return %h, %n : tensor<?x4xf32>, tensor<?x4xf32>
}

// -----

// The config's pass_order = contiguous_first is for the whole transform:
// not with a fused epilogue past the affine.
// expected-error @+1 {{pass_order = contiguous_first needs the whole transform with no prologue and no fused epilogue past the affine (not the cross-head factor of walsh-split-heads)}}
func.func @narrow_residual(%x: tensor<?x64xf32>, %r: tensor<?x64xf32>) -> tensor<?x64xf32> {
  %0 = walsh.stage %x radix 2 stride 1 config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = false, pass_order = contiguous_first>) : tensor<?x64xf32>
  %1 = walsh.stage %0 radix 2 stride 2 config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = false, pass_order = contiguous_first>) : tensor<?x64xf32>
  %2 = walsh.stage %1 radix 2 stride 4 config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = false, pass_order = contiguous_first>) : tensor<?x64xf32>
  %3 = walsh.stage %2 radix 2 stride 8 config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = false, pass_order = contiguous_first>) : tensor<?x64xf32>
  %4 = walsh.stage %3 radix 2 stride 16 config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = false, pass_order = contiguous_first>) : tensor<?x64xf32>
  %5 = walsh.stage %4 radix 2 stride 32 scale(1.250000e-01) config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = false, pass_order = contiguous_first>) : tensor<?x64xf32>
  %h = walsh.epilogue %5 residual(%r) : tensor<?x64xf32>
  return %h : tensor<?x64xf32>
}
