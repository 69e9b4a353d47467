/*===- fake_cuda.c - a stand-in libcuda.so.1 for machines without a GPU ---===*
 *
 * The driver entry points walsh's runtime loads (runtime/lib/CudaDriver.cpp),
 * so that the runtime's answers to what a driver says can be tested where
 * there is no GPU (CI): no device, a failing module load or launch, host
 * memory or another device's where device 0's is needed, less shared
 * memory than a kernel asks for, a driver without the optional entry
 * points cuLaunchKernelEx and cuPointerGetAttributes (built with
 * FAKE_CUDA_MINIMAL). It runs no kernel: a launch only records its
 * geometry, which the tests read back through walsh_fake_cuda_last_launch;
 * walsh_fake_cuda_pointer_queries counts the pointer questions,
 * walsh_fake_cuda_streams_created the streams made, and
 * walsh_fake_cuda_alloc_on_device hands out "device 1" memory.
 *
 * "Device memory" is host memory from malloc that this library handed out
 * (cuMemAlloc_v2), so copies and memsets work; cuPointerGetAttribute knows
 * only those blocks as device memory and answers CUDA_ERROR_INVALID_VALUE
 * for any other pointer, as the real driver does for unregistered host
 * memory. (Those answers, the shared-memory attribute's and the cluster
 * grid's are the real driver's: benchmarks/data/device-scripts-1201e/
 * probe_driver.c on the H200, driver 580.159.04, run222.)
 *
 * Contexts as the real driver keeps them (probe_ctx.c, run228): a primary
 * context a device, a stack of current contexts a thread (none at first),
 * modules, streams and allocations belonging to the context current when
 * they were made; a launch runs in its stream's context (the current one
 * for a default stream: null, CU_STREAM_LEGACY, CU_STREAM_PER_THREAD),
 * fails with CUDA_ERROR_INVALID_CONTEXT where there is none and with
 * CUDA_ERROR_INVALID_HANDLE when the function belongs to another.
 * walsh_fake_cuda_last_launch_device says on which device the last launch
 * ran.
 *
 * WALSH_FAKE_CUDA, read at every call, changes answers (comma-separated):
 *   init=N     cuInit returns N (100: CUDA_ERROR_NO_DEVICE)
 *   devices=N  the devices the driver has (default 1)
 *   load=N     cuModuleLoadData returns N (218: CUDA_ERROR_INVALID_PTX);
 *   loadK=N    the same on device K only (0 <= K <= 9)
 *   launch=N   cuLaunchKernel and cuLaunchKernelEx return N
 *   push=N     cuCtxPushCurrent_v2 returns N (pushing nothing)
 *   alloc=N    cuMemAlloc_v2 returns N (2: CUDA_ERROR_OUT_OF_MEMORY)
 *   shared=B   the device's opt-in shared memory per block (default 232448,
 *              an H200's)
 *   sm=MAJ.MIN the compute capability (default 9.0)
 *   memory=B   the device's memory, all of it free (cuMemGetInfo_v2;
 *              default 150000000000, about an H200's)
 *
 *===----------------------------------------------------------------------===*/
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
typedef uint64_t CUdeviceptr;

/* The value of `key=` in WALSH_FAKE_CUDA, or `fallback`. */
static long setting(const char *key, long fallback) {
  const char *env = getenv("WALSH_FAKE_CUDA");
  size_t n = strlen(key);
  for (const char *p = env; p && *p;) {
    if (strncmp(p, key, n) == 0 && p[n] == '=')
      return strtol(p + n + 1, NULL, 10);
    p = strchr(p, ',');
    if (p)
      ++p;
  }
  return fallback;
}

/* The compute capability's minor part (`sm=9.0`). */
static int smMinor(void) {
  const char *env = getenv("WALSH_FAKE_CUDA");
  const char *p = env ? strstr(env, "sm=") : NULL;
  const char *dot = p ? strchr(p, '.') : NULL;
  return dot ? (int)strtol(dot + 1, NULL, 10) : 0;
}

