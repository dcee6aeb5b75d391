// Reading registry JSON without throwing: a missing or mistyped value is simply not there.
// Shared by the readers of every JSON record format (v2, classic v1).
#pragma once

#include <initializer_list>
#include <string>

#include <nlohmann/json.hpp>

namespace trialgraph::json_access {

/// Follows a path of object keys; a missing or non-object step gives null.
const nlohmann::json& at(const nlohmann::json& j, std::initializer_list<const char*> path);
/// The trimmed string, or "" when the value is not a string.
std::string text(const nlohmann::json& j);
std::string text(const nlohmann::json& j, std::initializer_list<const char*> path);

}  // namespace trialgraph::json_access
