//===- CApi.cpp - the C API over Jit, KernelCache and the loaders ----------===//
#include "walsh/walsh.h"

#include "walsh/Autotune/Measurers.h"
#include "walsh/Autotune/Tuner.h"

#include "walsh/Builder/ProjectionBuilder.h"
#include "walsh/Runtime/GpuMeasure.h"
#include "walsh/Runtime/Jit.h"
#include "walsh/Support/Version.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"
#include "walsh/Target/X86/CpuCompiler.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CheckedArithmetic.h"

#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>

using namespace walsh;

struct walsh_kernel {
  walsh_target target;
  walsh_cache_source source;
  ProjectionSpec spec;
  /// The artifact (shared with the cache: no copy) and its stages.
  std::shared_ptr<const void> artifact;
  const std::map<std::string, std::string> *stages = nullptr;
  std::shared_ptr<const CpuKernel> cpu;
  std::shared_ptr<const GpuKernel> gpu;
  /// Where the configuration came from (walsh_kernel_config_source).
  std::string configSource = "default";
  /// The stage made on request (stageOnRequest: the CPU's "asm", the
  /// GPU's "sass"), made on the first one.
  mutable std::once_flag asmOnce;
  mutable std::string asmText, asmError;
};

namespace {
thread_local std::string lastError;

walsh_status fail(walsh_status s, const std::string &message) {
  lastError = message;
  return s;
}

/// `e`'s status, by its type: the driver's own failures (cuda::DriverError)
/// WALSH_ERROR_RUNTIME, no driver or device (cuda::NoGpuError)
/// WALSH_ERROR_NO_DEVICE; any other error, the arguments' or the
/// compiler's, `otherwise`.
walsh_status failWith(walsh_status otherwise, llvm::Error e) {
  walsh_status s = e.isA<cuda::NoGpuError>()    ? WALSH_ERROR_NO_DEVICE
                   : e.isA<cuda::DriverError>() ? WALSH_ERROR_RUNTIME
                                                : otherwise;
  return fail(s, llvm::toString(std::move(e)));
}

/// failWith for a launcher's refusal, which names the buffers by the
/// runtime's fields: here they are walsh.h's arguments (the normalised
/// rows `normed`, the log-sum-exp or row sums `stats`).
walsh_status launchFailed(llvm::Error e) {
  walsh_status s = failWith(WALSH_ERROR_INVALID_ARGUMENT, std::move(e));
  auto inWord = [](char c) { return llvm::isAlnum(c) || c == '_'; };
  for (auto [runtimeName, ours] : {std::pair{"norm_out", "normed"},
                                   {"lse", "stats"},
                                   {"row_sums", "stats"}}) {
    size_t n = std::strlen(runtimeName);
    for (size_t at = lastError.find(runtimeName); at != std::string::npos;
         at = lastError.find(runtimeName, at + 1)) {
      bool word = (at == 0 || !inWord(lastError[at - 1])) &&
                  (at + n == lastError.size() || !inWord(lastError[at + n]));
      if (word)
        lastError.replace(at, n, ours);
    }
  }
  return s;
}

/// The process's CPU JIT (every hardware thread).
Jit *processJit() {
  static std::unique_ptr<Jit> jit;
  static std::once_flag once;
  std::call_once(once, [] {
    auto j = Jit::create({0});
    if (j)
      jit = std::move(*j);
    else
      llvm::consumeError(j.takeError());
  });
  return jit.get();
}

const char *dlName(DLDataType t) {
  if (t.lanes == 1 && t.code == kDLFloat && t.bits == 32)
    return "float32";
  if (t.lanes == 1 && t.code == kDLFloat && t.bits == 16)
    return "float16";
  if (t.lanes == 1 && t.code == kDLBfloat && t.bits == 16)
    return "bfloat16";
  return nullptr;
}

/// The int a C caller stored in an enum-typed argument or field. C allows
/// any int there, and reading a value outside the enumerators' range
/// through the C++ enum type is undefined (UBSan: "load of value 5, which
/// is not a valid value for type 'walsh_layout'"): the checks read this.
template <typename E> int rawEnum(const E &v) {
  static_assert(std::is_enum_v<E> && sizeof(E) == sizeof(int));
  int i;
  std::memcpy(&i, &v, sizeof i);
  return i;
}

std::string describe(DLDataType t) {
  if (const char *n = dlName(t))
    return n;
  return "code " + std::to_string(t.code) + ", " + std::to_string(t.bits) +
         " bits, " + std::to_string(t.lanes) + " lanes";
}

std::optional<DType> toDType(DLDataType t) {
  if (t.lanes != 1)
    return std::nullopt;
  if (t.code == kDLFloat && t.bits == 32)
    return DType::F32;
  if (t.code == kDLFloat && t.bits == 16)
    return DType::F16;
  if (t.code == kDLBfloat && t.bits == 16)
    return DType::BF16;
  return std::nullopt;
}

const char *dtypeDL(DType t) {
  return t == DType::F32 ? "float32" : t == DType::F16 ? "float16" : "bfloat16";
}

/// A checked view of a DLTensor as rows of d.
struct Rows {
  char *data = nullptr;
  int64_t rows = 0, stride = 0;
};

/// Whether data + byte_offset can be an address at all: x86-64 and CUDA's
/// unified addresses lie below 2^57 (five-level paging's user half). A
/// byte_offset past that (2^63, say) had passed every check and the kernel
/// wrote through the wrapped pointer.
walsh_status checkOffset(const std::string &name, const DLTensor *t) {
  const uint64_t end = uint64_t(1) << 57;
  uint64_t data = uint64_t(uintptr_t(t->data));
  if (data >= end || t->byte_offset >= end - data)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                name +
                    ": data + byte_offset is past any address (byte_offset " +
                    std::to_string(t->byte_offset) + ")");
  return WALSH_OK;
}

