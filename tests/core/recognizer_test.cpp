// The recognizer, the lexicons and the eligibility splitter on the ways trial text writes things.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <random>


#include "test_support.hpp"
#include "trialgraph/keys.hpp"
#include "trialgraph/recognizer.hpp"
#include "trialgraph/sections.hpp"

namespace trialgraph {
namespace {

// "kind:canonical" of every mention that counts, in text order; product codes as "code:SURFACE".
std::vector<std::string> found(std::string_view text) {
  std::vector<std::string> out;
  LearnedAbbreviations learned;
  for (const Mention& m : shared_recognizer()->find(text, &learned)) {
    if (m.ambiguous) continue;
    out.push_back(m.entry ? std::string(kind_name(m.kind)) + ":" + m.entry->name : "code:" + m.surface);
  }
  return out;
}

using V = std::vector<std::string>;

TEST(Recognizer, AntigenListsAndGluedForms) {
  EXPECT_EQ(found("CD19/CD22 CAR T"), (V{"antigen:CD19", "antigen:CD22"}));
  EXPECT_EQ(found("CD19 / 20 CAR-T"), (V{"antigen:CD19", "antigen:CD20"}));
  EXPECT_EQ(found("anti-CD19 and CD19-directed"), (V{"antigen:CD19", "antigen:CD19"}));
  EXPECT_EQ(found("Allogeneic CART-NKG2D cells"), (V{"antigen:NKG2D"}));
  EXPECT_EQ(found("Anti-BCMA-CD19 CAR-T"), (V{"antigen:BCMA", "antigen:CD19"}));
  EXPECT_EQ(found("UCD19 CarT, CD19CAR-CD3Zeta, SCRI-CARB7H3, B7-H3CART, CAR.B7-H3T"),
            (V{"antigen:CD19", "antigen:CD19", "antigen:CD276", "antigen:CD276", "antigen:CD276"}));
  EXPECT_EQ(found("cd-19 and Claudin 18.2 and mesothelin"), (V{"antigen:CD19", "antigen:CLDN18.2", "antigen:MSLN"}));
}

TEST(Recognizer, LookAlikesAreNotAntigens) {
  EXPECT_EQ(found("CD4+ and CD8+ T cells with CD28z and 4-1BB, tagged with EGFRt"), V{});
  EXPECT_EQ(found("a truncated EGFR safety switch"), V{});
  EXPECT_EQ(found("CD190 and CD1"), V{});
  EXPECT_EQ(found("NKG2D ligands"), (V{"antigen:NKG2D ligands"}));
  EXPECT_EQ(found("CLL-1 CAR-T in CLL"), (V{"antigen:CLL-1", "disease:Chronic Lymphocytic Leukemia"}));
}

TEST(Recognizer, DiseasesRunTogetherAbbreviationsAndSpellings) {
  EXPECT_EQ(found("Systemic Lupus Erythematosus Lupus Nephritis Systemic Sclerosis Idiopathic Inflammatory Myopathy"),
            (V{"disease:Systemic Lupus Erythematosus", "disease:Lupus Nephritis", "disease:Systemic Sclerosis",
               "disease:Idiopathic Inflammatory Myopathy"}));
  EXPECT_EQ(found("Sjögren's syndrome, Sjogren syndrome"), (V{"disease:Sjogren's Syndrome", "disease:Sjogren's Syndrome"}));
  EXPECT_EQ(found("B-ALL, T-ALL and B cell acute lymphoblastic leukaemia"),
            (V{"disease:B-Cell Acute Lymphoblastic Leukemia", "disease:T-Cell Acute Lymphoblastic Leukemia",
               "disease:B-Cell Acute Lymphoblastic Leukemia"}));
  EXPECT_EQ(found("non-Hodgkin lymphomas vs Hodgkin lymphoma"),
            (V{"disease:Non-Hodgkin Lymphoma", "disease:Hodgkin Lymphoma"}));
}

TEST(Recognizer, AmbiguousAbbreviationsNeedTheDocumentToConfirmThem) {
  EXPECT_EQ(found("all patients with LN, 5 MG daily"), V{});
  EXPECT_EQ(found("lupus nephritis (LN). Later, LN flares."),
            (V{"disease:Lupus Nephritis", "disease:Lupus Nephritis", "disease:Lupus Nephritis"}));
  // A definition carries over to the document's next text.
  LearnedAbbreviations learned;
  shared_recognizer()->find("refractory myasthenia gravis (MG)", &learned);
  auto later = shared_recognizer()->find("MG-ADL score", &learned);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_FALSE(later[0].ambiguous);
  // "(T790M)" does not abbreviate EGFR, so it is not learned as one.
  EXPECT_EQ(found("EGFR (T790M) and T790M"), (V{"antigen:EGFR"}));
}

TEST(Recognizer, ProductCodesByShape) {
  EXPECT_EQ(found("KITE-363, ALLO-329, CC312, CT1195E, RD06-04, LUCAR-G79D"),
            (V{"drug:KITE-363", "drug:ALLO-329", "code:CC312", "code:CT1195E", "code:RD06-04", "code:LUCAR-G79D"}));
  EXPECT_EQ(found("COVID-19, IL-13, NCT01234567, SF-36, ICD-10, CD276, D-10, MS4A1"), (V{"antigen:CD276", "antigen:CD20"}));
}

// Product codes and CD lists begin at a word boundary: glued to a letter before them, they are
// not read (the lexicon's own forms have their glue rules instead).
TEST(Recognizer, ShapesSeeTheByteBeforeThem) {
  EXPECT_EQ(found("aQX-4321 and QX-4321"), (V{"code:QX-4321"}));
  EXPECT_EQ(found("xCD19/22 and CD19/22"), (V{"antigen:CD19", "antigen:CD22"}));
  EXPECT_EQ(found("CD190CD19, CD19 / 20"), (V{"antigen:CD19", "antigen:CD20"}));
}

TEST(Recognizer, OffsetsPointAtTheText) {
  std::string text = "Study of BCMA CAR-T";
  auto m = shared_recognizer()->find(text);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(text.substr(m[0].begin, m[0].end - m[0].begin), "BCMA");
}

// A long text with many mentions takes time in proportion to its length: overlaps are looked up,
// not scanned for (a 4 MB summary used to take a minute, a 200 MB one hours).
TEST(Recognizer, LongTextsWithManyMentionsStayLinear) {
  const std::string unit =
      "CD19 CAR-T for lupus nephritis (LN); LN flares, anti-BCMA CT103A, then QX-4321 in myasthenia gravis. ";
  V one = found(unit);
  ASSERT_EQ(one, (V{"antigen:CD19", "disease:Lupus Nephritis", "disease:Lupus Nephritis", "disease:Lupus Nephritis",
                    "antigen:BCMA", "drug:Equecabtagene Autoleucel", "code:QX-4321",
                    "disease:Myasthenia Gravis"}));
  std::string text;
  const std::size_t copies = (8u << 20) / unit.size();  // 8 MB, about 700,000 mentions
  for (std::size_t i = 0; i < copies; ++i) text += unit;
  auto start = std::chrono::steady_clock::now();
  V all = found(text);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(all.size(), one.size() * copies);
  EXPECT_LT(seconds, 60.0) << "quadratic again? (linear: a few seconds, even under the sanitizers)";
}

// Every field of every mention, ambiguous ones too: what two runs over one text must agree on.
std::vector<std::string> mention_fields(std::string_view text) {
  std::vector<std::string> out;
  LearnedAbbreviations learned;
  for (const Mention& m : shared_recognizer()->find(text, &learned))
    out.push_back(std::to_string(int(m.kind)) + "|" + (m.entry ? m.entry->name : "-") + "|" + std::to_string(m.begin) +
                  "|" + std::to_string(m.end) + "|" + m.surface + (m.ambiguous ? "|?" : "|!"));
  return out;
}

// RE2's case folding reads a long s (U+017F) as an s, so in a text holding one a match need not
// begin with its lead, and the recognizer searches such a text whole for each pattern the set saw.
// The same text with a long s after it is therefore the reference the lead scan must agree with.
void expect_same_as_whole_search(const std::string& text) {
  std::vector<std::string> by_leads = mention_fields(text), whole = mention_fields(text + " \xC5\xBF");
  EXPECT_EQ(by_leads, whole) << text;
}

void expect_same_in_records(const std::filesystem::path& folder, std::size_t& texts, std::size_t& mentions) {
  for (const std::string& s : test::json_strings_in(folder)) {
    expect_same_as_whole_search(s);
    mentions += mention_fields(s).size();
    ++texts;
  }
}

TEST(Recognizer, FindsInRegistryTextsWhatASearchOfTheWholeTextFinds) {
  std::size_t texts = 0, mentions = 0;
  expect_same_in_records(test::examples_dir() / "ctgov-v2", texts, mentions);
  if (std::filesystem::is_directory(test::shared_dir() / "data" / "v2json"))
    expect_same_in_records(test::shared_dir() / "data" / "v2json", texts, mentions);
  EXPECT_GE(texts, 10000u);
  EXPECT_GE(mentions, 2000u);
}

// Surface forms of every entry in any case, glued or spaced, at every offset from the start of a
// sixteen-byte block to its end: the places a lead may begin and the bytes around them.
TEST(Recognizer, FindsInWrittenAndRandomTextsWhatASearchOfTheWholeTextFinds) {
  std::vector<std::string> forms;
  for (const LexiconEntry& e : shared_recognizer()->lexicon().entries()) {
    forms.push_back(e.name);
    for (const auto* list : {&e.synonyms, &e.abbreviations, &e.ambiguous_abbreviations, &e.not_forms})
      forms.insert(forms.end(), list->begin(), list->end());
  }
  for (std::size_t offset = 0; offset < 40; ++offset)
    for (const char* form : {"CD19", "cd19/22", "lupus nephritis (LN)", "KITE-363", "B-ALL", "Sj\xC3\xB6gren's"}) {
      expect_same_as_whole_search(std::string(offset, ' ') + form);
      expect_same_as_whole_search(std::string(offset, 'u') + form + "car");
    }
  const std::vector<std::string> noise = {" ", ", ", "-", "/", " and ", "anti-", "CAR", "U", "x", "(", ")", "\n",
                                          "\xE2\x80\x99s", "19", "c", "cd", "the patients ", "\xC3\xA9"};
  std::mt19937 random(20261206);
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    for (int parts = int(random() % 12); parts >= 0; --parts) {
      if (random() % 2) {
        std::string form = forms[random() % forms.size()];
        for (char& ch : form)
          if (random() % 4 == 0) ch = char(std::islower(static_cast<unsigned char>(ch)) ? std::toupper(ch) : std::tolower(ch));
        text += form;
      } else {
        text += noise[random() % noise.size()];
      }
    }
    expect_same_as_whole_search(text);
  }
}

// Product codes (KTE-X19, CTL019) and CD lists (CD19/22) are matched only where a scan of the
// text's digits and slashes says one can begin; random texts of their parts, and near misses (six
// digits, three capitals after the digits, a glued underscore), against the whole-text search.
TEST(Recognizer, FindsProductCodesAndCdListsWhereASearchOfTheWholeTextFinds) {
  const std::vector<std::string> parts = {"CD", "cd", "KTE", "X", "ABCDEFG", "NCT", "UCART", "AB", "T", "CAR",
                                          "19", "0", "123", "1234", "12345", "123456", "22", "-", "--", "/",
                                          " / ", " ", "\t", "\n", "_", "(", ")", "a", "\xC3\xA9", ", ", "x",
                                          "CD19", "cd20", "CD 22", "/22", "/ 19", "-X", "KTE-X19"};
  std::mt19937 random(20261207);
  std::size_t codes = 0, cd_listed = 0;
  for (int i = 0; i < 100000; ++i) {
    std::string text;
    for (int n = int(random() % 10); n >= 0; --n) text += parts[random() % parts.size()];
    expect_same_as_whole_search(text);
    for (const Mention& m : shared_recognizer()->find(text)) {
      codes += m.entry == nullptr;
      cd_listed += m.surface.rfind("CD", 0) == 0 && m.end - m.begin == m.surface.size() - 2;  // "22" of "CD19/22"
    }
  }
  EXPECT_GE(codes, 3000u);  // the texts do hold codes and lists (and misses): the comparison is not empty
  EXPECT_GE(cd_listed, 400u);
  for (const char* text : {"KTE-X19", "KTE-X-19 and CTL019", "AB-12-3", "ABCDEFG12", "NCT01234567", "ABC123456",
                           "ABC12DEF", "ABC12_", "ABC12d", "x AB12 y", "CD19/22", "CD-19 / 20/ 21", "cd 123/4",
                           "CD1234/5", "CD19/ x", "UCD19/22", "CD19 /\n22"})
    expect_same_as_whole_search(text);
}

// The characters RE2's case folding reads as ASCII letters: U+017F as s, U+212A (Kelvin) as k.
TEST(Recognizer, CaseFoldingBeyondAsciiStillFinds) {
  EXPECT_EQ(found("\xC5\xBFystemic lupus erythematosus"), (V{"disease:Systemic Lupus Erythematosus"}));
  EXPECT_EQ(found("\xE2\x84\xAAymriah"), found("Kymriah"));
  EXPECT_FALSE(found("Kymriah").empty());
}

TEST(Lexicon, UserEntriesExtendAndAdd) {
  Lexicon l = Lexicon::builtin();
  std::size_t before = l.entries().size();
  l.add_json(R"({"kind": "antigen", "entries": [{"name": "cd19", "synonyms": ["Leu-12"]},
                                                {"name": "TACI", "gene_symbol": "TNFRSF13B"}]})", "mine.json");
  EXPECT_EQ(l.entries().size(), before + 1);
  Recognizer r(std::move(l));
  auto m = r.find("Leu-12 and TACI");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].entry->name, "CD19");
  EXPECT_EQ(m[1].entry->gene_symbol, "TNFRSF13B");
}

