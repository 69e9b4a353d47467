// RUN: walsh-opt %s -split-input-file -walsh-to-stages -walsh-convert-to-cpu | FileCheck %s

// bf16 rows, d = 256, a multiplier, nontemporal: two entry points over
// strided memrefs; scale * a prepared once in fp32; per row a prefetch of
// the next row, 8-lane fp32 vectors, shuffles + FMA inside vectors,
// add/sub between them, a vectorized round-to-nearest-even bf16 store, and
// the "_nt" entry's last stores non-temporal. No scalar loads or stores.
// CHECK-LABEL: func.func @outproj(
// CHECK-SAME: %[[X:.*]]: memref<?x256xbf16, strided<[?, 1], offset: ?>>, %[[Y:.*]]: memref<?x256xbf16, strided<[?, 1], offset: ?>>, %[[A:.*]]: memref<256xbf16>)
// CHECK-SAME: attributes {llvm.emit_c_interface}
// CHECK: %[[SCRATCH:.*]] = memref.alloca() {alignment = 64 : i64} : memref<256xf32>
// CHECK: %[[AS:.*]] = memref.alloca() {alignment = 64 : i64} : memref<256xf32>
// CHECK: vector.load %[[A]][%{{.*}}] : memref<256xbf16>, vector<8xbf16>
// CHECK: arith.mulf %{{.*}}, %{{.*}} : vector<8xf32>
// CHECK: vector.store %{{.*}}, %[[AS]][%{{.*}}] : memref<256xf32>, vector<8xf32>
// The first pass: radix-2 at strides 64 and 128 between four vectors,
// read from x, written to the scratch row, each store with a prefetch of
// the first half of the next row into L2 (locality 2: prefetcht1; the
// second pass prefetches the rest).
// CHECK: scf.for %[[R:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK: vector.load %[[X]][%[[R]], %{{.*}}] : memref<?x256xbf16, strided<[?, 1], offset: ?>>, vector<8xbf16>
// CHECK: arith.addf %{{.*}} : vector<8xf32>
// CHECK: arith.subf %{{.*}} : vector<8xf32>
// CHECK: arith.divui %{{.*}}, %c2{{.*}} : index
// CHECK: memref.prefetch %[[X]][%{{.*}}, %{{.*}}], read, locality<2>, data
// CHECK-NEXT: vector.store %{{.*}}, %[[SCRATCH]][%{{.*}}] : memref<256xf32>, vector<8xf32>
// The contiguous pass: levels inside vectors, then between them, then the
// epilogue (one FMA) and the store to y.
// CHECK: vector.load %[[SCRATCH]]
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [1, 0, 3, 2, 5, 4, 7, 6] : vector<8xf32>, vector<8xf32>
// CHECK: vector.fma
// CHECK: arith.addf %{{.*}} : vector<8xf32>
// CHECK: arith.subf %{{.*}} : vector<8xf32>
// CHECK: vector.load %[[AS]]
// CHECK: arith.mulf
// CHECK: arith.addi %{{.*}} : vector<8xi32>
// CHECK: arith.shrui %{{.*}} : vector<8xi32>
// CHECK: arith.trunci %{{.*}} : vector<8xi32> to vector<8xi16>
// CHECK: vector.store %{{.*}}, %[[Y]][%[[R]], %{{.*}}] : memref<?x256xbf16, strided<[?, 1], offset: ?>>, vector<8xbf16>
// CHECK-NOT: nontemporal = true
// CHECK-LABEL: func.func @outproj_nt(
// CHECK-SAME: walsh.nontemporal_alignment = 16 : i64
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}, %{{.*}}] {nontemporal = true} : memref<?x256xbf16, strided<[?, 1], offset: ?>>, vector<8xbf16>
// CHECK-NOT: memref.load
// CHECK-NOT: memref.store
func.func @outproj(%x: tensor<?x256xbf16>, %a: tensor<256xbf16>) -> tensor<?x256xbf16> {
  %0 = walsh.transform %x config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = true>) : tensor<?x256xbf16>
  %1 = walsh.affine %0 mul(%a : tensor<256xbf16>) : tensor<?x256xbf16>
  return %1 : tensor<?x256xbf16>
}

// -----

