# Runs an example for ctest: it must exit 0 and its output must match every
# regular expression in EXPECT (a ;-list). With OUTPUT_FILE, the file it
# writes must exist and, with SAME_AS, equal that file (the committed copy).
#   cmake -DPROGRAM=<exe> [-DARGS=a;b] [-DEXPECT=re1;re2] [-DOUTPUT_FILE=f [-DSAME_AS=g]] -P run_example.cmake
execute_process(COMMAND "${PROGRAM}" ${ARGS} RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
message("${output}")
if(NOT result EQUAL 0)
  message(FATAL_ERROR "example: ${PROGRAM} exited with ${result}")
endif()
foreach(regex IN LISTS EXPECT)
  if(NOT output MATCHES "${regex}")
    message(FATAL_ERROR "example: the output does not match '${regex}'")
  endif()
endforeach()
if(OUTPUT_FILE)
  if(NOT EXISTS "${OUTPUT_FILE}")
    message(FATAL_ERROR "example: ${OUTPUT_FILE} was not written")
  endif()
  if(SAME_AS)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${OUTPUT_FILE}" "${SAME_AS}" RESULT_VARIABLE differ)
    if(differ)
      message(FATAL_ERROR "example: ${SAME_AS} is not what the example writes now; "
                          "refresh it with: ${PROGRAM} ${SAME_AS}")
    endif()
  endif()
endif()
