//===- BaseProgram.cpp - The base orders' sign programs, from the build -===//
//
// Paar's greedy (signProgram) takes 10 ms for m = 60 and 6 for m = 52 on the
// development VM: the first kernel of such an order in a process paid it in
// its cold compile. walsh-gen-base-programs (GenBasePrograms.cpp) runs it
// once at build time and writes BasePrograms.inc; baseProgram copies the
// program from there. The same for the CPU's row blocks of four rows at m
// >= 36 (baseColumnProgram, buildTimeBlockProgram). Unit tests check every
// entry against signProgram and signProgramBlock.
//
//===----------------------------------------------------------------------===//
#include "walsh/Hadamard/SignProgram.h"

#include <map>
#include <mutex>
#include <optional>
#include <tuple>
#include <utility>

namespace walsh {
namespace {

/// One program: `stepCount` (lhs, rhs, subtract) triples and m (value,
/// negate) pairs.
struct BaseProgramEntry {
  int64_t m;
  bool transpose;
  const int32_t *steps;
  size_t stepCount;
  const int32_t *outputs;
};

/// One row block's program (baseColumnProgram with one column group):
/// `outputCount` = m / blocks outputs over the m inputs.
struct BlockProgramEntry {
  int64_t m;
  bool transpose;
  int64_t blocks, block;
  const int32_t *steps;
  size_t stepCount;
  const int32_t *outputs;
  size_t outputCount;
};

#include "BasePrograms.inc"

SignProgram fromTable(int64_t inputs, const int32_t *steps, size_t stepCount,
                      const int32_t *outputs, size_t outputCount) {
  SignProgram p;
  p.inputs = inputs;
  p.steps.reserve(stepCount);
  for (size_t i = 0; i < stepCount; ++i)
    p.steps.push_back({steps[3 * i], steps[3 * i + 1], steps[3 * i + 2] != 0});
  for (size_t r = 0; r < outputCount; ++r)
    p.outputs.push_back({outputs[2 * r], outputs[2 * r + 1] != 0});
  return p;
}

} // namespace

const SignProgram &baseProgram(int64_t m, bool transpose) {
  static std::mutex mu;
  static std::map<std::pair<int64_t, bool>, SignProgram> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto key = std::make_pair(m, transpose);
  auto it = cache.find(key);
  if (it != cache.end())
    return it->second;
  for (const BaseProgramEntry &e : kBasePrograms)
    if (e.m == m && e.transpose == transpose)
      return cache
          .emplace(key,
                   fromTable(e.m, e.steps, e.stepCount, e.outputs, size_t(e.m)))
          .first->second;
  // Not a base order (m = 2): found now.
  return cache.emplace(key, signProgram(baseMatrix(m), transpose))
      .first->second;
}

std::optional<SignProgram> buildTimeBlockProgram(int64_t m, bool transpose,
                                                 int64_t blocks,
                                                 int64_t block) {
  for (const BlockProgramEntry &e : kBlockPrograms)
    if (e.m == m && e.transpose == transpose && e.blocks == blocks &&
        e.block == block)
      return fromTable(e.m, e.steps, e.stepCount, e.outputs, e.outputCount);
  return std::nullopt;
}

const SignProgram &baseColumnProgram(int64_t m, bool transpose, int64_t groups,
                                     int64_t group, int64_t blocks,
                                     int64_t block) {
  static std::mutex mu;
  static std::map<std::tuple<int64_t, bool, int64_t, int64_t, int64_t, int64_t>,
                  SignProgram>
      cache;
  std::lock_guard<std::mutex> lock(mu);
  auto key = std::make_tuple(m, transpose, groups, group, blocks, block);
  auto it = cache.find(key);
  if (it != cache.end())
    return it->second;
  // The CPU's row blocks come from the build (walsh-gen-base-programs): a
  // cold compile of a kernel of m = 60 paid 4 ms for them on the Zen 5 VM
  // (0.8 at m = 36).
  if (groups == 1)
    if (std::optional<SignProgram> p =
            buildTimeBlockProgram(m, transpose, blocks, block))
      return cache.emplace(key, std::move(*p)).first->second;
  // Others are found when first asked (the grouped layout is for decode
  // rows, not a default every cold compile pays for): on the Zen 5 VM 0.3
  // ms for m = 28's halves, 4 ms for both halves at m = 60.
  int64_t count = m / groups, rows = m / blocks;
  return cache
      .emplace(key, signProgramBlock(baseMatrix(m), transpose, block * rows,
                                     rows, group * count, count))
      .first->second;
}

} // namespace walsh
