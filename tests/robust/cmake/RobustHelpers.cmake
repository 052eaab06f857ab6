# Helpers for tests/robust and its sub-builds: one Catch2 runner object, and
# the test-binary and ctest-entry boilerplate.

# squash's tests/ directory, wherever this file is included from.
get_filename_component(SQUASH_TESTS_DIR ${CMAKE_CURRENT_LIST_DIR}/../.. ABSOLUTE)

# The unit-test sources (tests/CMakeLists.txt, relative to tests/) as
# absolute paths.
function(squash_robust_unit_sources out)
  set(_sources "")
  foreach(_source IN LISTS SQUASH_UNIT_TEST_SOURCES)
    if(NOT IS_ABSOLUTE "${_source}")
      set(_source "${SQUASH_TESTS_DIR}/${_source}")
    endif()
    list(APPEND _sources "${_source}")
  endforeach()
  set(${out} "${_sources}" PARENT_SCOPE)
endfunction()

# Catch2 v2's runner is compiled once here, not per binary: it is ~30 s of
# compiler time at -O3 and does not depend on the flags under test.
if(NOT TARGET Catch2::Catch2WithMain)
  add_library(squash_robust_catch_main OBJECT ${SQUASH_TESTS_DIR}/main.cpp)
  target_link_libraries(squash_robust_catch_main PRIVATE Catch2::Catch2)
  target_compile_options(squash_robust_catch_main PRIVATE -O0)
endif()

# squash_robust_binary(<target> SOURCES <files> [FLAGS <compile flags>]
#                      [LINK_FLAGS <link flags>])
function(squash_robust_binary target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;FLAGS;LINK_FLAGS")
  add_executable(${target} ${arg_SOURCES})
  target_link_libraries(${target} PRIVATE squash::squash)
  if(TARGET Catch2::Catch2WithMain)
    target_link_libraries(${target} PRIVATE Catch2::Catch2WithMain)
  else()
    target_link_libraries(${target} PRIVATE Catch2::Catch2 squash_robust_catch_main)
  endif()
  target_include_directories(${target} PRIVATE ${SQUASH_TESTS_DIR} ${SQUASH_TESTS_DIR}/robust)
  target_compile_options(${target} PRIVATE ${arg_FLAGS})
  target_link_options(${target} PRIVATE ${arg_LINK_FLAGS})
  squash_strict_warnings(${target})
endfunction()

# squash_robust_test(<name> ISA <isa> LABELS <labels> COMMAND <command...>
#                    [TIMEOUT <s>]): runs through squash_isa_gate, so a CPU
# without the ISA reports the entry as skipped.
function(squash_robust_test name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "ISA;TIMEOUT" "LABELS;COMMAND")
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT 600)
  endif()
  add_test(NAME ${name} COMMAND squash_isa_gate ${arg_ISA} ${arg_COMMAND})
  set_tests_properties(${name} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT ${arg_TIMEOUT}
    LABELS "robust;${arg_LABELS};${arg_ISA}")
endfunction()
