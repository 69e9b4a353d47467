//===- Passes.td - walsh transformation passes --------------*- tablegen -*-===//
#ifndef WALSH_TRANSFORMS_PASSES_TD
#define WALSH_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def WalshDecompose : Pass<"walsh-decompose"> {
  let summary = "Decompose walsh.transform into butterfly stages";
  let description = [{
    Rewrites every `walsh.transform` of size d = m · 2^k into k radix-2
    `walsh.stage`s at strides 1, 2, …, 2^(k-1) and, when m > 1, one radix-m
    stage at stride 2^k (H_d = H_m ⊗ H_{2^k}); `transpose` goes to the dense
    stage (H_2 is symmetric). A scale other than 1 becomes a
    `walsh.affine` after the stages, which `walsh-fuse-affine` folds in.
    `config` is copied onto every stage, for the lowering.

    Before:
    ```mlir
    %y = walsh.transform %x : tensor<?x48xf32>
    ```
    After:
    ```mlir
    %0 = walsh.stage %x radix 2 stride 1 : tensor<?x48xf32>
    %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x48xf32>
    %2 = walsh.stage %1 radix 12 stride 4 : tensor<?x48xf32>
    %y = walsh.affine %2 scale(0.14433756729740643) : tensor<?x48xf32>
    ```
  }];
  let dependentDialects = ["::mlir::walsh::WalshDialect"];
  let options = [
    Option<"descending", "descending", "bool", /*default=*/"false",
           "Emit the dense factor first and the radix-2 stages from the "
           "largest stride down (the stages commute; this only reorders)">
  ];
}

def WalshFuseAffine : Pass<"walsh-fuse-affine"> {
  let summary = "Fold scale and affine epilogues into the last butterfly stage";
  let description = [{
    Every `walsh.affine` whose input is a `walsh.stage` with no other user
    becomes that stage's epilogue (`scale`, `mul`, `add`), composed with
    any epilogue the stage already has; chains of affines are composed
    first. The result writes each element once: the transform, its
    normalisation and the learned affine in one pass over memory.

    Before:
    ```mlir
    %2 = walsh.stage %1 radix 2 stride 2 : tensor<?x4xf32>
    %3 = walsh.affine %2 scale(5.000000e-01) : tensor<?x4xf32>
    %y = walsh.affine %3 mul(%a : tensor<4xf32>) add(%b : tensor<4xf32>) : tensor<?x4xf32>
    ```
    After:
    ```mlir
    %y = walsh.stage %1 radix 2 stride 2 scale(5.000000e-01)
           mul(%a : tensor<4xf32>) add(%b : tensor<4xf32>) : tensor<?x4xf32>
    ```
  }];
  let dependentDialects = ["::mlir::walsh::WalshDialect",
                           "::mlir::arith::ArithDialect"];
}

def WalshFuseCast : Pass<"walsh-fuse-cast"> {
  let summary = "Fold the output cast into the last butterfly stage";
  let description = [{
    A `walsh.cast` whose input is a `walsh.stage` with no other user (or,
    for d = 1, a lone `walsh.affine`) becomes that op's result type: the
    lowering rounds the finished fp32 row to the cast's element type as it
    stores it, so y is written once, in the type the caller wants. A cast
    of a function argument becomes an identity `walsh.affine` that casts;
    a cast to the input's own type is dropped. Run after
    `walsh-fuse-affine` (the affine is computed before the cast) and before
    `walsh-fuse-epilogue` (the residual and the norm work in the cast type).

    Before:
    ```mlir
    %s = walsh.stage %1 radix 2 stride 2 mul(%a : tensor<4xbf16>) : tensor<?x4xbf16>
    %y = walsh.cast %s : tensor<?x4xbf16> -> tensor<?x4xf32>
    ```
    After:
    ```mlir
    %y = walsh.stage %1 radix 2 stride 2 mul(%a : tensor<4xbf16>)
           : tensor<?x4xbf16> -> tensor<?x4xf32>
    ```
  }];
  let dependentDialects = ["::mlir::walsh::WalshDialect"];
}