// d = 48 = 12 * 4 in f32 with vector_width 4: the dense 12-point pass runs
// first (twelve vectors 4 apart), the contiguous pass last. Without
// nontemporal there is one entry point.
// CHECK-LABEL: func.func @dense(
// CHECK: scf.for
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-COUNT-12: vector.load %{{.*}} : memref<?x48xf32, strided<[?, 1], offset: ?>>, vector<4xf32>
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [1, 0, 3, 2] : vector<4xf32>, vector<4xf32>
// CHECK-NOT: func.func @dense_nt
func.func @dense(%x: tensor<?x48xf32>) -> tensor<?x48xf32> {
  %0 = walsh.transform %x transpose config(#walsh.cpu_config<vector_width = 4, levels_per_pass = 2, nontemporal = false>) : tensor<?x48xf32>
  return %0 : tensor<?x48xf32>
}

// -----

// H_m in row blocks (cpuHmRowBlocks): from m = 36 the dense pass emits
// m / 4 programs of four outputs each over the m loaded vectors, each
// block's four stores before the next block's additions (d = 144 = 36 x 4:
// nine blocks). m = 28 (d = 112) keeps the whole program: its 28 stores
// after the last addition.
// CHECK-LABEL: func.func @row_blocks(
// CHECK-COUNT-36: vector.load %{{.*}} : memref<?x144xf32, strided<[?, 1], offset: ?>>, vector<4xf32>
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<144xf32>, vector<4xf32>
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<144xf32>, vector<4xf32>
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<144xf32>, vector<4xf32>
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<144xf32>, vector<4xf32>
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<144xf32>, vector<4xf32>
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<144xf32>, vector<4xf32>
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<144xf32>, vector<4xf32>
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<144xf32>, vector<4xf32>
// CHECK: arith.{{addf|subf}}
// CHECK-COUNT-4: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<144xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: scf.for
// CHECK-LABEL: func.func @whole_28(
// CHECK-COUNT-28: vector.load %{{.*}} : memref<?x112xf32, strided<[?, 1], offset: ?>>, vector<4xf32>
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
// CHECK-NOT: arith.{{addf|subf}}
// CHECK: vector.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<112xf32>, vector<4xf32>
func.func @row_blocks(%x: tensor<?x144xf32>) -> tensor<?x144xf32> {
  %0 = walsh.transform %x config(#walsh.cpu_config<vector_width = 4, levels_per_pass = 2, nontemporal = false>) : tensor<?x144xf32>
  return %0 : tensor<?x144xf32>
}
func.func @whole_28(%x: tensor<?x112xf32>) -> tensor<?x112xf32> {
  %0 = walsh.transform %x config(#walsh.cpu_config<vector_width = 4, levels_per_pass = 2, nontemporal = false>) : tensor<?x112xf32>
  return %0 : tensor<?x112xf32>
}

// -----

// Rows of one lane (d = m = 60) have no non-temporal store: one entry
// point even with nontemporal, and no body shared with one.
// CHECK-LABEL: func.func @single(
// CHECK-NOT: nontemporal = true
// CHECK: vector.store %{{.*}} : memref<?x60xf32, strided<[?, 1], offset: ?>>, vector<1xf32>
// CHECK-NOT: func.func @single_nt
// CHECK-NOT: @single_body
func.func @single(%x: tensor<?x60xf32>) -> tensor<?x60xf32> {
  %0 = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = true>) : tensor<?x60xf32>
  return %0 : tensor<?x60xf32>
}

// -----

// With nontemporal and a dense factor of 52 or 60 (here d = 208 = 52 x 4),
// the two entry points call one private body (internal, never inlined:
// its H_m pass is compiled once, not twice) with a flag that picks the
// last pass's non-temporal form.
// CHECK-LABEL: func.func private @shared_body(
// CHECK-SAME: %{{.*}}: memref<?x208xf32, strided<[?, 1], offset: ?>>, %{{.*}}: memref<?x208xf32, strided<[?, 1], offset: ?>>, %[[NT:.*]]: i1)
// CHECK-SAME: attributes {llvm.linkage = #llvm.linkage<internal>, no_inline}
// CHECK-COUNT-52: vector.load %{{.*}} : memref<?x208xf32, strided<[?, 1], offset: ?>>, vector<4xf32>
// CHECK: scf.if %[[NT]] {
// CHECK: vector.store %{{.*}} {nontemporal = true} : memref<?x208xf32, strided<[?, 1], offset: ?>>, vector<4xf32>
// CHECK: } else {
// CHECK-NOT: nontemporal = true
// CHECK: vector.store %{{.*}} : memref<?x208xf32, strided<[?, 1], offset: ?>>, vector<4xf32>
// CHECK-LABEL: func.func @shared(
// CHECK-NEXT: %[[F:.*]] = arith.constant false
// CHECK-NEXT: call @shared_body(%{{.*}}, %{{.*}}, %[[F]])
// CHECK-NEXT: return
// CHECK-LABEL: func.func @shared_nt(
// CHECK-NEXT: %[[T:.*]] = arith.constant true
// CHECK-NEXT: call @shared_body(%{{.*}}, %{{.*}}, %[[T]])
func.func @shared(%x: tensor<?x208xf32>) -> tensor<?x208xf32> {
  %0 = walsh.transform %x config(#walsh.cpu_config<vector_width = 4, levels_per_pass = 2, nontemporal = true>) : tensor<?x208xf32>
  return %0 : tensor<?x208xf32>
}

// -----

// Functions that are not stage chains are left alone, even when their
// argument and result types agree.
// CHECK-LABEL: func.func @unrelated(
// CHECK-SAME: %{{.*}}: tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK: arith.addf
func.func @unrelated(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = arith.addf %x, %x : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// d = 1 has no stages: the kernel only applies the epilogue.
// CHECK-LABEL: func.func @one(
// CHECK-SAME: memref<?x1xf32, strided<[?, 1], offset: ?>>
// CHECK: vector.load
// CHECK: vector.store
func.func @one(%x: tensor<?x1xf32>, %a: tensor<1xf32>) -> tensor<?x1xf32> {
  %t = walsh.transform %x : tensor<?x1xf32>
  %y = walsh.affine %t mul(%a : tensor<1xf32>) : tensor<?x1xf32>
  return %y : tensor<?x1xf32>
}

// -----

// The fused epilogue (residual add, LayerNorm) on the CPU: arguments x, y,
// residual, weight, bias, then the normalised output; weight and bias
// prepared once in fp32; the last pass adds the residual and keeps h in the
// fp32 scratch row; then per row the mean and the squared deviations
// (vector accumulators, one reduction each), sqrt, and one loop that writes
// h to y and the normalised row.
// CHECK-LABEL: func.func @norm(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x64xf32, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x64xf32, strided<[?, 1], offset: ?>>, %[[R:[^:]*]]: memref<?x64xf32, strided<[?, 1], offset: ?>>, %[[G:[^:]*]]: memref<64xf32>, %[[B:[^:]*]]: memref<64xf32>, %[[N:[^:]*]]: memref<?x64xf32, strided<[?, 1], offset: ?>>)
// CHECK: %[[SCRATCH:.*]] = memref.alloca() {alignment = 64 : i64} : memref<64xf32>
// CHECK: scf.for %[[ROW:.*]] = %{{.*}} to %{{.*}} step
// CHECK: vector.load %[[R]][%[[ROW]],
// CHECK: vector.store %{{.*}}, %[[SCRATCH]][
// CHECK-NOT: vector.store %{{.*}}, %[[Y]]
// CHECK: scf.for {{.*}} iter_args({{.*}}) -> (vector<8xf32>)
// CHECK: vector.reduction <add>
// CHECK: scf.for {{.*}} iter_args({{.*}}) -> (vector<8xf32>)
// CHECK: vector.reduction <add>
// CHECK: llvm.intr.sqrt
// CHECK: scf.for
// CHECK: vector.store %{{.*}}, %[[Y]][%[[ROW]],
// CHECK: vector.store %{{.*}}, %[[N]][%[[ROW]],
func.func @norm(%x: tensor<?x64xf32>, %r: tensor<?x64xf32>, %g: tensor<64xf32>, %b: tensor<64xf32>) -> (tensor<?x64xf32>, tensor<?x64xf32>) {
  %t = walsh.transform %x : tensor<?x64xf32>
  %h = walsh.residual %t, %r : tensor<?x64xf32>
  %n = walsh.layer_norm %h weight(%g : tensor<64xf32>) bias(%b : tensor<64xf32>) eps(1.0e-05) : tensor<?x64xf32>
  return %h, %n : tensor<?x64xf32>, tensor<?x64xf32>
}

// -----

// The cross-head factor alone (a function walsh-split-heads marked with
// walsh.head_dim = 64): the passes start at stride 64, no level inside a
// vector; the dense H_12 pass first: the 12 blocks' vectors loaded, then
// H_12 as a sign program of 56 additions, subtractions and negations
// (emitBaseProduct; the dense product took 132), then the 12 stores.
// CHECK-LABEL: func.func @cross_head(
// CHECK-NOT: vector.shuffle
// CHECK-COUNT-12: vector.load
// CHECK-NOT: vector.load
// CHECK-COUNT-56: arith.{{addf|subf|negf}}
// CHECK-NOT: arith.{{addf|subf|negf}}
// CHECK-COUNT-12: vector.store
// CHECK: return
func.func @cross_head(%x: tensor<?x768xf32>) -> tensor<?x768xf32> attributes {walsh.head_dim = 64 : i64} {
  %0 = walsh.stage %x radix 12 stride 64 : tensor<?x768xf32>
  return %0 : tensor<?x768xf32>
}

// -----

// The head merge folded into the first pass's loads: x is the strided
// [batch, heads, seq, head_dim] memref, each row's (batch, seq) computed
// once, each vector read at [b, i / 16, s, i % 16], the next token's
// vector prefetched.
// CHECK-LABEL: func.func @bhsd(
// CHECK-SAME: %[[X:.*]]: memref<?x4x?x16xbf16, strided<[?, ?, ?, 1], offset: ?>>, %{{.*}}: memref<?x64xbf16, strided<[?, 1], offset: ?>>)
// CHECK: %[[SEQ:.*]] = memref.dim %[[X]], %c2
// CHECK: %[[BATCH:.*]] = memref.dim %[[X]], %c0
// CHECK: %[[ROWS:.*]] = arith.muli %[[BATCH]], %[[SEQ]]
// CHECK: scf.for %[[R:.*]] = %{{.*}} to %[[ROWS]]
// CHECK: %[[B:.*]] = arith.divui %[[R]]
// CHECK: %[[S:.*]] = arith.remui %[[R]]
// CHECK: %[[NB:.*]] = arith.divui %[[NEXT:[^,]*]],
// CHECK: %[[NS:.*]] = arith.remui %[[NEXT]],
// CHECK: %[[H:.*]] = arith.shrui %{{.*}}, %c4
// CHECK: %[[E:.*]] = arith.andi %{{.*}}, %c15
// CHECK: memref.prefetch %[[X]][%[[NB]], %[[H]], %[[NS]], %[[E]]], read, locality<3>, data
// CHECK: vector.load %[[X]][%[[B]], %[[H]], %[[S]], %[[E]]] : memref<?x4x?x16xbf16, strided<[?, ?, ?, 1], offset: ?>>, vector<8xbf16>
func.func @bhsd(%x: tensor<?x4x?x16xbf16>) -> tensor<?x64xbf16> {
  %r = walsh.merge_heads %x : tensor<?x4x?x16xbf16> -> tensor<?x64xbf16>
  %y = walsh.transform %r : tensor<?x64xbf16>
  return %y : tensor<?x64xbf16>
}

// -----

// The split-KV combine: per row, each head's weights exp(lse_k - max) /
// sum into a K * heads scratch; each input vector is the weighted sum of
// the K partials' vectors (fp32 FMAs).
// CHECK-LABEL: func.func @splits(
// CHECK-SAME: %[[P:.*]]: memref<3x?x64xf32, strided<[?, ?, 1], offset: ?>>, %{{.*}}: memref<?x64xf32, strided<[?, 1], offset: ?>>, %[[L:.*]]: memref<3x?x4xf32, strided<[?, ?, 1], offset: ?>>)
// CHECK: %[[ROWS:.*]] = memref.dim %[[P]], %c1{{.*}}
// CHECK: %[[W:.*]] = memref.alloca() {alignment = 64 : i64} : memref<12xf32>
// CHECK: scf.for %[[R:.*]] = %{{.*}} to %[[ROWS]]
// CHECK: scf.for %[[H:.*]] =
// CHECK-COUNT-3: memref.load %[[L]][%{{.*}}, %[[R]], %[[H]]]
// CHECK-COUNT-2: arith.maximumf
// CHECK-COUNT-3: llvm.intr.exp
// CHECK-COUNT-3: memref.store %{{.*}}, %[[W]]
// CHECK: memref.load %[[W]]
// CHECK: vector.load %[[P]][%c0{{.*}}, %[[R]], %{{.*}}]
// CHECK: arith.mulf %{{.*}} : vector<8xf32>
// CHECK: vector.load %[[P]][%c1{{.*}}, %[[R]], %{{.*}}]
// CHECK: vector.fma
// CHECK: vector.load %[[P]][%c2{{.*}}, %[[R]], %{{.*}}]
// CHECK: vector.fma
func.func @splits(%p: tensor<3x?x64xf32>, %l: tensor<3x?x4xf32>) -> tensor<?x64xf32> {
  %r = walsh.combine_splits %p, %l : tensor<3x?x64xf32>, tensor<3x?x4xf32> -> tensor<?x64xf32>
  %y = walsh.transform %r : tensor<?x64xf32>
  return %y : tensor<?x64xf32>
}

// -----

// The row-sum normalisation: per row, 1 / sum per head into a scratch of
// heads; each input vector scaled by its head's.
// CHECK-LABEL: func.func @row_sums(
// CHECK-SAME: %[[X:.*]]: memref<?x64xf16, strided<[?, 1], offset: ?>>, %{{.*}}: memref<?x64xf16, strided<[?, 1], offset: ?>>, %[[L:.*]]: memref<?x4xf32, strided<[?, 1], offset: ?>>)
// CHECK: %[[W:.*]] = memref.alloca() {alignment = 64 : i64} : memref<4xf32>
// CHECK: scf.for %[[R:.*]] =
// CHECK: scf.for %[[H:.*]] =
// CHECK: %[[S:.*]] = memref.load %[[L]][%[[R]], %[[H]]]
// CHECK: %[[INV:.*]] = arith.divf %{{.*}}, %[[S]] : f32
// CHECK: memref.store %[[INV]], %[[W]][%[[H]]]
// CHECK: memref.load %[[W]]
// CHECK: vector.load %[[X]][%[[R]], %{{.*}}]
// CHECK: arith.mulf %{{.*}} : vector<8xf32>
func.func @row_sums(%x: tensor<?x64xf16>, %l: tensor<?x4xf32>) -> tensor<?x64xf16> {
  %r = walsh.normalize_heads %x, %l : tensor<?x64xf16>, tensor<?x4xf32> -> tensor<?x64xf16>
  %y = walsh.transform %r : tensor<?x64xf16>
  return %y : tensor<?x64xf16>
}

// -----

// The output cast on the CPU: x and a bf16, y, the residual, the norm's
// weight and the normalised rows f16. a is prepared from bf16, the weight
// from f16; the residual loads as f16; y and the normalised rows store f16
// (a truncation, not bf16's integer rounding); the non-temporal entry
// point's alignment is that of an f16 vector.
// CHECK-LABEL: func.func @cast(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x64xbf16, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x64xf16, strided<[?, 1], offset: ?>>, %[[A:[^:]*]]: memref<64xbf16>, %[[R:[^:]*]]: memref<?x64xf16, strided<[?, 1], offset: ?>>, %[[G:[^:]*]]: memref<64xf16>, %[[N:[^:]*]]: memref<?x64xf16, strided<[?, 1], offset: ?>>)
// CHECK: vector.load %[[A]][{{.*}}] : memref<64xbf16>, vector<8xbf16>
// CHECK: vector.load %[[G]][{{.*}}] : memref<64xf16>, vector<8xf16>
// CHECK: vector.load %[[X]][{{.*}}] : memref<?x64xbf16, strided<[?, 1], offset: ?>>, vector<8xbf16>
// CHECK: vector.load %[[R]][{{.*}}] : memref<?x64xf16, strided<[?, 1], offset: ?>>, vector<8xf16>
// CHECK: %[[H:.*]] = arith.truncf %{{.*}} : vector<8xf32> to vector<8xf16>
// CHECK-NEXT: vector.store %[[H]], %[[Y]][
// CHECK: %[[NV:.*]] = arith.truncf %{{.*}} : vector<8xf32> to vector<8xf16>
// CHECK-NEXT: vector.store %[[NV]], %[[N]][
// CHECK-LABEL: func.func @cast_nt(
// CHECK-SAME: walsh.nontemporal_alignment = 16 : i64
func.func @cast(%x: tensor<?x64xbf16>, %a: tensor<64xbf16>, %r: tensor<?x64xf16>, %g: tensor<64xf16>) -> (tensor<?x64xf16>, tensor<?x64xf16>) {
  %t = walsh.transform %x config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = true>) : tensor<?x64xbf16>
  %y = walsh.affine %t mul(%a : tensor<64xbf16>) : tensor<?x64xbf16>
  %c = walsh.cast %y : tensor<?x64xbf16> -> tensor<?x64xf16>
  %h = walsh.residual %c, %r : tensor<?x64xf16>
  %n = walsh.rms_norm %h weight(%g : tensor<64xf16>) eps(1.0e-06) : tensor<?x64xf16>
  return %h, %n : tensor<?x64xf16>, tensor<?x64xf16>
}

// -----

// Three passes (d = 16384, 16 lanes, 4 levels a pass: 4 inside vectors,
// then 10 between them spread as 4, 3, 3): the first reads x at the widest
// stride; the two after it run block by block over 2048-element pieces of
// the scratch row (the second pass's span: 8 vectors 256 apart), so each
// block stays in L1; the last writes y. Every pass prefetches its third of
// the next row, element (k * d + i) / 3, so the memory reads go on through
// all three; each body once a cache line of its share, before its stores:
// the first two passes' bodies of 8 vectors (128 elements) three times, at
// i = first + 48 s; the last pass's bodies of 16 vectors six times.
// CHECK-LABEL: func.func @blocked(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x16384xf32, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x16384xf32, strided<[?, 1], offset: ?>>)
// CHECK: scf.for %[[ROW:.*]] = %{{.*}} to %{{.*}} step
// CHECK: vector.load %[[X]][%[[ROW]],
// CHECK: arith.divui %{{.*}}, %c3{{.*}} : index
// CHECK-NEXT: arith.constant -16 : index
// CHECK-NEXT: arith.andi
// CHECK-NEXT: memref.prefetch %[[X]][%[[NEXT:.*]], %{{.*}}], read, locality<2>, data
// CHECK-NEXT: arith.constant 3 : index
// CHECK-NEXT: arith.constant 48 : index
// CHECK-NEXT: arith.addi
// CHECK-COUNT-2: memref.prefetch %[[X]][%[[NEXT]], %{{.*}}], read, locality<2>, data
// CHECK-NEXT: vector.store %{{.*}} : memref<16384xf32>, vector<16xf32>
// CHECK-NOT: memref.prefetch
// CHECK: scf.for %[[BLK:.*]] = %{{.*}} to %c16384{{.*}} step %c2048
// CHECK-NOT: vector.load %[[X]]
// CHECK: scf.for %{{.*}} = %[[BLK]] to
// CHECK-NOT: vector.store %{{.*}}, %[[Y]]
// CHECK-COUNT-3: memref.prefetch %[[X]][%[[NEXT]], %{{.*}}], read, locality<2>, data
// CHECK-NEXT: vector.store %{{.*}} : memref<16384xf32>, vector<16xf32>
// CHECK-NOT: memref.prefetch
// CHECK: scf.for %{{.*}} = %[[BLK]] to
// CHECK-COUNT-6: memref.prefetch %[[X]][%[[NEXT]], %{{.*}}], read, locality<2>, data
// CHECK-NOT: memref.prefetch
// CHECK: vector.store %{{.*}}, %[[Y]][%[[ROW]],
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @blocked(%x: tensor<?x16384xf32>) -> tensor<?x16384xf32> {
  %t = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false>) : tensor<?x16384xf32>
  return %t : tensor<?x16384xf32>
}

// -----

// Vectors narrower than a cache line (8 f32 lanes, as AVX2) on a row of two
// passes (d = 512: 3 levels inside vectors, then 3 + 3): each body
// prefetches each line of its share twice, i = first + 16 s (n * line / 2)
// for its 64 elements: four prefetches before its eight stores.
// CHECK-LABEL: func.func @narrow(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x512xf32, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x512xf32, strided<[?, 1], offset: ?>>)
// CHECK: vector.load %[[X]]
// CHECK: arith.divui %{{.*}}, %c2{{.*}} : index
// CHECK: memref.prefetch %[[X]][%[[NEXT:.*]], %{{.*}}], read, locality<2>, data
// CHECK-NEXT: arith.constant 2 : index
// CHECK-NEXT: arith.constant 16 : index
// CHECK-COUNT-3: memref.prefetch %[[X]][%[[NEXT]], %{{.*}}], read, locality<2>, data
// CHECK-NEXT: vector.store %{{.*}} : memref<512xf32>, vector<8xf32>
// CHECK-NOT: memref.prefetch
// CHECK: scf.for
// CHECK-COUNT-4: memref.prefetch %[[X]][%[[NEXT]], %{{.*}}], read, locality<2>, data
// CHECK-NOT: memref.prefetch
// CHECK: vector.store %{{.*}}, %[[Y]]
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @narrow(%x: tensor<?x512xf32>) -> tensor<?x512xf32> {
  %t = walsh.transform %x config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = false>) : tensor<?x512xf32>
  return %t : tensor<?x512xf32>
}

// -----

// The config's prefetch_per_line overrides the rule (the tuner's choice):
// the same row once a line, two prefetches a body of 64 elements; four a
// line, eight.
// CHECK-LABEL: func.func @narrow_once(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x512xf32, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x512xf32, strided<[?, 1], offset: ?>>)
// CHECK: scf.for
// CHECK-COUNT-2: memref.prefetch %[[X]]
// CHECK-NEXT: vector.store %{{.*}} : memref<512xf32>, vector<8xf32>
// CHECK: scf.for
// CHECK-COUNT-2: memref.prefetch %[[X]]
// CHECK-NOT: memref.prefetch
// CHECK: vector.store %{{.*}}, %[[Y]]
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @narrow_once(%x: tensor<?x512xf32>) -> tensor<?x512xf32> {
  %t = walsh.transform %x config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = false, prefetch_per_line = 1>) : tensor<?x512xf32>
  return %t : tensor<?x512xf32>
}
// CHECK-LABEL: func.func @narrow_four(
// CHECK: scf.for
// CHECK-COUNT-8: memref.prefetch
// CHECK-NEXT: vector.store %{{.*}} : memref<512xf32>, vector<8xf32>
// CHECK: scf.for
// CHECK-COUNT-8: memref.prefetch
// CHECK-NOT: memref.prefetch
// CHECK: vector.store
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @narrow_four(%x: tensor<?x512xf32>) -> tensor<?x512xf32> {
  %t = walsh.transform %x config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = false, prefetch_per_line = 4>) : tensor<?x512xf32>
  return %t : tensor<?x512xf32>
}

