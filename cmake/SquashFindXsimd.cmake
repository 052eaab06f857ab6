# xsimd: no version is requested, so whatever xsimd is installed (Debian's
# 8.1, upstream 13/14, ...) is accepted as its package config sees fit;
# squash guards the API differences in include/squash/detail/platform.hpp.
include(GNUInstallDirs)
# Debian's xsimd 8 target links a target named "xtl" without finding it:
# find xtl first where it exists, so that name resolves to its target.
find_package(xtl CONFIG QUIET)
find_package(xsimd CONFIG QUIET)
if(NOT xsimd_FOUND)
  if(SQUASH_FETCH_XSIMD)
    include(FetchContent)
    FetchContent_Declare(xsimd
      GIT_REPOSITORY https://github.com/xtensor-stack/xsimd.git
      GIT_TAG 13.2.0
      GIT_SHALLOW TRUE)
    FetchContent_MakeAvailable(xsimd)
  else()
    message(FATAL_ERROR
      "squash needs xsimd (https://github.com/xtensor-stack/xsimd), and find_package(xsimd) found none.\n"
      "Install it, then configure again:\n"
      "  Debian/Ubuntu:  sudo apt-get install libxsimd-dev xtl-dev\n"
      "  conda:          conda install -c conda-forge xsimd\n"
      "  vcpkg:          vcpkg install xsimd\n"
      "or point CMake at an installed copy with -Dxsimd_DIR=<prefix>/lib/cmake/xsimd,\n"
      "or let CMake download a pinned release: -DSQUASH_FETCH_XSIMD=ON")
  endif()
endif()
