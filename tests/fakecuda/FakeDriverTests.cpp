//===- FakeDriverTests.cpp - the GPU runtime against a stand-in driver ----===//
//
// The runtime's answers to what a CUDA driver says, where there is no GPU:
// these run with tests/fakecuda's libcuda.so.1 first on LD_LIBRARY_PATH
// (ctest sets it), which runs no kernel but records each launch. Tagged by
// the driver each needs: [fake] the stand-in, [no-device] the stand-in with
// cuInit failing, [minimal] the stand-in built without the optional entry
// points (cuLaunchKernelEx, cuPointerGetAttributes).
// Each refuses to run against another libcuda.so.1, so a real driver cannot
// make them pass vacuously.
//
//===----------------------------------------------------------------------===//
#define CATCH_CONFIG_MAIN
#include "../conformance/TestSupport.h"

#include "walsh/Runtime/CudaDriver.h"
#include "walsh/Runtime/GpuKernel.h"
#include "walsh/Runtime/GpuMeasure.h"
#include "walsh/Runtime/Jit.h"
#include "walsh/walsh.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <thread>
#include <vector>

using namespace walsh;
using namespace walsh::cuda;

namespace {
/// The stand-in's hooks, from the libcuda.so.1 the runtime loaded; fails
/// the test when that library is not the stand-in.
struct Fake {
  void (*lastLaunch)(unsigned[8]) = nullptr;
  int (*launches)() = nullptr;
  int (*pointerQueries)() = nullptr;
  int (*allocOnDevice)(CUdeviceptr *, size_t, int) = nullptr;
  int (*lastLaunchDevice)() = nullptr;
  int (*ctxCreate)(CUcontext *, unsigned, int) = nullptr;
  int (*modulesLoaded)(int) = nullptr;
  int (*lastCarveout)() = nullptr;
  int (*streamsCreated)() = nullptr;
};
Fake fake() {
  // ctest runs these in a random order: the seed, to replay a failure
  // (--order rand --rng-seed N).
  static bool told = false;
  if (!told) {
    std::fprintf(stderr, "fake driver tests: rng seed %u\n", Catch::rngSeed());
    told = true;
  }
  Fake f;
  // The runtime's dlopen finds the same file, so this is its library.
  if (void *lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL)) {
    f.lastLaunch = reinterpret_cast<void (*)(unsigned[8])>(
        dlsym(lib, "walsh_fake_cuda_last_launch"));
    f.launches =
        reinterpret_cast<int (*)()>(dlsym(lib, "walsh_fake_cuda_launches"));
    f.pointerQueries = reinterpret_cast<int (*)()>(
        dlsym(lib, "walsh_fake_cuda_pointer_queries"));
    f.allocOnDevice = reinterpret_cast<int (*)(CUdeviceptr *, size_t, int)>(
        dlsym(lib, "walsh_fake_cuda_alloc_on_device"));
    f.lastLaunchDevice = reinterpret_cast<int (*)()>(
        dlsym(lib, "walsh_fake_cuda_last_launch_device"));
    f.ctxCreate = reinterpret_cast<int (*)(CUcontext *, unsigned, int)>(
        dlsym(lib, "cuCtxCreate_v2"));
    f.modulesLoaded = reinterpret_cast<int (*)(int)>(
        dlsym(lib, "walsh_fake_cuda_modules_loaded"));
    f.lastCarveout = reinterpret_cast<int (*)()>(
        dlsym(lib, "walsh_fake_cuda_last_carveout"));
    f.streamsCreated = reinterpret_cast<int (*)()>(
        dlsym(lib, "walsh_fake_cuda_streams_created"));
  }
  if (!f.lastLaunch || !f.launches || !f.pointerQueries || !f.allocOnDevice ||
      !f.lastLaunchDevice || !f.ctxCreate || !f.modulesLoaded ||
      !f.lastCarveout || !f.streamsCreated)
    FAIL("libcuda.so.1 is not tests/fakecuda's stand-in (LD_LIBRARY_PATH)");
  return f;
}

/// WALSH_FAKE_CUDA for one scope.
struct FakeSetting {
  explicit FakeSetting(const char *value) {
    setenv("WALSH_FAKE_CUDA", value, 1);
  }
  ~FakeSetting() { unsetenv("WALSH_FAKE_CUDA"); }
};

/// A bf16 kernel of d = 64 with a and b: 64 threads a row, 16-byte rows.
GpuLaunchInfo bf16Launch() {
  GpuLaunchInfo info;
  info.spec.d = 64;
  info.spec.dtype = DType::BF16;
  info.blockThreads = 64;
  info.rowsPerBlock = 1;
  info.rowAlignment = 16;
  return info;
}

/// Device buffers for `rows` rows of d = 64 bf16 (and a and b).
struct Buffers {
  DeviceBuffer x, y, a, b;
  GpuRunArgs args(int64_t rows) const {
    GpuRunArgs r;
    r.x = x.get();
    r.y = y.get();
    r.a = a.get();
    r.b = b.get();
    r.rows = rows;
    return r;
  }
};
Buffers buffers(int64_t rows) {
  Buffers b;
  b.x = test::requireValue(DeviceBuffer::allocate(size_t(rows) * 128));
  b.y = test::requireValue(DeviceBuffer::allocate(size_t(rows) * 128));
  b.a = test::requireValue(DeviceBuffer::allocate(128));
  b.b = test::requireValue(DeviceBuffer::allocate(128));
  return b;
}

/// A C API tensor of `rows` x `d` fp32 at `data` on `device`.
DLTensor tensor(void *data, int ndim, int64_t *shape, int32_t deviceId = 0) {
  DLTensor t{};
  t.data = data;
  t.device = {kDLCUDA, deviceId};
  t.ndim = ndim;
  t.dtype = {kDLFloat, 32, 1};
  t.shape = shape;
  return t;
}
} // namespace

