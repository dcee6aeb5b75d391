#include "pattern_set.hpp"

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdlib>
#include <stdexcept>

#include <re2/re2.h>
#include <re2/set.h>

#include "trialgraph/text_encoding.hpp"

#ifdef TRIALGRAPH_HAVE_HYPERSCAN
#include <hs/hs.h>
#endif

namespace trialgraph::detail {

struct PatternSet::Re2Set {
  RE2::Set set;

  explicit Re2Set(const std::vector<std::string>& patterns) : set(options(), RE2::UNANCHORED) {
    for (const std::string& p : patterns) {
      std::string error;
      if (set.Add(p, &error) < 0) throw std::runtime_error("\"" + p + "\" does not compile: " + error);
    }
    if (!set.Compile()) throw std::runtime_error("the patterns are too large to compile together");
  }

  static RE2::Options options() {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(64 << 20);
    return o;
  }

  std::optional<std::vector<int>> candidates(std::string_view text) const {
    std::vector<int> hits;
    RE2::Set::ErrorInfo error{};
    if (!set.Match(re2::StringPiece(text.data(), text.size()), &hits, &error) && error.kind != RE2::Set::kNoError)
      return std::nullopt;  // the DFA ran out of memory on this text
    std::sort(hits.begin(), hits.end());
    return hits;
  }
};

namespace {

bool ascii_only(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Any one character of two to four bytes in UTF-8.
constexpr std::string_view kAnyMultibyte = R"((?:[\xC2-\xF4][\x80-\xBF]{1,3}))";

// The length of the UTF-8 character a lead byte begins, in text known to be valid UTF-8.
std::size_t utf8_length(unsigned char lead) { return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2; }

// A pattern Hyperscan reads byte by byte and that matches wherever the RE2 one does: each non-ASCII
// character, which RE2 matches in either case, becomes any multibyte character, and a class
// holding some becomes its ASCII members or any multibyte character. nullopt for what this does
// not rewrite (a negated class or a range with such characters; long s and the Kelvin sign, which
// fold onto ASCII letters): such a pattern is a candidate for every text.
std::optional<std::string> byte_pattern(std::string_view p) {
  if (ascii_only(p)) return std::string(p);
  if (first_invalid_utf8(p) || folds_onto_ascii(p)) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < p.size();) {
    if (p[i] == '\\' && i + 1 < p.size()) {  // an escaped byte is ASCII in RE2::QuoteMeta's output
      out.append(p, i, 2);
      i += 2;
    } else if (p[i] == '[') {
      std::size_t end = i + 1;
      if (end < p.size() && p[end] == '^') ++end;
      if (end < p.size() && p[end] == ']') ++end;  // a leading ']' is a member
      while (end < p.size() && p[end] != ']') end += p[end] == '\\' ? 2 : 1;
      if (end >= p.size()) return std::nullopt;
      std::string_view members = p.substr(i + 1, end - i - 1);
      if (ascii_only(members)) {
        out.append(p, i, end + 1 - i);
      } else {
        if (members[0] == '^' || members.find('-') != std::string_view::npos) return std::nullopt;
        std::string ascii;
        for (std::size_t k = 0; k < members.size(); ++k)
          if (static_cast<unsigned char>(members[k]) < 0x80) ascii += members[k];
        out += "(?:";
        if (!ascii.empty()) out += "[" + ascii + "]|";
        out += kAnyMultibyte;
        out += ")";
      }
      i = end + 1;
    } else if (static_cast<unsigned char>(p[i]) >= 0x80) {
      out += kAnyMultibyte;
      i += utf8_length(static_cast<unsigned char>(p[i]));
    } else {
      out += p[i++];
    }
  }
  return out;
}

}  // namespace

#ifdef TRIALGRAPH_HAVE_HYPERSCAN

// Hyperscan compiles the patterns, read as bytes (byte_pattern), in prefilter mode (it may report a
// pattern that does not quite match, never miss one that does) and reports each at most once per
// text. A pattern it cannot take (byte_pattern's exceptions, or one it does not compile) is a
// candidate for every text instead.
struct PatternSet::HyperscanSet {
  hs_database_t* database = nullptr;
  std::vector<int> always;          // candidates for every text, ascending
  const std::uint64_t generation;   // tells a thread's scratch space which database it was sized for

  explicit HyperscanSet(const std::vector<std::string>& patterns) : generation(next_generation()) {
    std::vector<std::string> rewritten(patterns.size());
    std::vector<bool> excluded(patterns.size());
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      std::optional<std::string> bytes = byte_pattern(patterns[i]);
      excluded[i] = !bytes;
      if (bytes) rewritten[i] = std::move(*bytes);
    }
    while (!compile(rewritten, excluded)) {}
    for (std::size_t i = 0; i < patterns.size(); ++i)
      if (excluded[i]) always.push_back(int(i));
  }

  ~HyperscanSet() { hs_free_database(database); }

