#!/usr/bin/env bash
#===- scripts/bundle.sh - a relocatable walsh tarball for GPU hosts -------===#
#
# Usage: scripts/bundle.sh BUILD_DIR OUT.tar.gz
# Packs bin/ (walsh, walsh-opt, walsh-gpu), lib/ (libwalsh stripped, under
# its soname and as libwalsh.so, and
# the libLLVM.so.19.1 and libz3.so.4 it needs), python/walsh.py (the Python
# binding, which finds ../lib/libwalsh.so), include/walsh/walsh.h (the C
# API's header, for programs built against lib/libwalsh.so), the GPU
# conformance test, the C API and Python tests and an env.sh, so it runs on
# a GPU host without LLVM installed:
#   tar xzf walsh-bundle.tar.gz && . walsh-bundle/env.sh
#   walsh-bundle/tests/gpu-conformance.sh walsh-bundle/bin
# The executables find lib/ through their $ORIGIN/../lib run path.
#
#===------------------------------------------------------------------------===#
set -euo pipefail
build="$1"
out="$2"
src="$(cd "$(dirname "$0")/.." && pwd)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/walsh-bundle"
mkdir -p "$root/bin" "$root/lib" "$root/tests/python" "$root/python" \
  "$root/include/walsh"
cp "$build/bin/walsh" "$build/bin/walsh-opt" "$build/bin/walsh-gpu" "$root/bin/"
cp "$build/tests/walsh-capi-test" "$root/tests/"
# libwalsh under its soname (libwalsh.so.X.Y, what the tools need), and
# libwalsh.so, the name programs link and the Python binding loads.
soname=$(readelf -d "$build/lib/libwalsh.so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ -n "$soname" ] || { echo "bundle: libwalsh.so has no soname" >&2; exit 1; }
strip --strip-unneeded -o "$root/lib/$soname" "$build/lib/libwalsh.so"
[ "$soname" = libwalsh.so ] || ln -s "$soname" "$root/lib/libwalsh.so"
for lib in libLLVM.so.19.1 libz3.so.4; do
  path=$(ldd "$build/lib/libwalsh.so" | awk -v l="$lib" '$1 == l { print $3 }')
  [ -n "$path" ] || { echo "bundle: $lib not found by ldd" >&2; exit 1; }
  cp -L "$path" "$root/lib/$lib"
done
cp "$src/tests/gpu/gpu-conformance.sh" "$root/tests/"
cp "$src/runtime/include/walsh/walsh.h" "$root/include/walsh/"
cp "$src/python/walsh.py" "$root/python/"
cp "$src/tests/python/test_walsh.py" "$root/tests/python/"
cat > "$root/env.sh" <<'ENV'
# Source this: puts walsh's tools on PATH and its libraries on the loader path.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PATH="$here/bin:$PATH"
export LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export PYTHONPATH="$here/python${PYTHONPATH:+:$PYTHONPATH}"
ENV
tmp="$out.tmp.$$"
tar -C "$stage" -czf "$tmp" walsh-bundle
mv "$tmp" "$out"
echo "$out: $(du -h "$out" | cut -f1)"
