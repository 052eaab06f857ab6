# Configures, builds and optionally tests a sub-build; used by ctest entries
# that need another compiler or other flags than the main build.
#   cmake -DSOURCE=<dir> -DBINARY=<dir> -DCXX=<compiler> -DGENERATOR=<gen>
#         [-DMAKE_PROGRAM=<path>] [-DBUILD_TYPE=<type>] [-DFLAGS=<CXXFLAGS>]
#         [-DCONFIG=<file>] [-DCTEST=<ctest> -DRUN=1] -P RunSubbuild.cmake
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
step(configure ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -G ${GENERATOR} ${options})
step(build ${CMAKE_COMMAND} --build ${BINARY} --parallel 2)
if(RUN)
  step(test ${CTEST} --test-dir ${BINARY} --output-on-failure)
endif()
