# Configures, builds and optionally tests a sub-build: a ctest entry's way of
# compiling squash's tests with another compiler, another xsimd or other
# flags than the main build.
#   cmake -DSOURCE=<dir> -DBINARY=<dir> -DCXX=<compiler> -DGENERATOR=<gen>
#         [-DMAKE_PROGRAM=<path>] [-DBUILD_TYPE=<type>] [-DFLAGS=<CXXFLAGS>]
#         [-DCONFIG=<file>] [-DXSIMD_SOURCE=<dir>] [-DCTEST=<ctest> -DRUN=1]
#         -P RunSubbuild.cmake
# With XSIMD_SOURCE, that xsimd is first installed into <BINARY>/xsimd-prefix
# and the sub-build finds it there before any system copy.
function(step what)
  message(STATUS "== ${what}: ${ARGN}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (exit ${rc}); see the output above")
  endif()
endfunction()

set(options -DCMAKE_CXX_COMPILER=${CXX} "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}" "-DCMAKE_CXX_FLAGS=${FLAGS}")
if(MAKE_PROGRAM)
  list(APPEND options -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
if(CONFIG)
  list(APPEND options -DSQUASH_SUB_CONFIG=${CONFIG})
endif()
if(XSIMD_SOURCE)
  set(prefix ${BINARY}/xsimd-prefix)
  step("install xsimd from ${XSIMD_SOURCE}" ${CMAKE_COMMAND} -S ${XSIMD_SOURCE} -B ${BINARY}/xsimd-build
       -G ${GENERATOR} -DCMAKE_INSTALL_PREFIX=${prefix})
  step("install xsimd" ${CMAKE_COMMAND} --install ${BINARY}/xsimd-build)
  list(APPEND options -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_PACKAGE_PREFER_CONFIG=ON)
endif()
step(configure ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -G ${GENERATOR} ${options})
# As many compile jobs as this machine has cores (a bare --parallel means
# "unlimited" to make).
cmake_host_system_information(RESULT cores QUERY NUMBER_OF_LOGICAL_CORES)
step(build ${CMAKE_COMMAND} --build ${BINARY} --parallel ${cores})
if(RUN)
  step(test ${CTEST} --test-dir ${BINARY} --output-on-failure)
endif()
