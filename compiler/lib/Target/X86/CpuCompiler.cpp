//===- CpuCompiler.cpp - spec -> x86 object for the host -------------------===//
#include "walsh/Target/X86/CpuCompiler.h"

#include "walsh/Builder/ProjectionBuilder.h"
#include "walsh/Conversion/Passes.h"
#include "walsh/Dialect/Walsh/IR/Walsh.h"
#include "walsh/Pipelines/OptMain.h"
#include "walsh/Pipelines/Pipelines.h"
#include "walsh/Support/Async.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IRReader/IRReader.h"
#include "llvm/Linker/Linker.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/Transforms/Utils/Cloning.h"

#include <chrono>
#include <cstdlib>
#include <future>
#include <mutex>

#include <unistd.h>

namespace walsh {

const HostCpu &HostCpu::detect() {
  static const HostCpu host = [] {
    HostCpu h;
    h.triple = llvm::sys::getProcessTriple();
    h.cpu = llvm::sys::getHostCPUName().str();
    llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
    std::vector<std::string> on;
    for (auto &f : features)
      if (f.second)
        on.push_back("+" + f.first().str());
    std::sort(on.begin(), on.end());
    for (size_t i = 0; i < on.size(); ++i)
      h.features += (i ? "," : "") + on[i];
    // The L1 for the pass order: the C library's on a Zen 5, where the
    // order measured faster; none elsewhere: on the H200 machine's
    // Sapphire Rapids (48 KB L1 too) it measured slower (run358, f32, one
    // thread, 256 MB, fraction of memcpy, widest first -> contiguous
    // first: d = 1024 0.91-0.96 -> 0.74-0.79, 4096 0.70-0.80 ->
    // 0.62-0.67), and other hosts are unmeasured. The same for the next
    // rows' prefetches into L1 (walsh::prefetchRowsIntoL1: faster on the
    // Zen 5, slower on Sapphire Rapids, run476). WALSH_L1D_BYTES sets it
    // on any host (the tests; trying both rules elsewhere).
    if (h.cpu == "znver5")
      h.l1dBytes = std::max<long>(0, sysconf(_SC_LEVEL1_DCACHE_SIZE));
    if (const char *l1 = std::getenv("WALSH_L1D_BYTES"); l1 && *l1) {
      uint64_t v = 0;
      if (!llvm::StringRef(l1).getAsInteger(10, v))
        h.l1dBytes = int64_t(v);
      else
        llvm::errs() << "walsh: warning: WALSH_L1D_BYTES: expects a size in "
                        "bytes, got '"
                     << l1 << "'; using " << h.l1dBytes << "\n";
    }
    return h;
  }();
  return host;
}

bool HostCpu::has(const std::string &feature) const {
  std::string needle = "+" + feature;
  size_t pos = 0;
  while ((pos = features.find(needle, pos)) != std::string::npos) {
    size_t end = pos + needle.size();
    if (end == features.size() || features[end] == ',')
      return true;
    pos = end;
  }
  return false;
}

// CpuPassOrder and #walsh.cpu_config's PassOrder are one enum apart.
static_assert(int(CpuPassOrder::Rule) == int(mlir::walsh::PassOrder::Rule) &&
              int(CpuPassOrder::WidestFirst) ==
                  int(mlir::walsh::PassOrder::WidestFirst) &&
              int(CpuPassOrder::ContiguousFirst) ==
                  int(mlir::walsh::PassOrder::ContiguousFirst));

CpuConfig defaultCpuConfig(const HostCpu &host) {
  CpuConfig c;
  c.vectorWidth = host.has("avx512f") ? 16 : 8;
  c.levelsPerPass = host.has("avx512f") ? 4 : 3;
  return c;
}

llvm::Error validateCpuConfig(const CpuConfig &c) {
  if (c.vectorWidth < 1 || c.vectorWidth > 16 ||
      (c.vectorWidth & (c.vectorWidth - 1)))
    return llvm::createStringError(
        "vector_width: expects a power of two in [1, 16], got " +
        std::to_string(c.vectorWidth));
  if (c.levelsPerPass < 1 || c.levelsPerPass > 5)
    return llvm::createStringError(
        "levels_per_pass: expects a value in [1, 5], got " +
        std::to_string(c.levelsPerPass));
  if (!validPrefetchPerLine(c.prefetchPerLine))
    return llvm::createStringError(
        "prefetch_per_line: expects 1, 2 or 4 (0: the lowering's rule), got " +
        std::to_string(c.prefetchPerLine));
  return llvm::Error::success();
}

/// Runs a pipeline on `module`; the error carries MLIR's diagnostics.
static llvm::Error
runPipeline(mlir::ModuleOp module,
            llvm::function_ref<void(mlir::OpPassManager &)> build,
            const char *name) {
  std::string diagnostics;
  mlir::ScopedDiagnosticHandler handler(
      module.getContext(), [&](mlir::Diagnostic &d) {
        diagnostics += d.str() + "\n";
        return mlir::success();
      });
  mlir::PassManager pm(module.getContext(),
                       mlir::ModuleOp::getOperationName());
  // The result is verified once, not after every pass (as for the GPU:
  // compileForGpu); the output is the same.
  pm.enableVerifier(false);
  build(pm);
  if (mlir::failed(pm.run(module)))
    return llvm::createStringError(std::string(name) + " failed: " +
                                   diagnostics);
  if (mlir::failed(mlir::verify(module)))
    return llvm::createStringError(std::string(name) +
                                   " produced invalid IR: " + diagnostics);
  return llvm::Error::success();
}


namespace {
/// A target machine for (triple, cpu, features) at O3, position independent.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
targetMachine(const std::string &triple, const std::string &cpu,
              const std::string &features) {
  static std::once_flag targetsInitialized;
  std::call_once(targetsInitialized, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    // The bf16 non-temporal stores are inline assembly (below).
    llvm::InitializeNativeTargetAsmParser();
  });
  std::string error;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return llvm::createStringError("no LLVM target for " + triple + ": " +
                                   error);
  return std::unique_ptr<llvm::TargetMachine>(target->createTargetMachine(
      triple, cpu, features, llvm::TargetOptions(), llvm::Reloc::PIC_,
      std::nullopt, llvm::CodeGenOptLevel::Aggressive));
}

/// Code generation of `m` into `out` (an object or assembly file).
llvm::Error emitFile(llvm::TargetMachine &tm, llvm::Module &m,
                     llvm::CodeGenFileType type, std::string &out) {
  llvm::SmallString<0> buffer;
  llvm::raw_svector_ostream os(buffer);
  llvm::legacy::PassManager pm;
  if (tm.addPassesToEmitFile(pm, os, nullptr, type))
    return llvm::createStringError("the target cannot emit this file type");
  pm.run(m);
  out.assign(buffer.begin(), buffer.end());
  return llvm::Error::success();
}
} // namespace

