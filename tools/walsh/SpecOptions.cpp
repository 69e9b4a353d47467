//===- SpecOptions.cpp - the spec options every subcommand shares ----------===//
#include "SpecOptions.h"

#include "Commands.h"

#include "walsh/Autotune/TuningDb.h"
#include "walsh/Builder/ProjectionBuilder.h"
#include "walsh/Hadamard/Hadamard.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"
#include "walsh/Target/X86/CpuCompiler.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CheckedArithmetic.h"

#include <algorithm>
#include <fmt/format.h>

using namespace llvm;
using namespace walsh::cli;

namespace {
// Options of the spec, registered with every subcommand that builds one.
#define WALSH_SPEC_SUBS                                                        \
  cl::sub(walsh::cli::stagesCommand()), cl::sub(walsh::cli::runCommand()),     \
      cl::sub(walsh::cli::inspectCommand()),                                   \
      cl::sub(walsh::cli::compileCommand()), cl::cat(walsh::cli::category())
cl::opt<int64_t> optD("d", cl::desc("Row length d (or --heads and --head-dim)"),
                      cl::init(0), WALSH_SPEC_SUBS);
cl::opt<int64_t> optHeads("heads", cl::desc("Number of attention heads"),
                          cl::init(0), WALSH_SPEC_SUBS);
cl::opt<int64_t> optHeadDim("head-dim", cl::desc("Head dimension"),
                            cl::init(0), WALSH_SPEC_SUBS);
cl::opt<std::string> optDType("dtype", cl::desc("f32, f16 or bf16"),
                              cl::init("f32"), WALSH_SPEC_SUBS);
cl::opt<bool> optTranspose("transpose",
                           cl::desc("Apply H_d^T (the backward pass)"),
                           WALSH_SPEC_SUBS);
cl::opt<std::string> optScale("scale",
                              cl::desc("Transform scale (default 1/sqrt(d))"),
                              cl::init(""), WALSH_SPEC_SUBS);
cl::opt<bool> optNoAffine("no-affine", cl::desc("Omit the learned a and b"),
                          WALSH_SPEC_SUBS);
cl::opt<std::string> optEpilogue(
    "epilogue",
    cl::desc("Fused after the affine: residual (h = residual + y), rmsnorm "
             "or layernorm of h written besides it; comma-separated, e.g. "
             "residual,rmsnorm"),
    cl::init(""), WALSH_SPEC_SUBS);
cl::opt<double> optEps("eps", cl::desc("The norm's epsilon (default 1e-6)"),
                       cl::init(1e-6), WALSH_SPEC_SUBS);
cl::opt<std::string> optOutDType(
    "out-dtype",
    cl::desc("The output cast: y (and the epilogue's residual, norm "
             "parameters and output) in f32, f16 or bf16 (default: --dtype)"),
    cl::init(""), WALSH_SPEC_SUBS);
cl::opt<bool> optCrossHeadOnly(
    "cross-head-only",
    cl::desc("Only the cross-head factor of H_heads (x) H_head_dim (needs "
             "--heads and --head-dim): the input rows have had the per-head "
             "factor applied already (walsh-split-heads)"),
    WALSH_SPEC_SUBS);
cl::opt<std::string> optLayout(
    "layout",
    cl::desc("The attention output's layout: rows (token-major, default), "
             "bshd (the same bytes) or bhsd ([batch, heads, seq, head_dim]: "
             "the head merge folded into the loads; needs --heads and "
             "--head-dim)"),
    cl::init("rows"), WALSH_SPEC_SUBS);
cl::opt<int64_t> optSplits(
    "splits",
    cl::desc("Combine K split-KV (flash-decoding) partials and their "
             "log-sum-exp before the transform (needs --heads and "
             "--head-dim; 0: none)"),
    cl::init(0), WALSH_SPEC_SUBS);
cl::opt<bool> optRowSum(
    "row-sum",
    cl::desc("x holds unnormalised attention accumulators; divide each "
             "head by its softmax row sum first (needs --heads and "
             "--head-dim)"),
    WALSH_SPEC_SUBS);
// inspect and compile take the row count too: the default CUDA
// configuration depends on it (decode shapes, row groups).
#define WALSH_ROWS_SUBS                                                        \
  cl::sub(walsh::cli::runCommand()), cl::sub(walsh::cli::inspectCommand()),    \
      cl::sub(walsh::cli::compileCommand()), cl::cat(walsh::cli::category())
cl::opt<int64_t> optRows("rows",
                         cl::desc("Number of rows (or --batch and --seq); for "
                                  "inspect and compile, the rows the default "
                                  "configuration is chosen for (0: any)"),
                         cl::init(0), WALSH_ROWS_SUBS);
cl::opt<int64_t> optBatch("batch", cl::desc("Batch size (rows = batch * seq)"),
                          cl::init(0), WALSH_ROWS_SUBS);
cl::opt<int64_t> optSeq("seq", cl::desc("Sequence length"), cl::init(0),
                        WALSH_ROWS_SUBS);
cl::opt<int64_t> optVectorWidth(
    "vector-width",
    cl::desc("CPU: fp32 lanes per vector; CUDA: elements per vector access"),
    cl::init(0), cl::sub(walsh::cli::runCommand()),
    cl::sub(walsh::cli::inspectCommand()), cl::sub(walsh::cli::compileCommand()),
    cl::cat(walsh::cli::category()));
cl::opt<int64_t> optElemsPerThread("elems-per-thread",
                                   cl::desc("CUDA: elements per thread"),
                                   cl::init(0),
                                   cl::sub(walsh::cli::runCommand()),
                                   cl::sub(walsh::cli::inspectCommand()),
                                   cl::sub(walsh::cli::compileCommand()),
                                   cl::cat(walsh::cli::category()));
cl::opt<int64_t> optThreadsPerRow("threads-per-row",
                                  cl::desc("CUDA: threads per row"),
                                  cl::init(0),
                                  cl::sub(walsh::cli::runCommand()),
                                   cl::sub(walsh::cli::inspectCommand()),
                                  cl::sub(walsh::cli::compileCommand()),
                                  cl::cat(walsh::cli::category()));
cl::opt<int64_t> optRowsPerBlock("rows-per-block",
                                 cl::desc("CUDA: rows per thread block"),
                                 cl::init(0),
                                 cl::sub(walsh::cli::runCommand()),
                                   cl::sub(walsh::cli::inspectCommand()),
                                 cl::sub(walsh::cli::compileCommand()),
                                 cl::cat(walsh::cli::category()));
cl::opt<int64_t> optRowIters(
    "row-iters",
    cl::desc("CUDA: row groups a block handles in turn, the next prefetched "
             "(cp.async) while the current is transformed; with --cross-warp "
             "mma (1 to 4) the grids ahead of an L2 prefetch of the rows "
             "(1: none)"),
    cl::init(0), cl::sub(walsh::cli::runCommand()),
    cl::sub(walsh::cli::inspectCommand()), cl::sub(walsh::cli::compileCommand()),
    cl::cat(walsh::cli::category()));
cl::opt<int64_t> optCluster(
    "cluster",
    cl::desc("CUDA: thread blocks a row, one thread-block cluster (1 to 8; "
             "sm_90): for a power-of-two d (2, 4 or 8) the other options "
             "then describe one block's slice of d / cluster; in the grouped "
             "layout (--elems-per-thread m / 2 or m / 4) each block holds "
             "the whole row and computes m / cluster of H_m's outputs"),
    cl::init(0), cl::sub(walsh::cli::runCommand()),
    cl::sub(walsh::cli::inspectCommand()),
    cl::sub(walsh::cli::compileCommand()), cl::cat(walsh::cli::category()));
cl::opt<std::string> optCrossWarp(
    "cross-warp",
    cl::desc("CUDA: levels across threads through 'shared' (shuffles, a "
             "round trip per cross-warp level; with m values, or m pairs, "
             "a thread over 2 to 16 warps, one transpose across dense "
             "indices), "
             "'transpose' (shared-memory "
             "transposes) or 'mma' (16-bit rows, 2^k >= 256, or 128 or 64 "
             "with a dense factor: tensor-core tiles, one warp a row; with "
             "a dense factor and --vector-width 2, or at 2^k <= 32, H_m on "
             "tensor cores, also for fp32 rows to 2^k = 64; in the split "
             "layout, --threads-per-row 32 m / g, with --vector-width 8 the "
             "m-point stage on tensor cores too (for fp32 rows, "
             "--vector-width 4, always: three bf16 pieces a value, the "
             "2^k levels by shuffles); for a power-of-two d over "
             "128 threads or more, the split layout of M = threads / 32 "
             "warps a row)"),
    cl::init(""), cl::sub(walsh::cli::runCommand()),
    cl::sub(walsh::cli::inspectCommand()),
    cl::sub(walsh::cli::compileCommand()), cl::cat(walsh::cli::category()));
cl::opt<int> optLevels("levels-per-pass",
                       cl::desc("CPU: radix-2 levels per pass over a row"),
                       cl::init(0), cl::sub(walsh::cli::runCommand()),
                       cl::sub(walsh::cli::inspectCommand()), cl::cat(walsh::cli::category()));
cl::opt<int> optPrefetch(
    "prefetch-per-line",
    cl::desc("CPU: prefetches of each cache line of the next rows' input, "
             "1, 2 or 4 (default: the lowering's rule)"),
    cl::init(0), cl::sub(walsh::cli::runCommand()),
    cl::sub(walsh::cli::inspectCommand()), cl::cat(walsh::cli::category()));
cl::opt<std::string> optNontemporal(
    "nontemporal", cl::desc("CPU: non-temporal output stores, on or off "
                            "(default on)"),
    cl::init(""), cl::sub(runCommand()), cl::sub(inspectCommand()),
    cl::cat(category()));
cl::opt<std::string> optPassOrder(
    "pass-order",
    cl::desc("CPU: the order of the passes over a row, widest_first or "
             "contiguous_first (default: the lowering's rule)"),
    cl::init(""), cl::sub(runCommand()), cl::sub(inspectCommand()),
    cl::cat(category()));
#undef WALSH_SPEC_SUBS
} // namespace

