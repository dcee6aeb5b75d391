// Python literals as repr() writes them (dicts, lists, tuples, 'single' or "double" quoted strings
// with escapes, numbers, True/False/None), read into JSON: pages that dump a registry record with
// Python's print() hand it out in this form.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace trialgraph {

struct PythonLiteralResult {
  bool ok = false;
  std::string error;          ///< what is wrong and at which byte, when !ok
  std::size_t consumed = 0;   ///< bytes read, including the value's closing bracket
  bool truncated = false;     ///< the text ended inside the value; `out` holds what came before
};

/// Parses one literal at the start of `text` (leading white space allowed) into `out`.
/// Nesting deeper than `max_depth` is an error, not a stack overflow. With `keep_truncated`, a text
/// that ends inside the value (a page cut off) gives the containers read so far, each without its
/// unfinished last item, and `truncated`; otherwise that is an error.
PythonLiteralResult parse_python_literal(std::string_view text, nlohmann::json& out,
                                         std::size_t max_depth = 512, bool keep_truncated = false);

}  // namespace trialgraph
