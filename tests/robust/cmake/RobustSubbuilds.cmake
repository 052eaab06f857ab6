# The libFuzzer target (which needs Clang), built as a sub-project by a
# ctest entry. (Other compilers and flags: tests/matrix.)

set(_subbuild_driver ${CMAKE_COMMAND} -DGENERATOR=${CMAKE_GENERATOR} -DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM})
find_program(SQUASH_CLANGXX NAMES clang++-14 clang++)

# libFuzzer: build (fixture), then fuzz for a bounded time from a copy of the
# committed seed corpus.
set(_fuzz_dir ${CMAKE_CURRENT_BINARY_DIR}/fuzz)
if(SQUASH_CLANGXX)
  add_test(NAME robust.fuzz.build
    COMMAND ${_subbuild_driver} -DSOURCE=${CMAKE_CURRENT_SOURCE_DIR}/fuzz -DBINARY=${_fuzz_dir}
            -DCXX=${SQUASH_CLANGXX}
            -P ${PROJECT_SOURCE_DIR}/tests/matrix/RunSubbuild.cmake)
  set_tests_properties(robust.fuzz.build PROPERTIES LABELS "robust;fuzz" TIMEOUT 900 FIXTURES_SETUP squash_fuzzer)
  add_test(NAME robust.fuzz
    COMMAND ${CMAKE_COMMAND} -DFUZZER=${_fuzz_dir}/squash_fuzz_range -DSEEDS=${CMAKE_CURRENT_SOURCE_DIR}/fuzz_corpus
            -DWORK=${_fuzz_dir}/run -DSECONDS=60
            -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/RunFuzzer.cmake)
  set_tests_properties(robust.fuzz PROPERTIES LABELS "robust;fuzz" TIMEOUT 300 FIXTURES_REQUIRED squash_fuzzer)
else()
  squash_missing_test_dependency(robust.fuzz clang++ "the libFuzzer test" "clang libclang-rt-14-dev libfuzzer-14-dev")
endif()
