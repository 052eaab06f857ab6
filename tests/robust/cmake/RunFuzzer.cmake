# Runs the libFuzzer target for a bounded time from a copy of the seed
# corpus (libFuzzer adds what it finds to its first corpus directory, and
# the committed seeds must stay as they are). On a crash or mismatch, prints
# each artifact's path and a hexdump, so the reproducer is in the CI log.
#   cmake -DFUZZER=<exe> -DSEEDS=<dir> -DWORK=<dir> -DSECONDS=<n> -P RunFuzzer.cmake
set(corpus ${WORK}/corpus)
set(artifacts ${WORK}/artifacts)
file(REMOVE_RECURSE ${artifacts})
file(MAKE_DIRECTORY ${corpus} ${artifacts})
file(GLOB seeds ${SEEDS}/*)
file(COPY ${seeds} DESTINATION ${corpus})

execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -timeout=20 -rss_limit_mb=2048 -max_len=4096
          -print_final_stats=1 -artifact_prefix=${artifacts}/ ${corpus}
  RESULT_VARIABLE rc)

file(GLOB found ${artifacts}/*)
if(rc EQUAL 0 AND NOT found)
  return()
endif()
# hexdump: offset, then 16 bytes a line
function(hexdump file out)
  file(READ ${file} hex HEX)
  string(LENGTH "${hex}" length)
  set(text "")
  set(offset 0)
  while(offset LESS length)
    string(SUBSTRING "${hex}" ${offset} 32 line)
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" " \\1" line "${line}")
    math(EXPR byte "${offset} / 2" OUTPUT_FORMAT HEXADECIMAL)
    string(APPEND text "  ${byte}:${line}\n")
    math(EXPR offset "${offset} + 32")
  endwhile()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

foreach(artifact IN LISTS found)
  hexdump(${artifact} dump)
  message("reproducer: ${artifact}\n  rerun: ${FUZZER} ${artifact}\n${dump}")
endforeach()
message(FATAL_ERROR "the fuzzer failed (exit ${rc}); the reproducer is above")