TEST_CASE("the driver's errors name the call that failed", "[fake]") {
  Fake f = fake();
  GpuLaunchInfo info = bf16Launch();
  {
    FakeSetting s("load=218");
    CHECK(test::errorText(GpuKernel::load("image", info).takeError()) ==
          "cuModuleLoadData: failed with CUDA_ERROR_INVALID_PTX");
  }
  {
    FakeSetting s("alloc=2");
    CHECK(test::errorText(DeviceBuffer::allocate(256).takeError()) ==
          "cuMemAlloc: failed with CUDA_ERROR_OUT_OF_MEMORY");
  }
  GpuKernel kernel = test::requireValue(GpuKernel::load("image", info));
  Buffers buf = buffers(4);
  int before = f.launches();
  {
    FakeSetting s("launch=701");
    CHECK(test::errorText(kernel.launch(buf.args(4), nullptr)) ==
          "cuLaunchKernel: failed with CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES");
    // A code the driver has no name for is given as its number.
    FakeSetting t("launch=999");
    CHECK(test::errorText(kernel.launch(buf.args(4), nullptr)) ==
          "cuLaunchKernel: failed with 999");
  }
  CHECK(f.launches() == before);
}

TEST_CASE("a kernel needing more shared memory than the device allows is "
          "refused at load, by its size",
          "[fake]") {
  fake();
  GpuLaunchInfo info = bf16Launch();
  info.sharedBytes = 100000;
  FakeSetting s("shared=65536");
  CHECK(test::errorText(GpuKernel::load("image", info).takeError()) ==
        "config: the kernel needs 100000 bytes of shared memory per block; "
        "this device allows 65536");
  info.sharedBytes = 65536;
  CHECK(test::errorText(GpuKernel::load("image", info).takeError()) == "");
}

TEST_CASE("host memory where device memory is needed is refused by name",
          "[fake]") {
  Fake f = fake();
  GpuKernel kernel = test::requireValue(GpuKernel::load("image", bf16Launch()));
  Buffers buf = buffers(4);
  std::vector<uint16_t> host(4 * 64 + 8);
  // 16-byte aligned host memory, so that only its kind is wrong.
  auto hostPtr =
      (reinterpret_cast<uintptr_t>(host.data()) + 15) & ~uintptr_t(15);
  int before = f.launches();
  for (auto [name, field] :
       {std::pair{"x", &GpuRunArgs::x}, std::pair{"y", &GpuRunArgs::y},
        std::pair{"a", &GpuRunArgs::a}, std::pair{"b", &GpuRunArgs::b}}) {
    GpuRunArgs args = buf.args(4);
    args.*field = hostPtr;
    CHECK(test::errorText(kernel.launch(args, nullptr)) ==
          std::string(name) +
              ": expects a device pointer, got a pointer the CUDA driver "
              "does not know as device memory");
  }
  GpuRunArgs args = buf.args(4);
  args.x += 8;
  CHECK(test::errorText(kernel.launch(args, nullptr)) ==
        "x: expects a pointer aligned to 16 bytes");
  CHECK(f.launches() == before);
  // Device memory launches; zero rows launch nothing.
  CHECK(test::errorText(kernel.launch(buf.args(4), nullptr)) == "");
  CHECK(f.launches() == before + 1);
  CHECK(test::errorText(kernel.launch(buf.args(0), nullptr)) == "");
  CHECK(f.launches() == before + 1);
}

TEST_CASE("pointers inside an allocation the driver confirmed need no "
          "question; memory of another device than x's is refused by name",
          "[fake]") {
  Fake f = fake();
  GpuKernel kernel = test::requireValue(GpuKernel::load("image", bf16Launch()));
  // 64 rows of 128 bytes; the launches take 4 rows at 16 row offsets.
  Buffers buf = buffers(64);
  GpuRunArgs args = buf.args(4);
  REQUIRE(test::errorText(kernel.launch(args, nullptr)) == "");
  int asked = f.pointerQueries();
  for (int k = 1; k < 16; ++k) {
    args.x = buf.x.get() + uint64_t(k) * 4 * 128;
    args.y = buf.y.get() + uint64_t(k) * 4 * 128;
    REQUIRE(test::errorText(kernel.launch(args, nullptr)) == "");
  }
  CHECK(f.pointerQueries() == asked);
  // A new allocation is asked about once.
  Buffers other = buffers(4);
  GpuRunArgs fresh = buf.args(4);
  fresh.x = other.x.get();
  REQUIRE(test::errorText(kernel.launch(fresh, nullptr)) == "");
  REQUIRE(test::errorText(kernel.launch(fresh, nullptr)) == "");
  CHECK(f.pointerQueries() == asked + 1);

  CUdeviceptr elsewhere = 0;
  REQUIRE(f.allocOnDevice(&elsewhere, 4 * 128, 1) == 0);
  GpuRunArgs wrong = buf.args(4);
  wrong.y = elsewhere;
  CHECK(test::errorText(kernel.launch(wrong, nullptr)) ==
        "y: expects memory of x's device (CUDA device 0), got memory of "
        "device 1");
  // Still refused the second time (its device was remembered with it).
  CHECK(test::errorText(kernel.launch(wrong, nullptr)) ==
        "y: expects memory of x's device (CUDA device 0), got memory of "
        "device 1");
}

