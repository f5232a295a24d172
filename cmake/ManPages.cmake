# Man pages, made by help2man (Debian's help2man) from each program's own
# --help and --version, so they say what the programs say; man/*.h2m adds the
# sections --help has no room for. Installed under share/man/man1 by
# `cmake --install`. Without help2man the build goes on without them.
find_program(HELP2MAN help2man)
if(NOT HELP2MAN)
  message(STATUS "help2man not found: no man pages (scripts/setup.sh installs it)")
  return()
endif()

set(_man_dir ${PROJECT_BINARY_DIR}/man)
set(_man_pages)
# dateline_man_page(TARGET PAGE DESCRIPTION [HELP2MAN OPTIONS...]): PAGE.1 from TARGET, with man/PAGE.h2m.
function(dateline_man_page target page description)
  set(_include ${PROJECT_SOURCE_DIR}/man/${page}.h2m)
  add_custom_command(OUTPUT ${_man_dir}/${page}.1
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_man_dir}
    COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section=1 "--name=${description}"
            --include=${_include} --output=${_man_dir}/${page}.1 ${ARGN} $<TARGET_FILE:${target}>
    DEPENDS ${target} ${_include}
    COMMENT "Man page ${page}.1 (help2man)"
    VERBATIM)
  set(_man_pages ${_man_pages} ${_man_dir}/${page}.1 PARENT_SCOPE)
endfunction()

dateline_man_page(dateline-index dateline-index "index news articles into a Dateline archive")
dateline_man_page(dateline-search dateline-search "search a Dateline news archive")
# Its page is named as man(1) finds a subcommand's (git-commit(1)): dateline-search-serve.
dateline_man_page(dateline-serve dateline-search-serve "serve a Dateline archive's search page and JSON API over HTTP"
                  "--version-string=dateline-search-serve ${PROJECT_VERSION}")
add_custom_target(man_pages ALL DEPENDS ${_man_pages})
install(FILES ${_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
