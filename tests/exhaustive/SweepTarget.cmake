# squash_sweep_target(<target> <isa>): the exhaustive accuracy sweep
# (tests/exhaustive) built for one instruction set of SQUASH_ISA_LIST.
# Used by tests/exhaustive/CMakeLists.txt and by the matrix cells
# (tests/matrix/cell), which build it with other compilers. Needs MPFR:
# squash_find_mpfr() tells whether it is there.
set(SQUASH_SWEEP_DIR ${CMAKE_CURRENT_LIST_DIR})

function(squash_find_mpfr found)
  find_path(SQUASH_MPFR_INCLUDE_DIR mpfr.h)
  find_library(SQUASH_MPFR_LIBRARY mpfr)
  find_library(SQUASH_GMP_LIBRARY gmp)
  if(SQUASH_MPFR_INCLUDE_DIR AND SQUASH_MPFR_LIBRARY AND SQUASH_GMP_LIBRARY)
    set(${found} TRUE PARENT_SCOPE)
  else()
    set(${found} FALSE PARENT_SCOPE)
  endif()
endfunction()

function(squash_sweep_target target isa)
  squash_find_mpfr(_mpfr)
  if(NOT _mpfr)
    message(FATAL_ERROR "squash: the sweep ${target} needs MPFR (Debian: apt-get install libmpfr-dev)")
  endif()
  find_package(Threads REQUIRED)
  add_executable(${target}
    ${SQUASH_SWEEP_DIR}/main.cpp
    ${SQUASH_SWEEP_DIR}/functions.cpp
    ${SQUASH_SWEEP_DIR}/mpfr_oracle.cpp
    ${SQUASH_SWEEP_DIR}/mpfr_training.cpp
    ${SQUASH_SWEEP_DIR}/float_sweep.cpp
    ${SQUASH_SWEEP_DIR}/double_sample.cpp
    ${SQUASH_SWEEP_DIR}/specials.cpp
    ${SQUASH_SWEEP_DIR}/report.cpp
    ${SQUASH_SWEEP_DIR}/../function_table.cpp)
  target_link_libraries(${target} PRIVATE squash::squash ${SQUASH_MPFR_LIBRARY} ${SQUASH_GMP_LIBRARY} Threads::Threads)
  target_include_directories(${target} PRIVATE ${SQUASH_MPFR_INCLUDE_DIR} ${SQUASH_SWEEP_DIR}/..)
  target_compile_options(${target} PRIVATE ${SQUASH_ISA_FLAGS_${isa}})
  target_compile_definitions(${target} PRIVATE SQUASH_SWEEP_ISA="${isa}")
  squash_record_test_flags(${target} ${isa})
  squash_strict_warnings(${target})
endfunction()
