#include "trialgraph/manifest.hpp"

#include <limits>

#include <nlohmann/json.hpp>

namespace trialgraph {
namespace {

bool read_strings(const nlohmann::json& doc, const char* field, std::vector<std::string>& out,
                  std::string& error) {
  if (!doc.contains(field)) return true;
  const auto& list = doc[field];
  if (!list.is_array()) return error = std::string("'") + field + "' must be a list of strings", false;
  for (const auto& item : list) {
    if (!item.is_string()) return error = std::string("'") + field + "' must be a list of strings", false;
    out.push_back(item.get<std::string>());
  }
  return true;
}

}  // namespace

std::optional<Manifest> parse_manifest(const std::string& json_text, std::string& error) {
  nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    error = "manifest is not a JSON object";
    return std::nullopt;
  }
  Manifest m;
  for (const char* field : {"name", "version"}) {
    if (!doc.contains(field) || !doc[field].is_string() || doc[field].get<std::string>().empty()) {
      error = std::string("manifest has no '") + field + "' string";
      return std::nullopt;
    }
  }
  m.name = doc["name"].get<std::string>();
  m.version = doc["version"].get<std::string>();
  if (!doc.contains("abi_version") || !doc["abi_version"].is_number_unsigned() ||
      doc["abi_version"].get<std::uint64_t>() > std::numeric_limits<std::uint32_t>::max()) {
    error = "manifest has no 'abi_version' number";
    return std::nullopt;
  }
  m.abi_version = doc["abi_version"].get<std::uint32_t>();
  if (doc.contains("description") && doc["description"].is_string())
    m.description = doc["description"].get<std::string>();
  if (doc.contains("priority") && doc["priority"].is_number_integer())
    m.priority = doc["priority"].get<int>();
  if (doc.contains("records")) {
    if (doc["records"] != "json") {
      error = "'records' can only be \"json\" (the plugin reads one JSON record of a stream alone)";
      return std::nullopt;
    }
    m.json_records = true;
  }
  if (!read_strings(doc, "formats", m.formats, error) ||
      !read_strings(doc, "extensions", m.extensions, error))
    return std::nullopt;
  if (m.formats.empty()) {
    error = "manifest lists no 'formats'";
    return std::nullopt;
  }
  return m;
}

}  // namespace trialgraph
