// The lexicons shipped with trialgraph (core/lexicons/*.json), embedded at build time.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trialgraph {

/// (file name, JSON text) of each built-in lexicon, in file-name order.
const std::vector<std::pair<std::string, std::string_view>>& builtin_lexicon_texts();

}  // namespace trialgraph
