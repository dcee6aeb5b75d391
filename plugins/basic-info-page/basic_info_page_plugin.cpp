// Trial pages with a "Basic Information" snapshot: a title, "NCT ID: ...", then sections under
// fixed headings, each opened by a line of the site's own explanation. Values are label lines
// followed by their value line ("Recruitment Status" / "RECRUITING"); lists are blocks closed by a
// marker line ("Intervention Type X", "Sponsor Role lead", "Site Status X").
#include <algorithm>

#include "trialgraph/keys.hpp"
#include "trialgraph/page_text.hpp"
#include "trialgraph/plugin_api.hpp"
#include "trialgraph/trial_record.hpp"
#include "trialgraph/vocabulary.hpp"
#include "trialgraph_manifest.h"

namespace {

using namespace trialgraph;
using Lines = std::vector<std::string_view>;

// Each heading, and how the site's explanation under it begins (dropped: it is not the trial's).
struct Heading {
  std::string_view name, blurb;
};
constexpr Heading kHeadings[] = {
    {"Study Results", "The study team has not published"},
    {"Basic Information", "Get a concise snapshot"},
    {"Brief Summary", "Review the sponsor-provided synopsis"},
    {"Detailed Description", "Dive into the extended narrative"},
    {"Conditions", "See the medical conditions"},
    {"Keywords", ""},
    {"Study Design", "Understand how the trial is structured"},
    {"Study Groups", "Review each arm or cohort"},
    {"Interventions", "Learn about the drugs, procedures"},
    {"Outcome Measures", ""},
    {"Eligibility Criteria", "Check the participation requirements"},
    {"Sponsors", "Meet the organizations"},
    {"Responsible Party", "Identify the individual or organization"},
    {"Principal Investigators", "Learn about the lead researchers"},
    {"Locations", "Explore where the study is taking place"},
    {"Countries", "Review the countries"},
    {"Central Contacts", "Reach out to these primary contacts"},
    {"Facility Contacts", "Find local site contact details"},
    {"Related Links", "Access external resources"},
    {"Other Identifiers", "Review additional registry numbers"},
    {"More Related Trials", "Additional clinical trials that may be relevant"},
};

const Heading* heading_named(std::string_view name) {
  for (const Heading& h : kHeadings)
    if (h.name == name) return &h;
  return nullptr;
}

std::optional<std::string> heading_of(std::string_view line) {
  for (const Heading& h : kHeadings)
    if (line == h.name) return std::string(h.name);
  return std::nullopt;
}

// The section's own lines: without the site's explanation, and for "Study Results" without its
// fixed "Results pending" notice.
Lines content_of(const PageSection& s) {
  Lines lines = s.lines;
  const Heading* h = heading_named(s.heading);
  if (h && !h->blurb.empty() && !lines.empty() && after_prefix(lines.front(), h->blurb)) lines.erase(lines.begin());
  return lines;
}

// Value lines that follow their label line ("Total Enrollment" / "52 participants").
class LabelledValues {
 public:
  LabelledValues(const Lines& lines, std::initializer_list<std::string_view> labels) {
    for (std::size_t i = 0; i < lines.size(); ++i)
      for (std::string_view label : labels)
        if (lines[i] == label) {
          bool has_value = i + 1 < lines.size() && !is_label(lines[i + 1], labels);
          values_.emplace_back(label, has_value ? lines[i + 1] : std::string_view());
          other_.push_back(i);
          if (has_value) other_.push_back(i + 1);
        }
  }
  std::string operator[](std::string_view label) const {
    for (const auto& [l, v] : values_)
      if (l == label) return std::string(v);
    return "";
  }
  /// Whether line i is a label or a value (so not free text).
  bool used(std::size_t i) const { return std::find(other_.begin(), other_.end(), i) != other_.end(); }

