//===- WalshToGPU.cpp - walsh-convert-to-gpu -------------------------------===//
//
// Turns a recognised stage chain into a gpu.func following its
// #walsh.config (see Passes.td for the thread layout). Registers are kept as
// scalar fp32 SSA values, one per element a thread holds:
//   reg(a, c, v) = element a * P + (c * T + t) * V + v of the row,
// a < m (dense index), c < chunks, v < V (lane of a vector access), with
// P = 2^k, T threads per row and V the vector width. A radix-2 level at
// stride 2^j pairs lanes (j < log2 V), threads (log2 V <= j < log2 V +
// log2 T; shuffles within a warp, shared memory across warps) or chunks.
//
//===----------------------------------------------------------------------===//
#include "walsh/Conversion/Passes.h"

#include "walsh/Analysis/StageChain.h"
#include "walsh/Dialect/Walsh/IR/Walsh.h"

#include "mlir/IR/Builders.h"

namespace mlir::walsh {
#define GEN_PASS_DEF_WALSHCONVERTTOGPU
#include "walsh/Conversion/Passes.h.inc"
} // namespace mlir::walsh

using namespace mlir;

namespace {

constexpr int64_t kWarp = 32;

int log2Exact(int64_t v) { return __builtin_ctzll(uint64_t(v)); }

/// Emits one kernel body.
class GpuKernelEmitter {
public:
  GpuKernelEmitter(OpBuilder &b, Location loc, const ::walsh::StageChain &chain,
                   mlir::walsh::ConfigAttr config)
      : b(b), loc(loc), chain(chain), f32(b.getF32Type()),
        storage(chain.rowsType.getElementType()) {
    m = chain.factors.m;
    P = int64_t(1) << chain.factors.k;
    d = m * P;
    T = config.getThreadsPerRow();
    R = config.getRowsPerBlock();
    int64_t eb = config.getElemsPerThread() / m; // b-space elements
    V = std::min<int64_t>(config.getVectorWidth(), eb);
    chunks = eb / V;
  }

  /// Bytes of dynamic shared memory the kernel needs.
  int64_t sharedBytes() const { return T > kWarp ? R * d * 4 : 0; }

  void emit(Value x, Value y, Value mul, Value add) {
    Value tid = b.create<gpu::ThreadIdOp>(loc, gpu::Dimension::x);
    Value bid = b.create<gpu::BlockIdOp>(loc, gpu::Dimension::x);
    t = b.create<arith::RemUIOp>(loc, tid, index(T));
    slot = b.create<arith::DivUIOp>(loc, tid, index(T));
    Value row = b.create<arith::AddIOp>(
        loc, b.create<arith::MulIOp>(loc, bid, index(R)), slot);
    Value rows = b.create<memref::DimOp>(loc, x, 0);
    Value valid =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, row, rows);
    // Rows past the end compute on row 0 and store nothing, so that every
    // thread reaches every barrier.
    Value rowc = b.create<arith::SelectOp>(loc, valid, row, index(0));
    tV = b.create<arith::MulIOp>(loc, t, index(V));
    if (sharedBytes()) {
      auto ws = gpu::AddressSpaceAttr::get(b.getContext(),
                                           gpu::AddressSpace::Workgroup);
      Value raw = b.create<gpu::DynamicSharedMemoryOp>(
          loc, MemRefType::get({ShapedType::kDynamic}, b.getI8Type(),
                               MemRefLayoutAttrInterface(), ws));
      smem = b.create<memref::ViewOp>(
          loc, MemRefType::get({R * d}, f32, MemRefLayoutAttrInterface(), ws),
          raw, index(0), ValueRange{});
    }

    regs.assign(size_t(m * chunks * V), Value());
    for (int64_t a = 0; a < m; ++a)
      for (int64_t c = 0; c < chunks; ++c) {
        Value v = load(x, rowc, offset(a, c));
        for (int64_t l = 0; l < V; ++l)
          reg(a, c, l) = b.create<vector::ExtractOp>(loc, v, l);
      }

    int logV = log2Exact(V), logT = log2Exact(T);
    for (int j = 0; j < int(chain.factors.k); ++j) {
      if (j < logV)
        laneLevel(int64_t(1) << j);
      else if (j < logV + logT)
        threadLevel(int64_t(1) << (j - logV));
      else
        chunkLevel(int64_t(1) << (j - logV - logT));
    }
    if (m > 1)
      denseLevel();

