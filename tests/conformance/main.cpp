//===- main.cpp - Catch2 main for the conformance suites -------------------===//
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
