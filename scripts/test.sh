#!/usr/bin/env bash
#===- scripts/test.sh - build walsh and run every test ---------------------===#
#
# The README's test command: set-up, build, then ctest (lit + FileCheck IR
# and tool tests, GoogleTest unit tests, Catch2 conformance). Any failure
# fails the script.
#
#===------------------------------------------------------------------------===#
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
ctest --preset release -j "$(nproc)" "$@"
