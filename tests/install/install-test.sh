#!/usr/bin/env bash
#===- tests/install/install-test.sh - cmake --install, then use it ---------===#
#
# Usage: install-test.sh BUILD_DIR   (ctest `install`)
# Installs the build into a fresh prefix and uses it as a user would: the
# tools from PREFIX/bin (libwalsh found through their run path), the C API
# from a program built through pkg-config and another through
# find_package(walsh), the Python binding from its installed place; then
# moves the whole prefix and runs the tools and pkg-config again (the
# installed tree is relocatable).
#
#===------------------------------------------------------------------------===#
set -euo pipefail
build="$(cd "$1" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
export WALSH_CACHE_DIR=none
unset WALSH_LIBRARY LD_LIBRARY_PATH

fail() { echo "install-test: $*" >&2; exit 1; }

# walsh's version, as its build says it (the last part of libwalsh's name).
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ -n "$version" ] || fail "no CMAKE_PROJECT_VERSION in $build/CMakeCache.txt"
cmake --install "$build" --prefix "$prefix" > "$work/install.log" ||
  { cat "$work/install.log" >&2; fail "cmake --install failed"; }
for f in bin/walsh bin/walsh-opt bin/walsh-gpu lib/libwalsh.so \
         include/walsh/walsh.h lib/pkgconfig/walsh.pc \
         lib/cmake/walsh/walshConfig.cmake \
         lib/cmake/walsh/walshConfigVersion.cmake \
         lib/python3/dist-packages/walsh.py; do
  [ -e "$prefix/$f" ] || fail "PREFIX/$f was not installed"
done

# The tools run from the prefix with its libwalsh, nothing of the build's.
check_tools() {
  local p="$1"
  "$p/bin/walsh" --version > "$work/version.txt"
  grep -qx "  from: $p/lib/libwalsh.so.$version" "$work/version.txt" ||
    { cat "$work/version.txt" >&2; fail "$p/bin/walsh does not run $p/lib/libwalsh.so"; }
  "$p/bin/walsh" run --d 768 --rows 64 --threads 1 --check > "$work/run.txt" ||
    { cat "$work/run.txt" >&2; fail "$p/bin/walsh run --check failed"; }
  grep -q "PASS" "$work/run.txt" || fail "walsh run printed no PASS"
  "$p/bin/walsh-gpu" --version | grep -q "^walsh " ||
    fail "$p/bin/walsh-gpu --version"
}
check_tools "$prefix"
for lib in "$prefix"/bin/* "$prefix/lib/libwalsh.so"; do
  if readelf -d "$lib" | grep -q "$build"; then
    fail "$lib's run path names the build tree"
  fi
done

# libwalsh's soname carries its ABI (MAJOR.MINOR), and what links it needs
# that name.
abi=${version%.*}
readelf -d "$prefix/lib/libwalsh.so" | grep -q "Library soname: \[libwalsh.so.$abi\]" ||
  fail "libwalsh's soname is not libwalsh.so.$abi"
readelf -d "$prefix/bin/walsh" | grep -q "Shared library: \[libwalsh.so.$abi\]" ||
  fail "walsh does not need libwalsh.so.$abi"

# The C API through pkg-config.
cc_pc() {
  local p="$1" out="$2"
  # shellcheck disable=SC2046
  cc -std=c11 -O1 -o "$out" "$here/consumer/consumer.c" \
    $(PKG_CONFIG_PATH="$p/lib/pkgconfig" pkg-config --cflags --libs walsh) -lm
  readelf -d "$out" | grep -q "Shared library: \[libwalsh.so.$abi\]" ||
    fail "$out does not need libwalsh.so.$abi"
  "$out" || fail "$out (built through pkg-config) failed"
}
[ "$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --modversion walsh)" = \
  "$("$prefix/bin/walsh" --version | head -1 | cut -d' ' -f2)" ] ||
  fail "pkg-config --modversion walsh is not walsh --version's"
cc_pc "$prefix" "$work/consumer-pc"

# The C API through find_package(walsh).
cmake -S "$here/consumer" -B "$work/consumer-build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$prefix" > "$work/consumer-configure.log" ||
  { cat "$work/consumer-configure.log" >&2; fail "find_package(walsh) failed"; }
cmake --build "$work/consumer-build" > "$work/consumer-build.log" ||
  { cat "$work/consumer-build.log" >&2; fail "the find_package consumer did not build"; }
"$work/consumer-build/consumer" || fail "the find_package consumer failed"
# A version the package does not satisfy is refused.
if cmake -S "$here/consumer" -B "$work/consumer-too-new" -G Ninja \
     -DCMAKE_PREFIX_PATH="$prefix" -DWALSH_WANT=1.0 \
     > "$work/too-new.log" 2>&1; then
  fail "find_package(walsh 1.0) accepted walsh $(cat "$work/version.txt" | head -1)"
fi
grep -q 'requested version "1.0"' "$work/too-new.log" ||
  { cat "$work/too-new.log" >&2; fail "find_package(walsh 1.0) failed otherwise"; }

# The Python binding where it was installed, with PREFIX/lib's libwalsh.
PYTHONPATH="$prefix/lib/python3/dist-packages" "${PYTHON:-python3}" - "$prefix" <<'PY'
import os, sys
import walsh
lib = walsh.library()
want = os.path.join(sys.argv[1], "lib", "libwalsh.so")
assert os.path.realpath(lib._name) == os.path.realpath(want), (lib._name, want)
print(f"python: walsh.py from {os.path.dirname(walsh.__file__)}, "
      f"libwalsh {walsh.__version__}")
PY

# The binding alone, libwalsh on the loader's path under its soname only
# (as ldconfig's cache holds a library: by soname, not the link name).
mkdir -p "$work/soname-only" "$work/binding-alone"
cp -P "$prefix/lib/libwalsh.so.$abi" "$prefix/lib/libwalsh.so.$version" \
  "$work/soname-only/"
cp "$prefix/lib/python3/dist-packages/walsh.py" "$work/binding-alone/"
LD_LIBRARY_PATH="$work/soname-only" PYTHONPATH="$work/binding-alone" \
  "${PYTHON:-python3}" -c 'import walsh; walsh.library()' ||
  fail "walsh.py did not find libwalsh.so.$abi on the loader's path"

# The whole prefix moved: tools and pkg-config follow it.
mv "$prefix" "$work/moved"
check_tools "$work/moved"
cc_pc "$work/moved" "$work/consumer-moved"
echo "install-test: PASS (installed, used through pkg-config, find_package, Python; moved)"