TEST(Lexicon, BrokenFilesAreRefusedWhole) {
  Lexicon l;
  EXPECT_THROW(l.add_json("{", "a.json"), LexiconError);
  EXPECT_THROW(l.add_json(R"({"kind": "gene", "entries": []})", "b.json"), LexiconError);
  EXPECT_THROW(l.add_json(R"({"kind": "drug", "entries": [{"name": "X"}, {"name": "Y", "role": "magic"}]})", "c.json"),
               LexiconError);
  EXPECT_TRUE(l.entries().empty());  // nothing of c.json was kept
  try {
    l.add_json(R"({"kind": "disease", "entries": [{"name": "X", "mesh_id": "M123"}]})", "d.json");
    FAIL();
  } catch (const LexiconError& e) {
    EXPECT_NE(std::string(e.what()).find("d.json: entry 1"), std::string::npos) << e.what();
  }
}

TEST(Lexicon, BuiltInLexiconsKeyByMeshAndHgnc) {
  const Lexicon& l = Lexicon::builtin();
  ASSERT_TRUE(l.find(EntityKind::disease, "SLE"));
  EXPECT_EQ(l.find(EntityKind::disease, "SLE")->mesh_id, "D008180");
  EXPECT_EQ(l.find(EntityKind::antigen, "BCMA")->gene_symbol, "TNFRSF17");
  EXPECT_EQ(l.find(EntityKind::antigen, "CD20")->gene_symbol, "MS4A1");
  EXPECT_EQ(l.find(EntityKind::antigen, "NKG2D")->gene_symbol, "KLRK1");
  EXPECT_EQ(l.find(EntityKind::drug, "Cytoxan")->name, "Cyclophosphamide");
}