/// A tensor of more than two dimensions as rows ([batch, seq, d], the
/// attention output as frameworks hold it): its leading dimensions are one
/// run of rows when each one's stride is the next one's times that one's
/// size (dimensions of size 1 aside, whose strides say nothing). Sets the
/// row count, their product, and the row stride, the innermost leading
/// dimension's.
walsh_status collapseLeading(const std::string &n, const DLTensor *t, int64_t d,
                             Rows &out) {
  int lead = t->ndim - 1;
  int64_t rows = 1;
  for (int i = 0; i < lead; ++i) {
    if (t->shape[i] < 0)
      return fail(WALSH_ERROR_INVALID_ARGUMENT,
                  n + ": has a negative size " + std::to_string(t->shape[i]) +
                      " in dimension " + std::to_string(i));
    if (__builtin_mul_overflow(rows, t->shape[i], &rows))
      return fail(WALSH_ERROR_INVALID_ARGUMENT,
                  n + ": its leading dimensions hold more than 2^63 rows");
  }
  out.rows = rows;
  out.stride = d;
  if (!t->strides || rows == 0)
    return WALSH_OK;
  // Outer to inner, the dimensions of more than one row.
  int last = -1;
  for (int i = 0; i < lead; ++i) {
    if (t->shape[i] == 1)
      continue;
    int64_t span;
    bool overflow = __builtin_mul_overflow(t->strides[i], t->shape[i], &span);
    if (last >= 0 && (overflow || t->strides[last] != span))
      return fail(WALSH_ERROR_INVALID_ARGUMENT,
                  n +
                      ": its leading dimensions are not one run of rows "
                      "(dimension " +
                      std::to_string(last) + "'s stride " +
                      std::to_string(t->strides[last]) + " is not " +
                      std::to_string(t->strides[i]) + " x " +
                      std::to_string(t->shape[i]) + ", dimension " +
                      std::to_string(i) +
                      "'s stride times its size); expects them collapsible "
                      "to [rows, " +
                      std::to_string(d) + "], as a contiguous tensor is");
    last = i;
  }
  if (last >= 0)
    out.stride = t->strides[last];
  return WALSH_OK;
}

/// A row stride below d where there is more than one row. 0 is DLPack's
/// broadcast (every row the same memory, torch's expand): the runtime reads
/// 0 as "d", so it would have read rows past the one the tensor holds, or
/// written them. Others overlap or run backwards (a reversed view): the
/// launcher refuses them too, but by its own argument's name
/// (x_row_stride).
walsh_status rowStrideError(const std::string &n, int64_t stride, int64_t d) {
  return fail(WALSH_ERROR_INVALID_ARGUMENT,
              n + ": has a row stride of " + std::to_string(stride) +
                  (stride == 0 ? " (rows broadcast from one)" : "") +
                  "; expects rows of their own, at least " + std::to_string(d) +
                  " elements apart");
}

/// `rowLength`: the last dimension's length when not the spec's d.
/// `output`: a tensor of y's type (y, the residual, the norm's), which an
/// output cast makes differ from x's.
walsh_status checkTensor(const char *name, const DLTensor *t,
                         const walsh_kernel &k, bool matrix, Rows &out,
                         int64_t rowLength = 0, bool output = false) {
  std::string n = name;
  if (!t)
    return fail(WALSH_ERROR_INVALID_ARGUMENT, n + ": expects a tensor, got "
                                                  "NULL");
  bool cuda = k.target == WALSH_TARGET_CUDA;
  DLDeviceType dev = t->device.device_type;
  bool devOk = cuda ? (dev == kDLCUDA || dev == kDLCUDAManaged)
                    : (dev == kDLCPU || dev == kDLCUDAHost);
  if (!devOk)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                n + ": expects a tensor on the " +
                    (cuda ? "CUDA device (kDLCUDA)" : "CPU (kDLCPU)") +
                    ", got device type " + std::to_string(int(dev)));
  if (cuda && t->device.device_id < 0)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                n + ": expects a CUDA device id >= 0, got " +
                    std::to_string(t->device.device_id));
  if (cuda && t->device.device_id >= cuda::kMaxDevices)
    return fail(WALSH_ERROR_UNSUPPORTED,
                n + ": " + cuda::deviceRangeText(t->device.device_id));
  std::optional<DType> dt = toDType(t->dtype);
  DType want = output ? k.spec.outType() : k.spec.dtype;
  if (!dt || *dt != want)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                n + ": expects dtype " + dtypeDL(want) +
                    " as the kernel was compiled for, got " +
                    describe(t->dtype));
  int64_t d = rowLength ? rowLength : k.spec.d;
  if (!t->shape && t->ndim > 0)
    return fail(WALSH_ERROR_INVALID_ARGUMENT, n + ": has no shape");
  bool shapeOk = matrix ? t->ndim >= 1 : t->ndim == 1;
  if (!shapeOk || t->shape[t->ndim - 1] != d)
    return fail(
        WALSH_ERROR_INVALID_ARGUMENT,
        n + ": expects shape " + (matrix ? "[..., " : "[") + std::to_string(d) +
            "]" + (matrix ? " (rows in any leading dimensions)" : "") +
            ", got ndim " + std::to_string(t->ndim) + " with last dimension " +
            (t->ndim > 0 ? std::to_string(t->shape[t->ndim - 1])
                         : std::string("none")));
  // A tensor that holds no element has no layout to keep: PyTorch gives
  // an empty one made from NumPy strides (0, 0), and DLPack leaves them
  // free (until 2026-12-06 zero rows, a no-op, was refused for them); nor
  // has a last dimension of one element (d = 1), as a size-1 dimension
  // anywhere.
  bool empty = false;
  for (int i = 0; i + 1 < t->ndim; ++i)
    empty |= t->shape[i] == 0;
  if (t->strides && !empty && d > 1 && t->strides[t->ndim - 1] != 1)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                n + ": expects a unit stride in the last dimension (rows "
                    "must be contiguous), got " +
                    std::to_string(t->strides[t->ndim - 1]));
  if (t->ndim > 2) {
    if (walsh_status st = collapseLeading(n, t, d, out); st != WALSH_OK)
      return st;
  } else {
    out.rows = t->ndim == 2 ? t->shape[0] : 1;
    out.stride = t->ndim == 2 && t->strides ? t->strides[0] : d;
  }
  if (out.rows > 1 && out.stride < d)
    return rowStrideError(n, out.stride, d);
  if (out.rows <= 1)
    out.stride = d; // one row: its stride is free (a size-1 dimension's)
  if (out.rows < 0)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                n + ": has a negative row count " + std::to_string(out.rows));
  if (!t->data && out.rows > 0)
    return fail(WALSH_ERROR_INVALID_ARGUMENT, n + ": has a NULL data pointer");
  if (walsh_status st = checkOffset(n, t); st != WALSH_OK)
    return st;
  out.data = static_cast<char *>(t->data) + t->byte_offset;
  return WALSH_OK;
}
/// The prologue's side of a launch: a bhsd input's seq, the statistics'
/// data (the lse or the row sums).
struct Input {
  int64_t seq = 0;
  const void *stats = nullptr;
};

