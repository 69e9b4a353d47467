//===- ProjectionSpec.h - what a user asks walsh to compute ----*- C++ -*-===//
//
// The structured Hadamard output projection y = a (.) (s H_d o) + b over rows
// o of length d, as plain data (no MLIR), so that every interface (C++, C
// API, command line) describes a kernel the same way and the runtime can key
// caches by it.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_BUILDER_PROJECTIONSPEC_H
#define WALSH_BUILDER_PROJECTIONSPEC_H

#include "walsh/Support/NumberText.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace walsh {

/// Storage type of o, a and b, and of y unless the spec casts it
/// (arithmetic is at least fp32).
enum class DType { F32, F16, BF16 };

/// Bytes per element of a dtype.
inline int64_t dtypeBytes(DType t) { return t == DType::F32 ? 4 : 2; }

/// The name used on the command line and in IR ("f32", "f16", "bf16").
inline const char *dtypeName(DType t) {
  return t == DType::F32 ? "f32" : t == DType::F16 ? "f16" : "bf16";
}
/// Parses a dtype name; std::nullopt for anything else.
inline std::optional<DType> parseDType(const std::string &name) {
  for (DType t : {DType::F32, DType::F16, DType::BF16})
    if (name == dtypeName(t))
      return t;
  return std::nullopt;
}

/// The next sublayer's norm a kernel can fuse after the residual add.
enum class NormKind { None, RMS, Layer };

/// "none", "rmsnorm" or "layernorm".
inline const char *normName(NormKind n) {
  return n == NormKind::None ? "none" : n == NormKind::RMS ? "rmsnorm"
                                                           : "layernorm";
}

/// Parses a norm name (normName); std::nullopt for anything else.
inline std::optional<NormKind> parseNorm(const std::string &name) {
  for (NormKind n : {NormKind::None, NormKind::RMS, NormKind::Layer})
    if (name == normName(n))
      return n;
  return std::nullopt;
}

/// How the attention output x is laid out in memory.
/// Rows: token-major [rows, d] (also FlashAttention's [batch, seq, heads,
/// head_dim], the same bytes). BHSD: [batch, heads, seq, head_dim], the
/// layout before the usual transpose; the head merge is folded into the
/// kernel's loads (walsh.merge_heads), row r = b * seq + s.
enum class Layout { Rows, BHSD };

/// "rows" or "bhsd".
inline const char *layoutName(Layout l) {
  return l == Layout::Rows ? "rows" : "bhsd";
}

