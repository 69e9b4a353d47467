//===- GpuKernel.h - load and launch a compiled GPU kernel -----*- C++ -*-===//
//
// The GPU loader: a cubin (from ptxas) or PTX (the driver compiles it for
// the device) is loaded once, the function looked up and its dynamic shared
// memory raised when it needs more than 48 KB; launch() validates the
// arguments and launches on the caller's stream, nothing else. The module
// is unloaded when the last copy of the kernel goes. No MLIR: a deployment
// can ship the image and this runtime alone.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_GPUKERNEL_H
#define WALSH_RUNTIME_GPUKERNEL_H

#include "walsh/Builder/ProjectionSpec.h"
#include "walsh/Runtime/CudaDriver.h"

#include <memory>
#include <string>

namespace walsh {

/// What the launcher needs besides the PTX (GpuArtifact carries it; so does
/// the JSON `walsh compile` writes): the spec the kernel was compiled for
/// (which buffers it takes, of which dtypes, in which layout) and what
/// compiling it decided (the block shape, shared memory, row alignment).
struct GpuLaunchInfo {
  std::string kernel = "outproj";
  ProjectionSpec spec;
  int64_t blockThreads = 0, rowsPerBlock = 0, sharedBytes = 0;
  /// The config's row_iters: from 2 a block takes groups of rows in turn,
  /// striding over them by the grid, so launch() may launch fewer blocks
  /// than ceil(rows / rowsPerBlock) (the JSON's `row_iters`).
  int64_t rowIters = 1;
  /// The config's cluster: thread blocks a row, launched as thread-block
  /// clusters of that many (cuLaunchKernelEx), the grid `cluster` times
  /// ceil(rows / rowsPerBlock) (the JSON's `cluster`).
  int64_t cluster = 1;
  /// Whether the kernel's blocks take rows_per_block-row groups bid, bid +
  /// G, ... whatever its grid G (cross_warp = mma): launch() then launches
  /// at most the blocks the device holds at once.
  bool persistent = false;
  /// A persistent kernel's blocks a multiprocessor from kCappedFromRows
  /// rows (0: as many as it holds; the JSON's `blocks_per_sm`).
  int64_t blocksPerSM = 0;
  /// Bytes each row of x is aligned to (a whole vector access); y's rows
  /// to the same number of elements of y's type.
  int64_t rowAlignment = 16;

  /// The launch info of `spec` (the block shape and alignment, which come
  /// from compiling it, keep their defaults).
  static GpuLaunchInfo forSpec(const ProjectionSpec &spec) {
    GpuLaunchInfo in;
    in.spec = spec;
    return in;
  }
};

/// Device buffers for one launch; row strides count elements (0 = d).
struct GpuRunArgs {
  cuda::CUdeviceptr x = 0;
  int64_t xRowStride = 0;
  cuda::CUdeviceptr y = 0;
  int64_t yRowStride = 0;
  cuda::CUdeviceptr a = 0, b = 0;
  int64_t rows = 0;
  /// The fused epilogue's buffers (0 when the kernel has none): residual
  /// rows (may be y: an in-place update of the residual stream), the
  /// normalised output rows, the norm's weight and LayerNorm bias.
  cuda::CUdeviceptr residual = 0;
  int64_t residualRowStride = 0;
  cuda::CUdeviceptr normOut = 0;
  int64_t normOutRowStride = 0;
  cuda::CUdeviceptr normWeight = 0, normBias = 0;
  /// The input side, as CpuRunArgs: a bhsd input's seq, the split-KV
  /// combine's log-sum-exp (fp32 [splits, rows, heads] packed), the row
  /// sums of a row-sum normalisation (fp32 [rows, heads] packed).
  int64_t seq = 0;
  cuda::CUdeviceptr lse = 0;
  cuda::CUdeviceptr rowSums = 0;
};

/// The rows from which a persistent kernel's blocksPerSM applies.
constexpr int64_t kCappedFromRows = 32768;

/// The blocks a launch of `rows` rows takes: ceil(rows / rowsPerBlock);
/// with row groups (rowIters > 1), `residentBlocks` (the blocks the device
/// holds at once; 0: unknown) when the estimated idle time of that grid's
/// last wave passes that of the capped grid's uneven shares; a persistent
/// kernel at most `residentBlocks`, and from kCappedFromRows rows at most
/// blocksPerSM a multiprocessor (`multiprocessors`, 0: unknown); and at
/// most `limit` (0: none).
int64_t launchGrid(const GpuLaunchInfo &info, int64_t rows,
                   int64_t residentBlocks, int64_t limit = 0,
                   int64_t multiprocessors = 0);

/// The shared-memory carveout load() asks for, in percent of a
/// multiprocessor's `sharedPerSM` bytes: the smallest capacity the
/// multiprocessor's shared memory takes that holds the `blocksPerSM`
/// blocks the occupancy calculator allows, each `perBlock` bytes (dynamic,
/// static and the driver's reserve); the rest of the unified L1 stays
/// cache. Left to itself the driver may hold more blocks than registers
/// allow: fp32 d = 10240 (two blocks by registers, three by shared memory)
/// got 132 KB of 228 where two blocks need 82 (H200, ncu). -1 (the
/// driver's choice) where the capacities are not known (a multiprocessor
/// of other than 228, 164 or 100 KB) or nothing fits. load() asks it only
/// for kernels with dynamic shared memory.
int sharedCarveoutPercent(int64_t blocksPerSM, int64_t perBlock,
                          int64_t sharedPerSM);

/// The checks of GpuKernel::launch that need no driver: row count, a/b
/// presence, row strides (at least d, a multiple of the row alignment). The
/// error names the argument.
llvm::Error validateGpuArgs(const GpuLaunchInfo &info, const GpuRunArgs &args);

class GpuKernel {
public:
  /// The most 8-byte kernel parameters a walsh kernel takes.
  static constexpr int kMaxParams = 64;

