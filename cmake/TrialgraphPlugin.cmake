# trialgraph_add_plugin(<name> SOURCES <files...> MANIFEST <manifest.json> [LIBRARIES <libs...>]
#                       [SAMPLES <dir>] [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
# Builds an extractor plugin as a loadable module named tg_<name>.so. The manifest is compiled in
# (as TRIALGRAPH_PLUGIN_MANIFEST in "trialgraph_manifest.h"), so the .so carries its own identity.
# `cmake --install` puts it in TRIALGRAPH_PLUGIN_INSTALL_DIR (default lib/trialgraph/plugins under
# the install prefix, the folder the CLI searches beside its own bin/), unless NO_INSTALL is given.
# SAMPLES names the plugin's sample documents; the bundled ones are what `trialgraph check-plugin`
# uses to check that other plugins decline this format.
# Works the same in trialgraph's own tree and, through find_package(trialgraph), out of it.
function(trialgraph_add_plugin name)
  cmake_parse_arguments(ARG "NO_INSTALL" "MANIFEST;OUTPUT_DIRECTORY;SAMPLES" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_MANIFEST OR NOT ARG_SOURCES)
    message(FATAL_ERROR "trialgraph_add_plugin(${name}): SOURCES and MANIFEST are required")
  endif()
  get_filename_component(manifest ${ARG_MANIFEST} ABSOLUTE)
  set(target tg_${name})
  set(gen_dir ${CMAKE_CURRENT_BINARY_DIR}/${target}_generated)
  file(READ ${manifest} manifest_text)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${manifest})
  file(WRITE ${gen_dir}/trialgraph_manifest.h.in
       "// Generated from ${manifest}\n#pragma once\nstatic const char trialgraph_manifest_text[] = R\"tgmanifest(${manifest_text})tgmanifest\";\n#define TRIALGRAPH_PLUGIN_MANIFEST trialgraph_manifest_text\n")
  configure_file(${gen_dir}/trialgraph_manifest.h.in ${gen_dir}/trialgraph_manifest.h COPYONLY)

  add_library(${target} MODULE ${ARG_SOURCES})
  target_include_directories(${target} PRIVATE ${gen_dir})
  target_link_libraries(${target} PRIVATE trialgraph::core ${ARG_LIBRARIES})
  if(NOT ARG_OUTPUT_DIRECTORY)
    if(TRIALGRAPH_PLUGIN_OUTPUT_DIR)
      set(ARG_OUTPUT_DIRECTORY ${TRIALGRAPH_PLUGIN_OUTPUT_DIR})
    else()
      set(ARG_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/plugins)
    endif()
  endif()
  if(NOT TRIALGRAPH_PLUGIN_INSTALL_DIR)
    set(TRIALGRAPH_PLUGIN_INSTALL_DIR lib/trialgraph/plugins)
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY}
    # The host has the core library loaded already; these let `ldd` and other hosts find it too.
    INSTALL_RPATH "${TRIALGRAPH_PLUGIN_RPATH}"
    INSTALL_RPATH_USE_LINK_PATH TRUE)
  if(NOT ARG_NO_INSTALL)
    install(TARGETS ${target} LIBRARY DESTINATION ${TRIALGRAPH_PLUGIN_INSTALL_DIR})
  endif()
  set_property(GLOBAL APPEND PROPERTY TRIALGRAPH_PLUGINS ${target})
  if(ARG_SAMPLES AND TRIALGRAPH_CONFORMANCE_BUILD_DIR)
    get_filename_component(samples ${ARG_SAMPLES} ABSOLUTE)
    file(MAKE_DIRECTORY ${TRIALGRAPH_CONFORMANCE_BUILD_DIR}/samples)
    file(CREATE_LINK ${samples} ${TRIALGRAPH_CONFORMANCE_BUILD_DIR}/samples/${name} SYMBOLIC)
    install(DIRECTORY ${samples}/ DESTINATION ${TRIALGRAPH_CONFORMANCE_INSTALL_DIR}/samples/${name})
  endif()
endfunction()
