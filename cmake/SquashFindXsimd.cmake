# Where squash gets xsimd, in this order:
#   1. a target named xsimd that the parent project already has (its own
#      copy, fetched or vendored): used as it is;
#   2. with SQUASH_FETCH_XSIMD=ON, a pinned upstream release fetched with
#      FetchContent (set FETCHCONTENT_SOURCE_DIR_XSIMD to a local copy to use
#      that instead of the network); an installed xsimd is then ignored, and a
#      failed fetch stops the configuration;
#   3. an installed xsimd, found with find_package(xsimd CONFIG); none is an
#      error with install instructions.
# No version is requested: any xsimd from 8 on works (Debian's 8.1 and
# upstream 14.3 are tested); include/squash/detail/platform.hpp guards the
# API differences.
if(TARGET xsimd)
  message(STATUS "squash: using the parent project's xsimd target")
elseif(SQUASH_FETCH_XSIMD)
  include(FetchContent)
  set(SQUASH_XSIMD_FETCH_TAG 14.3.0 CACHE STRING "The xsimd release SQUASH_FETCH_XSIMD fetches")
  FetchContent_Declare(xsimd
    GIT_REPOSITORY https://github.com/xtensor-stack/xsimd.git
    GIT_TAG ${SQUASH_XSIMD_FETCH_TAG}
    GIT_SHALLOW TRUE)
  FetchContent_MakeAvailable(xsimd)
  if(NOT TARGET xsimd)
    message(FATAL_ERROR "squash: SQUASH_FETCH_XSIMD=ON, but fetching xsimd ${SQUASH_XSIMD_FETCH_TAG} gave no xsimd "
                        "target (set FETCHCONTENT_SOURCE_DIR_XSIMD to a local copy of its sources)")
  endif()
  message(STATUS "squash: using xsimd fetched with FetchContent (${xsimd_SOURCE_DIR})")
else()
  # Debian's xsimd 8 target links a target named "xtl" without finding it:
  # find xtl first where it exists, so that name resolves to its target.
  find_package(xtl CONFIG QUIET)
  find_package(xsimd CONFIG QUIET)
  if(NOT xsimd_FOUND)
    message(FATAL_ERROR
      "squash needs xsimd (https://github.com/xtensor-stack/xsimd), and find_package(xsimd) found none.\n"
      "Install it, then configure again:\n"
      "  Debian/Ubuntu:  sudo apt-get install libxsimd-dev xtl-dev\n"
      "  conda:          conda install -c conda-forge xsimd\n"
      "  vcpkg:          vcpkg install xsimd\n"
      "or point CMake at an installed copy with -Dxsimd_DIR=<prefix>/lib/cmake/xsimd,\n"
      "or let CMake fetch a pinned release: -DSQUASH_FETCH_XSIMD=ON")
  endif()
endif()
