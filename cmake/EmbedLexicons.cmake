# cmake -DOUTPUT=file.cpp -DINPUTS="a.json|b.json" -P EmbedLexicons.cmake
# Writes the lexicon files as raw string literals, so the library carries its own lexicons.
string(REPLACE "|" ";" INPUTS "${INPUTS}")
set(body "")
foreach(input IN LISTS INPUTS)
  get_filename_component(name ${input} NAME)
  file(READ ${input} text)
  string(FIND "${text}" ")tglex\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${input} contains the raw-string delimiter )tglex\"")
  endif()
  string(APPEND body "      {\"${name}\", R\"tglex(${text})tglex\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp
"// Generated from core/lexicons/*.json by cmake/EmbedLexicons.cmake. Do not edit.
#include \"builtin_lexicons.hpp\"

namespace trialgraph {

const std::vector<std::pair<std::string, std::string_view>>& builtin_lexicon_texts() {
  static const std::vector<std::pair<std::string, std::string_view>> texts = {
${body}  };
  return texts;
}

}  // namespace trialgraph
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
