// ClinicalTrials.gov API v2 JSON in all the shapes the registry hands it out.
#include <string>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "trialgraph/ctgov_v2_simdjson.hpp"
#include "trialgraph/plugin_api.hpp"
#include "trialgraph_manifest.h"

namespace {

using json = simdjson::dom::element;
using trialgraph::Confidence;
using trialgraph::ExtractStatus;

std::string_view skip_bom_and_space(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  std::size_t i = s.find_first_not_of(" \t\r\n");
  return i == std::string_view::npos ? std::string_view() : s.substr(i);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// simdjson says what is wrong but not where; for the rare broken document nlohmann says where
// ("parse error at line 18, column 1: ..."), without its "[json.exception.parse_error.101] " tag.
std::string parse_error_text(std::string_view bytes, simdjson::error_code error) {
  if (error == simdjson::DEPTH_ERROR) return "nested deeper than 1024 levels";
  try {
    nlohmann::json parsed = nlohmann::json::parse(bytes);  // throws, saying where
    (void)parsed;
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    std::size_t close = what.find("] ");
    return close == std::string::npos ? what : what.substr(close + 2);
  } catch (...) {
  }
  return simdjson::error_message(error);
}

// One parser per thread: it keeps its buffers from document to document.
simdjson::dom::parser& parser() {
  thread_local simdjson::dom::parser p;
  return p;
}

// `text` parsed where it lies when simdjson's read-ahead stays before `readable_end` (the host
// keeps kDocumentPadding bytes readable past a document); copied into the parser's padded
// buffer otherwise, as for a host that promises nothing.
simdjson::simdjson_result<json> parse(std::string_view text, const char* readable_end) {
  bool padded = std::size_t(readable_end - (text.data() + text.size())) >= simdjson::SIMDJSON_PADDING;
  return parser().parse(text.data(), text.size(), !padded);
}

class CtgovJsonPlugin final : public trialgraph::ExtractorPlugin {
 public:
  Confidence identify(std::string_view file_name, std::string_view head) const noexcept override {
    std::string_view body = skip_bom_and_space(head);
    bool object_or_array = !body.empty() && (body.front() == '{' || body.front() == '[');
    if (object_or_array && head.find("\"protocolSection\"") != std::string_view::npos) return Confidence::yes;
    if (object_or_array && body.front() == '{' && body.find("\"studies\"") != std::string_view::npos)
      return Confidence::yes;
    // A .json file that is not binary is probably meant for us; extraction will say what is wrong.
    bool json_name = ends_with(file_name, ".json") || ends_with(file_name, ".ndjson") ||
                     ends_with(file_name, ".jsonl");
    bool binary = head.find('\0') != std::string_view::npos;
    return json_name && !binary ? Confidence::maybe : Confidence::no;
  }

  ExtractStatus extract(const trialgraph::Document& doc, trialgraph::EntitySink& sink) const noexcept override {
    try {
      return extract_document(doc, sink);
    } catch (const std::exception& e) {
      return ExtractStatus::failure(e.what());
    } catch (...) {
      return ExtractStatus::failure("unknown error");
    }
  }

 private:
  static ExtractStatus extract_document(const trialgraph::Document& doc, trialgraph::EntitySink& sink) {
    json value;
    const char* readable_end = doc.bytes.data() + doc.bytes.size() + doc.readable_after;
    simdjson::error_code error = parse(doc.bytes, readable_end).get(value);
    if (!error) return extract_value(value, sink);
    // Not one JSON value: perhaps NDJSON, one study per line.
    std::size_t first_line = doc.bytes.find('\n');
    if (first_line != std::string_view::npos && ends_with_more_values(doc.bytes, first_line) &&
        !parse(doc.bytes.substr(0, first_line), readable_end).error())
      return extract_lines(doc.bytes, readable_end, sink);
    return ExtractStatus::failure("not valid JSON: " + parse_error_text(doc.bytes, error));
  }

  static bool ends_with_more_values(std::string_view bytes, std::size_t first_line) {
    return !skip_bom_and_space(bytes.substr(first_line)).empty();
  }

  static ExtractStatus extract_value(const json& value, trialgraph::EntitySink& sink) {
    if (trialgraph::is_v2_study(value)) return trialgraph::map_v2_study(value, sink);
    simdjson::dom::array studies;
    if (value.is_object() && value["studies"].get(studies) == simdjson::SUCCESS) return extract_many(studies, sink);
    if (value.get(studies) == simdjson::SUCCESS) return extract_many(studies, sink);
    return ExtractStatus::failure(
        "JSON, but not a ClinicalTrials.gov v2 study: no 'protocolSection', 'studies' list or array of studies");
  }

  // Counts the records of a multi-record document: a bad record is a problem, all bad a failure.
  class Tally {
   public:
    explicit Tally(trialgraph::EntitySink& sink) : sink_(sink) {}
    void record(const std::string& where, const ExtractStatus& s) {
      ++records_;
      if (s.ok) return;
      ++failed_;
      last_error_ = s.error;
      sink_.report_problem(where, s.error);
    }
    ExtractStatus result(const char* what) const {
      if (records_ == 0 || failed_ < records_) return ExtractStatus::success();
      return ExtractStatus::failure("none of the " + std::to_string(records_) + " " + what +
                                    " could be read: " + last_error_);
    }

   private:
    trialgraph::EntitySink& sink_;
    std::size_t records_ = 0, failed_ = 0;
    std::string last_error_;
  };

  static ExtractStatus extract_many(const simdjson::dom::array& studies, trialgraph::EntitySink& sink) {
    Tally tally(sink);
    std::size_t index = 0;
    for (json study : studies)
      tally.record("study " + std::to_string(++index), trialgraph::map_v2_study(study, sink));
    return tally.result("studies");
  }

  static ExtractStatus extract_lines(std::string_view bytes, const char* readable_end, trialgraph::EntitySink& sink) {
    Tally tally(sink);
    std::size_t line_number = 0;
    for (std::size_t start = 0; start < bytes.size();) {
      std::size_t end = bytes.find('\n', start);
      if (end == std::string_view::npos) end = bytes.size();
      std::string_view line = bytes.substr(start, end - start);
      start = end + 1;
      ++line_number;
      if (!skip_bom_and_space(line).empty())
        tally.record("line " + std::to_string(line_number), extract_line(line, readable_end, sink));
    }
    return tally.result("lines");
  }

  static ExtractStatus extract_line(std::string_view line, const char* readable_end, trialgraph::EntitySink& sink) {
    json value;
    if (simdjson::error_code error = parse(line, readable_end).get(value))
      return ExtractStatus::failure(std::string("not valid JSON: ") + simdjson::error_message(error));
    return trialgraph::map_v2_study(value, sink);
  }
};

}  // namespace

TRIALGRAPH_PLUGIN(CtgovJsonPlugin)
