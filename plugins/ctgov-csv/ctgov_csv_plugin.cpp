// ClinicalTrials.gov search results downloaded as CSV or TSV: the legacy export (27 columns,
// "Sponsor/Collaborators", values such as "Phase 1|Phase 2") and the current one (columns the user
// picks, code-style values such as PHASE1). Columns are found by their header names, so any
// selection and order of columns reads; each row is one trial.
#include <map>
#include <string>
#include <vector>

#include "trialgraph/delimited_text.hpp"
#include "trialgraph/keys.hpp"
#include "trialgraph/plugin_api.hpp"
#include "trialgraph/text_encoding.hpp"
#include "trialgraph/trial_record.hpp"
#include "trialgraph/vocabulary.hpp"
#include "trialgraph_manifest.h"

namespace {

using trialgraph::Confidence;
using trialgraph::DelimitedReader;
using trialgraph::DelimitedRow;
using trialgraph::ExtractStatus;
using trialgraph::TrialRecord;

enum class Column {
  nct_id, title, acronym, status, conditions, interventions, outcome_measures, sponsors_and_collaborators,
  lead_sponsor, collaborators, funded_bys, funder_type, sex, age, phases, enrollment, study_type, designs,
  other_ids, start_date, primary_completion_date, completion_date, first_posted, last_updated, locations,
  brief_summary
};

// Header names of both exports, folded (fold_text): "Sponsor/Collaborators" -> "sponsor collaborators".
const std::map<std::string, Column>& columns_by_name() {
  static const std::map<std::string, Column> columns = {
      {"nct number", Column::nct_id}, {"title", Column::title}, {"study title", Column::title},
      {"acronym", Column::acronym}, {"status", Column::status}, {"study status", Column::status},
      {"conditions", Column::conditions}, {"interventions", Column::interventions},
      {"outcome measures", Column::outcome_measures}, {"primary outcome measures", Column::outcome_measures},
      {"secondary outcome measures", Column::outcome_measures}, {"other outcome measures", Column::outcome_measures},
      {"sponsor collaborators", Column::sponsors_and_collaborators}, {"sponsor", Column::lead_sponsor},
      {"collaborators", Column::collaborators}, {"funded bys", Column::funded_bys},
      {"funder type", Column::funder_type}, {"gender", Column::sex}, {"sex", Column::sex}, {"age", Column::age},
      {"phases", Column::phases}, {"enrollment", Column::enrollment}, {"study type", Column::study_type},
      {"study designs", Column::designs}, {"study design", Column::designs}, {"other ids", Column::other_ids},
      {"start date", Column::start_date}, {"primary completion date", Column::primary_completion_date},
      {"completion date", Column::completion_date}, {"first posted", Column::first_posted},
      {"last update posted", Column::last_updated}, {"locations", Column::locations},
      {"brief summary", Column::brief_summary}};
  return columns;
}

// The export's list separator: "a|b|c", each part trimmed, empty parts dropped.
std::vector<std::string> list_of(std::string_view field) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t bar; start <= field.size(); start = bar + 1) {
    bar = field.find('|', start);
    if (bar == std::string_view::npos) bar = field.size();
    std::string_view part = trialgraph::trim(field.substr(start, bar - start));
    if (!part.empty() && part != "null") out.emplace_back(part);
  }
  return out;
}

// "18 Years to 120 Years   (Adult, Older Adult)", "up to 17 Years   (Child)", "18 Years and older".
void read_ages(std::string_view field, TrialRecord& r) {
  std::string_view ages = trialgraph::trim(field.substr(0, field.find('(')));
  if (std::size_t to = ages.find(" to "); to != std::string_view::npos) {
    r.min_age = std::string(trialgraph::trim(ages.substr(0, to)));
    r.max_age = std::string(trialgraph::trim(ages.substr(to + 4)));
  } else if (ages.rfind("up to ", 0) == 0) {
    r.max_age = std::string(trialgraph::trim(ages.substr(6)));
  } else if (std::size_t older = ages.find(" and older"); older != std::string_view::npos) {
    r.min_age = std::string(trialgraph::trim(ages.substr(0, older)));
  }
}

// "Allocation: Randomized|Intervention Model: Parallel Assignment|Masking: None (Open Label)|...".
void read_designs(std::string_view field, TrialRecord& r) {
  for (const std::string& part : list_of(field)) {
    std::size_t colon = part.find(':');
    if (colon == std::string::npos) continue;
    std::string name = trialgraph::fold_text(part.substr(0, colon));
    std::string value(trialgraph::trim(std::string_view(part).substr(colon + 1)));
    if (name == "allocation") r.allocation = value;
    else if (name == "intervention model") r.intervention_model = value;
    else if (name == "masking") r.masking = value;
    else if (name == "primary purpose") r.purpose = value;
  }
}

