# Install rules: the headers, the exported squash::squash target with its
# package config and version files, and a pkg-config file. Nothing here needs
# the test or benchmark dependencies.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# Header-only, so the package files are the same on every architecture: they
# go under datadir, which find_package searches as <prefix>/share/cmake/squash.
set(SQUASH_INSTALL_CMAKEDIR "${CMAKE_INSTALL_DATADIR}/cmake/squash"
    CACHE STRING "Where squashConfig.cmake is installed, relative to the prefix")
set(SQUASH_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_DATADIR}/pkgconfig"
    CACHE STRING "Where squash.pc is installed, relative to the prefix")

install(DIRECTORY include/squash
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        FILES_MATCHING PATTERN "*.hpp")

install(TARGETS squash EXPORT squashTargets)
install(EXPORT squashTargets
        NAMESPACE squash::
        DESTINATION "${SQUASH_INSTALL_CMAKEDIR}")

configure_package_config_file(cmake/squashConfig.cmake.in
  "${CMAKE_CURRENT_BINARY_DIR}/squashConfig.cmake"
  INSTALL_DESTINATION "${SQUASH_INSTALL_CMAKEDIR}")
# A request for X.Y is met by any installed X.Z with Z >= Y; the headers are
# the same on every architecture, so the pointer size is not checked.
write_basic_package_version_file(
  "${CMAKE_CURRENT_BINARY_DIR}/squashConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion
  ARCH_INDEPENDENT)
install(FILES
  "${CMAKE_CURRENT_BINARY_DIR}/squashConfig.cmake"
  "${CMAKE_CURRENT_BINARY_DIR}/squashConfigVersion.cmake"
  DESTINATION "${SQUASH_INSTALL_CMAKEDIR}")

# squash.pc names its prefix, and `cmake --install --prefix` can change the
# prefix after configuring: fill everything else in now, the prefix when the
# install script runs (CMAKE_INSTALL_PREFIX holds the real one there).
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(SQUASH_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(SQUASH_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
set(SQUASH_PC_PREFIX "@CMAKE_INSTALL_PREFIX@")
configure_file(cmake/squash.pc.in "${CMAKE_CURRENT_BINARY_DIR}/squash.pc.stage" @ONLY)
install(CODE "
  configure_file(\"${CMAKE_CURRENT_BINARY_DIR}/squash.pc.stage\"
                 \"${CMAKE_CURRENT_BINARY_DIR}/pkgconfig/squash.pc\" @ONLY)
  file(INSTALL \"${CMAKE_CURRENT_BINARY_DIR}/pkgconfig/squash.pc\"
       DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${SQUASH_INSTALL_PKGCONFIGDIR}\")")
