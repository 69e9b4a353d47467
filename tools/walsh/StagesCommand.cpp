//===- StagesCommand.cpp - `walsh stages` ----------------------------------===//
//
// spec -> walsh IR -> walsh-to-stages pipeline -> stage table, then the
// stages are interpreted in float64 on fresh random rows and compared with
// the O(d^2) matrix reference. Exit code 0 only when the comparison passes.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "SpecOptions.h"

#include "walsh/Builder/ProjectionBuilder.h"
#include "walsh/Hadamard/Reference.h"
#include "walsh/Interpreter/Interpreter.h"
#include "walsh/Pipelines/Pipelines.h"

#include "walsh/Dialect/Walsh/IR/Walsh.h"
#include "walsh/Support/JsonText.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <random>

using namespace llvm;


namespace {
cl::opt<int64_t> optCheckRows("check-rows",
                              cl::desc("Random rows to check (default 2)"),
                              cl::init(2), cl::sub(walsh::cli::stagesCommand()),
                              cl::cat(walsh::cli::category()));
cl::opt<bool> optPrintIR("print-ir",
                         cl::desc("Print the IR before and after the pipeline"),
                         cl::sub(walsh::cli::stagesCommand()), cl::cat(walsh::cli::category()));
cl::opt<bool> optJson("json", cl::desc("Machine-readable output"),
                      cl::sub(walsh::cli::stagesCommand()), cl::cat(walsh::cli::category()));
} // namespace




static std::string irText(mlir::ModuleOp m) {
  std::string s;
  raw_string_ostream os(s);
  m.print(os);
  return s;
}