def WalshFuseEpilogue : Pass<"walsh-fuse-epilogue"> {
  let summary = "Fold the residual add and the next sublayer's norm into the last stage";
  let description = [{
    A `walsh.residual` whose input is a `walsh.stage` with no other user,
    and a `walsh.rms_norm` or `walsh.layer_norm` of that residual sum (or
    of the stage itself), become one `walsh.epilogue` on the stage. The
    lowering runs it on the finished row while it is in registers: the
    residual is read once, h and norm(h) are written once, and the norm's
    statistics cost no pass over memory. Run after `walsh-fuse-affine`, so
    that the stage already carries the affine.

    Before:
    ```mlir
    %s = walsh.stage %1 radix 2 stride 2 mul(%a : tensor<4xf32>) : tensor<?x4xf32>
    %h = walsh.residual %s, %r : tensor<?x4xf32>
    %n = walsh.rms_norm %h weight(%g : tensor<4xf32>) eps(1.0e-06) : tensor<?x4xf32>
    return %h, %n : tensor<?x4xf32>, tensor<?x4xf32>
    ```
    After:
    ```mlir
    %s = walsh.stage %1 radix 2 stride 2 mul(%a : tensor<4xf32>) : tensor<?x4xf32>
    %h, %n = walsh.epilogue %s residual(%r) norm(%g : tensor<4xf32>)
               eps(1.000000e-06) : tensor<?x4xf32>
    return %h, %n : tensor<?x4xf32>, tensor<?x4xf32>
    ```
  }];
  let dependentDialects = ["::mlir::walsh::WalshDialect"];
}

def WalshSplitHeads : Pass<"walsh-split-heads", "::mlir::ModuleOp"> {
  let summary = "Split H_d into the per-head factor H_head_dim and the cross-head rest";
  let description = [{
    For d = heads · head_dim with head_dim a power of two dividing 2^k
    (d = m · 2^k), the canonical H_d is H_heads ⊗ H_head_dim: the radix-2
    stages at strides below head_dim transform each head's head_dim
    contiguous elements on their own; every other stage mixes heads. For
    each function whose body is a stage chain of that d (after
    `walsh-to-stages`), this pass moves the per-head stages into a new
    function `@<name>_head_factor` (rows → rows, scale 1/sqrt(head_dim):
    orthonormal per head, what an attention kernel's epilogue can apply to
    its own head's output before writing it) and leaves in `@<name>` the
    cross-head stages, with the epilogue and the scale multiplied by
    sqrt(head_dim), so that

        @name(x) before the pass == @name(@name_head_factor(x)) after it.

    `@<name>` is marked `walsh.head_dim = head_dim` and
    `walsh.head_factor = @<name>_head_factor`. Functions of another size,
    or whose head_dim does not divide 2^k, are left alone.

    Before (`head-dim=2`, d = 8):
    ```mlir
    %0 = walsh.stage %x radix 2 stride 1 : tensor<?x8xf32>
    %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x8xf32>
    %2 = walsh.stage %1 radix 2 stride 4 scale(0.35355339059327373) : tensor<?x8xf32>
    ```
    After:
    ```mlir
    func.func @f_head_factor(%x) { walsh.stage %x radix 2 stride 1 scale(0.70710678118654757) }
    func.func @f(%x) attributes {walsh.head_dim = 2, walsh.head_factor = @f_head_factor} {
      %1 = walsh.stage %x radix 2 stride 2 : tensor<?x8xf32>
      %2 = walsh.stage %1 radix 2 stride 4 scale(0.5) : tensor<?x8xf32>
    }
    ```
  }];
  let dependentDialects = ["::mlir::walsh::WalshDialect",
                           "::mlir::func::FuncDialect"];
  let options = [
    Option<"headDim", "head-dim", "int64_t", /*default=*/"0",
           "Elements per head (a power of two >= 2)">,
    Option<"keepHeadFactor", "keep-head-factor", "bool", /*default=*/"true",
           "Emit @<name>_head_factor (the compilers, which build only the "
           "cross-head kernel, say false)">
  ];
}

#endif // WALSH_TRANSFORMS_PASSES_TD
