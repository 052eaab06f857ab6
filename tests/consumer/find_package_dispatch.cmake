# find_package(squash CONFIG REQUIRED COMPONENTS dispatch) from a C project
# against the fixture's install, building the README's C example
# (examples/dispatch_c.c) with squash::dispatch; then the same request for a
# component that does not exist must fail.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(src "${WORK_DIR}/find_package_dispatch/src")
set(bin "${WORK_DIR}/find_package_dispatch/build")
file(REMOVE_RECURSE "${WORK_DIR}/find_package_dispatch")
file(MAKE_DIRECTORY "${src}")
file(COPY "${CONSUMER_DIR}/find_package_dispatch/CMakeLists.txt" DESTINATION "${src}")
file(COPY_FILE "${SQUASH_SOURCE_DIR}/examples/dispatch_c.c" "${src}/main.c")
# The README shows this very file.
file(READ "${SQUASH_SOURCE_DIR}/examples/dispatch_c.c" example)
file(READ "${SQUASH_SOURCE_DIR}/README.md" readme)
string(FIND "${readme}" "```c\n${example}```" at)
if(at EQUAL -1)
  message(FATAL_ERROR "consumer: README.md no longer shows examples/dispatch_c.c as it is")
endif()

consumer_run("configure a C consumer of squash::dispatch"
  COMMAND "${CMAKE_COMMAND}" -S "${src}" -B "${bin}" -G "${GENERATOR}" "-DCMAKE_C_COMPILER=${CC}"
          -DCMAKE_BUILD_TYPE=Release "-DCMAKE_PREFIX_PATH=${INSTALL_PREFIX}" ${XSIMD_HINTS})
consumer_build("build it" "${bin}")
consumer_run("run it" COMMAND "${bin}/loan_scoring_c" OUTPUT_VARIABLE output)
consumer_require("${output}" "sigmoid\\( 5\\.0\\) = 0\\.9933\ninstruction set: (sse2|avx2|avx512)\n"
                 "the C example prints the blog's values and the instruction set")
message(STATUS "${output}")

# A component squash does not have is an error.
file(WRITE "${WORK_DIR}/find_package_dispatch/missing/CMakeLists.txt"
"cmake_minimum_required(VERSION 3.21)
project(wants_missing LANGUAGES C)
find_package(squash CONFIG REQUIRED COMPONENTS no_such_component)
")
consumer_run("a missing component is rejected" EXPECT_FAILURE OUTPUT_VARIABLE output
  COMMAND "${CMAKE_COMMAND}" -S "${WORK_DIR}/find_package_dispatch/missing" -B "${WORK_DIR}/find_package_dispatch/missing/build"
          -G "${GENERATOR}" "-DCMAKE_C_COMPILER=${CC}" "-DCMAKE_PREFIX_PATH=${INSTALL_PREFIX}" ${XSIMD_HINTS})
consumer_require("${output}" "no_such_component" "the error names the missing component")
