# Options for squash's own targets (tests, benchmarks, examples, tools):
# warnings are errors there, never in the interface target users link.
function(squash_strict_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)
    # GCC 12 warns inside its own AVX-512 intrinsics (_mm512_undefined_* in
    # _mm512_max_pd, _mm512_slli_epi64, ...): GCC PR 105593, fixed in GCC 13.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      target_compile_options(${target} PRIVATE -Wno-uninitialized -Wno-maybe-uninitialized)
    endif()
  elseif(MSVC)
    target_compile_options(${target} PRIVATE /W4 /WX)
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
