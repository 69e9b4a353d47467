//===- WalshToCPU.cpp - walsh-convert-to-cpu -------------------------------===//
//
// Turns a recognised stage chain (walsh/Analysis/StageChain.h) into a
// destination-passing function over memrefs whose body runs, per row, the
// passes of planCpuSchedule with fp32 vectors held in registers. See
// Passes.td for the IR it produces.
//
//===----------------------------------------------------------------------===//
#include "walsh/Conversion/Passes.h"

#include "walsh/Analysis/StageChain.h"
#include "walsh/Conversion/WalshToCPU/CpuSchedule.h"
#include "walsh/Dialect/Walsh/IR/Walsh.h"

#include "mlir/IR/Builders.h"

namespace mlir::walsh {
#define GEN_PASS_DEF_WALSHCONVERTTOCPU
#include "walsh/Conversion/Passes.h.inc"
} // namespace mlir::walsh

using namespace mlir;

namespace {

/// Default schedule when the stages carry no #walsh.cpu_config: 8 lanes
/// (AVX2) and 3 levels per pass (8 vectors in registers).
constexpr int64_t kDefaultVectorWidth = 8;
constexpr int kDefaultLevelsPerPass = 3;

/// Where a pass reads or writes a row: a 2-D memref at [row, i] or the fp32
/// scratch row at [i].
struct RowRef {
  Value memref;
  Value row; // null for the scratch row
  Type elementType;
};

/// Emits the body of one kernel: the row loop and every pass.
class KernelEmitter {
public:
  KernelEmitter(OpBuilder &b, Location loc, const ::walsh::StageChain &chain,
                const ::walsh::CpuSchedule &schedule, Value mul, Value add)
      : b(b), loc(loc), chain(chain), schedule(schedule), mul(mul), add(add),
        f32(b.getF32Type()),
        storage(chain.rowsType.getElementType()),
        vf32(VectorType::get({schedule.lanes}, f32)),
        d(chain.factors.m << chain.factors.k) {}

  void emit(Value x, Value y) {
    // 16-bit rows are transformed in an fp32 scratch row; fp32 rows in the
    // output itself.
    Value scratch;
    if (storage != f32)
      scratch = b.create<memref::AllocaOp>(
          loc, MemRefType::get({d}, f32), ValueRange{},
          b.getI64IntegerAttr(64));
    Value rows = b.create<memref::DimOp>(loc, x, 0);
    b.create<scf::ForOp>(
        loc, index(0), rows, index(1), ValueRange{},
        [&](OpBuilder &, Location, Value r, ValueRange) {
          RowRef in{x, r, storage}, out{y, r, storage};
          RowRef work = scratch ? RowRef{scratch, Value(), f32} : out;
          size_t n = schedule.passes.size();
          for (size_t i = 0; i < n; ++i) {
            RowRef src = i == 0 ? in : work;
            RowRef dst = i + 1 == n ? out : work;
            const ::walsh::CpuPass &p = schedule.passes[i];
            if (p.kind == ::walsh::CpuPass::Kind::Radix2)
              emitRadix2Pass(p, src, dst, i + 1 == n);
            else
              emitDensePass(src, dst, i + 1 == n);
          }
          b.create<scf::YieldOp>(loc);
        });
  }

private:
  Value index(int64_t v) { return b.create<arith::ConstantIndexOp>(loc, v); }

  Value addIndex(Value base, int64_t offset) {
    return offset ? b.create<arith::AddIOp>(loc, base, index(offset)) : base;
  }

  Value splat(double v) {
    return b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(vf32, b.getF32FloatAttr(float(v))));
  }

  Value load(const RowRef &ref, Value i) {
    SmallVector<Value, 2> indices;
    if (ref.row)
      indices.push_back(ref.row);
    indices.push_back(i);
    auto type = VectorType::get({schedule.lanes}, ref.elementType);
    Value v = b.create<vector::LoadOp>(loc, type, ref.memref, indices);
    return ref.elementType == f32 ? v : b.create<arith::ExtFOp>(loc, vf32, v);
  }