/* The blocks cuMemAlloc_v2 handed out. */
enum { kMaxBlocks = 4096 };
static struct {
  uintptr_t base;
  size_t bytes;
  int device;
} blocks[kMaxBlocks];
static pthread_mutex_t blocksMutex = PTHREAD_MUTEX_INITIALIZER;
static int pointerQueries;

/* The block holding p: its index, or -1. */
static int blockOf(CUdeviceptr p) {
  int found = -1;
  pthread_mutex_lock(&blocksMutex);
  for (int i = 0; i < kMaxBlocks && found < 0; ++i)
    if (blocks[i].base && p >= blocks[i].base &&
        p < blocks[i].base + blocks[i].bytes)
      found = i;
  pthread_mutex_unlock(&blocksMutex);
  return found;
}

/* The hooks and counters below are read and written under blocksMutex:
 * the tests launch from several threads at once. */
static int readLocked(const int *v) {
  pthread_mutex_lock(&blocksMutex);
  int n = *v;
  pthread_mutex_unlock(&blocksMutex);
  return n;
}
static void countQuery(void) {
  pthread_mutex_lock(&blocksMutex);
  ++pointerQueries;
  pthread_mutex_unlock(&blocksMutex);
}

int walsh_fake_cuda_pointer_queries(void) {
  return readLocked(&pointerQueries);
}

/* The last launch: grid x, y, z, block x, y, z, dynamic shared bytes and
 * the cluster's x (0 for cuLaunchKernel); and how many there were. */
static unsigned lastLaunch[8];
static int launches;

void walsh_fake_cuda_last_launch(unsigned out[8]) {
  pthread_mutex_lock(&blocksMutex);
  memcpy(out, lastLaunch, sizeof(lastLaunch));
  pthread_mutex_unlock(&blocksMutex);
}
int walsh_fake_cuda_launches(void) { return readLocked(&launches); }

/* Streams made (cuStreamCreate): a tuning database's lookup makes none. */
static int streamsCreated;
int walsh_fake_cuda_streams_created(void) {
  return readLocked(&streamsCreated);
}

static int handle = 1; /* what every other handle points at */

/* Contexts, modules (one function each) and streams. */
enum { kMaxDevices = 8, kMaxContexts = 64, kStackDepth = 16 };
typedef struct {
  int device;
} Context;
typedef struct {
  Context *ctx;
} Module;
typedef struct {
  Context *ctx;
} Stream;
static Context contexts[kMaxContexts]; /* the primary ones first */
static int createdContexts;
static __thread Context *stack[kStackDepth];
static __thread int depth;
static int lastLaunchDevice = -1;
static int modulesLoaded[kMaxDevices];

int walsh_fake_cuda_last_launch_device(void) {
  return readLocked(&lastLaunchDevice);
}
/* How many modules were loaded into device `dev`'s contexts so far. */
int walsh_fake_cuda_modules_loaded(int dev) {
  pthread_mutex_lock(&blocksMutex);
  int n = dev >= 0 && dev < kMaxDevices ? modulesLoaded[dev] : 0;
  pthread_mutex_unlock(&blocksMutex);
  return n;
}

static Context *current(void) { return depth ? stack[depth - 1] : NULL; }
static int devices(void) {
  long n = setting("devices", 1);
  return n < 1 ? 1 : n > kMaxDevices ? kMaxDevices : (int)n;
}

