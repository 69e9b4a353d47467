// RUN: walsh-opt %s -walsh-lower-to-nvvm | FileCheck %s

// PTX for sm_90 in process: 16-byte global loads and stores (the trap of
// element-aligned vector accesses avoided) and butterfly shuffles.
// CHECK: gpu.binary @walsh_kernels
// CHECK-SAME: .target sm_90
// CHECK-SAME: .visible .entry outproj(
// CHECK-SAME: ld.global.v4.{{[bu]}}32
// CHECK-SAME: shfl.sync.bfly.b32
// CHECK-SAME: st.global.v4.b32
func.func @outproj(%x: tensor<?x768xbf16>, %a: tensor<768xbf16>, %b: tensor<768xbf16>) -> tensor<?x768xbf16> {
  %t = walsh.transform %x config(#walsh.config<elems_per_thread = 96, threads_per_row = 8, rows_per_block = 16, vector_width = 8, cross_warp = shared>) : tensor<?x768xbf16>
  %y = walsh.affine %t mul(%a : tensor<768xbf16>) add(%b : tensor<768xbf16>) : tensor<?x768xbf16>
  return %y : tensor<?x768xbf16>
}
