// Finds lexicon entries (and product codes, by their shape) in free text. One pass of a pattern set
// (RE2::Set, or Hyperscan on long runs when it is built) tells which entries occur; only those are
// matched, where the text their forms begin with occurs.
// Built once, then shared by all threads: every method is const.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trialgraph/lexicon.hpp"

namespace trialgraph {

struct Mention {
  EntityKind kind = EntityKind::antigen;
  const LexiconEntry* entry = nullptr;  ///< nullptr: a drug product code recognised by its shape
  std::size_t begin = 0, end = 0;       ///< byte offsets in the text
  std::string surface;                  ///< the text as written; for "CD19 / 20", "20" reads "CD20"
  bool ambiguous = false;               ///< an ambiguous abbreviation the text does not confirm
};

/// Abbreviations a document defines ("B-cell acute lymphoblastic leukemia (B-ALL)"), carried from
/// one of its texts to the next.
using LearnedAbbreviations = std::map<std::string, const LexiconEntry*>;

class Recognizer {
 public:
  /// Compiles the lexicon; throws LexiconError when a surface form does not compile.
  explicit Recognizer(Lexicon lexicon);
  ~Recognizer();
  Recognizer(const Recognizer&) = delete;
  Recognizer& operator=(const Recognizer&) = delete;

  /// Mentions in text order, overlaps resolved (the longest wins; product codes lose to entries).
  std::vector<Mention> find(std::string_view text, LearnedAbbreviations* learned = nullptr) const;

  const Lexicon& lexicon() const;

 private:
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
};

/// The recognizer every plugin uses: the built-in lexicons plus those given to use_lexicon_files.
std::shared_ptr<const Recognizer> shared_recognizer();
/// Rebuilds the shared recognizer with these lexicon files added; throws LexiconError.
void use_lexicon_files(const std::vector<std::string>& paths);

}  // namespace trialgraph
