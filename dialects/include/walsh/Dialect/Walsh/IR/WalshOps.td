//===- WalshOps.td - walsh operations -----------------------*- tablegen -*-===//
#ifndef WALSH_OPS_TD
#define WALSH_OPS_TD

include "walsh/Dialect/Walsh/IR/WalshBase.td"
include "walsh/Dialect/Walsh/IR/WalshAttrs.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/CommonAttrConstraints.td"

// Rows of floats: the transform runs along the last dimension, which must be
// static.
// Accessor shared by ops whose absent `scale` means 1.
defvar Walsh_ScaleValueDecl = [{
    /// `scale` as a double; 1 when absent.
    double getScaleValue() {
      auto s = getScaleAttr();
      return s ? s.getValueAsDouble() : 1.0;
    }
}];

def Walsh_RowsTensor : RankedTensorOf<[AnyFloat]>;
// A per-column parameter (a or b of the affine): one value per column.
def Walsh_ColumnTensor : 1DTensorOf<[AnyFloat]>;

def Walsh_TransformOp : Walsh_Op<"transform",
    [Pure, SameOperandsAndResultType]> {
  let summary = "Walsh–Hadamard transform along the last dimension";
  let description = [{
    For every row x (the last dimension, of static size d) of `input`:

        y = scale · H_d · x          (H_d^T · x with `transpose`)

    H_d is the dialect's canonical Hadamard matrix (see the dialect
    description): Sylvester's natural order for d = 2^k, H_m ⊗ H_{2^k} for
    d = m · 2^k. `scale` defaults to 1/sqrt(d), which makes H_d · scale
    orthonormal. H_{2^k} is symmetric; H_m for m > 1 is not, so `transpose`
    matters there (the backward pass applies H_d^T). Not in place: the result
    is a new value of the input's type.

    `config`, when present, is the kernel configuration lowering follows
    (`#walsh.config` for the GPU, `#walsh.cpu_config` for the CPU); the
    verifier checks it against d.

    ```mlir
    %y = walsh.transform %x : tensor<?x768xbf16>
    %z = walsh.transform %x transpose scale(1.0)
           config(#walsh.config<elems_per_thread = 8, threads_per_row = 96,
                  rows_per_block = 1, vector_width = 8, cross_warp = shared>)
           : tensor<16x768xf32>
    ```
  }];
  let arguments = (ins
    Walsh_RowsTensor:$input,
    OptionalAttr<F64Attr>:$scale,
    UnitAttr:$transpose,
    OptionalAttr<Walsh_AnyConfigAttr>:$config);
  let results = (outs Walsh_RowsTensor:$result);
  let assemblyFormat = [{
    $input (`transpose` $transpose^)? (`scale` `(` $scale^ `)`)?
    (`config` `(` $config^ `)`)? attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// The size d of the last dimension.
    int64_t getSize();
    /// `scale` when present, else 1/sqrt(d).
    double getEffectiveScale();
  }];
}