/// One projection kernel's specification.
struct ProjectionSpec {
  /// Row length d = n_heads * head_dim.
  int64_t d = 0;
  /// Number of rows; 0 means dynamic (decided at launch).
  int64_t rows = 0;
  DType dtype = DType::F32;
  /// The output cast: y (and, with an epilogue, the residual, the norm's
  /// weight and bias, and the normalised rows) in this type, the fp32
  /// result rounded once as it is stored (walsh.cast). std::nullopt or
  /// dtype itself: no cast.
  std::optional<DType> outDtype;
  /// Apply H_d^T (the backward pass) instead of H_d.
  bool transpose = false;
  /// The transform's scale; std::nullopt means 1/sqrt(d).
  std::optional<double> scale;
  /// Whether the learned per-column multiplier a and bias b are present.
  bool withMul = true;
  bool withAdd = true;
  /// The attention epilogue fused after the affine: h = residual + y (rows
  /// of their own, same dtype), and the next sublayer's norm of h written
  /// besides it (RMSNorm: weight; LayerNorm: weight and bias), eps > 0.
  bool residual = false;
  NormKind norm = NormKind::None;
  double normEps = 1e-6;
  /// 0, or head_dim: the kernel is only the cross-head factor of
  /// H_d = H_heads (x) H_head_dim (walsh-split-heads); its input rows have
  /// had the per-head factor H_head_dim / sqrt(head_dim) applied to each
  /// head already (in an attention kernel's epilogue). The scale stays the
  /// whole transform's, so the composition is the projection.
  int64_t crossHeadOnly = 0;
  /// The attention output's layout (BHSD needs headDim).
  Layout layout = Layout::Rows;
  /// Split-KV (flash-decoding) partials to combine before the transform:
  /// 0 for none, else K >= 2. x is then K blocks of rows (partial outputs,
  /// each normalised within its split) and the kernel takes their
  /// log-sum-exp, fp32 [K, rows, heads]: O = sum_k exp(lse_k - lse) O_k,
  /// lse = log sum_k exp(lse_k), per head (walsh.combine_splits). Needs
  /// headDim.
  int64_t splits = 0;
  /// x holds unnormalised attention accumulators and the kernel takes their
  /// softmax row sums, fp32 [rows, heads]: O = acc / sum per head
  /// (walsh.normalize_heads). Needs headDim; not with splits or bhsd.
  bool rowSum = false;
  /// head_dim of the input's heads (heads = d / headDim) for the layout and
  /// the split-KV combine; 0 when neither needs it.
  int64_t headDim = 0;
  bool hasPrologue() const {
    return layout != Layout::Rows || splits > 0 || rowSum;
  }
  bool hasEpilogue() const { return residual || norm != NormKind::None; }
  /// y's storage type (dtype unless the spec casts).
  DType outType() const { return outDtype.value_or(dtype); }
  /// Whether y's type differs from x's (an output cast).
  bool casts() const { return outType() != dtype; }
  /// Bytes a kernel reads or writes once per output row: x (K partial rows
  /// with a split-KV combine) and y, plus the residual and the normalised
  /// output when fused. (The combine's log-sum-exp, 4 bytes per split and
  /// head, and the row sums are not counted.)
  int64_t rowBytesMoved() const {
    int64_t outRows = 1 + int64_t(residual) + int64_t(norm != NormKind::None);
    return d * ((splits ? splits : 1) * dtypeBytes(dtype) +
                outRows * dtypeBytes(outType()));
  }
  /// Bytes `rows` rows span in the widest of a run's buffers, at the
  /// widest of its row strides (d at least) and element types, times the
  /// split-KV partials: as a double, so that counts near 2^63 do not wrap.
  /// Past kMaxRowSpanBytes no host or device holds the rows, and byte
  /// counts and overlap extents computed from them could wrap in 64 bits;
  /// the CPU and GPU launchers and the GPU's device rows refuse them.
  double rowSpanBytes(int64_t rows, int64_t widestStride) const {
    return double(rows) * double(std::max(widestStride, d)) *
           double(std::max(dtypeBytes(dtype), dtypeBytes(outType()))) *
           double(splits ? splits : 1);
  }
  /// " at row stride S" where rows `stride` elements apart are not packed
  /// (0 and d are), else "": the size a refusal of the rows' bytes counts.
  std::string rowStrideText(int64_t stride) const {
    return stride && stride != d ? " at row stride " + std::to_string(stride)
                                 : std::string();
  }
  /// Bytes per element of the copy a benchmark measures as the roofline
  /// (x's rows into y's, which may be narrower): the smaller type's.
  int64_t copyElementBytes() const {
    return std::min(dtypeBytes(dtype), dtypeBytes(outType()));
  }
  /// The factor that turns the time of a copy of `rows` rows of
  /// copyElementBytes() into that of a copy of every byte the kernel moves
  /// (a copy reads and writes its bytes: two streams).
  double copyScale() const {
    return double(rowBytesMoved()) / double(2 * d * copyElementBytes());
  }
};

/// 2^48 bytes (256 TB): past it ProjectionSpec::rowSpanBytes's rows are
/// refused (no machine holds them).
inline constexpr double kMaxRowSpanBytes = 0x1p48;

/// The relative error a check against the float64 oracle allows: fp32
/// arithmetic, then the rounding of y to its storage type (16-bit: 1e-2).
inline double checkTolerance(const ProjectionSpec &s) {
  return s.outType() == DType::F32 ? 1e-5 : 1e-2;
}

/// What is wrong with a kernel whose largest relative error against the
/// float64 oracle is `err`: "max relative error 0.031 over the tolerance
/// 1e-02"; std::nullopt when `err` is within checkTolerance(s). A NaN error
/// is never within it. The bench's refusal to time a kernel and the tuner's
/// rejection of a candidate both say this.
inline std::optional<std::string> wrongResultText(const ProjectionSpec &s,
                                                  double err) {
  if (err <= checkTolerance(s))
    return std::nullopt;
  char text[96];
  std::snprintf(text, sizeof(text),
                "max relative error %.3g over the tolerance %.0e", err,
                checkTolerance(s));
  return std::string(text);
}

/// The key text of the output cast (" out=f32"; "" without one), for the
/// disk cache and the tuning database.
inline std::string castKey(const ProjectionSpec &s) {
  return s.casts() ? std::string(" out=") + dtypeName(s.outType()) : "";
}

