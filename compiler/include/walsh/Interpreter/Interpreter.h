//===- Interpreter.h - float64 interpreter of walsh IR ---------*- C++ -*-===//
//
// Runs a func.func built from walsh ops in float64 on the host, whatever the
// IR's element type, so that every pass can be checked numerically against
// the O(d^2) reference: the IR before a pass and after it must compute the
// same function. Supported ops: walsh.transform (through the reference's
// fast form), walsh.stage (applyStage, then its epilogue), walsh.affine,
// walsh.residual, walsh.rms_norm, walsh.layer_norm, walsh.epilogue,
// walsh.merge_heads, walsh.combine_splits, walsh.normalize_heads,
// arith.constant (dense float), arith.mulf, arith.addf and func.return.
// Anything else is an error naming the op.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_INTERPRETER_INTERPRETER_H
#define WALSH_INTERPRETER_INTERPRETER_H

#include "walsh/Hadamard/Stages.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace walsh {

/// A row-major float64 tensor.
struct HostTensor {
  std::vector<int64_t> shape;
  std::vector<double> data;
};

/// Evaluates `fn` on `args` (one per function argument, shapes matching the
/// argument types where those are static) and returns its results.
llvm::Expected<std::vector<HostTensor>>
interpret(mlir::func::FuncOp fn, const std::vector<HostTensor> &args);

/// The walsh.stage ops of `fn` in program order, as stage descriptors.
std::vector<StageDesc> collectStages(mlir::func::FuncOp fn);

} // namespace walsh

#endif // WALSH_INTERPRETER_INTERPRETER_H
