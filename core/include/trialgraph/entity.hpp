// Entities and relations: what a plugin emits and the graph merges.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace trialgraph {

/// A property value: text, integer, real, boolean or a list of texts.
using Value = std::variant<std::string, std::int64_t, double, bool, std::vector<std::string>>;

struct Property {
  std::string name;
  Value value;
};

/// Identifies a node: its label (Trial, Sponsor, ...) and its merge key (see keys.hpp).
struct EntityRef {
  std::string label;
  std::string key;
};

/// A node as one document sees it. `name` is the surface string; other spellings go in `aliases`.
struct Entity {
  std::string label;
  std::string key;
  std::string name;
  std::vector<std::string> aliases;
  std::vector<Property> properties;

  EntityRef ref() const { return {label, key}; }
};

/// A directed, typed fact between two entities emitted by the same document.
struct Relation {
  std::string type;
  EntityRef from;
  EntityRef to;
  std::vector<Property> properties;
};

// The contract's labels and relationship types (shared/design/graph-model.md).
namespace label {
inline constexpr const char* kTrial = "Trial";
inline constexpr const char* kSponsor = "Sponsor";
inline constexpr const char* kDrug = "Drug";
inline constexpr const char* kAntigen = "Antigen";
inline constexpr const char* kDisease = "Disease";
inline constexpr const char* kSite = "Site";
}  // namespace label

namespace rel {
inline constexpr const char* kSponsoredBy = "SPONSORED_BY";
inline constexpr const char* kTests = "TESTS";
inline constexpr const char* kTargets = "TARGETS";
inline constexpr const char* kStudies = "STUDIES";
inline constexpr const char* kConductedAt = "CONDUCTED_AT";
inline constexpr const char* kRelatedTo = "RELATED_TO";
}  // namespace rel

}  // namespace trialgraph
