// Merge keys: the functions every plugin uses so that documents meet on the same node.
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "trialgraph/keys.hpp"

namespace {

using namespace trialgraph;

// --- fold_text ---------------------------------------------------------------------------------

TEST(FoldText, LowerCasesAscii) { EXPECT_EQ(fold_text("CAR-T Cell THERAPY"), "car t cell therapy"); }

TEST(FoldText, TurnsPunctuationIntoSingleSpacesAndTrims) {
  EXPECT_EQ(fold_text("  Non-Hodgkin   Lymphoma, (Relapsed)/Refractory.  "),
            "non hodgkin lymphoma relapsed refractory");
}

TEST(FoldText, DropsApostrophes) {
  EXPECT_EQ(fold_text("Crohn's Disease"), "crohns disease");
  EXPECT_EQ(fold_text("Crohn's Disease"), fold_text("Crohns disease"));
}

// Runs of letters and digits are copied sixteen bytes at a time: ASCII texts of every length and
// mix (runs across block edges, runs at the very end), against the rule written out byte by byte.
TEST(FoldText, LongRunsFoldAsShortOnes) {
  auto by_the_rule = [](const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
      if (c == '\'') continue;
      if (!std::isalnum(static_cast<unsigned char>(c))) {
        space = true;
        continue;
      }
      if (space && !out.empty()) out += ' ';
      space = false;
      out += char(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
  };
  const std::string alnum = "abzAMZ0159", other = " -'./,@[`{\x7f";
  std::mt19937 random(20261207);
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    for (std::size_t k = random() % 70; k > 0; --k)
      text += random() % 5 ? alnum[random() % alnum.size()] : other[random() % other.size()];
    ASSERT_EQ(fold_text(text), by_the_rule(text)) << text;
  }
}

TEST(FoldText, LowerCasesLatinGreekAndCyrillicLetters) {
  EXPECT_EQ(fold_text("ASSISTANCE PUBLIQUE - HÔPITAUX DE PARIS"), fold_text("Assistance Publique - Hôpitaux de Paris"));
  EXPECT_EQ(fold_text("UNIVERSITÄT DUISBURG-ESSEN"), "universität duisburg essen");
  EXPECT_EQ(fold_text("ŁÓDŹ ŻYWIEC Ÿ"), "łódź żywiec ÿ");
  EXPECT_EQ(fold_text("ΑΘΗΝΑ МОСКВА ЁЛКА"), "αθηνα москва ёлка");
  EXPECT_EQ(fold_text("Straße ×"), "straße ×") << "ß has no single-letter capital; × is no letter";
}

TEST(FoldText, SpellsOutTypographicLigatures) {
  EXPECT_EQ(fold_text("Af\uFB01liated Hospital"), "affiliated hospital");
  EXPECT_EQ(fold_text("\uFB00\uFB02\uFB03\uFB04"), "fffl" "ffiffl");
}

TEST(FoldText, DropsTheTypographicApostropheToo) {
  EXPECT_EQ(fold_text("St Vincent\u2019s Hospital"), fold_text("St Vincent's Hospital"));
}

TEST(FoldText, KeepsUtf8Bytes) {
  EXPECT_EQ(fold_text("Sjögren Syndrome"), "sjögren syndrome");
  EXPECT_EQ(fold_text("中国 医院"), "中国 医院");
}

TEST(FoldText, EmptyAndPunctuationOnlyGiveEmpty) {
  EXPECT_EQ(fold_text(""), "");
  EXPECT_EQ(fold_text(" ,.-/ "), "");
}

// fold_text writes into room the size of its input: no text, however odd its bytes, folds longer.
// Folding valid UTF-8 twice changes nothing, and site keys fold each field as fold_text does.
TEST(FoldText, NeverLengthensAndFoldsOnce) {
  const std::vector<std::string> valid = {
      "\uFB03", "\uFB00", "\u2019", "'", " ", "-", "A", "z", "9", "\u00C9", "\u0130", "\u0178", "\u0416",
      "\u0401", "\u03A3", "\u4E2D", ",,", "St"};
  const std::vector<std::string> broken = {"\xEF\xAC", "\xEF", "\xE2\x80", "\xC3", "\x80", "\xFF"};
  std::mt19937 random(7);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    bool utf8 = true;
    for (int n = int(random() % 9); n > 0; --n) {
      bool odd = random() % 4 == 0;
      utf8 = utf8 && !odd;
      text += odd ? broken[random() % broken.size()] : valid[random() % valid.size()];
    }
    std::string folded = fold_text(text);
    ASSERT_LE(folded.size(), text.size()) << text;
    if (utf8) {
      ASSERT_EQ(fold_text(folded), folded) << text;
    }
    ASSERT_EQ(site_key(text, text, "", ""), folded + "|" + folded + "||") << text;
  }
}

