# -*- Python -*-
# lit configuration for walsh's IR tests (FileCheck) and tool tests.
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "walsh"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "unit", "conformance"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.walsh_obj_root, "tests")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.walsh_tools_dir, append_path=True)
llvm_config.add_tool_substitutions(["walsh-opt", "walsh"], [config.walsh_tools_dir])
