# Writes OUTPUT, a C++ source defining niggle::commit: the short hash of the commit that
# SOURCE_DIR is checked out at, with "-dirty" when tracked files differ from it, or "" when
# SOURCE_DIR is not the top of a git work tree (a release tarball, even one unpacked inside
# some other repository). Run at every build; the file is rewritten only when its content
# changes, so an unchanged commit recompiles nothing.
#   cmake -DSOURCE_DIR=... -DOUTPUT=... [-DGIT_EXECUTABLE=...] -P git-commit.cmake
if(NOT SOURCE_DIR OR NOT OUTPUT)
  message(FATAL_ERROR "git-commit.cmake: set SOURCE_DIR and OUTPUT")
endif()
if(NOT GIT_EXECUTABLE)
  find_program(GIT_EXECUTABLE git)
endif()

# Reading the state must never take the index lock away from someone running git meanwhile.
set(ENV{GIT_OPTIONAL_LOCKS} 0)
set(commit "")
if(GIT_EXECUTABLE)
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" rev-parse --show-toplevel
                  RESULT_VARIABLE status OUTPUT_VARIABLE top OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(status EQUAL 0)
    file(REAL_PATH "${top}" top)
    file(REAL_PATH "${SOURCE_DIR}" source)
  endif()
  if(status EQUAL 0 AND top STREQUAL source)
    execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" rev-parse --short HEAD
                    RESULT_VARIABLE status OUTPUT_VARIABLE hash OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(status EQUAL 0 AND hash MATCHES "^[0-9a-f]+$")
      set(commit "${hash}")
      # Untracked files (a build directory, an editor's backup) do not make a build dirty.
      execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" status --porcelain --untracked-files=no
                      RESULT_VARIABLE status OUTPUT_VARIABLE changes ERROR_QUIET)
      if(NOT status EQUAL 0 OR NOT changes STREQUAL "")
        string(APPEND commit "-dirty")
      endif()
    endif()
  endif()
endif()

file(CONFIGURE OUTPUT "${OUTPUT}" @ONLY CONTENT [[
// Generated at build time by cmake/git-commit.cmake; not to be edited.
#include "niggle/version.hpp"

namespace niggle {
const char* const commit = "@commit@";
}
]])
