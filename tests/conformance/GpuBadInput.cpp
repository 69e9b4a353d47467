//===- GpuBadInput.cpp - GPU launch errors that need no GPU
//----------------===//
//
// The launcher's argument checks that run before the driver is touched, and
// the "no GPU" answer of a machine without a driver, by their text. (What
// the runtime says to a driver's answers, device pointers included, is
// tested against a stand-in driver: tests/fakecuda.)
//
//===----------------------------------------------------------------------===//
#include "TestSupport.h"

#include "walsh/Runtime/GpuKernel.h"
#include "walsh/Runtime/GpuMeasure.h"
#include "walsh/Target/NVPTX/GpuCompiler.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <dlfcn.h>
#include <optional>

using namespace walsh;

namespace {
/// A bf16 kernel of d = 64 with a and b, 16-byte rows (8 bf16 lanes), and
/// `out` its output cast.
GpuLaunchInfo bf16Launch(std::optional<DType> out = std::nullopt) {
  GpuLaunchInfo info;
  info.spec.d = 64;
  info.spec.dtype = DType::BF16;
  info.spec.outDtype = out;
  info.rowAlignment = 16;
  return info;
}
/// Four rows; x, y, a and b at 1, 2, 3 and 4 times `spacing` (fake device
/// addresses: nothing is launched).
GpuRunArgs fourRows(uint64_t spacing) {
  GpuRunArgs args;
  args.x = spacing;
  args.y = 2 * spacing;
  args.a = 3 * spacing;
  args.b = 4 * spacing;
  args.rows = 4;
  return args;
}
/// Whether libcuda loads here (the no-GPU answers are then not checked).
bool hasDriver() {
  void *lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (lib)
    dlclose(lib);
  return lib != nullptr;
}
} // namespace

