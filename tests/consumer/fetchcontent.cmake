# FetchContent from this checkout, with the project README.md shows.
#   FROM=archive  (default) the URL form, from a tarball of the working tree
#                 shaped like a release archive (no build output, no .git);
#   FROM=git      the GIT_REPOSITORY form, from this checkout's HEAD commit
#                 (committed files only; skipped where there is no commit).
# Either way the parent must get squash::squash and nothing else of squash.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
if(NOT FROM)
  set(FROM archive)
endif()

# The docs must show this project exactly, up to the URL line.
file(READ "${CONSUMER_DIR}/fetchcontent/CMakeLists.txt" project_text)
file(READ "${SQUASH_SOURCE_DIR}/README.md" docs)
string(REGEX MATCH "\n  URL [^\n]*\n" docs_url_line "${docs}")
consumer_require("${docs_url_line}" "URL" "README.md has a FetchContent URL line")
string(REGEX REPLACE "\n  URL [^\n]*\n" "${docs_url_line}" documented "${project_text}")
string(FIND "${docs}" "${documented}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "consumer: README.md no longer shows tests/consumer/fetchcontent/CMakeLists.txt "
                      "(with its URL line swapped); expected it to contain:\n${documented}")
endif()

set(name fetchcontent_${FROM})
consumer_fresh_project(${name} "${CONSUMER_DIR}/fetchcontent" src)
set(bin "${WORK_DIR}/${name}/build")

if(FROM STREQUAL "archive")
  file(GLOB entries RELATIVE "${SQUASH_SOURCE_DIR}" "${SQUASH_SOURCE_DIR}/*")
  list(FILTER entries EXCLUDE REGEX "^(build.*|out|\\..*)$")
  set(archive "${WORK_DIR}/${name}/squash-source.tar.gz")
  consumer_run("archive the working tree" WORKING_DIRECTORY "${SQUASH_SOURCE_DIR}"
               COMMAND "${CMAKE_COMMAND}" -E tar czf "${archive}" -- ${entries})
  set(source_args "-DSQUASH_URL=${archive}")
elseif(FROM STREQUAL "git")
  find_program(GIT git)
  if(GIT)
    execute_process(COMMAND "${GIT}" -C "${SQUASH_SOURCE_DIR}" rev-parse --verify -q HEAD
                    RESULT_VARIABLE no_commit OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  endif()
  if(NOT GIT OR no_commit)
    message("consumer: SKIPPED: ${SQUASH_SOURCE_DIR} is not a git checkout with a commit")
    return()
  endif()
  # Same project, the URL line swapped for the git form.
  string(REGEX REPLACE "\n  URL [^\n]*\n" "\n  GIT_REPOSITORY \"\${SQUASH_GIT_REPOSITORY}\"\n  GIT_TAG \"\${SQUASH_GIT_TAG}\"\n"
         git_project "${project_text}")
  file(WRITE "${src}/CMakeLists.txt" "${git_project}")
  set(source_args "-DSQUASH_GIT_REPOSITORY=${SQUASH_SOURCE_DIR}" "-DSQUASH_GIT_TAG=${commit}")
  message(STATUS "consumer: fetching commit ${commit}")
else()
  message(FATAL_ERROR "consumer: FROM must be archive or git, not '${FROM}'")
endif()

consumer_configure("configure a FetchContent consumer (${FROM})" "${src}" "${bin}" ARGS ${source_args} ${PARENT_CHECKS})
consumer_build("build it" "${bin}")
consumer_check_parent_tests("${bin}")
