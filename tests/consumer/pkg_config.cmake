# pkg-config against the fixture's install, with a plain compiler command:
#   c++ $(pkg-config --cflags squash) -std=c++20 main.cpp
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

find_program(PKG_CONFIG NAMES pkg-config pkgconf)
if(NOT PKG_CONFIG)
  message("consumer: SKIPPED: no pkg-config on this machine")
  return()
endif()
set(ENV{PKG_CONFIG_PATH} "${INSTALL_PREFIX}/share/pkgconfig")

consumer_run("pkg-config --modversion squash" COMMAND "${PKG_CONFIG}" --modversion squash OUTPUT_VARIABLE version)
file(READ "${SQUASH_SOURCE_DIR}/include/squash/version.hpp" version_hpp)
string(REGEX REPLACE ".*SQUASH_VERSION_MAJOR ([0-9]+).*SQUASH_VERSION_MINOR ([0-9]+).*SQUASH_VERSION_PATCH ([0-9]+).*"
       "\\1.\\2.\\3" header_version "${version_hpp}")
consumer_require("${version}" "^${header_version}\n" "squash.pc's version is version.hpp's")

consumer_run("pkg-config --cflags squash" COMMAND "${PKG_CONFIG}" --cflags squash OUTPUT_VARIABLE cflags)
consumer_require("${cflags}" "-I${INSTALL_PREFIX}/include( |\n|$)" "the cflags name the installed headers")
string(STRIP "${cflags}" cflags)
separate_arguments(cflags UNIX_COMMAND "${cflags}")

set(dir "${WORK_DIR}/pkg_config")
file(REMOVE_RECURSE "${dir}")
file(MAKE_DIRECTORY "${dir}")
consumer_run("${CXX} ${cflags} -std=c++20 main.cpp" WORKING_DIRECTORY "${dir}"
             COMMAND "${CXX}" ${cflags} -std=c++20 "${CONSUMER_DIR}/main.cpp" -o loan_scoring)
consumer_run("run the program" WORKING_DIRECTORY "${dir}" COMMAND "${dir}/loan_scoring" OUTPUT_VARIABLE output)
message(STATUS "${output}")
