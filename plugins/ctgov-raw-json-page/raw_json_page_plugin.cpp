// Study pages that print the registry's v2 record as a Python literal under a "Raw JSON" heading.
// The literal is parsed properly (strings hold both quote kinds and backslashes) and mapped by the
// one v2 mapping every plugin shares.
#include <nlohmann/json.hpp>

#include "trialgraph/ctgov_v2.hpp"
#include "trialgraph/plugin_api.hpp"
#include "trialgraph/python_literal.hpp"
#include "trialgraph_manifest.h"

namespace {

using trialgraph::Confidence;
using trialgraph::ExtractStatus;

constexpr std::string_view kHeading = "Raw JSON";

// Where the dump starts: the first '{' after a line that reads "Raw JSON".
std::size_t dump_start(std::string_view text) {
  for (std::size_t at = text.find(kHeading); at != std::string_view::npos; at = text.find(kHeading, at + 1)) {
    bool line_start = at == 0 || text[at - 1] == '\n';
    std::size_t after = at + kHeading.size();
    bool line_end = after == text.size() || text[after] == '\n' || text[after] == '\r';
    if (line_start && line_end) return text.find('{', after);
  }
  return std::string_view::npos;
}

class RawJsonPagePlugin final : public trialgraph::ExtractorPlugin {
 public:
  Confidence identify(std::string_view, std::string_view head) const noexcept override {
    std::size_t start = dump_start(head);
    if (start == std::string_view::npos) return Confidence::no;
    bool v2_dump = head.find("'protocolSection'", start) != std::string_view::npos;
    return v2_dump ? Confidence::yes : Confidence::maybe;
  }

  ExtractStatus extract(const trialgraph::Document& doc, trialgraph::EntitySink& sink) const noexcept override {
    try {
      std::size_t start = dump_start(doc.bytes);
      if (start == std::string_view::npos) return ExtractStatus::failure("no \"Raw JSON\" dump in the page");
      nlohmann::json record;
      auto parsed = trialgraph::parse_python_literal(doc.bytes.substr(start), record);
      if (!parsed.ok)
        return ExtractStatus::failure("the Raw JSON dump is not a readable Python literal: " + parsed.error +
                                      " (byte " + std::to_string(start) + " of the page starts the dump)");
      return trialgraph::map_v2_study(record, sink);
    } catch (const std::exception& e) {
      return ExtractStatus::failure(e.what());
    }
  }
};

}  // namespace

TRIALGRAPH_PLUGIN(RawJsonPagePlugin)