  // Compiles the patterns not excluded; on a pattern Hyperscan refuses, excludes it and returns
  // false (the caller tries again). Throws when Hyperscan fails as a whole.
  bool compile(const std::vector<std::string>& patterns, std::vector<bool>& excluded) {
    std::vector<const char*> expressions;
    std::vector<unsigned> flags, ids;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      if (excluded[i]) continue;
      expressions.push_back(patterns[i].c_str());
      flags.push_back(HS_FLAG_PREFILTER | HS_FLAG_SINGLEMATCH);
      ids.push_back(unsigned(i));
    }
    if (expressions.empty()) return true;  // nothing to scan for: every pattern is always a candidate
    hs_compile_error_t* error = nullptr;
    hs_error_t status = hs_compile_multi(expressions.data(), flags.data(), ids.data(), unsigned(expressions.size()),
                                         HS_MODE_BLOCK, nullptr, &database, &error);
    if (status == HS_SUCCESS) return true;
    int at = error ? error->expression : -1;
    std::string message = error && error->message ? error->message : "unknown error";
    hs_free_compile_error(error);
    if (at < 0) throw std::runtime_error("Hyperscan: " + message);
    excluded[ids[std::size_t(at)]] = true;
    return false;
  }

  static std::uint64_t next_generation() {
    static std::atomic<std::uint64_t> counter{0};
    return ++counter;
  }

  // This thread's scratch space, made large enough for this database when it was last used for
  // another.
  hs_scratch_t* scratch() const {
    struct Scratch {
      hs_scratch_t* space = nullptr;
      std::uint64_t generation = 0;
      ~Scratch() { hs_free_scratch(space); }
    };
    thread_local Scratch mine;
    if (mine.generation != generation) {
      if (hs_alloc_scratch(database, &mine.space) != HS_SUCCESS) return nullptr;
      mine.generation = generation;
    }
    return mine.space;
  }

  // nullopt when Hyperscan cannot scan this text: the caller asks RE2.
  std::optional<std::vector<int>> candidates(std::string_view text) const {
    std::vector<int> hits = always;
    if (!database || text.empty()) return hits;
    hs_scratch_t* space = scratch();
    if (!space) return std::nullopt;
    auto on_match = [](unsigned id, unsigned long long, unsigned long long, unsigned, void* context) {
      static_cast<std::vector<int>*>(context)->push_back(int(id));
      return 0;
    };
    if (hs_scan(database, text.data(), unsigned(text.size()), 0, space, on_match, &hits) != HS_SUCCESS)
      return std::nullopt;
    std::sort(hits.begin(), hits.end());
    return hits;
  }
};

#else

struct PatternSet::HyperscanSet {
  std::optional<std::vector<int>> candidates(std::string_view) const { return std::nullopt; }
};

#endif

namespace {

// Compiling the built-in lexicons for Hyperscan takes about 0.2 s, which a run pays back after
// about 110 MB of text (measured: bench/README.md, session 27): before the switch, RE2 scans.
constexpr std::uint64_t kHyperscanAfterBytes = 64ull << 20;

PatternSet::Start chosen_start() {
  const char* wanted = std::getenv("TRIALGRAPH_PATTERN_ENGINE");
  std::string_view w = wanted ? wanted : "";
  if (w == "re2") return PatternSet::Start::re2_only;
  if (w == "hyperscan") return PatternSet::Start::hyperscan_now;
  return PatternSet::Start::hyperscan_when_worth_it;
}

}  // namespace

PatternSet::PatternSet(const std::vector<std::string>& patterns) : PatternSet(patterns, chosen_start()) {}

PatternSet::PatternSet(const std::vector<std::string>& patterns, Start start)
    : patterns_(patterns),
      re2_(std::make_unique<Re2Set>(patterns)),
      switch_after_(start == Start::hyperscan_when_worth_it ? kHyperscanAfterBytes : 0) {
  if (start == Start::re2_only || !hyperscan_available()) {
    switch_started_ = true;  // never
  } else if (start == Start::hyperscan_now) {
    switch_started_ = true;
    compile_hyperscan();
  }
}

PatternSet::~PatternSet() = default;

bool PatternSet::hyperscan_available() {
#ifdef TRIALGRAPH_HAVE_HYPERSCAN
  return hs_valid_platform() == HS_SUCCESS;
#else
  return false;
#endif
}

PatternSet::Engine PatternSet::engine() const {
  return hyperscan_.load(std::memory_order_acquire) ? Engine::hyperscan : Engine::re2;
}

void PatternSet::compile_hyperscan() const {
#ifdef TRIALGRAPH_HAVE_HYPERSCAN
  try {
    owned_hyperscan_ = std::make_unique<HyperscanSet>(patterns_);
    hyperscan_.store(owned_hyperscan_.get(), std::memory_order_release);
  } catch (const std::exception&) {
    // Hyperscan failed as a whole (no memory for its compiler): RE2 goes on scanning.
  }
#endif
}

bool folds_onto_ascii(std::string_view text) {
  return text.find("\xC5\xBF") != std::string_view::npos || text.find("\xE2\x84\xAA") != std::string_view::npos;
}

std::optional<std::vector<int>> PatternSet::candidates(std::string_view text, bool folds) const {
  const HyperscanSet* hyperscan = hyperscan_.load(std::memory_order_acquire);
  if (!hyperscan && !switch_started_.load(std::memory_order_relaxed) &&
      scanned_.fetch_add(text.size(), std::memory_order_relaxed) + text.size() >= switch_after_ &&
      !switch_started_.exchange(true)) {
    compile_hyperscan();  // on this thread; the others go on with RE2 meanwhile
    hyperscan = hyperscan_.load(std::memory_order_acquire);
  }
  if (hyperscan && text.size() <= UINT_MAX && !folds) {
    if (auto hits = hyperscan->candidates(text)) return hits;
  }
  return re2_->candidates(text);
}

}  // namespace trialgraph::detail
