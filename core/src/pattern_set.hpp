// Which of a list of regular expressions occur in a text: the recognizer's first pass over every
// text, which then matches only the patterns found here.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trialgraph::detail {

/// Does `text` hold a character RE2's Unicode case folding reads as an ASCII letter: U+017F (long s,
/// for (?i)s) or U+212A (Kelvin sign, for (?i)k)? Then a match need not begin with the ASCII
/// letters its pattern does, and only RE2 reads the text as it must.
bool folds_onto_ascii(std::string_view text);

class PatternSet {
 public:
  enum class Engine { re2, hyperscan };
  enum class Start { re2_only, hyperscan_now, hyperscan_when_worth_it };

  /// Compiles `patterns` (RE2 syntax) for RE2, which scans until enough text has gone through to
  /// pay for compiling them for Hyperscan too (when this build and CPU have it), which scans from
  /// then on. TRIALGRAPH_PATTERN_ENGINE=re2 or =hyperscan in the environment uses one from the
  /// start. Throws std::runtime_error naming the first pattern that does not compile.
  explicit PatternSet(const std::vector<std::string>& patterns);
  PatternSet(const std::vector<std::string>& patterns, Start start);
  ~PatternSet();
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;

  /// The indexes, ascending, of the patterns that may match somewhere in `text`: every one that
  /// does, and perhaps a few that do not (Hyperscan reads some patterns more loosely). nullopt
  /// when that cannot be told (RE2 ran out of memory): then any pattern may match. `folds` is
  /// folds_onto_ascii(text), which the caller has found already or leaves to this.
  std::optional<std::vector<int>> candidates(std::string_view text) const {
    return candidates(text, folds_onto_ascii(text));
  }
  std::optional<std::vector<int>> candidates(std::string_view text, bool folds) const;

  /// The engine scanning now.
  Engine engine() const;
  /// Whether this build and CPU can use Hyperscan (an optional dependency, on x86-64 only).
  static bool hyperscan_available();

 private:
  struct Re2Set;
  struct HyperscanSet;
  void compile_hyperscan() const;

  const std::vector<std::string> patterns_;
  std::unique_ptr<Re2Set> re2_;
  const std::uint64_t switch_after_;                   // bytes of text scanned before Hyperscan is compiled
  mutable std::atomic<std::uint64_t> scanned_{0};
  mutable std::atomic<bool> switch_started_{false};    // one thread compiles, once
  mutable std::unique_ptr<HyperscanSet> owned_hyperscan_;
  mutable std::atomic<const HyperscanSet*> hyperscan_{nullptr};  // published when compiled
};

}  // namespace trialgraph::detail
