# Checks, from the disassembly, that the error-free transformations compiled
# for AVX-512 use fused multiply-adds: the test that catches an xsimd whose
# fma is a multiply and an add (xsimd 8.1 on AVX-512) on any CPU, since the
# code is only compiled. -ffp-contract=off, so the compiler cannot supply
# the fusion itself.
#   cmake -DCXX=<compiler> -DOBJDUMP=<objdump> -DSOURCE=<fma_probe.cpp>
#         -DINCLUDES=<dir;dir> -DWORK=<dir> -P FmaDisassembly.cmake
set(flags -std=c++17 -O2 -march=skylake-avx512 -ffp-contract=off -c)
foreach(dir IN LISTS INCLUDES)
  list(APPEND flags -I${dir})
endforeach()
file(MAKE_DIRECTORY ${WORK})
set(object ${WORK}/fma_probe.o)
execute_process(COMMAND ${CXX} ${flags} ${SOURCE} -o ${object} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "compiling the probe failed:\n${err}")
endif()
execute_process(COMMAND ${OBJDUMP} -d --no-show-raw-insn ${object} OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "objdump failed")
endif()

# probe:minimum FMA instructions:maximum multiplications. The one product
# allowed in square is hi*hi itself (its error comes from the residual); in
# divide, the double path's first quotient n.hi * (1/d.hi), an estimate.
set(expectations
  fmadd_f32:1:0 fmadd_f64:1:0 fnmadd_f32:1:0 fnmadd_f64:1:0
  residual_f32:1:0 residual_f64:1:0
  square_f32:2:1 square_f64:2:1
  divide_f32:3:0 divide_f64:3:1)

string(REPLACE "\n" ";" lines "${listing}")
set(failures "")
foreach(expectation IN LISTS expectations)
  string(REPLACE ":" ";" e "${expectation}")
  list(GET e 0 probe)
  list(GET e 1 min_fma)
  list(GET e 2 max_mul)
  set(inside FALSE)
  set(found FALSE)
  set(fma 0)
  set(mul 0)
  set(body "")
  foreach(line IN LISTS lines)
    if(line MATCHES "^[0-9a-f]+ <([^>]+)>:")
      set(inside FALSE)
      if(CMAKE_MATCH_1 STREQUAL "squash_probe_${probe}")
        set(inside TRUE)
        set(found TRUE)
      endif()
    elseif(inside)
      string(APPEND body "${line}\n")
      if(line MATCHES "\tv?fn?m(add|sub)[0-9]+[ps][sd]")
        math(EXPR fma "${fma} + 1")
      elseif(line MATCHES "\tv?mulp[sd]|\tv?muls[sd]")
        math(EXPR mul "${mul} + 1")
      endif()
    endif()
  endforeach()
  if(NOT found)
    string(APPEND failures "${probe}: not found in the object\n")
  elseif(fma LESS min_fma OR mul GREATER max_mul)
    string(APPEND failures "${probe}: ${fma} FMA instructions (need >= ${min_fma}), ${mul} multiplications (allowed <= ${max_mul}):\n${body}\n")
  else()
    message(STATUS "${probe}: ${fma} FMA instructions, ${mul} multiplications: fused as required")
  endif()
endforeach()
if(failures)
  message(FATAL_ERROR "products the error-free transformations rely on are not fused:\n${failures}")
endif()