// --- normalize_nct_id --------------------------------------------------------------------------

TEST(NormalizeNctId, KeepsAValidId) { EXPECT_EQ(normalize_nct_id("NCT05923281"), "NCT05923281"); }

TEST(NormalizeNctId, UpperCasesALowerCaseIdAndTrims) {
  EXPECT_EQ(normalize_nct_id("nct05923281"), "NCT05923281");
  EXPECT_EQ(normalize_nct_id("  Nct05923281\n"), "NCT05923281");
}

TEST(NormalizeNctId, RejectsWhatIsNotAnId) {
  EXPECT_EQ(normalize_nct_id(""), "");
  EXPECT_EQ(normalize_nct_id("NCT0592328"), "");     // 7 digits
  EXPECT_EQ(normalize_nct_id("NCT059232811"), "");   // 9 digits
  EXPECT_EQ(normalize_nct_id("NCT0592328X"), "");
  EXPECT_EQ(normalize_nct_id("EUCTR059232"), "");
  EXPECT_EQ(normalize_nct_id("ISRCTN12345"), "");
}

// --- trial_key ---------------------------------------------------------------------------------

TEST(TrialKey, NctIdWinsOverTitle) {
  EXPECT_EQ(trial_key("nct05923281", "Some Title"), "NCT05923281");
}

TEST(TrialKey, FallsBackToFoldedTitle) {
  EXPECT_EQ(trial_key("", "A Study of CAR-T"), "title:a study of car t");
  EXPECT_EQ(trial_key("not-an-id", "A Study of CAR-T"), "title:a study of car t");
}

TEST(TrialKey, TitleKeyIsStableAcrossPunctuationAndCase) {
  EXPECT_EQ(trial_key("", "A Study of CAR-T Cells."), trial_key("", "a study of car t cells"));
}

TEST(TrialKey, NoIdAndNoTitleGiveEmpty) {
  EXPECT_EQ(trial_key("", ""), "");
  EXPECT_EQ(trial_key("", " - "), "");
}

// --- sponsor_key -------------------------------------------------------------------------------

TEST(SponsorKey, DropsLegalSuffixes) {
  EXPECT_EQ(sponsor_key("Allogene Therapeutics, Inc."), sponsor_key("ALLOGENE THERAPEUTICS"));
  EXPECT_EQ(sponsor_key("Allogene Therapeutics, Inc."), "allogene therapeutics");
  EXPECT_EQ(sponsor_key("Bayer AG"), "bayer");
  EXPECT_EQ(sponsor_key("Kowa Company, Ltd."), "kowa company");
}

TEST(SponsorKey, KeepsCompanyInsideADescriptiveName) {
  EXPECT_EQ(sponsor_key("Kite, A Gilead Company"), "kite a gilead company");
}

TEST(SponsorKey, DropsDottedTwoLetterSuffixes) {
  EXPECT_EQ(sponsor_key("Foo S.A."), sponsor_key("Foo"));
  EXPECT_EQ(sponsor_key("Foo S. A."), "foo");
  EXPECT_EQ(sponsor_key("Novo Nordisk A/S"), "novo nordisk");
}

TEST(SponsorKey, NameThatIsOnlyASuffixIsNotEmptied) {
  EXPECT_EQ(sponsor_key("AG"), "ag");
  EXPECT_EQ(sponsor_key("Inc."), "inc");
  EXPECT_EQ(sponsor_key("S.A."), "s a");
}

