// Entities and relations: what a plugin emits and the graph merges.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
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

/// A relation's ends as positions in the list of entities its document emitted.
struct RelationEnds {
  std::uint32_t from, to;
};

/// The hash of an entity's identity (label and key). The document buffer and the graph's index
/// use the same one, so an entity is hashed once between plugin and graph.
inline std::uint64_t identity_hash(std::string_view label, std::string_view key) {
  std::hash<std::string_view> hash;
  return hash(key) ^ (hash(label) * 0x9e3779b97f4a7c15ULL);
}

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