    auto ifValid = b.create<scf::IfOp>(loc, valid, /*withElse=*/false);
    b.setInsertionPointToStart(&ifValid.getThenRegion().front());
    for (int64_t a = 0; a < m; ++a)
      for (int64_t c = 0; c < chunks; ++c) {
        Value i = offset(a, c);
        Value mv = mul ? load(mul, Value(), i) : Value();
        Value av = add ? load(add, Value(), i) : Value();
        Value out = b.create<arith::ConstantOp>(
            loc, DenseElementsAttr::get(vf32(), b.getF32FloatAttr(0)));
        for (int64_t l = 0; l < V; ++l) {
          Value r = reg(a, c, l);
          if (chain.scale != 1.0)
            r = b.create<arith::MulFOp>(loc, r, constant(chain.scale));
          if (mv)
            r = b.create<arith::MulFOp>(
                loc, r, b.create<vector::ExtractOp>(loc, mv, l));
          if (av)
            r = b.create<arith::AddFOp>(
                loc, r, b.create<vector::ExtractOp>(loc, av, l));
          out = b.create<vector::InsertOp>(loc, r, out, l);
        }
        if (storage != f32)
          out = b.create<arith::TruncFOp>(loc, VectorType::get({V}, storage),
                                          out);
        b.create<vector::StoreOp>(loc, out, y, ValueRange{row, i});
      }
    b.setInsertionPointAfter(ifValid);
  }

private:
  Value index(int64_t v) { return b.create<arith::ConstantIndexOp>(loc, v); }
  Value constant(double v) {
    return b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(float(v)));
  }
  VectorType vf32() { return VectorType::get({V}, f32); }
  Value &reg(int64_t a, int64_t c, int64_t l) {
    return regs[size_t((a * chunks + c) * V + l)];
  }
  /// a * P + c * T * V + t * V.
  Value offset(int64_t a, int64_t c) {
    return b.create<arith::AddIOp>(loc, index(a * P + c * T * V), tV);
  }
  /// A V-element vector of `memref` (rows when `row` is set) as fp32.
  Value load(Value memref, Value row, Value i) {
    SmallVector<Value, 2> idx;
    if (row)
      idx.push_back(row);
    idx.push_back(i);
    Value v = b.create<vector::LoadOp>(loc, VectorType::get({V}, storage),
                                       memref, idx);
    return storage == f32 ? v : b.create<arith::ExtFOp>(loc, vf32(), v);
  }
  void butterfly(Value &lo, Value &hi) {
    Value s = b.create<arith::AddFOp>(loc, lo, hi);
    Value dlt = b.create<arith::SubFOp>(loc, lo, hi);
    lo = s;
    hi = dlt;
  }
  void laneLevel(int64_t s) {
    for (int64_t a = 0; a < m; ++a)
      for (int64_t c = 0; c < chunks; ++c)
        for (int64_t l = 0; l < V; ++l)
          if (!(l & s))
            butterfly(reg(a, c, l), reg(a, c, l + s));
  }
  void chunkLevel(int64_t s) {
    for (int64_t a = 0; a < m; ++a)
      for (int64_t c = 0; c < chunks; ++c)
        if (!(c & s))
          for (int64_t l = 0; l < V; ++l)
            butterfly(reg(a, c, l), reg(a, c + s, l));
  }
  /// Partner thread t ^ delta: r' = r * sign + partner, sign = +1 on the
  /// lower thread of the pair and -1 on the upper.
  void threadLevel(int64_t delta) {
    Value isUpper = b.create<arith::CmpIOp>(
        loc, arith::CmpIPredicate::ne,
        b.create<arith::AndIOp>(loc, t, index(delta)), index(0));
    Value sign = b.create<arith::SelectOp>(loc, isUpper, constant(-1.0),
                                           constant(1.0));
    SmallVector<Value> partner(regs.size());
    if (delta < kWarp) {
      Value off = b.create<arith::ConstantIntOp>(loc, delta, 32);
      Value width = b.create<arith::ConstantIntOp>(loc, kWarp, 32);
      for (size_t i = 0; i < regs.size(); ++i)
        partner[i] = b.create<gpu::ShuffleOp>(loc, regs[i], off, width,
                                              gpu::ShuffleMode::XOR)
                         .getShuffleResult();
    } else {
      // Across warps: every thread publishes its registers in natural
      // order, then reads its partner's.
      Value base = b.create<arith::MulIOp>(loc, slot, index(d));
      Value partnerTV = b.create<arith::MulIOp>(
          loc, b.create<arith::XOrIOp>(loc, t, index(delta)), index(V));
      for (int64_t a = 0; a < m; ++a)
        for (int64_t c = 0; c < chunks; ++c)
          for (int64_t l = 0; l < V; ++l) {
            Value at = b.create<arith::AddIOp>(
                loc, base,
                b.create<arith::AddIOp>(loc, offset(a, c), index(l)));
            b.create<memref::StoreOp>(loc, reg(a, c, l), smem, at);
          }
      b.create<gpu::BarrierOp>(loc);
      for (int64_t a = 0; a < m; ++a)
        for (int64_t c = 0; c < chunks; ++c)
          for (int64_t l = 0; l < V; ++l) {
            Value at = b.create<arith::AddIOp>(
                loc, base,
                b.create<arith::AddIOp>(
                    loc, partnerTV, index(a * P + c * T * V + l)));
            partner[size_t((a * chunks + c) * V + l)] =
                b.create<memref::LoadOp>(loc, smem, at);
          }
      b.create<gpu::BarrierOp>(loc);
    }
    for (size_t i = 0; i < regs.size(); ++i)
      regs[i] = b.create<arith::AddFOp>(
          loc, b.create<arith::MulFOp>(loc, regs[i], sign), partner[i]);
  }
  void denseLevel() {
    const ::walsh::SignMatrix &h = ::walsh::baseMatrix(m);
    for (int64_t c = 0; c < chunks; ++c)
      for (int64_t l = 0; l < V; ++l) {
        SmallVector<Value> in;
        for (int64_t a = 0; a < m; ++a)
          in.push_back(reg(a, c, l));
        for (int64_t a = 0; a < m; ++a) {
          auto sign = [&](int64_t q) {
            return chain.transpose ? h.at(q, a) : h.at(a, q);
          };
          Value acc = sign(0) > 0 ? in[0] : b.create<arith::NegFOp>(loc, in[0]);
          for (int64_t q = 1; q < m; ++q)
            acc = sign(q) > 0
                      ? Value(b.create<arith::AddFOp>(loc, acc, in[q]))
                      : Value(b.create<arith::SubFOp>(loc, acc, in[q]));
          reg(a, c, l) = acc;
        }
      }
  }

  OpBuilder &b;
  Location loc;
  const ::walsh::StageChain &chain;
  Type f32, storage;
  int64_t m, P, d, T, R, V, chunks;
  Value t, slot, tV, smem;
  SmallVector<Value> regs;
};

