"""walsh from Python: y = a * (scale * H_d x) + b through libwalsh's C API.

A thin ctypes binding over the C API (walsh/walsh.h): no build step, no
dependency beyond the library. Tensors are PyTorch tensors (CPU or CUDA;
float32, float16, bfloat16) or NumPy arrays (CPU; float32, float16), rows
of d with a unit stride in the last dimension. walsh checks every argument
and names it in its error, raised here as WalshError.

    import torch, walsh
    proj = walsh.Projection(4096, "bf16")              # compiled at first use
    y = proj(x, a, b)                                  # x: [rows, 4096] bf16 on cuda:N
    block = walsh.Projection(4096, "bf16", residual=True, norm="rms")
    h, n = block(x, a, b, residual=h, norm_weight=w, out=h)  # fused, in place

On CUDA the launch goes on PyTorch's current stream of x's device and
returns without waiting, as a PyTorch operator does; it may be captured in
a CUDA graph.

With PyTorch, walsh.outproj(x, a, b) is an operator (torch.library's
walsh::outproj) with autograd, traceable by torch.compile without a graph
break, and walsh.OutputProjection(d) a drop-in module for the attention
output projection nn.Linear(d, d): its a (ones) and b (zeros) are its
2 d parameters.

    out = walsh.OutputProjection(4096, dtype=torch.bfloat16, device="cuda")
    y = out(attn)                                      # attn: [..., 4096]
    y.float().sum().backward()                         # grads of attn, a, b

The library is WALSH_LIBRARY's where that is set (or an error naming
it), else found next to this file (a
source tree's build/lib, the bundle's lib, or an install's PREFIX/lib
beside PREFIX/lib/python3/dist-packages), else on the loader's path (as
libwalsh.so.MAJOR.MINOR of this binding's version, its soname, then as
libwalsh.so);
one whose walsh_version() differs from this binding's __version__ in its
major or minor number is refused, by path, at first use.
"""
import ctypes
import math
import operator
import os
import re
import struct
import threading

# (outproj and OutputProjection, which need PyTorch, are made at first use
# and so not in __all__: "from walsh import *" must work without it.)
__all__ = ["Projection", "WalshError", "library"]

# The C API version this binding is written for (walsh.h's WALSH_VERSION_*;
# the Python test checks that the library built beside it says the same).
__version__ = "0.1.0"


class WalshError(RuntimeError):
    """A walsh call failed; the message names the argument or the call."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class _DLDataType(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint8), ("bits", ctypes.c_uint8),
                ("lanes", ctypes.c_uint16)]


class _Spec(ctypes.Structure):
    _fields_ = [("d", ctypes.c_int64), ("dtype", _DLDataType),
                ("transpose", ctypes.c_int32), ("has_scale", ctypes.c_int32),
                ("scale", ctypes.c_double), ("affine", ctypes.c_int32)]


class _Shape(ctypes.Structure):
    _fields_ = [("batch", ctypes.c_int64), ("seq", ctypes.c_int64),
                ("heads", ctypes.c_int64), ("head_dim", ctypes.c_int64)]


def _rows_bucket(rows):
    """The power of two at or above rows (1 for 0 and 1): the tuning
    database's bucket, and the row count a kernel is chosen for."""
    return 1 << (rows - 1).bit_length() if rows > 1 else 1


class _Epilogue(ctypes.Structure):
    _fields_ = [("residual", ctypes.c_int32), ("norm", ctypes.c_int),
                ("eps", ctypes.c_double), ("out_dtype", _DLDataType)]


_NORMS = {None: 0, "rms": 1, "layer": 2}
_K_DL_CPU, _K_DL_CUDA = 1, 2
_TARGET = {"cpu": 0, "cuda": 1}
_TUNE_DB_ONLY = 0  # the tuning database's entry, else walsh's default
_TUNE_ON_MISS = 1  # the entry, else measured now and saved
_TUNE_HEURISTIC = 2  # with no shape, the default configuration
_CACHE_SOURCE = {0: "memory", 1: "disk", 2: "miss"}
# walsh's dtype names -> DLPack (code, bits)
_DTYPES = {"f32": (2, 32), "f16": (2, 16), "bf16": (4, 16)}
_ALIASES = {"float32": "f32", "float16": "f16", "bfloat16": "bf16",
            "half": "f16", "float": "f32"}
_DL_NAMES = {"f32": "float32", "f16": "float16", "bf16": "bfloat16"}
_CODE_BITS = {v: k for k, v in _DTYPES.items()}

_lib = None


