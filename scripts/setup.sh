#!/usr/bin/env bash
#===- scripts/setup.sh - install what walsh's build and tests need ---------===#
#
# Idempotent: installs only the Debian packages that are missing. Used by both
# README commands and by .ci/run. Needs root (or sudo) only when something is
# missing.
#
#===------------------------------------------------------------------------===#
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build ccache g++ pkg-config
  # LLVM / MLIR 19 (FileCheck, lit and not come with llvm-19-tools)
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools
  # what LLVM 19's CMake exports name
  libzstd-dev zlib1g-dev libz3-dev libedit-dev libxml2-dev libffi-dev libcurl4-openssl-dev
  # libraries
  libfmt-dev libgtest-dev catch2 libdlpack-dev libopenblas-dev
  # lit runs on python3; the Python binding's tests on NumPy arrays and on
  # PyTorch's CPU tensors (Debian's 1.13: walsh.outproj's eager path)
  python3 python3-numpy python3-torch
  # de_DE's sources for localedef: the unit test of a host's decimal comma
  locales
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
