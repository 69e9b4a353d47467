//===- Passes.td - walsh conversion passes ------------------*- tablegen -*-===//
#ifndef WALSH_CONVERSION_PASSES_TD
#define WALSH_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def WalshConvertToCPU : Pass<"walsh-convert-to-cpu", "::mlir::ModuleOp"> {
  let summary = "Lower walsh stage chains to scf + vector loops over memrefs";
  let description = [{
    Rewrites every function that `walsh-to-stages` left as a chain of
    `walsh.stage` ops into a destination-passing function over memrefs with
    the C interface (`llvm.emit_c_interface`):

        func.func @f(%x: memref<?xDxT, strided<[?, 1], offset: ?>>,
                     %y: memref<?xDxT, strided<[?, 1], offset: ?>>,
                     [%a: memref<DxT>], [%b: memref<DxT>])

    A loop over rows runs the passes of `walsh::planCpuSchedule` (see
    `CpuSchedule.h`), each an `scf.for` nest whose body holds 2^levels
    fp32 vectors in registers: `vector.load` (and `arith.extf` from 16-bit
    storage), butterflies (`vector.shuffle` + `vector.fma` inside a vector,
    `arith.addf`/`arith.subf` between vectors), the dense H_m as adds and
    subtracts, and in the last pass the epilogue and `vector.store` (after
    `arith.truncf`). Rows in fp32 are transformed in the output buffer; 16-bit
    rows in an fp32 scratch row. The schedule follows the stages'
    `#walsh.cpu_config` (default: vector_width 8, levels_per_pass 3).

    Before:
    ```mlir
    func.func @f(%x: tensor<?x16xf32>) -> tensor<?x16xf32> {
      %0 = walsh.stage %x radix 2 stride 1 : tensor<?x16xf32>
      ...
      %3 = walsh.stage %2 radix 2 stride 8 scale(2.500000e-01) : tensor<?x16xf32>
      return %3 : tensor<?x16xf32>
    }
    ```
    After (sketch):
    ```mlir
    func.func @f(%x: memref<?x16xf32, strided<[?, 1], offset: ?>>,
                 %y: memref<?x16xf32, strided<[?, 1], offset: ?>>)
        attributes {llvm.emit_c_interface} {
      scf.for %r = %c0 to %rows step %c1 {
        %v0 = vector.load %x[%r, %c0] : ..., vector<8xf32>
        %s = vector.shuffle %v0, %v0 [1, 0, 3, 2, 5, 4, 7, 6] : ...
        %t = vector.fma %v0, %sign, %s : vector<8xf32>
        ...
        vector.store %out, %y[%r, %c0] : ..., vector<8xf32>
      }
    }
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
    "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

#endif // WALSH_CONVERSION_PASSES_TD