namespace {
/// `rows` rows of d = 64 bf16, a and b, on device `device` (the stand-in's
/// hook: no context change).
Buffers buffersOn(const Fake &f, int64_t rows, int device) {
  auto one = [&](size_t bytes) {
    CUdeviceptr p = 0;
    REQUIRE(f.allocOnDevice(&p, bytes, device) == 0);
    return p;
  };
  Buffers b;
  b.x = DeviceBuffer::adopt(one(size_t(rows) * 128));
  b.y = DeviceBuffer::adopt(one(size_t(rows) * 128));
  b.a = DeviceBuffer::adopt(one(128));
  b.b = DeviceBuffer::adopt(one(128));
  return b;
}

/// The calling thread's current context.
CUcontext current() { return test::requireValue(cuda::currentContext()); }

/// walsh_compile of the default spec (f32, affine) of width `d` for the
/// current device, required to succeed.
walsh_kernel *compileCuda(int64_t d) {
  walsh_spec spec = WALSH_SPEC_INIT;
  spec.d = d;
  walsh_kernel *k = nullptr;
  REQUIRE(walsh_compile(&spec, WALSH_TARGET_CUDA, &k) == WALSH_OK);
  return k;
}

/// C API tensors of `rows` x `d` fp32 (x, y) and d (a, b) on `device`,
/// through the stand-in's hook. Not copyable: the tensors point at the
/// shapes.
struct TensorsOn {
  int64_t rows[2], column[1];
  DLTensor x, y, a, b;
  TensorsOn(const Fake &f, int64_t n, int64_t d, int32_t device)
      : rows{n, d}, column{d} {
    auto alloc = [&](size_t bytes) {
      CUdeviceptr p = 0;
      REQUIRE(f.allocOnDevice(&p, bytes, device) == 0);
      return reinterpret_cast<void *>(uintptr_t(p));
    };
    x = tensor(alloc(size_t(n * d * 4)), 2, rows, device);
    y = tensor(alloc(size_t(n * d * 4)), 2, rows, device);
    a = tensor(alloc(size_t(d * 4)), 1, column, device);
    b = tensor(alloc(size_t(d * 4)), 1, column, device);
  }
  TensorsOn(const TensorsOn &) = delete;
};
} // namespace

TEST_CASE("a kernel runs on the device of its memory, loaded there at its "
          "first launch, the caller's current context left as it was",
          "[fake]") {
  Fake f = fake();
  FakeSetting two("devices=2");
  CUcontext primary0 = test::requireValue(primaryContext(0));
  CUcontext primary1 = test::requireValue(primaryContext(1));
  REQUIRE(primary0 != primary1);
  REQUIRE(test::errorText(makeCurrent(0).takeError()) == "");
  int loaded0 = f.modulesLoaded(0), loaded1 = f.modulesLoaded(1);
  GpuKernel kernel = test::requireValue(GpuKernel::load("image", bf16Launch()));
  CHECK(f.modulesLoaded(0) == loaded0 + 1);
  CHECK(f.modulesLoaded(1) == loaded1);
  Buffers on0 = buffersOn(f, 4, 0), on1 = buffersOn(f, 4, 1);
  CHECK(test::errorText(kernel.launch(on0.args(4), nullptr)) == "");
  CHECK(f.lastLaunchDevice() == 0);
  // On device 1's memory, on the default stream: device 1's primary
  // context current for the launch only.
  CHECK(test::errorText(kernel.launch(on1.args(4), nullptr)) == "");
  CHECK(f.lastLaunchDevice() == 1);
  CHECK(current() == primary0);
  CHECK(test::errorText(kernel.launch(on0.args(4), nullptr)) == "");
  CHECK(f.lastLaunchDevice() == 0);
  CHECK(test::errorText(kernel.launch(on1.args(4), nullptr)) == "");
  // Loaded once on each.
  CHECK(f.modulesLoaded(0) == loaded0 + 1);
  CHECK(f.modulesLoaded(1) == loaded1 + 1);

  // Every buffer on x's device.
  GpuRunArgs mixed = on1.args(4);
  mixed.b = on0.b.get();
  CHECK(test::errorText(kernel.launch(mixed, nullptr)) ==
        "b: expects memory of x's device (CUDA device 1), got memory of "
        "device 0");

  // A stream of device 1's primary context runs device 1's memory with no
  // context change; a stream of device 0's cannot, and says so.
  const Driver &d = **driver();
  CUstream stream1 = nullptr, stream0 = nullptr;
  {
    ScopedContext scope(d, primary1);
    REQUIRE(test::errorText(scope.takeError()) == "");
    REQUIRE(d.cuStreamCreate(&stream1, 0) == 0);
  }
  REQUIRE(current() == primary0);
  REQUIRE(d.cuStreamCreate(&stream0, 0) == 0);
  CHECK(test::errorText(kernel.launch(on1.args(4), stream1)) == "");
  CHECK(f.lastLaunchDevice() == 1);
  CHECK(test::errorText(kernel.launch(on1.args(4), stream0)) ==
        "cuLaunchKernel: failed with CUDA_ERROR_INVALID_HANDLE (stream: walsh "
        "launches in CUDA device 1's primary context, where x is; a stream of "
        "another context cannot run it)");
  // A context of the caller's own on device 0 stays current around a
  // default-stream launch on either device.
  CUcontext own = nullptr;
  REQUIRE(f.ctxCreate(&own, 0, 0) == 0); // pushed, as the driver's
  REQUIRE(current() == own);
  CHECK(test::errorText(kernel.launch(on0.args(4), nullptr)) == "");
  CHECK(f.lastLaunchDevice() == 0);
  CHECK(test::errorText(kernel.launch(on1.args(4), nullptr)) == "");
  CHECK(f.lastLaunchDevice() == 1);
  CHECK(current() == own);
  CUcontext popped = nullptr;
  REQUIRE(d.cuCtxPopCurrent(&popped) == 0);
  CHECK(popped == own);
  CHECK(current() == primary0);
  d.cuStreamDestroy(stream0);
  d.cuStreamDestroy(stream1);
}

