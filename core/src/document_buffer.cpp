#include "trialgraph/document_buffer.hpp"

#include <algorithm>
#include <tuple>

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

void DocumentBuffer::add_entity(Entity entity) noexcept {
  if (!within_limits()) return;
  try {
    if (entity.label.empty() || entity.key.empty()) {
      add_problem("entity '" + entity.name + "' has no label or key; dropped");
      return;
    }
    emitted_.emplace(entity.label, entity.key);
    entities_.push_back(std::move(entity));
  } catch (...) {
    add_problem("out of memory while storing an entity");
  }
}

void DocumentBuffer::add_relation(Relation relation) noexcept {
  if (!within_limits()) return;
  try {
    relations_.push_back(std::move(relation));
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

void DocumentBuffer::finish() {
  auto unknown = [this](const EntityRef& r) { return emitted_.count({r.label, r.key}) == 0; };
  auto dangling = [&](const Relation& r) {
    if (!unknown(r.from) && !unknown(r.to)) return false;
    add_problem(r.type + " relation from " + r.from.label + " '" + r.from.key + "' to " +
                        r.to.label + " '" + r.to.key + "' names an entity the document did not emit; dropped");
    return true;
  };
  relations_.erase(std::remove_if(relations_.begin(), relations_.end(), dangling), relations_.end());
  // One fact stated twice (a condition and its MeSH coding, a title and a summary) is one relation,
  // with the properties of its first statement, as the graph would merge it.
  std::set<std::tuple<std::string, std::string, std::string, std::string, std::string>> seen;
  auto repeated = [&](const Relation& r) {
    return !seen.emplace(r.type, r.from.label, r.from.key, r.to.label, r.to.key).second;
  };
  relations_.erase(std::remove_if(relations_.begin(), relations_.end(), repeated), relations_.end());
}

}  // namespace trialgraph