/// The statistics tensor of a split-KV combine (float32 [K, rows, heads]
/// compact) or of a row-sum normalisation ([rows, heads]), on x's device.
walsh_status checkStats(const DLTensor *stats, const DLTensor *x,
                        const ProjectionSpec &s, int64_t rows, Input &in) {
  int64_t heads = s.d / s.headDim;
  const char *what = s.splits ? "log-sum-exp" : "row sums";
  if (!stats)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                std::string("stats: the kernel ") +
                    (s.splits ? "combines " + std::to_string(s.splits) +
                                    " split-KV partials"
                              : std::string("normalises unnormalised "
                                            "accumulators")) +
                    "; expects their " + what + ", got NULL");
  std::vector<int64_t> want{rows, heads};
  if (s.splits)
    want.insert(want.begin(), s.splits);
  bool ok = stats->ndim == int32_t(want.size()) && stats->shape;
  int64_t compact = 1;
  for (int i = int(want.size()) - 1; ok && i >= 0; --i) {
    ok = stats->shape[i] == want[size_t(i)] &&
         (!stats->strides || want[size_t(i)] <= 1 ||
          stats->strides[i] == compact);
    compact *= want[size_t(i)];
  }
  if (!ok) {
    std::string shape;
    for (int64_t v : want)
      shape += (shape.empty() ? "" : ", ") + std::to_string(v);
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                "stats: expects the " + std::string(what) + " as a compact [" +
                    shape + "] tensor");
  }
  if (toDType(stats->dtype) != DType::F32)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                "stats: expects dtype float32, got " + describe(stats->dtype));
  if (stats->device.device_type != x->device.device_type ||
      stats->device.device_id != x->device.device_id)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                "stats: expects the device of x");
  if (!stats->data && rows > 0)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                "stats: has a NULL data pointer");
  if (walsh_status st = checkOffset("stats", stats); st != WALSH_OK)
    return st;
  in.stats = static_cast<const char *>(stats->data) + stats->byte_offset;
  return WALSH_OK;
}

