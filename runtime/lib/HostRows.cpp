//===- HostRows.cpp - rows of a dtype in host memory -----------------------===//
#include "walsh/Runtime/HostRows.h"

#include "walsh/Hadamard/Reference.h"
#include "walsh/Runtime/HostFloat.h"
#include "walsh/Runtime/ThreadPool.h"
#include "walsh/Support/NumberText.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>

#include <sys/resource.h>
#include <unistd.h>

namespace walsh {

/// fn(first, last, part) for `parts` blocks of rows [0, n), across a pool
/// of as many threads (the caller's alone for one part, or where the
/// system refuses the threads: the same blocks in turn, not an abort).
static void
inRowBlocks(int64_t n, int64_t parts,
            const std::function<void(int64_t, int64_t, int64_t)> &fn) {
  auto block = [&](int64_t i) { fn(n * i / parts, n * (i + 1) / parts, i); };
  if (parts <= 1) {
    fn(0, n, 0);
    return;
  }
  auto pool = ThreadPool::create(int(parts));
  if (!pool) {
    llvm::consumeError(pool.takeError());
    for (int64_t i = 0; i < parts; ++i)
      block(i);
    return;
  }
  (*pool)->parallelFor(int(parts), [&](int i) { block(i); });
}

double cgroupMemoryLimit(const std::string &procCgroup,
                         const std::string &cgroupRoot) {
  std::FILE *f = std::fopen(procCgroup.c_str(), "r");
  if (!f)
    return 0;
  std::string v2, v1;
  bool hasV1 = false;
  char line[4096];
  while (std::fgets(line, sizeof line, f)) {
    std::string l(line);
    if (!l.empty() && l.back() == '\n')
      l.pop_back();
    if (l.rfind("0::", 0) == 0) {
      v2 = l.substr(3);
    } else if (size_t at = l.find(":memory:"); at != std::string::npos) {
      v1 = l.substr(at + 8);
      hasV1 = true;
    }
  }
  std::fclose(f);
  auto readNumber = [](const std::string &file) -> double {
    std::FILE *g = std::fopen(file.c_str(), "r");
    if (!g)
      return 0;
    char text[64] = {0};
    bool read = std::fgets(text, sizeof text, g) != nullptr;
    std::fclose(g);
    char *end = text;
    double value = read ? std::strtod(text, &end) : 0;
    // "max" (v2) is no limit; v1 writes "no limit" as a number near 2^63.
    return end != text && value > 0 && value < 4e18 ? value : 0;
  };
  double limit = 0;
  auto lower = [&](double value) {
    if (value && (!limit || value < limit))
      limit = value;
  };
  // From the process's group up to the root: a limit anywhere above it
  // holds too. In a container the file system shows the container's group
  // as the root while /proc names the host's path: the root's file counts
  // then, and the path's files do not exist.
  auto walk = [&](std::string path, const std::string &dir, const char *file) {
    for (;;) {
      lower(readNumber(dir + (path == "/" ? "" : path) + "/" + file));
      size_t slash = path.find_last_of('/');
      if (path.empty() || path == "/" || slash == std::string::npos)
        break;
      path = slash == 0 ? "/" : path.substr(0, slash);
    }
  };
  if (hasV1) // hybrid hierarchies keep the memory controller in v1
    walk(v1.empty() ? "/" : v1, cgroupRoot + "/memory",
         "memory.limit_in_bytes");
  else if (!v2.empty())
    walk(v2, cgroupRoot, "memory.max");
  return limit;
}

double procStatusBytes(const char *field, const std::string &statusFile) {
  std::FILE *f = std::fopen(statusFile.c_str(), "r");
  if (!f)
    return 0;
  size_t n = std::strlen(field);
  double bytes = 0;
  char line[256];
  while (std::fgets(line, sizeof line, f))
    if (std::strncmp(line, field, n) == 0 && line[n] == ':') {
      char *end = line + n + 1;
      double kb = std::strtod(end, &end);
      bytes = end != line + n + 1 && kb > 0 ? kb * 1024 : 0;
      break;
    }
  std::fclose(f);
  return bytes;
}

HostMemory hostMemory() {
  long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
  HostMemory memory;
  memory.bytes = pages > 0 && size > 0 ? double(pages) * double(size) : 0;
  memory.what = "this machine's";
  auto lower = [&](double bytes, const std::string &what) {
    if (bytes > 0 && (!memory.bytes || bytes < memory.bytes)) {
      memory.bytes = bytes;
      memory.what = what;
    }
  };
  lower(cgroupMemoryLimit(), "the memory its cgroup allows this process,");
  // `ulimit -v` and `-d` bound all the process maps, not its new buffers
  // alone: libLLVM's and libwalsh's mappings, thread stacks and malloc's
  // arenas count too (a few hundred MB of address space: until 2026-12-06
  // buffers sized to three quarters of the whole limit still ended in
  // LLVM's "out of memory" abort under `ulimit -v 700000`). What is left
  // of each is the bound.
  auto left = [&](int resource, const char *field, const char *option,
                  const char *of) {
    struct rlimit limit;
    if (getrlimit(resource, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
      return;
    double cap = double(limit.rlim_cur), used = procStatusBytes(field);
    std::string what = std::string("the ") + of +
                       " this process has left under " + option + " (" +
                       fixedText(cap / 1e9, 1) + " GB less " +
                       fixedText(used / 1e9, 1) + " GB in use),";
    // Less than a page left is none: a refusal, never "no bound".
    lower(std::max(cap - used, 4096.0), what);
  };
  left(RLIMIT_DATA, "VmData", "ulimit -d", "data size");
  left(RLIMIT_AS, "VmSize", "ulimit -v", "address space");
  return memory;
}

std::optional<std::string> beyondHostMemory(double bytes) {
  return beyondHostMemory(bytes, hostMemory());
}

std::optional<std::string> beyondHostMemory(double bytes,
                                            const HostMemory &memory) {
  if (!memory.bytes || bytes <= memory.bytes * 3 / 4)
    return std::nullopt;
  return "more than three quarters of " + memory.what + " " +
         fixedText(memory.bytes / 1e9, 1) + " GB";
}

namespace {
/// std::bad_alloc with the size that failed: what the tools' handler says
/// (walsh::catchingOutOfMemory), and what the C API's catch returns to an
/// embedding host, which it must not abort.
class HostAllocationFailed : public std::bad_alloc {
public:
  explicit HostAllocationFailed(double bytes) {
    // (No allocation here: the C locale's digits into the buffer.)
    static const char tail[] = " GB of host rows";
    char *end =
        fixedText(bytes / 1e9, 2, text, text + sizeof text - sizeof tail);
    std::memcpy(end, tail, sizeof tail);
  }
  const char *what() const noexcept override { return text; }

private:
  char text[64];
};
} // namespace

/// rows * stride elements of `elementBytes`, 64-byte aligned. A count past
/// kMaxRowSpanBytes (or negative) is refused as memory no host has, before
/// its product could wrap in 64 bits to a small buffer the rows then run
/// past (until 2026-12-06 three rows 2^62 elements apart allocated 64
/// bytes).
static uint8_t *allocate(int64_t rows, int64_t stride, int64_t elementBytes) {
  double bytes = double(rows) * double(stride) * double(elementBytes);
  if (rows < 0 || stride < 0 || bytes > kMaxRowSpanBytes)
    throw HostAllocationFailed(bytes);
  size_t size = (size_t(bytes) + 63) / 64 * 64;
  void *p = std::aligned_alloc(64, size ? size : 64);
  if (!p) // as operator new: callers size their buffers to memory first
    throw HostAllocationFailed(bytes);
  return static_cast<uint8_t *>(p);
}

HostRows::HostRows(DType dtype, int64_t rows, int64_t d, int64_t stride)
    : type(dtype), nRows(rows), d(d), rowStride(stride ? stride : d),
      storage(allocate(rows, stride ? stride : d, dtypeBytes(dtype)),
              std::free) {}

int64_t HostRows::payloadBytes() const {
  return nRows * d * dtypeBytes(type);
}

double HostRows::at(int64_t r, int64_t c) const {
  int64_t i = r * rowStride + c;
  switch (type) {
  case DType::F32:
    return reinterpret_cast<const float *>(storage.get())[i];
  case DType::F16:
    return f16ToFloat(reinterpret_cast<const uint16_t *>(storage.get())[i]);
  case DType::BF16:
    return bf16ToFloat(reinterpret_cast<const uint16_t *>(storage.get())[i]);
  }
  return 0;
}

void HostRows::set(int64_t r, int64_t c, double v) {
  int64_t i = r * rowStride + c;
  switch (type) {
  case DType::F32:
    reinterpret_cast<float *>(storage.get())[i] = float(v);
    return;
  case DType::F16:
    reinterpret_cast<uint16_t *>(storage.get())[i] = floatToF16(float(v));
    return;
  case DType::BF16:
    reinterpret_cast<uint16_t *>(storage.get())[i] = floatToBF16(float(v));
    return;
  }
}

bool HostRows::scale(double s) {
  bool finite = true;
  for (int64_t r = 0; r < nRows; ++r)
    for (int64_t c = 0; c < d; ++c) {
      set(r, c, at(r, c) * s);
      finite = finite && std::isfinite(at(r, c));
    }
  return finite;
}

void HostRows::fillRandom(std::mt19937_64 &rng) {
  auto fill = [&](int64_t begin, int64_t end, std::mt19937_64 &g) {
    std::normal_distribution<float> normal;
    for (int64_t r = begin; r < end; ++r)
      for (int64_t c = 0; c < d; ++c)
        set(r, c, normal(g));
  };
  // Past 2^22 values, blocks of rows across the host's threads, each from
  // its own generator seeded by `rng` (the same seed, the same rows): a
  // check of 65536 rows of d = 6656 drew 436 million values on one core.
  int64_t parts =
      std::min<int64_t>(ThreadPool::hardwareThreads(), nRows * d >> 22);
  if (parts <= 1) {
    fill(0, nRows, rng);
    return;
  }
  std::vector<std::mt19937_64> gens;
  for (int64_t t = 0; t < parts; ++t)
    gens.emplace_back(rng());
  inRowBlocks(nRows, parts, [&](int64_t first, int64_t last, int64_t part) {
    fill(first, last, gens[size_t(part)]);
  });
}

void fillStats(const ProjectionSpec &spec, HostRows &stats,
               std::mt19937_64 &rng) {
  std::uniform_real_distribution<float> uniform(spec.rowSum ? 1.0f : -4.0f,
                                                spec.rowSum ? 50.0f : 4.0f);
  for (int64_t r = 0; r < stats.rows(); ++r)
    for (int64_t c = 0; c < stats.rowLength(); ++c)
      stats.set(r, c, uniform(rng));
}

HostRows randomStats(const ProjectionSpec &spec, int64_t rows,
                     std::mt19937_64 &rng) {
  HostRows stats(DType::F32, (spec.splits ? spec.splits : spec.rowSum) * rows,
                 spec.headDim ? spec.d / spec.headDim : 0);
  fillStats(spec, stats, rng);
  return stats;
}

void HostRows::poison() {
  double nan = std::numeric_limits<double>::quiet_NaN();
  for (int64_t r = 0; r < nRows; ++r)
    for (int64_t c = 0; c < rowStride; ++c)
      set(r, c, nan);
}

void referenceProjection(const HostRows &x, const HostRows *a,
                         const HostRows *b, double scale, bool transpose,
                         std::vector<double> &y, int64_t crossHeadOnly) {
  int64_t d = x.rowLength();
  y.resize(size_t(x.rows() * d));
  for (int64_t r = 0; r < x.rows(); ++r)
    for (int64_t c = 0; c < d; ++c)
      y[size_t(r * d + c)] = x.at(r, c);
  referenceProjectionRows(y, d, a, b, scale, transpose, crossHeadOnly);
}

std::vector<double> referenceInput(const ProjectionSpec &spec,
                                   const HostRows &x, const HostRows *lse,
                                   int64_t seq, int64_t rows) {
  if (spec.rowSum) {
    std::vector<double> in(size_t(rows * spec.d));
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < spec.d; ++c)
        in[size_t(r * spec.d + c)] = x.at(r, c) / lse->at(r, c / spec.headDim);
    return in;
  }
  int64_t d = spec.d;
  std::vector<double> in(size_t(rows * d));
  if (spec.layout == Layout::BHSD) {
    std::vector<double> raw(size_t(rows * d));
    for (int64_t i = 0; i < rows * d; ++i)
      raw[size_t(i)] = x.at(i / x.rowLength(), i % x.rowLength());
    mergeHeads(raw.data(), rows / seq, d / spec.headDim, seq, spec.headDim,
               in.data());
    return in;
  }
  if (!spec.splits) {
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < d; ++c)
        in[size_t(r * d + c)] = x.at(r, c);
    return in;
  }
  int64_t k = spec.splits, heads = d / spec.headDim;
  std::vector<double> parts(size_t(k * d)), l(size_t(k * heads));
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t j = 0; j < k; ++j) {
      for (int64_t c = 0; c < d; ++c)
        parts[size_t(j * d + c)] = x.at(j * rows + r, c);
      for (int64_t h = 0; h < heads; ++h)
        l[size_t(j * heads + h)] = lse->at(j * rows + r, h);
    }
    combineSplitsRow(parts.data(), d, l.data(), heads, k, d, spec.headDim,
                     &in[size_t(r * d)]);
  }
  return in;
}