def Walsh_MergeHeadsOp : Walsh_Op<"merge_heads", [Pure]> {
  let summary = "Head merge of [batch, heads, seq, head_dim] into rows";
  let description = [{
    The attention output in the layout before the usual transpose, a 4-D
    tensor [batch, heads, seq, head_dim] with static heads and head_dim,
    as rows of d = heads * head_dim, one per token: row b * seq + s holds
    head h's values at columns h * head_dim ... (h + 1) * head_dim - 1.

    Backends fold it into the first loads of a stage chain whose input it
    is, so the merged rows are never materialised.

    ```mlir
    %rows = walsh.merge_heads %x : tensor<?x32x?x128xbf16> -> tensor<?x4096xbf16>
    ```
  }];
  let arguments = (ins 4DTensorOf<[AnyFloat]>:$input);
  let results = (outs Walsh_RowsTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Walsh_CombineSplitsOp : Walsh_Op<"combine_splits", [Pure]> {
  let summary = "Split-KV (flash-decoding) combine of partial outputs";
  let description = [{
    `partials` holds K partial attention outputs [K, rows, d], each
    normalised within its split of the keys, and `lse` their log-sum-exp
    [K, rows, heads] (fp32). Per row and head h (columns h * head_dim ...
    (h + 1) * head_dim - 1, head_dim = d / heads):

        lse = log sum_k exp(lse_k),   O = sum_k exp(lse_k - lse) O_k

    Backends fold it into the first loads of a stage chain whose input it
    is (the weights are computed from lse per head, once per row).

    ```mlir
    %o = walsh.combine_splits %parts, %lse
           : tensor<4x?x4096xbf16>, tensor<4x?x32xf32> -> tensor<?x4096xbf16>
    ```
  }];
  let arguments = (ins 3DTensorOf<[AnyFloat]>:$partials,
                       3DTensorOf<[F32]>:$lse);
  let results = (outs Walsh_RowsTensor:$result);
  let assemblyFormat = [{
    $partials `,` $lse attr-dict `:` type($partials) `,` type($lse) `->`
    type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// head_dim = d / heads.
    int64_t getHeadDim() {
      return cast<::mlir::RankedTensorType>(getResult().getType())
                 .getShape()[1] /
             cast<::mlir::RankedTensorType>(getLse().getType()).getShape()[2];
    }
  }];
}

def Walsh_NormalizeHeadsOp : Walsh_Op<"normalize_heads", [Pure]> {
  let summary = "Unnormalised attention accumulators divided by their row sums";
  let description = [{
    `input` holds attention accumulators that are not yet divided by the
    softmax's row sum, rows of d = heads * head_dim; `sums` those row sums,
    [rows, heads] (fp32). Per row and head h (columns h * head_dim ...
    (h + 1) * head_dim - 1): O = acc / sums[row, h].

    Backends fold it into the first loads of a stage chain whose input it
    is (one reciprocal per row and head).

    ```mlir
    %o = walsh.normalize_heads %acc, %l
           : tensor<?x4096xbf16>, tensor<?x32xf32> -> tensor<?x4096xbf16>
    ```
  }];
  let arguments = (ins Walsh_RowsTensor:$input, 2DTensorOf<[F32]>:$sums);
  let results = (outs Walsh_RowsTensor:$result);
  let assemblyFormat = [{
    $input `,` $sums attr-dict `:` type($input) `,` type($sums) `->`
    type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// head_dim = d / heads.
    int64_t getHeadDim() {
      return cast<::mlir::RankedTensorType>(getResult().getType())
                 .getShape()[1] /
             cast<::mlir::RankedTensorType>(getSums().getType()).getShape()[1];
    }
  }];
}

def Walsh_StageOp : Walsh_Op<"stage",
    [Pure, AttrSizedOperandSegments]> {
  let summary = "One butterfly stage: H_radix at a stride, with an optional fused epilogue";
  let description = [{
    Applies the radix × radix Hadamard matrix H_radix (H_2 = [[1, 1], [1, -1]]
    for radix 2, the dialect's canonical H_m for a dense factor) to every
    group of `radix` elements `stride` apart along the last dimension (size
    d; d must be a multiple of radix · stride):

        group g = { base + j·stride : j < radix },
        base = (g / stride) · radix · stride + g % stride
        t[base + i·stride] = Σ_j H[i][j] · x[base + j·stride]   (H^T with `transpose`)

    then, when present, the fused epilogue of `walsh.affine`, column c:

        y[c] = t[c] · scale · mul[c] + add[c]

    `scale` absent means 1 (unlike `walsh.transform`, a stage is unscaled).
    `config` is the configuration of the transform the stage came from
    (`walsh-decompose` copies it); the lowering follows it.
    `walsh-decompose` produces stages; `walsh-fuse-affine` adds the epilogue
    to the last one. Not in place.

    The result has the input's shape. Its element type is the input's, or
    (the output cast `walsh-fuse-cast` folds into the last stage) another
    float type the fp32 result is rounded to; `mul` and `add` have the
    input's element type. The type after `->` is printed only when it
    differs.

    ```mlir
    %0 = walsh.stage %x radix 2 stride 1 : tensor<?x768xf32>
    %1 = walsh.stage %0 radix 12 stride 64 transpose scale(0.036)
           mul(%a : tensor<768xf32>) add(%b : tensor<768xf32>) : tensor<?x768xf32>
    %2 = walsh.stage %y radix 2 stride 512 : tensor<?x1024xbf16> -> tensor<?x1024xf32>
    ```
  }];
  let arguments = (ins
    Walsh_RowsTensor:$input,
    Optional<Walsh_ColumnTensor>:$mul,
    Optional<Walsh_ColumnTensor>:$add,
    I64Attr:$radix,
    I64Attr:$stride,
    UnitAttr:$transpose,
    OptionalAttr<F64Attr>:$scale,
    OptionalAttr<Walsh_AnyConfigAttr>:$config);
  let results = (outs Walsh_RowsTensor:$result);
  let assemblyFormat = [{
    $input `radix` $radix `stride` $stride (`transpose` $transpose^)?
    (`scale` `(` $scale^ `)`)? (`mul` `(` $mul^ `:` type($mul) `)`)?
    (`add` `(` $add^ `:` type($add) `)`)? (`config` `(` $config^ `)`)?
    attr-dict custom<CastType>(type($input), type($result))
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = Walsh_ScaleValueDecl;
}

def Walsh_AffineOp : Walsh_Op<"affine",
    [Pure, AttrSizedOperandSegments]> {
  let summary = "Per-column affine map y = x · scale ⊙ mul + add";
  let description = [{
    For every row x of `input` (last dimension of size d) and column c:

        y[c] = x[c] · scale · mul[c] + add[c]

    Each of `scale` (default 1), `mul` and `add` (1-D, d elements, the
    input's element type) is optional. This is the learned diagonal affine of
    the Hadamard output projection; `walsh-decompose` also uses it for the
    transform's scale. Not in place. Like `walsh.stage`, its result may have
    another float element type (an output cast `walsh-fuse-cast` folded in,
    where there is no stage: d = 1), printed after `->`.

    ```mlir
    %y = walsh.affine %t mul(%a : tensor<768xbf16>) add(%b : tensor<768xbf16>)
           : tensor<?x768xbf16>
    %z = walsh.affine %t scale(0.5) : tensor<4x64xf32>
    ```
  }];
  let arguments = (ins
    Walsh_RowsTensor:$input,
    Optional<Walsh_ColumnTensor>:$mul,
    Optional<Walsh_ColumnTensor>:$add,
    OptionalAttr<F64Attr>:$scale);
  let results = (outs Walsh_RowsTensor:$result);
  let assemblyFormat = [{
    $input (`scale` `(` $scale^ `)`)? (`mul` `(` $mul^ `:` type($mul) `)`)?
    (`add` `(` $add^ `:` type($add) `)`)? attr-dict
    custom<CastType>(type($input), type($result))
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = Walsh_ScaleValueDecl;
}

def Walsh_CastOp : Walsh_Op<"cast", [Pure]> {
  let summary = "Output cast: rows rounded to another float element type";
  let description = [{
    Element by element, rows of the input's shape converted to the result's
    element type (f32, f16 or bf16; rounded to nearest even when
    narrower). The projection's output cast: the affine's result, computed
    in fp32 from rows of one type, stored as another (a bf16 attention
    output into an fp32 residual stream, say). `walsh-fuse-cast` folds it
    into the last stage, which then stores the cast type directly.

    ```mlir
    %y32 = walsh.cast %y : tensor<?x4096xbf16> -> tensor<?x4096xf32>
    ```
  }];
  let arguments = (ins Walsh_RowsTensor:$input);
  let results = (outs Walsh_RowsTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// The attention epilogue after the projection (unfused form, and the fused
// op walsh-fuse-epilogue makes of it)
//===----------------------------------------------------------------------===//

def Walsh_ResidualOp : Walsh_Op<"residual",
    [Pure, AllTypesMatch<["input", "residual", "result"]>]> {
  let summary = "Residual add h = input + residual";
  let description = [{
    Element by element, rows of the same type: the residual stream after the
    attention block, h = residual + y. `walsh-fuse-epilogue` folds it into
    `walsh.epilogue`.

    ```mlir
    %h = walsh.residual %y, %r : tensor<?x4096xbf16>
    ```
  }];
  let arguments = (ins Walsh_RowsTensor:$input, Walsh_RowsTensor:$residual);
  let results = (outs Walsh_RowsTensor:$result);
  let assemblyFormat = "$input `,` $residual attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def Walsh_RmsNormOp : Walsh_Op<"rms_norm",
    [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "RMSNorm over each row: y = x / sqrt(mean(x^2) + eps) * weight";
  let description = [{
    For every row x (last dimension d) and column c:

        y[c] = x[c] / sqrt(Σ x² / d + eps) · weight[c]

    The next sublayer's norm (statistics in at least fp32). `eps` > 0.

    ```mlir
    %n = walsh.rms_norm %h weight(%g : tensor<4096xbf16>) eps(1.0e-06)
           : tensor<?x4096xbf16>
    ```
  }];
  let arguments = (ins Walsh_RowsTensor:$input, Walsh_ColumnTensor:$weight,
                   F64Attr:$eps);
  let results = (outs Walsh_RowsTensor:$result);
  let assemblyFormat = [{
    $input `weight` `(` $weight `:` type($weight) `)` `eps` `(` $eps `)`
    attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
}

def Walsh_LayerNormOp : Walsh_Op<"layer_norm",
    [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "LayerNorm over each row: y = (x - mean) / sqrt(var + eps) * weight + bias";
  let description = [{
    For every row x (last dimension d) and column c, with the row's mean μ
    and (biased) variance σ² = Σ (x − μ)² / d:

        y[c] = (x[c] − μ) / sqrt(σ² + eps) · weight[c] + bias[c]

    `bias` is optional. `eps` > 0.

    ```mlir
    %n = walsh.layer_norm %h weight(%g : tensor<768xf32>)
           bias(%beta : tensor<768xf32>) eps(1.0e-05) : tensor<?x768xf32>
    ```
  }];
  let arguments = (ins Walsh_RowsTensor:$input, Walsh_ColumnTensor:$weight,
                   Optional<Walsh_ColumnTensor>:$bias, F64Attr:$eps);
  let results = (outs Walsh_RowsTensor:$result);
  let assemblyFormat = [{
    $input `weight` `(` $weight `:` type($weight) `)`
    (`bias` `(` $bias^ `:` type($bias) `)`)? `eps` `(` $eps `)`
    attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
}

def Walsh_EpilogueOp : Walsh_Op<"epilogue",
    [Pure, AttrSizedOperandSegments]> {
  let summary = "The fused attention epilogue of the last butterfly stage";
  let description = [{
    What `walsh-fuse-epilogue` makes of a `walsh.residual` and/or a
    `walsh.rms_norm` / `walsh.layer_norm` that follow the last
    `walsh.stage`: one op the lowering runs on the finished row while it is
    still in registers, so the residual stream h and its normalised copy
    are written in the transform's single pass over memory.

        h = input + residual                      (input when no residual)
        n = norm(h)                               (only with `norm_weight`)

    `input` must be the result of a `walsh.stage` with no other user.
    With `norm_weight`: RMSNorm, or LayerNorm (mean subtracted) with
    `center`; `norm_bias` (LayerNorm only) is optional. Results: h, then n
    when there is a norm. At least one of `residual` and `norm_weight`.

    ```mlir
    %h, %n = walsh.epilogue %s residual(%r : tensor<?x4096xbf16>)
               norm(%g : tensor<4096xbf16>) eps(1.0e-06) : tensor<?x4096xbf16>
    ```
  }];
  let arguments = (ins Walsh_RowsTensor:$input,
                   Optional<Walsh_RowsTensor>:$residual,
                   Optional<Walsh_ColumnTensor>:$norm_weight,
                   Optional<Walsh_ColumnTensor>:$norm_bias,
                   UnitAttr:$center,
                   OptionalAttr<F64Attr>:$eps);
  let results = (outs Walsh_RowsTensor:$result,
                 Optional<Walsh_RowsTensor>:$normed);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
}

#endif // WALSH_OPS_TD
