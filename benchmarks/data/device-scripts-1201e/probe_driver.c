/* What the real driver answers where tests/fakecuda's stand-in imitates it. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
typedef int (*F)();
static void *lib;
static F f(const char *n) { F p = (F)dlsym(lib, n); if (!p) { printf("missing %s\n", n); exit(1);} return p; }
static const char *name(int r) { const char *s = 0; ((int(*)(int,const char**))f("cuGetErrorName"))(r, &s); return s ? s : "?"; }
typedef struct { int id; char pad[4]; union { char bytes[64]; struct { unsigned x, y, z; } c; } v; } Attr;
typedef struct { unsigned gx, gy, gz, bx, by, bz, shared; void *stream; Attr *attrs; unsigned n; } Cfg;
static const char *ptx =
  ".version 8.0\n.target sm_90\n.address_size 64\n"
  ".visible .entry k()\n{\n ret;\n}\n";
int main(void) {
  lib = dlopen("libcuda.so.1", RTLD_NOW);
  if (!lib) { printf("no driver\n"); return 1; }
  int r = f("cuInit")(0); printf("cuInit %d\n", r);
  int dev; f("cuDeviceGet")(&dev, 0);
  r = f("cuDeviceGet")(&dev, 5); printf("cuDeviceGet(5) %d %s\n", r, name(r));
  void *ctx; f("cuDevicePrimaryCtxRetain")(&ctx, dev); f("cuCtxSetCurrent")(ctx);
  int optin = 0; f("cuDeviceGetAttribute")(&optin, 97, dev); printf("optin shared %d\n", optin);
  unsigned type = 77; char *host = malloc(4096);
  r = f("cuPointerGetAttribute")(&type, 2, (uint64_t)(uintptr_t)host);
  printf("host malloc: cuPointerGetAttribute(MEMORY_TYPE) %d %s type %u\n", r, name(r), type);
  uint64_t dptr = 0; f("cuMemAlloc_v2")(&dptr, 4096);
  type = 77; r = f("cuPointerGetAttribute")(&type, 2, dptr);
  printf("device: %d type %u (align %llu)\n", r, type, (unsigned long long)(dptr % 256));
  type = 77; r = f("cuPointerGetAttribute")(&type, 2, dptr + 4096 + 100000000ull);
  printf("past device block: %d %s\n", r, name(r));
  void *mod = 0, *fn = 0;
  r = f("cuModuleLoadData")(&mod, ptx); printf("cuModuleLoadData %d %s\n", r, name(r));
  r = f("cuModuleLoadData")(&mod, "garbage"); printf("cuModuleLoadData(garbage) %d %s\n", r, name(r));
  f("cuModuleLoadData")(&mod, ptx);
  f("cuModuleGetFunction")(&fn, mod, "k");
  r = f("cuFuncSetAttribute")(fn, 8, optin + 1024); printf("cuFuncSetAttribute(optin+1024) %d %s\n", r, name(r));
  r = f("cuFuncSetAttribute")(fn, 8, optin); printf("cuFuncSetAttribute(optin) %d\n", r);
  Attr a; memset(&a, 0, sizeof a); a.id = 4; a.v.c.x = 4; a.v.c.y = 1; a.v.c.z = 1;
  Cfg c = {6, 1, 1, 32, 1, 1, 0, 0, &a, 1};
  F ex = (F)dlsym(lib, "cuLaunchKernelEx");
  r = ex(&c, fn, NULL, NULL); printf("cuLaunchKernelEx grid 6 cluster 4: %d %s\n", r, name(r));
  c.gx = 8; r = ex(&c, fn, NULL, NULL); printf("cuLaunchKernelEx grid 8 cluster 4: %d\n", r);
  r = f("cuCtxSynchronize")(); printf("sync %d\n", r);
  {
    /* cuPointerGetAttributes: kind, device, range (run225). */
    int attrs[4] = {2, 9, 11, 12};
    for (int which = 0; which < 3; ++which) {
      uint64_t p = which == 0 ? (uint64_t)(uintptr_t)host : which == 1 ? dptr : dptr + 1000;
      unsigned t = 77; int ord = 77; uint64_t start = 77; size_t size = 77;
      void *data[4] = {&t, &ord, &start, &size};
      F ga = (F)dlsym(lib, "cuPointerGetAttributes");
      r = ga(4, attrs, data, p);
      printf("cuPointerGetAttributes(%s): %d type %u ordinal %d start-offset %lld size %zu\n",
             which == 0 ? "host malloc" : which == 1 ? "device" : "device+1000", r, t, ord,
             (long long)(start ? (int64_t)(p - start) : -1), size);
    }
  }
  r = f("cuMemFree_v2")(dptr + 8); printf("cuMemFree(inner) %d %s\n", r, name(r));
  printf("done\n");
  return 0;
}
