# cmake -DCONFIG=<file> -DCASE=<n> [-DEXPECT=<regex>] -P CheckCompileFail.cmake
# CONFIG sets SQUASH_CF_CXX, SQUASH_CF_FLAGS, SQUASH_CF_SOURCE. Without
# EXPECT the case must compile; with it, it must fail and the compiler's
# diagnostics must match EXPECT.
include(${CONFIG})
execute_process(
  COMMAND ${SQUASH_CF_CXX} ${SQUASH_CF_FLAGS} -fsyntax-only -DSQUASH_CASE=${CASE} ${SQUASH_CF_SOURCE}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(log "${out}${err}")
if(NOT DEFINED EXPECT OR EXPECT STREQUAL "")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "case ${CASE} should compile but failed (${rc}):\n${log}")
  endif()
  message(STATUS "case ${CASE} compiles, as it should")
  return()
endif()
if(rc EQUAL 0)
  message(FATAL_ERROR "case ${CASE} compiled, but the library should have rejected it")
endif()
string(REGEX MATCH "[^\n]*${EXPECT}[^\n]*" found "${log}")
if(NOT found)
  message(FATAL_ERROR "case ${CASE} failed to compile, but without the message /${EXPECT}/:\n${log}")
endif()
string(LENGTH "${log}" log_length)
message(STATUS "case ${CASE} rejected with: ${found}\n(${log_length} characters of diagnostics)")
