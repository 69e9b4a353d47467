#===- cmake/Install.cmake - cmake --install: tools, libwalsh, the C API ---===#
#
# `cmake --install build --prefix PREFIX` (or `ninja -C build install`):
#   PREFIX/bin/          walsh, walsh-opt, walsh-gpu (run path $ORIGIN/../lib)
#   PREFIX/lib/          libwalsh.so.X.Y.Z, its soname libwalsh.so.X.Y and
#                        libwalsh.so (links)
#   PREFIX/include/walsh/walsh.h                 the C API (stable ABI)
#   PREFIX/lib/pkgconfig/walsh.pc                pkg-config --cflags --libs walsh
#   PREFIX/lib/cmake/walsh/walshConfig.cmake     find_package(walsh): walsh::walsh
#   PREFIX/lib/python3/dist-packages/walsh.py    the Python binding
# The C++ API (walsh/Runtime/Jit.h) is not installed: its headers span four
# source folders and name LLVM's types (llvm::Expected), so a C++ user
# builds in the tree; frameworks embed the C API.
#
#===------------------------------------------------------------------------===#
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(WALSH_INSTALL_PYTHONDIR "${CMAKE_INSTALL_LIBDIR}/python3/dist-packages"
    CACHE STRING "Where `cmake --install` puts walsh.py, under the prefix")
set(WALSH_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/walsh")

install(TARGETS walsh walsh-cli walsh-opt walsh-gpu
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${PROJECT_SOURCE_DIR}/runtime/include/walsh/walsh.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/walsh)
install(FILES ${PROJECT_SOURCE_DIR}/python/walsh.py
  DESTINATION ${WALSH_INSTALL_PYTHONDIR})

# Paths in walsh.pc and walshConfig.cmake are relative to the file itself,
# so `cmake --install --prefix` anywhere (and a moved tree) stays right.
file(RELATIVE_PATH walsh_pc_prefix
  "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
configure_file(${PROJECT_SOURCE_DIR}/cmake/walsh.pc.in
  ${PROJECT_BINARY_DIR}/install/walsh.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/install/walsh.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/walshConfig.cmake.in
  ${PROJECT_BINARY_DIR}/install/walshConfig.cmake
  INSTALL_DESTINATION ${WALSH_INSTALL_CMAKEDIR}
  PATH_VARS CMAKE_INSTALL_LIBDIR CMAKE_INSTALL_INCLUDEDIR)
# 0.x: a new minor version may change the ABI (the Python binding asks the
# same of libwalsh).
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/install/walshConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/install/walshConfig.cmake
  ${PROJECT_BINARY_DIR}/install/walshConfigVersion.cmake
  DESTINATION ${WALSH_INSTALL_CMAKEDIR})
