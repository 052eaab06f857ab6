# find_package(squash 99 CONFIG) must fail cleanly against the fixture's
# install: rejected by squashConfigVersion.cmake, with CMake's own message.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

consumer_fresh_project(find_package_too_new "${CONSUMER_DIR}/find_package_too_new" src)
consumer_configure("configure a consumer wanting squash 99" "${src}" "${WORK_DIR}/find_package_too_new/build"
  EXPECT_FAILURE OUTPUT_VARIABLE output ARGS "-DCMAKE_PREFIX_PATH=${INSTALL_PREFIX}")
consumer_require("${output}" "squash 99 not found; considered and rejected: [0-9]+\\.[0-9]+\\.[0-9]+"
                 "the quiet find_package(squash 99) rejected the installed version")
consumer_require("${output}" "compatible[ \n]+with requested version \"99\""
                 "the REQUIRED find_package(squash 99) stopped with CMake's version message")