  void store(const RowRef &ref, Value i, Value v, bool last) {
    if (last)
      v = epilogue(v, i);
    if (ref.elementType != f32)
      v = b.create<arith::TruncFOp>(
          loc, VectorType::get({schedule.lanes}, ref.elementType), v);
    SmallVector<Value, 2> indices;
    if (ref.row)
      indices.push_back(ref.row);
    indices.push_back(i);
    b.create<vector::StoreOp>(loc, v, ref.memref, indices);
  }

  /// y = t * scale (.) a[i..] + b[i..].
  Value epilogue(Value v, Value i) {
    if (chain.scale != 1.0)
      v = b.create<arith::MulFOp>(loc, v, splat(chain.scale));
    if (mul)
      v = b.create<arith::MulFOp>(loc, v, load({mul, Value(), storage}, i));
    if (add)
      v = b.create<arith::AddFOp>(loc, v, load({add, Value(), storage}, i));
    return v;
  }

  /// One radix-2 level at `stride` < lanes inside a vector:
  /// v = v * sign + swap(v), sign = -1 on the upper element of each pair.
  Value inVectorLevel(Value v, int64_t stride) {
    SmallVector<int64_t> mask;
    SmallVector<float> sign;
    for (int64_t i = 0; i < schedule.lanes; ++i) {
      mask.push_back(i ^ stride);
      sign.push_back(i & stride ? -1.0f : 1.0f);
    }
    Value swapped = b.create<vector::ShuffleOp>(loc, v, v, mask);
    Value signs = b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(vf32, ArrayRef<float>(sign)));
    return b.create<vector::FMAOp>(loc, v, signs, swapped);
  }

  void emitRadix2Pass(const ::walsh::CpuPass &p, RowRef src, RowRef dst,
                      bool last) {
    int64_t group = int64_t(1) << p.levels;
    int64_t span = p.stride * group;
    auto body = [&](Value base) {
      SmallVector<Value> v, at;
      for (int64_t j = 0; j < group; ++j) {
        at.push_back(addIndex(base, j * p.stride));
        v.push_back(load(src, at.back()));
      }
      for (int t = 0; t < p.inVectorLevels; ++t)
        for (Value &x : v)
          x = inVectorLevel(x, int64_t(1) << t);
      for (int t = 0; t < p.levels; ++t) {
        int64_t h = int64_t(1) << t;
        for (int64_t j = 0; j < group; ++j)
          if (!(j & h)) {
            Value s = b.create<arith::AddFOp>(loc, v[j], v[j + h]);
            Value dlt = b.create<arith::SubFOp>(loc, v[j], v[j + h]);
            v[j] = s;
            v[j + h] = dlt;
          }
      }
      for (int64_t j = 0; j < group; ++j)
        store(dst, at[j], v[j], last);
    };
    b.create<scf::ForOp>(
        loc, index(0), index(d), index(span), ValueRange{},
        [&](OpBuilder &, Location, Value block, ValueRange) {
          if (p.stride == schedule.lanes) {
            body(block);
          } else {
            b.create<scf::ForOp>(
                loc, index(0), index(p.stride), index(schedule.lanes),
                ValueRange{}, [&](OpBuilder &, Location, Value q, ValueRange) {
                  body(b.create<arith::AddIOp>(loc, block, q));
                  b.create<scf::YieldOp>(loc);
                });
          }
          b.create<scf::YieldOp>(loc);
        });
  }

  /// H_m across the m blocks of 2^k elements.
  void emitDensePass(RowRef src, RowRef dst, bool last) {
    int64_t m = chain.factors.m, blockLen = int64_t(1) << chain.factors.k;
    const ::walsh::SignMatrix &h = ::walsh::baseMatrix(m);
    b.create<scf::ForOp>(
        loc, index(0), index(blockLen), index(schedule.lanes), ValueRange{},
        [&](OpBuilder &, Location, Value pos, ValueRange) {
          SmallVector<Value> x, at;
          for (int64_t a = 0; a < m; ++a) {
            at.push_back(addIndex(pos, a * blockLen));
            x.push_back(load(src, at.back()));
          }
          for (int64_t a = 0; a < m; ++a) {
            auto sign = [&](int64_t c) {
              return chain.transpose ? h.at(c, a) : h.at(a, c);
            };
            Value acc = sign(0) > 0 ? x[0]
                                    : b.create<arith::NegFOp>(loc, x[0]);
            for (int64_t c = 1; c < m; ++c)
              acc = sign(c) > 0 ? Value(b.create<arith::AddFOp>(loc, acc, x[c]))
                                : Value(b.create<arith::SubFOp>(loc, acc, x[c]));
            store(dst, at[a], acc, last);
          }
          b.create<scf::YieldOp>(loc);
        });
  }

  OpBuilder &b;
  Location loc;
  const ::walsh::StageChain &chain;
  const ::walsh::CpuSchedule &schedule;
  Value mul, add;
  Type f32, storage;
  VectorType vf32;
  int64_t d;
};