// Sponsors: the legacy export lists the lead first, then collaborators, with their classes in
// "Funded Bys" when it has one per sponsor; the current one has "Sponsor", "Collaborators" and the
// lead's "Funder Type".
void read_sponsors(const std::map<Column, std::string>& row, TrialRecord& r) {
  auto field = [&](Column c) { auto it = row.find(c); return it == row.end() ? std::string_view() : std::string_view(it->second); };
  std::vector<std::string> names = list_of(field(Column::sponsors_and_collaborators));
  std::vector<std::string> classes = list_of(field(Column::funded_bys));
  if (classes.size() != names.size()) classes.assign(names.size(), "");
  if (std::string_view lead = trialgraph::trim(field(Column::lead_sponsor)); !lead.empty()) {
    names.insert(names.begin(), std::string(lead));
    classes.insert(classes.begin(), std::string(trialgraph::trim(field(Column::funder_type))));
  }
  for (const std::string& c : list_of(field(Column::collaborators))) {
    names.push_back(c);
    classes.emplace_back();
  }
  for (std::size_t i = 0; i < names.size(); ++i)
    r.sponsors.push_back({names[i], classes[i], i == 0 ? "lead" : "collaborator", {}});
}

void read_interventions(std::string_view field, TrialRecord& r) {
  for (const std::string& label : list_of(field)) {
    trialgraph::TypedIntervention iv = trialgraph::split_typed_intervention(label);
    r.interventions.push_back({iv.name, iv.type, {}, "", {}});
  }
}

// Other IDs: the sponsor's own id comes first, the secondary ids after it.
void read_other_ids(std::string_view field, TrialRecord& r) {
  std::vector<std::string> ids = list_of(field);
  if (ids.empty()) return;
  r.org_study_id = ids.front();
  r.secondary_ids.assign(ids.begin() + 1, ids.end());
}

std::string text(std::string_view field) {
  std::string_view t = trialgraph::trim(field);
  return t == "null" ? "" : std::string(t);
}

TrialRecord read_row(const std::map<Column, std::string>& row) {
  TrialRecord r;
  for (const auto& [column, value] : row) {
    switch (column) {
      case Column::nct_id: r.nct_id = text(value); break;
      case Column::title: r.title = text(value); break;
      case Column::acronym: r.acronym = text(value); break;
      case Column::status: r.status = text(value); break;
      case Column::conditions: r.conditions = list_of(value); break;
      case Column::interventions: read_interventions(value, r); break;
      case Column::outcome_measures:
        for (std::string& o : list_of(value)) r.outcome_measures.push_back(std::move(o));
        break;
      case Column::sex: r.sex = text(value); break;
      case Column::age: read_ages(value, r); break;
      case Column::phases: r.phases = list_of(value); break;
      case Column::enrollment:
        if (std::string n = text(value); !n.empty() && n.size() < 18 && n.find_first_not_of("0123456789") == std::string::npos)
          r.enrollment = std::stoll(n);
        break;
      case Column::study_type: r.study_type = text(value); break;
      case Column::designs: read_designs(value, r); break;
      case Column::other_ids: read_other_ids(value, r); break;
      case Column::start_date: r.start_date = text(value); break;
      case Column::primary_completion_date: r.primary_completion_date = text(value); break;
      case Column::completion_date: r.completion_date = text(value); break;
      case Column::first_posted: r.first_posted = text(value); break;
      case Column::last_updated: r.last_updated = text(value); break;
      case Column::locations:
        for (const std::string& place : list_of(value)) r.sites.push_back(trialgraph::parse_facility_place(place));
        break;
      case Column::brief_summary: r.brief_summary = text(value); break;
      default: break;  // sponsors are read together below
    }
  }
  read_sponsors(row, r);
  return r;
}

class CtgovCsvPlugin final : public trialgraph::ExtractorPlugin {
 public:
  Confidence identify(std::string_view file_name, std::string_view head) const noexcept override {
    try {
      std::string text = trialgraph::decode_text(head).text;  // UTF-16 exports too
      std::string first_line = text.substr(0, text.find('\n'));
      if (first_line.find("NCT Number") != std::string::npos) return Confidence::yes;
      // An export that lost its header starts with a record: extraction says what is missing.
      // Other tables (a manifest, a spreadsheet of something else) are not ours.
      bool table_name = ends_with(file_name, ".csv") || ends_with(file_name, ".tsv");
      return table_name && starts_with_record(first_line) ? Confidence::maybe : Confidence::no;
    } catch (...) {
      return Confidence::no;
    }
  }