// -----

// 16-bit rows keep levels_per_pass levels a pass (4, 4, 2): spread evenly,
// their first pass would read eight streams instead of two, which measured
// slower in bf16. So the blocks are the 4-level pass's 4096 elements.
// CHECK-LABEL: func.func @blocked_bf16(
// CHECK: scf.for %{{.*}} = %{{.*}} to %c16384{{.*}} step %c4096
func.func @blocked_bf16(%x: tensor<?x16384xbf16>) -> tensor<?x16384xbf16> {
  %t = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false>) : tensor<?x16384xbf16>
  return %t : tensor<?x16384xbf16>
}

// -----

// bf16 output: by default fp32 is rounded to bf16 with integer vector ops
// (round to nearest even); with native-bf16 (what walsh picks on a host
// with AVX512-BF16) by one arith.truncf, which LLVM makes vcvtneps2bf16.
// RUN: walsh-opt %s -split-input-file -walsh-to-stages -walsh-convert-to-cpu="native-bf16=true" | FileCheck %s --check-prefix=NATIVE
// CHECK-LABEL: func.func @bf16_out(
// CHECK: arith.shrui %{{.*}} : vector<8xi32>
// CHECK: arith.trunci %{{.*}} : vector<8xi32> to vector<8xi16>
// CHECK-NOT: arith.truncf
// CHECK: vector.store
// NATIVE-LABEL: func.func @bf16_out(
// NATIVE-NOT: arith.trunci
// NATIVE: arith.truncf %{{.*}} : vector<8xf32> to vector<8xbf16>
// NATIVE-NEXT: vector.store
func.func @bf16_out(%x: tensor<?x64xbf16>) -> tensor<?x64xbf16> {
  %t = walsh.transform %x config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = false>) : tensor<?x64xbf16>
  return %t : tensor<?x64xbf16>
}

