/*===- walsh/walsh.h - the C API: compile and launch with DLPack tensors ---===*
 *
 * A stable C ABI for embedding walsh in ML frameworks. Handles are opaque;
 * tensors are DLPack DLTensors; every function returns a status and, on
 * failure, leaves a message naming the argument in a thread-local buffer
 * (walsh_last_error). Nothing here aborts the host process.
 *
 *   walsh_spec spec = WALSH_SPEC_INIT;
 *   spec.d = 4096;
 *   spec.dtype = (DLDataType){kDLBfloat, 16, 1};
 *   walsh_kernel *k;
 *   if (walsh_compile(&spec, WALSH_TARGET_CUDA, &k) != WALSH_OK)
 *     fprintf(stderr, "%s\n", walsh_last_error());
 *   walsh_launch(k, &x, &a, &b, &y, stream);   // y = a * (H x / sqrt(d)) + b
 *   walsh_kernel_destroy(k);
 *
 * Kernels come from walsh's caches (memory, then WALSH_CACHE_DIR on disk)
 * or are compiled; walsh_kernel_cache_source says which.
 *
 *===----------------------------------------------------------------------===*/
#ifndef WALSH_WALSH_H
#define WALSH_WALSH_H

#include <stddef.h>
#include <stdint.h>

/* This header's version; walsh_version() below gives the library's. CMake
 * reads these three lines for the project's version, so a build's library,
 * tools and header agree. A caller that loads libwalsh at run time (dlopen,
 * ctypes) compares walsh_version() with the version it was written for. */