def _search(here):
    """(library, path) from the places WALSH_LIBRARY stands in for."""
    candidates = [os.path.join(here, "..", "build", "lib", "libwalsh.so"),
                  os.path.join(here, "..", "lib", "libwalsh.so"),
                  # `cmake --install`: PREFIX/lib/python3/dist-packages
                  os.path.join(here, "..", "..", "libwalsh.so"),
                  # The loader's path: this binding's ABI by its soname
                  # (what ldconfig's cache holds), then the link name.
                  "libwalsh.so." + ".".join(__version__.split(".")[:2]),
                  "libwalsh.so"]
    errors, found = [], False
    for path in candidates:
        if os.sep in path and not os.path.exists(path):
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            errors.append(f"{path}: {e}")
            found = found or os.sep in path
    # A file found that would not load (a missing dependency, no memory to
    # map it) is said so, not "not found".
    if found:
        raise WalshError(None, "libwalsh.so cannot be loaded (set "
                         "WALSH_LIBRARY): " + "; ".join(errors))
    raise WalshError(None, "libwalsh.so not found (set WALSH_LIBRARY)"
                     + (": " + "; ".join(errors) if errors else ""))


def library():
    """libwalsh, loaded once (WALSH_LIBRARY, else beside this file)."""
    global _lib
    if _lib is not None:
        return _lib
    here = os.path.dirname(os.path.abspath(__file__))
    named = os.environ.get("WALSH_LIBRARY")
    if named:
        # The one asked for, or an error naming it: never another libwalsh
        # in its place (until 2026-12-06 the search went on past it).
        if os.sep in named and not os.path.exists(named):
            raise WalshError(None, f"WALSH_LIBRARY={named}: no such file")
        try:
            lib, path = ctypes.CDLL(named), named
        except OSError as e:
            raise WalshError(None, f"WALSH_LIBRARY={named}: cannot be "
                             f"loaded: {e}") from None
    else:
        lib, path = _search(here)
    try:
        lib.walsh_version.restype = ctypes.c_char_p
        have = lib.walsh_version().decode()
    except AttributeError:
        # (Another library, or a libwalsh from before walsh_version; until
        # 2026-12-06 both read as "libwalsh older than 0.1.0".)
        raise WalshError(None, f"{path}: has no walsh_version: not "
                         "libwalsh, or one older than 0.1.0 (set "
                         "WALSH_LIBRARY to a matching libwalsh)") from None
    if have.split(".")[:2] != __version__.split(".")[:2]:
        raise WalshError(None, f"{path}: libwalsh {have}, but this binding "
                         f"is written for {__version__} (set WALSH_LIBRARY "
                         "to a matching libwalsh)")
    lib.walsh_last_error.restype = ctypes.c_char_p
    lib.walsh_compile_fused.argtypes = [
        ctypes.POINTER(_Spec), ctypes.POINTER(_Epilogue), ctypes.c_int,
        ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_void_p)]
    try:
        lib.walsh_check_spec.argtypes = [ctypes.POINTER(_Spec),
                                         ctypes.POINTER(_Epilogue)]
    except AttributeError:
        raise WalshError(None, f"{path}: libwalsh {have} has no "
                         "walsh_check_spec (a build before 2026-12-05; set "
                         "WALSH_LIBRARY to a matching libwalsh)") from None
    # The tensors as addresses of packed DLTensors (_Slot); every kernel
    # launches through walsh_launch_fused (NULL for what it does not take).
    lib.walsh_launch_fused.argtypes = [ctypes.c_void_p] * 10
    lib.walsh_kernel_destroy.argtypes = [ctypes.c_void_p]
    lib.walsh_kernel_destroy.restype = None
    lib.walsh_kernel_stage.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                       ctypes.POINTER(ctypes.c_char_p)]
    lib.walsh_kernel_cache_source.argtypes = [ctypes.c_void_p]
    lib.walsh_kernel_config_source.argtypes = [ctypes.c_void_p]
    lib.walsh_kernel_config_source.restype = ctypes.c_char_p
    _lib = lib
    return lib


# The C API names what it refuses as walsh.h does; this binding's callers
# know the arguments by their Python names (`out=`, Projection's `d`,
# `scale` and `eps`) and pass None where C passes NULL. (Until 2026-12-06
# a Python caller read "y: ...", "spec.d: ...", "pass NULL".)
_PYTHON_NAMES = {"spec.d": "d", "spec.scale": "scale", "epilogue.eps": "eps"}
# A launch's refusal names y (`out` here) at its head or again in its text
# ("normed: overlaps y", "rows of y are written"): every such y is `out`.
_LAUNCH_TENSORS = {"x", "y", "a", "b", "residual", "norm_weight", "norm_bias",
                   "normed"}
_Y = re.compile(r"(?<![\w.'])y(?!\w)")


def _python_message(message):
    head, sep, rest = message.partition(": ")
    if sep and head in _LAUNCH_TENSORS:
        message = _Y.sub("out", message)
    elif sep and head in _PYTHON_NAMES:
        message = _PYTHON_NAMES[head] + sep + rest
    return message.replace("got NULL", "got None").replace("pass NULL",
                                                           "pass None")