// -----

// The same without the option, on a module marked walsh.native_bf16 (what
// walsh's CPU compiler sets for a host with AVX512-BF16, so that a dumped
// stage replays the same).
// CHECK-LABEL: func.func @bf16_out_marked(
// CHECK-NOT: arith.trunci
// CHECK: arith.truncf %{{.*}} : vector<8xf32> to vector<8xbf16>
// CHECK-NEXT: vector.store
module attributes {walsh.native_bf16} {
  func.func @bf16_out_marked(%x: tensor<?x64xbf16>) -> tensor<?x64xbf16> {
    %t = walsh.transform %x config(#walsh.cpu_config<vector_width = 8, levels_per_pass = 3, nontemporal = false>) : tensor<?x64xbf16>
    return %t : tensor<?x64xbf16>
  }
}

// -----

// A dense factor's row past 48 KB (d = 14336 = 28 x 512): the scratch row
// padded by a cache line (16 floats) a block of 512, so that the dense
// pass's 28 streams, 2 KB apart, stop sharing two L1 sets: element i of
// the scratch row lives at i + (i >> 9) * 16.
// CHECK-LABEL: func.func @padded(
// CHECK: %[[S:.*]] = memref.alloca() {alignment = 64 : i64} : memref<14784xf32>
// CHECK: %[[B:.*]] = arith.shrui %[[I:.*]], %c9
// CHECK-NEXT: %[[P:.*]] = arith.muli %[[B]], %c16
// CHECK-NEXT: %[[J:.*]] = arith.addi %[[I]], %[[P]]
// CHECK-NEXT: vector.store %{{.*}}, %[[S]][%[[J]]]
func.func @padded(%x: tensor<?x14336xf32>) -> tensor<?x14336xf32> {
  %0 = walsh.transform %x : tensor<?x14336xf32>
  return %0 : tensor<?x14336xf32>
}

// -----

// A row of 48 KB (d = 12288 = 12 x 1024) fits L1: no padding.
// CHECK-LABEL: func.func @unpadded(
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<12288xf32>
// CHECK-NOT: arith.shrui
// CHECK: return
func.func @unpadded(%x: tensor<?x12288xf32>) -> tensor<?x12288xf32> {
  %0 = walsh.transform %x : tensor<?x12288xf32>
  return %0 : tensor<?x12288xf32>
}

// -----

// On a module marked with a 48 KB L1 data cache (what walsh's CPU compiler
// sets from the host), an fp32 row of 1024 with a and b: its scratch and
// input rows (8 KB) fit, so the contiguous pass runs first
// (walsh::contiguousPassFirst): it reads x front to back (groups of 8
// vectors 16 apart) and applies the levels inside vectors (shuffles); the
// pass at stride 128 runs last, with no shuffle, and writes y. A 4 KB row
// prefetches nothing ahead in its own row; the next rows' prefetches go to
// L1 (locality 3) on an L1 this size (walsh::prefetchRowsIntoL1).
// CHECK-LABEL: func.func @narrow_first(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x1024xf32, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x1024xf32, strided<[?, 1], offset: ?>>
// CHECK-NOT: memref.prefetch
// CHECK: scf.for %[[ROW:.*]] = %{{.*}} to %{{.*}} step
// CHECK-NOT: memref.prefetch %[[X]][%[[ROW]],
// CHECK: vector.load %[[X]][%[[ROW]], %[[I:.*]]] :
// CHECK-NEXT: arith.constant 16 : index
// CHECK-NEXT: arith.addi %[[I]], %{{.*}} : index
// CHECK-NEXT: vector.load %[[X]][%[[ROW]],
// CHECK: vector.shuffle
// CHECK: memref.prefetch %[[X]][%{{.*}}, %{{.*}}], read, locality<3>, data
// CHECK: vector.store %{{.*}} : memref<1024xf32>, vector<16xf32>
// CHECK-NOT: vector.shuffle
// CHECK: arith.constant 128 : index
// CHECK-NOT: vector.shuffle
// CHECK: vector.store %{{.*}}, %[[Y]][%[[ROW]],
// CHECK-NOT: vector.shuffle
// CHECK-NOT: memref.prefetch %[[X]][%[[ROW]],
// CHECK: return
module attributes {walsh.l1d_bytes = 49152 : i64} {
  func.func @narrow_first(%x: tensor<?x1024xf32>, %a: tensor<1024xf32>, %b: tensor<1024xf32>) -> tensor<?x1024xf32> {
    %0 = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false>) : tensor<?x1024xf32>
    %1 = walsh.affine %0 mul(%a : tensor<1024xf32>) add(%b : tensor<1024xf32>) : tensor<?x1024xf32>
    return %1 : tensor<?x1024xf32>
  }
}

