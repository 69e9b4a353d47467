// RUN: walsh-opt %s -split-input-file -walsh-convert-to-gpu -verify-diagnostics

// expected-error @+1 {{expects the stages to carry a #walsh.config for the GPU target}}
func.func @no_config(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// expected-error @+1 {{expects the stages to carry a #walsh.config for the GPU target}}
func.func @cpu_config(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = walsh.stage %x radix 2 stride 1 config(#walsh.cpu_config<vector_width = 4, levels_per_pass = 2, nontemporal = false>) : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 config(#walsh.cpu_config<vector_width = 4, levels_per_pass = 2, nontemporal = false>) : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// Parameters must be tensor<d x T> (checked for both backends by the chain
// matcher).
// expected-error @+1 {{expects argument 1 to be 'tensor<4xf32>', got 'tensor<8xf32>'}}
func.func @bad_parameter(%x: tensor<?x4xf32>, %a: tensor<8xf32>) -> tensor<?x4xf32> {
  %0 = walsh.stage %x radix 2 stride 1 config(#walsh.config<elems_per_thread = 2, threads_per_row = 2, rows_per_block = 1, vector_width = 2, cross_warp = shared>) : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 config(#walsh.config<elems_per_thread = 2, threads_per_row = 2, rows_per_block = 1, vector_width = 2, cross_warp = shared>) : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// The prefetch of row_iters > 1 copies 4, 8 or 16 bytes per vector: one
// bf16 lane is 2.
// expected-error @+1 {{expects 'row_iters' = 1 for 2-byte vector accesses: the prefetch (cp.async) copies 4, 8 or 16 bytes}}
func.func @prefetch_narrow(%x: tensor<?x4xbf16>) -> tensor<?x4xbf16> {
  %0 = walsh.stage %x radix 2 stride 1 config(#walsh.config<elems_per_thread = 2, threads_per_row = 2, rows_per_block = 1, vector_width = 1, cross_warp = shared, row_iters = 2>) : tensor<?x4xbf16>
  %1 = walsh.stage %0 radix 2 stride 2 config(#walsh.config<elems_per_thread = 2, threads_per_row = 2, rows_per_block = 1, vector_width = 1, cross_warp = shared, row_iters = 2>) : tensor<?x4xbf16>
  return %1 : tensor<?x4xbf16>
}

// -----

// Row groups prefetch one row, not K split-KV partials.
// expected-error @+1 {{expects 'row_iters' = 1 with walsh.combine_splits: the prefetch copies one row, not K partials}}
func.func @splits_row_groups(%p: tensor<2x?x32xbf16>, %l: tensor<2x?x2xf32>) -> tensor<?x32xbf16> {
  %r = walsh.combine_splits %p, %l : tensor<2x?x32xbf16>, tensor<2x?x2xf32> -> tensor<?x32xbf16>
  %0 = walsh.stage %r radix 2 stride 1 config(#walsh.config<elems_per_thread = 8, threads_per_row = 4, rows_per_block = 8, vector_width = 8, cross_warp = shared, row_iters = 4>) : tensor<?x32xbf16>
  %1 = walsh.stage %0 radix 2 stride 2 config(#walsh.config<elems_per_thread = 8, threads_per_row = 4, rows_per_block = 8, vector_width = 8, cross_warp = shared, row_iters = 4>) : tensor<?x32xbf16>
  %2 = walsh.stage %1 radix 2 stride 4 config(#walsh.config<elems_per_thread = 8, threads_per_row = 4, rows_per_block = 8, vector_width = 8, cross_warp = shared, row_iters = 4>) : tensor<?x32xbf16>
  %3 = walsh.stage %2 radix 2 stride 8 config(#walsh.config<elems_per_thread = 8, threads_per_row = 4, rows_per_block = 8, vector_width = 8, cross_warp = shared, row_iters = 4>) : tensor<?x32xbf16>
  %4 = walsh.stage %3 radix 2 stride 16 config(#walsh.config<elems_per_thread = 8, threads_per_row = 4, rows_per_block = 8, vector_width = 8, cross_warp = shared, row_iters = 4>) : tensor<?x32xbf16>
  return %4 : tensor<?x32xbf16>
}

// -----

// The split layout's rows span m groups of threads; the fused norm's
// reduction takes a power-of-two group.
// expected-error @+1 {{expects 'elems_per_thread' to be a multiple of the dense factor 12 with a fused norm: the split layout's rows span 12 groups of threads, which the norm's reduction does not}}
func.func @split_norm(%x: tensor<?x48xf32>, %r: tensor<?x48xf32>, %g: tensor<48xf32>) -> (tensor<?x48xf32>, tensor<?x48xf32>) {
  %0 = walsh.stage %x radix 2 stride 1 config(#walsh.config<elems_per_thread = 4, threads_per_row = 12, rows_per_block = 2, vector_width = 4, cross_warp = shared>) : tensor<?x48xf32>
  %1 = walsh.stage %0 radix 2 stride 2 config(#walsh.config<elems_per_thread = 4, threads_per_row = 12, rows_per_block = 2, vector_width = 4, cross_warp = shared>) : tensor<?x48xf32>
  %2 = walsh.stage %1 radix 12 stride 4 scale(0.14433756729740646) config(#walsh.config<elems_per_thread = 4, threads_per_row = 12, rows_per_block = 2, vector_width = 4, cross_warp = shared>) : tensor<?x48xf32>
  %h, %n = walsh.epilogue %2 residual(%r) norm(%g : tensor<48xf32>) eps(1.0e-06) : tensor<?x48xf32>
  return %h, %n : tensor<?x48xf32>, tensor<?x48xf32>
}

// -----

// A cluster runs the plain transform and affine: not a fused epilogue.
// expected-error @+1 {{expects 'cluster' = 1 with a prologue, a fused epilogue or the cross-head factor alone: a cluster runs the plain transform and affine}}
func.func @cluster_epilogue(%x: tensor<?x16xf32>, %r: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %0 = walsh.stage %x radix 2 stride 1 config(#walsh.config<elems_per_thread = 8, threads_per_row = 1, rows_per_block = 1, vector_width = 4, cross_warp = shared, cluster = 2>) : tensor<?x16xf32>
  %1 = walsh.stage %0 radix 2 stride 2 config(#walsh.config<elems_per_thread = 8, threads_per_row = 1, rows_per_block = 1, vector_width = 4, cross_warp = shared, cluster = 2>) : tensor<?x16xf32>
  %2 = walsh.stage %1 radix 2 stride 4 config(#walsh.config<elems_per_thread = 8, threads_per_row = 1, rows_per_block = 1, vector_width = 4, cross_warp = shared, cluster = 2>) : tensor<?x16xf32>
  %3 = walsh.stage %2 radix 2 stride 8 scale(0.25) config(#walsh.config<elems_per_thread = 8, threads_per_row = 1, rows_per_block = 1, vector_width = 4, cross_warp = shared, cluster = 2>) : tensor<?x16xf32>
  %h = walsh.epilogue %3 residual(%r) : tensor<?x16xf32>
  return %h : tensor<?x16xf32>
}

// -----

// The half layout runs the plain transform and affine: not a fused
// epilogue (d = 48 = 12 * 4: one element of 6 dense indices over 8 threads).
// expected-error @+1 {{expects no prologue, fused epilogue or cross-head factor alone in the grouped layout ('elems_per_thread' = m / 2 = 6): it runs the plain transform and affine}}
func.func @half_epilogue(%x: tensor<?x48xf32>, %r: tensor<?x48xf32>) -> tensor<?x48xf32> {
  %0 = walsh.stage %x radix 2 stride 1 config(#walsh.config<elems_per_thread = 6, threads_per_row = 8, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x48xf32>
  %1 = walsh.stage %0 radix 2 stride 2 config(#walsh.config<elems_per_thread = 6, threads_per_row = 8, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x48xf32>
  %2 = walsh.stage %1 radix 12 stride 4 scale(0.14433756729740646) config(#walsh.config<elems_per_thread = 6, threads_per_row = 8, rows_per_block = 1, vector_width = 1, cross_warp = shared>) : tensor<?x48xf32>
  %h = walsh.epilogue %2 residual(%r) : tensor<?x48xf32>
  return %h : tensor<?x48xf32>
}