TEST_CASE("GPU launch arguments are checked by name", "[gpu][errors]") {
  GpuLaunchInfo info = bf16Launch();
  GpuRunArgs args = fourRows(0x1000);
  CHECK(test::errorText(validateGpuArgs(info, args)) == "");

  GpuRunArgs bad = args;
  bad.rows = -1;
  CHECK(test::errorText(validateGpuArgs(info, bad)) ==
        "rows: expects a count >= 0, got -1");
  bad = args;
  bad.rows = int64_t(1) << 50; // 2^57 bytes of x: no device's
  CHECK(test::errorText(validateGpuArgs(info, bad)) ==
        "rows: 1125899906842624 rows span more than 2^48 bytes of a buffer; "
        "no device holds them");
  bad = fourRows(uint64_t(1) << 48); // buffers 2^48 bytes apart
  bad.rows = int64_t(1) << 40; // 2^47 bytes: past the check, to the next
  CHECK(test::errorText(validateGpuArgs(info, bad)) == "");
  bad = args;
  bad.a = 0;
  CHECK(test::errorText(validateGpuArgs(info, bad)) ==
        "a: the kernel was compiled with a multiplier; got null");
  bad = args;
  bad.xRowStride = 32;
  CHECK(test::errorText(validateGpuArgs(info, bad)) ==
        "x_row_stride: expects at least d = 64 elements, got 32");
  bad = args;
  bad.yRowStride = 68; // 136 bytes: rows would not stay 16-byte aligned
  CHECK(test::errorText(validateGpuArgs(info, bad)) ==
        "y_row_stride: expects a multiple of 8 elements (rows aligned to 16 "
        "bytes), got 68");
  // y over x: x itself with x's row stride (in place), or apart. Any other
  // overlap races (another block's row); until 2026-12-06 only an output
  // cast's was refused here.
  bad = args;
  bad.y = bad.x;
  CHECK(test::errorText(validateGpuArgs(info, bad)) == "");
  bad.y = bad.x + 128; // one row into x
  CHECK(test::errorText(validateGpuArgs(info, bad)) ==
        "y: overlaps x without being the same buffer with the same row "
        "stride");
  bad.y = bad.x;
  bad.yRowStride = 128;
  CHECK(test::errorText(validateGpuArgs(info, bad)) ==
        "y: overlaps x without being the same buffer with the same row "
        "stride");
  // Rows written over a vector every row reads.
  bad = args;
  bad.a = bad.y + 3 * 128; // y's last row
  CHECK(test::errorText(validateGpuArgs(info, bad)) ==
        "y: overlaps a (every row reads a while rows of y are written: they "
        "need memory apart)");
  bad = args;
  bad.b = bad.y + 4 * 128; // just past y's rows
  CHECK(test::errorText(validateGpuArgs(info, bad)) == "");
  GpuLaunchInfo noAffine = info;
  noAffine.spec.withMul = noAffine.spec.withAdd = false;
  bad = args;
  bad.a = 0;
  CHECK(test::errorText(validateGpuArgs(noAffine, bad)) ==
        "b: the kernel was compiled without a bias; pass null");

  // The fused epilogue's buffers: presence, strides, overlaps.
  GpuLaunchInfo fused = info;
  fused.spec.residual = true;
  fused.spec.norm = NormKind::RMS;
  GpuRunArgs f = args;
  f.residual = 0x5000;
  f.normOut = 0x6000;
  f.normWeight = 0x7000;
  CHECK(test::errorText(validateGpuArgs(fused, f)) == "");
  bad = f;
  bad.residual = bad.y; // in place: allowed
  CHECK(test::errorText(validateGpuArgs(fused, bad)) == "");
  bad = f;
  bad.normWeight = 0;
  CHECK(test::errorText(validateGpuArgs(fused, bad)) ==
        "norm_weight: the kernel was compiled with a norm; got null");
  bad = f;
  bad.normBias = 0x8000;
  CHECK(test::errorText(validateGpuArgs(fused, bad)) ==
        "norm_bias: the kernel was compiled without a LayerNorm bias; pass "
        "null");
  bad = f;
  bad.normOut = bad.y + 128; // inside y's rows
  CHECK(test::errorText(validateGpuArgs(fused, bad)) ==
        "norm_out: overlaps y (the normalised rows need a buffer of their "
        "own)");
  bad = f;
  bad.normWeight = bad.normOut + 64;
  CHECK(test::errorText(validateGpuArgs(fused, bad)) ==
        "norm_out: overlaps norm_weight (every row reads norm_weight while "
        "rows of norm_out are written: they need memory apart)");
  bad = f;
  bad.residual = bad.y + 64;
  CHECK(test::errorText(validateGpuArgs(fused, bad)) ==
        "residual: overlaps y without being y with the same row stride (the "
        "in-place update of the residual stream)");
  bad = f;
  bad.residualRowStride = 8;
  CHECK(test::errorText(validateGpuArgs(fused, bad)) ==
        "residual_row_stride: expects at least d = 64 elements, got 8");
  bad = f;
  bad.normOutRowStride = 68;
  CHECK(test::errorText(validateGpuArgs(fused, bad)) ==
        "norm_out_row_stride: expects a multiple of 8 elements (rows aligned "
        "to 16 bytes), got 68");
  // A stride of a buffer the kernel does not take is not looked at.
  bad = args;
  bad.normOutRowStride = 3;
  CHECK(test::errorText(validateGpuArgs(info, bad)) == "");
  CHECK(test::errorText(validateGpuArgs(info, f)) ==
        "residual: the kernel was compiled without a residual; pass null");

  // The prologue's: a bhsd input's seq and packing, the split-KV lse.
  GpuLaunchInfo bhsd = info;
  bhsd.spec.layout = Layout::BHSD;
  bhsd.spec.headDim = 16;
  GpuRunArgs p = args;
  p.seq = 2;
  CHECK(test::errorText(validateGpuArgs(bhsd, p)) == "");
  bad = p;
  bad.y = bad.x; // the rows' layout is not x's: no in place
  CHECK(test::errorText(validateGpuArgs(bhsd, bad)) ==
        "y: overlaps x without being the same buffer with the same row "
        "stride");
  bad = p;
  bad.seq = 3;
  CHECK(test::errorText(validateGpuArgs(bhsd, bad)) ==
        "seq: expects a positive count dividing rows = 4 (a bhsd input has "
        "rows = batch * seq), got 3");
  bad = p;
  bad.xRowStride = 64;
  CHECK(test::errorText(validateGpuArgs(bhsd, bad)) ==
        "x_row_stride: a bhsd input is packed [batch, heads, seq, head_dim]; "
        "expects 0, got 64");
  GpuLaunchInfo kv = info;
  kv.spec.splits = 4;
  kv.spec.headDim = 16;
  GpuRunArgs q = args;
  q.lse = 0x9000;
  CHECK(test::errorText(validateGpuArgs(kv, q)) == "");
  bad = q;
  bad.lse = 0;
  CHECK(test::errorText(validateGpuArgs(kv, bad)) ==
        "lse: the kernel combines 4 split-KV partials; expects their "
        "log-sum-exp (fp32 [splits, rows, heads]), got null");
  bad = q;
  bad.lse = bad.y + 256;
  CHECK(test::errorText(validateGpuArgs(kv, bad)) ==
        "y: overlaps lse (every row reads lse while rows of y are written: "
        "they need memory apart)");
  // The partials span 4 blocks of rows: y just past the first overlaps.
  GpuLaunchInfo kvNorm = kv;
  kvNorm.spec.norm = NormKind::RMS;
  bad = q;
  bad.normWeight = 0x7000;
  bad.normOut = bad.x + 4 * 64 * 2;
  CHECK(test::errorText(validateGpuArgs(kvNorm, bad)) ==
        "norm_out: overlaps x (the normalised rows need a buffer of their "
        "own)");
  CHECK(test::errorText(validateGpuArgs(info, q)) ==
        "lse: the kernel was compiled without a split-KV combine; pass null");
}