struct WalshConvertToCPUPass
    : mlir::walsh::impl::WalshConvertToCPUBase<WalshConvertToCPUPass> {
  void runOnOperation() override {
    SmallVector<func::FuncOp> fns;
    getOperation().walk([&](func::FuncOp fn) {
      if (!fn.isExternal() && !fn.getOps<mlir::walsh::StageOp>().empty())
        fns.push_back(fn);
      else if (!fn.isExternal() && fn.getNumArguments() > 0 &&
               fn.getArgument(0).getType() == fn.getResultTypes().front())
        fns.push_back(fn); // d = 1: no stages.
    });
    for (func::FuncOp fn : fns)
      if (failed(convert(fn)))
        return signalPassFailure();
  }

  LogicalResult convert(func::FuncOp fn) {
    FailureOr<::walsh::StageChain> chain = ::walsh::matchStageChain(fn);
    if (failed(chain))
      return failure();
    int64_t vw = kDefaultVectorWidth;
    int levels = kDefaultLevelsPerPass;
    if (chain->config) {
      auto cpu = dyn_cast<mlir::walsh::CpuConfigAttr>(chain->config);
      if (!cpu)
        return fn.emitError("expects a #walsh.cpu_config (or none) for the "
                            "CPU target, got ")
               << chain->config;
      vw = cpu.getVectorWidth();
      levels = int(cpu.getLevelsPerPass());
    }
    ::walsh::CpuSchedule schedule =
        ::walsh::planCpuSchedule(chain->factors, vw, levels);

    MLIRContext *ctx = &getContext();
    OpBuilder b(fn);
    Location loc = fn.getLoc();
    Type t = chain->rowsType.getElementType();
    int64_t d = chain->rowsType.getShape()[1];
    auto rowsType = MemRefType::get(
        {ShapedType::kDynamic, d}, t,
        StridedLayoutAttr::get(ctx, ShapedType::kDynamic,
                               {ShapedType::kDynamic, 1}));
    SmallVector<Type> args{rowsType, rowsType};
    for (unsigned i = 1; i < fn.getNumArguments(); ++i) {
      auto type = dyn_cast<RankedTensorType>(fn.getArgument(i).getType());
      if (!type || type.getRank() != 1 || type.getShape()[0] != d ||
          type.getElementType() != t)
        return fn.emitError("expects argument ")
               << i << " to be a tensor<" << d << "x" << t << ">";
      args.push_back(MemRefType::get({d}, t));
    }
    auto kernel = b.create<func::FuncOp>(loc, fn.getName(),
                                         b.getFunctionType(args, {}));
    kernel->setAttr("llvm.emit_c_interface", b.getUnitAttr());
    Block *entry = kernel.addEntryBlock();
    b.setInsertionPointToStart(entry);
    auto argOr = [&](int n) {
      return n < 0 ? Value() : entry->getArgument(unsigned(n) + 1);
    };
    KernelEmitter(b, loc, *chain, schedule, argOr(chain->mulArg),
                  argOr(chain->addArg))
        .emit(entry->getArgument(0), entry->getArgument(1));
    b.create<func::ReturnOp>(loc);
    fn.erase();
    return success();
  }
};

} // namespace