static llvm::Expected<std::string> assemblyHere(const CpuArtifact &art) {
  auto ir = art.stages.find("llvm");
  if (ir == art.stages.end())
    return llvm::createStringError("asm: the kernel has no llvm stage");
  auto tm = targetMachine(art.triple, art.cpu, art.features);
  if (!tm)
    return tm.takeError();
  llvm::LLVMContext ctx;
  llvm::SMDiagnostic diag;
  std::unique_ptr<llvm::Module> m = llvm::parseIR(
      llvm::MemoryBufferRef(ir->second, "kernel.ll"), diag, ctx);
  if (!m)
    return llvm::createStringError("asm: the llvm stage does not parse: " +
                                   diag.getMessage().str());
  std::string out;
  if (llvm::Error e =
          emitFile(**tm, *m, llvm::CodeGenFileType::AssemblyFile, out))
    return std::move(e);
  return out;
}

llvm::Expected<std::string> cpuAssembly(const CpuArtifact &art) {
  return withStack(kCompileStackBytes, [&] { return assemblyHere(art); });
}

namespace {
/// Whether `m`'s two entry points share no code (each holds every pass:
/// no function of internal linkage besides them), so that each can be
/// generated on its own.
bool entryPointsApart(const llvm::Module &m) {
  if (!m.getFunction("outproj_nt"))
    return false;
  for (const llvm::Function &fn : m)
    if (!fn.isDeclaration() && fn.hasLocalLinkage())
      return false;
  return true;
}

/// Erases the entry point `name` and its C interface from `m`.
void eraseEntryPoint(llvm::Module &m, llvm::StringRef name) {
  for (std::string fn : {"_mlir_ciface_" + name.str(), name.str()})
    if (llvm::Function *f = m.getFunction(fn))
      f->eraseFromParent();
}

/// LLVM's O3 on `m`, then a bf16 vector's non-temporal store becomes one
/// vmovntdq by inline assembly. x86 selects no non-temporal store for
/// <N x bfloat> (LLVM 19 emits an ordinary vmovaps, so every output line
/// is read before it is written: one thread, this VM, bf16 against f16,
/// whose stores are non-temporal, d = 1024 0.60-0.67 against 0.71 of
/// memcpy, 4096 0.55-0.62 against 0.71-0.72), and a bitcast to integers
/// is folded back before instruction selection. The "_nt" entry point's
/// rows are aligned to the store's size (its contract).
llvm::Error optimize(llvm::TargetMachine &tm, llvm::Module &m) {
  if (llvm::Error e = mlir::makeOptimizingTransformer(3, 0, &tm)(&m))
    return e;
  llvm::LLVMContext &ctx = m.getContext();
  llvm::SmallVector<llvm::StoreInst *> bf16Streams;
  for (llvm::Function &fn : m)
    for (llvm::Instruction &inst : llvm::instructions(fn))
      if (auto *store = llvm::dyn_cast<llvm::StoreInst>(&inst))
        if (store->getMetadata(llvm::LLVMContext::MD_nontemporal))
          if (auto *vt = llvm::dyn_cast<llvm::FixedVectorType>(
                  store->getValueOperand()->getType());
              vt && vt->getElementType()->isBFloatTy() &&
              vt->getPrimitiveSizeInBits() >= 128)
            bf16Streams.push_back(store);
  for (llvm::StoreInst *store : bf16Streams) {
    llvm::Type *vt = store->getValueOperand()->getType();
    auto *asmType =
        llvm::FunctionType::get(llvm::Type::getVoidTy(ctx),
                                {store->getPointerOperandType(), vt}, false);
    auto *movnt = llvm::InlineAsm::get(asmType, "vmovntdq $1, $0", "=*m,v",
                                       /*hasSideEffects=*/true);
    auto *call = llvm::CallInst::Create(
        movnt, {store->getPointerOperand(), store->getValueOperand()}, "",
        store);
    call->addParamAttr(
        0, llvm::Attribute::get(ctx, llvm::Attribute::ElementType, vt));
    store->eraseFromParent();
  }
  return llvm::Error::success();
}

/// The module optimized (`optimize`), its `llvm` stage and its machine
/// code. Where the two entry points share no code each is optimized and
/// generated on a thread of its own, "outproj_nt" from a copy of the
/// module in a context of its own, into `objectNontemporal`; the stage is
/// the two halves linked again (the same functions as one module's O3
/// gives; declarations, attribute groups and the `preds` comments in
/// another order). LLVM's optimizer and x86 code generation were most of
/// a cold compile and split evenly between the halves (this VM,
/// 2026-11-30: code generation alone apart, f32 d = 11264 155 -> 113 ms,
/// bf16 2816 149 -> 106; both apart, 113 -> 100, 106 -> 91). The
/// instructions are the same.
llvm::Error optimizeAndGenerate(llvm::TargetMachine &tm, const HostCpu &host,
                                llvm::Module &module, CpuArtifact &art) {
  if (!entryPointsApart(module)) {
    if (llvm::Error e = optimize(tm, module))
      return e;
    llvm::raw_string_ostream os(art.stages["llvm"]);
    module.print(os, nullptr);
    return emitFile(tm, module, llvm::CodeGenFileType::ObjectFile, art.object);
  }
  std::string bitcode;
  {
    llvm::raw_string_ostream os(bitcode);
    llvm::WriteBitcodeToFile(module, os);
  }
  // The other half, optimized, as bitcode for the stage (empty if it
  // failed before).
  std::promise<std::string> optimizedHalf;
  std::future<std::string> optimizedHalfReady = optimizedHalf.get_future();
  walsh::Async<llvm::Error> nontemporal =
      walsh::runAsync([&]() -> llvm::Error {
        bool handedOver = false;
        auto handOver = llvm::make_scope_exit([&] {
          if (!handedOver)
            optimizedHalf.set_value(std::string());
        });
        llvm::LLVMContext ctx;
        auto copy = llvm::parseBitcodeFile(
            llvm::MemoryBufferRef(bitcode, "outproj_nt"), ctx);
        if (!copy)
          return copy.takeError();
        eraseEntryPoint(**copy, "outproj");
        auto ntTm = targetMachine(host.triple, host.cpu, host.features);
        if (!ntTm)
          return ntTm.takeError();
        if (llvm::Error e = optimize(**ntTm, **copy))
          return e;
        std::string half;
        {
          llvm::raw_string_ostream os(half);
          llvm::WriteBitcodeToFile(**copy, os);
        }
        optimizedHalf.set_value(std::move(half));
        handedOver = true;
        return emitFile(**ntTm, **copy, llvm::CodeGenFileType::ObjectFile,
                        art.objectNontemporal);
      });
  eraseEntryPoint(module, "outproj_nt");
  llvm::Error mine = optimize(tm, module);
  // The stage: this half and the other linked into one module, printed
  // before this half's code generation (which rewrites it).
  llvm::Error staged = llvm::Error::success();
  if (!mine) {
    std::string other = optimizedHalfReady.get();
    if (!other.empty()) {
      std::unique_ptr<llvm::Module> whole = llvm::CloneModule(module);
      auto half = llvm::parseBitcodeFile(
          llvm::MemoryBufferRef(other, "outproj_nt"), module.getContext());
      if (!half)
        staged = half.takeError();
      else if (llvm::Linker::linkModules(*whole, std::move(*half)))
        staged = llvm::createStringError(
            "linking the two optimized halves for the llvm stage failed");
      else {
        llvm::raw_string_ostream os(art.stages["llvm"]);
        whole->print(os, nullptr);
      }
    }
  }
  llvm::Error plain =
      mine
          ? std::move(mine)
          : emitFile(tm, module, llvm::CodeGenFileType::ObjectFile, art.object);
  llvm::Error nt = nontemporal.get();
  if (plain) {
    llvm::consumeError(std::move(nt));
    llvm::consumeError(std::move(staged));
    return plain;
  }
  if (nt) {
    llvm::consumeError(std::move(staged));
    return nt;
  }
  return staged;
}
} // namespace

