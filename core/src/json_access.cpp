#include "trialgraph/json_access.hpp"

#include "trialgraph/vocabulary.hpp"

namespace trialgraph::json_access {

const nlohmann::json& at(const nlohmann::json& j, std::initializer_list<const char*> path) {
  static const nlohmann::json null;
  const nlohmann::json* cur = &j;
  for (const char* step : path) {
    if (!cur->is_object()) return null;
    auto it = cur->find(step);
    if (it == cur->end()) return null;
    cur = &*it;
  }
  return *cur;
}

std::string text(const nlohmann::json& j) {
  return j.is_string() ? std::string(trim(j.get_ref<const std::string&>())) : "";
}

std::string text(const nlohmann::json& j, std::initializer_list<const char*> path) { return text(at(j, path)); }

}  // namespace trialgraph::json_access