/// Whether `o` was on the command line (0 is a value a caller can give).
template <typename T> static bool given(const cl::opt<T> &o) {
  return o.getNumOccurrences() > 0;
}

Expected<walsh::ProjectionSpec> walsh::cli::specFromOptions() {
  ProjectionSpec spec;
  // Whether an option was given, not whether it is non-zero: until
  // 2026-12-07 "--d 256 --heads 0" ran d = 256 and "--d 0" said "--d:
  // required".
  bool headsGiven = given(optHeads) || given(optHeadDim);
  if (given(optD) && headsGiven)
    return createStringError("give either --d or --heads and --head-dim, "
                             "not both");
  if (headsGiven) {
    if (optHeads < 1 || optHeadDim < 1)
      return createStringError(
          "--heads and --head-dim: expects both to be positive, got " +
          std::to_string(optHeads) + " and " + std::to_string(optHeadDim));
    auto d = dFromHeads(optHeads, optHeadDim);
    if (!d)
      return d.takeError();
    spec.d = *d;
  } else if (given(optD)) {
    spec.d = optD;
  } else {
    return createStringError("--d: required (or --heads and --head-dim)");
  }
  std::optional<DType> dtype = parseDType(optDType);
  if (!dtype)
    return createStringError("--dtype: expects f32, f16 or bf16, got '" +
                             optDType + "'");
  spec.dtype = *dtype;
  spec.transpose = optTranspose;
  if (Error e = parseScale(optScale, spec))
    return std::move(e);
  spec.withMul = spec.withAdd = !optNoAffine;
  if (Error e = parseEpilogueList(optEpilogue, spec))
    return std::move(e);
  if (Error e = epsFromOption(optEps, spec))
    return std::move(e);
  if (Error e = parseOutDType(optOutDType, spec))
    return std::move(e);
  if (optCrossHeadOnly) {
    if (!optHeadDim)
      return createStringError(
          "--cross-head-only: needs --heads and --head-dim (the split is at "
          "head_dim)");
    spec.crossHeadOnly = optHeadDim;
  }
  if (Error e = prologueFromOptions(spec))
    return createStringError(byOption(std::move(e)));
  if (Error e = validateSpec(spec))
    return createStringError(byOption(std::move(e)));
  return spec;
}