TEST_CASE("without a driver, loading a GPU kernel says there is no GPU",
          "[gpu][errors]") {
  if (hasDriver()) {
    WARN("skipped: this machine has a CUDA driver");
    return;
  }
  GpuLaunchInfo info;
  info.spec.d = 64;
  auto kernel = GpuKernel::load(".version 8.0\n", info);
  bool failed = !kernel;
  REQUIRE(failed);
  CHECK_THAT(llvm::toString(kernel.takeError()),
             Catch::StartsWith("no GPU: cannot load libcuda.so.1"));
}

TEST_CASE("launching an empty GpuKernel is an error, not a crash",
          "[gpu][errors]") {
  GpuKernel empty;
  GpuRunArgs args;
  args.rows = 4;
  CHECK(test::errorText(empty.launch(args, nullptr)) ==
        "kernel: expects a kernel from GpuKernel::load, got an empty one");
}

TEST_CASE("GPU launch arguments of an output cast are checked by name",
          "[gpu][errors][cast]") {
  GpuLaunchInfo info = bf16Launch(DType::F32);
  GpuRunArgs args = fourRows(0x10000);
  CHECK(test::errorText(validateGpuArgs(info, args)) == "");
  // y's rows are f32: 8-element vectors of 32 bytes.
  GpuRunArgs bad = args;
  bad.yRowStride = 68;
  CHECK(test::errorText(validateGpuArgs(info, bad)) ==
        "y_row_stride: expects a multiple of 8 elements (rows aligned to 32 "
        "bytes), got 68");
  // In place would race: y's rows are twice x's bytes.
  bad = args;
  bad.y = args.x + 256;
  CHECK(test::errorText(validateGpuArgs(info, bad)) ==
        "y: overlaps x (an output cast writes another type: y needs a buffer "
        "of its own)");
}

TEST_CASE("a kernel with row groups launches at most the blocks the device "
          "holds",
          "[gpu]") {
  GpuLaunchInfo info = bf16Launch();
  info.rowsPerBlock = 8; // two rows a group, four groups a block
  info.rowIters = 4;
  CHECK(launchGrid(info, 16384, 0) == 2048);
  // 2048 blocks are 5.2 waves of 396: the last leaves 14% of them idle
  // for a block's time, 2.7% of the kernel; capped, 8192 groups are 20.7
  // a block, 21 for some: 1.4%.
  CHECK(launchGrid(info, 16384, 396) == 396);
  CHECK(launchGrid(info, 16384, 396, 3) == 3);
  // 8192 blocks, 20.7 waves: 0.07% against 0.4%, launched as they are.
  CHECK(launchGrid(info, 65536, 396) == 8192);
  CHECK(launchGrid(info, 65536, 396, 3) == 3);
  // 6 waves exactly, and one wave already.
  CHECK(launchGrid(info, 6 * 396 * 8, 396) == 6 * 396);
  CHECK(launchGrid(info, 1000, 396) == 125);
  CHECK(launchGrid(info, 1, 396) == 1);
  // Without row groups every row needs its block.
  info.rowIters = 1;
  info.rowsPerBlock = 2;
  CHECK(launchGrid(info, 16384, 396, 3) == 8192);
  // Tensor-core tiles (persistent: blocks stride over rows whatever the
  // grid) launch at most the resident blocks, even in a whole last wave,
  // and fewer only for fewer rows.
  info.persistent = true;
  info.rowsPerBlock = 8;
  CHECK(launchGrid(info, 65536, 132) == 132);
  CHECK(launchGrid(info, 6 * 132 * 8, 132) == 132);
  CHECK(launchGrid(info, 1000, 132) == 125);
  CHECK(launchGrid(info, 65536, 132, 3) == 3);
  CHECK(launchGrid(info, 65536, 0) == 8192);
  // A kernel capped at three blocks a multiprocessor (d = 896 holds four):
  // from kCappedFromRows rows only, and only where the count is known.
  info.rowsPerBlock = 4;
  info.blocksPerSM = 3;
  CHECK(launchGrid(info, 65536, 528, 0, 132) == 396);
  CHECK(launchGrid(info, 32768, 528, 0, 132) == 396);
  CHECK(launchGrid(info, 32767, 528, 0, 132) == 528);
  CHECK(launchGrid(info, 16384, 528, 0, 132) == 528);
  CHECK(launchGrid(info, 65536, 528) == 528);
  CHECK(launchGrid(info, 65536, 528, 100, 132) == 100);
  CHECK(launchGrid(info, 65536, 264, 0, 132) == 264);
}

