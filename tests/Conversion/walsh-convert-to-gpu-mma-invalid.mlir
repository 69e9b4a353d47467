// RUN: walsh-opt %s -split-input-file -walsh-to-stages -walsh-convert-to-gpu -verify-diagnostics

// cross_warp = mma multiplies 16-bit operands.
// expected-error @+1 {{expects 16-bit rows (bf16 or f16) for cross_warp = mma, or fp32 rows with H_m on tensor cores ('vector_width' = 2, a dense factor and 2^k = 8 ... 64) or in the split layout of a dense factor: the tensor-core stages multiply 16-bit operands}}
func.func @mma_f32(%x: tensor<?x1024xf32>) -> tensor<?x1024xf32> {
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 32, rows_per_block = 8, vector_width = 4, cross_warp = mma>) : tensor<?x1024xf32>
  return %0 : tensor<?x1024xf32>
}

// -----

// fp32 rows in the split layout on tensor cores take 16-byte accesses (four
// values); 'vector_width' = 8 is the 16-bit rows' m-point stage on tensor
// cores, which fp32's always is.
// expected-error @+1 {{expects 'vector_width' = 4 for fp32 rows in the split layout on tensor cores (16-byte accesses; their m-point stage is on tensor cores already), got 8}}
func.func @mma_split_f32_v8(%x: tensor<?x13312xf32>) -> tensor<?x13312xf32> {
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 416, rows_per_block = 1, vector_width = 8, cross_warp = mma>) : tensor<?x13312xf32>
  return %0 : tensor<?x13312xf32>
}

// -----

// ... and lowers a plain transform and affine only.
// expected-error @+1 {{expects a plain transform and affine for cross_warp = mma: no prologue (bhsd merge, split-KV combine, row sums), fused residual or norm, or cross-head-only chain}}
func.func @mma_residual(%x: tensor<?x1024xbf16>, %r: tensor<?x1024xbf16>) -> tensor<?x1024xbf16> {
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 32, rows_per_block = 8, vector_width = 4, cross_warp = mma>) : tensor<?x1024xbf16>
  %1 = walsh.residual %0, %r : tensor<?x1024xbf16>
  return %1 : tensor<?x1024xbf16>
}

// -----

// The split layout on tensor cores: a warp g dense indices (32 m / g threads a
// row), 'vector_width' = 4, one row a block, 2^k >= 256.
// expected-error @+2 {{expects 'threads_per_row' = 32 m / g = 32 * 12 / g (g dense indices a warp, a power of two), 'vector_width' = 4 (or 8: H_m on tensor cores), 'rows_per_block' = 1 and 2^k >= 256 for cross_warp = mma in the split layout, got 384, 4, 2 and 2^k = 1024}}
func.func @mma_split_rows(%x: tensor<?x12288xbf16>) -> tensor<?x12288xbf16> {
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 384, rows_per_block = 2, vector_width = 4, cross_warp = mma>) : tensor<?x12288xbf16>
  return %0 : tensor<?x12288xbf16>
}

// -----

// expected-error @+2 {{expects 'threads_per_row' = 32 m / g = 32 * 12 / g (g dense indices a warp, a power of two), 'vector_width' = 4 (or 8: H_m on tensor cores), 'rows_per_block' = 1 and 2^k >= 256 for cross_warp = mma in the split layout, got 768, 4, 1 and 2^k = 1024}}
func.func @mma_split_threads(%x: tensor<?x12288xbf16>) -> tensor<?x12288xbf16> {
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 16, threads_per_row = 768, rows_per_block = 1, vector_width = 4, cross_warp = mma>) : tensor<?x12288xbf16>
  return %0 : tensor<?x12288xbf16>
}

// -----

