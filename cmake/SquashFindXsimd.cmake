# xsimd: any version its own package config accepts (its version file only
# matches its own major version, so none is pinned here).
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
