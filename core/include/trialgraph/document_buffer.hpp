// The host's sink for one document: holds what a plugin emitted until the extraction succeeds,
// and checks it against the contract (non-empty keys, relations only between emitted entities).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trialgraph/plugin_api.hpp"

namespace trialgraph {

/// How much of one problem's text is kept, and how many problems one document keeps: a plugin that
/// quotes a 200 MB line, or reports each of a million bad lines, must not flood the report.
inline constexpr std::size_t kMaxProblemBytes = 2000;
inline constexpr std::size_t kMaxProblems = 1000;

/// `text` cut on a UTF-8 character boundary and followed by "... (N more bytes)", at most `max`
/// bytes in all; unchanged when it fits.
std::string clip_text(std::string_view text, std::size_t max = kMaxProblemBytes);

class DocumentBuffer final : public EntitySink {
 public:
  using Clock = std::chrono::steady_clock;

  DocumentBuffer() = default;
  /// At most `max_items` entities and relations are kept, and none after `deadline`: a document
  /// past either limit fails with the reason (limit_error()).
  DocumentBuffer(std::size_t max_items, Clock::time_point deadline) : max_items_(max_items), deadline_(deadline) {}

  void add_entity(Entity entity) noexcept override;
  void add_relation(Relation relation) noexcept override;
  void report_problem(std::string_view where, std::string_view what) noexcept override;

  /// Drops relations whose ends were not emitted by this document, reporting each as a problem,
  /// and repeats of a relation (same type and ends), keeping the first.
  void finish();

  const std::vector<Entity>& entities() const { return entities_; }
  const std::vector<Relation>& relations() const { return relations_; }
  /// For the host, to move what was kept into the graph.
  std::vector<Entity>& entities() { return entities_; }
  std::vector<Relation>& relations() { return relations_; }
  /// After finish(), until anything is added: each entity's identity_hash, and each relation's ends
  /// as positions in entities(), so that merging finds neither again. Empty otherwise.
  const std::vector<std::uint64_t>& entity_hashes() const { return entity_hashes_; }
  const std::vector<RelationEnds>& relation_ends() const { return relation_ends_; }
  /// "where: what" for every part of the document that could not be read or broke the contract,
  /// each clipped to kMaxProblemBytes; past kMaxProblems, the last one says how many more there were.
  const std::vector<std::string>& problems() const { return problems_; }
  /// Why the document broke a limit, or empty.
  const std::string& limit_error() const { return limit_error_; }

 private:
  bool within_limits() noexcept;
  // What finish() found fits only the entities and relations it saw.
  void forget_finish() noexcept {
    entity_hashes_.clear();
    relation_ends_.clear();
  }
  void add_problem(std::string text);
  std::size_t unlisted_problems_ = 0;
  std::vector<Entity> entities_;
  std::vector<Relation> relations_;
  std::vector<std::uint64_t> entity_hashes_;
  std::vector<RelationEnds> relation_ends_;
  std::vector<std::string> problems_;
  std::size_t max_items_ = std::size_t(-1);
  Clock::time_point deadline_ = Clock::time_point::max();
  std::string limit_error_;
};

}  // namespace trialgraph
