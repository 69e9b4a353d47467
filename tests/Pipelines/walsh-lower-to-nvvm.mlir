// RUN: walsh-opt %s -walsh-lower-to-nvvm | FileCheck %s
// Its options: the chip and what the gpu.module becomes, each checked by
// the option parser (a chip as free text reaches LLVM's NVPTX backend,
// which aborts on an unknown one); an unknown option exits 1 with its name
// (the option-less registration had exited 1 without a word).
// RUN: walsh-opt %s -walsh-lower-to-nvvm=chip=sm_80 | FileCheck %s --check-prefix=SM80
// SM80: chip = "sm_80"
// SM80-SAME: .target sm_80
// RUN: walsh-opt %s '--pass-pipeline=builtin.module(walsh-lower-to-nvvm{chip=sm_86 format=none})' | FileCheck %s --check-prefix=NVVM
// NVVM: gpu.module @walsh_kernels [#nvvm.target<O = 3, chip = "sm_86"
// NVVM: nvvm.shfl.sync bfly
// NVVM-NOT: gpu.binary
// RUN: not walsh-opt %s -walsh-lower-to-nvvm=chip=sm_1 2>&1 | FileCheck %s --check-prefix=BADCHIP
// BADCHIP: for the --chip option: Cannot find option named 'sm_1'!
// RUN: not walsh-opt %s -walsh-lower-to-nvvm=format=zzz 2>&1 | FileCheck %s --check-prefix=BADFORMAT
// BADFORMAT: for the --format option: Cannot find option named 'zzz'!
// RUN: not walsh-opt %s -walsh-lower-to-nvvm=bogus=1 2>&1 | FileCheck %s --check-prefix=BADOPT
// RUN: not walsh-opt %s -walsh-to-stages=bogus=1 2>&1 | FileCheck %s --check-prefix=BADOPT
// RUN: not walsh-opt %s -walsh-lower-to-cpu=bogus=1 2>&1 | FileCheck %s --check-prefix=BADOPT
// BADOPT: no such option bogus

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
