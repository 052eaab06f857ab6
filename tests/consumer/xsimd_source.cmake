# Where squash gets xsimd from (cmake/SquashFindXsimd.cmake), tried with the
# upstream xsimd 14.3 sources of ../shared/third_party (XSIMD_SOURCE), while
# the machine also has Debian's xsimd 8.1 installed:
#   MODE=parent  the parent's own xsimd target is used, not the installed one;
#   MODE=fetch   SQUASH_FETCH_XSIMD=ON fetches (here from the local copy, via
#                FETCHCONTENT_SOURCE_DIR_XSIMD) instead of using the installed one.
# Either way the program must report xsimd 14. Skipped without XSIMD_SOURCE.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
if(NOT EXISTS "${XSIMD_SOURCE}/include/xsimd/xsimd.hpp")
  message("consumer: SKIPPED: no xsimd sources at '${XSIMD_SOURCE}' (../shared/third_party is not in a user's clone)")
  return()
endif()

set(name xsimd_${MODE})
set(src "${WORK_DIR}/${name}/src")
file(REMOVE_RECURSE "${WORK_DIR}/${name}")
file(COPY "${CONSUMER_DIR}/xsimd_source/" DESTINATION "${src}")
set(bin "${WORK_DIR}/${name}/build")
if(MODE STREQUAL "parent")
  set(mode_args "-DPARENT_XSIMD_INCLUDE=${XSIMD_SOURCE}/include")
elseif(MODE STREQUAL "fetch")
  set(mode_args -DSQUASH_FETCH_XSIMD=ON "-DFETCHCONTENT_SOURCE_DIR_XSIMD=${XSIMD_SOURCE}")
else()
  message(FATAL_ERROR "consumer: MODE must be parent or fetch, not '${MODE}'")
endif()
consumer_configure("configure with xsimd from ${MODE}" "${src}" "${bin}" OUTPUT_VARIABLE log
  ARGS "-DSQUASH_SOURCE_DIR=${SQUASH_SOURCE_DIR}" ${mode_args})
consumer_build("build it" "${bin}")
consumer_run("run it" COMMAND "${bin}/xsimd_version" OUTPUT_VARIABLE output)
message(STATUS "consumer: ${output}")
consumer_require("${output}" "^xsimd 14\\." "squash must be built against the xsimd 14 given, not the installed 8.1")