// -----

// The same cache, d = 4096 (16 KB rows): contiguous first, and each body
// of the first pass (16 vectors, 1 KB) first prefetches into L1 the 16
// lines 8 KB (2048 elements) further on in the row, clamped to its last
// body (4096 - 256), before its loads.
// CHECK-LABEL: func.func @narrow_first_ahead(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x4096xf32, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x4096xf32, strided<[?, 1], offset: ?>>
// CHECK: scf.for %[[ROW:.*]] = %{{.*}} to %{{.*}} step
// CHECK: %[[AH:.*]] = arith.addi %[[I:.*]], %c2048
// CHECK-NEXT: %[[AT:.*]] = arith.minui %[[AH]], %c3840
// CHECK-NEXT: memref.prefetch %[[X]][%[[ROW]], %[[AT]]], read, locality<3>, data
// CHECK-COUNT-15: memref.prefetch %[[X]][%[[ROW]], %{{.*}}], read, locality<3>, data
// CHECK-NEXT: vector.load %[[X]][%[[ROW]], %[[I]]] :
// CHECK: vector.shuffle
// CHECK: vector.store %{{.*}} : memref<4096xf32>, vector<16xf32>
// CHECK-NOT: memref.prefetch %[[X]][%[[ROW]],
// CHECK-NOT: vector.shuffle
// CHECK: vector.store %{{.*}}, %[[Y]][%[[ROW]],
// CHECK: return
module attributes {walsh.l1d_bytes = 49152 : i64} {
  func.func @narrow_first_ahead(%x: tensor<?x4096xf32>, %a: tensor<4096xf32>, %b: tensor<4096xf32>) -> tensor<?x4096xf32> {
    %0 = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false>) : tensor<?x4096xf32>
    %1 = walsh.affine %0 mul(%a : tensor<4096xf32>) add(%b : tensor<4096xf32>) : tensor<?x4096xf32>
    return %1 : tensor<?x4096xf32>
  }
}

