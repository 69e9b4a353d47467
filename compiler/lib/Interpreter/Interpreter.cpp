//===- Interpreter.cpp - float64 interpreter of walsh IR -------------------===//
#include "walsh/Interpreter/Interpreter.h"

#include "walsh/Dialect/Walsh/IR/Walsh.h"
#include "walsh/Hadamard/Reference.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace walsh {

namespace {
/// Evaluates one function body; values live in `env`.
class Evaluator {
public:
  llvm::Error run(func::FuncOp fn, const std::vector<HostTensor> &args,
                  std::vector<HostTensor> &results);

private:
  llvm::Error fail(Operation *op, const llvm::Twine &why) {
    std::string name = op->getName().getStringRef().str();
    return llvm::createStringError("interpreter: " + name + ": " + why);
  }
  llvm::Error step(Operation *op, std::vector<HostTensor> &results);
  /// Applies x * scale (.) mul + add over the rows of `t`, in place.
  void epilogue(HostTensor &t, double scale, Value mul, Value add);

  /// normRow over every row of `h`.
  HostTensor norm(const HostTensor &h, Value weight, Value bias, bool center,
                  double eps);

  llvm::DenseMap<Value, HostTensor> env;
};
} // namespace

static int64_t rowLength(const HostTensor &t) { return t.shape.back(); }

void Evaluator::epilogue(HostTensor &t, double scale, Value mul, Value add) {
  int64_t d = rowLength(t);
  const HostTensor *a = mul ? &env[mul] : nullptr;
  const HostTensor *b = add ? &env[add] : nullptr;
  for (size_t i = 0; i < t.data.size(); ++i) {
    double v = t.data[i] * scale;
    if (a)
      v *= a->data[i % d];
    if (b)
      v += b->data[i % d];
    t.data[i] = v;
  }
}

HostTensor Evaluator::norm(const HostTensor &h, Value weight, Value bias,
                           bool center, double eps) {
  HostTensor out = h;
  int64_t d = rowLength(h);
  const double *w = env[weight].data.data();
  const double *b = bias ? env[bias].data.data() : nullptr;
  for (size_t r = 0; r < h.data.size(); r += size_t(d))
    normRow(&h.data[r], d, w, b, center, eps, &out.data[r]);
  return out;
}