/// x as the kernel's prologue takes it (rows; [batch, heads, seq,
/// head_dim] compact; [K, rows, d] with the splits packed) and `stats`
/// (checkStats; NULL without a split-KV combine or row sums), as rows of d
/// for the launcher. Errors name the tensor.
walsh_status checkInput(const DLTensor *x, const DLTensor *stats,
                        const walsh_kernel &k, Rows &xr, Input &in) {
  const ProjectionSpec &s = k.spec;
  if (!s.splits && !s.rowSum && stats)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                "stats: the kernel was compiled without a split-KV combine or "
                "a row-sum normalisation; pass NULL");
  if (!s.hasPrologue() || s.rowSum) {
    if (walsh_status st = checkTensor("x", x, k, true, xr))
      return st;
    return s.rowSum ? checkStats(stats, x, s, xr.rows, in) : WALSH_OK;
  }
  if (!x)
    return fail(WALSH_ERROR_INVALID_ARGUMENT, "x: expects a tensor, got NULL");
  int64_t heads = s.d / s.headDim;
  // The shape the prologue wants, and x's with its strides (compact when
  // NULL), checked through a 1-D view of the last dimension.
  std::vector<int64_t> want = s.splits
                                  ? std::vector<int64_t>{s.splits, -1, s.d}
                                  : std::vector<int64_t>{-1, heads, -1,
                                                         s.headDim};
  auto shapeText = [&] {
    return s.splits ? "[" + std::to_string(s.splits) + ", rows, " +
                          std::to_string(s.d) + "]"
                    : "[batch, " + std::to_string(heads) + ", seq, " +
                          std::to_string(s.headDim) + "]";
  };
  bool ok = x->ndim == int32_t(want.size()) && x->shape;
  for (size_t i = 0; ok && i < want.size(); ++i)
    ok = want[i] < 0 ? x->shape[i] >= 0 : x->shape[i] == want[i];
  if (!ok)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                "x: expects shape " + shapeText() + ", got ndim " +
                    std::to_string(x->ndim));
  // The last dimension as a 1-D tensor of d (or head_dim) elements: the
  // device and dtype checks of checkTensor.
  DLTensor last = *x;
  int64_t lastLen = x->shape[x->ndim - 1];
  last.ndim = 1;
  last.shape = &lastLen;
  last.strides = x->strides ? &x->strides[x->ndim - 1] : nullptr;
  Rows one;
  if (walsh_status st = checkTensor("x", &last, k, false, one, lastLen))
    return st;
  // (Products checked: until 2026-12-06 a batch and seq of 2^32 each made
  // 0 rows, a no-op beside an empty y.)
  int64_t rows = x->shape[1];
  if (!s.splits && __builtin_mul_overflow(x->shape[0], x->shape[2], &rows))
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                "x: its batch and seq dimensions hold more than 2^63 rows (" +
                    std::to_string(x->shape[0]) + " x " +
                    std::to_string(x->shape[2]) + ")");
  int64_t rowStride = s.d;
  if (x->strides) {
    // Compact, except a split-KV row stride (splits packed after it);
    // std::nullopt for a compact stride past 64 bits, which no tensor has.
    std::vector<std::optional<int64_t>> compact(size_t(x->ndim), 1);
    for (int i = x->ndim - 2; i >= 0; --i)
      if (compact[size_t(i) + 1])
        compact[size_t(i)] =
            llvm::checkedMul(*compact[size_t(i) + 1], x->shape[i + 1]);
      else
        compact[size_t(i)] = std::nullopt;
    if (s.splits && rows > 0) {
      // The rows' stride; of one row, the splits' (a size-1 dimension's
      // stride is free). Broadcast or overlapping rows or splits were
      // taken, the 0 read as d, until 2026-12-06 (fuzz.py capi).
      rowStride = x->strides[rows > 1 ? 1 : 0];
      if (rowStride < s.d)
        return rowStrideError("x", rowStride, s.d);
      compact[0] = llvm::checkedMul(rows, rowStride);
      compact[1] = rowStride;
    }
    for (int i = 0; i < x->ndim; ++i)
      if (x->shape[i] > 1 && x->strides[i] != compact[size_t(i)])
        return fail(WALSH_ERROR_INVALID_ARGUMENT,
                    "x: expects " + shapeText() +
                        (s.splits ? " with the splits packed (stride of "
                                    "dimension 0 = rows * row stride)"
                                  : " compact") +
                        ", got stride " + std::to_string(x->strides[i]) +
                        " in dimension " + std::to_string(i));
  }
  xr.data = one.data;
  xr.rows = rows;
  xr.stride = s.splits ? rowStride : 0;
  if (s.layout == Layout::BHSD)
    in.seq = x->shape[2];
  return s.splits ? checkStats(stats, x, s, rows, in) : WALSH_OK;
}
} // namespace

extern "C" {

const char *walsh_last_error(void) { return lastError.c_str(); }

const char *walsh_version(void) { return walsh::versionString(); }

namespace {
/// The chosen configuration for walsh_compile_for_shape (unset: default).
struct Chosen {
  std::optional<CpuConfig> cpu;
  std::optional<GpuConfig> gpu;
  std::string source = "default";
};
/// Fills `chosen` for (spec, shape, mode); the error names the argument.
walsh_status chooseForShape(const ProjectionSpec &spec, walsh_target target,
                            const walsh_shape &shape, walsh_tune_mode mode,
                            Chosen &chosen);
walsh_status compileWith(const walsh_spec *spec, walsh_target target,
                         const walsh_shape *shape, walsh_tune_mode mode,
                         walsh_kernel **out,
                         const walsh_epilogue *epilogue = nullptr,
                         const walsh_prologue *prologue = nullptr);
/// The ProjectionSpec of (spec, epilogue, prologue), validated; the error
/// names the field.
walsh_status specFrom(const walsh_spec *spec, const walsh_epilogue *epilogue,
                      const walsh_prologue *prologue, ProjectionSpec &result);
walsh_status launchWith(const walsh_kernel *k, const DLTensor *x,
                        const DLTensor *stats, const DLTensor *a,
                        const DLTensor *b, const DLTensor *residual,
                        const DLTensor *normWeight, const DLTensor *normBias,
                        DLTensor *y, DLTensor *normed, void *stream);
} // namespace

walsh_status walsh_compile(const walsh_spec *spec, walsh_target target,
                           walsh_kernel **out) {
  return compileWith(spec, target, nullptr, WALSH_TUNE_HEURISTIC, out);
}

walsh_status walsh_compile_for_shape(const walsh_spec *spec,
                                     walsh_target target,
                                     const walsh_shape *shape,
                                     walsh_tune_mode mode, walsh_kernel **out) {
  if (!shape) {
    lastError.clear();
    if (out)
      *out = nullptr;
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                "shape: expects a shape, got NULL");
  }
  return compileWith(spec, target, shape, mode, out);
}

