# `cmake --install` puts the two programs, libdateline-search.so and its public
# headers under the prefix, with a CMake package and a pkg-config file:
#   find_package(Dateline) + target_link_libraries(app Dateline::search)
#   pkg-config --cflags --libs dateline-search
include(CMakePackageConfigHelpers)

install(TARGETS dateline-index dateline-search dateline-serve RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS dateline_search EXPORT DatelineTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  PUBLIC_HEADER DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/dateline)

set(_package_dir ${CMAKE_INSTALL_LIBDIR}/cmake/Dateline)
install(EXPORT DatelineTargets NAMESPACE Dateline:: DESTINATION ${_package_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/DatelineConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/DatelineConfig.cmake INSTALL_DESTINATION ${_package_dir})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/DatelineConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/DatelineConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/DatelineConfigVersion.cmake
  DESTINATION ${_package_dir})

# Relative to the .pc file, so the package works under any --prefix.
file(RELATIVE_PATH PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${PROJECT_SOURCE_DIR}/cmake/dateline-search.pc.in ${CMAKE_CURRENT_BINARY_DIR}/dateline-search.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/dateline-search.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
