//===- Artifact.h - what the compiler hands the runtime --------*- C++ -*-===//
//
// A compiled kernel as plain data (no MLIR, no LLVM): the spec it computes,
// the target it was built for, the machine code, and the text of every
// stage for inspection. The runtime's loader needs only this.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_TARGET_ARTIFACT_H
#define WALSH_TARGET_ARTIFACT_H

#include "walsh/Builder/ProjectionSpec.h"

#include <map>
#include <string>

namespace walsh {

/// A compiled CPU kernel.
struct CpuArtifact {
  ProjectionSpec spec;
  CpuConfig config;
  /// The host it was built for: target triple, CPU name and the enabled
  /// features ("+avx2,+fma,..."); part of what identifies the kernel.
  std::string triple, cpu, features;
  /// The C-interface entry point in `object`.
  std::string symbol;
  /// The entry point that writes the output with non-temporal stores, and
  /// the byte alignment it needs of every output row; empty and 0 when the
  /// kernel was compiled without `nontemporal`.
  std::string symbolNontemporal;
  int64_t nontemporalAlignment = 0;
  /// A relocatable ELF object for `triple`.
  std::string object;
  /// A second one holding the non-temporal entry point, where the compiler
  /// optimized and generated the two entry points apart (CpuCompiler.cpp:
  /// optimizeAndGenerate); empty when `object` holds both.
  std::string objectNontemporal;
  /// Text of each stage: "walsh" (built IR), "stages" (after
  /// walsh-to-stages), "vector" (after walsh-convert-to-cpu), "llvm-dialect",
  /// "llvm" (optimized LLVM IR) and "asm".
  std::map<std::string, std::string> stages;
  /// Wall time of the whole compile, in milliseconds.
  double compileMs = 0;
};

/// A compiled GPU kernel: PTX, a cubin when the CUDA toolkit's ptxas was
/// found, and what the launcher needs to know.
struct GpuArtifact {
  ProjectionSpec spec;
  GpuConfig config;
  /// Target SM, e.g. "sm_90".
  std::string chip;
  /// The kernel's entry point in `ptx`.
  std::string kernel = "outproj";
  std::string ptx;
  /// The cubin ptxas made of `ptx` for `chip` (the loader prefers it: no
  /// driver JIT at load time), the ptxas that made it and its optimization
  /// option ("-O3", or "--Ofast-compile=min" for one warp a row of
  /// tensor-core tiles); all empty when no ptxas was found.
  std::string cubin, ptxas, ptxasOptions;
  /// The image to load: the cubin if there is one, else the PTX.
  const std::string &image() const { return cubin.empty() ? ptx : cubin; }
  /// Launch shape: threads per block, rows per block, dynamic shared bytes.
  int64_t blockThreads = 0, rowsPerBlock = 0, sharedBytes = 0;
  /// Byte alignment every row of x and y (and a, b) must have: the kernel's
  /// vector accesses are that wide.
  int64_t rowAlignment = 0;
  /// A persistent grid's blocks a multiprocessor from 32768 rows (0: as
  /// many as it holds; gpuPersistentBlocksPerSM).
  int64_t blocksPerSM = 0;
  /// Text of each stage: "walsh", "stages", "gpu" (after
  /// walsh-convert-to-gpu), "nvvm" (the kernel in the NVVM and LLVM
  /// dialects), "llvm" (optimized LLVM IR, as the NVPTX backend gets it),
  /// "ptx". SASS comes from disassembleCubin.
  std::map<std::string, std::string> stages;
  double compileMs = 0;
};

} // namespace walsh

#endif // WALSH_TARGET_ARTIFACT_H
