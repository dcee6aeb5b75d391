# trialgraph_add_plugin(<name> SOURCES <files...> MANIFEST <manifest.json> [LIBRARIES <libs...>]
#                       [OUTPUT_DIRECTORY <dir>])
# Builds an extractor plugin as a loadable module named tg_<name>.so. The manifest is compiled in
# (as TRIALGRAPH_PLUGIN_MANIFEST in "trialgraph_manifest.h"), so the .so carries its own identity.
function(trialgraph_add_plugin name)
  cmake_parse_arguments(ARG "" "MANIFEST;OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_MANIFEST OR NOT ARG_SOURCES)
    message(FATAL_ERROR "trialgraph_add_plugin(${name}): SOURCES and MANIFEST are required")
  endif()
  set(target tg_${name})
  set(gen_dir ${CMAKE_CURRENT_BINARY_DIR}/${target}_generated)
  file(READ ${ARG_MANIFEST} manifest_text)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ARG_MANIFEST})
  file(WRITE ${gen_dir}/trialgraph_manifest.h.in
       "// Generated from ${ARG_MANIFEST}\n#pragma once\nstatic const char trialgraph_manifest_text[] = R\"tgmanifest(${manifest_text})tgmanifest\";\n#define TRIALGRAPH_PLUGIN_MANIFEST trialgraph_manifest_text\n")
  configure_file(${gen_dir}/trialgraph_manifest.h.in ${gen_dir}/trialgraph_manifest.h COPYONLY)

  add_library(${target} MODULE ${ARG_SOURCES})
  target_include_directories(${target} PRIVATE ${gen_dir})
  target_link_libraries(${target} PRIVATE trialgraph::core ${ARG_LIBRARIES})
  if(NOT ARG_OUTPUT_DIRECTORY)
    set(ARG_OUTPUT_DIRECTORY ${TRIALGRAPH_PLUGIN_OUTPUT_DIR})
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  set_property(GLOBAL APPEND PROPERTY TRIALGRAPH_PLUGINS ${target})
endfunction()
