//===- SpecOptions.h - the spec options every subcommand shares -*- C++ -*-===//
#ifndef WALSH_TOOLS_WALSH_SPECOPTIONS_H
#define WALSH_TOOLS_WALSH_SPECOPTIONS_H

#include "walsh/Builder/ProjectionSpec.h"

#include "llvm/Support/Error.h"

namespace walsh::cli {

/// --d or --heads/--head-dim, --dtype, --transpose, --scale, --no-affine,
/// validated; errors name the option.
llvm::Expected<ProjectionSpec> specFromOptions();

/// --rows or --batch/--seq (rows = batch * seq); `fallback` when none.
llvm::Expected<int64_t> rowsFromOptions(int64_t fallback);

/// --vector-width and --levels-per-pass over the host default.
llvm::Expected<CpuConfig> cpuConfigFromOptions();

/// --elems-per-thread, --threads-per-row, --rows-per-block, --vector-width,
/// --cross-warp over defaultGpuConfig(spec, rows).
llvm::Expected<GpuConfig> gpuConfigFromOptions(const ProjectionSpec &spec,
                                               int64_t rows = 0);

} // namespace walsh::cli

#endif // WALSH_TOOLS_WALSH_SPECOPTIONS_H
