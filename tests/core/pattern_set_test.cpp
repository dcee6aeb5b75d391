// The recognizer's first pass: whichever engine runs it, every pattern that matches a text is among
// its candidates. RE2::Set, exact, is the reference; Hyperscan (when built) may add a few.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pattern_set.hpp"
#include "trialgraph/recognizer.hpp"
#include "test_support.hpp"

namespace trialgraph::detail {
namespace {

using namespace std::string_literals;  // "...\0..."s keeps its NUL

// Forms the recognizer writes: any case, separators, a possessive with either apostrophe, and
// letters outside ASCII (whose other case RE2 matches too).
const std::vector<std::string> kPatterns = {
    R"((?:(?i:Sj)"
    "\xC3\xB6"
    R"(gren(?:['’]?s)?[\s\-]+syndrome(?:e?s)?)|(?i:Sjogren[\s\-]+syndrome)|pSS))",
    R"((?:(?i:kappa[\s\-]+light[\s\-]+chain)|(?i:Ig)"
    "\xCE\xBA"
    R"()))",
    R"((?:(?i:Waldenstr)"
    "\xC3\xB6"
    R"(m[\s\-]+macroglobulinemia)))",
    R"((?:(?i:CD[\s\-]?19)|(?i:B4)))",
    R"((?:(?i:lupus[\s\-]+nephritis(?:e?s)?)|LN))",
    R"((?:(?i:sle)))",
};

std::vector<int> exact(std::string_view text) {
  static const PatternSet re2(kPatterns, PatternSet::Start::re2_only);
  return *re2.candidates(text);
}

bool includes(const std::vector<int>& candidates, const std::vector<int>& hits) {
  return std::includes(candidates.begin(), candidates.end(), hits.begin(), hits.end());
}

const std::vector<std::string> kTexts = {
    "",
    "no lexicon word here at all",
    "primary Sj\xC3\xB6gren's syndrome",
    "SJ\xC3\x96GREN\xE2\x80\x99S SYNDROME",  // capital O with diaeresis, a typographic apostrophe
    "Sjogren syndrome and pSS",
    "free IG\xCE\x9A chains",  // capital kappa
    "Waldenstr\xC3\xB6m macroglobulinemia",
    "WALDENSTR\xC3\x96M MACROGLOBULINEMIA",
    "cd-19, CD 19 and b4",
    "Lupus Nephritis (LN)",
    "\xC5\xBFLE",              // long s: RE2 reads it as an s
    "\xFF\xFE cd19 \x80\x80 \0 lupus nephritis"s,  // not UTF-8, with a NUL
};

TEST(PatternSet, Re2FindsExactlyThePatternsThatMatch) {
  EXPECT_EQ(exact("no lexicon word here at all"), std::vector<int>{});
  EXPECT_EQ(exact("SJ\xC3\x96GREN\xE2\x80\x99S SYNDROME"), std::vector<int>{0});
  EXPECT_EQ(exact("free IG\xCE\x9A chains"), std::vector<int>{1});
  EXPECT_EQ(exact("\xC5\xBFLE"), std::vector<int>{5});
  EXPECT_EQ(exact("\xFF\xFE cd19 \x80\x80 \0 lupus nephritis"s), (std::vector<int>{3, 4}));
}

TEST(PatternSet, HyperscanCandidatesHoldEveryMatchingPattern) {
  if (!PatternSet::hyperscan_available()) GTEST_SKIP() << "built without Hyperscan, or the CPU lacks SSSE3";
  PatternSet hyperscan(kPatterns, PatternSet::Start::hyperscan_now);
  ASSERT_EQ(hyperscan.engine(), PatternSet::Engine::hyperscan);
  for (const std::string& text : kTexts) {
    std::optional<std::vector<int>> candidates = hyperscan.candidates(text);
    ASSERT_TRUE(candidates) << text;
    EXPECT_TRUE(std::is_sorted(candidates->begin(), candidates->end())) << text;
    EXPECT_TRUE(includes(*candidates, exact(text))) << text;
  }
  // Candidates, not every pattern: a text without lexicon words has none.
  EXPECT_EQ(*hyperscan.candidates("no lexicon word here at all"), std::vector<int>{});
  EXPECT_EQ(*hyperscan.candidates("lupus nephritis"), std::vector<int>{4});
}

// TRIALGRAPH_PATTERN_ENGINE set for a scope; what it was before (ctest sets it too) afterwards.
class EngineVariable {
 public:
  explicit EngineVariable(const char* value) {
    if (const char* was = std::getenv(kName)) before_ = was;
    ::setenv(kName, value, 1);
  }
  ~EngineVariable() {
    if (before_) ::setenv(kName, before_->c_str(), 1);
    else ::unsetenv(kName);
  }