CUresult cuInit(unsigned flags) {
  (void)flags;
  return (CUresult)setting("init", 0);
}
CUresult cuDriverGetVersion(int *v) {
  *v = 13000;
  return 0;
}
CUresult cuDeviceGetCount(int *n) {
  *n = devices();
  return 0;
}
CUresult cuDeviceGet(int *dev, int ordinal) {
  if (ordinal < 0 || ordinal >= devices())
    return 101; /* CUDA_ERROR_INVALID_DEVICE */
  *dev = ordinal;
  return 0;
}
CUresult cuDeviceGetName(char *name, int len, int dev) {
  /* Device 0 is "walsh fake CUDA device", the others name their ordinal
   * (so a tool's --device shows in what it prints). */
  char buf[64] = "walsh fake CUDA device";
  if (dev > 0) {
    size_t n = strlen(buf);
    buf[n] = ' ';
    buf[n + 1] = (char)('0' + dev % 10);
    buf[n + 2] = 0;
  }
  strncpy(name, buf, (size_t)len);
  if (len > 0)
    name[len - 1] = 0;
  return 0;
}
CUresult cuDeviceGetAttribute(int *v, int attr, int dev) {
  (void)dev;
  switch (attr) {
  case 16: /* multiprocessors */
    *v = 132;
    return 0;
  case 75: /* compute capability */
    *v = (int)setting("sm", 9);
    return 0;
  case 76:
    *v = smMinor();
    return 0;
  case 97: /* opt-in shared memory per block */
    *v = (int)setting("shared", 232448);
    return 0;
  case 81: /* shared memory per multiprocessor */
    *v = 233472;
    return 0;
  case 111: /* reserved shared memory per block */
    *v = 1024;
    return 0;
  default:
    *v = 0;
    return 0;
  }
}
CUresult cuDevicePrimaryCtxRetain(void **ctx, int dev) {
  if (dev < 0 || dev >= devices())
    return 101;
  contexts[dev].device = dev;
  *ctx = &contexts[dev];
  return 0;
}
/* A context of its own (not primary) on `dev`, pushed on the calling
 * thread's stack (current), as the real driver's. */
CUresult cuCtxCreate_v2(void **ctx, unsigned flags, int dev) {
  (void)flags;
  if (dev < 0 || dev >= devices())
    return 101;
  pthread_mutex_lock(&blocksMutex);
  int slot = kMaxDevices + createdContexts;
  if (slot < kMaxContexts)
    ++createdContexts;
  pthread_mutex_unlock(&blocksMutex);
  if (slot >= kMaxContexts)
    return 2;
  if (depth == kStackDepth)
    return 1;
  contexts[slot].device = dev;
  *ctx = &contexts[slot];
  stack[depth++] = &contexts[slot];
  return 0;
}
CUresult cuCtxSetCurrent(void *ctx) {
  if (!ctx) {
    if (depth)
      --depth;
  } else if (depth) {
    stack[depth - 1] = (Context *)ctx;
  } else {
    stack[depth++] = (Context *)ctx;
  }
  return 0;
}
CUresult cuCtxGetCurrent(void **ctx) {
  *ctx = current();
  return 0;
}
CUresult cuCtxGetDevice(int *dev) {
  if (!current())
    return 201; /* CUDA_ERROR_INVALID_CONTEXT */
  *dev = current()->device;
  return 0;
}
CUresult cuCtxPushCurrent_v2(void *ctx) {
  long failing = setting("push", 0);
  if (failing)
    return (CUresult)failing;
  if (!ctx || depth == kStackDepth)
    return 1;
  stack[depth++] = (Context *)ctx;
  return 0;
}
CUresult cuCtxPopCurrent_v2(void **ctx) {
  if (!depth)
    return 201;
  Context *top = stack[--depth];
  if (ctx)
    *ctx = top;
  return 0;
}
CUresult cuCtxSynchronize(void) { return 0; }

CUresult cuModuleLoadData(void **module, const void *image) {
  (void)image;
  if (!current())
    return 201;
  char key[] = "load0";
  key[4] = (char)('0' + current()->device);
  CUresult r = (CUresult)setting(key, setting("load", 0));
  if (r)
    return r;
  Module *m = malloc(sizeof(Module));
  if (!m)
    return 2;
  m->ctx = current();
  pthread_mutex_lock(&blocksMutex);
  ++modulesLoaded[m->ctx->device];
  pthread_mutex_unlock(&blocksMutex);
  *module = m;
  return 0;
}
CUresult cuModuleUnload(void *module) {
  free(module);
  return 0;
}
/* A module's one function is the module itself. */
CUresult cuModuleGetFunction(void **fn, void *module, const char *name) {
  (void)name;
  *fn = module;
  return 0;
}
/* The last shared-memory carveout a function was given (-1 before any). */
static int lastCarveout = -1;
int walsh_fake_cuda_last_carveout(void) { return readLocked(&lastCarveout); }

