# cmake -DNM=<nm> -DOBJECTS=<a.o;b.o;...> [-DPATTERN=<regex>] -P CheckSharedSymbols.cmake
#
# Object files compiled from the same source with different -march flags
# must not define a global function (strong or weak code symbol) of the same
# name whose name matches PATTERN (default: squash): the linker keeps one
# copy of such a function for the whole program, so every file would call
# the code compiled for one of the flag sets. Shared data (the function
# objects themselves, constant tables) holds the same bytes whatever the
# flags and is allowed. Functions shared for other reasons (the standard
# library's, xsimd's) are listed for information.
cmake_minimum_required(VERSION 3.21)
if(NOT PATTERN)
  set(PATTERN "squash")
endif()
set(all "")
foreach(object IN LISTS OBJECTS)
  execute_process(COMMAND ${NM} --defined-only -P ${object}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE listing ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${NM} ${object} failed: ${err}")
  endif()
  string(REPLACE "\n" ";" lines "${listing}")
  set(names "")
  foreach(line IN LISTS lines)
    # "name type value size": T a global function, W a weak one (inline and
    # template code), i an indirect function.
    if(line MATCHES "^([^ ]+) ([TWi]) ")
      list(APPEND names "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES names)
  list(LENGTH names count)
  message(STATUS "${object}: ${count} global functions")
  list(APPEND all ${names})
endforeach()
# Names defined by more than one object.
set(seen "")
set(shared "")
foreach(name IN LISTS all)
  if(name IN_LIST seen)
    list(APPEND shared "${name}")
  else()
    list(APPEND seen "${name}")
  endif()
endforeach()
list(REMOVE_DUPLICATES shared)
set(bad "")
foreach(name IN LISTS shared)
  if(name MATCHES "${PATTERN}")
    list(APPEND bad "${name}")
  else()
    message(STATUS "shared, not ours: ${name}")
  endif()
endforeach()
if(bad)
  list(JOIN bad "\n  " text)
  message(FATAL_ERROR "functions matching /${PATTERN}/ defined by more than one of the objects "
                      "(one copy would serve every -march):\n  ${text}")
endif()
list(LENGTH shared shared_count)
message(STATUS "no function matching /${PATTERN}/ is defined twice (${shared_count} shared functions in all)")