static llvm::Expected<CpuArtifact> compileHere(const ProjectionSpec &spec,
                                               const CpuConfig &config) {
  auto start = std::chrono::steady_clock::now();
  if (llvm::Error e = validateCpuConfig(config))
    return std::move(e);
  const HostCpu &host = HostCpu::detect();

  mlir::DialectRegistry registry;
  registerAllWalshDialects(registry);
  mlir::registerBuiltinDialectTranslation(registry);
  mlir::registerLLVMDialectTranslation(registry);
  mlir::MLIRContext ctx(registry, mlir::MLIRContext::Threading::DISABLED);
  mlir::OpBuilder b(&ctx);
  loadDialects(ctx);
  auto cfg = mlir::walsh::CpuConfigAttr::get(
      &ctx, config.vectorWidth, config.levelsPerPass, config.nontemporal,
      config.prefetchPerLine, mlir::walsh::PassOrder(config.passOrder));
  auto module = buildProjectionModule(ctx, spec, cfg);
  if (!module)
    return module.takeError();

  CpuArtifact art;
  art.spec = spec;
  art.config = config;
  art.triple = host.triple;
  art.cpu = host.cpu;
  art.features = host.features;
  art.symbol = "_mlir_ciface_outproj";
  // fp32 -> bf16 as one instruction where the host has AVX512-BF16 (see
  // walsh-convert-to-cpu), marked on the module so that every dumped stage
  // replays the same through walsh-opt.
  if (host.has("avx512bf16"))
    (**module)->setAttr("walsh.native_bf16",
                       mlir::UnitAttr::get((**module)->getContext()));
  // The L1 data cache size, for the order of a row's passes
  // (walsh::contiguousPassFirst); part of the kernel's key.
  if (host.l1dBytes > 0)
    (**module)->setAttr("walsh.l1d_bytes",
                       b.getI64IntegerAttr(host.l1dBytes));
  art.stages["walsh"] = mlir::walsh::printStage(**module);
  if (llvm::Error e = runPipeline(
          **module,
          [&](mlir::OpPassManager &pm) {
            mlir::walsh::buildSpecToStagesPipeline(pm, spec.crossHeadOnly);
          },
          "walsh-to-stages"))
    return std::move(e);
  art.stages["stages"] = mlir::walsh::printStage(**module);
  // fp32 -> bf16 as one instruction where the host has AVX512-BF16 (the
  // features are part of what identifies a kernel): on a Zen 5 VM, bf16
  // cache-resident, d = 1024 0.131 -> 0.110 ns an element, 4096 0.153 ->
  // 0.133; 256 MB on one thread 0.68 -> 0.79-0.84 of memcpy at d = 256.
  // (Marked on the module, so that a dumped stage replays the same.)
  if (llvm::Error e = runPipeline(
          **module,
          [&](mlir::OpPassManager &pm) {
            pm.addPass(mlir::walsh::createWalshConvertToCPU());
          },
          "walsh-convert-to-cpu"))
    return std::move(e);
  // The vector and LLVM-dialect stages are printed on another thread while
  // LLVM optimizes and generates code (below), which no longer touches the
  // MLIR context: f32 d = 15360, 9 of its 159 ms (this VM, 2026-11-30).
  mlir::walsh::StageSnapshots snapshots;
  snapshots.copy("vector", **module);
  if (llvm::Error e = runPipeline(**module, mlir::walsh::buildCpuToLLVMPipeline,
                                  "the LLVM lowering"))
    return std::move(e);
  snapshots.keep("llvm-dialect", **module);
  if (auto nt = (*module)->lookupSymbol<mlir::LLVM::LLVMFuncOp>("outproj_nt")) {
    art.symbolNontemporal = "_mlir_ciface_outproj_nt";
    art.nontemporalAlignment =
        nt->getAttrOfType<mlir::IntegerAttr>("walsh.nontemporal_alignment")
            .getInt();
  }

  auto tm = targetMachine(host.triple, host.cpu, host.features);
  if (!tm)
    return tm.takeError();

  llvm::LLVMContext llvmCtx;
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(**module, llvmCtx, "outproj");
  if (!llvmModule)
    return llvm::createStringError("translation to LLVM IR failed");
  // From here on this thread works on LLVM IR only. (Joined on every
  // return: the future is destroyed before the module it prints.)
  std::map<std::string, std::string> printed;
  walsh::Async<void> printing =
      walsh::runAsync([&] { snapshots.printInto(printed); });
  // The "_nt" entry point's contract (checked by the runtime) is that
  // every output row is aligned to a whole vector: give its non-temporal
  // stores that alignment, or x86 splits them into scalar stores. They are
  // in "outproj_nt", or in the body both entry points share, on the path
  // only "outproj_nt" takes (walsh-convert-to-cpu).
  if (art.nontemporalAlignment)
    for (llvm::Function &fn : *llvmModule)
      for (llvm::Instruction &inst : llvm::instructions(fn))
        if (auto *store = llvm::dyn_cast<llvm::StoreInst>(&inst))
          if (store->getMetadata(llvm::LLVMContext::MD_nontemporal))
            store->setAlignment(llvm::Align(art.nontemporalAlignment));
  llvmModule->setDataLayout((*tm)->createDataLayout());
  llvmModule->setTargetTriple(host.triple);
  if (llvm::Error e = optimizeAndGenerate(**tm, host, *llvmModule, art))
    return std::move(e);
  printing.get();
  art.stages.merge(printed);
  art.compileMs = std::chrono::duration<double, std::milli>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  return art;
}

llvm::Expected<CpuArtifact> compileForCpu(const ProjectionSpec &spec,
                                          const CpuConfig &config) {
  return withStack(kCompileStackBytes,
                   [&] { return compileHere(spec, config); });
}

} // namespace walsh
