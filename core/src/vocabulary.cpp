#include "trialgraph/vocabulary.hpp"

#include "ascii.hpp"


namespace trialgraph {

// Called on every value a record gives: a loop, where find_first_not_of searched the list of
// spaces for each byte.
std::string_view trim(std::string_view text) {
  // U+00A0, C2 A0 in UTF-8: exports pad "18 Years   (Adult)" with it. Compared a byte at a time,
  // not as a string: a call to memcmp for two bytes, twice for every value, was most of the cost.
  auto no_break_space_at = [&](std::size_t i) { return text[i] == '\xC2' && text[i + 1] == '\xA0'; };
  while (true) {
    std::size_t b = 0, e = text.size();
    while (b < e && ascii::is_space(text[b])) ++b;
    while (e > b && ascii::is_space(text[e - 1])) --e;
    if (b == e) return {};
    text = text.substr(b, e - b);
    if (text.size() >= 2 && no_break_space_at(0)) text.remove_prefix(2);
    else if (text.size() >= 2 && no_break_space_at(text.size() - 2)) text.remove_suffix(2);
    else return text;
  }
}

std::string registry_code(std::string_view text) {
  std::string code;
  bool pending = false;
  for (char c : trim(text)) {
    if (ascii::is_alnum(c)) {  // what std::isalnum says in the "C" locale, which the program keeps
      if (pending && !code.empty()) code.push_back('_');
      pending = false;
      code.push_back(ascii::to_upper(c));
    } else {
      pending = true;
    }
  }
  return code;
}

TypedIntervention split_typed_intervention(std::string_view label) {
  label = trim(label);
  std::size_t colon = label.find(": ");
  if (colon != std::string_view::npos) {
    std::string type = registry_code(label.substr(0, colon));
    for (std::string_view known : {"DRUG", "BIOLOGICAL", "DEVICE", "PROCEDURE", "RADIATION", "BEHAVIORAL", "GENETIC",
                                   "DIETARY_SUPPLEMENT", "COMBINATION_PRODUCT", "DIAGNOSTIC_TEST", "OTHER"})
      if (type == known) return {std::move(type), std::string(trim(label.substr(colon + 2)))};
  }
  return {"", std::string(label)};
}

std::optional<bool> yes_no(std::string_view text) {
  std::string code = registry_code(text);
  if (code == "YES" || code == "ACCEPTS_HEALTHY_VOLUNTEERS") return true;
  if (code == "NO") return false;
  return std::nullopt;
}

bool is_overall_status(std::string_view code) {
  static constexpr std::string_view kStatuses[] = {
      "RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING", "ENROLLING_BY_INVITATION", "COMPLETED",
      "SUSPENDED", "TERMINATED", "WITHDRAWN", "UNKNOWN", "AVAILABLE", "NO_LONGER_AVAILABLE",
      "TEMPORARILY_NOT_AVAILABLE", "APPROVED_FOR_MARKETING", "WITHHELD"};
  for (std::string_view s : kStatuses)
    if (code == s) return true;
  return false;
}

namespace {

// One phase written any way ("Phase 1", "PHASE1", "phase i", "Early Phase 1", "N/A") as its code.
std::string phase_code(std::string_view part) {
  std::string code = registry_code(part);
  if (code == "N_A" || code == "NA" || code == "NOT_APPLICABLE") return "NA";
  bool early = code.rfind("EARLY_", 0) == 0;
  if (early) code.erase(0, 6);
  std::string_view rest = code;
  if (rest.rfind("PHASE", 0) == 0) rest.remove_prefix(5);
  if (!rest.empty() && rest.front() == '_') rest.remove_prefix(1);
  std::string number;
  if (rest == "I" || rest == "1") number = "1";
  else if (rest == "II" || rest == "2") number = "2";
  else if (rest == "III" || rest == "3") number = "3";
  else if (rest == "IV" || rest == "4") number = "4";
  else if (rest == "0") number = "0";
  if (number.empty()) return (early ? "EARLY_" : "") + code;
  return (early ? "EARLY_PHASE" : "PHASE") + number;
}

}  // namespace

std::vector<std::string> phase_codes(std::string_view text) {
  std::vector<std::string> codes;
  std::string normalized(text);
  // "N/A" must survive the split on '/'.
  for (const char* na : {"N/A", "n/a"})
    for (std::size_t at; (at = normalized.find(na)) != std::string::npos;) normalized.replace(at, 3, "NA");
  std::size_t start = 0;
  while (start <= normalized.size()) {
    std::size_t end = normalized.find_first_of("/|,;", start);
    if (end == std::string::npos) end = normalized.size();
    std::string_view part = trim(std::string_view(normalized).substr(start, end - start));
    if (!part.empty()) {
      std::string code = phase_code(part);
      bool seen = false;
      for (const auto& c : codes) seen = seen || c == code;
      if (!seen) codes.push_back(code);
    }
    start = end + 1;
  }
  return codes;
}

}  // namespace trialgraph