CUresult cuFuncSetAttribute(void *fn, int attr, int value) {
  (void)fn;
  /* The dynamic shared memory cap beyond the device's. */
  if (attr == 8 && value > setting("shared", 232448))
    return 1;
  if (attr == 9) {
    if (value < -1 || value > 100)
      return 1;
    pthread_mutex_lock(&blocksMutex);
    lastCarveout = value;
    pthread_mutex_unlock(&blocksMutex);
  }
  return 0;
}
CUresult cuFuncGetAttribute(int *v, int attr, void *fn) {
  (void)fn;
  *v = attr == 4 ? 64 : attr == 0 ? 1024 : 0; /* registers, threads */
  return 0;
}
CUresult cuOccupancyMaxActiveBlocksPerMultiprocessor(int *n, void *fn,
                                                     int threads,
                                                     size_t shared) {
  (void)fn;
  (void)shared;
  *n = threads > 0 ? 2048 / threads : 0;
  return 0;
}

static CUresult recordLaunch(void *fn, void *stream, unsigned gx, unsigned gy,
                             unsigned gz, unsigned bx, unsigned by, unsigned bz,
                             unsigned shared, unsigned cluster) {
  CUresult r = (CUresult)setting("launch", 0);
  if (r)
    return r;
  Context *ctx = (uintptr_t)stream <= 2 ? current() : ((Stream *)stream)->ctx;
  if (!ctx)
    return 201; /* CUDA_ERROR_INVALID_CONTEXT */
  if (((Module *)fn)->ctx != ctx)
    return 400; /* CUDA_ERROR_INVALID_HANDLE */
  pthread_mutex_lock(&blocksMutex);
  lastLaunchDevice = ctx->device;
  unsigned l[8] = {gx, gy, gz, bx, by, bz, shared, cluster};
  memcpy(lastLaunch, l, sizeof(l));
  ++launches;
  pthread_mutex_unlock(&blocksMutex);
  return 0;
}
CUresult cuLaunchKernel(void *fn, unsigned gx, unsigned gy, unsigned gz,
                        unsigned bx, unsigned by, unsigned bz, unsigned shared,
                        void *stream, void **params, void **extra) {
  (void)params;
  (void)extra;
  return recordLaunch(fn, stream, gx, gy, gz, bx, by, bz, shared, 0);
}

#ifndef FAKE_CUDA_MINIMAL
/* cuda.h's CUlaunchAttribute and CUlaunchConfig. */
typedef struct {
  int id;
  char pad[4];
  union {
    char bytes[64];
    struct {
      unsigned x, y, z;
    } clusterDim;
  } value;
} LaunchAttribute;
typedef struct {
  unsigned gridDimX, gridDimY, gridDimZ;
  unsigned blockDimX, blockDimY, blockDimZ;
  unsigned sharedMemBytes;
  void *hStream;
  LaunchAttribute *attrs;
  unsigned numAttrs;
} LaunchConfig;

CUresult cuLaunchKernelEx(const LaunchConfig *c, void *fn, void **params,
                          void **extra) {
  (void)params;
  (void)extra;
  unsigned cluster = 0;
  for (unsigned i = 0; i < c->numAttrs; ++i)
    if (c->attrs[i].id == 4) /* CU_LAUNCH_ATTRIBUTE_CLUSTER_DIMENSION */
      cluster = c->attrs[i].value.clusterDim.x;
  /* The real driver refuses a grid that is not whole clusters (H200,
   * driver 580: CUDA_ERROR_INVALID_CLUSTER_SIZE). */
  if (cluster && c->gridDimX % cluster)
    return 912;
  return recordLaunch(fn, c->hStream, c->gridDimX, c->gridDimY, c->gridDimZ,
                      c->blockDimX, c->blockDimY, c->blockDimZ,
                      c->sharedMemBytes, cluster);
}
#endif