llvm::Error Evaluator::step(Operation *op, std::vector<HostTensor> &results) {
  auto operand = [&](unsigned i) -> HostTensor { return env[op->getOperand(i)]; };
  return llvm::TypeSwitch<Operation *, llvm::Error>(op)
      .Case([&](mlir::walsh::TransformOp t) -> llvm::Error {
        HostTensor x = operand(0);
        int64_t d = rowLength(x);
        Factorization f = *factorize(d);
        for (size_t r = 0; r < x.data.size(); r += d)
          fastTransform(f, &x.data[r], t.getEffectiveScale(),
                                 t.getTranspose());
        env[t.getResult()] = std::move(x);
        return llvm::Error::success();
      })
      .Case([&](mlir::walsh::StageOp s) -> llvm::Error {
        HostTensor x = operand(0);
        int64_t d = rowLength(x);
        StageDesc st{int64_t(s.getRadix()), int64_t(s.getStride()),
                     s.getTranspose()};
        for (size_t r = 0; r < x.data.size(); r += d)
          applyStage(d, st, &x.data[r]);
        epilogue(x, s.getScaleValue(), s.getMul(), s.getAdd());
        env[s.getResult()] = std::move(x);
        return llvm::Error::success();
      })
      .Case([&](mlir::walsh::MergeHeadsOp m) -> llvm::Error {
        const HostTensor &x = env[m.getInput()];
        const std::vector<int64_t> &s = x.shape; // batch, heads, seq, hd
        HostTensor rows{{s[0] * s[2], s[1] * s[3]}, {}};
        rows.data.resize(x.data.size());
        mergeHeads(x.data.data(), s[0], s[1], s[2], s[3], rows.data.data());
        env[m.getResult()] = std::move(rows);
        return llvm::Error::success();
      })
      .Case([&](mlir::walsh::CombineSplitsOp c) -> llvm::Error {
        const HostTensor &p = env[c.getPartials()], &l = env[c.getLse()];
        int64_t k = p.shape[0], n = p.shape[1], d = p.shape[2];
        int64_t heads = l.shape[2];
        HostTensor rows{{n, d}, std::vector<double>(size_t(n * d))};
        for (int64_t r = 0; r < n; ++r)
          combineSplitsRow(&p.data[size_t(r * d)], n * d,
                           &l.data[size_t(r * heads)], n * heads, k, d,
                           d / heads, &rows.data[size_t(r * d)]);
        env[c.getResult()] = std::move(rows);
        return llvm::Error::success();
      })
      .Case([&](mlir::walsh::NormalizeHeadsOp nh) -> llvm::Error {
        HostTensor x = operand(0);
        const HostTensor &l = env[nh.getSums()];
        int64_t d = x.shape[1], heads = l.shape[1], hd = d / heads;
        for (size_t i = 0; i < x.data.size(); ++i) {
          int64_t r = int64_t(i) / d, c = int64_t(i) % d;
          x.data[i] /= l.data[size_t(r * heads + c / hd)];
        }
        env[nh.getResult()] = std::move(x);
        return llvm::Error::success();
      })
      .Case([&](mlir::walsh::AffineOp a) -> llvm::Error {
        HostTensor x = operand(0);
        epilogue(x, a.getScaleValue(), a.getMul(), a.getAdd());
        env[a.getResult()] = std::move(x);
        return llvm::Error::success();
      })
      .Case([&](mlir::walsh::CastOp c) -> llvm::Error {
        // Values are float64 here, never rounded to a storage type (the
        // backends' oracle rounds what it compares against): a cast keeps
        // them.
        env[c.getResult()] = operand(0);
        return llvm::Error::success();
      })
      .Case([&](mlir::walsh::ResidualOp r) -> llvm::Error {
        HostTensor x = operand(0);
        const HostTensor &res = env[r.getResidual()];
        for (size_t i = 0; i < x.data.size(); ++i)
          x.data[i] += res.data[i];
        env[r.getResult()] = std::move(x);
        return llvm::Error::success();
      })
      .Case([&](mlir::walsh::RmsNormOp n) -> llvm::Error {
        env[n.getResult()] = norm(operand(0), n.getWeight(), Value(), false,
                                  n.getEps().convertToDouble());
        return llvm::Error::success();
      })
      .Case([&](mlir::walsh::LayerNormOp n) -> llvm::Error {
        env[n.getResult()] = norm(operand(0), n.getWeight(), n.getBias(), true,
                                  n.getEps().convertToDouble());
        return llvm::Error::success();
      })
      .Case([&](mlir::walsh::EpilogueOp e) -> llvm::Error {
        HostTensor h = operand(0);
        if (Value r = e.getResidual()) {
          const HostTensor &res = env[r];
          for (size_t i = 0; i < h.data.size(); ++i)
            h.data[i] += res.data[i];
        }
        if (e.getNormWeight())
          env[e.getNormed()] =
              norm(h, e.getNormWeight(), e.getNormBias(), e.getCenter(),
                   e.getEpsAttr().getValueAsDouble());
        env[e.getResult()] = std::move(h);
        return llvm::Error::success();
      })
      .Case([&](arith::ConstantOp c) -> llvm::Error {
        auto dense = dyn_cast<DenseFPElementsAttr>(c.getValue());
        if (!dense)
          return fail(op, "only dense floating-point constants are supported");
        HostTensor t;
        auto type = cast<RankedTensorType>(dense.getType());
        t.shape.assign(type.getShape().begin(), type.getShape().end());
        for (const APFloat &v : dense.getValues<APFloat>())
          t.data.push_back(v.convertToDouble());
        // Splats iterate once per element already; nothing else to do.
        env[c.getResult()] = std::move(t);
        return llvm::Error::success();
      })
      .Case<arith::MulFOp, arith::AddFOp>([&](auto bin) -> llvm::Error {
        HostTensor x = operand(0);
        const HostTensor &y = env[op->getOperand(1)];
        if (x.data.size() != y.data.size())
          return fail(op, "operands differ in size");
        bool isMul = isa<arith::MulFOp>(op);
        for (size_t i = 0; i < x.data.size(); ++i)
          x.data[i] = isMul ? x.data[i] * y.data[i] : x.data[i] + y.data[i];
        env[bin.getResult()] = std::move(x);
        return llvm::Error::success();
      })
      .Case([&](func::ReturnOp ret) -> llvm::Error {
        for (Value v : ret.getOperands())
          results.push_back(env[v]);
        return llvm::Error::success();
      })
      .Default([&](Operation *) -> llvm::Error {
        return fail(op, "op is not supported by the interpreter");
      });
}

llvm::Error Evaluator::run(func::FuncOp fn,
                           const std::vector<HostTensor> &args,
                           std::vector<HostTensor> &results) {
  if (!fn.getBody().hasOneBlock())
    return llvm::createStringError(
        "interpreter: expects a function with one block");
  Block &entry = fn.getBody().front();
  if (args.size() != entry.getNumArguments())
    return llvm::createStringError(
        "interpreter: expects " + std::to_string(entry.getNumArguments()) +
        " arguments, got " + std::to_string(args.size()));
  for (auto [i, arg] : llvm::enumerate(entry.getArguments())) {
    auto type = dyn_cast<RankedTensorType>(arg.getType());
    if (!type || type.getRank() != int64_t(args[i].shape.size()))
      return llvm::createStringError("interpreter: argument " +
                                     std::to_string(i) +
                                     " has the wrong rank or type");
    int64_t count = 1;
    for (auto [dim, have] : llvm::zip(type.getShape(), args[i].shape)) {
      if (!ShapedType::isDynamic(dim) && dim != have)
        return llvm::createStringError(
            "interpreter: argument " + std::to_string(i) +
            " has a shape that disagrees with its type");
      count *= have;
    }
    if (count != int64_t(args[i].data.size()))
      return llvm::createStringError("interpreter: argument " +
                                     std::to_string(i) +
                                     " holds the wrong number of values");
    env[arg] = args[i];
  }
  for (Operation &op : entry)
    if (llvm::Error e = step(&op, results))
      return e;
  return llvm::Error::success();
}

llvm::Expected<std::vector<HostTensor>> interpret(func::FuncOp fn, const std::vector<HostTensor> &args) {
  Evaluator ev;
  std::vector<HostTensor> results;
  if (llvm::Error e = ev.run(fn, args, results))
    return std::move(e);
  return results;
}

std::vector<StageDesc> collectStages(func::FuncOp fn) {
  std::vector<StageDesc> stages;
  fn.walk([&](mlir::walsh::StageOp s) {
    stages.push_back(
        {int64_t(s.getRadix()), int64_t(s.getStride()), s.getTranspose()});
  });
  return stages;
}

} // namespace walsh
