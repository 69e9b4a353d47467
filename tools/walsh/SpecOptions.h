//===- SpecOptions.h - the spec options every subcommand shares -*- C++ -*-===//
#ifndef WALSH_TOOLS_WALSH_SPECOPTIONS_H
#define WALSH_TOOLS_WALSH_SPECOPTIONS_H

#include "walsh/Builder/ProjectionSpec.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"

#include <initializer_list>

namespace walsh::cli {

/// --d or --heads/--head-dim, --dtype, --transpose, --scale, --no-affine,
/// validated; errors name the option.
llvm::Expected<ProjectionSpec> specFromOptions();

/// A refusal of the builder's checks (validateSpec, validatePrologue,
/// validateEpilogue), which name the spec's fields ("d: ...", "row_sum:
/// ..."), as the command line's: the field named by the option that sets
/// it ("--d: ...", "--row-sum: ..."). Any other text is returned as it is.
std::string byOption(llvm::Error e);

/// Sets spec.normEps from --eps (`eps`, given or not); an --eps given
/// without a norm in the epilogue is refused by name (until 2026-12-07
/// taken and ignored).
llvm::Error epsFromOption(const llvm::cl::opt<double> &eps,
                          ProjectionSpec &spec);

/// d = heads * head_dim where walsh supports that size, else the error
/// "--heads and --head-dim: d = H * D = N is not 2^k or m * 2^k ..." ("d = H *
/// D is not ..." where the product passes 64 bits).
llvm::Expected<int64_t> dFromHeads(int64_t heads, int64_t headDim);

/// --layout, --splits and --row-sum into `spec` (head_dim from --head-dim), checked
/// by validatePrologue; errors name the option. specFromOptions calls it.
llvm::Error prologueFromOptions(ProjectionSpec &spec);

/// --seq as given (0 when not): a bhsd input's seq.
int64_t seqOption();
/// The option that gave the row count: "--rows", "--batch and --seq", or
/// empty when rowsFromOptions fell back to its default.
std::string rowsOptionName();

/// The option a refusal of too many rows names: rowsOptionName() where the
/// rows were given; else "--row-stride" where a stride past d (`rowStride`,
/// 0 for packed rows) made the default rows too many; else "--rows".
std::string rowsRefusalName(int64_t rowStride, int64_t d);

/// --rows or --batch/--seq (rows = batch * seq); `fallback` when none.
llvm::Expected<int64_t> rowsFromOptions(int64_t fallback);

/// --vector-width and --levels-per-pass over the host default.
llvm::Expected<CpuConfig> cpuConfigFromOptions();

/// --elems-per-thread, --threads-per-row, --rows-per-block, --vector-width,
/// --cross-warp over defaultGpuConfig(spec, rows) for `chip` (without
/// tensor cores before sm_80).
llvm::Expected<GpuConfig>
gpuConfigFromOptions(const ProjectionSpec &spec, int64_t rows = 0,
                     const std::string &chip = "sm_90");

/// The first option of the GPU (CPU) configuration given, as "--name", or
/// "": where one is, the configuration is explicit and no tuning database
/// is consulted.
std::string gpuConfigOptionGiven();
std::string cpuConfigOptionGiven();
/// "--name" of the first of `options` given on the command line, or "".
std::string firstGiven(std::initializer_list<const llvm::cl::Option *> options);
/// The first option given that only the CPU's configuration takes
/// (--levels-per-pass, --nontemporal, --prefetch-per-line, --pass-order),
/// as "--name"; empty if none (a GPU command refuses it by name).
std::string cpuOnlyOptionGiven();
/// The error for a CPU-only option given with --target cuda (`name` as
/// "--name"): one text for every command that takes a GPU configuration.
std::string cpuOptionWithCuda(llvm::StringRef name);
/// The same the other way: the first option given that only the GPU's
/// configuration takes (--elems-per-thread, --threads-per-row,
/// --rows-per-block, --cross-warp, --row-iters, --cluster), and the error
/// for it on the CPU.
std::string cudaOnlyOptionGiven();
std::string cudaOptionWithCpu(llvm::StringRef name);
/// " (inputs x S)" for a check's --input-scale S other than 1, else "".
std::string inputScaleText(double s);

/// `--input-scale S` against x's and y's types, before any buffer: values
/// about S below either type's smallest subnormal (zeros: the check would
/// compare zeros), or, with an output cast, S times 8 past the output
/// type's largest value (y could not hold the projection), are refused
/// by name.
llvm::Error checkInputScaleRange(const ProjectionSpec &spec, double s);

/// The shape behind the spec and rows: --batch/--seq (else 1 x rows) and
/// --heads/--head-dim (else 1 x d), for the tuning database's buckets.
struct ShapeOptions {
  int64_t batch = 1, seq = 1, heads = 1, headDim = 1;
};
ShapeOptions shapeFromOptions(const ProjectionSpec &spec, int64_t rows);

} // namespace walsh::cli

#endif // WALSH_TOOLS_WALSH_SPECOPTIONS_H
