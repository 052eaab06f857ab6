# Helpers shared by the consumer scripts, which run under `cmake -P` with
#   SQUASH_SOURCE_DIR  the squash checkout under test
#   CONSUMER_DIR       tests/consumer (projects, main.cpp, these scripts)
#   WORK_DIR           a scratch directory in the build tree, emptied first
#   GENERATOR, CXX     what the outer build uses, so the consumers match it
#   xsimd_DIR, xtl_DIR where the outer build found them (optional)
cmake_minimum_required(VERSION 3.21)

foreach(_var SQUASH_SOURCE_DIR CONSUMER_DIR WORK_DIR GENERATOR CXX)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "consumer script: -D${_var}=... is missing")
  endif()
endforeach()

# consumer_run(<what> COMMAND <cmd>... [EXPECT_FAILURE] [OUTPUT_VARIABLE <var>]
#              [WORKING_DIRECTORY <dir>])
# Runs cmd; stops the script, showing the output, unless it succeeds (or,
# with EXPECT_FAILURE, unless it fails).
function(consumer_run what)
  cmake_parse_arguments(PARSE_ARGV 1 arg "EXPECT_FAILURE" "OUTPUT_VARIABLE;WORKING_DIRECTORY" "COMMAND")
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${WORK_DIR}")
  endif()
  message(STATUS "consumer: ${what}")
  execute_process(COMMAND ${arg_COMMAND}
                  WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}"
                  RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(arg_EXPECT_FAILURE AND result EQUAL 0)
    message(FATAL_ERROR "consumer: ${what}: succeeded but must fail. Output:\n${output}")
  elseif(NOT arg_EXPECT_FAILURE AND NOT result EQUAL 0)
    message(FATAL_ERROR "consumer: ${what}: failed (${result}). Output:\n${output}")
  endif()
  if(arg_OUTPUT_VARIABLE)
    set(${arg_OUTPUT_VARIABLE} "${output}" PARENT_SCOPE)
  endif()
endfunction()

# consumer_require(<text> <regex> <what>): text must match regex.
function(consumer_require text regex what)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "consumer: ${what}: expected to match '${regex}' in:\n${text}")
  endif()
endfunction()

# consumer_fresh_project(<name> <project_dir> <out_var>): copies
# <project_dir>/CMakeLists.txt and the shared main.cpp into WORK_DIR/<name>/src
# and sets out_var to that directory.
function(consumer_fresh_project name project_dir out_var)
  set(src "${WORK_DIR}/${name}/src")
  file(REMOVE_RECURSE "${WORK_DIR}/${name}")
  file(MAKE_DIRECTORY "${src}")
  file(COPY "${project_dir}/CMakeLists.txt" "${CONSUMER_DIR}/main.cpp" DESTINATION "${src}")
  set(${out_var} "${src}" PARENT_SCOPE)
endfunction()

# consumer_configure(<what> <src> <bin> [EXPECT_FAILURE] [OUTPUT_VARIABLE v] [ARGS -D...])
function(consumer_configure what src bin)
  cmake_parse_arguments(PARSE_ARGV 3 arg "EXPECT_FAILURE" "OUTPUT_VARIABLE" "ARGS")
  set(expect "")
  if(arg_EXPECT_FAILURE)
    set(expect EXPECT_FAILURE)
  endif()
  consumer_run("${what}" ${expect} OUTPUT_VARIABLE output
    COMMAND "${CMAKE_COMMAND}" -S "${src}" -B "${bin}" -G "${GENERATOR}"
            "-DCMAKE_CXX_COMPILER=${CXX}" -DCMAKE_BUILD_TYPE=Release ${XSIMD_HINTS} ${arg_ARGS})
  if(arg_OUTPUT_VARIABLE)
    set(${arg_OUTPUT_VARIABLE} "${output}" PARENT_SCOPE)
  endif()
endfunction()

function(consumer_build what bin)
  consumer_run("${what}" COMMAND "${CMAKE_COMMAND}" --build "${bin}" --config Release)
endfunction()

# consumer_check_parent_tests(<bin>): the parent lists exactly its own one
# test (none of squash's), and that test (the consumer program) passes.
function(consumer_check_parent_tests bin)
  consumer_run("list the parent's tests" COMMAND "${CMAKE_CTEST_COMMAND}" -N -C Release
               WORKING_DIRECTORY "${bin}" OUTPUT_VARIABLE listing)
  consumer_require("${listing}" "Total Tests: 1\n" "the parent must list only its own test")
  consumer_require("${listing}" "consumer_program" "the parent's own test must be listed")
  consumer_run("run the consumer program" COMMAND "${CMAKE_CTEST_COMMAND}" -C Release --output-on-failure
               WORKING_DIRECTORY "${bin}")
endfunction()

set(XSIMD_HINTS "")
foreach(_pkg xsimd xtl)
  if(${_pkg}_DIR)
    list(APPEND XSIMD_HINTS "-D${_pkg}_DIR=${${_pkg}_DIR}")
  endif()
endforeach()

file(MAKE_DIRECTORY "${WORK_DIR}")
set(PARENT_CHECKS "-DCMAKE_PROJECT_INCLUDE=${CONSUMER_DIR}/parent_checks.cmake")
