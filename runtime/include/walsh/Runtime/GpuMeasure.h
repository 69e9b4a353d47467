//===- GpuMeasure.h - device buffers, checks and timing on a GPU -*- C++ -*-===//
//
// What `walsh run/bench --target cuda` and walsh-gpu share: device buffers
// freed on scope exit, a stream, a kernel checked against the float64
// oracle on fresh random inputs with its output poisoned, and timing with
// CUDA events (median of many after warm-up) or CUDA-graph replay. No MLIR.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_GPUMEASURE_H
#define WALSH_RUNTIME_GPUMEASURE_H

#include "walsh/Runtime/GpuKernel.h"
#include "walsh/Runtime/HostRows.h"

#include <algorithm>
#include <functional>
#include <vector>

namespace walsh::cuda {

/// Device memory freed on scope exit; move-only.
class DeviceBuffer {
public:
  DeviceBuffer() = default;
  DeviceBuffer(DeviceBuffer &&o) noexcept : ptr(o.ptr) { o.ptr = 0; }
  DeviceBuffer &operator=(DeviceBuffer &&o) noexcept;
  ~DeviceBuffer();
  /// Fails naming cuMemAlloc (out of memory, no context).
  static llvm::Expected<DeviceBuffer> allocate(size_t bytes);
  /// Owns `p` (from cuMemAlloc) from now on.
  static DeviceBuffer adopt(CUdeviceptr p) {
    DeviceBuffer b;
    b.ptr = p;
    return b;
  }
  CUdeviceptr get() const { return ptr; }

private:
  CUdeviceptr ptr = 0;
};

/// A non-blocking stream destroyed on scope exit (graphs cannot capture the
/// legacy default stream).
class Stream {
public:
  Stream() = default;
  Stream(Stream &&o) noexcept : s(o.s) { o.s = nullptr; }
  Stream &operator=(Stream &&) = delete;
  ~Stream();
  static llvm::Expected<Stream> create();
  CUstream get() const { return s; }

private:
  CUstream s = nullptr;
};

/// x, y, a and b for `rows` rows of a kernel on the device, `stride`
/// elements apart (0 = d).
struct DeviceRows {
  DeviceBuffer x, y, a, b;
  /// The fused epilogue's (allocated only when the kernel has one): the
  /// residual and normalised output rows, the norm's weight and bias.
  DeviceBuffer residual, normOut, normWeight, normBias;
  /// The prologue's statistics (allocated only with one): the split-KV
  /// combine's log-sum-exp or the row-sum normalisation's sums.
  DeviceBuffer stats;
  /// x's (and a's, b's) element bytes, and y's (the residual's, the
  /// norm's), which differ with an output cast.
  int64_t rows = 0, d = 0, stride = 0, elementBytes = 0, outBytes = 0;
  /// The input side: K partial blocks of x (0: none), a bhsd input's seq
  /// (0: rows layout), heads, row sums.
  int64_t splits = 0, seq = 0, heads = 0;
  bool rowSum = false;
  /// The device memory these buffers hold (allocate's sum).
  size_t allocatedBytes = 0;
  size_t rowsBytes() const { return size_t(rows * stride * elementBytes); }
  /// y's bytes (likewise the residual's and the normalised rows').
  size_t outRowsBytes() const { return size_t(rows * stride * outBytes); }
  /// The bytes a roofline copy of x's rows into y's moves: the rows' d
  /// elements in the narrower type (both buffers hold them), packed, not
  /// the padding between rows a stride past d leaves, which walsh neither
  /// reads nor writes. (Until 2026-12-05 the whole span: `walsh run
  /// --row-stride 139264` of 16384 bf16 rows of 4096 read 27.7 of the
  /// copy roofline, its copy moving 17 times walsh's bytes; H100, run496.)
  size_t copyBytes() const {
    return size_t(rows * d * std::min(elementBytes, outBytes));
  }
  /// x's bytes: the rows, or K blocks of them (split-KV partials).
  size_t xBytes() const { return rowsBytes() * size_t(splits ? splits : 1); }

