# consumer.warnings: squash adds no warning to a user's build. Compiles
# warnings/all_forms.cpp (every function, every call form) with each of GCC
# and Clang, for SSE2, AVX2 + FMA and AVX-512, at -O2 -Wall -Wextra -Werror,
# with squash's and xsimd's headers on a plain -I. Compiling needs no
# AVX-512 CPU, so every cell runs on every machine; a compiler that is
# missing is reported, and the test is skipped only if both are.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(compilers "")
foreach(candidate IN ITEMS g++ clang++-14 clang++)
  find_program(found_${candidate} NAMES ${candidate})
  if(found_${candidate})
    execute_process(COMMAND "${found_${candidate}}" --version OUTPUT_VARIABLE version ERROR_QUIET)
    if(version MATCHES "clang")
      if(NOT have_clang)
        set(have_clang ON)
        list(APPEND compilers "${found_${candidate}}")
      endif()
    elseif(NOT have_gcc)
      set(have_gcc ON)
      list(APPEND compilers "${found_${candidate}}")
    endif()
  endif()
endforeach()
if(NOT compilers)
  message("consumer: SKIPPED: neither GCC nor Clang found")
  return()
endif()
if(NOT have_gcc OR NOT have_clang)
  message(WARNING "consumer: only ${compilers} found; the other compiler is not checked")
endif()

# xsimd's warnings are not ours: it comes in as a system header, as it does
# from /usr/include or through its CMake target.
set(includes "-I${SQUASH_SOURCE_DIR}/include")
string(REPLACE "|" ";" XSIMD_INCLUDE_DIRS "${XSIMD_INCLUDE_DIRS}")
foreach(xsimd_dir IN LISTS XSIMD_INCLUDE_DIRS)
  list(APPEND includes "-isystem${xsimd_dir}")
endforeach()
set(dir "${WORK_DIR}/warnings")
file(MAKE_DIRECTORY "${dir}")
foreach(cxx IN LISTS compilers)
  foreach(march IN ITEMS x86-64 haswell skylake-avx512)
    foreach(std IN ITEMS 17 20)
      consumer_run("${cxx} -std=c++${std} -march=${march} -O2 -Wall -Wextra -Werror"
                   WORKING_DIRECTORY "${dir}"
                   COMMAND "${cxx}" -std=c++${std} -march=${march} -O2 -Wall -Wextra -Werror ${includes}
                           -c "${CONSUMER_DIR}/warnings/all_forms.cpp" -o all_forms.o)
    endforeach()
  endforeach()
endforeach()
