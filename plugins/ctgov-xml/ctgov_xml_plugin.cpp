// Legacy ClinicalTrials.gov XML: one <clinical_study> per file, as the registry served records until
// 2024 and as archives (AACT, bulk downloads) still hold them. Read with pugixml into the
// source-neutral TrialRecord; emit_trial_record does the mapping to the graph.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "trialgraph/keys.hpp"
#include "trialgraph/plugin_api.hpp"
#include "trialgraph/text_encoding.hpp"
#include "trialgraph/trial_record.hpp"
#include "trialgraph/vocabulary.hpp"
#include "trialgraph_manifest.h"

namespace {

using trialgraph::Confidence;
using trialgraph::ExtractStatus;
using trialgraph::TrialRecord;

std::string text_of(pugi::xml_node node) { return std::string(trialgraph::trim(node.child_value())); }
std::string text_of(pugi::xml_node node, const char* child) { return text_of(node.child(child)); }

std::vector<std::string> texts_of(pugi::xml_node node, const char* child) {
  std::vector<std::string> out;
  for (pugi::xml_node c : node.children(child))
    if (std::string t = text_of(c); !t.empty()) out.push_back(std::move(t));
  return out;
}

// A <textblock> is indented for display: each line is trimmed, paragraphs kept.
std::string textblock(pugi::xml_node parent) {
  std::string_view raw = parent.child("textblock").child_value();
  std::string out;
  std::size_t blank_lines = 0;
  for (std::size_t start = 0; start <= raw.size();) {
    std::size_t end = raw.find('\n', start);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view line = trialgraph::trim(raw.substr(start, end - start));
    start = end + 1;
    if (line.empty()) {
      ++blank_lines;
      continue;
    }
    if (!out.empty()) out += blank_lines ? "\n\n" : "\n";
    out += line;
    blank_lines = 0;
  }
  return out;
}


class XmlStudyReader {
 public:
  explicit XmlStudyReader(pugi::xml_node study) : s_(study) {}

  TrialRecord read() {
    read_identification();
    read_status();
    read_design();
    read_eligibility();
    read_sponsors();
    read_conditions();
    read_interventions();
    read_sites();
    read_texts();
    return std::move(r_);
  }

 private:
  void read_identification() {
    pugi::xml_node id = s_.child("id_info");
    r_.nct_id = text_of(id, "nct_id");
    r_.org_study_id = text_of(id, "org_study_id");
    r_.secondary_ids = texts_of(id, "secondary_id");
    r_.title = text_of(s_, "brief_title");
    r_.official_title = text_of(s_, "official_title");
    r_.acronym = text_of(s_, "acronym");
    r_.keywords = texts_of(s_, "keyword");
    r_.responsible_party = text_of(s_.child("responsible_party"), "investigator_full_name");
    for (pugi::xml_node o : s_.children("overall_official"))
      r_.officials.push_back({text_of(o, "last_name"), text_of(o, "role"), text_of(o, "affiliation")});
    for (const char* list : {"reference", "results_reference"})
      for (pugi::xml_node ref : s_.children(list))
        if (std::string pmid = text_of(ref, "PMID"); !pmid.empty()) r_.pmids.push_back(std::move(pmid));
  }

  // Records from before 2017 name their posting dates differently.
  std::string first_of(const char* current, const char* older) const {
    std::string value = text_of(s_, current);
    return value.empty() ? text_of(s_, older) : value;
  }

  void read_status() {
    r_.status = text_of(s_, "overall_status");
    r_.why_stopped = text_of(s_, "why_stopped");
    r_.start_date = text_of(s_, "start_date");
    r_.primary_completion_date = text_of(s_, "primary_completion_date");
    r_.completion_date = text_of(s_, "completion_date");
    r_.first_posted = first_of("study_first_posted", "firstreceived_date");
    r_.last_updated = first_of("last_update_posted", "lastchanged_date");
  }