TEST_CASE("a load fails on another device by name; a kernel loads into the "
          "current device, leaving the current context",
          "[fake]") {
  Fake f = fake();
  {
    FakeSetting s("devices=2,load1=209");
    REQUIRE(test::errorText(makeCurrent(0).takeError()) == "");
    GpuKernel kernel =
        test::requireValue(GpuKernel::load("image", bf16Launch()));
    Buffers on1 = buffersOn(f, 2, 1);
    int before = f.launches();
    CHECK(test::errorText(kernel.launch(on1.args(2), nullptr)) ==
          "x: memory of CUDA device 1: cuModuleLoadData: failed with "
          "CUDA_ERROR_NO_BINARY_FOR_GPU");
    CHECK(f.launches() == before);
    // Device 0 still runs it.
    Buffers on0 = buffersOn(f, 2, 0);
    CHECK(test::errorText(kernel.launch(on0.args(2), nullptr)) == "");
  }
  {
    // Where device 1's context is current, load() loads there (device 0
    // would fail), and leaves that context current.
    FakeSetting s("devices=2,load0=218");
    CUcontext primary1 = test::requireValue(primaryContext(1));
    REQUIRE((*driver())->cuCtxSetCurrent(primary1) == 0);
    auto kernel = GpuKernel::load("image", bf16Launch());
    CHECK(test::errorText(kernel.takeError()) == "");
    CHECK(current() == primary1);
    REQUIRE(test::errorText(makeCurrent(0).takeError()) == "");
    CHECK(test::errorText(GpuKernel::load("image", bf16Launch()).takeError()) ==
          "cuModuleLoadData: failed with CUDA_ERROR_INVALID_PTX");
  }
  {
    // A kernel loaded while the driver had one device kept no image; a
    // launch on another device's memory says so (the stand-in's device
    // count changes, a real driver's cannot).
    REQUIRE(test::errorText(makeCurrent(0).takeError()) == "");
    GpuKernel kernel =
        test::requireValue(GpuKernel::load("image", bf16Launch()));
    FakeSetting s("devices=2");
    Buffers on1 = buffersOn(f, 2, 1);
    CHECK(test::errorText(kernel.launch(on1.args(2), nullptr)) ==
          "x: memory of CUDA device 1: the kernel was loaded where the "
          "driver had one device");
  }
  // A device the driver does not have.
  CHECK(test::errorText(primaryContext(3).takeError()) ==
        "CUDA device 3: the driver has 1 device (cuDeviceGet: failed with "
        "CUDA_ERROR_INVALID_DEVICE)");
}

TEST_CASE("the C API compiles for the current device and leaves its context "
          "current, the tuning database's lookup included",
          "[fake]") {
  Fake f = fake();
  FakeSetting two("devices=2");
  CUcontext primary1 = test::requireValue(primaryContext(1));
  REQUIRE((*driver())->cuCtxSetCurrent(primary1) == 0);
  int loaded1 = f.modulesLoaded(1);
  int streams = f.streamsCreated();
  walsh_spec spec = WALSH_SPEC_INIT;
  spec.d = 512; // no other test's kernel (the process's Jit keeps them)
  walsh_shape shape = {1, 16, 1, 512};
  walsh_kernel *k = nullptr;
  REQUIRE(walsh_compile_for_shape(&spec, WALSH_TARGET_CUDA, &shape,
                                  WALSH_TUNE_DB_ONLY, &k) == WALSH_OK);
  CHECK(current() == primary1);
  // The lookup reads the database without a measurer: no stream (it may
  // run while the caller captures a CUDA graph).
  CHECK(f.streamsCreated() == streams);
  CHECK(f.modulesLoaded(1) == loaded1 + 1);
  TensorsOn t(f, 16, 512, 1);
  CHECK(walsh_launch(k, &t.x, &t.a, &t.b, &t.y, nullptr) == WALSH_OK);
  CHECK(std::string(walsh_last_error()) == "");
  CHECK(f.lastLaunchDevice() == 1);
  CHECK(f.modulesLoaded(1) == loaded1 + 1); // no second load
  CHECK(current() == primary1);
  walsh_kernel_destroy(k);
  REQUIRE(test::errorText(makeCurrent(0).takeError()) == "");
}

TEST_CASE("threads launching one kernel on two devices at once load it once "
          "on each",
          "[fake]") {
  Fake f = fake();
  FakeSetting two("devices=2");
  REQUIRE(test::errorText(makeCurrent(0).takeError()) == "");
  GpuKernel kernel = test::requireValue(GpuKernel::load("image", bf16Launch()));
  int loaded0 = f.modulesLoaded(0), loaded1 = f.modulesLoaded(1);
  int before = f.launches();
  Buffers on[2] = {buffersOn(f, 2, 0), buffersOn(f, 2, 1)};
  constexpr int kThreads = 8, kLaunches = 50;
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kLaunches && errors[size_t(t)].empty(); ++i)
        errors[size_t(t)] =
            test::errorText(kernel.launch(on[(t + i) % 2].args(2), nullptr));
    });
  for (std::thread &t : threads)
    t.join();
  for (const std::string &e : errors)
    CHECK(e == "");
  CHECK(f.launches() == before + kThreads * kLaunches);
  CHECK(f.modulesLoaded(0) == loaded0);
  CHECK(f.modulesLoaded(1) == loaded1 + 1);
}

TEST_CASE("a thread with no current context launches on the default stream",
          "[fake]") {
  // The H200's driver refuses a default-stream launch where no context is
  // current (run228): walsh makes the device's primary context current, and
  // leaves it so, as the CUDA runtime does at its first call on a thread.
  Fake f = fake();
  REQUIRE(test::errorText(makeCurrent(0).takeError()) == "");
  GpuKernel kernel = test::requireValue(GpuKernel::load("image", bf16Launch()));
  Buffers buf = buffers(2);
  std::string error = "not run";
  CUcontext after = reinterpret_cast<CUcontext>(1);
  int before = f.launches();
  std::thread([&] {
    error = test::errorText(kernel.launch(buf.args(2), nullptr));
    (*driver())->cuCtxGetCurrent(&after);
  }).join();
  CHECK(error == "");
  CHECK(f.launches() == before + 1);
  CHECK(after == test::requireValue(primaryContext(0)));
}