/// The key text of the input side (" layout=bhsd head_dim=128", " splits=4
/// head_dim=128"; "" with neither, so other kernels' keys are unchanged),
/// for the disk cache and the tuning database.
inline std::string prologueKey(const ProjectionSpec &s) {
  std::string k;
  if (s.layout != Layout::Rows)
    k += std::string(" layout=") + layoutName(s.layout);
  if (s.splits)
    k += " splits=" + std::to_string(s.splits);
  if (s.rowSum)
    k += " row_sum=1";
  if (s.hasPrologue())
    k += " head_dim=" + std::to_string(s.headDim);
  return k;
}

/// The fused epilogue as `--epilogue` spells it: "residual", "rmsnorm",
/// "residual,layernorm", ... or "none".
inline std::string epilogueName(const ProjectionSpec &s) {
  std::string n = s.residual ? "residual" : "";
  if (s.norm != NormKind::None)
    n += std::string(n.empty() ? "" : ",") + normName(s.norm);
  return n.empty() ? "none" : n;
}

/// What a kernel does besides the affine transform, for a command's text
/// output: ", transposed", ", bhsd input", ", 4 split-KV partials", ", row
/// sums", ", cross-head only", ", epilogue residual,rmsnorm" ("" for none).
inline std::string kernelExtras(const ProjectionSpec &s) {
  std::string t;
  if (s.transpose)
    t += ", transposed";
  if (s.layout == Layout::BHSD)
    t += ", bhsd input";
  if (s.splits)
    t += ", " + std::to_string(s.splits) + " split-KV partials";
  if (s.rowSum)
    t += ", row sums";
  if (s.crossHeadOnly)
    t += ", cross-head only";
  if (s.hasEpilogue())
    t += ", epilogue " + epilogueName(s);
  if (s.casts())
    t += std::string(", output ") + dtypeName(s.outType());
  return t;
}

/// A scale as a file name takes it: the shortest decimal that reads back
/// as the same double, '.' as 'p' and '-' as 'm' ("0p25", "1em05").
inline std::string scaleTag(double v) {
  // In the C locale whatever the process's (a decimal comma named kernels
  // "_s0,5" until 2026-12-06).
  std::string t;
  for (int digits = 6; digits <= 17; ++digits) {
    t = gText(v, digits);
    if (parseDouble(t) == v)
      break;
  }
  for (char &c : t)
    c = c == '.' ? 'p' : c == '-' ? 'm' : c == '+' ? 'p' : c;
  return t;
}

/// A kernel's readable name for the spec, as cache entries and `walsh
/// compile` spell it: "outproj_d4096_bf16" plus "_t" (transposed),
/// "_s<scale>" (a scale given, not 1/sqrt(d): "_s0p25"), "_noaffine"
/// (neither a nor b; "_nomul" without a, "_nobias" without b), "_res",
/// "_rmsnorm"/"_layernorm" with "_eps<eps>" where eps is not the default
/// 1e-6 ("_eps1em05"), "_x<head_dim>" (cross-head only),
/// "_bhsd<head_dim>", "_kv<K>h<head_dim>" (split-KV), "_rs<head_dim>" (row
/// sums), "_to<dtype>" (an output cast).
inline std::string specName(const ProjectionSpec &s) {
  std::string n = "outproj_d" + std::to_string(s.d) + "_" + dtypeName(s.dtype);
  if (s.transpose)
    n += "_t";
  if (s.scale)
    n += "_s" + scaleTag(*s.scale);
  // Every field that changes the code is in the name, so that two kernels
  // never share a file in `walsh compile --out`.
  if (!s.withMul && !s.withAdd)
    n += "_noaffine";
  else if (!s.withMul)
    n += "_nomul";
  else if (!s.withAdd)
    n += "_nobias";
  if (s.residual)
    n += "_res";
  if (s.norm != NormKind::None) {
    n += std::string("_") + normName(s.norm);
    if (s.normEps != ProjectionSpec().normEps)
      n += "_eps" + scaleTag(s.normEps);
  }
  if (s.crossHeadOnly)
    n += "_x" + std::to_string(s.crossHeadOnly);
  if (s.layout == Layout::BHSD)
    n += "_bhsd" + std::to_string(s.headDim);
  if (s.splits)
    n += "_kv" + std::to_string(s.splits) + "h" + std::to_string(s.headDim);
  if (s.rowSum)
    n += "_rs" + std::to_string(s.headDim);
  if (s.casts())
    n += std::string("_to") + dtypeName(s.outType());
  return n;
}

