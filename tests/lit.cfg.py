# -*- Python -*-
# lit configuration for walsh's IR tests (FileCheck) and tool tests.
import os
import subprocess
import sys

import lit.formats
from lit.llvm import llvm_config

config.name = "walsh"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "unit", "conformance", "gpu-conformance.sh", "parallel-runs.sh"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.walsh_obj_root, "tests")

llvm_config.use_default_substitutions()
# Sanitizer settings of the debug-asan preset reach the tools under test.
llvm_config.with_system_environment(["ASAN_OPTIONS", "UBSAN_OPTIONS"])
# "asan" / "tsan" where the tools were built with that sanitizer.
for sanitizer in filter(None, config.walsh_sanitizers.split(";")):
    config.available_features.add(sanitizer)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.walsh_tools_dir, append_path=True)
llvm_config.add_tool_substitutions(["walsh-opt", "walsh-gpu", "walsh"], [config.walsh_tools_dir])

# ptxas (CUDA toolkit) checks the PTX walsh generates; the no-GPU tests run
# only where libcuda cannot be loaded.
import ctypes
import shutil

if shutil.which("ptxas"):
    config.available_features.add("ptxas")
else:
    lit_config.note("ptxas not found: the PTX acceptance tests are skipped")
# A W^X process (prctl PR_SET_MDWE, Linux 6.3): probed in a child, since
# it cannot be undone.
if subprocess.run([sys.executable, os.path.join(config.test_source_root, "tools", "Inputs",
                                "mdwe.py"), "--probe"],
                  stderr=subprocess.DEVNULL).returncode == 0:
    config.available_features.add("mdwe")
else:
    lit_config.note("prctl(PR_SET_MDWE) refused: the W^X JIT test is skipped")
# Root, who may run a command as another user (setpriv) and is not held to
# that user's process limit.
if os.geteuid() == 0:
    config.available_features.add("root")
try:
    ctypes.CDLL("libcuda.so.1")
except OSError:
    config.available_features.add("no-cuda-driver")

# The tools cache compiled kernels on disk: the tests use a fresh directory
# under the build tree (never ~/.cache/walsh). Tests about the cache itself
# set WALSH_CACHE_DIR to their own %t.
cache_dir = os.path.join(config.test_exec_root, "walsh-cache")
shutil.rmtree(cache_dir, ignore_errors=True)
config.environment["WALSH_CACHE_DIR"] = cache_dir

# The stand-in libcuda.so.1 (tests/fakecuda): the GPU tools' answers to
# what a driver says, where there is no GPU. %fakecuda/default has
# cuLaunchKernelEx, %fakecuda/minimal lacks it.
config.substitutions.append(
    ("%fakecuda", os.path.join(config.walsh_obj_root, "tests", "fakecuda")))

# walsh's version as CMake read it from walsh/walsh.h.
config.substitutions.append(("%walsh_version", config.walsh_version))
