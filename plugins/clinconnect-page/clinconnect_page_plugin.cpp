// ClinConnect trial pages: a title, "Launched by SPONSOR · date", then sections under fixed
// headings (Trial Information, ClinConnect Summary, Gender, Eligibility criteria, About SPONSOR,
// Locations, Trial Officials, Timeline). The page lists no interventions: the investigational
// products its title (or else its summary) names are the ones the trial tests.
#include <set>

#include "trialgraph/keys.hpp"
#include "trialgraph/page_text.hpp"
#include "trialgraph/plugin_api.hpp"
#include "trialgraph/recognizer.hpp"
#include "trialgraph/trial_record.hpp"
#include "trialgraph/vocabulary.hpp"
#include "trialgraph_manifest.h"

namespace {

using namespace trialgraph;

std::optional<std::string> heading_of(std::string_view line) {
  static constexpr std::string_view kHeadings[] = {
      "Trial Information", "Keywords", "ClinConnect Summary", "Gender", "Eligibility criteria", "Contacts",
      "Locations", "Patients applied", "Trial Officials", "Timeline", "Conditions", "Interventions"};
  std::string code = registry_code(line);
  for (std::string_view h : kHeadings)
    if (line.size() == h.size() && code == registry_code(h)) return std::string(h);
  if (auto org = after_prefix(line, "About "); org && !org->empty() && org->size() < 200) return "About";
  return std::nullopt;
}

// The middle dot of "Launched by X · Jul 23, 2025".
constexpr std::string_view kMiddleDot = "\xC2\xB7";

struct Preamble {
  std::string title, nct_id, launched_by, launched_on;
};

Preamble read_preamble(const PageSection& top) {
  Preamble p;
  for (std::string_view line : top.lines) {
    if (auto trial = after_prefix(line, "Search / Trial ")) {
      p.nct_id = normalize_nct_id(*trial);
    } else if (auto by = after_prefix(line, "Launched by ")) {
      std::size_t dot = by->rfind(kMiddleDot);
      p.launched_by = std::string(trim(by->substr(0, dot)));
      if (dot != std::string_view::npos) p.launched_on = iso_date(by->substr(dot + kMiddleDot.size()));
    } else if (line.find("ClinConnect") != std::string_view::npos && line.find("Logo") != std::string_view::npos) {
      continue;  // the site's banner
    } else if (p.title.empty()) {
      p.title = std::string(line);
    }
  }
  return p;
}

void read_trial_information(const PageSection& s, TrialRecord& r) {
  for (std::string_view line : s.lines) {
    if (after_prefix(line, "Current as of ")) continue;
    if (is_overall_status(registry_code(line))) r.status = std::string(line);
    else if (after_prefix(line, "Phase ") || after_prefix(line, "Early Phase")) r.phases.emplace_back(line);
  }
}

std::string criteria_text(const PageSection& s) {
  std::string out;
  for (std::string_view line : s.lines) {
    if (!out.empty()) out.push_back('\n');
    out.append(without_bullet(line));
  }
  return out;
}

bool is_official_role(std::string_view line) {
  std::string code = registry_code(line);
  return code == "STUDY_DIRECTOR" || code == "PRINCIPAL_INVESTIGATOR" || code == "STUDY_CHAIR";
}

// Name, role, then the affiliation unless the next line is already the next official's name.
void read_officials(const PageSection& s, TrialRecord& r) {
  const auto& l = s.lines;
  for (std::size_t i = 1; i < l.size(); ++i) {
    if (!is_official_role(l[i])) continue;
    OfficialRecord o{std::string(l[i - 1]), std::string(l[i]), ""};
    bool next_is_name = i + 2 < l.size() && is_official_role(l[i + 2]);
    if (i + 1 < l.size() && !next_is_name && !is_official_role(l[i + 1])) o.affiliation = l[i + 1];
    r.officials.push_back(std::move(o));
  }
}

// "First submit", "Trial launched", ... each followed by its date when the page knows it.
void read_timeline(const PageSection& s, TrialRecord& r) {
  const auto& l = s.lines;
  for (std::size_t i = 0; i + 1 < l.size(); ++i) {
    std::string date = iso_date(l[i + 1]);
    if (date.empty()) continue;
    std::string what = registry_code(l[i]);
    if (what == "FIRST_SUBMIT") r.extra_properties.push_back({"first_submitted", date});
    else if (what == "TRIAL_LAUNCHED") r.start_date = date;
    else if (what == "TRIAL_UPDATED") r.last_updated = date;
    else if (what == "ESTIMATED_COMPLETION" || what == "COMPLETION") r.completion_date = date;
  }
}

// Investigational products (not lymphodepletion, chemotherapy or standard drugs) the title names,
// in page order; only when it names none, those of the summary (which may also name therapies of
// other trials, so it is not read when the title already says what is tested).
void read_products(TrialRecord& r) {
  std::set<std::string> seen;
  for (const std::string* text : {&r.title, &r.brief_summary}) {
    if (!r.interventions.empty()) break;
    for (const Mention& m : shared_recognizer()->find(*text)) {
      if (m.kind != EntityKind::drug || m.ambiguous) continue;
      if (m.entry && m.entry->role != "investigational") continue;
      std::string name = m.entry ? m.entry->name : m.surface;
      if (seen.insert(drug_key(name)).second) r.interventions.push_back({m.surface, "", {}, "", {}});
    }
  }
}

class PageReader {
 public:
  explicit PageReader(std::string_view bytes) : sections_(split_page(page_lines(bytes), heading_of)) {}