struct WalshConvertToGPUPass
    : mlir::walsh::impl::WalshConvertToGPUBase<WalshConvertToGPUPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> fns;
    module.walk([&](func::FuncOp fn) {
      if (::walsh::isStageChainCandidate(fn))
        fns.push_back(fn);
    });
    if (fns.empty())
      return;
    OpBuilder b(module.getBodyRegion());
    module->setAttr(gpu::GPUDialect::getContainerModuleAttrName(),
                    b.getUnitAttr());
    auto gpuModule = b.create<gpu::GPUModuleOp>(module.getLoc(),
                                                "walsh_kernels");
    for (func::FuncOp fn : fns)
      if (failed(convert(fn, gpuModule)))
        return signalPassFailure();
  }

  LogicalResult convert(func::FuncOp fn, gpu::GPUModuleOp gpuModule) {
    FailureOr<::walsh::StageChain> chain = ::walsh::matchStageChain(fn);
    if (failed(chain))
      return failure();
    auto config =
        dyn_cast_or_null<mlir::walsh::ConfigAttr>(chain->config);
    // d = 1 has no stages to carry a config: one thread per row.
    if (!config && chain->rowsType.getShape()[1] == 1)
      config = mlir::walsh::ConfigAttr::get(&getContext(), 1, 1, 128, 1,
                                            mlir::walsh::CrossWarp::Shared);
    if (!config)
      return fn.emitError("expects the stages to carry a #walsh.config for "
                          "the GPU target");
    int64_t d = chain->rowsType.getShape()[1];
    int64_t eb = config.getElemsPerThread() / chain->factors.m;
    if (eb * config.getThreadsPerRow() != (int64_t(1) << chain->factors.k))
      return fn.emitError("expects 'elems_per_thread' / m * "
                          "'threads_per_row' to be 2^k = ")
             << (int64_t(1) << chain->factors.k) << " for d = " << d;

    SmallVector<Type> args = ::walsh::kernelArgumentTypes(*chain);
    OpBuilder b = OpBuilder::atBlockTerminator(gpuModule.getBody());
    auto kernel = b.create<gpu::GPUFuncOp>(fn.getLoc(), fn.getName(),
                                           b.getFunctionType(args, {}));
    kernel->setAttr(gpu::GPUDialect::getKernelFuncAttrName(),
                    b.getUnitAttr());
    int32_t threads =
        int32_t(config.getThreadsPerRow() * config.getRowsPerBlock());
    kernel.setKnownBlockSizeAttr(b.getDenseI32ArrayAttr({threads, 1, 1}));
    b.setInsertionPointToStart(&kernel.getBody().front());
    GpuKernelEmitter emitter(b, fn.getLoc(), *chain, config);
    Block &entry = kernel.getBody().front();
    auto argOr = [&](int n) {
      return n < 0 ? Value() : entry.getArgument(unsigned(n) + 1);
    };
    emitter.emit(entry.getArgument(0), entry.getArgument(1),
                 argOr(chain->mulArg), argOr(chain->addArg));
    b.create<gpu::ReturnOp>(fn.getLoc());
    // What the launcher needs to know, next to the kernel.
    kernel->setAttr("walsh.rows_per_block",
                    b.getI64IntegerAttr(config.getRowsPerBlock()));
    kernel->setAttr("walsh.shared_bytes",
                    b.getI64IntegerAttr(emitter.sharedBytes()));
    fn.erase();
    return success();
  }
};

} // namespace
