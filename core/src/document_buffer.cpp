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

void DocumentBuffer::add_entity(Entity entity) noexcept {
  if (!within_limits()) return;
  try {
    if (entity.label.empty() || entity.key.empty()) {
      problems_.push_back("entity '" + entity.name + "' has no label or key; dropped");
      return;
    }
    emitted_.emplace(entity.label, entity.key);
    entities_.push_back(std::move(entity));
  } catch (...) {
    problems_.emplace_back("out of memory while storing an entity");
  }
}

void DocumentBuffer::add_relation(Relation relation) noexcept {
  if (!within_limits()) return;
  try {
    relations_.push_back(std::move(relation));
  } catch (...) {
    problems_.emplace_back("out of memory while storing a relation");
  }
}

void DocumentBuffer::report_problem(std::string_view where, std::string_view what) noexcept {
  try {
    problems_.push_back(std::string(where) + ": " + std::string(what));
  } catch (...) {
  }
}

void DocumentBuffer::finish() {
  auto unknown = [this](const EntityRef& r) { return emitted_.count({r.label, r.key}) == 0; };
  auto dangling = [&](const Relation& r) {
    if (!unknown(r.from) && !unknown(r.to)) return false;
    problems_.push_back(r.type + " relation from " + r.from.label + " '" + r.from.key + "' to " +
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
