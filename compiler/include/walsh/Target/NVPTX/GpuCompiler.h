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

/// The analytic default, from measurements on the H200 (see
/// benchmarks/RESULTS.md): 16-byte vectors (narrower with a dense factor,
/// so a thread's m vectors hold at most 24 values); four vectors per
/// thread and shuffles for rows under 256 vectors; eight vectors per thread
/// and shared-memory transposes (cross_warp = transpose) from 256 on;
/// enough rows per block for 128 threads. `rows` (0: unknown) selects the
/// decode shape for 1 to 64 rows: four vectors per thread, transposes from
/// 256 vectors; and, for 16-bit rows in bulk (at least 1024 blocks), row
/// groups prefetched in turn (row_iters); tensor-core kernels (cross_warp =
/// mma: the tiles, or H_m on tensor cores) for rows of a dense factor in
/// bulk, unless `tensorCores` is false; row groups only if `rowGroups`;
/// a cluster of blocks a row (decode rows of d = 8192, 16384 and 32768)
/// only if `clusters`.
/// Until the autotuner (issue 6), this is the configuration.
GpuConfig defaultGpuConfig(const ProjectionSpec &spec, int64_t rows = 0,
                           bool tensorCores = true, bool rowGroups = true,
                           bool clusters = true);
/// Whether `chip` has what cross_warp = mma and row groups take (sm_80 on:
/// mma.sync with 16-bit operands, cp.async).
bool gpuChipHasTensorCores(const std::string &chip);
/// Whether `chip` runs thread-block clusters and distributed shared memory
/// (`cluster` > 1): sm_90 and sm_90a among those walsh compiles for.
bool gpuChipHasClusters(const std::string &chip);
/// defaultGpuConfig for a kernel compiled for `chip`: before sm_80 without
/// tensor cores and without row groups (their prefetch is cp.async), before
/// sm_90 without thread-block clusters.
GpuConfig defaultGpuConfigForChip(const ProjectionSpec &spec, int64_t rows,
                                  const std::string &chip);

/// The cross_warp = mma shape for `spec` (16-bit rows, 2^k >= 256, or 128
/// or 64 with a dense factor): one warp a row (elems_per_thread = d / 32,
/// 8-byte vectors, 4-byte ones at 2^k = 64), eight warps a
/// block (fewer for fewer `rows`, 0: unknown), blocks striding over the
/// rows (row_iters 1).
GpuConfig mmaGpuConfig(const ProjectionSpec &spec, int64_t rows = 0);
/// The cross_warp = mma split layout for `spec` (16-bit rows, a dense
/// factor m, 2^k >= 256): a warp `indicesPerWarp` dense indices (a power
/// of two dividing m; threads_per_row = 32 m / indicesPerWarp), one row a
/// block, blocks striding over the rows.
GpuConfig mmaSplitGpuConfig(const ProjectionSpec &spec,
                            int64_t indicesPerWarp = 1);
/// The same for a power-of-two d: `threadsPerRow` (128 ... 1024, a power
/// of two) = 32 M threads, H_M (x) H_{d/M}, a warp each d/M-th of the row;
/// 'vector_width' 4 (H_M by its radix-2 levels).
GpuConfig mmaPowerOfTwoSplitGpuConfig(const ProjectionSpec &spec,
                                      int64_t threadsPerRow);
/// H_m on tensor cores past 2^k = 32 (cross_warp = mma, vector_width = 2):
/// the row's blocks of 16 dense indices (after any fold of H_{2^k/64} into
/// H_m), which up to that many warps a row take in turn.
int64_t hmTensorCoreBlocks(const ProjectionSpec &spec);

/// The blocks a multiprocessor a persistent (cross_warp = mma) kernel of
/// `config` should run from 32768 rows, where fewer than it holds ran
/// faster (0: as many as it holds). The launcher caps its grid so.
int64_t gpuPersistentBlocksPerSM(const ProjectionSpec &spec,
                                 const GpuConfig &config);

/// Whether `config` is cross_warp = mma in a split layout (a row over 32 m
/// / g threads with a dense factor, or a power-of-two d over 128 threads
/// or more: MmaKernel.cpp), which takes one row a block and no row groups.
/// False for a config the #walsh.config verifier refuses.
bool gpuConfigIsMmaSplit(const ProjectionSpec &spec, const GpuConfig &config);

/// The groups of `config`'s grouped layout for `spec` (#walsh.config's
/// denseGroups: 2 or 4 where elems_per_thread is m / 2 or m / 4, not mma),
/// 0 where it is not that layout or the verifier refuses it.
int64_t gpuConfigDenseGroups(const ProjectionSpec &spec,
                             const GpuConfig &config);

/// Checks `config` for `spec` without compiling it: the #walsh.config
/// verifier (alone and against d) and what walsh-convert-to-gpu requires
/// of it. Returns the dynamic shared memory, in bytes, the kernel will ask
/// for; the error is the verifier's text. The autotuner prunes with it.
llvm::Expected<int64_t> checkGpuConfig(const ProjectionSpec &spec,
                                       const GpuConfig &config);

/// Fails unless `chip` is an architecture walsh compiles for (sm_70 ...
/// sm_90a); the error lists them.
llvm::Error validateChip(const std::string &chip);

/// What compileForGpu checks of its arguments before it compiles: `chip`
/// (validateChip), what `config` needs of it (tensor cores for mma and row
/// groups, clusters), checkGpuConfig, and the chip's shared memory. The
/// error names the chip ("chip: ...") or the configuration ("config:
/// ..."): a bad argument, where compileForGpu's later failures (LLVM,
/// ptxas) are not. Returns the dynamic shared memory a block asks for.
llvm::Expected<int64_t> checkGpuCompile(const ProjectionSpec &spec,
                                        const GpuConfig &config,
                                        const std::string &chip);

/// Compiles `spec` with `config` to PTX for `chip` (sm_90 by default), then
/// to a cubin with ptxas when one is found (findCudaTool). The error names
/// the configuration field the verifier rejected (checkGpuCompile), or
/// quotes ptxas. On a thread of its own where the caller's has less than
/// kCompileStackBytes of stack left (walsh/Support/Threads.h).
llvm::Expected<GpuArtifact> compileForGpu(const ProjectionSpec &spec,
                                          const GpuConfig &config,
                                          const std::string &chip = "sm_90");

/// A CUDA toolkit program (ptxas, cuobjdump, nvdisasm): $WALSH_CUDA_BIN,
/// then PATH, then $CUDA_HOME/bin, then /usr/local/cuda/bin; empty when
/// none has it. WALSH_CUDA_BIN=none finds nothing (PTX only).
std::string findCudaTool(const std::string &name);

/// Which ptxas compileForGpu would use, as part of a cache key: its path
/// and the last line of `ptxas --version`; "none" without one. Asked once
/// per process.
const std::string &ptxasIdentity();

/// `ptxas -arch=<chip> -O3` of `ptx` (with `fastCompile`
/// --Ofast-compile=min, where ptxas has it); the error quotes ptxas's
/// diagnostics. `options`, when given, receives the level it ran with.
llvm::Expected<std::string> assemblePtx(const std::string &ptxas,
                                        const std::string &ptx,
                                        const std::string &chip,
                                        bool fastCompile = false,
                                        std::string *options = nullptr);

/// The SASS of `cubin`, through cuobjdump -sass (or nvdisasm). Fails
/// saying which tools it looked for when neither is installed.
llvm::Expected<std::string> disassembleCubin(const std::string &cubin);

} // namespace walsh

#endif // WALSH_TARGET_NVPTX_GPUCOMPILER_H
