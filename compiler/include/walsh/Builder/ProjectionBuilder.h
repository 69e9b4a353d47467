//===- ProjectionBuilder.h - spec -> walsh IR -------------------*- C++ -*-===//
//
// Builds the module the compiler starts from:
//
//   func.func @outproj(%o: tensor<R x d x T>, %a: tensor<d x T>,
//                      %b: tensor<d x T>) -> tensor<R x d x T> {
//     %t = walsh.transform %o [transpose] [scale(s)] : tensor<R x d x T>
//     %y = walsh.affine %t mul(%a) add(%b) : tensor<R x d x T>
//     return %y
//   }
//
// (R is `?` for rows = 0; %a, %b and the affine are present as the spec
// says.)
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_BUILDER_PROJECTIONBUILDER_H
#define WALSH_BUILDER_PROJECTIONBUILDER_H

#include "walsh/Builder/ProjectionSpec.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

namespace walsh {

/// Checks a spec; the error names the offending field and the accepted
/// values.
llvm::Error validateSpec(const ProjectionSpec &spec);

/// The fused epilogue's own fields (eps with a norm), whatever the size:
/// what a command can check before it builds specs from them. validateSpec
/// checks them too.
llvm::Error validateEpilogue(const ProjectionSpec &spec);

/// The prologue's limits: split-KV partials per kernel, and the smallest
/// head_dim (a head spans whole vectors on every target: 16 fp32 lanes).
constexpr int64_t kMaxSplits = 64;
constexpr int64_t kMinPrologueHeadDim = 16;

/// Sets the spec's input side from the command line's spelling: `layout`
/// "rows", "bshd" (the same bytes) or "bhsd", `splits`, `rowSum`. The error
/// names `--layout`; validatePrologue checks the rest.
llvm::Error parsePrologue(llvm::StringRef layout, int64_t splits, bool rowSum,
                          ProjectionSpec &spec);

/// The input side's fields (layout, splits, head_dim), checked against d.
/// validateSpec checks them too.
llvm::Error validatePrologue(const ProjectionSpec &spec);

/// Sets the spec's output cast from the command line's spelling: "" (none,
/// y in the dtype), "f32", "f16" or "bf16". The error names `--out-dtype`.
llvm::Error parseOutDType(llvm::StringRef name, ProjectionSpec &spec);

/// Sets the spec's scale from the command line's spelling: "" (none: 1 /
/// sqrt(d)) or a number. The error names `--scale`; validateSpec refuses
/// one that is not finite.
llvm::Error parseScale(llvm::StringRef text, ProjectionSpec &spec);

/// Sets the spec's fused epilogue from a comma-separated list of
/// "residual", "rmsnorm" and "layernorm" (at most one norm; "" or "none"
/// for none). The error names `--epilogue` and the accepted values.
llvm::Error parseEpilogueList(llvm::StringRef list, ProjectionSpec &spec);

/// Builds the projection's module in `ctx` (loading the dialects it needs),
/// after validateSpec. `config`, when given, goes on the transform.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
buildProjectionModule(mlir::MLIRContext &ctx, const ProjectionSpec &spec,
                      mlir::Attribute config = {});

/// Loads every dialect walsh's IR uses into `ctx`.
void loadDialects(mlir::MLIRContext &ctx);

} // namespace walsh

#endif // WALSH_BUILDER_PROJECTIONBUILDER_H
