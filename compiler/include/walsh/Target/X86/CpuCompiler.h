//===- CpuCompiler.h - spec -> x86 object for the host ---------*- C++ -*-===//
//
// The CPU half of the compiler: builds the projection's walsh IR, runs
// walsh-lower-to-cpu (the same registered pipeline walsh-opt replays),
// translates to LLVM IR, optimizes it at O3 for the host CPU and its
// features, and emits a relocatable object (and assembly text).
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_TARGET_X86_CPUCOMPILER_H
#define WALSH_TARGET_X86_CPUCOMPILER_H

#include "walsh/Target/Artifact.h"

#include "llvm/Support/Error.h"

namespace walsh {

/// The host's target triple, CPU name and enabled features, and the L1
/// data cache size the CPU lowering orders a row's passes by
/// (walsh::contiguousPassFirst; 0: widest stride first everywhere) and
/// picks the next rows' prefetch level by (walsh::prefetchRowsIntoL1; 0:
/// L2): the C library's on a Zen 5 (CPU "znver5"), 0 elsewhere, or
/// WALSH_L1D_BYTES.
struct HostCpu {
  std::string triple, cpu, features;
  int64_t l1dBytes = 0;
  /// Detected once per process.
  static const HostCpu &detect();
  /// True when `feature` (without "+") is enabled, e.g. "avx512f".
  bool has(const std::string &feature) const;
};

/// The default configuration for this host: 16 lanes with AVX-512, else 8.
CpuConfig defaultCpuConfig(const HostCpu &host);

/// Checks a CPU configuration; the error names the field.
llvm::Error validateCpuConfig(const CpuConfig &config);

/// Compiles `spec` with `config` for the host: every stage up to the
/// optimized LLVM IR, and the object. Not the assembly, which would cost a
/// second code generation (about 50 ms) on every compile: cpuAssembly.
/// On a thread of its own where the caller's has less than
/// kCompileStackBytes of stack left (walsh/Support/Threads.h).
llvm::Expected<CpuArtifact> compileForCpu(const ProjectionSpec &spec,
                                          const CpuConfig &config);

/// The x86 assembly of a compiled kernel (its "asm" stage): code generation
/// of its optimized LLVM IR (the "llvm" stage) for the host it was built
/// for, the same code the object holds.
llvm::Expected<std::string> cpuAssembly(const CpuArtifact &art);

} // namespace walsh

#endif // WALSH_TARGET_X86_CPUCOMPILER_H
