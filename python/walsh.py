"""walsh from Python: y = a * (scale * H_d x) + b through libwalsh's C API.

A thin ctypes binding over include/walsh/walsh.h: no build step, no
dependency beyond the library. Tensors are PyTorch tensors (CPU or CUDA;
float32, float16, bfloat16) or NumPy arrays (CPU; float32, float16), rows
of d with a unit stride in the last dimension. walsh checks every argument
and names it in its error, raised here as WalshError.

    import torch, walsh
    proj = walsh.Projection(4096, "bf16")              # compiled at first use
    y = proj(x, a, b)                                  # x: [rows, 4096] bf16 on cuda:N

On CUDA the launch goes on PyTorch's current stream of x's device and
returns without waiting, as a PyTorch operator does; it may be captured in
a CUDA graph. The library is found through WALSH_LIBRARY, else next to
this file (a source tree's build/lib, or the bundle's lib), else on the
loader's path.
"""
import ctypes
import os

__all__ = ["Projection", "WalshError", "library"]


class WalshError(RuntimeError):
    """A walsh call failed; the message names the argument or the call."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class _DLDevice(ctypes.Structure):
    _fields_ = [("device_type", ctypes.c_int), ("device_id", ctypes.c_int32)]


class _DLDataType(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint8), ("bits", ctypes.c_uint8),
                ("lanes", ctypes.c_uint16)]


class _DLTensor(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("device", _DLDevice),
                ("ndim", ctypes.c_int32), ("dtype", _DLDataType),
                ("shape", ctypes.POINTER(ctypes.c_int64)),
                ("strides", ctypes.POINTER(ctypes.c_int64)),
                ("byte_offset", ctypes.c_uint64)]


class _Spec(ctypes.Structure):
    _fields_ = [("d", ctypes.c_int64), ("dtype", _DLDataType),
                ("transpose", ctypes.c_int32), ("has_scale", ctypes.c_int32),
                ("scale", ctypes.c_double), ("affine", ctypes.c_int32)]


_K_DL_CPU, _K_DL_CUDA = 1, 2
_TARGET = {"cpu": 0, "cuda": 1}
_CACHE_SOURCE = {0: "memory", 1: "disk", 2: "miss"}
# walsh's dtype names -> DLPack (code, bits)
_DTYPES = {"f32": (2, 32), "f16": (2, 16), "bf16": (4, 16)}
_ALIASES = {"float32": "f32", "float16": "f16", "bfloat16": "bf16",
            "half": "f16", "float": "f32"}

_lib = None


def library():
    """libwalsh, loaded once (WALSH_LIBRARY, else beside this file)."""
    global _lib
    if _lib is not None:
        return _lib
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [os.environ.get("WALSH_LIBRARY"),
                  os.path.join(here, "..", "build", "lib", "libwalsh.so"),
                  os.path.join(here, "..", "lib", "libwalsh.so"),
                  "libwalsh.so"]
    errors = []
    for path in candidates:
        if not path or (os.sep in path and not os.path.exists(path)):
            continue
        try:
            lib = ctypes.CDLL(path)
            break
        except OSError as e:
            errors.append(f"{path}: {e}")
    else:
        raise WalshError(None, "libwalsh.so not found (set WALSH_LIBRARY)"
                         + (": " + "; ".join(errors) if errors else ""))
    lib.walsh_last_error.restype = ctypes.c_char_p
    lib.walsh_compile.argtypes = [ctypes.POINTER(_Spec), ctypes.c_int,
                                  ctypes.POINTER(ctypes.c_void_p)]
    lib.walsh_launch.argtypes = [ctypes.c_void_p] + \
        [ctypes.POINTER(_DLTensor)] * 4 + [ctypes.c_void_p]
    lib.walsh_kernel_destroy.argtypes = [ctypes.c_void_p]
    lib.walsh_kernel_destroy.restype = None
    lib.walsh_kernel_stage.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                       ctypes.POINTER(ctypes.c_char_p)]
    lib.walsh_kernel_cache_source.argtypes = [ctypes.c_void_p]
    _lib = lib
    return lib


def _check(status):
    if status != 0:
        raise WalshError(status, library().walsh_last_error().decode())


def _is_torch(t):
    return hasattr(t, "data_ptr") and hasattr(t, "is_cuda")


class _View:
    """A DLTensor over a tensor or array, keeping its shape alive."""

    def __init__(self, t, name):
        # Strides only where the tensor is not compact (an empty array's
        # are zeros in NumPy).
        if _is_torch(t):
            dtype = _ALIASES.get(str(t.dtype).replace("torch.", ""))
            data, shape = t.data_ptr(), tuple(t.shape)
            strides = None if t.is_contiguous() else t.stride()
            device = (_K_DL_CUDA, t.device.index or 0) if t.is_cuda \
                else (_K_DL_CPU, 0)
        elif hasattr(t, "__array_interface__"):
            dtype = _ALIASES.get(str(t.dtype))
            data, shape = t.ctypes.data, tuple(t.shape)
            if any(s % t.itemsize for s in t.strides):
                raise WalshError(1, f"{name}: strides are not whole elements")
            strides = None if t.flags["C_CONTIGUOUS"] else \
                tuple(s // t.itemsize for s in t.strides)
            device = (_K_DL_CPU, 0)
        else:
            raise WalshError(1, f"{name}: expects a torch tensor or a NumPy "
                             f"array, got {type(t).__name__}")
        if dtype is None:
            raise WalshError(1, f"{name}: expects float32, float16 or "
                             f"bfloat16, got {t.dtype}")
        self.shape = (ctypes.c_int64 * len(shape))(*shape)
        self.strides = (ctypes.c_int64 * len(shape))(*strides) \
            if strides is not None else None
        code, bits = _DTYPES[dtype]
        self.dl = _DLTensor(ctypes.c_void_p(data), _DLDevice(*device),
                            len(shape), _DLDataType(code, bits, 1),
                            self.shape, self.strides, 0)
        self.dtype = dtype


class Projection:
    """y = a * (scale * H_d x) + b (or H_d^T with transpose=True), compiled
    for each target at its first call and kept (walsh's own caches make a
    second Projection of the same spec cheap)."""

    def __init__(self, d, dtype="bf16", affine=True, scale=None,
                 transpose=False):
        dtype = _ALIASES.get(dtype, dtype)
        if dtype not in _DTYPES:
            raise WalshError(1, f"dtype: expects f32, f16 or bf16, got {dtype}")
        code, bits = _DTYPES[dtype]
        self.d, self.dtype, self.affine = int(d), dtype, bool(affine)
        self._spec = _Spec(int(d), _DLDataType(code, bits, 1), int(transpose),
                           int(scale is not None),
                           float(scale) if scale is not None else 0.0,
                           int(affine))
        self._kernels = {}

    def kernel(self, target):
        """The compiled kernel handle for "cpu" or "cuda" (compiled now if
        need be; for CUDA, for the current device's architecture)."""
        if target not in self._kernels:
            handle = ctypes.c_void_p()
            _check(library().walsh_compile(ctypes.byref(self._spec),
                                           _TARGET[target],
                                           ctypes.byref(handle)))
            self._kernels[target] = handle
        return self._kernels[target]

    def stage(self, name, target="cuda"):
        """One compilation stage's text ("ptx", "llvm", "asm", ...)."""
        text = ctypes.c_char_p()
        _check(library().walsh_kernel_stage(self.kernel(target),
                                            name.encode(), ctypes.byref(text)))
        return text.value.decode()

    def cache_source(self, target="cuda"):
        """Where the kernel came from: "memory", "disk" or "miss"."""
        return _CACHE_SOURCE[library().walsh_kernel_cache_source(
            self.kernel(target))]

    def __call__(self, x, a=None, b=None, out=None):
        if out is None:
            out = x.new_empty(x.shape) if _is_torch(x) else \
                __import__("numpy").empty_like(x)
        views = [_View(t, n) if t is not None else None
                 for t, n in ((x, "x"), (a, "a"), (b, "b"), (out, "y"))]
        ptr = [ctypes.byref(v.dl) if v else None for v in views]
        cuda = _is_torch(x) and x.is_cuda
        stream = None
        if cuda:
            import torch
            with torch.cuda.device(x.device):
                handle = self.kernel("cuda")
                stream = torch.cuda.current_stream(x.device).cuda_stream
                _check(library().walsh_launch(handle, *ptr, stream))
        else:
            _check(library().walsh_launch(self.kernel("cpu"), *ptr, None))
        return out

    def __del__(self):
        if _lib is not None:
            for handle in getattr(self, "_kernels", {}).values():
                _lib.walsh_kernel_destroy(handle)
