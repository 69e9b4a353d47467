#!/usr/bin/env bash
#===- scripts/build.sh - configure and build walsh -------------------------===#
#
# Installs what is missing (scripts/setup.sh), then configures with the
# `release` CMake preset (ninja, ccache) and builds everything into build/.
#
#===------------------------------------------------------------------------===#
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
if [ ! -f build/build.ninja ]; then
  cmake --preset release
fi
cmake --build --preset release