const char *walsh_kernel_config_source(const walsh_kernel *k) {
  return k ? k->configSource.c_str() : "";
}

} // extern "C"

namespace {
walsh_status compileWith(const walsh_spec *spec, walsh_target target,
                         const walsh_shape *shape, walsh_tune_mode mode,
                         walsh_kernel **out, const walsh_epilogue *epilogue,
                         const walsh_prologue *prologue) {
  try {
    lastError.clear();
    if (!out)
      return fail(WALSH_ERROR_INVALID_ARGUMENT, "out: expects a pointer to "
                                                "receive the kernel, got NULL");
    *out = nullptr;
    if (!spec)
      return fail(WALSH_ERROR_INVALID_ARGUMENT, "spec: expects a spec, got "
                                                "NULL");
    if (int t = rawEnum(target);
        t != WALSH_TARGET_CPU && t != WALSH_TARGET_CUDA)
      return fail(WALSH_ERROR_INVALID_ARGUMENT,
                  "target: expects WALSH_TARGET_CPU or WALSH_TARGET_CUDA, "
                  "got " +
                      std::to_string(t));
    // Without a shape the mode chooses nothing, but an odd value is still
    // a caller's mistake (taken silently until 2026-12-06).
    if (int m = rawEnum(mode); m != WALSH_TUNE_DB_ONLY &&
                               m != WALSH_TUNE_ON_MISS &&
                               m != WALSH_TUNE_HEURISTIC)
      return fail(WALSH_ERROR_INVALID_ARGUMENT,
                  "mode: expects WALSH_TUNE_DB_ONLY, WALSH_TUNE_ON_MISS or "
                  "WALSH_TUNE_HEURISTIC, got " +
                      std::to_string(m));
    auto k = std::make_unique<walsh_kernel>();
    k->target = target;
    if (walsh_status st = specFrom(spec, epilogue, prologue, k->spec))
      return st;
    Chosen chosen;
    if (shape)
      if (walsh_status st = chooseForShape(k->spec, target, *shape, mode, chosen))
        return st;
    k->configSource = chosen.source;
    Jit *jit = processJit();
    if (!jit)
      return fail(WALSH_ERROR_RUNTIME, "cannot start the CPU thread pool");
    CacheSource source = CacheSource::Miss;
    // The loaded kernel is kept by the process's Jit (a second compile of
    // the spec is a lookup); the artifact, for its stages, by the cache.
    if (target == WALSH_TARGET_CPU) {
      CpuConfig config =
          chosen.cpu ? *chosen.cpu : defaultCpuConfig(HostCpu::detect());
      auto kernel = jit->cpuKernel(k->spec, config, &source);
      if (!kernel)
        return failWith(WALSH_ERROR_COMPILE, kernel.takeError());
      auto art = jit->cache().getCpu(k->spec, config);
      if (!art)
        return failWith(WALSH_ERROR_COMPILE, art.takeError());
      k->cpu = *kernel;
      k->stages = &(*art)->stages;
      k->artifact = *art;
    } else {
      auto dev = cuda::currentDeviceInfo();
      if (!dev)
        return failWith(WALSH_ERROR_NO_DEVICE, dev.takeError());
      std::string chip = dev->chip();
      GpuConfig config =
          chosen.gpu ? *chosen.gpu : defaultGpuConfigForChip(k->spec, 0, chip);
      auto kernel = jit->gpuKernel(k->spec, config, chip, &source);
      if (!kernel)
        return failWith(WALSH_ERROR_COMPILE, kernel.takeError());
      auto art = jit->cache().getGpu(k->spec, config, chip);
      if (!art)
        return failWith(WALSH_ERROR_COMPILE, art.takeError());
      k->gpu = *kernel;
      k->stages = &(*art)->stages;
      k->artifact = *art;
    }
    k->source = source == CacheSource::Memory ? WALSH_CACHE_MEMORY
                : source == CacheSource::Disk ? WALSH_CACHE_DISK
                                              : WALSH_CACHE_MISS;
    *out = k.release();
    return WALSH_OK;
  } catch (const std::exception &e) {
    return fail(WALSH_ERROR_RUNTIME, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(WALSH_ERROR_RUNTIME, "internal error");
  }
}

walsh_status specFrom(const walsh_spec *spec, const walsh_epilogue *epilogue,
                      const walsh_prologue *prologue, ProjectionSpec &result) {
  if (!spec)
    return fail(WALSH_ERROR_INVALID_ARGUMENT, "spec: expects a spec, got NULL");
  std::optional<DType> dt = toDType(spec->dtype);
  if (!dt)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                "spec.dtype: expects float32, float16 or bfloat16, got " +
                    describe(spec->dtype));
  result.d = spec->d;
  result.dtype = *dt;
  result.transpose = spec->transpose != 0;
  if (spec->has_scale)
    result.scale = spec->scale;
  result.withMul = result.withAdd = spec->affine != 0;
  if (epilogue) {
    if (int n = rawEnum(epilogue->norm);
        n != WALSH_NORM_NONE && n != WALSH_NORM_RMS && n != WALSH_NORM_LAYER)
      return fail(WALSH_ERROR_INVALID_ARGUMENT,
                  "epilogue.norm: expects WALSH_NORM_NONE, WALSH_NORM_RMS "
                  "or WALSH_NORM_LAYER, got " +
                      std::to_string(n));
    result.residual = epilogue->residual != 0;
    result.norm = epilogue->norm == WALSH_NORM_RMS     ? NormKind::RMS
                  : epilogue->norm == WALSH_NORM_LAYER ? NormKind::Layer
                                                       : NormKind::None;
    result.normEps = epilogue->eps;
    // {0, 0, 0}: no cast, y in spec.dtype.
    const DLDataType &o = epilogue->out_dtype;
    if (o.code || o.bits || o.lanes) {
      std::optional<DType> out = toDType(o);
      if (!out)
        return fail(WALSH_ERROR_INVALID_ARGUMENT,
                    "epilogue.out_dtype: expects float32, float16, "
                    "bfloat16 or {0, 0, 0} (no cast), got " +
                        describe(o));
      result.outDtype = *out;
    }
  }
  if (prologue) {
    if (int l = rawEnum(prologue->layout);
        l != WALSH_LAYOUT_ROWS && l != WALSH_LAYOUT_BHSD)
      return fail(WALSH_ERROR_INVALID_ARGUMENT,
                  "prologue.layout: expects WALSH_LAYOUT_ROWS or "
                  "WALSH_LAYOUT_BHSD, got " +
                      std::to_string(l));
    result.layout =
        prologue->layout == WALSH_LAYOUT_BHSD ? Layout::BHSD : Layout::Rows;
    result.splits = prologue->splits;
    result.rowSum = prologue->row_sum != 0;
    result.headDim = prologue->head_dim;
    result.crossHeadOnly = prologue->cross_head_only;
  }
  if (llvm::Error e = validateSpec(result)) {
    // Named by the structure that holds the field ("epilogue: ..." about
    // the epilogue as a whole stays as it is).
    std::string text = llvm::toString(std::move(e));
    llvm::StringRef field = llvm::StringRef(text).split(':').first;
    const char *holder = field == "eps" ? "epilogue."
                         : field == "layout" || field == "splits" ||
                                 field == "row_sum" || field == "head_dim" ||
                                 field == "cross_head_only"
                             ? "prologue."
                         : field == "epilogue" ? ""
                                               : "spec.";
    return fail(WALSH_ERROR_INVALID_ARGUMENT, holder + text);
  }
  return WALSH_OK;
}

walsh_status chooseForShape(const ProjectionSpec &spec, walsh_target target,
                            const walsh_shape &shape, walsh_tune_mode mode,
                            Chosen &chosen) {
  for (auto [v, name] : {std::pair{shape.batch, "batch"},
                         std::pair{shape.seq, "seq"},
                         std::pair{shape.heads, "heads"},
                         std::pair{shape.head_dim, "head_dim"}})
    if (v < 1)
      return fail(WALSH_ERROR_INVALID_ARGUMENT,
                  std::string("shape.") + name + ": expects at least 1, got " +
                      std::to_string(v));
  // (Products in checked arithmetic: until 2026-12-06 heads 2^62 + 64 of
  // head_dim 4 wrapped to d = 256, and batch past 2^62 hung in the
  // tuning database's buckets.)
  if (llvm::checkedMul(shape.heads, shape.head_dim) != spec.d)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                "shape: heads * head_dim = " + std::to_string(shape.heads) +
                    " * " + std::to_string(shape.head_dim) +
                    " does not equal spec.d = " + std::to_string(spec.d));
  bool cuda = target == WALSH_TARGET_CUDA;
  tune::Shape tuneShape{shape.batch, shape.seq, shape.heads, shape.head_dim};
  // Host buffers count only where a miss would be timed on the CPU.
  if (auto why = tune::shapeTooLarge(spec, tuneShape,
                                     !cuda && mode == WALSH_TUNE_ON_MISS))
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                "shape.batch, shape.seq: " + *why);
  int64_t rows = tuneShape.rows();
  tune::Candidate fallback;
  fallback.cuda = cuda;
  if (cuda) {
    // For the current device's chip where there is one (clusters from sm_90
    // on).
    auto dev = cuda::currentDeviceInfo();
    fallback.gpu = dev ? defaultGpuConfigForChip(spec, rows, dev->chip())
                       : defaultGpuConfig(spec, rows);
    if (!dev)
      llvm::consumeError(dev.takeError());
  } else
    fallback.cpu = defaultCpuConfig(HostCpu::detect());
  if (cuda)
    chosen.gpu = fallback.gpu;
  else
    chosen.cpu = fallback.cpu;
  if (mode == WALSH_TUNE_HEURISTIC)
    return WALSH_OK;
  auto choice = tune::chooseOnThisMachine(spec, tuneShape,
                                          mode == WALSH_TUNE_ON_MISS
                                              ? tune::TuneMode::TuneOnMiss
                                              : tune::TuneMode::DbOnly,
                                          cuda, fallback);
  if (!choice)
    return failWith(WALSH_ERROR_INVALID_ARGUMENT, choice.takeError());
  if (cuda)
    chosen.gpu = choice->candidate.gpu;
  else
    chosen.cpu = choice->candidate.cpu;
  chosen.source = tune::configSourceName(choice->source);
  return WALSH_OK;
}
} // namespace

