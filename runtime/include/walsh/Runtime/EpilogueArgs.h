//===- EpilogueArgs.h - the fused epilogue's launch arguments --*- C++ -*-===//
//
// The checks both launchers (CpuKernel::run, GpuKernel::launch) make of a
// launch's buffers, as addresses: the fused epilogue's each present
// exactly when the kernel takes it, row strides of at least d, and no
// overlap that would race: y over x (unless in place), the epilogue's rows
// (the residual may be y itself: an in-place update of the residual
// stream), and the rows written over a buffer every row reads (a, b, the
// norm's weight and bias, the prologue's statistics). Errors name the
// argument. Header-only, no MLIR, no driver.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_EPILOGUEARGS_H
#define WALSH_RUNTIME_EPILOGUEARGS_H

#include "walsh/Builder/ProjectionSpec.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>

namespace walsh {

/// Rows at an address: `rows` rows of d elements, `stride` elements apart
/// (or, when `extent` is set, that many bytes from the address: an input
/// in another layout).
struct RowSpan {
  uint64_t address = 0;
  int64_t stride = 0; // 0: d
  uint64_t extent = 0;
};

/// [begin, end) of `s`'s bytes: `rows` rows of d elements of `elementBytes`
/// each (or its extent). `rows` > 0.
inline std::pair<uint64_t, uint64_t>
rowBytes(const RowSpan &s, int64_t d, int64_t rows, int64_t elementBytes) {
  if (s.extent)
    return {s.address, s.address + s.extent};
  int64_t stride = s.stride ? s.stride : d;
  return {s.address,
          s.address + uint64_t(((rows - 1) * stride + d) * elementBytes)};
}

/// Checks y's rows (of `spec.outType()`) against x's (`x.extent` bytes:
/// its rows, or the prologue's layout): apart, or x itself with x's row
/// stride where the kernel can run in place (x in rows of y's type, each
/// row read whole before it is written).
inline llvm::Error checkOutputOverInput(const ProjectionSpec &spec, RowSpan x,
                                        RowSpan y, int64_t rows) {
  if (rows <= 0 || !x.address || !y.address)
    return llvm::Error::success();
  int64_t d = spec.d;
  auto [x0, x1] = rowBytes(x, d, rows, dtypeBytes(spec.dtype));
  auto [y0, y1] = rowBytes(y, d, rows, dtypeBytes(spec.outType()));
  bool inPlace = x.address == y.address &&
                 (x.stride ? x.stride : d) == (y.stride ? y.stride : d) &&
                 !spec.hasPrologue() && !spec.casts();
  if (inPlace || !(y0 < x1 && x0 < y1))
    return llvm::Error::success();
  return llvm::createStringError(
      spec.casts() ? "y: overlaps x (an output cast writes another type: y "
                     "needs a buffer of its own)"
                   : "y: overlaps x without being the same buffer with the "
                     "same row stride");
}

/// A buffer a launch reads whole for every row: `bytes` from `address` (0:
/// not passed).
struct ReadBuffer {
  const char *name;
  uint64_t address;
  uint64_t bytes;
};

/// The buffers every row reads besides x's rows: a and b (`spec.d`
/// elements of x's type), the norm's weight and bias (of y's type), the
/// split-KV log-sum-exp (fp32 [splits, rows, heads]) and the row sums
/// (fp32 [rows, heads]); absent ones at 0.
inline std::array<ReadBuffer, 6> sharedReads(const ProjectionSpec &spec,
                                             int64_t rows, uint64_t a,
                                             uint64_t b, uint64_t normWeight,
                                             uint64_t normBias, uint64_t lse,
                                             uint64_t rowSums) {
  uint64_t d = uint64_t(spec.d), heads = spec.headDim ? d / spec.headDim : 0;
  uint64_t vector = d * dtypeBytes(spec.dtype),
           outVector = d * dtypeBytes(spec.outType()),
           statRow = uint64_t(std::max<int64_t>(rows, 0)) * heads * 4;
  return {ReadBuffer{"a", a, vector},
          {"b", b, vector},
          {"norm_weight", normWeight, outVector},
          {"norm_bias", normBias, outVector},
          {"lse", lse, uint64_t(std::max<int64_t>(spec.splits, 1)) * statRow},
          {"row_sums", rowSums, statRow}};
}

/// Checks that the rows a launch writes (y's, and the normalised rows'
/// where `normOut.address` is set; `elementBytes` each) overlap none of
/// `reads`: every row reads those while other rows are being written.
inline llvm::Error checkWritesMissReads(llvm::ArrayRef<ReadBuffer> reads,
                                        RowSpan y, RowSpan normOut, int64_t d,
                                        int64_t rows, int64_t elementBytes) {
  if (rows <= 0)
    return llvm::Error::success();
  for (auto [name, written] :
       {std::pair{"y", y}, std::pair{"norm_out", normOut}}) {
    if (!written.address)
      continue;
    auto [w0, w1] = rowBytes(written, d, rows, elementBytes);
    for (const ReadBuffer &r : reads)
      if (r.address && r.address < w1 && w0 < r.address + r.bytes)
        return llvm::createStringError(std::string(name) + ": overlaps " +
                                       r.name + " (every row reads " + r.name +
                                       " while rows of " + name +
                                       " are written: they need memory apart)");
  }
  return llvm::Error::success();
}

/// The epilogue's buffers of one launch (0 when absent).
struct EpilogueArgs {
  RowSpan residual, normOut;
  uint64_t normWeight = 0, normBias = 0;
};

/// Checks `e` against a kernel compiled with (`residual`, `norm`), for
/// `rows` rows of d elements of `elementBytes` (y's type, which the
/// residual and the normalised rows share; x has its own type, so `x`
/// comes with its extent), x and y at `x` and `y`.
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
  auto overlap = [&](const RowSpan &a, const RowSpan &b) {
    auto [a0, a1] = rowBytes(a, d, rows, elementBytes);
    auto [b0, b1] = rowBytes(b, d, rows, elementBytes);
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

/// The input side of a launch: the bhsd layout's seq (rows = batch * seq),
/// the split-KV combine's log-sum-exp (fp32 [K, rows, heads]), and x's
/// row stride.
struct PrologueArgs {
  int64_t seq = 0;
  uint64_t lse = 0;
  int64_t xRowStride = 0;
  uint64_t rowSums = 0;
};

/// Checks `p` against a kernel compiled with (`layout`, `splits`,
/// `rowSum`) for `rows` rows; errors name the argument.
inline llvm::Error checkPrologueArgs(Layout layout, int64_t splits,
                                     bool rowSum, const PrologueArgs &p,
                                     int64_t rows) {
  auto fail = [](const char *arg, const std::string &what) {
    return llvm::createStringError(std::string(arg) + ": " + what);
  };
  if (layout == Layout::BHSD) {
    if (p.seq < 1 || (rows > 0 && rows % p.seq))
      return fail("seq", "expects a positive count dividing rows = " +
                             std::to_string(rows) +
                             " (a bhsd input has rows = batch * seq), got " +
                             std::to_string(p.seq));
    if (p.xRowStride)
      return fail("x_row_stride",
                  "a bhsd input is packed [batch, heads, seq, head_dim]; "
                  "expects 0, got " +
                      std::to_string(p.xRowStride));
  } else if (p.seq) {
    return fail("seq", "only a bhsd input takes it; expects 0, got " +
                           std::to_string(p.seq));
  }
  if (splits && !p.lse)
    return fail("lse", "the kernel combines " + std::to_string(splits) +
                           " split-KV partials; expects their log-sum-exp "
                           "(fp32 [splits, rows, heads]), got null");
  if (!splits && p.lse)
    return fail("lse", "the kernel was compiled without a split-KV "
                       "combine; pass null");
  if (rowSum && !p.rowSums)
    return fail("row_sums", "the kernel normalises unnormalised "
                            "accumulators; expects their row sums (fp32 "
                            "[rows, heads]), got null");
  if (!rowSum && p.rowSums)
    return fail("row_sums", "the kernel was compiled without a row-sum "
                            "normalisation; pass null");
  return llvm::Error::success();
}

/// Bytes from x's address that a kernel reads: the rows, the packed bhsd
/// tensor, or K blocks of partial rows (`stride` elements apart, each
/// block rows * stride).
inline uint64_t inputExtentBytes(Layout layout, int64_t splits, int64_t d,
                                 int64_t rows, int64_t stride,
                                 int64_t elementBytes) {
  if (rows <= 0)
    return 0;
  if (layout == Layout::BHSD)
    return uint64_t(rows * d * elementBytes);
  uint64_t block = uint64_t(((rows - 1) * stride + d) * elementBytes);
  if (!splits)
    return block;
  return uint64_t((splits - 1) * rows * stride * elementBytes) + block;
}

} // namespace walsh

#endif // WALSH_RUNTIME_EPILOGUEARGS_H