  ExtractStatus extract(const trialgraph::Document& doc, trialgraph::EntitySink& sink) const noexcept override {
    try {
      return extract_table(doc, sink);
    } catch (const std::exception& e) {
      return ExtractStatus::failure(e.what());
    } catch (...) {
      return ExtractStatus::failure("unknown error");
    }
  }

 private:
  // The first or second field is an NCT id, as in both exports' rows.
  static bool starts_with_record(const std::string& line) {
    std::size_t field = 0, start = 0;
    for (std::size_t i = 0; i <= line.size() && field < 2; ++i) {
      if (i < line.size() && line[i] != ',' && line[i] != '\t') continue;
      std::string_view value = trialgraph::trim(std::string_view(line).substr(start, i - start));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      if (value.size() == 11 && value.substr(0, 3) == "NCT" && !trialgraph::normalize_nct_id(value).empty()) return true;
      start = i + 1;
      ++field;
    }
    return false;
  }

  static bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
  }

  static ExtractStatus extract_table(const trialgraph::Document& doc, trialgraph::EntitySink& sink) {
    trialgraph::DecodedText decoded = trialgraph::decode_text(doc.bytes);
    if (!decoded.problem.empty()) sink.report_problem("encoding", decoded.problem);
    std::string_view text = decoded.text;
    char delimiter = ends_with(doc.path, ".tsv") ? '\t' : trialgraph::guess_delimiter(text.substr(0, text.find('\n')));
    // The registry's TSV has no quoting (IANA text/tab-separated-values); its fields may begin with a quote.
    DelimitedReader reader(text, delimiter,
                           delimiter == '\t' ? DelimitedReader::Quoting::none : DelimitedReader::Quoting::rfc4180);
    DelimitedRow header;
    if (!reader.next(header)) return ExtractStatus::failure("the file is empty");
    std::vector<std::optional<Column>> columns;
    if (std::string missing = read_header(header, columns); !missing.empty()) return ExtractStatus::failure(missing);
    return extract_rows(reader, columns, sink);
  }

  // Fails with a message when the first row is not an export's header.
  static std::string read_header(const DelimitedRow& header, std::vector<std::optional<Column>>& columns) {
    bool has_nct = false;
    for (const std::string& name : header.fields) {
      auto it = columns_by_name().find(trialgraph::fold_text(name));
      columns.push_back(it == columns_by_name().end() ? std::nullopt : std::optional<Column>(it->second));
      has_nct = has_nct || (columns.back() && *columns.back() == Column::nct_id);
    }
    if (has_nct) return "";
    for (const std::string& value : header.fields)
      if (!trialgraph::normalize_nct_id(value).empty())
        return "no header row: the first line holds a record (" + trialgraph::normalize_nct_id(value) +
               ") where a ClinicalTrials.gov export has its column names (\"NCT Number\", ...)";
    return "not a ClinicalTrials.gov search export: no \"NCT Number\" column in the header";
  }

  // Columns that mean the same are joined as a list (the current export splits outcome measures in three).
  static std::map<Column, std::string> values_by_column(const DelimitedRow& row,
                                                        const std::vector<std::optional<Column>>& columns) {
    std::map<Column, std::string> values;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (!columns[i] || row.fields[i].empty()) continue;
      std::string& value = values[*columns[i]];
      value += (value.empty() ? "" : "|") + row.fields[i];
    }
    return values;
  }

  static ExtractStatus extract_rows(DelimitedReader& reader, const std::vector<std::optional<Column>>& columns,
                                    trialgraph::EntitySink& sink) {
    std::size_t rows = 0, failed = 0;
    std::string last_error;
    auto fail = [&](const DelimitedRow& row, std::string why) {
      ++failed;
      last_error = why;
      sink.report_problem("line " + std::to_string(row.line), why);
    };
    for (DelimitedRow row; reader.next(row);) {
      ++rows;
      if (!reader.row_problem().empty() || row.fields.size() != columns.size()) {
        fail(row, reader.row_problem().empty() ? std::to_string(row.fields.size()) + " fields where the header has " +
                                                     std::to_string(columns.size())
                                               : reader.row_problem());
        // A stray quote swallowed the lines after it: they are rows of their own, read them again.
        if (row.end_line > row.line) reader.restart_after_last_row();
        continue;
      }
      ExtractStatus s = trialgraph::emit_trial_record(read_row(values_by_column(row, columns)), sink);
      if (!s.ok) fail(row, s.error);
    }
    if (rows == 0) return ExtractStatus::failure("the header has no rows below it");
    if (failed < rows) return ExtractStatus::success();
    return ExtractStatus::failure(rows == 1 ? last_error
                                            : "none of the " + std::to_string(rows) + " rows could be read: " + last_error);
  }
};

}  // namespace

TRIALGRAPH_PLUGIN(CtgovCsvPlugin)