Error walsh::cli::epsFromOption(const cl::opt<double> &eps,
                                ProjectionSpec &spec) {
  spec.normEps = eps;
  if (eps.getNumOccurrences() && spec.norm == NormKind::None)
    return createStringError("--eps: the norm's epsilon; give --epilogue "
                             "rmsnorm or layernorm with it");
  return Error::success();
}

std::string walsh::cli::byOption(Error e) {
  std::string text = toString(std::move(e));
  // The spec's fields that an option of the same name sets (`rows` is not
  // one: each command names its own rows).
  for (StringRef field : {"d", "scale", "eps", "epilogue", "cross_head_only",
                          "splits", "layout", "row_sum", "head_dim"})
    if (StringRef(text).starts_with((field + ":").str())) {
      std::string option = field.str();
      std::replace(option.begin(), option.end(), '_', '-');
      return "--" + option + text.substr(field.size());
    }
  return text;
}

Expected<int64_t> walsh::cli::dFromHeads(int64_t heads, int64_t headDim) {
  std::optional<int64_t> d = checkedMul(heads, headDim);
  if (d && factorize(*d))
    return *d;
  return createStringError(
      "--heads and --head-dim: d = " + std::to_string(heads) + " * " +
      std::to_string(headDim) + (d ? " = " + std::to_string(*d) : "") +
      " is not " + supportedSizesText());
}

