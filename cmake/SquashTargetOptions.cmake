# Options for squash's own targets (tests, benchmarks, examples, tools),
# never for the interface target users link: warnings (errors with
# SQUASH_WERROR), the instruction sets the tests are built for, and how a
# missing test dependency is reported.
option(SQUASH_WERROR "Treat warnings as errors in squash's own targets (ON in CI and the presets)" OFF)

function(squash_strict_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(SQUASH_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
    # GCC 12 warns inside its own AVX-512 intrinsics (_mm512_undefined_* in
    # _mm512_max_pd, _mm512_slli_epi64, ...): GCC PR 105593, fixed in GCC 13.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      target_compile_options(${target} PRIVATE -Wno-uninitialized -Wno-maybe-uninitialized)
    endif()
  elseif(MSVC)
    target_compile_options(${target} PRIVATE /W4)
    if(SQUASH_WERROR)
      target_compile_options(${target} PRIVATE /WX)
    endif()
  endif()
endfunction()

# Instruction sets the tests are built for, as NAME=flags. The AVX-512 build
# runs only on a CPU that has AVX-512 (see tests/isa_gate.cpp).
set(SQUASH_ISA_LIST
  "sse2=-march=x86-64"
  "avx2=-march=haswell"
  "avx512=-march=skylake-avx512"
  CACHE STRING "Instruction-set builds of the tests: name=compiler flags")

# SQUASH_ISA_LIST split up: SQUASH_ISA_NAMES (sse2;avx2;avx512) and, for
# each name, SQUASH_ISA_FLAGS_<name> (a list, for target_compile_options)
# and SQUASH_ISA_FLAGS_TEXT_<name> (as written, for messages and reports).
function(squash_parse_isa_list)
  set(_names "")
  foreach(_isa IN LISTS SQUASH_ISA_LIST)
    string(FIND "${_isa}" "=" _eq)
    if(_eq LESS 1)
      message(FATAL_ERROR "SQUASH_ISA_LIST: '${_isa}' is not name=compiler-flags")
    endif()
    string(SUBSTRING "${_isa}" 0 ${_eq} _name)
    math(EXPR _eq "${_eq} + 1")
    string(SUBSTRING "${_isa}" ${_eq} -1 _flags)
    list(APPEND _names ${_name})
    set(SQUASH_ISA_FLAGS_TEXT_${_name} "${_flags}" PARENT_SCOPE)
    separate_arguments(_flags)
    set(SQUASH_ISA_FLAGS_${_name} "${_flags}" PARENT_SCOPE)
  endforeach()
  set(SQUASH_ISA_NAMES "${_names}" PARENT_SCOPE)
endfunction()
squash_parse_isa_list()

# squash_record_test_flags(<target> <isa>): the compiler flags of a test
# binary, as SQUASH_TEST_FLAGS for tests/build_description.hpp, which prints
# them with what it observes (compiler, xsimd, arch, contraction).
function(squash_record_test_flags target isa)
  string(TOUPPER "${CMAKE_BUILD_TYPE}" _config)
  string(STRIP "${SQUASH_ISA_FLAGS_TEXT_${isa}} ${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${_config}}" _flags)
  target_compile_definitions(${target} PRIVATE "SQUASH_TEST_FLAGS=\"${_flags}\"")
endfunction()

# squash_missing_test_dependency(<name> <package> <what> <debian package>):
# a dependency of the test workflow is missing. In CI (environment variable
# CI=true) that is a configure error, so a check cannot vanish unnoticed;
# elsewhere a warning and a ctest entry <name>.missing reported as skipped.
function(squash_missing_test_dependency name package what debian)
  set(_text "squash: ${package} not found, so ${what} cannot run (Debian: apt-get install ${debian})")
  if("$ENV{CI}" STREQUAL "true")
    message(FATAL_ERROR "${_text}; CI=true makes that an error")
  endif()
  message(WARNING "${_text}; its tests are reported skipped")
  add_test(NAME ${name}.missing COMMAND ${CMAKE_COMMAND} -E echo "skipped: ${_text}")
  set_tests_properties(${name}.missing PROPERTIES SKIP_REGULAR_EXPRESSION "skipped:" LABELS "${name}")
endfunction()