TEST(MeshIds, OneFormPerDescriptor) {
  EXPECT_EQ(normalize_mesh_id("D000008180"), "D008180");
  EXPECT_EQ(normalize_mesh_id("D008180"), "D008180");
  EXPECT_EQ(normalize_mesh_id("D000080443"), "D000080443");
  EXPECT_EQ(normalize_mesh_id("D080443"), "D000080443");
  EXPECT_EQ(normalize_mesh_id("C123"), "");
  EXPECT_EQ(disease_key("D000008180", "x"), disease_key("D008180", "y"));
}

TEST(Sections, EligibilitySplitsAtItsHeadings) {
  auto parts = split_eligibility("Age 18+\n\nKey Inclusion Criteria:\n* SLE\n\nExclusion Criteria:\n* MS\n");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].section, Section::eligibility);
  EXPECT_EQ(parts[1].section, Section::inclusion);
  EXPECT_EQ(parts[1].text, "* SLE");
  EXPECT_EQ(parts[2].section, Section::exclusion);
  auto own_lines = split_eligibility("EXCLUSION\r\n- prior CAR-T\r\nINCLUSION CRITERIA\r\n- B-ALL");
  ASSERT_EQ(own_lines.size(), 2u);
  EXPECT_EQ(own_lines[0].section, Section::exclusion);
  EXPECT_EQ(own_lines[1].section, Section::inclusion);
  EXPECT_EQ(split_eligibility("Patients must meet all inclusion criteria listed in the protocol").front().section,
            Section::eligibility);
  EXPECT_EQ(split_eligibility("Non-inclusion criteria: pregnancy").front().section, Section::exclusion);
}

