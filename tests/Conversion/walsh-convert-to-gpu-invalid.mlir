// RUN: walsh-opt %s -split-input-file -walsh-convert-to-gpu -verify-diagnostics

// expected-error @+1 {{expects the stages to carry a #walsh.config for the GPU target}}
func.func @no_config(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = walsh.stage %x radix 2 stride 1 : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// expected-error @+1 {{expects the stages to carry a #walsh.config for the GPU target}}
func.func @cpu_config(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = walsh.stage %x radix 2 stride 1 config(#walsh.cpu_config<vector_width = 4, levels_per_pass = 2, nontemporal = false>) : tensor<?x4xf32>
  %1 = walsh.stage %0 radix 2 stride 2 config(#walsh.cpu_config<vector_width = 4, levels_per_pass = 2, nontemporal = false>) : tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}