  /// Loads `image` (a cubin, or PTX text) into the primary context of the
  /// current device (the device of the calling thread's current context;
  /// where none is, device 0, whose primary context it makes current as
  /// the CUDA runtime would), leaving a current context as it was. Fails with
  /// "no GPU: ..." without a driver or device, and names the limit when the
  /// kernel needs more shared memory than the device allows. Where the driver
  /// has several devices the image is kept, and the first launch on another
  /// device's memory loads it there.
  static llvm::Expected<GpuKernel> load(const std::string &image,
                                        const GpuLaunchInfo &info);

  /// Launches y = a (.) (s H_d x) + b on `stream`, on the device whose
  /// memory x is (every buffer must be on it). Zero rows is a no-op.
  /// Errors name the argument: null, host or misaligned pointers, memory
  /// of another device than x's, row strides below d or not a multiple of
  /// the row alignment, missing or unexpected a/b. Whether a pointer is
  /// device memory, and whose, is asked of the driver once per allocation
  /// (each thread remembers the last 16), so a loop over the same buffers,
  /// or a CUDA graph capture, costs no driver queries. `stream` must
  /// belong to the device's primary context (the CUDA runtime's, and so
  /// PyTorch's); on a default stream (null, CU_STREAM_LEGACY,
  /// CU_STREAM_PER_THREAD) that context is made current for the launch
  /// and the caller's restored (or, where none was current, left current).
  /// A kernel with row groups launches ceil(rows / rowsPerBlock) blocks,
  /// or, when their last, partial wave would idle the device longer than
  /// uneven shares would, the blocks the device holds at once (found at
  /// load from the driver's occupancy): each then takes its share of the
  /// groups in turn (launchGrid).
  llvm::Error launch(const GpuRunArgs &args, cuda::CUstream stream) const;

  /// The blocks launch() would launch for `rows`.
  int64_t gridFor(int64_t rows) const;
  /// This kernel launching at most `blocks` blocks when it has row groups
  /// (a test of the stride over them: walsh-gpu's second check); 0: no
  /// limit beyond the device's.
  GpuKernel withGridLimit(int64_t blocks) const {
    GpuKernel k = *this;
    k.gridLimit = blocks;
    return k;
  }

  const GpuLaunchInfo &info() const { return launchInfo; }
  /// The function loaded by load(), for callers that launch it themselves
  /// (in the primary context of the device current at load).
  cuda::CUfunction handle() const { return function; }

  /// The kernel's parameters for `args`, 8 bytes each, as cuLaunchKernel
  /// takes them packed through `extra`: the memref descriptors field by
  /// field, rows (allocated, aligned, offset, size0, size1, stride0,
  /// stride1) for x and y, then (allocated, aligned, offset, size, stride)
  /// for a and b when the kernel takes them, then the epilogue's: residual
  /// rows, norm weight and bias (columns), normalised output rows. With a
  /// prologue x is 4-D (bhsd) or 3-D (split-KV partials), and the lse
  /// (3-D) or the row sums (2-D) come right after y. Returns the count.
  int packParams(const GpuRunArgs &args, uint64_t (&out)[kMaxParams]) const;

  /// What the loaded function uses, from the driver: registers and local
  /// (spill) bytes per thread, and the most threads a block may have with
  /// those registers.
  struct Resources {
    int registers = 0, localBytes = 0, maxThreadsPerBlock = 0;
  };
  llvm::Expected<Resources> resources() const;

  struct Loaded;   // the modules, unloaded with the last copy
  struct OnDevice; // the module on one device

private:
  /// The launch itself on `target`; `streamDevice` is the device when
  /// `stream` is not a default stream (-1 when it is), for the error.
  llvm::Error launchOn(const OnDevice &target, const GpuRunArgs &args,
                       cuda::CUstream stream, int streamDevice) const;

  GpuLaunchInfo launchInfo;
  cuda::CUfunction function = nullptr;
  int64_t gridLimit = 0;
  std::shared_ptr<Loaded> loaded;
};

} // namespace walsh

#endif // WALSH_RUNTIME_GPUKERNEL_H