// The headings are looked for only where a keyword ending in "clusion" is: these are the places
// that search must still find.
TEST(Sections, HeadingsAreFoundWhereverTheyBegin) {
  // The line-heading's optional word on the line before its keyword.
  auto across_lines = split_eligibility("Age 18+\nKey\n\n  Inclusion\n* SLE");
  ASSERT_EQ(across_lines.size(), 2u);
  EXPECT_EQ(across_lines[0].text, "Age 18+");
  EXPECT_EQ(across_lines[1].section, Section::inclusion);
  EXPECT_EQ(across_lines[1].text, "* SLE");
  // RE2's case folding reads the long s as an s; so does the keyword scan.
  auto long_s = split_eligibility("INCLU\xC5\xBFION criteria: adults\nexclu\xC5\xBFion CRITERIA: children");
  ASSERT_EQ(long_s.size(), 2u);
  EXPECT_EQ(long_s[0].text, "adults");
  EXPECT_EQ(long_s[1].section, Section::exclusion);
  // Keywords at the very start and end of the text, and "noninclusion" without a hyphen.
  auto edges = split_eligibility("Noninclusion criteria: minors\n- Inclusion");
  ASSERT_EQ(edges.size(), 1u);
  EXPECT_EQ(edges[0].section, Section::exclusion);
  EXPECT_EQ(edges[0].text, "minors");
  EXPECT_EQ(split_eligibility("...exclusion").front().section, Section::eligibility);
}

}  // namespace
}  // namespace trialgraph
