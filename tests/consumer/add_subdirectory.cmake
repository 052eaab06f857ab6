# add_subdirectory(<squash checkout>) from a parent project: squash::squash
# works, and none of squash's tests, benchmarks or examples come along.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

consumer_fresh_project(add_subdirectory "${CONSUMER_DIR}/add_subdirectory" src)
set(bin "${WORK_DIR}/add_subdirectory/build")
consumer_configure("configure an add_subdirectory consumer" "${src}" "${bin}"
  ARGS "-DSQUASH_SOURCE_DIR=${SQUASH_SOURCE_DIR}" ${PARENT_CHECKS})
consumer_build("build it" "${bin}")
consumer_check_parent_tests("${bin}")
