#include "trialgraph/document_buffer.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace trialgraph {

bool DocumentBuffer::within_limits() noexcept {
  if (!limit_error_.empty()) return false;
  std::size_t items = entities_.size() + relations_.size();
  try {
    if (items >= max_items_)
      limit_error_ = "more than " + std::to_string(max_items_) + " entities and relations (--max-entities)";
    else if (items % 64 == 0 && deadline_ != Clock::time_point::max() && Clock::now() > deadline_)
      limit_error_ = "took longer than its time budget (--time-budget)";
  } catch (...) {
    limit_error_ = "out of memory";
  }
  return limit_error_.empty();
}

std::string clip_text(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  constexpr std::size_t kSuffix = 40;  // room for "... (N more bytes)": the whole stays within max
  std::size_t cut = max > kSuffix ? max - kSuffix : 0;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  return std::string(text.substr(0, cut)) + "... (" + std::to_string(text.size() - cut) + " more bytes)";
}

void DocumentBuffer::add_problem(std::string text) {
  if (problems_.size() + 1 < kMaxProblems) {
    problems_.push_back(clip_text(text));
    return;
  }
  if (problems_.size() + 1 == kMaxProblems) problems_.emplace_back();
  problems_.back() = "... and " + std::to_string(++unlisted_problems_) + " more problems not listed";
}

// A registry study emits about 22 entities and 23 relations: room for that many at once spares
// the vector's growing (and moving every string) five times over.
constexpr std::size_t kFirstReserve = 32;

void DocumentBuffer::add_entity(Entity entity) noexcept {
  if (!within_limits()) return;
  try {
    if (entity.label.empty() || entity.key.empty()) {
      add_problem("entity '" + entity.name + "' has no label or key; dropped");
      return;
    }
    if (entities_.empty()) entities_.reserve(kFirstReserve);
    entities_.push_back(std::move(entity));
    finished_ = false;
  } catch (...) {
    add_problem("out of memory while storing an entity");
  }
}

void DocumentBuffer::add_relation(Relation relation) noexcept {
  if (!within_limits()) return;
  try {
    if (relations_.empty()) relations_.reserve(kFirstReserve);
    relations_.push_back(std::move(relation));
    finished_ = false;
  } catch (...) {
    add_problem("out of memory while storing a relation");
  }
}

void DocumentBuffer::report_problem(std::string_view where, std::string_view what) noexcept {
  try {
    std::string text = clip_text(where, kMaxProblemBytes / 2) + ": ";  // never a copy of a huge `what`
    add_problem(text + clip_text(what, kMaxProblemBytes - text.size()));
  } catch (...) {
  }
}

namespace {

// Views of the document's own strings (and numbers): finish() looks things up without copying them.
struct ViewsHash {
  static std::size_t part_hash(std::string_view s) { return std::hash<std::string_view>()(s); }
  static std::size_t part_hash(std::uint32_t n) { return n; }
  template <class Views>
  std::size_t operator()(const Views& views) const {
    std::size_t h = 0;
    std::apply([&](const auto&... v) { ((h = h * 0x9e3779b97f4a7c15ULL ^ part_hash(v)), ...); }, views);
    return h;
  }
};

// An entity's identity with its hash, taken once.
struct Identity {
  std::uint64_t hash;
  std::string_view label, key;
  bool operator==(const Identity& o) const { return hash == o.hash && key == o.key && label == o.label; }
};
struct IdentityHash {
  std::size_t operator()(const Identity& i) const { return i.hash; }
};

}  // namespace

void DocumentBuffer::finish() {
  // Each end is found once among the entities, by its label and key; the relation is then known
  // by its type and its ends' numbers, which cost less to hash and compare than the four strings.
  // The numbers and the entities' hashes are kept: the graph merges by them.
  entity_hashes_.resize(entities_.size());
  std::unordered_map<Identity, std::uint32_t, IdentityHash> emitted;
  emitted.reserve(entities_.size());
  for (std::size_t i = 0; i < entities_.size(); ++i) {
    const Entity& e = entities_[i];
    entity_hashes_[i] = identity_hash(e.label, e.key);
    emitted.emplace(Identity{entity_hashes_[i], e.label, e.key}, std::uint32_t(i));  // the first stays
  }
  auto number = [&](const EntityRef& r) {
    auto it = emitted.find(Identity{identity_hash(r.label, r.key), r.label, r.key});
    return it == emitted.end() ? std::optional<std::uint32_t>() : it->second;
  };
  // One fact stated twice (a condition and its MeSH coding, a title and a summary) is one relation,
  // with the properties of its first statement, as the graph would merge it.
  using Fact = std::tuple<std::string_view, std::uint32_t, std::uint32_t>;
  std::unordered_set<Fact, ViewsHash> seen;
  seen.reserve(relations_.size());
  std::vector<bool> keep(relations_.size());
  relation_ends_.clear();
  relation_ends_.reserve(relations_.size());
  for (std::size_t i = 0; i < relations_.size(); ++i) {
    const Relation& r = relations_[i];
    std::optional<std::uint32_t> from = number(r.from), to = from ? number(r.to) : std::nullopt;
    if (!from || !to) {
      add_problem(r.type + " relation from " + r.from.label + " '" + r.from.key + "' to " + r.to.label + " '" +
                  r.to.key + "' names an entity the document did not emit; dropped");
      continue;
    }
    keep[i] = seen.emplace(r.type, *from, *to).second;
    if (keep[i]) relation_ends_.push_back({*from, *to});
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < relations_.size(); ++i)
    if (keep[i]) {
      if (kept != i) relations_[kept] = std::move(relations_[i]);
      ++kept;
    }
  relations_.resize(kept);
  finished_ = true;
}

}  // namespace trialgraph