extern "C" {

walsh_status walsh_launch(const walsh_kernel *k, const DLTensor *x,
                          const DLTensor *a, const DLTensor *b, DLTensor *y,
                          void *stream) {
  lastError.clear();
  if (k && k->spec.hasEpilogue())
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                "kernel: compiled with a fused epilogue (" +
                    epilogueName(k->spec) + "); use walsh_launch_fused");
  return walsh_launch_fused(k, x, a, b, nullptr, nullptr, nullptr, y, nullptr,
                            stream);
}

walsh_status walsh_launch_fused(const walsh_kernel *k, const DLTensor *x,
                                const DLTensor *a, const DLTensor *b,
                                const DLTensor *residual,
                                const DLTensor *normWeight,
                                const DLTensor *normBias, DLTensor *y,
                                DLTensor *normed, void *stream) {
  lastError.clear();
  if (k && k->spec.hasPrologue())
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                "kernel: compiled with a prologue (layout " +
                    std::string(layoutName(k->spec.layout)) + ", splits " +
                    std::to_string(k->spec.splits) + ", row_sum " +
                    std::to_string(int(k->spec.rowSum)) +
                    "); use walsh_launch_attention");
  return launchWith(k, x, nullptr, a, b, residual, normWeight, normBias, y,
                    normed, stream);
}

