// A plugin's manifest.json: who it is and which formats it reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace trialgraph {

struct Manifest {
  std::string name;
  std::string version;
  std::uint32_t abi_version = 0;
  std::string description;
  std::vector<std::string> formats;     ///< human-readable names of the formats read
  std::vector<std::string> extensions;  ///< file name endings it expects, e.g. ".json"
  int priority = 0;                     ///< breaks ties between equally confident plugins
  /// "records": "json" — the plugin reads one JSON record alone, so the host may cut an NDJSON file
  /// or a top-level JSON array into its records and extract them in parallel, streaming.
  bool json_records = false;
};

/// Parses and validates a manifest; on failure returns nullopt and says why in `error`.
std::optional<Manifest> parse_manifest(const std::string& json_text, std::string& error);

}  // namespace trialgraph
