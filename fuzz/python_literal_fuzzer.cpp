// libFuzzer target: the Python-literal parser (core/src/python_literal.cpp), strict and keeping a
// cut-off value, with a small and the default depth limit. Whatever it accepts must be JSON that
// serializes (the mapping dumps parts of it).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "trialgraph/python_literal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool keep_truncated : {false, true}) {
    for (std::size_t depth : {std::size_t(8), std::size_t(512)}) {
      nlohmann::json out;
      trialgraph::PythonLiteralResult r = trialgraph::parse_python_literal(text, out, depth, keep_truncated);
      if (r.ok) {
        if (r.consumed > text.size()) __builtin_trap();
        if (r.truncated && !keep_truncated) __builtin_trap();
        (void)out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      } else if (r.error.empty()) {
        __builtin_trap();  // a refusal always says why
      }
    }
  }
  return 0;
}