Error walsh::cli::prologueFromOptions(ProjectionSpec &spec) {
  if (Error e = parsePrologue(optLayout, optSplits, optRowSum, spec))
    return e;
  bool needsHeads = spec.hasPrologue();
  if ((needsHeads || optLayout == "bshd") && !optHeadDim)
    return createStringError(
        std::string(prologueOptionName(optSplits, optRowSum)) +
        ": needs --heads and --head-dim (the heads of the attention output)");
  spec.headDim = needsHeads ? int64_t(optHeadDim) : 0;
  return validatePrologue(spec);
}

int64_t walsh::cli::seqOption() { return optSeq; }

std::string walsh::cli::rowsOptionName() {
  if (given(optBatch) || given(optSeq))
    return "--batch and --seq";
  return given(optRows) ? "--rows" : "";
}

std::string walsh::cli::rowsRefusalName(int64_t rowStride, int64_t d) {
  if (std::string option = rowsOptionName(); !option.empty())
    return option;
  return rowStride > d ? "--row-stride" : "--rows";
}

Expected<int64_t> walsh::cli::rowsFromOptions(int64_t fallback) {
  // (Until 2026-12-07 "--batch 0 --seq 0" ran the default 65536 rows and
  // "--rows 5 --batch 0" ran 5.)
  if (given(optRows) && (given(optBatch) || given(optSeq)))
    return createStringError("give either --rows or --batch and --seq, not "
                             "both");
  if (given(optBatch) || given(optSeq)) {
    if (optBatch < 1 || optSeq < 1)
      return createStringError(
          "--batch and --seq: expects both to be positive, got " +
          std::to_string(optBatch) + " and " + std::to_string(optSeq));
    // (Until 2026-12-06 a product past 64 bits wrapped: 2^32 x 2^32 rows
    // ran as 0, "a valid no-op".)
    std::optional<int64_t> rows = checkedMul<int64_t>(optBatch, optSeq);
    if (!rows || *rows > tune::kMaxRows)
      return createStringError(
          "--batch and --seq: " + std::to_string(optBatch) + " x " +
          std::to_string(optSeq) + " rows are more than 2^62; pass fewer");
    return *rows;
  }
  if (optRows < 0)
    return createStringError("--rows: expects a count >= 0, got " +
                             std::to_string(optRows));
  return given(optRows) ? int64_t(optRows) : fallback;
}

/// A count option given on the command line as less than 1, by its name:
/// unset these options are 0 (the default's value), but "--row-iters 0"
/// was taken silently as "the default".
template <typename T> static Error givenCountAtLeastOne(const cl::opt<T> &o) {
  if (o.getNumOccurrences() && o < 1)
    return createStringError("--" + o.ArgStr.str() +
                             ": expects a count >= 1, got " +
                             std::to_string(o.getValue()));
  return Error::success();
}

