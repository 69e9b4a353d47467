//===- Pipelines.h - named walsh pass pipelines ----------------*- C++ -*-===//
//
// Each pipeline is a C++ function; walsh-opt registers it by name and the JIT
// calls the same function, so a dumped .mlir replays through walsh-opt
// exactly as the JIT ran it.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_PIPELINES_PIPELINES_H
#define WALSH_PIPELINES_PIPELINES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Pass/PassManager.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mlir::walsh {

/// `walsh-to-stages`: canonicalize, walsh-decompose, canonicalize,
/// walsh-fuse-affine, canonicalize, walsh-fuse-epilogue. Leaves a chain of
/// walsh.stage ops whose last stage carries the scale and the affine,
/// followed by at most one walsh.epilogue (residual add, norm).
void buildWalshToStagesPipeline(OpPassManager &pm);

/// What the compilers run on a spec's module: walsh-to-stages, then with
/// `crossHeadOnly` = head_dim > 0 walsh-split-heads keeping only the
/// cross-head factor (ProjectionSpec::crossHeadOnly).
void buildSpecToStagesPipeline(OpPassManager &pm, int64_t crossHeadOnly);

/// The LLVM-dialect half of the CPU pipeline: scf, vector, arith, memref,
/// func -> llvm (bf16 conversions as walsh-convert-to-cpu wrote them).
void buildCpuToLLVMPipeline(OpPassManager &pm);

/// `walsh-lower-to-cpu`: walsh-to-stages, walsh-convert-to-cpu, then
/// buildCpuToLLVMPipeline. The result translates to LLVM IR for the host.
void buildWalshLowerToCpuPipeline(OpPassManager &pm);

/// An operation's text as walsh-opt prints it (trailing newline included),
/// so a stage saved by the compiler replays through walsh-opt byte for
/// byte.
std::string printStage(Operation *op);

/// Stages kept during a compile and printed (printStage) later, off its
/// critical path: while ptxas runs, or on another thread while LLVM
/// optimizes and generates code. Printing a large straight-line stage
/// takes milliseconds; copying it, a fraction of that.
class StageSnapshots {
public:
  /// A copy of `module` as it is now, printed as stage `name`.
  void copy(const std::string &name, ModuleOp module);
  /// `module` itself, printed as stage `name`: nothing may change it
  /// before printInto.
  void keep(const std::string &name, ModuleOp module);
  /// Prints every stage into `stages` (name -> text). Reads the modules
  /// only: another thread may print while this one works on anything but
  /// their MLIRContext.
  void printInto(std::map<std::string, std::string> &stages) const;

private:
  std::vector<std::pair<std::string, OwningOpRef<ModuleOp>>> copies;
  std::vector<std::pair<std::string, ModuleOp>> kept;
};

/// The NVIDIA architectures walsh compiles for: those LLVM 19's NVPTX
/// backend knows from Volta on (bf16 conversions and shfl.sync need no
/// emulation there). One list for `walsh compile --chip`, the JIT and
/// walsh-opt's `walsh-lower-to-nvvm{chip=...}`.
inline constexpr const char *kGpuChips[] = {"sm_70", "sm_72", "sm_75",
                                            "sm_80", "sm_86", "sm_87",
                                            "sm_89", "sm_90", "sm_90a"};

/// Options of the GPU pipeline.
struct NvvmOptions {
  std::string chip = "sm_90";
  /// PTX ISA features; +ptx80 enables Hopper instructions (LLVM 19 goes to
  /// 8.5).
  std::string features = "+ptx80";
  /// gpu-module-to-binary's format: "isa" (PTX text), "llvm" (optimized
  /// LLVM bitcode), "bin" (a cubin, through the toolkit's ptxas); empty
  /// stops before serialization (the module stays in the NVVM dialect).
  std::string format = "isa";
};

/// The half of the GPU pipeline after walsh-convert-to-gpu: the kernel to
/// NVVM with vector accesses aligned (walsh-align-vector-access), then
/// gpu-module-to-binary in options.format (PTX text by default).
void buildGpuToNvvmPipeline(OpPassManager &pm, const NvvmOptions &options);

/// `walsh-lower-to-nvvm`: walsh-to-stages, walsh-convert-to-gpu, then
/// buildGpuToNvvmPipeline. The host side is the runtime's launcher, not IR.
void buildWalshLowerToNvvmPipeline(OpPassManager &pm,
                                   const NvvmOptions &options = {});

/// Registers every walsh pass and pipeline with the global registry (for
/// walsh-opt and for parsing pipeline strings).
void registerWalshPassesAndPipelines();

} // namespace mlir::walsh

#endif // WALSH_PIPELINES_PIPELINES_H