TEST_CASE("a cluster kernel launches its cluster of blocks for every row",
          "[gpu]") {
  GpuLaunchInfo info = bf16Launch();
  info.rowsPerBlock = 1;
  info.cluster = 8;
  CHECK(launchGrid(info, 16, 0) == 128);
  CHECK(launchGrid(info, 1, 132, 3, 132) == 8);
}

TEST_CASE("timing rotates over enough buffer sets to leave the L2 behind",
          "[gpu]") {
  using cuda::RotatingRows;
  // 256 MB of what launches move, at most 64 sets, at least one.
  CHECK(RotatingRows::copiesFor(32e6) == 8); // bf16 d = 512, 16384 rows
  CHECK(RotatingRows::copiesFor(100e6) == 3);
  CHECK(RotatingRows::copiesFor(256e6) == 1);
  CHECK(RotatingRows::copiesFor(8.6e9) == 1);
  CHECK(RotatingRows::copiesFor(65536) == 64); // decode rows
  CHECK(RotatingRows::copiesFor(0) == 64);
  // No more sets than 2 GiB holds: packed rows' sets never reach it...
  CHECK(RotatingRows::copiesFor(32e6, 33e6) == 8);
  CHECK(RotatingRows::copiesFor(65536, 70000) == 64);
  CHECK(RotatingRows::copiesFor(200e6, 201e6) == 2);
  // ...rows a stride far past d do: three bf16 rows of 8192 2^30 elements
  // apart (8.6 GB a set: run496's out-of-memory), and 64 MB sets.
  CHECK(RotatingRows::copiesFor(3 * 8192 * 4, 8.6e9) == 1);
  CHECK(RotatingRows::copiesFor(98304, 64.0 * (1 << 20)) == 32);
}

TEST_CASE("the copy roofline moves the rows' bytes, not the padding between "
          "them",
          "[gpu]") {
  cuda::DeviceRows r; // (no buffers: nothing to allocate or free)
  r.rows = 3;
  r.d = 8192;
  r.stride = int64_t(1) << 30;
  r.elementBytes = 2; // bf16 in, f32 out: the narrower type's bytes
  r.outBytes = 4;
  CHECK(r.copyBytes() == size_t(3 * 8192 * 2));
  r.stride = r.d;
  r.outBytes = 2;
  CHECK(r.copyBytes() == r.rowsBytes());
}

TEST_CASE("without a driver, rotating buffer sets say there is no GPU",
          "[gpu][errors]") {
  if (hasDriver()) {
    WARN("skipped: this machine has a CUDA driver");
    return;
  }
  int filled = 0;
  auto sets = cuda::RotatingRows::allocate(bf16Launch(), 16, 0, 0, 16 * 64 * 4,
                                           [&](cuda::DeviceRows &) {
                                             ++filled;
                                             return llvm::Error::success();
                                           });
  bool failed = !sets;
  REQUIRE(failed);
  CHECK_THAT(llvm::toString(sets.takeError()),
             Catch::StartsWith("no GPU: cannot load libcuda.so.1"));
  CHECK(filled == 0);
  auto random = cuda::RotatingRows::random(bf16Launch(), 16);
  failed = !random;
  REQUIRE(failed);
  CHECK_THAT(llvm::toString(random.takeError()),
             Catch::StartsWith("no GPU: cannot load libcuda.so.1"));
}

TEST_CASE("a temporary directory the SASS disassembly cannot make is named",
          "[gpu][errors]") {
  // (ptxas's, the same helper, is lit's: gpu/ptxas-cubin.test. This one is
  // reached with a cubin in hand, which a bad TMPDIR keeps a compile from
  // making.)
  const char *old = std::getenv("TMPDIR");
  std::optional<std::string> saved =
      old ? std::optional<std::string>(old) : std::nullopt;
  ::setenv("TMPDIR", "/nonexistent-walsh-tmpdir", 1);
  auto sass = disassembleCubin("not a cubin");
  if (saved)
    ::setenv("TMPDIR", saved->c_str(), 1);
  else
    ::unsetenv("TMPDIR");
  CHECK(test::errorText(sass.takeError()) ==
        "SASS: cannot create a temporary directory in "
        "'/nonexistent-walsh-tmpdir' (TMPDIR): No such file or directory");
}