static CUresult allocOn(CUdeviceptr *p, size_t bytes, int device) {
  /* 256-byte aligned, as the driver's. */
  void *mem = aligned_alloc(256, (bytes + 255) / 256 * 256);
  if (!mem)
    return 2; /* CUDA_ERROR_OUT_OF_MEMORY */
  pthread_mutex_lock(&blocksMutex);
  int slot = -1;
  for (int i = 0; i < kMaxBlocks && slot < 0; ++i)
    if (!blocks[i].base)
      slot = i;
  if (slot >= 0) {
    blocks[slot].base = (uintptr_t)mem;
    blocks[slot].bytes = bytes;
    blocks[slot].device = device;
  }
  pthread_mutex_unlock(&blocksMutex);
  if (slot < 0) {
    free(mem);
    return 2;
  }
  *p = (CUdeviceptr)(uintptr_t)mem;
  return 0;
}
CUresult cuMemAlloc_v2(CUdeviceptr *p, size_t bytes) {
  CUresult r = (CUresult)setting("alloc", 0);
  if (r)
    return r;
  if (!current())
    return 201;
  return allocOn(p, bytes, current()->device);
}
CUresult cuMemGetInfo_v2(size_t *free, size_t *total) {
  if (!current())
    return 201;
  *free = *total = (size_t)setting("memory", 150000000000L);
  return 0;
}
/* Memory of another device than the current context's. */
CUresult walsh_fake_cuda_alloc_on_device(CUdeviceptr *p, size_t bytes,
                                         int device) {
  return allocOn(p, bytes, device);
}
CUresult cuMemFree_v2(CUdeviceptr p) {
  int found = 0;
  pthread_mutex_lock(&blocksMutex);
  for (int i = 0; i < kMaxBlocks && !found; ++i)
    if (blocks[i].base == p) {
      blocks[i].base = 0;
      found = 1;
    }
  pthread_mutex_unlock(&blocksMutex);
  if (!found)
    return 1;
  /* Not given back to malloc: an address handed out once is never handed
   * out again, so a launcher that remembers ranges it saw cannot meet a
   * new allocation inside an old one (which malloc's reuse made depend on
   * the tests' order). The tests allocate a few MB in all. */
  return 0;
}
CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void *src, size_t n) {
  memcpy((void *)(uintptr_t)dst, src, n);
  return 0;
}
CUresult cuMemcpyDtoH_v2(void *dst, CUdeviceptr src, size_t n) {
  memcpy(dst, (const void *)(uintptr_t)src, n);
  return 0;
}
CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr dst, CUdeviceptr src, size_t n,
                              void *stream) {
  (void)stream;
  memmove((void *)(uintptr_t)dst, (const void *)(uintptr_t)src, n);
  return 0;
}
CUresult cuMemsetD8_v2(CUdeviceptr dst, unsigned char v, size_t n) {
  memset((void *)(uintptr_t)dst, v, n);
  return 0;
}
CUresult cuMemsetD8Async(CUdeviceptr dst, unsigned char v, size_t n,
                         void *stream) {
  (void)stream;
  return cuMemsetD8_v2(dst, v, n);
}
/* One attribute of the block `b` holds p in: MEMORY_TYPE (2), DEVICE_ORDINAL
 * (9), RANGE_START_ADDR (11), RANGE_SIZE (12); zeros for the rest. For
 * memory the driver does not know (b < 0), what the H200's driver answers
 * cuPointerGetAttributes (run225): type 0, ordinal -2, the range's
 * values left as they were. */