TEST_CASE("launches have the grid, block and shared memory of the kernel",
          "[fake]") {
  Fake f = fake();
  unsigned last[8];
  GpuLaunchInfo info = bf16Launch();
  info.rowsPerBlock = 2;
  info.blockThreads = 128;
  info.sharedBytes = 4096;
  GpuKernel kernel = test::requireValue(GpuKernel::load("image", info));
  Buffers buf = buffers(7);
  REQUIRE(test::errorText(kernel.launch(buf.args(7), nullptr)) == "");
  f.lastLaunch(last);
  CHECK(std::vector<unsigned>(last, last + 8) ==
        std::vector<unsigned>{4, 1, 1, 128, 1, 1, 4096, 0});

  // A persistent kernel (the tensor-core kernels): at most the blocks the
  // device holds, from the driver's occupancy at load (the stand-in: 2048 /
  // 256 threads = 8 a multiprocessor, 132 of them).
  GpuLaunchInfo groups = bf16Launch();
  groups.blockThreads = 256;
  groups.rowsPerBlock = 8;
  groups.persistent = true;
  GpuKernel grouped = test::requireValue(GpuKernel::load("image", groups));
  Buffers many = buffers(65536);
  REQUIRE(test::errorText(grouped.launch(many.args(65536), nullptr)) == "");
  f.lastLaunch(last);
  CHECK(last[0] == 8 * 132);

  // A cluster of 4 blocks a row: through cuLaunchKernelEx, 4 blocks a row.
  GpuLaunchInfo cluster = bf16Launch();
  cluster.cluster = 4;
  GpuKernel clustered = test::requireValue(GpuKernel::load("image", cluster));
  REQUIRE(test::errorText(clustered.launch(buf.args(3), nullptr)) == "");
  f.lastLaunch(last);
  CHECK(last[0] == 12);
  CHECK(last[7] == 4);
}

TEST_CASE("a kernel's shared-memory carveout is the least capacity that "
          "holds its blocks",
          "[fake]") {
  Fake f = fake();
  // The stand-in holds 2048 / 128 threads = 16 blocks a multiprocessor of
  // 228 KB, reserving 1 KB a block: 16 x (4096 + 1024) = 80 KB, so 100 KB,
  // asked as 43 % (the driver rounds up: 43 % is 98 KB, 44 % 100.3 KB).
  GpuLaunchInfo info = bf16Launch();
  info.blockThreads = 128;
  info.sharedBytes = 4096;
  test::requireValue(GpuKernel::load("image", info));
  CHECK(f.lastCarveout() == 43);
  // Row groups and persistent kernels alike: 16 blocks of 12 KB need 192,
  // so 196 KB (85 %).
  GpuLaunchInfo groups = info;
  groups.sharedBytes = 11 * 1024;
  groups.rowIters = 4;
  test::requireValue(GpuKernel::load("image", groups));
  CHECK(f.lastCarveout() == 85);
  GpuLaunchInfo persistent = groups;
  persistent.rowIters = 1;
  persistent.persistent = true;
  persistent.sharedBytes = 3 * 1024;
  test::requireValue(GpuKernel::load("image", persistent));
  CHECK(f.lastCarveout() == 28); // 16 x 4 KB = 64 KB
  test::requireValue(GpuKernel::load("image", groups));
  CHECK(f.lastCarveout() == 85);
  // More than a multiprocessor holds: nothing is asked (the driver's).
  GpuLaunchInfo big = info;
  big.sharedBytes = 65536;
  test::requireValue(GpuKernel::load("image", big));
  CHECK(f.lastCarveout() == 85);
  // Nor without shared memory of its own (the rule alone would ask for
  // the 16 blocks' 1 KB reserves: 16 KB, 7 %).
  GpuLaunchInfo none = info;
  none.sharedBytes = 0;
  test::requireValue(GpuKernel::load("image", none));
  CHECK(f.lastCarveout() == 85);
  CHECK(sharedCarveoutPercent(16, 1024, 233472) == 7);
  // WALSH_CARVEOUT=driver leaves every kernel the driver's choice.
  setenv("WALSH_CARVEOUT", "driver", 1);
  test::requireValue(GpuKernel::load("image", info));
  unsetenv("WALSH_CARVEOUT");
  CHECK(f.lastCarveout() == 85);

  // The rule alone: fp32 d = 10240 on the H200 (two blocks of 40 KB, 16
  // bytes static, 1 KB reserved: 82 KB, so 100 KB, 43 %), bf16 d = 4096
  // with row groups (three of 64 KB: 195 KB, so 196, 85 %; the
  // driver's own choice there, where asking the exact 86 % gave 228 KB).
  CHECK(sharedCarveoutPercent(2, 40960 + 16 + 1024, 233472) == 43);
  CHECK(sharedCarveoutPercent(3, 65536 + 16 + 1024, 233472) == 85);
  CHECK(sharedCarveoutPercent(1, 232448 + 1024, 233472) == 100);
  // A100 (164 KB) and sm_86 (100 KB) capacities; unknown ones and
  // nothing that fits leave the driver's choice.
  CHECK(sharedCarveoutPercent(2, 50 * 1024, 164 * 1024) == 60);
  CHECK(sharedCarveoutPercent(1, 40 * 1024, 100 * 1024) == 64);
  CHECK(sharedCarveoutPercent(1, 1024, 96 * 1024) == -1);
  CHECK(sharedCarveoutPercent(3, 80 * 1024, 233472) == -1);
  CHECK(sharedCarveoutPercent(0, 1024, 233472) == -1);
}

TEST_CASE("the oracle check fails a kernel that writes nothing", "[fake]") {
  fake();
  // The stand-in runs no kernel: y stays poisoned, which must not pass.
  auto jit = test::requireValue(Jit::create({/*threads=*/1}));
  ProjectionSpec spec;
  spec.d = 256;
  spec.dtype = DType::F32;
  auto kernel = test::requireValue(jit->gpuKernel(spec));
  Stream stream = test::requireValue(Stream::create());
  double err = test::requireValue(checkAgainstOracle(
      *kernel, 1 / 16.0, /*transpose=*/false, 5, 0, stream.get()));
  INFO("max relative error " << err);
  CHECK(!(err <= 1e-5));
}

