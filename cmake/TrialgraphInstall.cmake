# `cmake --install`: the CLI, the core library, the bundled plugins and their samples, the public
# headers, and the CMake package that lets an out-of-tree plugin do
#   find_package(trialgraph) + trialgraph_add_plugin(...)
include(CMakePackageConfigHelpers)

# Relative run paths, so an installed tree works wherever it is unpacked.
file(RELATIVE_PATH bin_to_lib ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}
     ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR})
set_target_properties(trialgraph PROPERTIES INSTALL_RPATH "$ORIGIN/${bin_to_lib}")

# trialgraph::cli lets a plugin's tests run the installed CLI (check-plugin, extract).
set_target_properties(trialgraph PROPERTIES EXPORT_NAME cli)
install(TARGETS trialgraph EXPORT trialgraphTargets RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS trialgraph_core EXPORT trialgraphTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/include/trialgraph DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/tests/fixtures/foreign/
        DESTINATION ${TRIALGRAPH_CONFORMANCE_INSTALL_DIR}/foreign)

set(config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/trialgraph)
install(EXPORT trialgraphTargets NAMESPACE trialgraph:: DESTINATION ${config_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/trialgraphConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/trialgraphConfig.cmake INSTALL_DESTINATION ${config_dir})
# The plugin ABI, not the release, decides whether a plugin fits: same major version only.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/trialgraphConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/trialgraphConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/trialgraphConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/TrialgraphPlugin.cmake
        DESTINATION ${config_dir})
