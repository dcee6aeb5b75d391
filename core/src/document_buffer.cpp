#include "trialgraph/document_buffer.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>

#include "trialgraph/repeats.hpp"

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
    forget_finish();
  } catch (...) {
    add_problem("out of memory while storing an entity");
  }
}

void DocumentBuffer::add_relation(Relation relation) noexcept {
  if (!within_limits()) return;
  try {
    if (relations_.empty()) relations_.reserve(kFirstReserve);
    relations_.push_back(std::move(relation));
    forget_finish();
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

// An entity's place in the document, sorted by its identity's hash: an end is found by a binary
// search, with no table of nodes allocated for each document.
struct Hashed {
  std::uint64_t hash;
  std::uint32_t index;
  bool operator<(const Hashed& o) const { return hash < o.hash || (hash == o.hash && index < o.index); }
};

// Where `ref` is among the entities. Of two with one identity it is the first: it sorts first
// among equal hashes.
std::optional<std::uint32_t> position_of(const EntityRef& ref, const std::vector<Entity>& entities,
                                         const std::vector<Hashed>& by_hash) {
  const std::uint64_t hash = identity_hash(ref.label, ref.key);
  for (auto it = std::lower_bound(by_hash.begin(), by_hash.end(), Hashed{hash, 0});
       it != by_hash.end() && it->hash == hash; ++it) {
    const Entity& e = entities[it->index];
    if (e.key == ref.key && e.label == ref.label) return it->index;
  }
  return std::nullopt;
}

}  // namespace

void DocumentBuffer::finish() {
  // Each end is found once among the entities, by its label and key; the positions and the
  // entities' hashes are kept: the graph merges by them.
  entity_hashes_.resize(entities_.size());
  std::vector<Hashed> by_hash(entities_.size());
  for (std::size_t i = 0; i < entities_.size(); ++i) {
    entity_hashes_[i] = identity_hash(entities_[i].label, entities_[i].key);
    by_hash[i] = {entity_hashes_[i], std::uint32_t(i)};
  }
  std::sort(by_hash.begin(), by_hash.end());
  // Most relations leave the entity the last one left (a trial to its sites, arms and drugs).
  const EntityRef* last_from = nullptr;
  std::optional<std::uint32_t> last_from_position;
  // A relation's fact by its ends' positions and its type, which cost less to compare than four
  // strings; `stated` is the relation that states it.
  std::vector<std::tuple<std::uint32_t, std::uint32_t, std::string_view>> facts;
  std::vector<std::uint32_t> stated;
  facts.reserve(relations_.size());
  stated.reserve(relations_.size());
  for (std::size_t i = 0; i < relations_.size(); ++i) {
    const Relation& r = relations_[i];
    if (!last_from || r.from.key != last_from->key || r.from.label != last_from->label) {
      last_from = &r.from;
      last_from_position = position_of(r.from, entities_, by_hash);
    }
    std::optional<std::uint32_t> from = last_from_position;
    std::optional<std::uint32_t> to = from ? position_of(r.to, entities_, by_hash) : std::nullopt;
    if (!from || !to) {
      add_problem(r.type + " relation from " + r.from.label + " '" + r.from.key + "' to " + r.to.label + " '" +
                  r.to.key + "' names an entity the document did not emit; dropped");
      continue;
    }
    facts.emplace_back(*from, *to, r.type);
    stated.push_back(std::uint32_t(i));
  }
  // One fact stated twice (a condition and its MeSH coding, a title and a summary) is one relation,
  // with the properties of its first statement.
  const std::vector<std::uint32_t> first = first_equal(facts);
  std::vector<bool> keep(relations_.size());
  relation_ends_.clear();
  relation_ends_.reserve(facts.size());
  for (std::size_t k = 0; k < facts.size(); ++k)
    if (first[k] == k) {
      keep[stated[k]] = true;
      relation_ends_.push_back({std::get<0>(facts[k]), std::get<1>(facts[k])});
    }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < relations_.size(); ++i)
    if (keep[i]) {
      if (kept != i) relations_[kept] = std::move(relations_[i]);
      ++kept;
    }
  relations_.resize(kept);
}

}  // namespace trialgraph