 private:
  static bool is_label(std::string_view line, std::initializer_list<std::string_view> labels) {
    for (std::string_view l : labels)
      if (line == l) return true;
    return false;
  }
  std::vector<std::pair<std::string_view, std::string_view>> values_;
  std::vector<std::size_t> other_;
};

std::optional<std::int64_t> leading_integer(std::string_view text) {
  std::int64_t n = 0;
  std::size_t digits = 0;
  for (char c : text) {
    if (c == ',' && digits) continue;
    if (c < '0' || c > '9') break;
    if (++digits > 12) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (!digits) return std::nullopt;
  return n;
}

// Blocks of lines each closed by a marker line ("Intervention Type DRUG"): the lines since the
// previous marker, and the text after the marker's prefix. Lines after the last marker are `rest`.
struct Block {
  Lines lines;
  std::string marker_value;
};
struct Blocks {
  std::vector<Block> blocks;
  Lines rest;
};

Blocks blocks_closed_by(const Lines& lines, std::string_view marker) {
  Blocks out;
  Lines pending;
  for (std::string_view line : lines) {
    if (auto value = after_prefix(line, marker)) {
      out.blocks.push_back({std::move(pending), std::string(*value)});
      pending.clear();
    } else {
      pending.push_back(line);
    }
  }
  out.rest = std::move(pending);
  return out;
}

class PageReader {
 public:
  PageReader(std::string_view bytes, EntitySink& sink)
      : sections_(split_page(page_lines(bytes), heading_of)), sink_(sink) {
    if (const PageSection* s = find_section(sections_, "Interventions"))
      listed_interventions_ = blocks_closed_by(content_of(*s), "Intervention Type").blocks;
  }

  TrialRecord read() {
    read_preamble(sections_.front().lines);
    for (const PageSection& s : sections_) {
      Lines lines = content_of(s);
      read_section(s.heading, lines);
    }
    if (responsible_is_sponsor_)
      for (const SponsorRecord& s : r_.sponsors)
        if (s.role == "lead") r_.responsible_party = s.name;
    for (const char* heading : {"Basic Information", "Conditions", "Eligibility Criteria", "Sponsors"})
      if (!find_section(sections_, heading))
        sink_.report_problem(heading, std::string("the page has no \"") + heading +
                                          "\" section (is it cut off?)");
    return std::move(r_);
  }

 private:
  void read_section(const std::string& heading, const Lines& lines) {
    if (heading == "Basic Information") read_basic_information(lines);
    else if (heading == "Brief Summary") r_.brief_summary = join_lines(lines);
    else if (heading == "Detailed Description") r_.detailed_description = join_lines(lines);
    else if (heading == "Conditions") {
      for (std::string_view c : lines) r_.conditions.emplace_back(c);
      r_.conditions_run_together = true;
    }
    else if (heading == "Keywords") for (std::string_view k : lines) r_.keywords.emplace_back(k);
    else if (heading == "Study Design") read_design(lines);
    else if (heading == "Interventions") read_interventions(lines);
    else if (heading == "Study Groups") read_groups(lines);
    else if (heading == "Outcome Measures") for (std::string_view o : lines) r_.outcome_measures.emplace_back(o);
    else if (heading == "Eligibility Criteria") read_eligibility(lines);
    else if (heading == "Sponsors") read_sponsors(lines);
    else if (heading == "Responsible Party") read_responsible_party(lines);
    else if (heading == "Principal Investigators") read_investigators(lines);
    else if (heading == "Locations") read_locations(lines);
    else if (heading == "Other Identifiers") read_identifiers(lines);
    else if (heading == "More Related Trials") read_related(lines);
  }

  void read_preamble(const Lines& lines) {
    for (std::string_view line : lines) {
      if (auto id = after_prefix(line, "NCT ID:")) r_.nct_id = std::string(*id);
      else if (auto updated = after_prefix(line, "Last Updated:")) r_.last_updated = iso_date(*updated);
      else if (r_.title.empty()) r_.title = std::string(line);
    }
    if (normalize_nct_id(r_.nct_id).empty())
      sink_.report_problem("page", "no \"NCT ID:\" line with a registry id: the trial is keyed by its title");
  }

  void read_basic_information(const Lines& lines) {
    LabelledValues v(lines, {"Recruitment Status", "Clinical Phase", "Total Enrollment", "Study Classification",
                             "Study Start Date", "Primary Completion Date", "Study Completion Date"});
    r_.status = v["Recruitment Status"];
    // "PHASE1 PHASE2" as one value: each word is a phase.
    for (std::string_view word : split_words(v["Clinical Phase"])) r_.phases.emplace_back(word);
    r_.enrollment = leading_integer(v["Total Enrollment"]);
    r_.study_type = v["Study Classification"];
    r_.start_date = v["Study Start Date"];
    r_.primary_completion_date = v["Primary Completion Date"];
    r_.completion_date = v["Study Completion Date"];
  }

  // "PHASE1 PHASE2" in one value: each word a phase. Anything else ("Phase 1ab") is kept whole.
  static std::vector<std::string> split_words(const std::string& value) {
    std::vector<std::string> words;
    std::size_t start = 0;
    for (std::size_t sp; (sp = value.find(' ', start)) != std::string::npos; start = sp + 1)
      if (sp > start) words.push_back(value.substr(start, sp - start));
    if (start < value.size()) words.push_back(value.substr(start));
    for (const std::string& w : words)
      if (registry_code(w).find("PHASE") == std::string::npos && registry_code(w) != "NA") return {value};
    return words;
  }

  void read_design(const Lines& lines) {
    LabelledValues v(lines, {"Allocation Method", "Intervention Model", "Primary Study Purpose", "Blinding Strategy"});
    r_.allocation = v["Allocation Method"];
    r_.intervention_model = v["Intervention Model"];
    r_.purpose = v["Primary Study Purpose"];
    r_.masking = v["Blinding Strategy"];
  }

  // Name, description lines, "Intervention Type X".
  void read_interventions(const Lines& lines) {
    Blocks b = blocks_closed_by(lines, "Intervention Type");
    for (Block& block : b.blocks) {
      if (block.lines.empty()) continue;
      InterventionRecord iv{std::string(block.lines.front()), block.marker_value, {}, join_lines(block.lines, 1), {}};
      add_intervention(std::move(iv));
    }
    report_unclosed("Interventions", b.rest, "Intervention Type");
  }

  void add_intervention(InterventionRecord iv) {
    for (InterventionRecord& known : r_.interventions)
      if (drug_key(known.name) == drug_key(iv.name)) {
        if (known.description.empty()) known.description = iv.description;
        if (known.type.empty()) known.type = iv.type;
        return;
      }
    r_.interventions.push_back(std::move(iv));
  }

  // Arms: label, description lines, "Group Type X", then the arm's interventions, each a name,
  // "Intervention Type X" and the description the Interventions section also gives.
  void read_groups(const Lines& lines) {
    ArmRecord* arm = nullptr;
    Lines pending;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (auto type = after_prefix(lines[i], "Group Type")) {
        r_.arms.push_back({pending.empty() ? "" : std::string(pending.front()), std::string(*type),
                           join_lines(pending, 1), {}});
        arm = &r_.arms.back();
        pending.clear();
      } else if (arm && i + 1 < lines.size() && after_prefix(lines[i + 1], "Intervention Type")) {
        std::string name(lines[i]);
        std::string type(*after_prefix(lines[i + 1], "Intervention Type"));
        arm->intervention_names.push_back(name);
        ++i;
        std::size_t n = description_lines(name, lines, i + 1);
        add_intervention({name, type, {}, join_lines(lines, i + 1, i + 1 + n), {}});
        i += n;
        pending.clear();
      } else {
        pending.push_back(lines[i]);
      }
    }
    report_unclosed("Study Groups", pending, "Group Type");
  }

  // How many lines after an arm's intervention are its description rather than the next arm's
  // label: the Interventions section, when the page has it, says.
  std::size_t description_lines(const std::string& name, const Lines& lines, std::size_t i) const {
    auto opens_block = [&](std::size_t j) {
      return j >= lines.size() || after_prefix(lines[j], "Group Type") ||
             (j + 1 < lines.size() && after_prefix(lines[j + 1], "Intervention Type"));
    };
    if (listed_interventions_) {
      // Several interventions may share a name; the one whose description follows here counts.
      bool without_description = false;
      for (const Block& b : *listed_interventions_) {
        if (b.lines.empty() || b.lines.front() != name) continue;
        std::size_t n = b.lines.size() - 1;
        without_description = without_description || n == 0;
        bool same = n > 0 && i + n <= lines.size() && std::equal(b.lines.begin() + 1, b.lines.end(), lines.begin() + std::ptrdiff_t(i));
        if (same) return n;
      }
      if (without_description) return 0;
    }
    // Otherwise (no Interventions section, or none of its descriptions follows here): the rest of
    // the section after the last arm; before another arm one line, unless that line already opens
    // the next block or is a label whose "Group Type" follows.
    bool arm_follows = std::any_of(lines.begin() + std::ptrdiff_t(std::min(i, lines.size())), lines.end(),
                                   [](std::string_view l) { return bool(after_prefix(l, "Group Type")); });
    if (!arm_follows) {
      std::size_t n = 0;
      while (i + n < lines.size() && !opens_block(i + n)) ++n;
      return n;
    }
    if (opens_block(i) || opens_block(i + 1)) return 0;
    return 1;
  }

  void read_eligibility(const Lines& lines) {
    LabelledValues v(lines, {"Minimum Eligible Age", "Maximum Eligible Age", "Eligible Sex", "Accepts Healthy Volunteers"});
    r_.min_age = v["Minimum Eligible Age"];
    r_.max_age = v["Maximum Eligible Age"];
    r_.sex = v["Eligible Sex"];
    std::string hv = registry_code(v["Accepts Healthy Volunteers"]);
    if (hv == "YES" || hv == "TRUE") r_.healthy_volunteers = true;
    else if (hv == "NO" || hv == "FALSE") r_.healthy_volunteers = false;
    Lines criteria;
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (!v.used(i)) criteria.push_back(lines[i]);
    r_.eligibility_criteria = join_lines(criteria);
  }

  static bool is_agency_class(std::string_view line) {
    std::string code = registry_code(line);
    for (const char* c : {"INDUSTRY", "OTHER", "NIH", "FED", "OTHER_GOV", "NETWORK", "INDIV", "UNKNOWN", "AMBIG"})
      if (code == c && line.size() == code.size()) return true;
    return false;
  }

  // Name (commas and all), class, "Sponsor Role lead".
  void read_sponsors(const Lines& lines) {
    Blocks b = blocks_closed_by(lines, "Sponsor Role");
    for (const Block& block : b.blocks) {
      if (block.lines.empty()) continue;
      std::string agency = block.lines.size() > 1 && is_agency_class(block.lines.back()) ? std::string(block.lines.back()) : "";
      std::string role = fold_text(block.marker_value) == "lead" ? "lead" : "collaborator";
      r_.sponsors.push_back({std::string(block.lines.front()), agency, role, {}});
    }
    report_unclosed("Sponsors", b.rest, "Sponsor Role");
  }

  void read_responsible_party(const Lines& lines) {
    Blocks b = blocks_closed_by(lines, "Responsibility Role");
    for (const Block& block : b.blocks) {
      if (!block.lines.empty()) r_.responsible_party = block.lines.front();
      else responsible_is_sponsor_ = registry_code(block.marker_value) == "SPONSOR";
    }
  }

  // Name, "Role: X", affiliation (unless the next line is the next investigator's name).
  void read_investigators(const Lines& lines) {
    for (std::size_t i = 1; i < lines.size(); ++i) {
      auto role = after_prefix(lines[i], "Role:");
      if (!role) continue;
      OfficialRecord o{std::string(lines[i - 1]), std::string(*role), ""};
      bool next_is_name = i + 2 < lines.size() && after_prefix(lines[i + 2], "Role:");
      if (i + 1 < lines.size() && !next_is_name) o.affiliation = lines[i + 1];
      r_.officials.push_back(std::move(o));
    }
  }

  // Facility, "City, State, Country", "Site Status [X]".
  void read_locations(const Lines& lines) {
    Blocks b = blocks_closed_by(lines, "Site Status");
    for (const Block& block : b.blocks) {
      if (block.lines.empty()) continue;
      SiteRecord site = parse_place(block.lines.back());
      if (block.lines.size() > 1) site.facility = join_lines(block.lines, 0, block.lines.size() - 1);
      site.status = block.marker_value;
      r_.sites.push_back(std::move(site));
    }
    report_unclosed("Locations", b.rest, "Site Status");
  }

  // Identifier, "Identifier Type: T", "Identifier Source: S".
  void read_identifiers(const Lines& lines) {
    Blocks b = blocks_closed_by(lines, "Identifier Source:");
    for (const Block& block : b.blocks) {
      if (block.lines.empty()) continue;
      std::string id(block.lines.front());
      if (registry_code(block.marker_value) == "ORG_STUDY_ID" && r_.org_study_id.empty()) r_.org_study_id = id;
      else r_.secondary_ids.push_back(id);
    }
  }

  // Title, then "NCT06888960 RECRUITING EARLY_PHASE1".
  void read_related(const Lines& lines) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::string_view line = lines[i];
      std::string_view first = line.substr(0, line.find(' '));
      std::string nct = normalize_nct_id(first);
      if (nct.empty()) continue;
      RelatedTrialRecord related{nct, "", "", ""};
      if (i > 0 && normalize_nct_id(lines[i - 1].substr(0, lines[i - 1].find(' '))).empty())
        related.title = lines[i - 1];
      std::string_view rest = trim(line.substr(first.size()));
      std::size_t space = rest.find(' ');
      related.status = std::string(rest.substr(0, space));
      if (space != std::string_view::npos) related.phase = std::string(trim(rest.substr(space)));
      r_.related.push_back(std::move(related));
    }
  }

  void report_unclosed(const char* section, const Lines& rest, const char* marker) {
    if (rest.empty()) return;
    sink_.report_problem(section, "\"" + std::string(rest.front()) + "\" has no \"" + marker +
                                      "\" line after it: the page may be cut off here; it was not read");
  }

  std::vector<PageSection> sections_;
  EntitySink& sink_;
  TrialRecord r_;
  bool responsible_is_sponsor_ = false;
  std::optional<std::vector<Block>> listed_interventions_;  ///< the Interventions section, when the page has it
};

class BasicInfoPagePlugin final : public ExtractorPlugin {
 public:
  Confidence identify(std::string_view, std::string_view head) const noexcept override {
    try {
      Lines lines = page_lines(head);
      if (!has_line(lines, "Basic Information")) return Confidence::no;
      bool sure = has_line_starting(lines, "NCT ID:") || has_line(lines, "Recruitment Status");
      return sure ? Confidence::yes : Confidence::maybe;
    } catch (...) {
      return Confidence::no;
    }
  }

  ExtractStatus extract(const Document& doc, EntitySink& sink) const noexcept override {
    try {
      TrialRecord record = PageReader(doc.bytes, sink).read();
      if (record.title.empty() && record.nct_id.empty())
        return ExtractStatus::failure("not a readable \"Basic Information\" page: no title and no NCT id");
      return emit_trial_record(record, sink);
    } catch (const std::exception& e) {
      return ExtractStatus::failure(e.what());
    }
  }
};

}  // namespace

TRIALGRAPH_PLUGIN(BasicInfoPagePlugin)