Expected<walsh::GpuConfig>
walsh::cli::gpuConfigFromOptions(const ProjectionSpec &spec, int64_t rows,
                                 const std::string &chip) {
  // (--cluster 0 reaches the verifier, which names the counts it takes.)
  for (const cl::opt<int64_t> *o :
       {&optVectorWidth, &optElemsPerThread, &optThreadsPerRow,
        &optRowsPerBlock, &optRowIters})
    if (Error e = givenCountAtLeastOne(*o))
      return std::move(e);
  std::optional<GpuCrossWarp> cw;
  if (!optCrossWarp.empty()) {
    cw = parseCrossWarp(optCrossWarp.getValue());
    if (!cw)
      return createStringError(
          "--cross-warp: expects shared, transpose or mma, got '" +
          optCrossWarp + "'");
  }
  // The options refine a base: mma's own shape (one warp a row) for
  // --cross-warp mma; else the default, or the shuffle and transpose
  // layouts' default where that is mma and another is asked for (or row
  // groups, which no mma kernel takes).
  GpuConfig c = defaultGpuConfigForChip(spec, rows, chip);
  if (cw == GpuCrossWarp::Mma)
    c = c.crossWarp == GpuCrossWarp::Mma ? c : mmaGpuConfig(spec, rows);
  else if (c.crossWarp == GpuCrossWarp::Mma &&
           (cw || optVectorWidth || optElemsPerThread || optThreadsPerRow ||
            optRowIters > 1))
    c = defaultGpuConfig(spec, rows, /*tensorCores=*/false);
  if (cw)
    c.crossWarp = *cw;
  if (optVectorWidth)
    c.vectorWidth = optVectorWidth;
  if (optElemsPerThread)
    c.elemsPerThread = optElemsPerThread;
  if (optThreadsPerRow)
    c.threadsPerRow = optThreadsPerRow;
  if (optRowsPerBlock)
    c.rowsPerBlock = optRowsPerBlock;
  if (optRowIters)
    c.rowIters = optRowIters;
  // A layout given without --cluster is one block's whole row.
  if (optCluster.getNumOccurrences()) {
    c.cluster = optCluster;
    // A cluster takes one row a block and no row groups: unless asked for,
    // the base's are dropped.
    if (c.cluster > 1 && !optRowIters)
      c.rowIters = 1;
    if (c.cluster > 1 && !optRowsPerBlock)
      c.rowsPerBlock = 1;
  } else if (cw || optElemsPerThread || optThreadsPerRow || optRowsPerBlock ||
             optRowIters)
    c.cluster = 1;
  // --threads-per-row without --elems-per-thread: each thread its share
  // of the row (of one block's slice with a cluster), which the verifier
  // requires anyway.
  if (optThreadsPerRow && !optElemsPerThread) {
    int64_t slice = spec.d / std::max<int64_t>(1, c.cluster);
    if (slice % c.threadsPerRow == 0)
      c.elemsPerThread = slice / c.threadsPerRow;
  }
  // The grouped layout (elems_per_thread = m / 2 or m / 4) takes one lane,
  // shuffles and no row groups, and the base's rows a block were chosen
  // for another row width: unless given, a layout asked for as one drops
  // the base's (one row a block).
  if (optElemsPerThread && cw != GpuCrossWarp::Mma) {
    GpuConfig one = c;
    if (!optVectorWidth)
      one.vectorWidth = 1;
    if (!optRowIters)
      one.rowIters = 1;
    if (!optRowsPerBlock)
      one.rowsPerBlock = 1;
    if (!cw)
      one.crossWarp = GpuCrossWarp::Shared;
    if (gpuConfigDenseGroups(spec, one))
      c = one;
  }
  // The tensor-core split layouts take one row a block and no row groups:
  // a layout asked for over a base of another kind (the one-warp tiles'
  // eight rows a block, say) drops the base's unless they are given.
  if (cw == GpuCrossWarp::Mma && (!optRowsPerBlock || !optRowIters)) {
    GpuConfig one = c;
    if (!optRowsPerBlock)
      one.rowsPerBlock = 1;
    if (!optRowIters)
      one.rowIters = 1;
    if (gpuConfigIsMmaSplit(spec, one))
      c = one;
  }
  return c;
}

std::string walsh::cli::gpuConfigOptionGiven() {
  return firstGiven({&optCrossWarp, &optVectorWidth, &optElemsPerThread,
                     &optThreadsPerRow, &optRowsPerBlock, &optRowIters,
                     &optCluster});
}

std::string walsh::cli::cpuConfigOptionGiven() {
  return firstGiven({&optVectorWidth, &optLevels, &optNontemporal, &optPrefetch,
                     &optPassOrder});
}

std::string
walsh::cli::firstGiven(std::initializer_list<const cl::Option *> options) {
  for (const cl::Option *o : options)
    if (o->getNumOccurrences())
      return ("--" + o->ArgStr).str();
  return "";
}

std::string walsh::cli::cpuOnlyOptionGiven() {
  return firstGiven({&optLevels, &optNontemporal, &optPrefetch, &optPassOrder});
}

