# Install rules: the headers, the exported squash::squash target (and
# squash::dispatch with SQUASH_BUILD_DISPATCH) with their package config and
# version files, and pkg-config files. Nothing here needs the test or
# benchmark dependencies.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# Header-only, the package files are the same on every architecture: they go
# under datadir, which find_package searches as <prefix>/share/cmake/squash.
# With the compiled squash::dispatch they name an architecture's library, so
# they go under libdir (<prefix>/lib/cmake/squash, searched as well).
if(SQUASH_BUILD_DISPATCH)
  set(_squash_package_root "${CMAKE_INSTALL_LIBDIR}")
else()
  set(_squash_package_root "${CMAKE_INSTALL_DATADIR}")
endif()
set(SQUASH_INSTALL_CMAKEDIR "${_squash_package_root}/cmake/squash"
    CACHE STRING "Where squashConfig.cmake is installed, relative to the prefix")
set(SQUASH_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_DATADIR}/pkgconfig"
    CACHE STRING "Where squash.pc is installed, relative to the prefix")
set(SQUASH_INSTALL_LIB_PKGCONFIGDIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
    CACHE STRING "Where squash-dispatch.pc is installed, relative to the prefix")

install(DIRECTORY include/squash
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        FILES_MATCHING PATTERN "*.hpp")

install(TARGETS squash EXPORT squashTargets)
if(SQUASH_BUILD_DISPATCH)
  install(TARGETS squash_dispatch EXPORT squashTargets
          ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
          LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
          RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
  install(FILES include/squash/dispatch.h DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/squash")
endif()
install(EXPORT squashTargets
        NAMESPACE squash::
        DESTINATION "${SQUASH_INSTALL_CMAKEDIR}")

configure_package_config_file(cmake/squashConfig.cmake.in
  "${CMAKE_CURRENT_BINARY_DIR}/squashConfig.cmake"
  INSTALL_DESTINATION "${SQUASH_INSTALL_CMAKEDIR}")
# A request for X.Y is met by any installed X.Z with Z >= Y. Header-only, the
# package is the same on every architecture, so the pointer size is not
# checked; with the compiled library it is.
if(SQUASH_BUILD_DISPATCH)
  set(_squash_arch_independent "")
else()
  set(_squash_arch_independent ARCH_INDEPENDENT)
endif()
write_basic_package_version_file(
  "${CMAKE_CURRENT_BINARY_DIR}/squashConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion
  ${_squash_arch_independent})
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

# squash-dispatch.pc, next to the library it names (libdir/pkgconfig).
if(SQUASH_BUILD_DISPATCH)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
    set(SQUASH_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
  else()
    set(SQUASH_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
  endif()
  # The correctly rounded slow path calls libm (fma, nearbyint, nextafterf).
  # A static library cannot record that, so the C linker must be told.
  if(BUILD_SHARED_LIBS)
    set(SQUASH_PC_DISPATCH_LIBS "-L\${libdir} -lsquash-dispatch")
    set(SQUASH_PC_DISPATCH_LIBS_PRIVATE "-lm")
  else()
    set(SQUASH_PC_DISPATCH_LIBS "-L\${libdir} -lsquash-dispatch -lm")
    set(SQUASH_PC_DISPATCH_LIBS_PRIVATE "")
  endif()
  configure_file(cmake/squash-dispatch.pc.in "${CMAKE_CURRENT_BINARY_DIR}/squash-dispatch.pc.stage" @ONLY)
  install(CODE "
    configure_file(\"${CMAKE_CURRENT_BINARY_DIR}/squash-dispatch.pc.stage\"
                   \"${CMAKE_CURRENT_BINARY_DIR}/pkgconfig/squash-dispatch.pc\" @ONLY)
    file(INSTALL \"${CMAKE_CURRENT_BINARY_DIR}/pkgconfig/squash-dispatch.pc\"
         DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${SQUASH_INSTALL_LIB_PKGCONFIGDIR}\")")
endif()
