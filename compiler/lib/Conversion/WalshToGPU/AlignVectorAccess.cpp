//===- AlignVectorAccess.cpp - walsh-align-vector-access -------------------===//
//
// Sets the alignment of LLVM-dialect vector loads and stores to the vector's
// size (see Passes.td): the contract of walsh's GPU kernels, whose rows the
// runtime checks are aligned to 16 bytes.
//
//===----------------------------------------------------------------------===//
#include "walsh/Conversion/Passes.h"

namespace mlir::walsh {
#define GEN_PASS_DEF_WALSHALIGNVECTORACCESS
#include "walsh/Conversion/Passes.h.inc"
} // namespace mlir::walsh

using namespace mlir;

namespace {
/// Size in bytes of a fixed vector type, or 0.
int64_t vectorBytes(Type t) {
  auto v = dyn_cast<VectorType>(t);
  if (!v || v.isScalable())
    return 0;
  return v.getNumElements() * v.getElementTypeBitWidth() / 8;
}

struct WalshAlignVectorAccessPass
    : mlir::walsh::impl::WalshAlignVectorAccessBase<
          WalshAlignVectorAccessPass> {
  void runOnOperation() override {
    getOperation()->walk([](Operation *op) {
      if (auto load = dyn_cast<LLVM::LoadOp>(op)) {
        if (int64_t n = vectorBytes(load.getType()))
          load.setAlignment(n);
      } else if (auto store = dyn_cast<LLVM::StoreOp>(op)) {
        if (int64_t n = vectorBytes(store.getValue().getType()))
          store.setAlignment(n);
      }
    });
  }
};
} // namespace
