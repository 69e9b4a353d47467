//===- WalshBase.td - the walsh dialect ---------------------*- tablegen -*-===//
#ifndef WALSH_BASE_TD
#define WALSH_BASE_TD

include "mlir/IR/OpBase.td"

def Walsh_Dialect : Dialect {
  let name = "walsh";
  let cppNamespace = "::mlir::walsh";
  let summary = "Structured Hadamard output projection of attention";
  let description = [{
    The `walsh` dialect describes y = a ⊙ (s · H_d · x) + b along the last
    dimension of a tensor of rows, where H_d is a fixed Walsh–Hadamard
    matrix, and the butterfly stages that compute it. Passes decompose the
    transform into stages, fuse the scale and the affine into the last
    stage, and later map stages to registers, warp shuffles and shared
    memory according to a `#walsh.config`.

    Supported sizes: d = 2^k, or d = m · 2^k with m in
    {12, 20, 28, 36, 44, 52, 60}, up to 65536. H_{2^k} is Sylvester's
    matrix in natural (Hadamard) order, H_m (m = 4q) the Williamson matrix
    pinned in `walsh/Hadamard/Hadamard.cpp`, and
    H_{m·2^k} = H_m ⊗ H_{2^k}: element i = a·2^k + b of a row has
    H[i][j] = H_m[a][a'] · (-1)^popcount(b & b').
  }];
  let useDefaultAttributePrinterParser = 1;
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

class Walsh_Op<string mnemonic, list<Trait> traits = []>
    : Op<Walsh_Dialect, mnemonic, traits>;

#endif // WALSH_BASE_TD