TEST_CASE("device rows no device could hold are refused before an "
          "allocation, not wrapped to a small buffer",
          "[fake]") {
  fake();
  GpuLaunchInfo info = bf16Launch(); // d = 64, 128 bytes a row
  // 2^62 rows: 2^69 bytes, which size_t arithmetic wraps to 0 (until
  // 2026-12-05 a one-byte buffer the kernel would have run past).
  CHECK(test::errorText(
            DeviceRows::allocate(info, int64_t(1) << 62).takeError()) ==
        "rows: 4611686018427387904 rows of d = 64 need 5.902958e+11 GB of "
        "device memory a buffer; no device holds that");
  CHECK(test::errorText(DeviceRows::allocate(info, -1).takeError()) ==
        "rows: expects a count >= 0, got -1");
  DeviceRows fine = test::requireValue(DeviceRows::allocate(info, 4));
  CHECK(fine.rowsBytes() == 4 * 128);
  // Random rows at a stride whose bytes wrap are refused before their host
  // rows at that stride (until 2026-12-06 3 * 2^62 * 2 bytes wrapped to a
  // small host buffer the random rows ran past: `walsh run --target cuda
  // --rows 3 --row-stride 4611686018427387904` corrupted the heap).
  CHECK(test::errorText(
            cuda::RotatingRows::random(info, 3, int64_t(1) << 62, 0, 1)
                .takeError()) ==
        "rows: 3 rows of d = 64 at row stride 4611686018427387904 need "
        "2.767012e+10 GB of device memory a buffer; no device holds that");
}

TEST_CASE("device rows past the device's free memory are refused by the "
          "rows, not by cuMemAlloc's out-of-memory",
          "[fake]") {
  fake();
  GpuLaunchInfo info = bf16Launch();      // d = 64, 128 bytes a row
  FakeSetting small("memory=1000000000"); // 1 GB, all free
  // x and y of 4M rows: 1.07 GB (until 2026-12-06 cuMemAlloc's
  // CUDA_ERROR_OUT_OF_MEMORY, which names no argument).
  CHECK(test::errorText(DeviceRows::allocate(info, 4 << 20).takeError()) ==
        "rows: 4194304 rows of d = 64 need 1.1 GB of device memory, more "
        "than the 1.0 GB free on the device (of 1.0 GB); pass fewer");
  CHECK(test::errorText(
            cuda::RotatingRows::random(info, 3, int64_t(1) << 30, 0, 1)
                .takeError()) ==
        "rows: 3 rows of d = 64 at row stride 1073741824 need 12.9 GB of "
        "device memory, more than the 1.0 GB free on the device (of 1.0 "
        "GB); pass fewer");
  CHECK(test::requireValue(DeviceRows::allocate(info, 2 << 20)).rowsBytes() ==
        (2 << 20) * 128);
}

/// A timing's call that counts itself (`calls`) and succeeds.
static std::function<llvm::Error()> countedCall(int &calls) {
  return [&calls]() -> llvm::Error {
    ++calls;
    return llvm::Error::success();
  };
}

TEST_CASE("sustain queues about its seconds of calls, counted from one timed "
          "call",
          "[fake]") {
  fake();
  // (The stand-in's events read 1 ms between any two records.)
  Stream stream = test::requireValue(Stream::create());
  int calls = 0;
  auto fn = countedCall(calls);
  CHECK(test::errorText(sustain(fn, stream.get(), 0)) == "");
  CHECK(calls == 0);
  CHECK(test::errorText(sustain(fn, stream.get(), 0.01)) == "");
  CHECK(calls == 1 + 10);
  // A failing call stops it, with the call's error.
  calls = 0;
  auto failing = [&]() -> llvm::Error {
    if (++calls == 3)
      return llvm::createStringError("third call");
    return llvm::Error::success();
  };
  CHECK(test::errorText(sustain(failing, stream.get(), 1)) == "third call");
  CHECK(calls == 3);
}

TEST_CASE("a sustained timing takes as many timed calls as sustaining ones",
          "[fake]") {
  fake();
  // (1 ms a call on the stand-in: 0.5 s sustains 1 + 500 calls, then one
  // estimate, 2 warm-up calls and 500 timed; unsustained, 1 + 1 + 2 + 200
  // at most.)
  Stream stream = test::requireValue(Stream::create());
  int calls = 0;
  auto fn = countedCall(calls);
  CHECK(test::requireValue(timeSustained(fn, stream.get(), 0.5)) == 1000.0);
  CHECK(calls == 501 + 2 + 2 + 500);
  calls = 0;
  CHECK(test::requireValue(timeSustained(fn, stream.get(), 0)) == 1000.0);
  CHECK(calls == 2 + 2 + 200);
}

TEST_CASE("the C API refuses host memory and tensors off x's device by name",
          "[fake]") {
  fake();
  walsh_kernel *k = compileCuda(64);
  int64_t shape[2] = {2, 64}, vshape[1] = {64};
  DeviceBuffer x = test::requireValue(DeviceBuffer::allocate(2 * 64 * 4)),
               y = test::requireValue(DeviceBuffer::allocate(2 * 64 * 4)),
               a = test::requireValue(DeviceBuffer::allocate(64 * 4)),
               b = test::requireValue(DeviceBuffer::allocate(64 * 4));
  auto ptr = [](const DeviceBuffer &d) {
    return reinterpret_cast<void *>(uintptr_t(d.get()));
  };
  DLTensor X = tensor(ptr(x), 2, shape), Y = tensor(ptr(y), 2, shape),
           A = tensor(ptr(a), 1, vshape), B = tensor(ptr(b), 1, vshape);
  CHECK(walsh_launch(k, &X, &A, &B, &Y, nullptr) == WALSH_OK);

  std::vector<float> host(2 * 64);
  DLTensor H = tensor(host.data(), 2, shape);
  CHECK(walsh_launch(k, &H, &A, &B, &Y, nullptr) ==
        WALSH_ERROR_INVALID_ARGUMENT);
  CHECK(std::string(walsh_last_error()) ==
        "x: expects a device pointer, got a pointer the CUDA driver does not "
        "know as device memory");
  DLTensor other = tensor(ptr(y), 2, shape, /*deviceId=*/1);
  CHECK(walsh_launch(k, &X, &A, &B, &other, nullptr) ==
        WALSH_ERROR_INVALID_ARGUMENT);
  CHECK(std::string(walsh_last_error()) ==
        "y: expects x's device (CUDA device 0), got device 1");
  DLTensor negative = tensor(ptr(x), 2, shape, /*deviceId=*/-1);
  CHECK(walsh_launch(k, &negative, &A, &B, &Y, nullptr) ==
        WALSH_ERROR_INVALID_ARGUMENT);
  CHECK(std::string(walsh_last_error()) ==
        "x: expects a CUDA device id >= 0, got -1");
  // A device past walsh's per-device tables: valid, not done.
  DLTensor far = tensor(ptr(y), 2, shape, /*deviceId=*/64);
  CHECK(walsh_launch(k, &X, &A, &B, &far, nullptr) == WALSH_ERROR_UNSUPPORTED);
  CHECK(std::string(walsh_last_error()) ==
        "y: CUDA device 64: walsh launches on devices 0 to 63");
  walsh_kernel_destroy(k);
}

