//===- CpuKernel.cpp - load and run a compiled CPU kernel ------------------===//
#include "walsh/Runtime/CpuKernel.h"

#include "walsh/Runtime/EpilogueArgs.h"
#include "walsh/Runtime/JitMemory.h"

#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"

#include <algorithm>
#include <cinttypes>
#include <mutex>

namespace walsh {

struct CpuKernel::Loaded {
  std::unique_ptr<llvm::orc::LLJIT> jit;
};

namespace {
/// The memref descriptors of the C interface (StridedMemRefType).
template <int N> struct Descriptor {
  const void *allocated;
  const void *aligned;
  int64_t offset;
  int64_t sizes[N];
  int64_t strides[N];
};
using Rows = Descriptor<2>;
using Column = Descriptor<1>;
using Bhsd = Descriptor<4>;     // [batch, heads, seq, head_dim]
using Partials = Descriptor<3>; // [splits, rows, d], and the lse

} // namespace

/// The host features llvm reports as enabled, as "+name" entries.
static llvm::StringMap<bool> hostFeatures() {
  return llvm::sys::getHostCPUFeatures();
}

llvm::Expected<CpuKernel> CpuKernel::load(const CpuArtifact &art) {
  if (art.triple != llvm::sys::getProcessTriple())
    return llvm::createStringError("artifact: built for " + art.triple +
                                   ", this process is " +
                                   llvm::sys::getProcessTriple());
  llvm::StringMap<bool> have = hostFeatures();
  llvm::SmallVector<llvm::StringRef> wanted;
  llvm::StringRef(art.features).split(wanted, ',', -1, false);
  for (llvm::StringRef f : wanted)
    if (f.consume_front("+") && !have.lookup(f))
      return llvm::createStringError("artifact: built for CPU feature +" +
                                     f.str() + ", which this CPU lacks");

  static std::once_flag init;
  std::call_once(init, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
  llvm::orc::LLJITBuilder builder;
  if (!mayMakeMemoryExecutable()) // a W^X host (walsh/Runtime/JitMemory.h)
    builder.setObjectLinkingLayerCreator(dualMappedObjectLayer);
  auto jit = builder.create();
  if (!jit)
    return jit.takeError();
  // What goes wrong while linking (the memory for the code refused, as in
  // a W^X host) is reported to the session, by default on the host's
  // stderr, not in the lookup's error ("Failed to materialize symbols"):
  // kept here for the load's error.
  auto linkErrors = std::make_shared<LinkErrors>();
  (*jit)->getExecutionSession().setErrorReporter(
      [linkErrors](llvm::Error e) { linkErrors->add(std::move(e)); });
  auto gen = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
      (*jit)->getDataLayout().getGlobalPrefix());
  if (!gen)
    return gen.takeError();
  (*jit)->getMainJITDylib().addGenerator(std::move(*gen));
  if (llvm::Error e = (*jit)->addObjectFile(
          llvm::MemoryBuffer::getMemBufferCopy(art.object, "outproj.o")))
    return std::move(e);
  if (!art.objectNontemporal.empty())
    if (llvm::Error e =
            (*jit)->addObjectFile(llvm::MemoryBuffer::getMemBufferCopy(
                art.objectNontemporal, "outproj_nt.o")))
      return std::move(e);
  auto sym = (*jit)->lookup(art.symbol);
  if (!sym)
    return linkErrors->loadError(sym.takeError());
  CpuKernel k;
  if (!art.symbolNontemporal.empty()) {
    auto nt = (*jit)->lookup(art.symbolNontemporal);
    if (!nt)
      return linkErrors->loadError(nt.takeError());
    k.entryNontemporal = nt->toPtr<void *>();
    k.nontemporalAlignment = art.nontemporalAlignment;
  }
  k.loaded = std::make_shared<Loaded>();
  k.loaded->jit = std::move(*jit);
  k.spec_ = art.spec;
  k.entry = sym->toPtr<void *>();
  return k;
}

static llvm::Error argError(const char *arg, const llvm::Twine &what) {
  return llvm::createStringError(std::string(arg) + ": " + what.str());
}

static llvm::Error checkPointer(const char *arg, const void *p,
                                int64_t align, const char *dtype) {
  if (!p)
    return argError(arg, "expects a host pointer, got null");
  if (reinterpret_cast<uintptr_t>(p) % uintptr_t(align))
    return argError(arg, "expects a pointer aligned to " +
                             llvm::Twine(align) + " bytes (" + dtype +
                             "), got 0x" +
                             llvm::Twine::utohexstr(
                                 reinterpret_cast<uintptr_t>(p)));
  return llvm::Error::success();
}

/// Calls the kernel's C interface with `n` (2 to 9) descriptor pointers.
static void callKernel(void *fn, void *const *p, int n) {
  using P = void *;
  switch (n) {
  case 9:
    return reinterpret_cast<void (*)(P, P, P, P, P, P, P, P, P)>(fn)(
        p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
  case 2:
    return reinterpret_cast<void (*)(P, P)>(fn)(p[0], p[1]);
  case 3:
    return reinterpret_cast<void (*)(P, P, P)>(fn)(p[0], p[1], p[2]);
  case 4:
    return reinterpret_cast<void (*)(P, P, P, P)>(fn)(p[0], p[1], p[2], p[3]);
  case 5:
    return reinterpret_cast<void (*)(P, P, P, P, P)>(fn)(p[0], p[1], p[2],
                                                          p[3], p[4]);
  case 6:
    return reinterpret_cast<void (*)(P, P, P, P, P, P)>(fn)(
        p[0], p[1], p[2], p[3], p[4], p[5]);
  case 7:
    return reinterpret_cast<void (*)(P, P, P, P, P, P, P)>(fn)(
        p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
  default:
    return reinterpret_cast<void (*)(P, P, P, P, P, P, P, P)>(fn)(
        p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
  }
}

llvm::Error CpuKernel::run(const CpuRunArgs &args, ThreadPool *pool) const {
  // x, a and b hold the spec's dtype; y and the epilogue's buffers its
  // output type (they differ with an output cast).
  const int64_t d = spec_.d, bytes = dtypeBytes(spec_.dtype),
                outBytes = dtypeBytes(spec_.outType());
  const char *dtype = dtypeName(spec_.dtype),
             *outDtype = dtypeName(spec_.outType());
  if (args.rows < 0)
    return argError("rows", "expects a count >= 0, got " +
                                llvm::Twine(args.rows));
  // Rows spanning more than 2^48 bytes (256 TB) of one buffer: no host
  // holds them, and the extents the overlap checks below compute could
  // wrap in 64 bits.
  if (spec_.rowSpanBytes(args.rows, std::max({args.xRowStride, args.yRowStride,
                                              args.residualRowStride,
                                              args.normOutRowStride})) >
      kMaxRowSpanBytes)
    return argError("rows", llvm::Twine(args.rows) +
                                " rows span more than 2^48 bytes of a "
                                "buffer; no host holds them");
  if (spec_.rows > 0 && args.rows != spec_.rows)
    return argError("rows", "the kernel was compiled for " +
                                llvm::Twine(spec_.rows) + " rows, got " +
                                llvm::Twine(args.rows));
  if (llvm::Error e = checkPrologueArgs(
          spec_.layout, spec_.splits, spec_.rowSum,
          PrologueArgs{args.seq, uint64_t(uintptr_t(args.lse)),
                       args.xRowStride, uint64_t(uintptr_t(args.rowSums))},
          args.rows))
    return e;
  int64_t xs = args.xRowStride ? args.xRowStride : d;
  int64_t ys = args.yRowStride ? args.yRowStride : d;
  if (xs < d)
    return argError("x_row_stride", "expects at least d = " + llvm::Twine(d) +
                                        " elements, got " + llvm::Twine(xs));
  if (ys < d)
    return argError("y_row_stride", "expects at least d = " + llvm::Twine(d) +
                                        " elements, got " + llvm::Twine(ys));
  if (spec_.withMul != (args.a != nullptr))
    return argError("a", spec_.withMul
                             ? "the kernel was compiled with a multiplier; "
                               "got null"
                             : "the kernel was compiled without a "
                               "multiplier; pass null");
  if (spec_.withAdd != (args.b != nullptr))
    return argError("b", spec_.withAdd
                             ? "the kernel was compiled with a bias; got null"
                             : "the kernel was compiled without a bias; "
                               "pass null");
  bool norm = spec_.norm != NormKind::None;
  int64_t rs = args.residualRowStride ? args.residualRowStride : d;
  int64_t ns = args.normOutRowStride ? args.normOutRowStride : d;
  auto addr = [](const void *p) { return uint64_t(uintptr_t(p)); };
  uint64_t xBytes = inputExtentBytes(spec_.layout, spec_.splits, d, args.rows,
                                     xs, bytes);
  RowSpan xSpan{addr(args.x), xs, xBytes};
  // y against x first, so that a y placed over x is reported as such
  // whatever else its rows reach (the residual's buffer, say).
  if (llvm::Error e =
          checkOutputOverInput(spec_, xSpan, {addr(args.y), ys}, args.rows))
    return e;
  if (llvm::Error e = checkEpilogueArgs(
          spec_.residual, spec_.norm,
          EpilogueArgs{{addr(args.residual), rs},
                       {addr(args.normOut), ns},
                       addr(args.normWeight),
                       addr(args.normBias)},
          d, args.rows, outBytes, xSpan, {addr(args.y), ys}))
    return e;
  if (llvm::Error e = checkWritesMissReads(
          sharedReads(spec_, args.rows, addr(args.a), addr(args.b),
                      addr(args.normWeight), addr(args.normBias),
                      addr(args.lse), addr(args.rowSums)),
          {addr(args.y), ys}, {addr(args.normOut), ns}, d, args.rows, outBytes))
    return e;
  if (args.rows == 0)
    return llvm::Error::success();
  for (auto [name, p] : {std::pair{"residual", args.residual},
                         std::pair{"norm_out", (const void *)args.normOut},
                         std::pair{"norm_weight", args.normWeight},
                         std::pair{"norm_bias", args.normBias}})
    if (p)
      if (llvm::Error e = checkPointer(name, p, outBytes, outDtype))
        return e;
  if (llvm::Error e = checkPointer("x", args.x, bytes, dtype))
    return e;
  if (llvm::Error e = checkPointer("y", args.y, outBytes, outDtype))
    return e;
  if (args.a)
    if (llvm::Error e = checkPointer("a", args.a, bytes, dtype))
      return e;
  if (args.b)
    if (llvm::Error e = checkPointer("b", args.b, bytes, dtype))
      return e;
  if (args.lse)
    if (llvm::Error e = checkPointer("lse", args.lse, 4, "f32"))
      return e;
  if (args.rowSums)
    if (llvm::Error e = checkPointer("row_sums", args.rowSums, 4, "f32"))
      return e;
  auto begin = [](const void *p) { return reinterpret_cast<uintptr_t>(p); };

  Column a{args.a, args.a, 0, {d}, {1}}, b{args.b, args.b, 0, {d}, {1}};
  void *fn = entry;
  // The non-temporal entry point stores whole aligned vectors to y and,
  // with a norm, to the normalised rows: both must be aligned for it (an
  // unaligned non-temporal store faults).
  auto aligned = [&](const void *p, int64_t stride) {
    return begin(p) % uintptr_t(nontemporalAlignment) == 0 &&
           (stride * outBytes) % nontemporalAlignment == 0;
  };
  if (entryNontemporal && aligned(args.y, ys) &&
      (!norm || aligned(args.normOut, ns)))
    fn = entryNontemporal;
  Column w{args.normWeight, args.normWeight, 0, {d}, {1}};
  Column nb{args.normBias, args.normBias, 0, {d}, {1}};
  // The kernel's arguments (pointers to descriptors), in its order: x, y,
  // lse or row sums, a, b, residual, norm weight, norm bias, normalised
  // output; those
  // the spec has. Rows [first, first + count) of one call; a bhsd input's
  // rows must not cross a batch (the kernel's rows are seq-major within
  // one [1, heads, count, head_dim] box).
  int64_t heads = spec_.headDim ? d / spec_.headDim : 0;
  auto call = [&](int64_t first, int64_t count) {
    Rows x{args.x, args.x, first * xs, {count, d}, {xs, 1}};
    Bhsd xb{};
    Partials xp{}, l{};
    if (spec_.layout == Layout::BHSD) {
      int64_t hd = spec_.headDim, seq = args.seq;
      int64_t b = first / seq, s0 = first % seq;
      xb = Bhsd{args.x,
                args.x,
                b * heads * seq * hd + s0 * hd,
                {1, heads, count, hd},
                {heads * seq * hd, seq * hd, hd, 1}};
    }
    if (spec_.splits) {
      xp = Partials{args.x,
                    args.x,
                    first * xs,
                    {spec_.splits, count, d},
                    {args.rows * xs, xs, 1}};
      l = Partials{args.lse,
                   args.lse,
                   first * heads,
                   {spec_.splits, count, heads},
                   {args.rows * heads, heads, 1}};
    }
    Rows sums{args.rowSums, args.rowSums, first * heads, {count, heads},
              {heads, 1}};
    Rows y{args.y, args.y, first * ys, {count, d}, {ys, 1}};
    Rows r{args.residual, args.residual, first * rs, {count, d}, {rs, 1}};
    Rows n{args.normOut, args.normOut, first * ns, {count, d}, {ns, 1}};
    void *ptrs[9];
    int k = 0;
    ptrs[k++] = spec_.layout == Layout::BHSD ? (void *)&xb
                : spec_.splits               ? (void *)&xp
                                             : (void *)&x;
    ptrs[k++] = &y;
    if (spec_.splits)
      ptrs[k++] = &l;
    if (spec_.rowSum)
      ptrs[k++] = &sums;
    if (spec_.withMul)
      ptrs[k++] = &a;
    if (spec_.withAdd)
      ptrs[k++] = &b;
    if (spec_.residual)
      ptrs[k++] = &r;
    if (norm)
      ptrs[k++] = &w;
    if (spec_.norm == NormKind::Layer)
      ptrs[k++] = &nb;
    if (norm)
      ptrs[k++] = &n;
    callKernel(fn, ptrs, k);
  };
  auto chunk = [&](int64_t first, int64_t count) {
    if (spec_.layout != Layout::BHSD)
      return call(first, count);
    while (count > 0) {
      int64_t n = std::min(count, args.seq - first % args.seq);
      call(first, n);
      first += n;
      count -= n;
    }
  };
  int parts = pool ? int(std::min<int64_t>(pool->size(), args.rows)) : 1;
  auto part = [&](int i) {
    int64_t first = args.rows * i / parts;
    int64_t last = args.rows * (i + 1) / parts;
    chunk(first, last - first);
  };
  // The kernel keeps its fp32 scratch row and the affine's and norm's
  // prepared columns on its stack (at most 20 bytes an element: 787 KB at
  // f32 d = 65536 with a and b). A calling thread with less stack left
  // (musl's 128 KB threads, `ulimit -s 128`: until 2026-12-06 a
  // segmentation fault inside the kernel) runs none of the rows: the
  // pool's workers, whose stacks are 8 MB at least, or one thread started
  // for the call, do.
  size_t need = size_t(20 * d) + (size_t(64) << 10), left = stackLeft();
  if (left && left < need) {
    llvm::Error ran = pool ? pool->parallelForOnWorkers(parts, part)
                           : runOnLargeStack([&] { part(0); });
    if (ran)
      return llvm::createStringError(llvm::Twine("the calling thread has ") +
                                     llvm::Twine(int64_t(left >> 10)) +
                                     " KB of stack left, the kernel "
                                     "needs about " +
                                     llvm::Twine(int64_t(need >> 10)) +
                                     " KB, and " +
                                     llvm::toString(std::move(ran)));
    return llvm::Error::success();
  }
  if (parts == 1) {
    chunk(0, args.rows);
    return llvm::Error::success();
  }
  pool->parallelFor(parts, part);
  return llvm::Error::success();
}

} // namespace walsh