// --- site, disease, antigen --------------------------------------------------------------------

TEST(SiteKey, JoinsFoldedPartsWithBars) {
  EXPECT_EQ(site_key("Hospital Universitario 12 de Octubre", "Madrid", "", "Spain"),
            "hospital universitario 12 de octubre|madrid||spain");
  EXPECT_EQ(site_key("M.D. Anderson", "Houston", "Texas", "United States"),
            site_key("m.d. anderson", "HOUSTON", " texas", "United States."));
}

TEST(SiteKey, PartsStaySeparated) {
  EXPECT_NE(site_key("A", "B", "", ""), site_key("A B", "", "", ""));
}

TEST(DiseaseKey, MeshIdWins) {
  EXPECT_EQ(disease_key("D008180", "Lupus Erythematosus, Systemic"), "D008180");
  EXPECT_EQ(disease_key(" D008180 ", "x"), "D008180");
}

TEST(DiseaseKey, FallsBackToFoldedName) {
  EXPECT_EQ(disease_key("", "Multiple Myeloma, Refractory"), "multiple myeloma refractory");
  EXPECT_EQ(disease_key("  ", "B-Cell Lymphoma"), "b cell lymphoma");
}

TEST(AntigenKey, UpperCasesAndTrims) {
  EXPECT_EQ(antigen_key(" cd19 "), "CD19");
  EXPECT_EQ(antigen_key("Bcma"), antigen_key("BCMA"));
}

TEST(DrugKey, IsTheFoldedName) { EXPECT_EQ(drug_key("Axicabtagene Ciloleucel"), "axicabtagene ciloleucel"); }

// --- fnv1a_64 ----------------------------------------------------------------------------------