TEST_CASE("the C API gives a CUDA kernel's SASS on request, as walsh "
          "inspect does",
          "[fake]") {
  fake();
  walsh_kernel *k = compileCuda(64);
  const char *text = nullptr;
  REQUIRE(walsh_kernel_stage(k, "ptx", &text) == WALSH_OK);
  CHECK(std::string(text).find(".entry") != std::string::npos);
  // The cubin through cuobjdump or nvdisasm where the toolkit has them;
  // where not (or no ptxas made a cubin), the machine's lack, said.
  walsh_status s = walsh_kernel_stage(k, "sass", &text);
  if (s == WALSH_OK) {
    CHECK(std::string(text).find("Function") != std::string::npos);
  } else {
    CHECK(s == WALSH_ERROR_UNSUPPORTED);
    std::string e = walsh_last_error();
    INFO(e);
    CHECK((e.rfind("SASS needs cuobjdump or nvdisasm", 0) == 0 ||
           e.rfind("no cubin:", 0) == 0));
  }
  // The same answer twice (made once).
  CHECK(walsh_kernel_stage(k, "sass", &text) == s);
  // An unknown stage's error names sass among the others.
  CHECK(walsh_kernel_stage(k, "sas", &text) == WALSH_ERROR_INVALID_ARGUMENT);
  std::string e = walsh_last_error();
  CHECK(e.find("ptx, sass, stages") != std::string::npos);
  CHECK(e.find("asm") == std::string::npos);
  walsh_kernel_destroy(k);
}

TEST_CASE("the C API runs tensors of device 1 there", "[fake]") {
  Fake f = fake();
  FakeSetting two("devices=2");
  // A kernel no other test compiles: the process's Jit keeps kernels, and
  // one loaded while the stand-in had one device kept no image for others.
  walsh_spec spec = WALSH_SPEC_INIT;
  spec.d = 128;
  walsh_kernel *k = nullptr;
  REQUIRE(walsh_compile(&spec, WALSH_TARGET_CUDA, &k) == WALSH_OK);
  TensorsOn t(f, 2, 128, 1);
  CHECK(walsh_launch(k, &t.x, &t.a, &t.b, &t.y, nullptr) == WALSH_OK);
  CHECK(std::string(walsh_last_error()) == "");
  CHECK(f.lastLaunchDevice() == 1);
  // A tensor that says device 1 but whose memory is device 0's: the
  // launcher's check.
  DeviceBuffer mine = test::requireValue(DeviceBuffer::allocate(128 * 4));
  DLTensor lying =
      tensor(reinterpret_cast<void *>(uintptr_t(mine.get())), 1, t.column, 1);
  CHECK(walsh_launch(k, &t.x, &lying, &t.b, &t.y, nullptr) ==
        WALSH_ERROR_INVALID_ARGUMENT);
  CHECK(std::string(walsh_last_error()) ==
        "a: expects memory of x's device (CUDA device 1), got memory of "
        "device 0");
  walsh_kernel_destroy(k);
  // A load failing on device 1 is the driver's failure, not the
  // arguments': WALSH_ERROR_RUNTIME (another kernel, loaded on device 0
  // only so far).
  FakeSetting failing("devices=2,load1=209");
  REQUIRE(test::errorText(makeCurrent(0).takeError()) == "");
  spec.d = 2048;
  REQUIRE(walsh_compile(&spec, WALSH_TARGET_CUDA, &k) == WALSH_OK);
  TensorsOn wide(f, 2, 2048, 1);
  CHECK(walsh_launch(k, &wide.x, &wide.a, &wide.b, &wide.y, nullptr) ==
        WALSH_ERROR_RUNTIME);
  CHECK(std::string(walsh_last_error()) ==
        "x: memory of CUDA device 1: cuModuleLoadData: failed with "
        "CUDA_ERROR_NO_BINARY_FOR_GPU");
  walsh_kernel_destroy(k);
}

TEST_CASE("without a device, the runtime and the C API say there is no GPU",
          "[no-device]") {
  // cuInit fails: driver() cannot answer, so the stand-in is checked by
  // its exports alone.
  fake();
  CHECK(test::errorText(GpuKernel::load("image", bf16Launch()).takeError()) ==
        "no GPU: cuInit failed with CUDA_ERROR_NO_DEVICE");
  CHECK(driver().takeError().isA<NoGpuError>());
  walsh_spec spec = WALSH_SPEC_INIT;
  spec.d = 64;
  walsh_kernel *k = nullptr;
  CHECK(walsh_compile(&spec, WALSH_TARGET_CUDA, &k) == WALSH_ERROR_NO_DEVICE);
  CHECK(std::string(walsh_last_error()) ==
        "no GPU: cuInit failed with CUDA_ERROR_NO_DEVICE");
  CHECK(k == nullptr);
}