  TrialRecord read(EntitySink& sink) {
    Preamble p = read_preamble(sections_.front());
    r_.title = p.title;
    r_.nct_id = p.nct_id;
    if (!p.launched_on.empty()) r_.extra_properties.push_back({"launched", p.launched_on});
    read_sponsor(p);
    for (const PageSection& s : sections_) read_section(s);
    read_products(r_);
    report_missing(sink);
    return std::move(r_);
  }

 private:
  void read_section(const PageSection& s) {
    if (s.heading == "Trial Information") read_trial_information(s, r_);
    else if (s.heading == "Keywords") for (std::string_view k : s.lines) r_.keywords.emplace_back(k);
    else if (s.heading == "ClinConnect Summary") r_.brief_summary = join_lines(s.lines);
    else if (s.heading == "Gender" && !s.lines.empty()) r_.sex = s.lines.front();
    else if (s.heading == "Eligibility criteria") r_.eligibility_criteria = criteria_text(s);
    else if (s.heading == "Conditions") {
      for (std::string_view c : s.lines) r_.conditions.emplace_back(without_bullet(c));
      r_.conditions_run_together = true;
    }
    else if (s.heading == "Locations") for (std::string_view place : s.lines) r_.sites.push_back(parse_place(place));
    else if (s.heading == "Trial Officials") read_officials(s, r_);
    else if (s.heading == "Timeline") read_timeline(s, r_);
  }

  // The sponsor is who launched the trial; "About Allogene Therapeutics" spells the same
  // organization as "ALLOGENE THERAPEUTICS" does, and gives the nicer name.
  void read_sponsor(const Preamble& p) {
    std::string about;
    if (const PageSection* s = find_section(sections_, "About")) about = *after_prefix(s->heading_line, "About ");
    if (p.launched_by.empty() && about.empty()) return;
    SponsorRecord sponsor{p.launched_by, "", "lead", {}};
    if (!about.empty() && (p.launched_by.empty() || sponsor_key(about) == sponsor_key(p.launched_by))) {
      sponsor.name = about;
      sponsor.aliases.push_back(p.launched_by);
    }
    r_.sponsors.push_back(std::move(sponsor));
  }

  void report_missing(EntitySink& sink) {
    if (r_.sponsors.empty()) sink.report_problem("page", "no sponsor (neither \"Launched by\" nor \"About ...\")");
    for (const char* heading : {"Trial Information", "Eligibility criteria", "Timeline"})
      if (!find_section(sections_, heading))
        sink.report_problem(heading, std::string("the page has no \"") + heading +
                                         "\" section" + (std::string_view(heading) == "Timeline"
                                                             ? " (it ends every page: this one may be cut off)"
                                                             : ""));
  }

  std::vector<PageSection> sections_;
  TrialRecord r_;
};

class ClinConnectPagePlugin final : public ExtractorPlugin {
 public:
  Confidence identify(std::string_view, std::string_view head) const noexcept override {
    try {
      std::vector<std::string_view> lines = page_lines(head);
      if (has_line(lines, "ClinConnect Summary")) return Confidence::yes;
      if (has_line_starting(lines, "Launched by ") && has_line(lines, "Trial Information")) return Confidence::yes;
      return head.find("ClinConnect") != std::string_view::npos ? Confidence::maybe : Confidence::no;
    } catch (...) {
      return Confidence::no;
    }
  }

  ExtractStatus extract(const Document& doc, EntitySink& sink) const noexcept override {
    try {
      TrialRecord record = PageReader(doc.bytes).read(sink);
      if (record.title.empty() && record.nct_id.empty())
        return ExtractStatus::failure("not a readable ClinConnect page: no title and no NCT id");
      return emit_trial_record(record, sink);
    } catch (const std::exception& e) {
      return ExtractStatus::failure(e.what());
    }
  }
};

}  // namespace

TRIALGRAPH_PLUGIN(ClinConnectPagePlugin)
