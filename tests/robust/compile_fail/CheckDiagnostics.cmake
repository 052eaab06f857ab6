# cmake -DCONFIG=<file> -DCASE=<n> [-DEXPECT=<regex>] [-DMAX_LINES=<n>] -P CheckDiagnostics.cmake
#
# CONFIG sets SQUASH_CF_CXX, SQUASH_CF_FLAGS and SQUASH_CF_SOURCE. Without
# EXPECT the case must compile. With it, it must fail, and:
#  - the first line of the diagnostics that reports an error must match
#    EXPECT (the library's message first, not somewhere in a cascade);
#  - it must be the only error line (no cascade after it);
#  - the diagnostics, notes and "required from" context included, must be
#    at most MAX_LINES lines (default 20).
include(${CONFIG})
if(NOT MAX_LINES)
  set(MAX_LINES 20)
endif()
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
string(REGEX MATCHALL "[^\n]*error:[^\n]*" errors "${log}")
list(LENGTH errors error_count)
string(REGEX MATCHALL "\n" newlines "${log}")
list(LENGTH newlines line_count)
if(error_count EQUAL 0)
  message(FATAL_ERROR "case ${CASE} failed without an error line:\n${log}")
endif()
list(GET errors 0 first)
if(NOT first MATCHES "${EXPECT}")
  message(FATAL_ERROR "case ${CASE}: the first error is not the library's /${EXPECT}/ but\n  ${first}\n"
                      "Full diagnostics:\n${log}")
endif()
if(NOT error_count EQUAL 1)
  message(FATAL_ERROR "case ${CASE}: ${error_count} error lines, the library's first, then a cascade:\n${log}")
endif()
if(line_count GREATER MAX_LINES)
  message(FATAL_ERROR "case ${CASE}: ${line_count} lines of diagnostics (at most ${MAX_LINES}):\n${log}")
endif()
message(STATUS "case ${CASE} rejected with one error in ${line_count} lines of diagnostics:\n  ${first}")