walsh_status walsh_launch_attention(const walsh_kernel *k, const DLTensor *x,
                                    const DLTensor *stats, const DLTensor *a,
                                    const DLTensor *b,
                                    const DLTensor *residual,
                                    const DLTensor *normWeight,
                                    const DLTensor *normBias, DLTensor *y,
                                    DLTensor *normed, void *stream) {
  return launchWith(k, x, stats, a, b, residual, normWeight, normBias, y,
                    normed, stream);
}

walsh_status walsh_compile_attention(const walsh_spec *spec,
                                     const walsh_prologue *prologue,
                                     const walsh_epilogue *epilogue,
                                     walsh_target target,
                                     const walsh_shape *shape,
                                     walsh_tune_mode mode, walsh_kernel **out) {
  return compileWith(spec, target, shape, mode, out, epilogue, prologue);
}

walsh_status walsh_compile_fused(const walsh_spec *spec,
                                 const walsh_epilogue *epilogue,
                                 walsh_target target, const walsh_shape *shape,
                                 walsh_tune_mode mode, walsh_kernel **out) {
  return compileWith(spec, target, shape, mode, out, epilogue);
}

walsh_status walsh_check_spec(const walsh_spec *spec,
                              const walsh_epilogue *epilogue) {
  try {
    lastError.clear();
    ProjectionSpec s;
    return specFrom(spec, epilogue, nullptr, s);
  } catch (const std::exception &e) {
    return fail(WALSH_ERROR_RUNTIME,
                std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(WALSH_ERROR_RUNTIME, "internal error");
  }
}

} // extern "C"

