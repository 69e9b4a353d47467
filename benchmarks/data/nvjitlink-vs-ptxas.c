/* nvjitlink-vs-ptxas.c: PTX -> cubin in process through libnvJitLink
 * (dlopen'ed) against the ptxas process walsh runs today, on the same PTX
 * files, in turn, three rounds each (issue 5's cold compile; a measurement,
 * not part of walsh).
 *
 *   cc -O2 nvjitlink-vs-ptxas.c -o nvjl -ldl
 *   ./nvjl PTAXS_PATH FILE.ptx...     (LD_LIBRARY_PATH holding libnvJitLink.so.13)
 *
 * Prints dlopen's time, then per file and round: nvJitLink ms, ptxas ms
 * (`ptxas -arch=sm_90 -O3 FILE -o TMP`, through posix_spawn and waitpid)
 * and whether the two cubins' bytes are equal; round 0's cubins are kept
 * beside each FILE as FILE.nvjl.cubin and FILE.ptxas.cubin (to compare their
 * SASS with cuobjdump).
 */
#include <dlfcn.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
extern char **environ;
typedef void *H;
typedef int (*createF)(H *, unsigned, const char *const *);
typedef int (*addF)(H, int, const void *, size_t, const char *);
typedef int (*completeF)(H);
typedef int (*sizeF)(H, size_t *);
typedef int (*getF)(H, void *);
typedef int (*destroyF)(H *);
static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}
static char *readAll(const char *p, long *n) {
  FILE *f = fopen(p, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  *n = ftell(f);
  rewind(f);
  char *buf = malloc(*n + 1);
  if (fread(buf, 1, *n, f) != (size_t)*n) {
    fclose(f);
    free(buf);
    return NULL;
  }
  buf[*n] = 0;
  fclose(f);
  return buf;
}
int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s PTXAS FILE.ptx...\n", argv[0]);
    return 2;
  }
  double t0 = now();
  void *lib = dlopen("libnvJitLink.so.13", RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  createF create = (createF)dlsym(lib, "nvJitLinkCreate");
  addF add = (addF)dlsym(lib, "nvJitLinkAddData");
  completeF complete = (completeF)dlsym(lib, "nvJitLinkComplete");
  sizeF csize = (sizeF)dlsym(lib, "nvJitLinkGetLinkedCubinSize");
  getF cget = (getF)dlsym(lib, "nvJitLinkGetLinkedCubin");
  sizeF esize = (sizeF)dlsym(lib, "nvJitLinkGetErrorLogSize");
  getF eget = (getF)dlsym(lib, "nvJitLinkGetErrorLog");
  destroyF destroy = (destroyF)dlsym(lib, "nvJitLinkDestroy");
  if (!create || !add || !complete || !csize || !cget || !destroy) {
    fprintf(stderr, "dlsym failed\n");
    return 1;
  }
  printf("dlopen libnvJitLink.so.13: %.1f ms\n", now() - t0);
  for (int i = 2; i < argc; ++i) {
    long n;
    char *ptx = readAll(argv[i], &n);
    if (!ptx) {
      fprintf(stderr, "cannot read %s\n", argv[i]);
      return 1;
    }
    for (int round = 0; round < 3; ++round) {
      double t = now();
      H h;
      const char *opts[] = {"-arch=sm_90", "-O3"};
      int r = create(&h, 2, opts);
      if (!r)
        r = add(h, 2 /* NVJITLINK_INPUT_PTX */, ptx, n + 1, "kernel.ptx");
      if (!r)
        r = complete(h);
      size_t cs = 0;
      if (!r)
        r = csize(h, &cs);
      char *cubin = malloc(cs + 1);
      if (!r)
        r = cget(h, cubin);
      if (r) {
        size_t es = 0;
        esize(h, &es);
        char *e = calloc(es + 1, 1);
        eget(h, e);
        fprintf(stderr, "nvJitLink %d on %s: %s\n", r, argv[i], e);
        return 1;
      }
      destroy(&h);
      double jl = now() - t;
      t = now();
      char *args[] = {argv[1], "-arch=sm_90", "-O3", argv[i], "-o",
                      "/tmp/nvjl-ptxas.cubin", NULL};
      pid_t pid;
      int status = -1;
      if (posix_spawn(&pid, argv[1], NULL, NULL, args, environ) != 0 ||
          waitpid(pid, &status, 0) < 0 || status != 0) {
        fprintf(stderr, "ptxas failed on %s\n", argv[i]);
        return 1;
      }
      double px = now() - t;
      long pn;
      char *pc = readAll("/tmp/nvjl-ptxas.cubin", &pn);
      int same = pc && (size_t)pn == cs && memcmp(pc, cubin, cs) == 0;
      if (round == 0 && pc) {
        char path[4096];
        const char *kinds[] = {"nvjl", "ptxas"};
        const char *bytes[] = {cubin, pc};
        size_t sizes[] = {cs, (size_t)pn};
        for (int k = 0; k < 2; ++k) {
          snprintf(path, sizeof path, "%s.%s.cubin", argv[i], kinds[k]);
          FILE *o = fopen(path, "wb");
          if (!o || fwrite(bytes[k], 1, sizes[k], o) != sizes[k]) {
            fprintf(stderr, "cannot write %s\n", path);
            return 1;
          }
          fclose(o);
        }
      }
      printf("%s round %d: nvJitLink %.1f ms, ptxas %.1f ms, cubin %zu / %ld "
             "bytes%s\n",
             argv[i], round, jl, px, cs, pn, same ? ", equal" : ", differ");
      free(pc);
      free(cubin);
    }
    free(ptx);
  }
  return 0;
}