// -----

// The same cache, d = 8192 (64 KB of scratch and input rows: past it):
// widest stride first, as without the mark, the shuffles in the last pass
// and no prefetch ahead in the row; the next rows' prefetches into L1
// (locality 3), none into L2 (walsh::prefetchRowsIntoL1).
// CHECK-LABEL: func.func @wide_first(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x8192xf32, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x8192xf32, strided<[?, 1], offset: ?>>
// CHECK-NOT: locality<2>
// CHECK: scf.for %[[ROW:.*]] = %{{.*}} to %{{.*}} step
// CHECK-NOT: memref.prefetch %[[X]][%[[ROW]],
// CHECK-NOT: locality<2>
// CHECK: vector.load %[[X]]
// CHECK-NOT: vector.shuffle
// CHECK: memref.prefetch %[[X]][%{{.*}}, %{{.*}}], read, locality<3>, data
// CHECK: vector.store %{{.*}} : memref<8192xf32>, vector<16xf32>
// CHECK: vector.shuffle
// CHECK: memref.prefetch %[[X]][%{{.*}}, %{{.*}}], read, locality<3>, data
// CHECK: vector.store %{{.*}}, %[[Y]]
// CHECK-NOT: memref.prefetch %[[X]][%[[ROW]],
// CHECK-NOT: locality<2>
// CHECK: return
module attributes {walsh.l1d_bytes = 49152 : i64} {
  func.func @wide_first(%x: tensor<?x8192xf32>) -> tensor<?x8192xf32> {
    %0 = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false>) : tensor<?x8192xf32>
    return %0 : tensor<?x8192xf32>
  }
}

