//===- ConfigJson.h - kernel configurations as JSON -------------*- C++ -*-===//
//
// One spelling of a GPU or CPU configuration in JSON, for everything that
// writes or reads one: the cache's manifests, the tuning database, and the
// --json output of walsh run, bench and compile. The field names are those
// of #walsh.config and #walsh.cpu_config. Likewise one spelling of a
// ProjectionSpec, for the cache's manifests and `walsh compile`'s launch
// JSON (read back by walsh-gpu).
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_BUILDER_CONFIGJSON_H
#define WALSH_BUILDER_CONFIGJSON_H

#include "walsh/Builder/ProjectionSpec.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <optional>

namespace walsh {

/// elems_per_thread, threads_per_row, rows_per_block, vector_width,
/// cross_warp ("shared", "transpose" or "mma"), row_iters and cluster.
inline llvm::json::Object gpuConfigJson(const GpuConfig &c) {
  return llvm::json::Object{{"elems_per_thread", c.elemsPerThread},
                            {"threads_per_row", c.threadsPerRow},
                            {"rows_per_block", c.rowsPerBlock},
                            {"vector_width", c.vectorWidth},
                            {"cross_warp", crossWarpName(c.crossWarp)},
                            {"row_iters", c.rowIters},
                            {"cluster", c.cluster}};
}

/// vector_width, levels_per_pass, nontemporal, prefetch_per_line (0: the
/// lowering's rule) and pass_order ("rule", "widest_first" or
/// "contiguous_first").
inline llvm::json::Object cpuConfigJson(const CpuConfig &c) {
  return llvm::json::Object{{"vector_width", c.vectorWidth},
                            {"levels_per_pass", c.levelsPerPass},
                            {"nontemporal", c.nontemporal},
                            {"prefetch_per_line", c.prefetchPerLine},
                            {"pass_order", passOrderName(c.passOrder)}};
}

/// The fields of `fields` added to `into` (for the flat --json objects).
inline void addFields(llvm::json::Object &into, llvm::json::Object fields) {
  for (auto &kv : fields)
    into[kv.first] = std::move(kv.second);
}

namespace detail {
inline llvm::Expected<int64_t> positiveField(const llvm::json::Object &o,
                                             const char *key) {
  auto v = o.getInteger(key);
  if (!v || *v < 1)
    return llvm::createStringError(std::string("expects \"") + key +
                                   "\" to be an integer >= 1");
  return *v;
}
} // namespace detail

/// The GPU configuration gpuConfigJson wrote; the error names the field.
inline llvm::Expected<GpuConfig>
gpuConfigFromJson(const llvm::json::Object &o) {
  GpuConfig c;
  for (auto [key, field] :
       {std::pair{"elems_per_thread", &c.elemsPerThread},
        std::pair{"threads_per_row", &c.threadsPerRow},
        std::pair{"rows_per_block", &c.rowsPerBlock},
        std::pair{"vector_width", &c.vectorWidth},
        std::pair{"row_iters", &c.rowIters}}) {
    auto v = detail::positiveField(o, key);
    if (!v)
      return v.takeError();
    *field = *v;
  }
  auto cw = o.getString("cross_warp");
  std::optional<GpuCrossWarp> parsed;
  if (cw)
    parsed = parseCrossWarp(std::string_view(cw->data(), cw->size()));
  if (!parsed)
    return llvm::createStringError(
        "expects \"cross_warp\" to be shared, transpose or mma");
  c.crossWarp = *parsed;
  // (Absent from configurations written before clusters: 1.)
  if (o.get("cluster")) {
    auto v = detail::positiveField(o, "cluster");
    if (!v)
      return v.takeError();
    c.cluster = *v;
  }
  return c;
}

/// The CPU configuration cpuConfigJson wrote; the error names the field.
inline llvm::Expected<CpuConfig>
cpuConfigFromJson(const llvm::json::Object &o) {
  CpuConfig c;
  auto vw = detail::positiveField(o, "vector_width");
  if (!vw)
    return vw.takeError();
  auto lv = detail::positiveField(o, "levels_per_pass");
  if (!lv)
    return lv.takeError();
  c.vectorWidth = *vw;
  c.levelsPerPass = int(*lv);
  c.nontemporal = o.getBoolean("nontemporal").value_or(c.nontemporal);
  // Absent in databases written before it existed: the lowering's rule.
  if (const llvm::json::Value *p = o.get("prefetch_per_line")) {
    std::optional<int64_t> v = p->getAsInteger();
    if (!v || !validPrefetchPerLine(*v))
      return llvm::createStringError(
          "expects \"prefetch_per_line\" to be 0, 1, 2 or 4");
    c.prefetchPerLine = int(*v);
  }
  // Absent likewise: the rule.
  if (const llvm::json::Value *p = o.get("pass_order")) {
    std::optional<llvm::StringRef> name = p->getAsString();
    std::optional<CpuPassOrder> parsed;
    if (name)
      parsed = parsePassOrder(std::string_view(name->data(), name->size()));
    if (!parsed)
      return llvm::createStringError(
          "expects \"pass_order\" to be rule, widest_first or "
          "contiguous_first");
    c.passOrder = *parsed;
  }
  return c;
}

/// Every field of a spec: d, rows, dtype, transpose, scale (null: 1/sqrt(d)),
/// mul, add, residual, norm, eps, cross_head_only, layout, splits,
/// row_sum, head_dim, out_dtype (y's type: dtype unless the spec casts).
inline llvm::json::Object specJson(const ProjectionSpec &s) {
  return llvm::json::Object{
      {"d", s.d},
      {"rows", s.rows},
      {"dtype", dtypeName(s.dtype)},
      {"transpose", s.transpose},
      {"scale", s.scale ? llvm::json::Value(*s.scale)
                        : llvm::json::Value(nullptr)},
      {"mul", s.withMul},
      {"add", s.withAdd},
      {"residual", s.residual},
      {"norm", normName(s.norm)},
      {"eps", s.normEps},
      {"cross_head_only", s.crossHeadOnly},
      {"layout", layoutName(s.layout)},
      {"splits", s.splits},
      {"row_sum", s.rowSum},
      {"head_dim", s.headDim},
      {"out_dtype", dtypeName(s.outType())}};
}

/// The spec specJson wrote (fields it lacks keep their defaults, so older
/// files still read); the error names the field.
inline llvm::Expected<ProjectionSpec>
specFromJson(const llvm::json::Object &o) {
  ProjectionSpec s;
  s.d = o.getInteger("d").value_or(0);
  s.rows = o.getInteger("rows").value_or(0);
  auto dt = parseDType(o.getString("dtype").value_or("").str());
  if (s.d < 1)
    return llvm::createStringError("expects \"d\" to be an integer >= 1");
  if (!dt)
    return llvm::createStringError("expects \"dtype\" to be f32, f16 or bf16");
  s.dtype = *dt;
  s.transpose = o.getBoolean("transpose").value_or(false);
  if (auto sc = o.getNumber("scale"))
    s.scale = *sc;
  s.withMul = o.getBoolean("mul").value_or(true);
  s.withAdd = o.getBoolean("add").value_or(true);
  s.residual = o.getBoolean("residual").value_or(false);
  std::string norm = o.getString("norm").value_or("none").str();
  auto kind = parseNorm(norm);
  if (!kind)
    return llvm::createStringError("expects \"norm\" to be none, rmsnorm or "
                                   "layernorm, got '" + norm + "'");
  s.norm = *kind;
  s.normEps = o.getNumber("eps").value_or(1e-6);
  s.crossHeadOnly = o.getInteger("cross_head_only").value_or(0);
  std::string layout = o.getString("layout").value_or("rows").str();
  if (layout != "rows" && layout != "bhsd")
    return llvm::createStringError(
        "expects \"layout\" to be rows or bhsd, got '" + layout + "'");
  s.layout = layout == "bhsd" ? Layout::BHSD : Layout::Rows;
  s.splits = o.getInteger("splits").value_or(0);
  s.rowSum = o.getBoolean("row_sum").value_or(false);
  s.headDim = o.getInteger("head_dim").value_or(0);
  if (auto out = o.getString("out_dtype")) {
    auto t = parseDType(out->str());
    if (!t)
      return llvm::createStringError(
          "expects \"out_dtype\" to be f32, f16 or bf16, got '" + out->str() +
          "'");
    if (*t != s.dtype)
      s.outDtype = *t;
  }
  return s;
}

} // namespace walsh

#endif // WALSH_BUILDER_CONFIGJSON_H