  void read_design() {
    if (std::string phase = text_of(s_, "phase"); !phase.empty()) r_.phases.push_back(phase);
    r_.study_type = text_of(s_, "study_type");
    pugi::xml_node enrollment = s_.child("enrollment");
    // A count of 18 digits or more is no count (and std::stoll would throw, losing the whole record).
    if (std::string count = text_of(enrollment);
        !count.empty() && count.size() < 18 && count.find_first_not_of("0123456789") == std::string::npos)
      r_.enrollment = std::stoll(count);
    r_.enrollment_type = enrollment.attribute("type").value();
    pugi::xml_node design = s_.child("study_design_info");
    r_.allocation = text_of(design, "allocation");
    r_.intervention_model = text_of(design, "intervention_model");
    r_.masking = text_of(design, "masking");
    r_.purpose = text_of(design, "primary_purpose");
  }

  void read_eligibility() {
    pugi::xml_node e = s_.child("eligibility");
    r_.eligibility_criteria = textblock(e.child("criteria"));
    r_.sex = text_of(e, "gender");
    r_.min_age = text_of(e, "minimum_age");
    r_.max_age = text_of(e, "maximum_age");
    r_.healthy_volunteers = trialgraph::yes_no(text_of(e, "healthy_volunteers"));
  }

  void read_sponsors() {
    pugi::xml_node sponsors = s_.child("sponsors");
    for (pugi::xml_node lead : sponsors.children("lead_sponsor"))
      r_.sponsors.push_back({text_of(lead, "agency"), text_of(lead, "agency_class"), "lead", {}});
    for (pugi::xml_node c : sponsors.children("collaborator"))
      r_.sponsors.push_back({text_of(c, "agency"), text_of(c, "agency_class"), "collaborator", {}});
  }

  void read_conditions() {
    r_.conditions = texts_of(s_, "condition");
    // The legacy format names the MeSH terms without their ids.
    for (const std::string& term : texts_of(s_.child("condition_browse"), "mesh_term"))
      r_.condition_meshes.push_back({"", term});
  }

  void read_interventions() {
    for (pugi::xml_node iv : s_.children("intervention"))
      r_.interventions.push_back({text_of(iv, "intervention_name"), text_of(iv, "intervention_type"),
                                  texts_of(iv, "other_name"), text_of(iv, "description"),
                                  texts_of(iv, "arm_group_label")});
    for (pugi::xml_node arm : s_.children("arm_group"))
      r_.arms.push_back({text_of(arm, "arm_group_label"), text_of(arm, "arm_group_type"), text_of(arm, "description"), {}});
  }

  void read_sites() {
    for (pugi::xml_node loc : s_.children("location")) {
      pugi::xml_node facility = loc.child("facility");
      pugi::xml_node address = facility.child("address");
      r_.sites.push_back({text_of(facility, "name"), text_of(address, "city"), text_of(address, "state"),
                          text_of(address, "zip"), text_of(address, "country"), text_of(loc, "status"), {}, {}});
    }
    r_.countries = texts_of(s_.child("location_countries"), "country");
  }

  void read_texts() {
    r_.brief_summary = textblock(s_.child("brief_summary"));
    r_.detailed_description = textblock(s_.child("detailed_description"));
    for (const char* kind : {"primary_outcome", "secondary_outcome", "other_outcome"})
      for (pugi::xml_node o : s_.children(kind)) r_.outcome_measures.push_back(text_of(o, "measure"));
  }

