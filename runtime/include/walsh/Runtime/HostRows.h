//===- HostRows.h - rows of a dtype in host memory -------------*- C++ -*-===//
//
// A buffer of rows in f32, f16 or bf16 storage with a row stride, aligned to
// 64 bytes: fill with fresh random values, poison with NaN (so an unwritten
// element fails a check), and read any element as a double. Used by
// `walsh run`, the benchmarks and the conformance tests.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_HOSTROWS_H
#define WALSH_RUNTIME_HOSTROWS_H

#include "walsh/Builder/ProjectionSpec.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>

namespace walsh {

/// The host memory this process may use: the least of physical memory, its
/// cgroup's memory limit (v2 memory.max up to the root, or v1's
/// memory.limit_in_bytes) and what its `ulimit -d` and `ulimit -v` leave
/// beyond the data and address space it already uses; `what` names it for
/// a message ("this machine's").
struct HostMemory {
  double bytes = 0; // 0 when unknown
  std::string what;
};
HostMemory hostMemory();
/// The lowest memory limit on the way from this process's cgroup to the
/// root (`procCgroup` is /proc/self/cgroup, `cgroupRoot` where cgroups are
/// mounted: v2's memory.max, or v1's memory.limit_in_bytes under
/// `cgroupRoot`/memory); 0 when none is set or none can be read.
double cgroupMemoryLimit(const std::string &procCgroup = "/proc/self/cgroup",
                         const std::string &cgroupRoot = "/sys/fs/cgroup");
/// The words of a refusal when `bytes` of host buffers need more than three
/// quarters of hostMemory() ("more than three quarters of this machine's
/// 25.3 GB"); nothing when they fit or the memory is unknown. The one rule
/// walsh run, bench and tune and walsh-gpu size their host buffers by,
/// before allocating them: past it the allocation would fail (HostRows
/// throws std::bad_alloc naming its size; the tools say "out of host
/// memory") or the process be killed by the kernel's OOM killer.
std::optional<std::string> beyondHostMemory(double bytes);
/// The same against a hostMemory() the caller read already.
std::optional<std::string> beyondHostMemory(double bytes,
                                            const HostMemory &memory);
/// A /proc/<pid>/status field's size in bytes ("VmSize:  123 kB" is
/// 125952); 0 when the file or the field cannot be read.
double procStatusBytes(const char *field,
                       const std::string &statusFile = "/proc/self/status");

class HostRows {
public:
  /// `rows` rows of `d` elements, `stride` (>= d, 0 = d) elements apart.
  HostRows(DType dtype, int64_t rows, int64_t d, int64_t stride = 0);

  DType dtype() const { return type; }
  int64_t rows() const { return nRows; }
  int64_t rowLength() const { return d; }
  int64_t stride() const { return rowStride; }
  /// Bytes of the rows' payload (rows * d elements, padding excluded).
  int64_t payloadBytes() const;

  void *data() { return storage.get(); }
  const void *data() const { return storage.get(); }

  /// Standard normal values, rounded to the storage type.
  void fillRandom(std::mt19937_64 &rng);
  /// Every element of the rows times `s`, rounded to the storage type
  /// again (checks on rows of small or large values); false where one
  /// left the storage type's range.
  bool scale(double s);
  /// Every element (padding included) set to NaN.
  void poison();
  /// Element (r, c) as a double.
  double at(int64_t r, int64_t c) const;
  /// Sets element (r, c), rounding to the storage type.
  void set(int64_t r, int64_t c, double v);

private:
  DType type;
  int64_t nRows, d, rowStride;
  std::unique_ptr<uint8_t[], void (*)(void *)> storage;
};

/// The seq a bhsd input of `rows` rows gets when none is given: the
/// smallest divisor of rows at least sqrt(rows) (1000 rows: 25 batches of
/// 40), so that a check crosses batches.
inline int64_t defaultSeq(int64_t rows) {
  if (rows <= 1)
    return 1;
  for (int64_t s = 1; s <= rows; ++s)
    if (rows % s == 0 && s * s >= rows)
      return s;
  return rows;
}

/// The prologue's statistics for `spec`, as fp32: a split-KV combine's
/// log-sum-exp uniform in [-4, 4] (a spread of e^8 between splits), or a
/// row-sum normalisation's sums uniform in [1, 50]; nothing otherwise.
void fillStats(const ProjectionSpec &spec, HostRows &stats,
               std::mt19937_64 &rng);

/// The statistics buffer for `rows` rows of `spec` (K * rows or rows rows
/// of heads fp32; empty without a split-KV combine or row sums), filled by
/// fillStats.
HostRows randomStats(const ProjectionSpec &spec, int64_t rows,
                     std::mt19937_64 &rng);

/// The float64 reference of the projection for every row of `x` (read as
/// stored), into y (same shape, packed): y = a (.) (scale H_d x) + b, with a
/// and b (1 x d, may be null) read as stored.
/// With `crossHeadOnly` = head_dim > 0, the transform is the cross-head
/// factor only (ProjectionSpec::crossHeadOnly), on rows that had the
/// orthonormal per-head factor applied: `scale` is still the whole
/// transform's, and the rows get scale * sqrt(head_dim).
void referenceProjection(const HostRows &x, const HostRows *a,
                         const HostRows *b, double scale, bool transpose,
                         std::vector<double> &y, int64_t crossHeadOnly = 0);

/// The same on rows already in `y` (rows x d, packed float64), in place:
/// for an input that a prologue computes (referenceInput).
void referenceProjectionRows(std::vector<double> &y, int64_t d,
                             const HostRows *a, const HostRows *b,
                             double scale, bool transpose,
                             int64_t crossHeadOnly = 0);

/// The rows (rows x d, packed float64) the transform sees for `spec`'s
/// input side: x's rows as stored; for a bhsd input, x (rows x d packed
/// elements, read as [rows / seq, heads, seq, head_dim]) merged; for a
/// split-KV combine, x's spec.splits blocks of rows combined with the lse
/// in `stats` (fp32, splits * rows rows of heads); for a row-sum
/// normalisation, x's rows divided by the sums in `stats` (rows of heads).
std::vector<double> referenceInput(const ProjectionSpec &spec,
                                   const HostRows &x, const HostRows *stats,
                                   int64_t seq, int64_t rows);

/// The fused epilogue's float64 reference, applied to y from
/// referenceProjection: h = y + residual (in place, when `residual`), then
/// with `weight` the norm of h into `normed` (RMSNorm, or LayerNorm with
/// `center`; `bias` may be null), each row as normRow computes it.
void referenceEpilogue(const HostRows *residual, const HostRows *weight,
                       const HostRows *bias, bool center, double eps,
                       std::vector<double> &y, std::vector<double> &normed);

/// max |out - ref| / max |ref| over every element of `out` (NaN if any
/// element of `out` is NaN, so unwritten poisoned elements fail).
double maxRelativeError(const HostRows &out, const std::vector<double> &ref);

} // namespace walsh

#endif // WALSH_RUNTIME_HOSTROWS_H