static void attribute(void *data, int attr, int b) {
  switch (attr) {
  case 2:
    *(unsigned *)data = b < 0 ? 0 : 2; /* CU_MEMORYTYPE_DEVICE */
    return;
  case 9:
    *(int *)data = b < 0 ? -2 : blocks[b].device;
    return;
  case 11:
    if (b >= 0)
      *(CUdeviceptr *)data = blocks[b].base;
    return;
  case 12:
    if (b >= 0)
      *(size_t *)data = blocks[b].bytes;
    return;
  default:
    memset(data, 0, sizeof(unsigned));
  }
}
CUresult cuPointerGetAttribute(void *data, int attr, CUdeviceptr p) {
  countQuery();
  int b = blockOf(p);
  if (b < 0)
    return 1; /* CUDA_ERROR_INVALID_VALUE: not memory the driver knows */
  attribute(data, attr, b);
  return 0;
}
#ifndef FAKE_CUDA_MINIMAL
/* As the real driver: no error for memory it does not know, zeros. */
CUresult cuPointerGetAttributes(unsigned n, int *attrs, void **data,
                                CUdeviceptr p) {
  countQuery();
  int b = blockOf(p);
  for (unsigned i = 0; i < n; ++i)
    attribute(data[i], attrs[i], b);
  return 0;
}
#endif

CUresult cuEventCreate(void **ev, unsigned flags) {
  (void)flags;
  *ev = &handle;
  return 0;
}
CUresult cuEventRecord(void *ev, void *stream) {
  (void)ev;
  (void)stream;
  return 0;
}
CUresult cuEventSynchronize(void *ev) {
  (void)ev;
  return 0;
}
CUresult cuEventElapsedTime_v2(float *ms, void *a, void *b) {
  (void)a;
  (void)b;
  *ms = 1.0f;
  return 0;
}
CUresult cuEventDestroy_v2(void *ev) {
  (void)ev;
  return 0;
}
CUresult cuStreamCreate(void **s, unsigned flags) {
  (void)flags;
  if (!current())
    return 201;
  Stream *st = malloc(sizeof(Stream));
  if (!st)
    return 2;
  st->ctx = current();
  *s = st;
  pthread_mutex_lock(&blocksMutex);
  ++streamsCreated;
  pthread_mutex_unlock(&blocksMutex);
  return 0;
}
CUresult cuStreamDestroy_v2(void *s) {
  free(s);
  return 0;
}
CUresult cuStreamSynchronize(void *s) {
  (void)s;
  return 0;
}
CUresult cuStreamBeginCapture_v2(void *s, int mode) {
  (void)s;
  (void)mode;
  return 0;
}
CUresult cuStreamEndCapture(void *s, void **graph) {
  (void)s;
  *graph = &handle;
  return 0;
}
CUresult cuGraphInstantiateWithFlags(void **exec, void *graph,
                                     unsigned long long flags) {
  (void)graph;
  (void)flags;
  *exec = &handle;
  return 0;
}
CUresult cuGraphLaunch(void *exec, void *stream) {
  (void)exec;
  (void)stream;
  return 0;
}
CUresult cuGraphExecDestroy(void *exec) {
  (void)exec;
  return 0;
}
CUresult cuGraphDestroy(void *graph) {
  (void)graph;
  return 0;
}

CUresult cuGetErrorName(CUresult r, const char **name) {
  switch (r) {
  case 0:
    *name = "CUDA_SUCCESS";
    return 0;
  case 1:
    *name = "CUDA_ERROR_INVALID_VALUE";
    return 0;
  case 2:
    *name = "CUDA_ERROR_OUT_OF_MEMORY";
    return 0;
  case 100:
    *name = "CUDA_ERROR_NO_DEVICE";
    return 0;
  case 101:
    *name = "CUDA_ERROR_INVALID_DEVICE";
    return 0;
  case 201:
    *name = "CUDA_ERROR_INVALID_CONTEXT";
    return 0;
  case 209:
    *name = "CUDA_ERROR_NO_BINARY_FOR_GPU";
    return 0;
  case 218:
    *name = "CUDA_ERROR_INVALID_PTX";
    return 0;
  case 400:
    *name = "CUDA_ERROR_INVALID_HANDLE";
    return 0;
  case 701:
    *name = "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES";
    return 0;
  case 719:
    *name = "CUDA_ERROR_LAUNCH_FAILED";
    return 0;
  case 912:
    *name = "CUDA_ERROR_INVALID_CLUSTER_SIZE";
    return 0;
  default:
    *name = NULL;
    return 1;
  }
}