// -----

// Below 48 KB of L1 (a Zen 4's 32 KB, set here by the mark; no mark at all
// is the first RUN line's other functions) the rows' prefetches go to L2
// (locality 2), none to L1.
// CHECK-LABEL: func.func @rows_into_l2(
// CHECK-NOT: locality<3>
// CHECK: memref.prefetch %{{.*}}, read, locality<2>, data
// CHECK-NOT: locality<3>
// CHECK: return
module attributes {walsh.l1d_bytes = 32768 : i64} {
  func.func @rows_into_l2(%x: tensor<?x8192xf32>) -> tensor<?x8192xf32> {
    %0 = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false>) : tensor<?x8192xf32>
    return %0 : tensor<?x8192xf32>
  }
}

// -----

// On a 48 KB L1 the rows' prefetches go to L1 for the whole transform and
// affine only: with a fused residual (measured for neither locality on
// that L1) they stay in L2.
// CHECK-LABEL: func.func @rows_l1_not_fused(
// CHECK-NOT: locality<3>
// CHECK: memref.prefetch %{{.*}}, read, locality<2>, data
// CHECK-NOT: locality<3>
// CHECK: return
module attributes {walsh.l1d_bytes = 49152 : i64} {
  func.func @rows_l1_not_fused(%x: tensor<?x8192xf32>, %r: tensor<?x8192xf32>) -> tensor<?x8192xf32> {
    %t = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false>) : tensor<?x8192xf32>
    %h = walsh.residual %t, %r : tensor<?x8192xf32>
    return %h : tensor<?x8192xf32>
  }
}

// -----

// Contiguous first with three passes (d = 16384, no affine, on a 1 MB L1):
// the first two run block by block over 2048-element pieces (the second
// one's span: 8 vectors 256 apart), the first reading x a piece at a
// time, front to back; then the pass at stride 2048 over the whole row
// writes y.
// CHECK-LABEL: func.func @narrow_first_blocked(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x16384xf32, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x16384xf32, strided<[?, 1], offset: ?>>
// CHECK: scf.for %[[ROW:.*]] = %{{.*}} to %{{.*}} step
// CHECK: scf.for %[[BLK:.*]] = %{{.*}} to %c16384{{.*}} step %c2048
// CHECK: scf.for %{{.*}} = %[[BLK]] to
// CHECK: vector.load %[[X]][%[[ROW]],
// CHECK: vector.shuffle
// CHECK-NOT: vector.store %{{.*}}, %[[Y]]
// CHECK: scf.for %{{.*}} = %[[BLK]] to
// CHECK-NOT: vector.load %[[X]]
// CHECK-NOT: vector.store %{{.*}}, %[[Y]]
// CHECK: scf.for %{{.*}} = %c0{{.*}} to %{{.*}} step %c16384
// CHECK-NOT: vector.shuffle
// CHECK: vector.store %{{.*}}, %[[Y]][%[[ROW]],
// CHECK: return
module attributes {walsh.l1d_bytes = 1048576 : i64} {
  func.func @narrow_first_blocked(%x: tensor<?x16384xf32>) -> tensor<?x16384xf32> {
    %t = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false>) : tensor<?x16384xf32>
    return %t : tensor<?x16384xf32>
  }
}

// -----