TEST_CASE("a driver without the optional entry points runs every kernel but "
          "a cluster's, which it refuses by name, and still checks pointers",
          "[minimal]") {
  Fake f = fake();
  Buffers buf = buffers(2);
  GpuKernel plain = test::requireValue(GpuKernel::load("image", bf16Launch()));
  CHECK(test::errorText(plain.launch(buf.args(2), nullptr)) == "");
  // Without cuPointerGetAttributes: one attribute at a time (the kind, then
  // the device), no ranges remembered, host memory still refused.
  std::vector<uint16_t> host(2 * 64 + 8);
  GpuRunArgs hostX = buf.args(2);
  hostX.x = (reinterpret_cast<uintptr_t>(host.data()) + 15) & ~uintptr_t(15);
  CHECK(test::errorText(plain.launch(hostX, nullptr)) ==
        "x: expects a device pointer, got a pointer the CUDA driver does not "
        "know as device memory");
  GpuRunArgs shifted = buf.args(1);
  shifted.x += 128;
  int asked = f.pointerQueries();
  CHECK(test::errorText(plain.launch(shifted, nullptr)) == "");
  CHECK(f.pointerQueries() == asked + 2);
  GpuLaunchInfo cluster = bf16Launch();
  cluster.cluster = 4;
  GpuKernel clustered = test::requireValue(GpuKernel::load("image", cluster));
  int before = f.launches();
  llvm::Error lacking = clustered.launch(buf.args(2), nullptr);
  CHECK(lacking.isA<DriverError>()); // WALSH_ERROR_RUNTIME in the C API
  CHECK(test::errorText(std::move(lacking)) ==
        "cuLaunchKernelEx: this driver lacks it; a kernel of 'cluster' = 4 "
        "(thread-block clusters) needs CUDA 12 or newer");
  CHECK(f.launches() == before);
}

TEST_CASE("the driver's failures are DriverErrors, the arguments' are not, "
          "and the C API's status follows the type",
          "[fake]") {
  Fake f = fake();
  GpuLaunchInfo info = bf16Launch();
  {
    FakeSetting s("load=218");
    CHECK(GpuKernel::load("image", info).takeError().isA<DriverError>());
  }
  GpuKernel kernel = test::requireValue(GpuKernel::load("image", info));
  Buffers buf = buffers(4);
  {
    FakeSetting s("launch=701");
    llvm::Error e = kernel.launch(buf.args(4), nullptr);
    CHECK(e.isA<DriverError>());
    CHECK_FALSE(e.isA<NoGpuError>());
    llvm::consumeError(std::move(e));
  }
  GpuRunArgs nullX = buf.args(4);
  nullX.x = 0;
  llvm::Error bad = kernel.launch(nullX, nullptr);
  CHECK(test::errorText(kernel.launch(nullX, nullptr)) ==
        "x: expects a device pointer, got null");
  CHECK_FALSE(bad.isA<DriverError>());
  llvm::consumeError(std::move(bad));
  // The message keeps its type when reworded, and a plain error stays plain.
  llvm::Error r = reword(check(701, "cuLaunchKernel"), "before: ", " (after)");
  CHECK(r.isA<DriverError>());
  CHECK(test::errorText(std::move(r)) ==
        "before: cuLaunchKernel: failed with "
        "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES (after)");
  llvm::Error plain = reword(llvm::createStringError("x: bad"), "a ");
  CHECK_FALSE(plain.isA<DriverError>());
  CHECK(test::errorText(std::move(plain)) == "a x: bad");

  // Through the C API: a context the driver will not push for a
  // default-stream launch (the caller's own is current) is the driver's
  // failure, WALSH_ERROR_RUNTIME, though its message names no argument; a
  // failed launch likewise; a null x the arguments'.
  walsh_spec spec = WALSH_SPEC_INIT;
  spec.d = 64;
  walsh_kernel *k = nullptr;
  REQUIRE(walsh_compile(&spec, WALSH_TARGET_CUDA, &k) == WALSH_OK);
  TensorsOn t(f, 2, 64, 0);
  CUcontext own = nullptr;
  REQUIRE(f.ctxCreate(&own, 0, 0) == 0); // pushed, as the driver's
  {
    FakeSetting s("push=201");
    CHECK(walsh_launch(k, &t.x, &t.a, &t.b, &t.y, nullptr) ==
          WALSH_ERROR_RUNTIME);
    CHECK(std::string(walsh_last_error()) ==
          "making walsh's context current: failed with "
          "CUDA_ERROR_INVALID_CONTEXT");
  }
  {
    FakeSetting s("launch=701");
    CHECK(walsh_launch(k, &t.x, &t.a, &t.b, &t.y, nullptr) ==
          WALSH_ERROR_RUNTIME);
    CHECK(std::string(walsh_last_error()) ==
          "cuLaunchKernel: failed with CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES");
  }
  CHECK(walsh_launch(k, &t.x, &t.a, &t.b, &t.y, nullptr) == WALSH_OK);
  DLTensor nothing = t.x;
  nothing.data = nullptr;
  CHECK(walsh_launch(k, &nothing, &t.a, &t.b, &t.y, nullptr) ==
        WALSH_ERROR_INVALID_ARGUMENT);
  CUcontext popped = nullptr;
  REQUIRE(test::requireValue(driver())->cuCtxPopCurrent(&popped) == 0);
  CHECK(popped == own);
  walsh_kernel_destroy(k);
  // A module the driver will not load at compile: the driver's failure too
  // (WALSH_ERROR_COMPILE before 2026-12-01). A spec no other test compiles:
  // the process's Jit keeps the kernels it loaded.
  FakeSetting s("load=218");
  spec.d = 32;
  spec.transpose = 1;
  k = nullptr;
  CHECK(walsh_compile(&spec, WALSH_TARGET_CUDA, &k) == WALSH_ERROR_RUNTIME);
  CHECK(std::string(walsh_last_error()) ==
        "cuModuleLoadData: failed with CUDA_ERROR_INVALID_PTX");
  CHECK(k == nullptr);
}