#define WALSH_VERSION_MAJOR 0
#define WALSH_VERSION_MINOR 1
#define WALSH_VERSION_PATCH 0
#define WALSH_VERSION_STR_(x) #x
#define WALSH_VERSION_XSTR_(x) WALSH_VERSION_STR_(x)
/* "0.1.0" */
#define WALSH_VERSION_STRING                                                   \
  WALSH_VERSION_XSTR_(WALSH_VERSION_MAJOR)                                     \
  "." WALSH_VERSION_XSTR_(WALSH_VERSION_MINOR) "." WALSH_VERSION_XSTR_(        \
      WALSH_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/* DLPack's tensor description (ABI of dlpack.h v0.8 and later), unless the
 * includer already brought dlpack.h. */
#ifndef DLPACK_VERSION
typedef enum {
  kDLCPU = 1,
  kDLCUDA = 2,
  kDLCUDAHost = 3,
  kDLCUDAManaged = 13
} DLDeviceType;
typedef struct {
  DLDeviceType device_type;
  int32_t device_id;
} DLDevice;
typedef enum {
  kDLInt = 0,
  kDLUInt = 1,
  kDLFloat = 2,
  kDLOpaqueHandle = 3,
  kDLBfloat = 4,
  kDLComplex = 5,
  kDLBool = 6
} DLDataTypeCode;
typedef struct {
  uint8_t code;
  uint8_t bits;
  uint16_t lanes;
} DLDataType;
typedef struct {
  void *data;
  DLDevice device;
  int32_t ndim;
  DLDataType dtype;
  int64_t *shape;
  int64_t *strides; /* in elements; NULL: compact row-major */
  uint64_t byte_offset;
} DLTensor;
#endif

typedef enum {
  WALSH_OK = 0,
  WALSH_ERROR_INVALID_ARGUMENT = 1, /* a bad spec, tensor or handle */
  WALSH_ERROR_UNSUPPORTED = 2,      /* a valid request walsh cannot do
                                       (a tensor on a CUDA device past
                                       63) */
  WALSH_ERROR_COMPILE = 3,          /* the compiler failed */
  WALSH_ERROR_NO_DEVICE = 4,        /* no GPU or no CUDA driver */
  WALSH_ERROR_RUNTIME = 5           /* the CUDA driver failed a call (a
                                       load, a launch, a context switch) */
} walsh_status;

typedef enum { WALSH_TARGET_CPU = 0, WALSH_TARGET_CUDA = 1 } walsh_target;

typedef enum {
  WALSH_CACHE_MEMORY = 0,
  WALSH_CACHE_DISK = 1,
  WALSH_CACHE_MISS = 2
} walsh_cache_source;

/* y = a (.) (scale * H_d x) + b over rows x of length d. */
typedef struct {
  int64_t d;            /* 2^k or m * 2^k, m in {12, 20, ..., 60}, <= 65536 */
  DLDataType dtype;     /* float32, float16 or bfloat16 (lanes 1) */
  int32_t transpose;    /* nonzero: H_d^T (the backward pass) */
  int32_t has_scale;    /* zero: scale = 1/sqrt(d) */
  double scale;
  int32_t affine;       /* nonzero: a and b are given */
} walsh_spec;

#define WALSH_SPEC_INIT                                                        \
  { 0, {2, 32, 1}, 0, 0, 0.0, 1 }

typedef struct walsh_kernel walsh_kernel;

/* The last failure's message on this thread ("" when none). Valid until the
 * next walsh call on this thread. */
const char *walsh_last_error(void);

/* The version libwalsh was built as ("0.1.0"; WALSH_VERSION_STRING of the
 * header it was built with). Static storage; never fails. */
const char *walsh_version(void);

/* Compiles (or finds in the caches) the kernel for `spec` on `target`: the
 * CPU of this process, or the current CUDA device (that of the calling
 * thread's current context, as cudaSetDevice or torch.cuda.set_device set
 * it), for its architecture. Where no context is current, device 0's
 * primary context is made current, as the CUDA runtime's first call on a
 * thread would; a current context is left as it was. */
walsh_status walsh_compile(const walsh_spec *spec, walsh_target target,
                           walsh_kernel **out);

/* How walsh_compile_for_shape picks the kernel's configuration: the tuning
 * database's bucket for the shape, else the nearest bucket of the same spec
 * by rows (whatever heads and head_dim it was tuned as), else the
 * default, never timing anything (DB_ONLY: deterministic); or tuning a
 * missing bucket now and saving it (TUNE_ON_MISS; the same spec at the same
 * rows tuned as another heads x head_dim is no miss); or the default alone
 * (HEURISTIC). The database is the device's file under the cache directory
 * (WALSH_CACHE_DIR, default ~/.cache/walsh; `walsh tune` fills it). */
typedef enum {
  WALSH_TUNE_DB_ONLY = 0,
  WALSH_TUNE_ON_MISS = 1,
  WALSH_TUNE_HEURISTIC = 2
} walsh_tune_mode;

/* The shape a kernel will run on: rows = batch * seq, d = heads * head_dim
 * (heads = 1, head_dim = d when there are no heads to speak of). Each at
 * least 1, heads * head_dim equal to spec->d and batch * seq at most 2^62
 * (products checked, not wrapped), else WALSH_ERROR_INVALID_ARGUMENT. */
typedef struct {
  int64_t batch, seq, heads, head_dim;
} walsh_shape;

/* walsh_compile, with the configuration chosen for `shape` under `mode`
 * (on the CPU the tuned vector width, levels and stores; rows are still
 * split over every hardware thread). */
walsh_status walsh_compile_for_shape(const walsh_spec *spec,
                                     walsh_target target,
                                     const walsh_shape *shape,
                                     walsh_tune_mode mode, walsh_kernel **out);

/* Where the kernel's configuration came from: "default", "db-exact",
 * "db-nearest" or "tuned" (NULL kernel: ""). */
const char *walsh_kernel_config_source(const walsh_kernel *kernel);

/* Runs the kernel: x and y are [rows, d] (or [d], or [..., d] whose
 * leading dimensions are one run of rows: each one's stride the next one's
 * times that one's size, as in a contiguous [batch, seq, d]) with a unit
 * stride in the last dimension; a and b are [d] (NULL when the spec has no
 * affine). On
 * the CPU the rows are split over every hardware thread and `stream` must
 * be NULL; on CUDA the launch goes on `stream` (a CUstream; NULL: the
 * default stream) and returns without waiting. Zero rows is a no-op.
 * CUDA tensors may be on any device, all on x's: the kernel runs there
 * (loaded into that device's primary context at its first launch there; a
 * device of another architecture than the one compiled for fails then).
 * `stream` must belong to that device's primary context (the CUDA
 * runtime's, and so PyTorch's streams); on the default stream walsh makes
 * that context current for the launch and restores the caller's (where
 * none was current, it stays current). */
walsh_status walsh_launch(const walsh_kernel *kernel, const DLTensor *x,
                          const DLTensor *a, const DLTensor *b, DLTensor *y,
                          void *stream);

/* The text of one compilation stage ("walsh", "stages", "llvm", "asm",
 * "ptx", "sass", ...: those of `walsh inspect`), owned by the kernel. A
 * CPU kernel's "asm" and a CUDA kernel's "sass" are made on the first
 * request; "sass" needs the CUDA toolkit's cuobjdump or nvdisasm and a
 * cubin (WALSH_ERROR_UNSUPPORTED where the machine lacks them). */
walsh_status walsh_kernel_stage(const walsh_kernel *kernel, const char *stage,
                                const char **text);

/* Where the kernel came from. */
walsh_cache_source walsh_kernel_cache_source(const walsh_kernel *kernel);

/* The fused attention epilogue after the affine (README, "The fused
 * attention epilogue"): h = residual + y, then the next sublayer's norm of
 * h written besides it. A separate struct, so that walsh_spec's layout
 * stays as it was. */
typedef enum {
  WALSH_NORM_NONE = 0,
  WALSH_NORM_RMS = 1,  /* n = h / sqrt(mean(h^2) + eps) * weight */
  WALSH_NORM_LAYER = 2 /* n = (h - mean) / sqrt(var + eps) * weight + bias */
} walsh_norm;

typedef struct {
  int32_t residual; /* nonzero: h = residual + y */
  walsh_norm norm;
  double eps; /* > 0 with a norm */
  /* The output cast: y (and the residual, norm_weight, norm_bias and
   * normed) in this type, the fp32 result rounded once as it is stored;
   * {0, 0, 0}: spec.dtype (no cast). x, a and b stay in spec.dtype. */
  DLDataType out_dtype;
} walsh_epilogue;

#define WALSH_EPILOGUE_INIT                                                    \
  { 0, WALSH_NORM_NONE, 1e-6, { 0, 0, 0 } }

/* walsh_compile (shape NULL) or walsh_compile_for_shape with a fused
 * epilogue (NULL: none). The epilogue is part of the kernel's cache and
 * tuning keys. */
walsh_status walsh_compile_fused(const walsh_spec *spec,
                                 const walsh_epilogue *epilogue,
                                 walsh_target target, const walsh_shape *shape,
                                 walsh_tune_mode mode, walsh_kernel **out);

/* Checks `spec` with `epilogue` (NULL: none) as walsh_compile_fused would,
 * without compiling anything or touching a device: WALSH_OK, or
 * WALSH_ERROR_INVALID_ARGUMENT with walsh_last_error naming the field
 * ("spec.d: expects 2^k or m * 2^k ..."). For a binding that takes a spec
 * at construction and compiles later. */
walsh_status walsh_check_spec(const walsh_spec *spec,
                              const walsh_epilogue *epilogue);

/* walsh_launch for a kernel with an epilogue: `residual` ([rows, d], may be
 * y itself: an in-place update of the residual stream) with a residual;
 * with a norm, `norm_weight` ([d]), `norm_bias` ([d], LayerNorm only) and
 * `normed` ([rows, d], written). Tensors the kernel does not take must be
 * NULL. walsh_launch refuses a kernel with an epilogue. */
walsh_status walsh_launch_fused(const walsh_kernel *kernel, const DLTensor *x,
                                const DLTensor *a, const DLTensor *b,
                                const DLTensor *residual,
                                const DLTensor *norm_weight,
                                const DLTensor *norm_bias, DLTensor *y,
                                DLTensor *normed, void *stream);

/* The attention prologue before the transform (README, "The attention
 * prologue"): the input's layout, the split-KV combine, or only the
 * cross-head factor. A separate struct, like walsh_epilogue. */
typedef enum {
  WALSH_LAYOUT_ROWS = 0, /* x is [rows, d] (also [batch, seq, heads, hd]) */
  WALSH_LAYOUT_BHSD = 1  /* x is [batch, heads, seq, head_dim], compact */
} walsh_layout;

typedef struct {
  walsh_layout layout;
  /* 0, or K >= 2: x holds K split-KV partial outputs [K, rows, d] (rows
   * packed one split after another) and lse their log-sum-exp [K, rows,
   * heads], float32, compact: O = sum_k exp(lse_k - lse) O_k per head. */
  int64_t splits;
  /* nonzero: x holds unnormalised accumulators [rows, d] and `stats` their
   * softmax row sums [rows, heads], float32, compact: O = acc / sum per
   * head. Not with splits or BHSD. */
  int32_t row_sum;
  int64_t head_dim; /* with WALSH_LAYOUT_BHSD, splits or row_sum; else 0 */
  /* 0, or head_dim: only the cross-head factor of H_heads (x) H_head_dim;
   * the rows have had H_head_dim / sqrt(head_dim) applied per head. */
  int64_t cross_head_only;
} walsh_prologue;

#define WALSH_PROLOGUE_INIT                                                    \
  { WALSH_LAYOUT_ROWS, 0, 0, 0, 0 }

/* walsh_compile_fused with a prologue as well (either may be NULL: none).
 * The prologue is part of the kernel's cache and tuning keys. */
walsh_status walsh_compile_attention(const walsh_spec *spec,
                                     const walsh_prologue *prologue,
                                     const walsh_epilogue *epilogue,
                                     walsh_target target,
                                     const walsh_shape *shape,
                                     walsh_tune_mode mode, walsh_kernel **out);

/* walsh_launch_fused for any kernel, with the prologue's tensors: x as the
 * prologue says ([rows, d]; [batch, heads, seq, head_dim] for BHSD, y then
 * [batch * seq, d]; [K, rows, d] with splits), `stats` the log-sum-exp
 * with splits or the row sums with row_sum (else NULL). walsh_launch and
 * walsh_launch_fused refuse a kernel with a prologue other than
 * cross_head_only. */
walsh_status walsh_launch_attention(const walsh_kernel *kernel,
                                    const DLTensor *x, const DLTensor *stats,
                                    const DLTensor *a, const DLTensor *b,
                                    const DLTensor *residual,
                                    const DLTensor *norm_weight,
                                    const DLTensor *norm_bias, DLTensor *y,
                                    DLTensor *normed, void *stream);

void walsh_kernel_destroy(walsh_kernel *kernel);

#ifdef __cplusplus
}
#endif

#endif /* WALSH_WALSH_H */