def _check(status):
    if status != 0:
        # A path in the message need not be UTF-8: its other bytes as \xff.
        raise WalshError(status, _python_message(
            library().walsh_last_error().decode(errors="backslashreplace")))


def _is_torch(t):
    return type(t).__module__.startswith("torch")


_TORCH_DTYPES = None  # torch.dtype -> (code, bits), filled at first use
# NumPy's little-endian type strings (NumPy has no bfloat16)
_NUMPY_TYPES = {"<f4": _DTYPES["f32"], "<f2": _DTYPES["f16"]}


def _torch_dtypes():
    global _TORCH_DTYPES
    if _TORCH_DTYPES is None:
        import torch
        _TORCH_DTYPES = {torch.float32: _DTYPES["f32"],
                         torch.float16: _DTYPES["f16"],
                         torch.bfloat16: _DTYPES["bf16"]}
    return _TORCH_DTYPES


# DLTensor on x86-64 and aarch64: data, device (type, id), ndim, dtype
# (code, bits, lanes), shape, strides, byte_offset; 48 bytes.
_DL_LAYOUT = struct.Struct("<QiiiBBHQQQ")
_FOUR = struct.Struct("<4q")
_MAX_DIMS = 8  # a slot's room for shape and strides
_STRIDES_AT = 48 + 8 * _MAX_DIMS
assert _DL_LAYOUT.size == 48


