# pkg-config against the fixture's install, with plain compiler commands:
#   c++ $(pkg-config --cflags squash) -std=c++17 main.cpp   (and -std=c++20)
#   cc -std=c99 dispatch_c.c $(pkg-config --cflags --libs squash-dispatch)
# the last being the README's C example, linked by the C compiler.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

find_program(PKG_CONFIG NAMES pkg-config pkgconf)
if(NOT PKG_CONFIG)
  message("consumer: SKIPPED: no pkg-config on this machine")
  return()
endif()
set(ENV{PKG_CONFIG_PATH} "${INSTALL_PREFIX}/share/pkgconfig")
if(WITH_DISPATCH)
  file(GLOB dispatch_pc "${INSTALL_PREFIX}/lib*/pkgconfig/squash-dispatch.pc"
       "${INSTALL_PREFIX}/lib/*/pkgconfig/squash-dispatch.pc")
  if(NOT dispatch_pc)
    message(FATAL_ERROR "consumer: squash-dispatch.pc is missing from ${INSTALL_PREFIX}")
  endif()
  get_filename_component(dispatch_pc_dir "${dispatch_pc}" DIRECTORY)
  set(ENV{PKG_CONFIG_PATH} "$ENV{PKG_CONFIG_PATH}:${dispatch_pc_dir}")
endif()

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
foreach(standard c++17 c++20)
  consumer_run("${CXX} ${cflags} -std=${standard} main.cpp" WORKING_DIRECTORY "${dir}"
               COMMAND "${CXX}" ${cflags} -std=${standard} "${CONSUMER_DIR}/main.cpp" -o loan_scoring)
  consumer_run("run the program" WORKING_DIRECTORY "${dir}" COMMAND "${dir}/loan_scoring" OUTPUT_VARIABLE output)
  message(STATUS "${output}")
endforeach()

# squash::dispatch from C.
if(NOT WITH_DISPATCH)
  return()
endif()
consumer_run("pkg-config --modversion squash-dispatch" COMMAND "${PKG_CONFIG}" --modversion squash-dispatch
             OUTPUT_VARIABLE dispatch_version)
consumer_require("${dispatch_version}" "^${header_version}\n" "squash-dispatch.pc's version is version.hpp's")
consumer_run("pkg-config --cflags --libs squash-dispatch" COMMAND "${PKG_CONFIG}" --cflags --libs squash-dispatch
             OUTPUT_VARIABLE dispatch_flags)
consumer_require("${dispatch_flags}" "-lsquash-dispatch" "the flags link the library")
string(STRIP "${dispatch_flags}" dispatch_flags)
separate_arguments(dispatch_flags UNIX_COMMAND "${dispatch_flags}")
consumer_run("${CC} -std=c99 dispatch_c.c ${dispatch_flags}" WORKING_DIRECTORY "${dir}"
             COMMAND "${CC}" -std=c99 -Wall -Wextra -pedantic -Werror "${SQUASH_SOURCE_DIR}/examples/dispatch_c.c"
                     ${dispatch_flags} -o loan_scoring_c)
consumer_run("run the C program" WORKING_DIRECTORY "${dir}" COMMAND "${dir}/loan_scoring_c" OUTPUT_VARIABLE output)
consumer_require("${output}" "sigmoid\\( 5\\.0\\) = 0\\.9933\ninstruction set: (sse2|avx2|avx512)\n"
                 "the C example prints the blog's values and the instruction set")
message(STATUS "${output}")