 private:
  static constexpr const char* kName = "TRIALGRAPH_PATTERN_ENGINE";
  std::optional<std::string> before_;
};

PatternSet::Engine engine_chosen_by(const char* wanted) {
  EngineVariable variable(wanted);
  return PatternSet(kPatterns).engine();
}

TEST(PatternSet, TheEnvironmentChoosesTheEngine) {
  EXPECT_EQ(engine_chosen_by("re2"), PatternSet::Engine::re2);
  EXPECT_EQ(engine_chosen_by("hyperscan"),
            PatternSet::hyperscan_available() ? PatternSet::Engine::hyperscan : PatternSet::Engine::re2);
}

// Compiling for Hyperscan pays only on a long run: RE2 scans the first 64 MiB of text.
TEST(PatternSet, SwitchesToHyperscanOnceEnoughTextHasGoneThrough) {
  PatternSet patterns(kPatterns, PatternSet::Start::hyperscan_when_worth_it);
  std::string text(1 << 20, ' ');
  text.replace(text.size() / 2, 15, "lupus nephritis");
  for (int mib = 0; mib < 63; ++mib) ASSERT_EQ(*patterns.candidates(text), std::vector<int>{4});
  EXPECT_EQ(patterns.engine(), PatternSet::Engine::re2);
  for (int mib = 63; mib < 65; ++mib) ASSERT_EQ(*patterns.candidates(text), std::vector<int>{4});
  EXPECT_EQ(patterns.engine(),
            PatternSet::hyperscan_available() ? PatternSet::Engine::hyperscan : PatternSet::Engine::re2);
  PatternSet re2_only(kPatterns, PatternSet::Start::re2_only);
  for (int mib = 0; mib < 65; ++mib) ASSERT_EQ(*re2_only.candidates(text), std::vector<int>{4});
  EXPECT_EQ(re2_only.engine(), PatternSet::Engine::re2);
}

TEST(PatternSet, APatternThatDoesNotCompileIsNamed) {
  try {
    PatternSet broken({"(?i:CD19", "CD20"});
    FAIL() << "an unbalanced pattern compiled";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("(?i:CD19"), std::string::npos) << e.what();
  }
}

// The whole recognizer, built on each engine, finds the same mentions in every string of the
// registry records (and ../shared's, when it is there).
std::vector<std::string> mention_fields(const Recognizer& recognizer, const std::string& text) {
  std::vector<std::string> out;
  LearnedAbbreviations learned;
  for (const Mention& m : recognizer.find(text, &learned))
    out.push_back((m.entry ? m.entry->name : "code") + "|" + std::to_string(m.begin) + "|" +
                  std::to_string(m.end) + "|" + m.surface + (m.ambiguous ? "?" : ""));
  return out;
}

TEST(PatternSet, RecognizerFindsTheSameOnEitherEngine) {
  if (!PatternSet::hyperscan_available()) GTEST_SKIP() << "built without Hyperscan, or the CPU lacks SSSE3";
  auto recognizer_on = [](const char* engine) {
    EngineVariable variable(engine);
    return std::make_unique<Recognizer>(Lexicon::builtin());
  };
  std::unique_ptr<Recognizer> on_re2 = recognizer_on("re2"), on_hyperscan = recognizer_on("hyperscan");
  std::vector<std::string> texts;
  for (const auto& folder : {test::examples_dir() / "ctgov-v2", test::shared_dir() / "data" / "v2json"}) {
    if (!std::filesystem::is_directory(folder)) continue;
    std::vector<std::string> more = test::json_strings_in(folder);
    texts.insert(texts.end(), more.begin(), more.end());
  }
  ASSERT_GE(texts.size(), 10000u);
  std::size_t mentions = 0;
  for (const std::string& text : texts) {
    std::vector<std::string> expected = mention_fields(*on_re2, text);
    ASSERT_EQ(mention_fields(*on_hyperscan, text), expected) << text;
    mentions += expected.size();
  }
  EXPECT_GE(mentions, 2000u);
}

}  // namespace
}  // namespace trialgraph::detail