class _Slot:
    """One argument's DLTensor (48 bytes), its shape and its strides, packed
    into one buffer that is refilled at every call: a ctypes structure's
    field by field stores cost the binding microseconds a tensor."""

    def __init__(self, name):
        self.name = name
        self.buf = bytearray(48 + 2 * 8 * _MAX_DIMS)
        self.addr = ctypes.addressof(ctypes.c_char.from_buffer(self.buf))

    def fill(self, t, written=False):
        name = self.name
        if type(t).__module__.startswith("torch"):
            # Five questions to the tensor (each costs PyTorch's dispatch).
            code_bits = _torch_dtypes().get(t.dtype)
            shape = t.shape
            index = t.get_device()  # -1 on the CPU
            device = (_K_DL_CUDA, index) if index >= 0 else (_K_DL_CPU, 0)
            try:
                data = t.data_ptr()
            except RuntimeError:
                # (A sparse or other non-strided layout has no data
                # pointer: PyTorch's RuntimeError until 2026-12-06.)
                raise WalshError(1, f"{name}: expects a dense (strided) "
                                 f"tensor, got layout {t.layout}") from None
            if not data and t.device.type not in ("cpu", "cuda"):
                # ("has a NULL data pointer" for a meta tensor before.)
                raise WalshError(1, f"{name}: expects a tensor on the CPU "
                                 f"or a CUDA device, got {t.device}")
            strides = t.stride()
        elif hasattr(t, "__array_interface__"):
            # One dictionary: the data pointer, the shape, the type and the
            # strides in bytes (None when compact).
            face = t.__array_interface__
            code_bits = _NUMPY_TYPES.get(face["typestr"])
            shape = face["shape"]
            device = (_K_DL_CPU, 0)
            data, read_only = face["data"]
            if written and read_only:
                # (np.frombuffer over bytes, a broadcast view, or
                # setflags(write=False): the kernel would write through.)
                raise WalshError(1, f"{name}: is read-only; expects a "
                                 "writeable array for the kernel's output")
            strides = face["strides"]
            if strides is not None:
                item = t.itemsize
                if any(s % item for s in strides):
                    raise WalshError(1, f"{name}: strides are not whole "
                                     "elements")
                strides = tuple(s // item for s in strides)
        else:
            raise WalshError(1, f"{name}: expects a torch tensor or a NumPy "
                             f"array, got {type(t).__name__}")
        if code_bits is None:
            raise WalshError(1, f"{name}: expects float32, float16 or "
                             f"bfloat16, got {t.dtype}")
        n = len(shape)
        if n > _MAX_DIMS:
            raise WalshError(1, f"{name}: expects at most {_MAX_DIMS} "
                             f"dimensions, got {n}")
        buf, addr = self.buf, self.addr
        self.code_bits = code_bits
        self.cuda = device[0] == _K_DL_CUDA
        self.shape = shape
        if n == 2 and strides is not None:  # the usual rows
            _FOUR.pack_into(buf, 48, shape[0], shape[1], 0, 0)
            _FOUR.pack_into(buf, _STRIDES_AT, strides[0], strides[1], 0, 0)
        else:
            struct.pack_into(f"<{n}q", buf, 48, *shape)
            if strides is not None:
                struct.pack_into(f"<{n}q", buf, _STRIDES_AT, *strides)
        _DL_LAYOUT.pack_into(buf, 0, data, device[0], device[1], n,
                             code_bits[0], code_bits[1], 1, addr + 48,
                             0 if strides is None else addr + _STRIDES_AT,
                             0)
        return addr


_slots = threading.local()


def _thread_slots():
    slots = getattr(_slots, "slots", None)
    if slots is None:
        slots = _slots.slots = tuple(
            _Slot(n) for n in ("x", "a", "b", "residual", "norm_weight",
                               "norm_bias", "out", "normed"))
    return slots


def _raw_stream(x):
    """PyTorch's current stream of x's device, as a CUstream (the raw
    getter, as Triton uses, else the public one)."""
    import torch
    get = getattr(torch._C, "_cuda_getCurrentRawStream", None)
    if get is not None:
        return get(x.get_device())
    return torch.cuda.current_stream(x.device).cuda_stream


def _real(value, name):
    """`value` as a float, or an error naming the argument (a bool or a
    string is no number here, as neither is a d)."""
    try:
        if isinstance(value, (bool, str, bytes)):
            raise TypeError
        return float(value)
    except (TypeError, ValueError):
        raise WalshError(1, f"{name}: expects a real number, got "
                         f"{value!r}") from None


def _flag(value, name):
    """`value` as a bool: True or False (a NumPy bool, or the integers 0
    and 1, as C's flags); anything else an error naming the argument
    (until 2026-12-06 truthiness: transpose="false" transposed)."""
    if getattr(getattr(value, "dtype", None), "kind", None) == "b" and \
            getattr(value, "shape", None) == ():
        return bool(value)
    if not isinstance(value, (str, bytes, float)):
        try:
            if operator.index(value) in (0, 1):
                return bool(value)
        except TypeError:
            pass
    raise WalshError(1, f"{name}: expects True or False, got {value!r}")


def _type_name(value, name):
    """"f32", "f16" or "bf16" for a name of one ("float32", "half", ...),
    a NumPy type or a torch dtype; anything else an error naming the
    argument (until 2026-12-06 a list or a dict was Python's "unhashable
    type", and a torch dtype was refused)."""
    given = value
    if not isinstance(value, str):
        module = getattr(value, "__module__", None) or \
            type(value).__module__
        if module.startswith("torch") and str(value).startswith("torch."):
            value = str(value)[len("torch."):]
        elif module.startswith("numpy"):
            import numpy
            try:
                value = numpy.dtype(value).name
            except TypeError:
                pass
    if isinstance(value, str):
        value = _ALIASES.get(value, value)
        if value in _DTYPES:
            return value
    raise WalshError(1, f"{name}: expects f32, f16 or bf16, got "
                     + (given if isinstance(given, str) else repr(given)))


def _dimension(d):
    """d as an int64, or an error naming it (int() would take 256.5 as 256;
    a bool is no size; ctypes would keep the low 64 bits of 2**64 + 256)."""
    try:
        if isinstance(d, bool):
            raise TypeError
        d = operator.index(d)
    except TypeError:
        raise WalshError(1, f"d: expects an integer, got {d!r}") from None
    if not -2**63 <= d < 2**63:
        raise WalshError(1, f"d: expects an int64, got {d}")
    return d


def _refuse_grad(**tensors):
    """As PyTorch's out= operators refuse: with grad mode on, a tensor that
    requires grad would leave autograd's graph without a word (gradients
    silently missing in training). Until 2026-12-06 walsh ran it."""
    import torch
    if not torch.is_grad_enabled():
        return
    name = next(n for n, t in tensors.items()
                if getattr(t, "requires_grad", False))
    raise WalshError(1, f"{name}: requires grad, and a Projection call is "
                     "not recorded by autograd; use walsh.outproj (which is), "
                     "or call it under torch.no_grad()")


class Projection:
    """y = a * (scale * H_d x) + b (or H_d^T with transpose=True), compiled
    for each target and power-of-two bucket of rows at its first call there
    and kept (walsh's own caches make a second Projection of the same spec
    cheap). A bucket's configuration is the device's tuning database's for
    the spec at those rows (`walsh tune`; the nearest tuned rows), else
    walsh's default for them, as `walsh run` chooses.

    The fused attention epilogue: residual=True writes h = residual + y
    (the residual stream) into y; norm="rms" or "layer" (eps, default
    1e-6; given without a norm it is refused) also writes the next
    sublayer's norm of h into `normed`; out_dtype casts y (and
    the residual, the norm's weight and bias, normed) to another type.
    """

    def __init__(self, d, dtype="bf16", affine=True, scale=None,
                 transpose=False, residual=False, norm=None, eps=None,
                 out_dtype=None):
        dtype = _type_name(dtype, "dtype")
        if norm is not None and not (isinstance(norm, str) and
                                     norm in _NORMS):
            raise WalshError(1, "norm: expects None, rms or layer, got "
                             + (norm if isinstance(norm, str) else
                                repr(norm)))
        out = None if out_dtype is None else _type_name(out_dtype,
                                                        "out_dtype")
        d = _dimension(d)
        affine, transpose = _flag(affine, "affine"), _flag(transpose,
                                                            "transpose")
        residual = _flag(residual, "residual")
        scale = None if scale is None else _real(scale, "scale")
        # The norm's, as `walsh run --eps` (until 2026-12-07 an eps without
        # a norm was taken and went unused).
        if eps is not None:
            eps = _real(eps, "eps")
            if norm is None:
                raise WalshError(1, "eps: the norm's epsilon; give norm='rms' "
                                 "or 'layer' with it")
        code, bits = _DTYPES[dtype]
        # What a copy is made from (__reduce__).
        self._args = (d, dtype, affine, scale, transpose, residual, norm,
                      eps, out)
        self.d, self.dtype, self.affine = d, dtype, affine
        self.residual, self.norm = residual, norm
        self.out_dtype = out or dtype
        self._spec = _Spec(d, _DLDataType(code, bits, 1), int(transpose),
                           int(scale is not None),
                           scale if scale is not None else 0.0, int(affine))
        self._epilogue = _Epilogue(
            int(residual), _NORMS[norm], 1e-6 if eps is None else eps,
            _DLDataType(*_DTYPES[out], 1) if out else _DLDataType(0, 0, 0))
        self._kernels = {}
        # Refused here, naming the field, rather than at the first call
        # (which compiles).
        _check(library().walsh_check_spec(ctypes.byref(self._spec),
                                          ctypes.byref(self._epilogue)))
        self._retired = []  # replaced by tune(); another thread may hold one
        self._lock = threading.Lock()  # one compile a target and bucket

    def kernel(self, target, rows=None):
        """The compiled kernel handle for "cpu" or "cuda" and `rows` (its
        power-of-two bucket; None: rows unknown, walsh's default for bulk
        rows, no database), compiled now if need be (for CUDA, for the
        current device's architecture)."""
        key = self._key(target, rows)
        with self._lock:
            handle = self._kernels.get(key)
            if handle is None:
                handle = self._compile(key, _TUNE_DB_ONLY)
                self._kernels[key] = handle
            return handle

    def tune(self, target, rows):
        """Measures the configurations for `rows` (its power-of-two bucket)
        on this machine now, as `walsh tune` does, unless the device's
        tuning database has an entry of the spec at those rows; saves what
        it measured there and keeps the kernel for the bucket. Returns the
        configuration's source: "tuned", "db-exact" or "db-nearest"."""
        if rows is None:
            raise WalshError(1, "rows: expects a count >= 0, got None")
        key = self._key(target, rows)
        with self._lock:
            handle = self._compile(key, _TUNE_ON_MISS)
            source = library().walsh_kernel_config_source(handle).decode()
            if source in ("", "default"):
                _lib.walsh_kernel_destroy(handle)
                # Where walsh looks (CacheOptions::fromEnvironment; an
                # empty variable as unset).
                where = os.environ.get("WALSH_CACHE_DIR")
                xdg = os.environ.get("XDG_CACHE_HOME", "")
                why = ("WALSH_CACHE_DIR is none" if where == "none" else
                       "WALSH_CACHE_DIR, an absolute XDG_CACHE_HOME and "
                       "HOME are all unset or empty"
                       if not where and not xdg.startswith("/") and
                       not os.environ.get("HOME") else None)
                if why:
                    raise WalshError(1, "tune: no tuning database to keep "
                                     f"the measurement in ({why})")
                raise WalshError(1, f"tune: no configuration of d = "
                                 f"{self.d} at {key[1]} rows measured")
            old = self._kernels.get(key)
            if old is not None:
                self._retired.append(old)
            self._kernels[key] = handle
            return source

    def _key(self, target, rows):
        if not isinstance(target, str) or target not in _TARGET:
            raise WalshError(1, f"target: expects cpu or cuda, got {target}")
        if rows is None:
            return (target, None)
        try:
            count = -1 if isinstance(rows, bool) else operator.index(rows)
        except TypeError:
            count = -1
        if count < 0:
            raise WalshError(1, f"rows: expects a count >= 0, got {rows!r}")
        if count > 2**62:
            # (Its bucket, the next power of two, would pass int64: ctypes
            # kept the low bits, "shape.seq: expects at least 1, got 0".)
            raise WalshError(1, f"rows: expects at most 2**62, got {rows!r}")
        return (target, _rows_bucket(count))

    def _compile(self, key, mode):
        """A new kernel handle for (target, bucket); bucket None: no shape,
        the default for bulk rows."""
        handle = ctypes.c_void_p()
        if key[1] is None:
            shape, mode = None, _TUNE_HEURISTIC
        else:
            # One head of d: the database's entries of the spec match
            # whatever head split they were tuned as.
            shape = ctypes.byref(_Shape(1, key[1], 1, self.d))
        _check(library().walsh_compile_fused(
            ctypes.byref(self._spec), ctypes.byref(self._epilogue),
            _TARGET[key[0]], shape, mode, ctypes.byref(handle)))
        return handle

    def stage(self, name, target="cuda", rows=None):
        """One compilation stage's text ("ptx", "llvm", "sass", "asm", ...)."""
        if not isinstance(name, str) or "\0" in name:
            # (C would read a name up to its first NUL.)
            raise WalshError(1, f"stage: expects a stage name, got {name!r}")
        text = ctypes.c_char_p()
        _check(library().walsh_kernel_stage(self.kernel(target, rows),
                                            name.encode(), ctypes.byref(text)))
        return text.value.decode()

    def cache_source(self, target="cuda", rows=None):
        """Where the kernel came from: "memory", "disk" or "miss"."""
        return _CACHE_SOURCE[library().walsh_kernel_cache_source(
            self.kernel(target, rows))]

    def config_source(self, target="cuda", rows=None):
        """Where its configuration came from: "db-exact", "db-nearest"
        (the tuning database) or "default"."""
        return library().walsh_kernel_config_source(
            self.kernel(target, rows)).decode() or "default"

    def __call__(self, x, a=None, b=None, out=None, *, residual=None,
                 norm_weight=None, norm_bias=None, normed=None):
        """y (h with a residual) into `out`, made when None; with a norm,
        (out, normed). `residual` may be `out` itself (in place). Not
        recorded by autograd: a tensor that requires grad, with grad mode
        on, is refused (walsh.outproj is the differentiable one)."""
        if (getattr(x, "requires_grad", False) or
                getattr(a, "requires_grad", False) or
                getattr(b, "requires_grad", False) or
                getattr(out, "requires_grad", False) or
                getattr(residual, "requires_grad", False) or
                getattr(norm_weight, "requires_grad", False) or
                getattr(norm_bias, "requires_grad", False) or
                getattr(normed, "requires_grad", False)):
            _refuse_grad(x=x, a=a, b=b, out=out, residual=residual,
                         norm_weight=norm_weight, norm_bias=norm_bias,
                         normed=normed)
        return self._launch(x, a, b, out, residual, norm_weight, norm_bias,
                            normed)

    def _launch(self, x, a, b, out, residual, norm_weight, norm_bias,
                normed):
        """__call__ without the autograd check (walsh.outproj's own calls,
        whose autograd is its own)."""
        sx, sa, sb, sr, sw, sn, sy, so = _thread_slots()
        px = sx.fill(x)  # x checked before outputs are made beside it
        if out is None:
            if sx.code_bits != _DTYPES[self.dtype]:
                # (Else the output's type would be refused first, or made
                # in a type the kernel then refuses.)
                raise WalshError(1, f"x: expects dtype {_DL_NAMES[self.dtype]}"
                                 f" as the Projection was made for, got "
                                 f"{_DL_NAMES[_CODE_BITS[sx.code_bits]]}")
            out = self._empty(x)
        py = sy.fill(out, written=True)
        pa = sa.fill(a) if a is not None else None
        pb = sb.fill(b) if b is not None else None
        if self.norm and normed is None:
            normed = self._empty(x, "normed")
        pr = sr.fill(residual) if residual is not None else None
        pw = sw.fill(norm_weight) if norm_weight is not None else None
        pn = sn.fill(norm_bias) if norm_bias is not None else None
        po = so.fill(normed, written=True) if normed is not None else None
        shape = sx.shape
        rows = shape[0] if len(shape) == 2 else math.prod(shape[:-1])
        target = "cuda" if sx.cuda else "cpu"
        handle = self._kernels.get((target, _rows_bucket(rows)))
        if handle is None:
            if sx.cuda:
                import torch
                with torch.cuda.device(x.device):  # for x's device
                    handle = self.kernel(target, rows)
            else:
                handle = self.kernel(target, rows)
        _check(_lib.walsh_launch_fused(handle, px, pa, pb, pr, pw, pn, py, po,
                                       _raw_stream(x) if sx.cuda else None))
        return (out, normed) if self.norm else out

    def _empty(self, x, name="out"):
        """A new [rows, d] of the output type, beside x (`name`: out or
        normed, what it is made for); refused by name where it cannot be
        made (until 2026-12-07 NumPy's MemoryError or PyTorch's
        RuntimeError, naming nothing: x a broadcast view of 2**40 rows,
        say, which walsh refuses itself once there is an output)."""
        if not _is_torch(x) and self.out_dtype == "bf16":
            raise WalshError(1, "out_dtype: NumPy has no bfloat16")
        try:
            if _is_torch(x):
                import torch
                return x.new_empty(x.shape, dtype={
                    "f32": torch.float32, "f16": torch.float16,
                    "bf16": torch.bfloat16}[self.out_dtype])
            import numpy
            return numpy.empty(x.shape, dtype={"f32": numpy.float32,
                                               "f16": numpy.float16}[
                                                   self.out_dtype])
        except (MemoryError, RuntimeError) as e:  # (torch's allocators')
            why = (str(e).strip().splitlines() or [""])[0][:240]
            raise WalshError(1, f"{name}: an output of x's shape "
                             f"{tuple(x.shape)} cannot be made "
                             f"({type(e).__name__}: {why}); pass out=, or "
                             f"x of fewer rows") from e

    def __repr__(self):
        """The call that makes the same Projection (its arguments past the
        defaults): walsh.Projection(768, 'f32', norm='rms')."""
        d, dtype, *rest = self._args
        # (The keywords and their defaults as __init__ declares them, in
        # _args's order.)
        names = Projection.__init__.__code__.co_varnames[3:10]
        return f"walsh.Projection({d}, {dtype!r}" + "".join(
            f", {name}={value!r}" for name, value, default in zip(
                names, rest, Projection.__init__.__defaults__[1:])
            if value != default) + ")"

    def __reduce__(self):
        """copy.copy, copy.deepcopy and pickle make the same spec anew,
        with kernel handles of its own (compiled at its first call: a hit
        in walsh's caches). Until 2026-12-06 copy.copy shared the handles,
        and the second of the two to go freed them again (the process
        aborted); deepcopy and pickle failed inside ctypes."""
        return (Projection, self._args)

    def __del__(self):
        if _lib is not None:
            # Each handle once, however many buckets hold it.
            held = list(getattr(self, "_kernels", {}).values())
            held += getattr(self, "_retired", [])
            for handle in {h.value: h for h in held}.values():
                _lib.walsh_kernel_destroy(handle)


class _TorchApi:
    """walsh's PyTorch operator and module (made once, at first use: walsh
    itself imports without PyTorch)."""

    def __init__(self):
        import torch
        from typing import Optional

        names = {torch.float32: "f32", torch.float16: "f16",
                 torch.bfloat16: "bf16"}
        projections = {}
        lock = threading.Lock()

        def projection(d, dtype, affine, scale, transpose):
            # The default scale as the default kernel (no second compile).
            if scale == 1.0 / math.sqrt(d):
                scale = None
            key = (d, dtype, affine, scale, transpose)
            with lock:
                p = projections.get(key)
                if p is None:
                    p = projections[key] = Projection(
                        d, dtype, affine=affine, scale=scale,
                        transpose=transpose)
            return p

        def run(x, a, b, transpose, scale):
            """The projection itself: walsh's kernel on x's rows."""
            dtype = names.get(x.dtype)
            if dtype is None:
                raise WalshError(1, "x: expects float32, float16 or "
                                 f"bfloat16, got {x.dtype}")
            if x.dim() < 1:
                raise WalshError(1, "x: expects rows of d, got a scalar")
            d = x.shape[-1]
            p = projection(d, dtype, a is not None, scale, transpose)
            rows = x.reshape(-1, d)
            if rows.stride(-1) != 1:
                rows = rows.contiguous()
            # (_launch: outproj's autograd is its own, not the graph's.)
            return p._launch(rows, a, b, None, None, None, None,
                             None).reshape(x.shape)

        def grads(transform, x, a, transpose, scale, g, need):
            # y = a * s * H x + b: dx = s * H^T (a * g); da = the rows' sum
            # of g * (s * H x); db = the rows' sum of g (both in fp32).
            # `need`: which of x, a, b want a gradient (autograd's
            # needs_input_grad); the rest are None and cost nothing (a
            # frozen a, b: no second transform of x).
            g = g.contiguous()
            d = g.shape[-1]
            gx = ga = gb = None
            if need[0]:
                gx = transform(g * a if a is not None else g, None, None,
                               not transpose, scale)
            if a is None:
                return gx, None, None
            g32 = g.reshape(-1, d).float()
            if need[1]:
                z = transform(x, None, None, transpose, scale)
                ga = (g32 * z.reshape(-1, d).float()).sum(0).to(a.dtype)
            if need[2]:
                gb = g32.sum(0).to(a.dtype)
            return gx, ga, gb

        # For torch.compile: an operator (one node of the graph, its shape
        # from the fake implementation) whose backward is made of it too.
        # PyTorch before 2.4 has no torch.library.custom_op (Debian 12's
        # python3-torch is 1.13): there outproj is the eager
        # autograd.Function below alone, and torch.compile traces into it
        # (until 2026-12-06 walsh.outproj was an AttributeError there).
        op = None
        if hasattr(torch.library, "custom_op"):
            @torch.library.custom_op("walsh::outproj", mutates_args=())
            def op(x: torch.Tensor, a: Optional[torch.Tensor],
                   b: Optional[torch.Tensor], transpose: bool,
                   scale: float) -> torch.Tensor:
                return run(x, a, b, transpose, scale)

            @op.register_fake
            def _(x, a, b, transpose, scale):
                return torch.empty_like(x)

            def setup_context(ctx, inputs, output):
                x, a, b, transpose, scale = inputs
                ctx.save_for_backward(x, a)
                ctx.transpose, ctx.scale = transpose, scale
                ctx.affine = a is not None

            def backward(ctx, g):
                x, a = ctx.saved_tensors
                return grads(op, x, a if ctx.affine else None,
                             ctx.transpose, ctx.scale, g,
                             ctx.needs_input_grad) + (None, None)

            op.register_autograd(backward, setup_context=setup_context)
        compiler = getattr(torch, "compiler", None)
        compiling = getattr(compiler, "is_compiling", lambda: False)

        # Eagerly the dispatcher's Python operator costs some 45 us a call
        # (run251): there an autograd.Function where a gradient is wanted,
        # else the kernel alone.
        class Eager(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x, a, b, transpose, scale):
                ctx.save_for_backward(x, a)
                ctx.transpose, ctx.scale = transpose, scale
                ctx.affine = a is not None
                return run(x, a, b, transpose, scale)

            @staticmethod
            def backward(ctx, g):
                x, a = ctx.saved_tensors
                return grads(run, x, a if ctx.affine else None,
                             ctx.transpose, ctx.scale, g,
                             ctx.needs_input_grad) + (None, None)

        def outproj(x, a=None, b=None, *, transpose=False, scale=None):
            """y = a * (scale * H_d x) + b over the last dimension of x (a
            PyTorch tensor, any leading dimensions), differentiable in x, a
            and b; scale defaults to 1 / sqrt(d). a and b: both or neither."""
            if (a is None) != (b is None):
                raise WalshError(1, "a, b: expects both (the affine) or "
                                 "neither")
            # (Until 2026-12-06 Python's AttributeError or IndexError.)
            for name, t in (("x", x), ("a", a), ("b", b)):
                if t is not None and not isinstance(t, torch.Tensor):
                    raise WalshError(1, f"{name}: expects a torch tensor, "
                                     f"got {type(t).__name__}")
            if x.dim() == 0:
                raise WalshError(1, "x: expects at least one dimension "
                                 "(rows of d), got a 0-d tensor")
            s = (1.0 / math.sqrt(x.shape[-1]) if scale is None
                 else _real(scale, "scale"))
            transpose = _flag(transpose, "transpose")
            if op is not None and compiling():
                return op(x, a, b, transpose, s)
            if torch.is_grad_enabled() and (
                    x.requires_grad or (a is not None and (
                        a.requires_grad or b.requires_grad))):
                return Eager.apply(x, a, b, transpose, s)
            return run(x, a, b, transpose, s)

        class OutputProjection(torch.nn.Module):
            """A drop-in for the attention output projection nn.Linear(d,
            d): y = a * (H_d x) / sqrt(d) + b over the last dimension, with
            a (ones) and b (zeros) its only parameters, 2 d of them."""

            def __init__(self, d, dtype=torch.bfloat16, device=None,
                         transpose=False, scale=None):
                super().__init__()
                self.d, self.transpose = _dimension(d), _flag(transpose,
                                                              "transpose")
                self.scale = None if scale is None else _real(scale, "scale")
                self.a = torch.nn.Parameter(
                    torch.ones(self.d, dtype=dtype, device=device))
                self.b = torch.nn.Parameter(
                    torch.zeros(self.d, dtype=dtype, device=device))

            def forward(self, x):
                return outproj(x, self.a, self.b, transpose=self.transpose,
                               scale=self.scale)

            def extra_repr(self):
                return f"d={self.d}, transpose={self.transpose}"

        self.outproj = outproj
        self.OutputProjection = OutputProjection


_torch_api = None
_torch_lock = threading.Lock()


def __getattr__(name):
    """walsh.outproj and walsh.OutputProjection, which need PyTorch, are
    made at first use."""
    global _torch_api
    if name in ("outproj", "OutputProjection"):
        with _torch_lock:
            if _torch_api is None:
                _torch_api = _TorchApi()
        return getattr(_torch_api, name)
    raise AttributeError(f"module 'walsh' has no attribute '{name}'")
