//===- GpuCompiler.h - spec -> PTX for NVIDIA GPUs -------------*- C++ -*-===//
//
// The GPU half of the compiler: builds the projection's walsh IR with a
// #walsh.config, runs walsh-lower-to-nvvm (the registered pipeline
// walsh-opt replays) and returns the PTX with the launch shape.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_TARGET_NVPTX_GPUCOMPILER_H
#define WALSH_TARGET_NVPTX_GPUCOMPILER_H

#include "walsh/Target/Artifact.h"

#include "llvm/Support/Error.h"

namespace walsh {

/// The analytic default: 16-byte vectors, four of them per thread (one per
/// dense index when m > 1; more when a row would need over 1024 threads),
/// and enough rows per block for at least 128 threads.
GpuConfig defaultGpuConfig(const ProjectionSpec &spec);

/// Compiles `spec` with `config` to PTX for `chip` (sm_90 by default). The
/// error names the configuration field the verifier rejected.
llvm::Expected<GpuArtifact> compileForGpu(const ProjectionSpec &spec,
                                          const GpuConfig &config,
                                          const std::string &chip = "sm_90");

} // namespace walsh

#endif // WALSH_TARGET_NVPTX_GPUCOMPILER_H