TEST(Fnv1a64, MatchesThePublishedValuesAndHashesPiecesAsTheirConcatenation) {
  EXPECT_EQ(fnv1a_64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a_64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(fnv1a_64("foobar"), 0x85944171f73967e8ull);
  EXPECT_EQ(fnv1a_64("bar", fnv1a_64("foo")), fnv1a_64("foobar"));
}

// --- slug --------------------------------------------------------------------------------------

bool only_slug_chars(const std::string& s) {
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

// The readable part: punctuation runs become one hyphen; only a composite key's '|' separators
// make "--". A key that does not read back from it ends in "---" and 16 hex digits.
std::string readable_part(const std::string& s) {
  std::size_t hash = s.rfind("---");
  bool hashed = hash != std::string::npos && s.size() - hash == 19 &&
                s.find_first_not_of("0123456789abcdef", hash + 3) == std::string::npos;
  return hashed ? s.substr(0, hash) : s;
}

bool well_hyphenated(const std::string& s, bool composite) {
  if (s.empty()) return false;
  if (composite) return true;
  return s.front() != '-' && s.back() != '-' && s.find("--") == std::string::npos;
}

TEST(Slug, UsesOnlyLowerCaseLettersDigitsAndHyphens) {
  for (const char* key : {"NCT05923281", "title:a study of car t", "hospital|madrid||spain",
                          "Investigación Clínica", "中国 医院", "a\xff" "b", " -- x -- "}) {
    std::string s = slug(key);
    EXPECT_TRUE(only_slug_chars(s)) << key << " -> " << s;
    EXPECT_TRUE(well_hyphenated(readable_part(s), std::string(key).find('|') != std::string::npos)) << key << " -> " << s;
  }
}

TEST(Slug, KeepsKeysThatReadBackAsTheyAre) {
  EXPECT_EQ(slug("a study of car t"), "a-study-of-car-t");
  EXPECT_EQ(slug("hospital|madrid||spain"), "hospital--madrid----spain");
  EXPECT_EQ(slug("d011014"), "d011014");
}

TEST(Slug, LowerCasesAndHyphenatesAsciiAndHashesWhatDoesNotReadBack) {
  EXPECT_EQ(readable_part(slug("NCT05923281")), "nct05923281");
  EXPECT_NE(slug("NCT05923281"), "nct05923281");
  EXPECT_EQ(readable_part(slug("title:a study of car t")), "title-a-study-of-car-t");
  EXPECT_EQ(slug("a.json").substr(0, 9), "a-json---");
  EXPECT_EQ(slug("a.json").size(), 9u + 16u);
}

// Writers spell IRIs as "<base>kind/" + slug: appending must give the slug itself, both kinds.
TEST(Slug, AppendedAfterOtherTextIsTheSameSlug) {
  for (const char* key : {"a study of car t", "hospital|madrid||spain", "", "NCT05923281", ".x", " lead",
                          "|a", "中国 医院", "Investigación Clínica"}) {
    std::string out = "https://x.org/id/site/";
    append_slug(out, key);
    EXPECT_EQ(out, "https://x.org/id/site/" + slug(key)) << key;
    std::string alone;
    append_slug(alone, key);
    EXPECT_EQ(alone, slug(key)) << key;
  }
  EXPECT_EQ(readable_part(slug(".x")), "x");  // no hyphen before the first word, text before or not
}

TEST(Slug, TransliteratesAccents) {
  EXPECT_NE(slug("Investigación").find("investigacion"), std::string::npos) << slug("Investigación");
  EXPECT_EQ(readable_part(slug("sjögren")), "sjogren");
  EXPECT_EQ(readable_part(slug("straße")), "strasse");
}

TEST(Slug, SpellsOtherCharactersAsCodePoints) {
  EXPECT_EQ(readable_part(slug("中")), "u4e2d");
  EXPECT_EQ(readable_part(slug("中国")), "u4e2d-u56fd");
  EXPECT_EQ(readable_part(slug("a中b")), "a-u4e2d-b");
}

TEST(Slug, DifferentNonAsciiKeysStayDifferent) {
  EXPECT_NE(slug("中国"), slug("日本"));
  EXPECT_NE(slug("中国医院"), slug("中国"));
  EXPECT_NE(slug("ä"), slug("中"));
}

TEST(Slug, DifferentSiteKeysStayDifferent) {
  EXPECT_NE(slug(site_key("Madrid", "", "", "Spain")), slug(site_key("", "Madrid", "", "Spain")));
  EXPECT_NE(slug(site_key("A B", "", "", "")), slug(site_key("A", "B", "", "")));
  // Both seen in the registry: one site written with and without its accent.
  EXPECT_NE(slug(site_key("Research Site S8", "Créteil", "", "France")),
            slug(site_key("Research Site S8", "Creteil", "", "France")));
}

TEST(Slug, KeysThatTransliterationOrPunctuationWouldMergeStayDifferent) {
  EXPECT_NE(slug("sjögren"), slug("sjogren"));
  EXPECT_NE(slug("中"), slug("u4e2d"));
  EXPECT_NE(slug("a.json"), slug("a json"));
  EXPECT_NE(slug("a.json"), slug("a-json"));
  EXPECT_NE(slug("title:x"), slug("title x"));
  EXPECT_NE(slug("x|"), slug("x --"));
}

// Every key of up to five characters over an alphabet that slugs alike: no two share a slug.
TEST(Slug, IsOneToOneOverEveryShortKeyOfATrickyAlphabet) {
  const std::vector<std::string> alphabet = {"a", "b", "1", " ", "|", "-", ".", "A", "é", "中"};
  std::map<std::string, std::string> key_of;
  std::vector<std::string> keys = {""};
  for (std::size_t length = 0; length < 5; ++length) {
    std::vector<std::string> longer;
    for (const std::string& k : keys)
      for (const std::string& c : alphabet) longer.push_back(k + c);
    for (const std::string& k : longer) {
      auto [it, fresh] = key_of.emplace(slug(k), k);
      EXPECT_TRUE(fresh) << "\"" << k << "\" and \"" << it->second << "\" both slug as " << it->first;
    }
    keys = std::move(longer);
  }
  EXPECT_EQ(key_of.size(), 111110u);
}

}  // namespace
