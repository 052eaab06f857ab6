# Fixture for the installed-package tests: configure squash with tests,
# benchmarks and examples off and Catch2 / Google Benchmark made unfindable
# (installing must not need them), install it to INSTALL_PREFIX, check the tree.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

file(REMOVE_RECURSE "${WORK_DIR}/build" "${INSTALL_PREFIX}")
consumer_configure("configure squash for install" "${SQUASH_SOURCE_DIR}" "${WORK_DIR}/build"
  ARGS -DSQUASH_BUILD_TESTS=OFF -DSQUASH_BUILD_BENCHMARKS=OFF -DSQUASH_BUILD_EXAMPLES=OFF
       -DCMAKE_DISABLE_FIND_PACKAGE_Catch2=ON -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON
       -DCMAKE_INSTALL_PREFIX=${WORK_DIR}/not-this-prefix --no-warn-unused-cli)
# --prefix differs from the configured prefix on purpose: squash.pc must
# name the one installed to.
consumer_run("install" COMMAND "${CMAKE_COMMAND}" --install "${WORK_DIR}/build" --prefix "${INSTALL_PREFIX}")

file(GLOB_RECURSE headers RELATIVE "${SQUASH_SOURCE_DIR}/include" "${SQUASH_SOURCE_DIR}/include/squash/*.hpp")
set(expected ${headers}
  share/cmake/squash/squashConfig.cmake
  share/cmake/squash/squashConfigVersion.cmake
  share/cmake/squash/squashTargets.cmake
  share/pkgconfig/squash.pc)
list(TRANSFORM expected PREPEND "include/" REGEX "^squash/")
foreach(file IN LISTS expected)
  if(NOT EXISTS "${INSTALL_PREFIX}/${file}")
    message(FATAL_ERROR "consumer: ${file} is missing from the install tree ${INSTALL_PREFIX}")
  endif()
endforeach()
if(EXISTS "${WORK_DIR}/not-this-prefix")
  message(FATAL_ERROR "consumer: the install wrote to the configured prefix, not --prefix")
endif()
file(READ "${INSTALL_PREFIX}/share/pkgconfig/squash.pc" pc)
consumer_require("${pc}" "prefix=${INSTALL_PREFIX}\n" "squash.pc names the --prefix")

file(GLOB_RECURSE installed RELATIVE "${INSTALL_PREFIX}" "${INSTALL_PREFIX}/*")
list(SORT installed)
list(JOIN installed "\n  " listing)
message(STATUS "consumer: installed to ${INSTALL_PREFIX}:\n  ${listing}")
