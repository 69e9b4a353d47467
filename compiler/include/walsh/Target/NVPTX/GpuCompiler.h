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

/// The analytic default: 16-byte vectors (narrower when m > 1, so a
/// thread's m vectors hold at most 96 values and ptxas does not spill),
/// four of them per thread (one per dense index when m > 1; more when a row
/// would need over 1024 threads), and enough rows per block for at least
/// 128 threads. Rows of 512 vectors or more: cross_warp = transpose with
/// eight vectors per thread.
GpuConfig defaultGpuConfig(const ProjectionSpec &spec);

/// Fails unless `chip` is an architecture walsh compiles for (sm_70 ...
/// sm_90a); the error lists them.
llvm::Error validateChip(const std::string &chip);

/// Compiles `spec` with `config` to PTX for `chip` (sm_90 by default), then
/// to a cubin with ptxas when one is found (findCudaTool). The error names
/// the configuration field the verifier rejected, or quotes ptxas.
llvm::Expected<GpuArtifact> compileForGpu(const ProjectionSpec &spec,
                                          const GpuConfig &config,
                                          const std::string &chip = "sm_90");

/// A CUDA toolkit program (ptxas, cuobjdump, nvdisasm): $WALSH_CUDA_BIN,
/// then PATH, then $CUDA_HOME/bin, then /usr/local/cuda/bin; empty when
/// none has it. WALSH_CUDA_BIN=none finds nothing (PTX only).
std::string findCudaTool(const std::string &name);

/// `ptxas -arch=<chip> -O3` of `ptx`; the error quotes ptxas's diagnostics.
llvm::Expected<std::string> assemblePtx(const std::string &ptxas,
                                        const std::string &ptx,
                                        const std::string &chip);

/// The SASS of `cubin`, through cuobjdump -sass (or nvdisasm). Fails
/// saying which tools it looked for when neither is installed.
llvm::Expected<std::string> disassembleCubin(const std::string &cubin);

} // namespace walsh

#endif // WALSH_TARGET_NVPTX_GPUCOMPILER_H
