//===- SignProgram.h - Fewer additions for y = S x, S of +-1 -*- C++ -*-===//
//
// The dense product y = S x by an m x m sign matrix costs m - 1 additions an
// output. Rows of a Hadamard matrix share many signed pairs of columns, so a
// straight-line program that computes each shared pair once costs far fewer:
// for the base orders 12 and 20 (d = 768, 5120), 0.42 and 0.36 of it.
// Both lowerings (walsh-convert-to-cpu, walsh-convert-to-gpu) emit the m-point
// stage from this program, so they and the tests agree on one schedule.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_HADAMARD_SIGNPROGRAM_H
#define WALSH_HADAMARD_SIGNPROGRAM_H

#include "walsh/Hadamard/Hadamard.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace walsh {

/// Values 0 .. inputs-1 are x; value inputs + i is steps[i] applied to two
/// earlier values; y_r = (negate ? -1 : 1) * value of outputs[r].
struct SignProgram {
  struct Step {
    int32_t lhs, rhs;
    bool subtract; // lhs - rhs, else lhs + rhs
  };
  struct Output {
    int32_t value;
    bool negate;
  };
  int64_t inputs = 0;
  std::vector<Step> steps;
  std::vector<Output> outputs;

  /// Additions, subtractions and negations the program performs.
  int64_t operations() const;
  /// Runs the program on doubles (the tests' check of it).
  std::vector<double> apply(const std::vector<double> &x) const;
};

/// A program for y = S x (or S^T x when `transpose`): Paar's greedy
/// elimination of the most frequent signed column pair (ties: the first
/// found), never worse than the dense product.
SignProgram signProgram(const SignMatrix &s, bool transpose);

/// The same for the block of rows rowFirst ... rowFirst + rowCount - 1 and
/// columns colFirst ... colFirst + colCount - 1 of S (or S^T): x of
/// colCount values, y of rowCount (the grouped layout's partial products
/// on the GPU: a group's columns, and where a cluster's blocks split the
/// outputs, a block's rows).
SignProgram signProgramBlock(const SignMatrix &s, bool transpose,
                             int64_t rowFirst, int64_t rowCount,
                             int64_t colFirst, int64_t colCount);

/// signProgram(baseMatrix(m), transpose), built once a process.
const SignProgram &baseProgram(int64_t m, bool transpose);

/// The program of row block `block` of `blocks` over all m columns of
/// baseMatrix(m) (signProgramBlock's), where walsh-gen-base-programs wrote
/// it at build time: the CPU's row blocks, four rows each for m >= 36
/// (cpuHmRowBlocks). Else nullopt.
std::optional<SignProgram> buildTimeBlockProgram(int64_t m, bool transpose,
                                                 int64_t blocks, int64_t block);

/// signProgramBlock of baseMatrix(m) for its column block `group` of
/// `groups` (columns group * m / groups ...) and row block `block` of
/// `blocks` (rows block * m / blocks ...): m / groups inputs, m / blocks
/// outputs; from the build where buildTimeBlockProgram has it, else found
/// once a process.
const SignProgram &baseColumnProgram(int64_t m, bool transpose, int64_t groups,
                                     int64_t group, int64_t blocks = 1,
                                     int64_t block = 0);

} // namespace walsh

#endif // WALSH_HADAMARD_SIGNPROGRAM_H