// fp32 rows of a dense factor past 8 KB on a 48 KB L1 run contiguous pass
// first (walsh::contiguousPassFirst): at d = 7168 (28 x 256) the first
// pass reads x front to back with its in-vector levels into the scratch
// row, and the dense pass, last, writes y. Not at m = 44 (2816 = 44 x 64):
// the dense pass first reads x (no shuffle before the scratch row's
// stores), the contiguous pass last writes y. Not at 1792 (7 KB) either.
// CHECK-LABEL: func.func @dense_narrow_first(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x7168xf32, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x7168xf32, strided<[?, 1], offset: ?>>
// CHECK: vector.load %[[X]]
// CHECK: vector.shuffle
// CHECK: vector.store %{{.*}} : memref<7168xf32>, vector<16xf32>
// CHECK-NOT: vector.shuffle
// CHECK: vector.store %{{.*}}, %[[Y]]
// CHECK-NOT: vector.shuffle
// CHECK: return
// CHECK-LABEL: func.func @dense_44_wide(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x2816xf32, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x2816xf32, strided<[?, 1], offset: ?>>
// CHECK-NOT: vector.shuffle
// CHECK: vector.store %{{.*}} : memref<2816xf32>, vector<16xf32>
// CHECK: vector.shuffle
// CHECK: vector.store %{{.*}}, %[[Y]]
// CHECK-LABEL: func.func @dense_small_wide(
// CHECK-SAME: %[[X:[^:]*]]: memref<?x1792xf32, strided<[?, 1], offset: ?>>, %[[Y:[^:]*]]: memref<?x1792xf32, strided<[?, 1], offset: ?>>
// CHECK-NOT: vector.shuffle
// CHECK: vector.store %{{.*}} : memref<1792xf32>, vector<16xf32>
// CHECK: vector.shuffle
// CHECK: vector.store %{{.*}}, %[[Y]]
module attributes {walsh.l1d_bytes = 49152 : i64} {
  func.func @dense_narrow_first(%x: tensor<?x7168xf32>) -> tensor<?x7168xf32> {
    %0 = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false>) : tensor<?x7168xf32>
    return %0 : tensor<?x7168xf32>
  }
  func.func @dense_44_wide(%x: tensor<?x2816xf32>) -> tensor<?x2816xf32> {
    %0 = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false>) : tensor<?x2816xf32>
    return %0 : tensor<?x2816xf32>
  }
  func.func @dense_small_wide(%x: tensor<?x1792xf32>) -> tensor<?x1792xf32> {
    %0 = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false>) : tensor<?x1792xf32>
    return %0 : tensor<?x1792xf32>
  }
}

// -----

// walsh-split-heads' cross-head factor alone (levels from head_dim up):
// widest stride first whatever the mark, the first pass's vectors 2048
// apart (its first pass would stride by head_dim; unmeasured).
// CHECK-LABEL: func.func @cross_head_wide(
// CHECK: vector.load %[[X:[^\[]*]][%[[ROW:.*]], %[[I:.*]]] :
// CHECK-NEXT: arith.constant 2048 : index
// CHECK-NEXT: arith.addi %[[I]],
module attributes {walsh.l1d_bytes = 1048576 : i64} {
  func.func @cross_head_wide(%x: tensor<?x8192xf32>) -> tensor<?x8192xf32> attributes {walsh.head_dim = 64 : i64} {
    %0 = walsh.stage %x radix 2 stride 64 : tensor<?x8192xf32>
    %1 = walsh.stage %0 radix 2 stride 128 : tensor<?x8192xf32>
    %2 = walsh.stage %1 radix 2 stride 256 : tensor<?x8192xf32>
    %3 = walsh.stage %2 radix 2 stride 512 : tensor<?x8192xf32>
    %4 = walsh.stage %3 radix 2 stride 1024 : tensor<?x8192xf32>
    %5 = walsh.stage %4 radix 2 stride 2048 : tensor<?x8192xf32>
    %6 = walsh.stage %5 radix 2 stride 4096 : tensor<?x8192xf32>
    return %6 : tensor<?x8192xf32>
  }
}

// -----

// The pass option does what the mark does; without either (the RUN line
// above), the widest stride first and the next rows into L2. bf16 rows
// keep that order on any L1.
// RUN: walsh-opt %s -split-input-file -walsh-to-stages -walsh-convert-to-cpu="l1d-bytes=49152" | FileCheck %s --check-prefix=ORDER
// ORDER-LABEL: func.func @order_by_option(
// ORDER-NOT: locality<2>
// ORDER: vector.load
// ORDER-NEXT: arith.constant 16 : index
// ORDER: vector.shuffle
// ORDER: memref.prefetch %{{.*}}, read, locality<3>, data
// ORDER: vector.store %{{.*}} : memref<2048xf32>, vector<16xf32>
// ORDER-LABEL: func.func @order_bf16(
// ORDER-NOT: vector.shuffle
// ORDER: vector.store %{{.*}} : memref<2048xf32>, vector<16xf32>
// CHECK-LABEL: func.func @order_by_option(
// CHECK-NOT: vector.shuffle
// CHECK: memref.prefetch %{{.*}}, read, locality<2>, data
// CHECK: vector.store %{{.*}} : memref<2048xf32>, vector<16xf32>
// CHECK: vector.shuffle
func.func @order_by_option(%x: tensor<?x2048xf32>) -> tensor<?x2048xf32> {
  %t = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false>) : tensor<?x2048xf32>
  return %t : tensor<?x2048xf32>
}
func.func @order_bf16(%x: tensor<?x2048xbf16>) -> tensor<?x2048xbf16> {
  %t = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false>) : tensor<?x2048xbf16>
  return %t : tensor<?x2048xbf16>
}

// -----

// The config's pass_order overrides the rule either way (the tuner's
// choice): contiguous first for bf16 rows with no L1 size (the first RUN
// line), widest first for fp32 rows on a 48 KB L1 (the ORDER line).
// CHECK-LABEL: func.func @order_config_narrow(
// CHECK: vector.shuffle
// CHECK: vector.store %{{.*}} : memref<2048xf32>, vector<16xf32>
// ORDER-LABEL: func.func @order_config_narrow(
// ORDER: vector.shuffle
// ORDER: vector.store %{{.*}} : memref<2048xf32>, vector<16xf32>
// CHECK-LABEL: func.func @order_config_wide(
// CHECK-NOT: vector.shuffle
// CHECK: vector.store %{{.*}} : memref<2048xf32>, vector<16xf32>
// CHECK: vector.shuffle
// ORDER-LABEL: func.func @order_config_wide(
// ORDER-NOT: vector.shuffle
// ORDER: vector.store %{{.*}} : memref<2048xf32>, vector<16xf32>
// ORDER: vector.shuffle
func.func @order_config_narrow(%x: tensor<?x2048xbf16>) -> tensor<?x2048xbf16> {
  %t = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false, pass_order = contiguous_first>) : tensor<?x2048xbf16>
  return %t : tensor<?x2048xbf16>
}
func.func @order_config_wide(%x: tensor<?x2048xf32>) -> tensor<?x2048xf32> {
  %t = walsh.transform %x config(#walsh.cpu_config<vector_width = 16, levels_per_pass = 4, nontemporal = false, pass_order = widest_first>) : tensor<?x2048xf32>
  return %t : tensor<?x2048xf32>
}