/// The order of the CPU lowering's passes over a row (#walsh.cpu_config's
/// pass_order): the lowering's rule, the widest stride's pass first, or the
/// contiguous pass first (the whole transform only: no prologue, no fused
/// epilogue past the affine, not walsh-split-heads' cross-head factor).
enum class CpuPassOrder { Rule, WidestFirst, ContiguousFirst };

inline const char *passOrderName(CpuPassOrder o) {
  switch (o) {
  case CpuPassOrder::Rule:
    return "rule";
  case CpuPassOrder::WidestFirst:
    return "widest_first";
  case CpuPassOrder::ContiguousFirst:
    return "contiguous_first";
  }
  return "rule";
}

/// The CpuPassOrder passOrderName spells `name`; std::nullopt for others.
inline std::optional<CpuPassOrder> parsePassOrder(std::string_view name) {
  for (CpuPassOrder o : {CpuPassOrder::Rule, CpuPassOrder::WidestFirst,
                         CpuPassOrder::ContiguousFirst})
    if (name == passOrderName(o))
      return o;
  return std::nullopt;
}

/// The CPU kernel configuration (#walsh.cpu_config): fp32 lanes per vector,
/// radix-2 levels per pass over a row, non-temporal output stores, the
/// prefetches of each cache line of the next rows (1, 2 or 4; 0: the
/// lowering's rule), and the order of the passes.
struct CpuConfig {
  int64_t vectorWidth = 8;
  int levelsPerPass = 3;
  bool nontemporal = true;
  int prefetchPerLine = 0;
  CpuPassOrder passOrder = CpuPassOrder::Rule;
};

/// Whether `n` is a prefetch_per_line the CPU lowering takes (0: its rule).
/// (The #walsh.cpu_config verifier checks the same in the dialect.)
inline bool validPrefetchPerLine(int64_t n) {
  return n == 0 || n == 1 || n == 2 || n == 4;
}

/// How a GPU kernel runs the levels whose partners lie in other threads
/// (#walsh.config's cross_warp): shuffles and a shared-memory round trip
/// per level across warps, shared-memory transposes, or (16 bits, 2^k >=
/// 256) tensor-core mma.sync tiles.
enum class GpuCrossWarp { Shared, Transpose, Mma };

/// "shared", "transpose" or "mma".
inline const char *crossWarpName(GpuCrossWarp c) {
  switch (c) {
  case GpuCrossWarp::Shared:
    return "shared";
  case GpuCrossWarp::Transpose:
    return "transpose";
  case GpuCrossWarp::Mma:
    return "mma";
  }
  return "shared";
}

/// The GpuCrossWarp crossWarpName spells `name`; std::nullopt for others.
inline std::optional<GpuCrossWarp> parseCrossWarp(std::string_view name) {
  for (GpuCrossWarp c :
       {GpuCrossWarp::Shared, GpuCrossWarp::Transpose, GpuCrossWarp::Mma})
    if (name == crossWarpName(c))
      return c;
  return std::nullopt;
}

/// The GPU kernel configuration (#walsh.config).
struct GpuConfig {
  int64_t elemsPerThread = 0;
  int64_t threadsPerRow = 0;
  int64_t rowsPerBlock = 1;
  int64_t vectorWidth = 0;
  /// #walsh.config's cross_warp.
  GpuCrossWarp crossWarp = GpuCrossWarp::Shared;
  /// Row groups a block handles one after the other, the next prefetched
  /// while the current is transformed (#walsh.config's row_iters).
  int64_t rowIters = 1;
  /// Thread blocks a row, run as one thread-block cluster, each holding a
  /// slice of d / cluster elements (#walsh.config's cluster); the fields
  /// above then describe one slice.
  int64_t cluster = 1;

  bool operator==(const GpuConfig &o) const {
    return elemsPerThread == o.elemsPerThread &&
           threadsPerRow == o.threadsPerRow && rowsPerBlock == o.rowsPerBlock &&
           vectorWidth == o.vectorWidth && crossWarp == o.crossWarp &&
           rowIters == o.rowIters && cluster == o.cluster;
  }
  bool operator!=(const GpuConfig &o) const { return !(*this == o); }
};

} // namespace walsh

#endif // WALSH_BUILDER_PROJECTIONSPEC_H