  pugi::xml_node s_;
  TrialRecord r_;
};

// The encoding the XML declaration names ("" when none).
std::string declared_encoding(std::string_view bytes) {
  if (bytes.substr(0, 5) != "<?xml") return "";
  std::string_view decl = bytes.substr(0, bytes.find("?>"));
  std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return "";
  std::size_t open = decl.find_first_of("\"'", at);
  if (open == std::string_view::npos) return "";
  std::size_t close = decl.find(decl[open], open + 1);
  return close == std::string_view::npos ? "" : std::string(decl.substr(open + 1, close - open - 1));
}

std::string where_in(std::string_view text, std::ptrdiff_t offset) {
  std::size_t at = std::min<std::size_t>(offset < 0 ? 0 : std::size_t(offset), text.size());
  std::size_t line = 1 + std::count(text.begin(), text.begin() + at, '\n');
  return "byte " + std::to_string(at) + ", line " + std::to_string(line);
}

class CtgovXmlPlugin final : public trialgraph::ExtractorPlugin {
 public:
  Confidence identify(std::string_view file_name, std::string_view head) const noexcept override {
    try {
      std::string text = trialgraph::decode_text(head).text;  // UTF-16 files too
      if (text.find("<clinical_study") != std::string::npos) return Confidence::yes;
      // Another XML file is probably meant for us: extraction will say what it holds instead.
      bool xml_name = file_name.size() >= 4 && file_name.substr(file_name.size() - 4) == ".xml";
      return xml_name && text.find('\0') == std::string::npos ? Confidence::maybe : Confidence::no;
    } catch (...) {
      return Confidence::no;
    }
  }

  ExtractStatus extract(const trialgraph::Document& doc, trialgraph::EntitySink& sink) const noexcept override {
    try {
      return extract_document(doc, sink);
    } catch (const std::exception& e) {
      return ExtractStatus::failure(e.what());
    } catch (...) {
      return ExtractStatus::failure("unknown error");
    }
  }

 private:
  static ExtractStatus extract_document(const trialgraph::Document& doc, trialgraph::EntitySink& sink) {
    std::string_view bytes = doc.bytes;
    bool utf16 = bytes.size() >= 2 && ((unsigned char)bytes[0] == 0xFF || (unsigned char)bytes[0] == 0xFE);
    trialgraph::DecodedText decoded = trialgraph::decode_text(bytes, utf16 ? "" : declared_encoding(bytes));
    if (!decoded.problem.empty()) sink.report_problem("encoding", decoded.problem);

    pugi::xml_document xml;
    pugi::xml_parse_result parsed =
        xml.load_buffer(decoded.text.data(), decoded.text.size(), pugi::parse_default, pugi::encoding_utf8);
    std::vector<pugi::xml_node> studies = studies_in(xml);
    if (!parsed) {
      std::string what = std::string("not well-formed XML (") + parsed.description() + " at " +
                         where_in(decoded.text, parsed.offset) + ")";
      // A file cut off mid-way still holds the study's first elements: keep them, say where it broke.
      if (studies.empty() || trialgraph::normalize_nct_id(studies.front().child("id_info").child_value("nct_id")).empty())
        return ExtractStatus::failure(what);
      sink.report_problem("document", what + "; the elements before it are kept");
    }
    if (studies.empty()) {
      pugi::xml_node root = xml.document_element();
      return ExtractStatus::failure(root ? "XML, but not a ClinicalTrials.gov study: the root element is <" +
                                               std::string(root.name()) + ">, not <clinical_study>"
                                         : "no XML element in the document");
    }
    return extract_studies(studies, sink);
  }

  // One <clinical_study> as the root, or several side by side under any root.
  static std::vector<pugi::xml_node> studies_in(const pugi::xml_document& xml) {
    pugi::xml_node root = xml.document_element();
    if (std::string_view(root.name()) == "clinical_study") return {root};
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node study : root.children("clinical_study")) out.push_back(study);
    return out;
  }

  static ExtractStatus extract_studies(const std::vector<pugi::xml_node>& studies, trialgraph::EntitySink& sink) {
    std::size_t failed = 0;
    std::string last_error;
    for (std::size_t i = 0; i < studies.size(); ++i) {
      ExtractStatus s = trialgraph::emit_trial_record(XmlStudyReader(studies[i]).read(), sink);
      if (s.ok) continue;
      ++failed;
      last_error = s.error;
      if (studies.size() > 1) sink.report_problem("study " + std::to_string(i + 1), s.error);
    }
    if (failed == 0 || failed < studies.size()) return ExtractStatus::success();
    return ExtractStatus::failure(studies.size() == 1 ? last_error
                                                      : "none of the " + std::to_string(studies.size()) +
                                                            " studies could be read: " + last_error);
  }
};

}  // namespace

TRIALGRAPH_PLUGIN(CtgovXmlPlugin)
