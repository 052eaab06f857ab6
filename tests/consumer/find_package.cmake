# find_package(squash CONFIG REQUIRED) against the fixture's install.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

consumer_fresh_project(find_package "${CONSUMER_DIR}/find_package" src)
set(bin "${WORK_DIR}/find_package/build")
consumer_configure("configure a find_package consumer" "${src}" "${bin}"
  ARGS "-DCMAKE_PREFIX_PATH=${INSTALL_PREFIX}" ${PARENT_CHECKS})
# It must be this install that was found, not some other squash.
file(STRINGS "${bin}/CMakeCache.txt" squash_dir REGEX "^squash_DIR:")
# Under libdir with squash::dispatch (architecture-specific), else datadir.
consumer_require("${squash_dir}" "=${INSTALL_PREFIX}/(lib[^/]*(/[^/]+)?|share)/cmake/squash$" "squash_DIR is the fixture's install")
consumer_build("build it" "${bin}")
consumer_check_parent_tests("${bin}")
