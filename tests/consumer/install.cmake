# Fixture for the installed-package tests: configure squash with tests,
# benchmarks and examples off and Catch2 / Google Benchmark made unfindable
# (installing must not need them), build it (squash::dispatch is compiled,
# on by default at top level), install it to INSTALL_PREFIX, check the tree.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

file(REMOVE_RECURSE "${WORK_DIR}/build" "${INSTALL_PREFIX}")
consumer_configure("configure squash for install" "${SQUASH_SOURCE_DIR}" "${WORK_DIR}/build"
  ARGS -DSQUASH_BUILD_TESTS=OFF -DSQUASH_BUILD_BENCHMARKS=OFF -DSQUASH_BUILD_EXAMPLES=OFF
       -DSQUASH_BUILD_DISPATCH=${WITH_DISPATCH}
       -DCMAKE_DISABLE_FIND_PACKAGE_Catch2=ON -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON
       -DCMAKE_INSTALL_PREFIX=${WORK_DIR}/not-this-prefix --no-warn-unused-cli)
if(WITH_DISPATCH)
  consumer_build("build squash::dispatch" "${WORK_DIR}/build")
endif()
# --prefix differs from the configured prefix on purpose: squash.pc must
# name the one installed to.
consumer_run("install" COMMAND "${CMAKE_COMMAND}" --install "${WORK_DIR}/build" --prefix "${INSTALL_PREFIX}")

file(GLOB_RECURSE headers RELATIVE "${SQUASH_SOURCE_DIR}/include" "${SQUASH_SOURCE_DIR}/include/squash/*.hpp")
if(WITH_DISPATCH)
  # With the compiled library the package files are architecture-specific
  # and go under libdir (lib, or lib64 / lib/<multiarch> on some systems).
  file(GLOB libdir RELATIVE "${INSTALL_PREFIX}" "${INSTALL_PREFIX}/lib*/libsquash-dispatch.a"
       "${INSTALL_PREFIX}/lib/*/libsquash-dispatch.a")
  if(NOT libdir)
    message(FATAL_ERROR "consumer: libsquash-dispatch.a is missing from the install tree ${INSTALL_PREFIX}")
  endif()
  get_filename_component(libdir "${libdir}" DIRECTORY)
  set(package_dir ${libdir}/cmake/squash)
  set(expected ${headers} squash/dispatch.h ${libdir}/pkgconfig/squash-dispatch.pc)
else()
  set(package_dir share/cmake/squash)
  set(expected ${headers})
endif()
list(APPEND expected
  ${package_dir}/squashConfig.cmake
  ${package_dir}/squashConfigVersion.cmake
  ${package_dir}/squashTargets.cmake
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
if(NOT WITH_DISPATCH)
  return()
endif()
file(READ "${INSTALL_PREFIX}/${libdir}/pkgconfig/squash-dispatch.pc" pc)
consumer_require("${pc}" "prefix=${INSTALL_PREFIX}\n" "squash-dispatch.pc names the --prefix")
# The library defines the C API.
find_program(NM nm)
if(NM)
  consumer_run("list the library's symbols" COMMAND "${NM}" --defined-only -g
               "${INSTALL_PREFIX}/${libdir}/libsquash-dispatch.a" OUTPUT_VARIABLE symbols)
  foreach(function squash_sigmoid_f32 squash_sigmoid_f64 squash_sigmoid_grad_f32 squash_sigmoid_grad_f64
                   squash_bipolar_sigmoid_f32 squash_bipolar_sigmoid_f64 squash_dispatch_isa squash_status_message)
    consumer_require("${symbols}" " T ${function}\n" "libsquash-dispatch.a defines ${function}")
  endforeach()
endif()

file(GLOB_RECURSE installed RELATIVE "${INSTALL_PREFIX}" "${INSTALL_PREFIX}/*")
list(SORT installed)
list(JOIN installed "\n  " listing)
message(STATUS "consumer: installed to ${INSTALL_PREFIX}:\n  ${listing}")
