// Study pages that print the registry's v2 record as a Python literal under a "Raw JSON" heading,
// after a header of "Label: value" lines. The literal is parsed properly (strings hold both quote
// kinds and backslashes) and mapped by the one v2 mapping every plugin shares. A page cut off
// inside the dump keeps what precedes the cut; the header fills in what the dump then lacks.
#include <nlohmann/json.hpp>

#include "trialgraph/ctgov_v2.hpp"
#include "trialgraph/keys.hpp"
#include "trialgraph/page_text.hpp"
#include "trialgraph/plugin_api.hpp"
#include "trialgraph/python_literal.hpp"
#include "trialgraph_manifest.h"

namespace {

using namespace trialgraph;
using nlohmann::json;

constexpr std::string_view kHeading = "Raw JSON";

// Where the dump's heading line ("Raw JSON", white space around it allowed) starts, or npos.
std::size_t heading_at(std::string_view text) {
  for (std::size_t at = text.find(kHeading); at != std::string_view::npos; at = text.find(kHeading, at + 1)) {
    std::size_t line_start = text.rfind('\n', at);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    std::size_t line_end = std::min(text.find('\n', at), text.size());
    if (page_lines(text.substr(line_start, line_end - line_start)) == std::vector<std::string_view>{kHeading})
      return at;
  }
  return std::string_view::npos;
}

// Where the dump starts: the first '{' after the heading.
std::size_t dump_start(std::string_view text) {
  std::size_t heading = heading_at(text);
  return heading == std::string_view::npos ? heading : text.find('{', heading + kHeading.size());
}

bool is_study_header(std::string_view head) {
  std::vector<std::string_view> lines = page_lines(head.substr(0, 4096));
  return has_line_starting(lines, "Viewing Study NCT") && has_line_starting(lines, "Study NCT ID:");
}

// Sets record[path] = value when the record has nothing there.
void fill(json& record, std::initializer_list<const char*> path, std::string_view value) {
  if (value.empty()) return;
  json* at = &record;
  for (const char* step : path) {
    if (at->is_null()) *at = json::object();
    if (!at->is_object()) return;  // the dump has something else there: keep it
    at = &(*at)[step];
  }
  if (at->is_null()) *at = std::string(value);
}

// The header's "Study NCT ID:", "Brief Title:", "Status:", ... where the dump lacks them.
void fill_from_header(std::string_view header, json& record) {
  if (!record.is_object()) record = json::object();
  for (std::string_view line : page_lines(header)) {
    if (auto v = after_prefix(line, "Study NCT ID:")) fill(record, {"protocolSection", "identificationModule", "nctId"}, *v);
    else if (auto v = after_prefix(line, "Brief Title:")) fill(record, {"protocolSection", "identificationModule", "briefTitle"}, *v);
    else if (auto v = after_prefix(line, "Status:")) fill(record, {"protocolSection", "statusModule", "overallStatus"}, *v);
    else if (auto v = after_prefix(line, "Last Update Posted:")) fill(record, {"protocolSection", "statusModule", "lastUpdatePostDateStruct", "date"}, *v);
    else if (auto v = after_prefix(line, "First Post:")) fill(record, {"protocolSection", "statusModule", "studyFirstPostDateStruct", "date"}, *v);
  }
}

class RawJsonPagePlugin final : public ExtractorPlugin {
 public:
  Confidence identify(std::string_view, std::string_view head) const noexcept override {
    try {
      std::size_t start = dump_start(head);
      if (start != std::string_view::npos)
        return head.find("'protocolSection'", start) != std::string_view::npos ? Confidence::yes : Confidence::maybe;
      // A study page cut off before its dump: still this format, and only the header is left to read.
      return heading_at(head) != std::string_view::npos || is_study_header(head) ? Confidence::maybe : Confidence::no;
    } catch (...) {
      return Confidence::no;
    }
  }

  ExtractStatus extract(const Document& doc, EntitySink& sink) const noexcept override {
    try {
      std::size_t start = dump_start(doc.bytes);
      std::string_view header = doc.bytes.substr(0, std::min(heading_at(doc.bytes), doc.bytes.size()));
      json record;
      if (start == std::string_view::npos) {
        if (!is_study_header(doc.bytes)) return ExtractStatus::failure("no \"Raw JSON\" dump in the page");
        sink.report_problem("Raw JSON", "the page has no dump (is it cut off?): only its header was read");
      } else {
        auto parsed = parse_python_literal(doc.bytes.substr(start), record, 512, /*keep_truncated=*/true);
        if (!parsed.ok)
          return ExtractStatus::failure("the Raw JSON dump is not a readable Python literal: " + parsed.error +
                                        " (byte " + std::to_string(start) + " of the page starts the dump)");
        if (parsed.truncated)
          sink.report_problem("Raw JSON", "the dump is cut off at byte " + std::to_string(doc.bytes.size()) +
                                              ": what precedes the cut was read, the rest is missing");
      }
      fill_from_header(header, record);
      return map_v2_study(record, sink);
    } catch (const std::exception& e) {
      return ExtractStatus::failure(e.what());
    }
  }
};

}  // namespace

TRIALGRAPH_PLUGIN(RawJsonPagePlugin)