std::string walsh::cli::cpuOptionWithCuda(llvm::StringRef name) {
  return (name + ": a CPU option (--target cpu); --target cuda takes "
                 "--elems-per-thread, --threads-per-row, --rows-per-block, "
                 "--vector-width, --cross-warp, --row-iters, --cluster")
      .str();
}

std::string walsh::cli::cudaOnlyOptionGiven() {
  return firstGiven({&optElemsPerThread, &optThreadsPerRow, &optRowsPerBlock,
                     &optCrossWarp, &optRowIters, &optCluster});
}

std::string walsh::cli::cudaOptionWithCpu(llvm::StringRef name) {
  return (name + ": a CUDA option (--target cuda); --target cpu takes "
                 "--vector-width, --levels-per-pass, --nontemporal, "
                 "--prefetch-per-line, --pass-order")
      .str();
}

std::string walsh::cli::inputScaleText(double s) {
  return s == 1.0 ? std::string() : fmt::format(" (inputs x {:g})", s);
}

llvm::Error walsh::cli::checkInputScaleRange(const ProjectionSpec &spec,
                                             double s) {
  // Smallest subnormal and largest finite value of each storage type.
  auto limits = [](DType t) -> std::pair<double, double> {
    if (t == DType::F16)
      return {0x1p-24, 65504.0};
    if (t == DType::BF16)
      return {0x1p-133, 0x1.fep127};
    return {0x1p-149, 0x1.fffffep127};
  };
  // (Subnormal values are a fair test of precision, and were measured so:
  // f16 rows at 3e-5, "Stage 2 as one f16 piece"; zeros are not.)
  for (DType t : {spec.dtype, spec.outType()})
    if (s < limits(t).first)
      return llvm::createStringError(fmt::format(
          "--input-scale: values about {:g} are below {}'s smallest "
          "subnormal ({:g}{}): they round to zeros, and the check would "
          "compare zeros",
          s, dtypeName(t), limits(t).first,
          t == spec.dtype ? "" : ", the output type"));
  if (spec.casts() && s * 8 > limits(spec.outType()).second)
    return llvm::createStringError(fmt::format(
        "--input-scale: y times {:g} passes {}'s range (the output type, "
        "largest {:g})",
        s, dtypeName(spec.outType()), limits(spec.outType()).second));
  return llvm::Error::success();
}

walsh::cli::ShapeOptions walsh::cli::shapeFromOptions(const ProjectionSpec &spec,
                                                      int64_t rows) {
  ShapeOptions s;
  if (optBatch && optSeq) {
    s.batch = optBatch;
    s.seq = optSeq;
  } else {
    s.seq = std::max<int64_t>(rows, 1);
  }
  if (optHeads && optHeadDim) {
    s.heads = optHeads;
    s.headDim = optHeadDim;
  } else {
    s.headDim = spec.d;
  }
  return s;
}

Expected<walsh::CpuConfig> walsh::cli::cpuConfigFromOptions() {
  if (Error e = givenCountAtLeastOne(optVectorWidth))
    return std::move(e);
  if (Error e = givenCountAtLeastOne(optLevels))
    return std::move(e);
  if (Error e = givenCountAtLeastOne(optPrefetch))
    return std::move(e);
  CpuConfig c = defaultCpuConfig(HostCpu::detect());
  if (optVectorWidth)
    c.vectorWidth = optVectorWidth;
  if (optLevels)
    c.levelsPerPass = optLevels;
  if (optPrefetch)
    c.prefetchPerLine = optPrefetch;
  if (optNontemporal == "on" || optNontemporal == "off")
    c.nontemporal = optNontemporal == "on";
  else if (!optNontemporal.empty() && optNontemporal != "on")
    return createStringError("--nontemporal: expects on or off, got '" +
                             optNontemporal + "'");
  if (!optPassOrder.empty()) {
    std::optional<CpuPassOrder> order = parsePassOrder(optPassOrder);
    if (!order)
      return createStringError("--pass-order: expects widest_first, "
                               "contiguous_first or rule, got '" +
                               optPassOrder + "'");
    c.passOrder = *order;
  }
  // validateCpuConfig names the config's field ("vector_width: ..."); the
  // user typed its option.
  if (Error e = validateCpuConfig(c)) {
    std::string text = toString(std::move(e));
    size_t colon = text.find(':');
    std::replace(text.begin(), text.begin() + std::min(colon, text.size()), '_',
                 '-');
    return createStringError("--" + text);
  }
  return c;
}
