# Injected into each consumer project with -DCMAKE_PROJECT_INCLUDE, so the
# projects themselves stay exactly what README.md shows. It runs
# after the first project() and defers its checks to the end of the parent's
# top-level CMakeLists, when squash has been added however the parent does it.
include_guard(GLOBAL)

# Every buildsystem target defined in <dir> and its subdirectories whose
# sources lie under <root> (a dependency squash fetched lives elsewhere).
function(_consumer_collect_targets dir root out_var)
  set(found "")
  string(FIND "${dir}/" "${root}/" at)
  if(at EQUAL 0)
    get_property(found DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  endif()
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    _consumer_collect_targets("${sub}" "${root}" sub_found)
    list(APPEND found ${sub_found})
  endforeach()
  set(${out_var} "${found}" PARENT_SCOPE)
endfunction()

function(_consumer_check_parent)
  if(NOT TARGET squash::squash)
    message(FATAL_ERROR "consumer: the parent has no squash::squash target")
  endif()
  get_target_property(imported squash::squash IMPORTED)
  if(NOT imported)
    # Built from source in this tree: squash may add its library, nothing else.
    get_target_property(squash_dir squash SOURCE_DIR)
    _consumer_collect_targets("${squash_dir}" "${squash_dir}" squash_targets)
    list(REMOVE_ITEM squash_targets squash)
    if(squash_targets)
      message(FATAL_ERROR "consumer: squash added targets to its parent: ${squash_targets}")
    endif()
  endif()
  foreach(target squash_isa_gate squash_tests_sse2 squash_tests_avx2 squash_tests_avx512 squash_bench)
    if(TARGET ${target})
      message(FATAL_ERROR "consumer: squash's target ${target} exists in its parent")
    endif()
  endforeach()
  # The parent's only test; the scripts check `ctest -N` lists nothing else.
  add_test(NAME consumer_program COMMAND loan_scoring)
  message(STATUS "consumer: squash added no targets or tests but its library")
endfunction()

# Testing is enabled up front, as a parent with tests of its own would have
# it when adding squash (enable_testing() takes no effect from a deferred call).
enable_testing()
cmake_language(DEFER CALL _consumer_check_parent)