int walsh::cli::runStages() {
  Expected<ProjectionSpec> spec = specFromOptions();
  if (!spec)
    return usageError("stages", toString(spec.takeError()));
  if (optCheckRows < 1)
    return usageError("stages", "--check-rows: expects at least 1, got " +
                      Twine(int64_t(optCheckRows)));
  // The interpreter holds rows × d doubles per tensor, several times over;
  // 2^22 values keeps it near 100 MB and two seconds (the matrix reference
  // below, rows × d^2, takes longer at large d).
  const int64_t maxValues = int64_t(1) << 22;
  if (optCheckRows > maxValues / spec->d)
    return usageError(
        "stages", "--check-rows: expects at most " +
                      Twine(maxValues / spec->d) + " at d = " + Twine(spec->d) +
                      " (2^22 values), got " + Twine(int64_t(optCheckRows)));
  // The check is against the projection's matrix alone.
  if (spec->hasEpilogue() || spec->hasPrologue() || spec->crossHeadOnly)
    return usageError(
        "stages", "shows the plain transform's stages; for a kernel with a "
                  "fused epilogue, a prologue or only the cross-head factor, "
                  "use walsh inspect --stage stages");
  mlir::MLIRContext ctx;
  auto module = buildProjectionModule(ctx, *spec);
  if (!module)
    return usageError("stages", toString(module.takeError()));
  std::string before = irText(**module);

  mlir::PassManager pm(&ctx, mlir::ModuleOp::getOperationName());
  mlir::walsh::buildWalshToStagesPipeline(pm);
  if (mlir::failed(pm.run(**module)))
    return usageError("stages", "the walsh-to-stages pipeline failed");
  auto fn = (*module)->lookupSymbol<mlir::func::FuncOp>("outproj");

  // Fresh random rows, a and b; the stage IR interpreted against the matrix.
  Factorization f = *factorize(spec->d);
  std::mt19937_64 rng(std::random_device{}());
  std::normal_distribution<double> normal;
  auto fill = [&](std::vector<int64_t> shape) {
    HostTensor t{shape, {}};
    int64_t n = 1;
    for (int64_t s : shape)
      n *= s;
    for (int64_t i = 0; i < n; ++i)
      t.data.push_back(normal(rng));
    return t;
  };
  std::vector<HostTensor> args{fill({optCheckRows, spec->d})};
  if (spec->withMul)
    args.push_back(fill({spec->d}));
  if (spec->withAdd)
    args.push_back(fill({spec->d}));
  auto out = interpret(fn, args);
  if (!out)
    return usageError("stages", toString(out.takeError()));
  double scale = spec->scale ? *spec->scale : 1.0 / std::sqrt(double(spec->d));
  std::vector<double> ref(args[0].data.size());
  // The matrix's rows x d^2 multiply-adds take seconds past d = 16384 (2
  // rows of 61440: 11 s on a 2-core VM): said on a terminal meanwhile.
  bool slow = double(optCheckRows) * double(spec->d) * double(spec->d) > 1e9 &&
              sys::Process::StandardErrIsDisplayed();
  if (slow)
    errs() << "walsh stages: " << int64_t(optCheckRows)
           << (optCheckRows == 1 ? " row" : " rows")
           << " against the O(d^2) matrix (" << spec->d << "^2 = "
           << fmt::format("{:.1e}", double(spec->d) * double(spec->d))
           << " entries a row) ...";
  matrixProjection(f, optCheckRows, args[0].data.data(),
                   spec->withMul ? args[1].data.data() : nullptr,
                   spec->withAdd ? args.back().data.data() : nullptr, scale,
                   spec->transpose, ref.data());
  if (slow)
    errs() << " done\n";
  double err = maxRelativeError((*out)[0].data.data(), ref.data(),
                                int64_t(ref.size()));
  const double tolerance = 1e-12;
  bool ok = err <= tolerance;

  SmallVector<mlir::walsh::StageOp> stages;
  fn.walk([&](mlir::walsh::StageOp s) { stages.push_back(s); });
  if (optJson) {
    json::Array js;
    for (mlir::walsh::StageOp s : stages)
      js.push_back(json::Object{{"radix", s.getRadix()},
                                {"stride", s.getStride()},
                                {"transpose", s.getTranspose()},
                                {"scale", s.getScaleValue()},
                                {"mul", bool(s.getMul())},
                                {"add", bool(s.getAdd())}});
    json::Object o{{"d", spec->d},
                   {"m", f.m},
                   {"k", f.k},
                   {"dtype", dtypeName(spec->dtype)},
                   {"transpose", spec->transpose},
                   {"scale", scale},
                   {"stages", std::move(js)},
                   {"check_rows", int64_t(optCheckRows)},
                   {"max_rel_error", err},
                   {"tolerance", tolerance},
                   {"ok", ok}};
    // --print-ir's text as fields (until 2026-12-07 ignored under --json).
    if (optPrintIR) {
      o["ir_built"] = walsh::jsonString(before);
      o["ir_stages"] = walsh::jsonString(irText(**module));
    }
    outs() << walsh::jsonText(std::move(o)) << "\n";
    return ok ? 0 : 1;
  }
  outs() << fmt::format("d = {} = {} * 2^{}, {}{}, {}, scale {:.9g}{}\n",
                        spec->d, f.m, f.k, dtypeName(spec->dtype),
                        spec->casts() ? std::string(" -> ") +
                                            dtypeName(spec->outType())
                                      : std::string(),
                        spec->transpose ? "H_d^T (backward)" : "H_d",
                        scale, spec->withMul ? ", affine a, b" : "");
  if (optPrintIR)
    outs() << "\n// IR built from the spec:\n" << before
           << "\n// after walsh-to-stages:\n" << irText(**module) << "\n";
  outs() << fmt::format("{:>3}  {:>5}  {:>6}  {:<22}  {}\n", "#", "radix",
                        "stride", "kind", "epilogue");
  for (auto [i, s] : llvm::enumerate(stages)) {
    std::string epilogue;
    if (s.getScaleAttr())
      epilogue += fmt::format("* {:.9g} ", s.getScaleValue());
    if (s.getMul())
      epilogue += "(.) a ";
    if (s.getAdd())
      epilogue += "+ b ";
    if (s.getInput().getType() != s.getType()) {
      std::string to;
      llvm::raw_string_ostream os(to);
      os << s.getType().getElementType();
      epilogue += "-> " + to; // the output cast
    }
    if (!epilogue.empty() && epilogue.back() == ' ')
      epilogue.pop_back();
    outs() << fmt::format(
        "{:>3}  {:>5}  {:>6}  {:<22}  {}\n", i, s.getRadix(), s.getStride(),
        s.getRadix() == 2 ? "butterfly"
        : s.getTranspose() ? "dense H_m, transposed"
                           : "dense H_m",
        epilogue.empty() ? "-" : epilogue);
  }
  outs() << fmt::format("check: {} fresh random rows, stages interpreted in "
                        "float64 vs the O(d^2) matrix: max rel error {:.3g} "
                        "(tolerance {:.0e}) {}\n",
                        int64_t(optCheckRows), err, tolerance,
                        ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