// 2^k = 128: the tiles of 256 need all eight bits of a position.
// expected-error @+2 {{expects 'threads_per_row' = 32 m / g = 32 * 12 / g (g dense indices a warp, a power of two), 'vector_width' = 4 (or 8: H_m on tensor cores), 'rows_per_block' = 1 and 2^k >= 256 for cross_warp = mma in the split layout, got 384, 4, 1 and 2^k = 128}}
func.func @mma_split_small(%x: tensor<?x1536xbf16>) -> tensor<?x1536xbf16> {
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 4, threads_per_row = 384, rows_per_block = 1, vector_width = 4, cross_warp = mma>) : tensor<?x1536xbf16>
  return %0 : tensor<?x1536xbf16>
}

// -----

// H_m on tensor cores in the split layout ('vector_width' = 8) writes the
// rows' own type: no output cast.
// expected-error @+1 {{expects no output cast for H_m on tensor cores in the split layout ('vector_width' = 8): its m-point stage writes the rows' type}}
func.func @mma_split_hm_cast(%x: tensor<?x13312xbf16>) -> tensor<?x13312xf32> {
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 416, rows_per_block = 1, vector_width = 8, cross_warp = mma>) : tensor<?x13312xbf16>
  %1 = walsh.cast %0 : tensor<?x13312xbf16> -> tensor<?x13312xf32>
  return %1 : tensor<?x13312xf32>
}

// -----

// The split layout on tensor cores of a power-of-two d (cross_warp = mma
// over 128 threads or more: M = threads_per_row / 32 warps a row, one d /
// M each): one row a block, d / M >= 256.
// expected-error @+2 {{expects 'vector_width' = 4 (or 8: H_M on tensor cores), 'rows_per_block' = 1 and d / M >= 256 for cross_warp = mma in the split layout of a power-of-two d (M = 'threads_per_row' / 32 = 16 warps a row, one d / M each), got 4, 2 and d / M = 1024}}
func.func @mma_split_pow2_rows(%x: tensor<?x16384xbf16>) -> tensor<?x16384xbf16> {
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 512, rows_per_block = 2, vector_width = 4, cross_warp = mma>) : tensor<?x16384xbf16>
  return %0 : tensor<?x16384xbf16>
}

// -----

// expected-error @+2 {{expects 'vector_width' = 4 (or 8: H_M on tensor cores), 'rows_per_block' = 1 and d / M >= 256 for cross_warp = mma in the split layout of a power-of-two d (M = 'threads_per_row' / 32 = 8 warps a row, one d / M each), got 4, 1 and d / M = 128}}
func.func @mma_split_pow2_small(%x: tensor<?x1024xf16>) -> tensor<?x1024xf16> {
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 4, threads_per_row = 256, rows_per_block = 1, vector_width = 4, cross_warp = mma>) : tensor<?x1024xf16>
  return %0 : tensor<?x1024xf16>
}

// -----

// (Over 64 threads a row a power-of-two d has no dense factor to split.)
// expected-error @+2 {{expects a dense factor and 2^k >= 256 for cross_warp = mma over 64 threads a row, got d = 4096}}
func.func @mma_pow2_two_warps(%x: tensor<?x4096xbf16>) -> tensor<?x4096xbf16> {
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 64, threads_per_row = 64, rows_per_block = 1, vector_width = 4, cross_warp = mma>) : tensor<?x4096xbf16>
  return %0 : tensor<?x4096xbf16>
}

// -----

// 'row_iters' for cross_warp = mma: the grids ahead of the L2 prefetch of
// the rows, at most 4.
// expected-error @+2 {{expects 'row_iters' to be 1 to 4 for cross_warp = mma (its blocks take row groups in turn whatever the grid; from 2, each prefetches into L2 the group that many grids on), got 8}}
func.func @mma_split_rows_ahead(%x: tensor<?x16384xbf16>) -> tensor<?x16384xbf16> {
  %0 = walsh.transform %x config(#walsh.config<elems_per_thread = 32, threads_per_row = 512, rows_per_block = 1, vector_width = 4, cross_warp = mma, row_iters = 8>) : tensor<?x16384xbf16>
  return %0 : tensor<?x16384xbf16>
}
