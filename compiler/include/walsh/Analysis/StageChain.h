//===- StageChain.h - the stage chain a backend lowers ---------*- C++ -*-===//
//
// After walsh-to-stages a projection function is a chain of walsh.stage ops
// from its first argument to its result, the last stage carrying the
// epilogue. Backends lower exactly that shape; matchStageChain recognises it
// and says, as a diagnostic on the function, what does not fit.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_ANALYSIS_STAGECHAIN_H
#define WALSH_ANALYSIS_STAGECHAIN_H

#include "walsh/Hadamard/Stages.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace walsh {

/// What turns the function's first argument into the chain's rows, folded
/// into the first loads: nothing, walsh.merge_heads (x is [batch, heads,
/// seq, head_dim]), walsh.combine_splits (x is [K, rows, d] with the
/// log-sum-exp [K, rows, heads] as argument `statsArg`) or
/// walsh.normalize_heads (x is rows, their row sums [rows, heads] the
/// argument `statsArg`).
enum class Prologue { None, MergeHeads, CombineSplits, NormalizeHeads };

/// A recognised chain: y = epilogue(stages(prologue(x))).
struct StageChain {
  /// The rows the stages transform (the prologue's result, or argument 0).
  mlir::RankedTensorType rowsType;
  /// The element type the kernel stores y in (and, with an epilogue, reads
  /// the residual and the norm's weight and bias in, and stores the
  /// normalised rows in): rowsType's, or another with an output cast folded
  /// into the last stage (walsh-fuse-cast).
  mlir::Type outType;
  Prologue prologue = Prologue::None;
  /// The prologue's head_dim, K for the split-KV combine, and the argument
  /// of its statistics (the lse or the row sums).
  int64_t headDim = 0;
  int64_t splits = 0;
  int statsArg = -1;
  Factorization factors;
  bool transpose;
  /// The epilogue of the last stage.
  double scale;
  /// Argument numbers of the multiplier and bias, or -1 when absent.
  int mulArg = -1;
  int addArg = -1;
  /// The configuration the stages carry (null when none).
  mlir::Attribute config;
  /// Number of function arguments: the rows, then parameters (1-D, or rows
  /// for the residual).
  unsigned numArgs = 1;
  /// The fused attention epilogue (walsh.epilogue) after the last stage:
  /// argument numbers of the residual rows, the norm's weight and bias (-1
  /// when absent); LayerNorm when `normCenter`, else RMSNorm.
  int residualArg = -1;
  int normWeightArg = -1;
  int normBiasArg = -1;
  bool normCenter = false;
  double normEps = 0;
  /// 0, or head_dim when the chain is only the cross-head factor
  /// (walsh-split-heads marked the function `walsh.head_dim`): the radix-2
  /// levels below log2(head_dim) are absent and the lowering skips them.
  int64_t crossHeadOnly = 0;
  /// Whether radix-2 level j (stride 2^j) is part of the chain.
  bool hasLevel(int j) const {
    return crossHeadOnly == 0 || (int64_t(1) << j) >= crossHeadOnly;
  }
  bool hasNorm() const { return normWeightArg >= 0; }
  bool hasEpilogue() const { return residualArg >= 0 || hasNorm(); }
  /// Kernel argument number of function argument `i` >= 1 (after x and y).
  static unsigned kernelArg(int i) { return unsigned(i) + 1; }
  /// Kernel argument number of the normalised output rows (with a norm).
  unsigned normOutArg() const { return numArgs + 1; }
};

/// The destination-passing kernel signature both backends lower a chain to:
/// (x, y) as memref<?xDxT, strided<[?, 1], offset: ?>> (y, the residual, the
/// norm's weight and bias and the normalised rows of outType; x with a prologue:
/// memref<?xHx?xhdxT> for the head merge, memref<Kx?xDxT> for split-KV
/// partials, strided, and the log-sum-exp memref<Kx?xHxf32> in its
/// argument's place), then one
/// memref<DxT> per 1-D parameter argument and one such rows memref per rows
/// argument (the residual), in argument order, then with a norm the
/// normalised output rows.
llvm::SmallVector<mlir::Type> kernelArgumentTypes(const StageChain &chain);

/// True when a backend should lower `fn`: it holds walsh.stage ops, or it
/// is a stage-less chain of d = 1 (rows of one element, body only walsh ops
/// and the return).
bool isStageChainCandidate(mlir::func::FuncOp fn);

/// Recognises `fn` as (x, [a], [b], ...) -> stages(x) (or stages of a
/// prologue op of x and a statistics argument: walsh.merge_heads,
/// walsh.combine_splits, walsh.normalize_heads), every argument after
/// x a tensor<d x T> (or rows of x's type, for a residual), with the stages
/// of H_d (or H_d^T) in any order, only the last with an epilogue (its
/// parameters are then function arguments: no other op may compute them),
/// optionally followed by one walsh.epilogue whose results the function
/// returns. Emits an error naming what does not fit and fails otherwise.
mlir::FailureOr<StageChain> matchStageChain(mlir::func::FuncOp fn);

} // namespace walsh

#endif // WALSH_ANALYSIS_STAGECHAIN_H