  /// `seq` (dividing rows) for a bhsd input, whose x is then packed
  /// (stride is y's and the other rows').
  static llvm::Expected<DeviceRows> allocate(const GpuLaunchInfo &info,
                                             int64_t rows, int64_t stride = 0,
                                             int64_t seq = 0);
  /// Copies a and b, fills x by tiling `hx`'s rows (which have this
  /// stride) over it, and poisons y (0xff bytes: NaN in f32, f16 and
  /// bf16), padding included.
  /// The fused epilogue's buffers, those allocated, the same way: the
  /// residual tiled from `hres`, the norm's weight and bias from `hw` and
  /// `hnb`, the normalised output poisoned. Left null: x's rows, a and b
  /// again (for timing, where the values do not matter).
  /// The prologue's statistics are copied from `hstats` (its size), or
  /// left as uploaded before when null.
  llvm::Error upload(const HostRows &hx, const HostRows &ha,
                     const HostRows &hb, const HostRows *hres = nullptr,
                     const HostRows *hw = nullptr,
                     const HostRows *hnb = nullptr,
                     const HostRows *hstats = nullptr);
  /// Launch arguments over these buffers (a and b as the kernel wants).
  GpuRunArgs args(const GpuLaunchInfo &info) const;
};

/// Buffer sets that keep a timing out of the L2 (50 MB on the H200): as
/// many copies of the rows as make 256 MB (1 to 64), each filled by the
/// caller, taken in turn launch by launch, so that no launch finds its
/// rows in the L2 from the ones before. Without them a shape whose rows
/// fit the L2 times the L2 and the launch ramp, not memory: bf16 d = 512
/// at 16384 rows ran 14.1 us against a 11.0 us copy on one buffer set
/// (0.78 of the copy), 17.8 against 16.4 us over rotating sets (0.92;
/// H200, 2026-11-30). `walsh bench`, `walsh run` and `walsh tune` time
/// walsh and the copy roofline this way.
class RotatingRows {
public:
  /// `bytesPerSet`: what one launch moves (ProjectionSpec::rowBytesMoved()
  /// times the rows); `fill` uploads one set.
  static llvm::Expected<RotatingRows>
  allocate(const GpuLaunchInfo &info, int64_t rows, int64_t stride, int64_t seq,
           double bytesPerSet,
           const std::function<llvm::Error(DeviceRows &)> &fill);
  /// Sets of random rows for timing `info`'s kernel: x tiled from 256
  /// random rows, random a, b and prologue statistics, the epilogue's
  /// buffers filled from them (DeviceRows::upload; values do not matter
  /// for a timing), y poisoned; as many sets as `rows` call for.
  static llvm::Expected<RotatingRows> random(const GpuLaunchInfo &info,
                                             int64_t rows, int64_t stride = 0,
                                             int64_t seq = 0,
                                             uint64_t seed = 0);
  /// The sets for `bytesPerSet`, no more than kRotationBytes of device
  /// memory holds at `allocatedPerSet` bytes a set (0: unbounded): a row
  /// stride far past d allocates padding walsh never touches, so that a
  /// few decode rows 2^30 elements apart would ask for 64 sets of 8.6 GB
  /// (cuMemAlloc's CUDA_ERROR_OUT_OF_MEMORY on an 80 GB H100, run496).
  static int copiesFor(double bytesPerSet, double allocatedPerSet = 0);
  /// What the sets after the first may hold in all: 2 GiB, over the 256 to
  /// 512 MB that packed rows' sets take.
  static constexpr double kRotationBytes = 0x1p31;
  /// The next set, cycling.
  const DeviceRows &next() { return sets[turn++ % sets.size()]; }
  size_t size() const { return sets.size(); }

private:
  std::vector<DeviceRows> sets;
  size_t turn = 0;
};

/// One roofline copy over `rows`' next set: its x's rows into its y
/// (DeviceRows::copyBytes), on `stream`.
llvm::Error copyRows(RotatingRows &rows, CUstream stream);

/// Runs `kernel` once on `rows` fresh random rows `stride` elements apart
/// (output poisoned first) and returns the largest relative error of any
/// element against the float64 oracle. Fails if the kernel wrote into the
/// padding between rows. `dev` receives the buffers (x random, y the
/// output) when given, for timing on them afterwards. `seq`: a bhsd
/// input's (0: defaultSeq(rows)). `inputScale` multiplies x's, b's and
/// the residual's standard normal values, so y scales with it (rows of
/// small or large values).
llvm::Expected<double> checkAgainstOracle(const GpuKernel &kernel,
                                          double scale, bool transpose,
                                          int64_t rows, int64_t stride,
                                          CUstream stream,
                                          DeviceRows *dev = nullptr,
                                          int64_t seq = 0,
                                          double inputScale = 1.0);

/// Median microseconds of one call of `fn` on `stream`, between CUDA
/// events, over `iters` calls after `warmup` untimed ones.
llvm::Expected<double> timeEvents(const std::function<llvm::Error()> &fn,
                                  CUstream stream, int iters, int warmup = 3);

/// Median microseconds per call of `fn` on `stream` between CUDA events,
/// with the number of calls chosen to fill about `seconds` (5 to 200).
llvm::Expected<double> timeAdaptive(const std::function<llvm::Error()> &fn,
                                    CUstream stream, double seconds = 0.25,
                                    int maxIters = 200);

/// About `seconds` of untimed calls of `fn` queued on `stream` (their
/// count from one timed call), so that a timing after them sees the
/// device's sustained clocks. A kernel that draws the board to its power
/// limit (700 W on the H200) runs at full clock for a fraction of a second,
/// then at a capped one: bf16 d = 16384 at 65536 rows took 1180-1190 us a
/// call timed over 25-50 calls and 1235-1247 over 200-800, the SM clock
/// down from 1980 MHz to 1410-1875 (SW power cap; run267, run268), where a
/// copy of the same bytes did not slow. Nothing for `seconds` <= 0.
llvm::Error sustain(const std::function<llvm::Error()> &fn, CUstream stream,
                    double seconds);
/// What is wrong with `seconds` as the tools' --sustain ("expects seconds
/// from 0 to 60, got -1"), or "" when it is from 0 to 60.
std::string sustainRangeError(double seconds);

/// timeAdaptive's 0.25 s without `sustainSeconds`; with it, sustain() for
/// that long, then the median of the calls of as long again (at least 0.25
/// s, up to 100000 calls): under the power cap the clock swings over
/// tenths of a second (1410 to 1980 MHz within 0.4 s, run268), so that 200
/// calls of a short kernel could fall in one trough.
llvm::Expected<double> timeSustained(const std::function<llvm::Error()> &fn,
                                     CUstream stream, double sustainSeconds);

/// Microseconds per call of `fn` replayed from a CUDA graph: `fn` is
/// captured `callsPerGraph` times into one graph, and the median replay
/// (of `iters`) divided by `callsPerGraph`. The decode-time figure: launch
/// overhead is what graph replay removes.
llvm::Expected<double> timeGraph(const std::function<llvm::Error()> &fn,
                                 CUstream stream, int callsPerGraph,
                                 int iters);

/// The calls a decode-time graph captures, in `walsh bench`, `walsh run`
/// and `walsh tune` alike: more than the rotating sets (at most 64), so a
/// replay cycles through every set. With 20 the tuner's graph reused 20 sets
/// that the L2 held (fp32 d = 8192, 16 rows: 3.27 us a call against `walsh
/// bench`'s 3.64-3.68 over all 64; H200, 2026-12-01, run190).
constexpr int kDecodeGraphCalls = 100;

/// A device's name, SM count, compute capability and driver version.
struct DeviceInfo {
  std::string name;
  int ordinal = 0, smCount = 0, major = 0, minor = 0, driverVersion = 0;
  /// The architecture to compile for, e.g. "sm_90".
  std::string chip() const {
    return "sm_" + std::to_string(major) + std::to_string(minor);
  }
};
/// Device `ordinal`'s, its primary context made current (the tools'
/// device: `--device`, 0 by default).
llvm::Expected<DeviceInfo> deviceInfo(int ordinal = 0);
/// deviceInfo for a tool's `--device ordinal`, its errors naming the
/// option ("--device: expects a CUDA device ordinal >= 0, got -1",
/// "--device: CUDA device 2: the driver has 2 devices (...)"); without a
/// driver or device its NoGpuError as it is. One check for walsh and
/// walsh-gpu.
llvm::Expected<DeviceInfo> deviceOption(int ordinal);
/// Device `ordinal`'s, the current context left as it was.
llvm::Expected<DeviceInfo> describeDevice(int ordinal);
/// The current device's (currentDevice()), the current context left as it
/// was: what the C API compiles for.
llvm::Expected<DeviceInfo> currentDeviceInfo();

} // namespace walsh::cuda

#endif // WALSH_RUNTIME_GPUMEASURE_H
