# ctest entries that configure and build a sub-project in the build tree:
# the unit + robust tests under Clang 14 and under GCC's extra warnings, and
# the libFuzzer target (which needs Clang).

set(_subbuild_sources ${SQUASH_ROBUST_UNIT_SOURCES} ${SQUASH_ROBUST_CATCH_SOURCES})
set(_subbuild_driver ${CMAKE_COMMAND} -DGENERATOR=${CMAKE_GENERATOR} -DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}
    -DCTEST=${CMAKE_CTEST_COMMAND})

# squash_robust_subbuild(<name> <label> CXX <compiler> WARNINGS <flags>
#   [BUILD_TYPE <type>] [FLAGS <CXXFLAGS>] [RUN])
function(squash_robust_subbuild name label)
  cmake_parse_arguments(PARSE_ARGV 2 arg "RUN" "CXX;BUILD_TYPE;FLAGS" "WARNINGS")
  set(_dir ${CMAKE_CURRENT_BINARY_DIR}/${name})
  file(CONFIGURE OUTPUT ${_dir}-config.cmake CONTENT
"set(SQUASH_SUB_ROOT \"${PROJECT_SOURCE_DIR}\")
set(SQUASH_SUB_SOURCES \"${_subbuild_sources}\")
set(SQUASH_SUB_WARNINGS \"${arg_WARNINGS}\")
set(SQUASH_ISA_LIST \"${SQUASH_ISA_LIST}\")
set(SQUASH_SUB_FASTMATH_DIR \"${CMAKE_CURRENT_SOURCE_DIR}/fastmath\")
")
  add_test(NAME robust.${name}
    COMMAND ${_subbuild_driver} -DSOURCE=${CMAKE_CURRENT_SOURCE_DIR}/subbuild -DBINARY=${_dir}
            -DCXX=${arg_CXX} -DCONFIG=${_dir}-config.cmake -DBUILD_TYPE=${arg_BUILD_TYPE}
            "-DFLAGS=${arg_FLAGS}" -DRUN=${arg_RUN}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/RunSubbuild.cmake)
  set_tests_properties(robust.${name} PROPERTIES LABELS "robust;${label}" TIMEOUT 1500)
endfunction()

find_program(SQUASH_CLANGXX NAMES clang++-14 clang++)

# Clang 14: -Wall -Wextra -Wpedantic -Werror (squash_strict_warnings) plus
# -Wconversion -Wshadow, every ISA built, run where the CPU has it; and the
# -O3 -ffast-math accuracy test, SSE2 and AVX2.
if(SQUASH_CLANGXX)
  squash_robust_subbuild(clang clang CXX ${SQUASH_CLANGXX} BUILD_TYPE Release WARNINGS -Wconversion -Wshadow RUN)
else()
  squash_robust_missing(robust.clang clang "clang++ not found (apt-get install clang)")
endif()

# GCC: the same warnings, compile only (the main build runs these tests).
# -O1: -Wconversion and -Wshadow are front-end warnings, and the main build
# already compiles everything at -O3 with -Werror.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  squash_robust_subbuild(gcc-warnings warnings CXX ${CMAKE_CXX_COMPILER} FLAGS -O1 WARNINGS -Wconversion -Wshadow)
endif()

# libFuzzer: build (fixture), then fuzz for a bounded time from a copy of the
# committed seed corpus.
set(_fuzz_dir ${CMAKE_CURRENT_BINARY_DIR}/fuzz)
if(SQUASH_CLANGXX)
  add_test(NAME robust.fuzz.build
    COMMAND ${_subbuild_driver} -DSOURCE=${CMAKE_CURRENT_SOURCE_DIR}/fuzz -DBINARY=${_fuzz_dir}
            -DCXX=${SQUASH_CLANGXX}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/RunSubbuild.cmake)
  set_tests_properties(robust.fuzz.build PROPERTIES LABELS "robust;fuzz" TIMEOUT 900 FIXTURES_SETUP squash_fuzzer)
  add_test(NAME robust.fuzz
    COMMAND ${CMAKE_COMMAND} -DFUZZER=${_fuzz_dir}/squash_fuzz_range -DSEEDS=${CMAKE_CURRENT_SOURCE_DIR}/fuzz_corpus
            -DWORK=${_fuzz_dir}/run -DSECONDS=60
            -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/RunFuzzer.cmake)
  set_tests_properties(robust.fuzz PROPERTIES LABELS "robust;fuzz" TIMEOUT 300 FIXTURES_REQUIRED squash_fuzzer)
else()
  squash_robust_missing(robust.fuzz fuzz "clang++ not found (apt-get install clang libclang-rt-14-dev libfuzzer-14-dev)")
endif()