void referenceProjectionRows(std::vector<double> &y, int64_t d,
                             const HostRows *a, const HostRows *b,
                             double scale, bool transpose,
                             int64_t crossHeadOnly) {
  Factorization f = *factorize(d);
  auto project = [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      double *row = &y[size_t(r * d)];
      // The cross-head factor carries the whole transform's scale times
      // sqrt(head_dim): the per-head factor upstream was orthonormal.
      fastTransform(f, row,
                    crossHeadOnly > 0 ? scale * std::sqrt(double(crossHeadOnly))
                                      : scale,
                    transpose, crossHeadOnly);
      for (int64_t c = 0; c < d; ++c) {
        if (a)
          row[c] *= a->at(0, c);
        if (b)
          row[c] += b->at(0, c);
      }
    }
  };
  // The rows are independent: across the host's threads, a block of at
  // least 64 rows each (`walsh run --target cuda --check` of 65536 rows of
  // f16 d = 6656 spent 69 s in this on one core of the H200's host).
  int64_t rows = int64_t(y.size()) / d;
  inRowBlocks(
      rows, std::min<int64_t>(ThreadPool::hardwareThreads(), rows / 64),
      [&](int64_t first, int64_t last, int64_t) { project(first, last); });
}

void referenceEpilogue(const HostRows *residual, const HostRows *weight,
                       const HostRows *bias, bool center, double eps,
                       std::vector<double> &y, std::vector<double> &normed) {
  if (!residual && !weight)
    return;
  int64_t d = (residual ? residual : weight)->rowLength();
  int64_t rows = int64_t(y.size()) / d;
  if (residual)
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < d; ++c)
        y[size_t(r * d + c)] += residual->at(r, c);
  if (!weight)
    return;
  std::vector<double> w(static_cast<size_t>(d)), b(static_cast<size_t>(d));
  for (int64_t c = 0; c < d; ++c) {
    w[size_t(c)] = weight->at(0, c);
    b[size_t(c)] = bias ? bias->at(0, c) : 0.0;
  }
  normed.resize(y.size());
  for (int64_t r = 0; r < rows; ++r)
    normRow(&y[size_t(r * d)], d, w.data(), bias ? b.data() : nullptr, center,
            eps, &normed[size_t(r * d)]);
}

double maxRelativeError(const HostRows &out, const std::vector<double> &ref) {
  double maxErr = 0, maxRef = 0;
  int64_t d = out.rowLength();
  for (int64_t r = 0; r < out.rows(); ++r)
    for (int64_t c = 0; c < d; ++c) {
      double v = out.at(r, c), w = ref[size_t(r * d + c)];
      if (std::isnan(v))
        return std::numeric_limits<double>::quiet_NaN();
      maxErr = std::max(maxErr, std::abs(v - w));
      maxRef = std::max(maxRef, std::abs(w));
    }
  return maxRef == 0 ? (maxErr == 0 ? 0 : INFINITY) : maxErr / maxRef;
}

} // namespace walsh
