// Merge keys: the functions every plugin uses so that documents meet on the same node.
#include <gtest/gtest.h>

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

// --- slug --------------------------------------------------------------------------------------

bool only_slug_chars(const std::string& s) {
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

// Punctuation runs become one hyphen; only a composite key's '|' separators make "--".
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
    EXPECT_TRUE(well_hyphenated(s, std::string(key).find('|') != std::string::npos)) << key << " -> " << s;
  }
}

TEST(Slug, LowerCasesAndHyphenatesAscii) {
  EXPECT_EQ(slug("NCT05923281"), "nct05923281");
  EXPECT_EQ(slug("title:a study of car t"), "title-a-study-of-car-t");
  EXPECT_EQ(slug("hospital|madrid||spain"), "hospital--madrid----spain");
}

TEST(Slug, TransliteratesAccents) {
  EXPECT_NE(slug("Investigación").find("investigacion"), std::string::npos) << slug("Investigación");
  EXPECT_EQ(slug("Sjögren"), "sjogren");
  EXPECT_EQ(slug("Straße"), "strasse");
}

TEST(Slug, SpellsOtherCharactersAsCodePoints) {
  EXPECT_EQ(slug("中"), "u4e2d");
  EXPECT_EQ(slug("中国"), "u4e2d-u56fd");
  EXPECT_EQ(slug("a中b"), "a-u4e2d-b");
}

TEST(Slug, DifferentNonAsciiKeysStayDifferent) {
  EXPECT_NE(slug("中国"), slug("日本"));
  EXPECT_NE(slug("中国医院"), slug("中国"));
  EXPECT_NE(slug("ä"), slug("中"));
}

TEST(Slug, DifferentSiteKeysStayDifferent) {
  EXPECT_NE(slug(site_key("Madrid", "", "", "Spain")), slug(site_key("", "Madrid", "", "Spain")));
  EXPECT_NE(slug(site_key("A B", "", "", "")), slug(site_key("A", "B", "", "")));
}

}  // namespace
