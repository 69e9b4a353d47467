//===- TestSupport.h - inputs and checks for conformance tests -*- C++ -*-===//
//
// Each run draws from a fresh seed (printed on failure through Catch2's
// INFO), so the suites cover new inputs every time yet can be replayed.
// requireValue() unwraps an llvm::Expected or fails the test with its
// message (an unchecked Expected would abort the process instead).
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_TESTS_CONFORMANCE_TESTSUPPORT_H
#define WALSH_TESTS_CONFORMANCE_TESTSUPPORT_H

#include "walsh/Interpreter/Interpreter.h"

#include <catch2/catch.hpp>

#include <random>

namespace walsh::test {

/// The seed of this process, fresh per run.
inline uint64_t runSeed() {
  static const uint64_t seed = std::random_device{}();
  return seed;
}

/// A tensor of the given shape filled with standard normal values.
inline HostTensor randomTensor(std::mt19937_64 &rng,
                               std::vector<int64_t> shape) {
  std::normal_distribution<double> normal;
  HostTensor t{shape, {}};
  int64_t n = 1;
  for (int64_t s : shape)
    n *= s;
  t.data.resize(n);
  for (double &v : t.data)
    v = normal(rng);
  return t;
}

/// The value of `e`, or a test failure carrying its error message.
template <typename T> T requireValue(llvm::Expected<T> e) {
  if (!e) {
    std::string message = llvm::toString(e.takeError());
    FAIL(message);
  }
  return std::move(*e);
}

/// The message of `e`, or "" when it is a success (consumed either way).
inline std::string errorText(llvm::Error e) {
  return e ? llvm::toString(std::move(e)) : std::string();
}

} // namespace walsh::test

#endif // WALSH_TESTS_CONFORMANCE_TESTSUPPORT_H