namespace {
walsh_status launchWith(const walsh_kernel *k, const DLTensor *x,
                        const DLTensor *stats, const DLTensor *a,
                        const DLTensor *b, const DLTensor *residual,
                        const DLTensor *normWeight, const DLTensor *normBias,
                        DLTensor *y, DLTensor *normed, void *stream) {
  try {
    lastError.clear();
    if (!k)
      return fail(WALSH_ERROR_INVALID_ARGUMENT,
                  "kernel: expects a kernel, got NULL");
    Rows xr, yr, ar, br;
    Input in;
    if (walsh_status s = checkInput(x, stats, *k, xr, in))
      return s;
    if (walsh_status s = checkTensor("y", y, *k, true, yr, 0, true))
      return s;
    if (xr.rows != yr.rows)
      return fail(WALSH_ERROR_INVALID_ARGUMENT,
                  "y: expects as many rows as x (" + std::to_string(xr.rows) +
                      "), got " + std::to_string(yr.rows));
    bool affine = k->spec.withMul;
    for (auto [name, t, r] : {std::tuple<const char *, const DLTensor *, Rows *>{
                                  "a", a, &ar},
                              {"b", b, &br}}) {
      if (!affine && t)
        return fail(WALSH_ERROR_INVALID_ARGUMENT,
                    std::string(name) + ": the kernel was compiled without "
                                        "the affine; pass NULL");
      if (affine)
        if (walsh_status s = checkTensor(name, t, *k, false, *r))
          return s;
    }
    // The epilogue's tensors: each present exactly when the kernel takes it.
    Rows rr, wr, nbr, nr;
    bool norm = k->spec.norm != NormKind::None;
    for (auto [name, t, r, want, matrix] :
         {std::tuple<const char *, const DLTensor *, Rows *, bool, bool>{
              "residual", residual, &rr, k->spec.residual, true},
          {"norm_weight", normWeight, &wr, norm, false},
          {"norm_bias", normBias, &nbr, k->spec.norm == NormKind::Layer,
           false},
          {"normed", normed, &nr, norm, true}}) {
      if (!want && t)
        return fail(WALSH_ERROR_INVALID_ARGUMENT,
                    std::string(name) + ": the kernel was compiled without "
                                        "it; pass NULL");
      if (!want)
        continue;
      if (walsh_status s = checkTensor(name, t, *k, matrix, *r, 0, true))
        return s;
      if (matrix && r->rows != xr.rows)
        return fail(WALSH_ERROR_INVALID_ARGUMENT,
                    std::string(name) + ": expects as many rows as x (" +
                        std::to_string(xr.rows) + "), got " +
                        std::to_string(r->rows));
    }
    // Zero rows, every tensor checked, is a no-op: the launchers take a
    // buffer's presence from its address, which an empty tensor need not
    // have (PyTorch's are NULL: until 2026-12-06 "residual: the kernel was
    // compiled with a residual; got null" for one given).
    bool none = xr.rows == 0;
    if (k->target == WALSH_TARGET_CPU) {
      if (stream)
        return fail(WALSH_ERROR_INVALID_ARGUMENT,
                    "stream: expects NULL for the CPU target");
      if (none)
        return WALSH_OK;
      CpuRunArgs args;
      args.x = xr.data;
      args.xRowStride = xr.stride;
      args.y = yr.data;
      args.yRowStride = yr.stride;
      args.a = affine ? ar.data : nullptr;
      args.b = affine ? br.data : nullptr;
      args.rows = xr.rows;
      args.residual = k->spec.residual ? rr.data : nullptr;
      args.residualRowStride = rr.stride;
      args.normOut = norm ? nr.data : nullptr;
      args.normOutRowStride = nr.stride;
      args.normWeight = norm ? wr.data : nullptr;
      args.normBias = k->spec.norm == NormKind::Layer ? nbr.data : nullptr;
      args.seq = in.seq;
      args.lse = k->spec.splits ? static_cast<const float *>(in.stats)
                                : nullptr;
      args.rowSums = k->spec.rowSum ? static_cast<const float *>(in.stats)
                                    : nullptr;
      if (llvm::Error e = processJit()->run(*k->cpu, args))
        return launchFailed(std::move(e));
      return WALSH_OK;
    }
    // The kernel runs on x's device: every other tensor must be there too
    // (the launcher checks the pointers' devices as well).
    for (auto [name, t] : {std::pair<const char *, const DLTensor *>{"y", y},
                           {"a", a},
                           {"b", b},
                           {"residual", residual},
                           {"norm_weight", normWeight},
                           {"norm_bias", normBias},
                           {"normed", normed}})
      if (t && t->device.device_id != x->device.device_id)
        return fail(WALSH_ERROR_INVALID_ARGUMENT,
                    std::string(name) + ": expects x's device (CUDA device " +
                        std::to_string(x->device.device_id) + "), got device " +
                        std::to_string(t->device.device_id));
    if (none)
      return WALSH_OK;
    GpuRunArgs args;
    args.x = reinterpret_cast<cuda::CUdeviceptr>(xr.data);
    args.xRowStride = xr.stride;
    args.y = reinterpret_cast<cuda::CUdeviceptr>(yr.data);
    args.yRowStride = yr.stride;
    args.a = affine ? reinterpret_cast<cuda::CUdeviceptr>(ar.data) : 0;
    args.b = affine ? reinterpret_cast<cuda::CUdeviceptr>(br.data) : 0;
    args.rows = xr.rows;
    auto dev = [](const Rows &r) {
      return reinterpret_cast<cuda::CUdeviceptr>(r.data);
    };
    if (k->spec.residual) {
      args.residual = dev(rr);
      args.residualRowStride = rr.stride;
    }
    if (norm) {
      args.normOut = dev(nr);
      args.normOutRowStride = nr.stride;
      args.normWeight = dev(wr);
      if (k->spec.norm == NormKind::Layer)
        args.normBias = dev(nbr);
    }
    args.seq = in.seq;
    auto statsPtr = reinterpret_cast<cuda::CUdeviceptr>(in.stats);
    args.lse = k->spec.splits ? statsPtr : 0;
    args.rowSums = k->spec.rowSum ? statsPtr : 0;
    // The driver's failures (a launch, a load on another device, a context
    // it would not push) against the arguments' (which name the argument).
    if (llvm::Error e =
            k->gpu->launch(args, static_cast<cuda::CUstream>(stream)))
      return launchFailed(std::move(e));
    return WALSH_OK;
  } catch (const std::exception &e) {
    return fail(WALSH_ERROR_RUNTIME, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(WALSH_ERROR_RUNTIME, "internal error");
  }
}
} // namespace

extern "C" {

walsh_status walsh_kernel_stage(const walsh_kernel *k, const char *stage,
                                const char **text) {
  lastError.clear();
  if (!k)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                "kernel: expects a kernel, got NULL");
  if (!stage || !text)
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                std::string(!stage ? "stage" : "text") +
                    ": expects a pointer, got NULL");
  bool cpu = k->target == WALSH_TARGET_CPU;
  if (std::string(stage) == stageOnRequest(cpu) && !k->stages->count(stage)) {
    std::call_once(k->asmOnce, [k, cpu] {
      auto text =
          cpu ? makeStageOnRequest(
                    *static_cast<const CpuArtifact *>(k->artifact.get()))
              : makeStageOnRequest(
                    *static_cast<const GpuArtifact *>(k->artifact.get()));
      if (text)
        k->asmText = std::move(*text);
      else
        k->asmError = llvm::toString(text.takeError());
    });
    // (No cubin, or no disassembler: the machine's, as for walsh inspect.)
    if (!k->asmError.empty())
      return fail(cpu ? WALSH_ERROR_COMPILE : WALSH_ERROR_UNSUPPORTED,
                  k->asmError);
    *text = k->asmText.c_str();
    return WALSH_OK;
  }
  auto it = k->stages->find(stage);
  if (it == k->stages->end()) {
    std::string names = stageNames(*k->stages, cpu);
    return fail(WALSH_ERROR_INVALID_ARGUMENT,
                std::string("stage: expects one of ") + names + ", got '" +
                    stage + "'");
  }
  *text = it->second.c_str();
  return WALSH_OK;
}

walsh_cache_source walsh_kernel_cache_source(const walsh_kernel *k) {
  return k ? k->source : WALSH_CACHE_MISS;
}

void walsh_kernel_destroy(walsh_kernel *k) { delete k; }

} // extern "C"
