//===- EpilogueArgs.h - the fused epilogue's launch arguments --*- C++ -*-===//
//
// The checks both launchers (CpuKernel::run, GpuKernel::launch) make of a
// fused epilogue's buffers, as addresses: each present exactly when the
// kernel takes it, row strides of at least d, and no overlap that would
// race (the residual may be y itself: an in-place update of the residual
// stream). Errors name the argument. Header-only, no MLIR, no driver.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_EPILOGUEARGS_H
#define WALSH_RUNTIME_EPILOGUEARGS_H

#include "walsh/Builder/ProjectionSpec.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace walsh {

/// Rows at an address: `rows` rows of d elements, `stride` elements apart.
struct RowSpan {
  uint64_t address = 0;
  int64_t stride = 0; // 0: d
};

/// The epilogue's buffers of one launch (0 when absent).
struct EpilogueArgs {
  RowSpan residual, normOut;
  uint64_t normWeight = 0, normBias = 0;
};

/// Checks `e` against a kernel compiled with (`residual`, `norm`), for
/// `rows` rows of d elements of `elementBytes`, x and y at `x` and `y`.
inline llvm::Error checkEpilogueArgs(bool residual, NormKind norm,
                                     const EpilogueArgs &e, int64_t d,
                                     int64_t rows, int64_t elementBytes,
                                     RowSpan x, RowSpan y) {
  auto fail = [](const char *arg, const std::string &what) {
    return llvm::createStringError(std::string(arg) + ": " + what);
  };
  bool hasNorm = norm != NormKind::None;
  struct Presence {
    const char *name;
    bool want;
    uint64_t have;
    const char *what;
  };
  for (const Presence &p :
       {Presence{"residual", residual, e.residual.address, "a residual"},
        Presence{"norm_out", hasNorm, e.normOut.address, "a norm"},
        Presence{"norm_weight", hasNorm, e.normWeight, "a norm"},
        Presence{"norm_bias", norm == NormKind::Layer, e.normBias,
                 "a LayerNorm bias"}})
    if (p.want != (p.have != 0))
      return fail(p.name, std::string("the kernel was compiled ") +
                              (p.want ? "with " : "without ") + p.what +
                              (p.want ? "; got null" : "; pass null"));
  auto strideOf = [&](const RowSpan &s) { return s.stride ? s.stride : d; };
  for (auto [name, span, want] :
       {std::tuple{"residual_row_stride", e.residual, residual},
        std::tuple{"norm_out_row_stride", e.normOut, hasNorm}})
    if (want && strideOf(span) < d)
      return fail(name, "expects at least d = " + std::to_string(d) +
                            " elements, got " + std::to_string(strideOf(span)));
  if (rows <= 0)
    return llvm::Error::success();
  // [begin, end) of each buffer's rows, in bytes.
  auto range = [&](const RowSpan &s) {
    uint64_t end = s.address +
                   uint64_t(((rows - 1) * strideOf(s) + d) * elementBytes);
    return std::pair{s.address, end};
  };
  auto overlap = [&](const RowSpan &a, const RowSpan &b) {
    auto [a0, a1] = range(a);
    auto [b0, b1] = range(b);
    return a0 < b1 && b0 < a1;
  };
  if (hasNorm)
    for (auto [other, name] : {std::pair{x, "x"}, std::pair{y, "y"},
                               std::pair{e.residual, "residual"}})
      if (other.address && overlap(e.normOut, other))
        return fail("norm_out", std::string("overlaps ") + name +
                                    " (the normalised rows need a buffer of "
                                    "their own)");
  bool sameAsY = e.residual.address == y.address &&
                 strideOf(e.residual) == strideOf(y);
  if (residual && !sameAsY && overlap(e.residual, y))
    return fail("residual", "overlaps y without being y with the same row "
                            "stride (the in-place update of the residual "
                            "stream)");
  return llvm::Error::success();
}

} // namespace walsh

#endif // WALSH_RUNTIME_EPILOGUEARGS_H
