//===- CudaCommands.h - the --target cuda halves of run and bench -*- C++ -*-===//
#ifndef WALSH_TOOLS_WALSH_CUDACOMMANDS_H
#define WALSH_TOOLS_WALSH_CUDACOMMANDS_H

#include "walsh/Builder/ProjectionSpec.h"

#include <functional>
#include <vector>

#include "llvm/Support/Error.h"

namespace llvm::cl {
class Option;
}

namespace walsh::cuda {
struct DeviceInfo;
struct CUstream_st;
}

namespace walsh::cli {

/// The CUDA device of `--device` (run, bench, tune; 0 by default), its
/// primary context made current for the rest of the command, so that its
/// buffers, launches, cuBLAS and the tuner's measurements are there.
/// Errors name the option: "--target cuda: no GPU: ..." without a driver or
/// device ("no GPU: ..." without `nameTarget`, for commands that take no
/// --target), "--device: ..." for a negative ordinal or one the driver
/// lacks.
llvm::Expected<cuda::DeviceInfo> selectedDevice(bool nameTarget = true);
/// Reports selectedDevice()'s error (or another with no GPU behind it) for
/// `command`: exit code 1 where there is no GPU (the machine, as for any
/// failure past the arguments), 2 for a bad --device.
int deviceError(const char *command, llvm::Error e);
/// Whether `--device` was given (refused with --target cpu).
bool deviceGiven();

/// `--sustain` (run, bench, tune): refused by name with --target cpu or outside
/// 0 ... 60 seconds.
llvm::Error checkSustain(bool cuda);
/// `--sustain`'s seconds (0 unless given).
double sustainSeconds();
/// The `--sustain` option itself, for firstGiven() (`walsh tune --list`
/// refuses it with the sweep's options).
const llvm::cl::Option &sustainOption();
/// `fn` timed as `walsh run` and `walsh bench` time: cuda::timeSustained
/// with `--sustain`'s seconds.
llvm::Expected<double> timeSustained(const std::function<llvm::Error()> &fn,
                                     cuda::CUstream_st *stream);

/// `walsh run --target cuda`: compile, load, optionally check every element
/// against the oracle, time against a device-to-device copy (and with
/// CUDA-graph replay for rows <= 64).
/// `configSource` says where `config` came from (explicit, db-exact,
/// db-nearest, tuned, default), `configFrom` the tuning database's bucket it
/// came from (empty: none). `device`: selectedDevice()'s, which the
/// caller asked for already (null where it failed: then asked again here,
/// for the error).
int runRunCuda(const ProjectionSpec &spec, const GpuConfig &config,
               const std::string &configSource, const std::string &configFrom,
               int64_t rows, int64_t rowStride, bool check, double inputScale,
               bool json, const cuda::DeviceInfo *device);

/// `walsh bench --target cuda`: for every dtype × d × rows (and decode
/// rows, also under CUDA-graph replay): walsh vs a device-to-device copy
/// vs the dense bf16 projection through cuBLAS (when `dense`). `epilogue`
/// carries the fused epilogue every kernel gets (its residual, norm and
/// eps; the rest of it is ignored).
int runBenchCuda(const std::vector<DType> &dtypes,
                 const std::vector<int64_t> &sizes,
                 const std::vector<int64_t> &rowsList,
                 const std::vector<int64_t> &decodeRows, bool dense,
                 bool json, const ProjectionSpec &epilogue);

/// `walsh bench --cache`: cold compile, disk hit, memory hit, lookup and
/// launch overhead of the JIT itself.
int runBenchCache(bool json);

} // namespace walsh::cli

#endif // WALSH_TOOLS_WALSH_CUDACOMMANDS_H
