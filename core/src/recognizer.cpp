#include "trialgraph/recognizer.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>

#include <re2/re2.h>

#include "ascii.hpp"
#include "anchored_match.hpp"
#include "byte_blocks.hpp"
#include "pattern_set.hpp"

namespace trialgraph {
namespace {

using ascii::is_alnum;
using ascii::is_digit;
using ascii::is_letter;
using ascii::is_upper;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// Letters (ASCII or not), digits, and everything else: a surface form is runs of the first two.
enum class CharClass { letter, digit, other };
CharClass char_class(char c) {
  if (is_digit(c)) return CharClass::digit;
  if (is_letter(c) || static_cast<unsigned char>(c) >= 0x80) return CharClass::letter;
  return CharClass::other;
}

// What may stand between two parts of a surface form in real text.
std::string separator_regex(std::string_view seps) {
  if (seps.find(',') != std::string_view::npos) return R"(,?[\s\-]*)";
  if (seps.find_first_not_of(" \t") == std::string_view::npos) return R"([\s\-]+)";
  return R"([\s\-./]{0,2})";
}

// A surface form's regex, and its lead: the text every match begins with, in ASCII lower case up
// to the first byte past ASCII (empty when a match need not begin with a fixed text).
struct FormRegex {
  std::string regex, lead;
};

std::string ascii_lead(std::string_view run) {
  std::string lead;
  for (char c : run) {
    if (static_cast<unsigned char>(c) >= 0x80) break;
    lead += ascii::to_lower(c);
  }
  return lead;
}

// "B7-H3" -> b7[\s\-./]{0,2}h3 (also B7H3, B7.H3); "CD19" -> cd[\s-]?19 (also CD-19);
// "Sjogren's" -> sjogren(?:['’]?s)?; a final word of 4+ letters may take a plural s.
FormRegex form_regex(std::string_view form, bool plural) {
  std::string out, last_token, seps, lead;
  std::size_t i = 0;
  while (i < form.size()) {
    CharClass cls = char_class(form[i]);
    std::size_t j = i;
    while (j < form.size() && char_class(form[j]) == cls) ++j;
    std::string_view run = form.substr(i, j - i);
    i = j;
    if (cls == CharClass::other) {
      seps = std::string(run);
      continue;
    }
    bool apostrophe_s = (seps == "'" || seps == "\xE2\x80\x99") && run == "s";
    if (apostrophe_s) {
      out += "(?:['\xE2\x80\x99]?s)?";
    } else {
      if (!out.empty()) out += seps.empty() ? R"([\s\-]?)" : separator_regex(seps);
      else lead = ascii_lead(run);
      out += RE2::QuoteMeta(re2::StringPiece(run.data(), run.size()));
    }
    last_token = apostrophe_s ? "" : std::string(run);
    seps.clear();
  }
  bool word = last_token.size() >= 4 &&
              std::all_of(last_token.begin(), last_token.end(), is_letter) &&
              std::tolower(static_cast<unsigned char>(last_token.back())) != 's';
  if (plural && word) out += "(?:e?s)?";
  return {out, lead};
}

// Short all-capital names (BCMA, AXL, MICA) and abbreviations match as written or in capitals;
// everything else in any case.
bool case_sensitive_form(std::string_view form, bool abbreviation) {
  if (abbreviation) return true;
  bool lower_case = std::any_of(form.begin(), form.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  bool digit = std::any_of(form.begin(), form.end(), is_digit);
  return !lower_case && !digit && form.size() <= 5;
}

// Leads shorter than this would make too many places to try: such a pattern is searched for.
constexpr std::size_t kMinLead = 2;

// One pattern for a list of surface forms, and the leads its matches begin with (none when one of
// the forms has no lead of kMinLead bytes).
struct Alternation {
  std::string regex;
  std::vector<std::string> leads;
};

Alternation alternation(std::vector<std::pair<std::string, bool>> forms) {
  // Longer forms first, so that "plasma cell myeloma" is tried before "myeloma".
  std::stable_sort(forms.begin(), forms.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::vector<FormRegex> parts;
  for (const auto& [form, abbreviation] : forms) {
    if (case_sensitive_form(form, abbreviation)) {
      parts.push_back(form_regex(form, false));
      if (upper(form) != form) parts.push_back(form_regex(upper(form), false));
    } else {
      FormRegex any_case = form_regex(form, true);
      parts.push_back({"(?i:" + any_case.regex + ")", any_case.lead});
    }
  }
  Alternation out;
  bool every_part_leads = true;
  for (const FormRegex& p : parts) {
    if (p.regex.empty()) continue;
    out.regex += (out.regex.empty() ? "" : "|") + p.regex;
    every_part_leads = every_part_leads && p.lead.size() >= kMinLead;
    if (std::find(out.leads.begin(), out.leads.end(), p.lead) == out.leads.end()) out.leads.push_back(p.lead);
  }
  if (!out.regex.empty()) out.regex = "(?:" + out.regex + ")";
  if (!every_part_leads) out.leads.clear();
  return out;
}

enum class Role { plain, ambiguous, veto };

struct Candidate {
  std::size_t pattern;
  std::size_t begin, end;
  std::string surface;
};

}  // namespace

struct Recognizer::Compiled {
  struct Pattern {
    std::size_t entry;
    Role role;
    std::unique_ptr<RE2> re;
    std::vector<std::string> leads;  ///< every match begins with one of these; empty: unknown
  };
  Lexicon lexicon;
  std::vector<Pattern> patterns;
  std::unique_ptr<detail::PatternSet> set;  // which patterns occur in a text
  // Not in the set: they would make its DFA a quarter slower, and where they can match is found
  // by a scan of a text's slashes and digits instead (cd_list_starts, product_code_starts).
  RE2 cd_list{R"((?i)\bCD[\s\-]?\d{1,3}((?:\s*/\s*\d{1,3}\b)+))"};
  RE2 product_code{R"(\b([A-Z]{2,6})((?:-[A-Z])?-?\d{2,5}[A-Z]{0,2}(?:-\d{1,3})?)\b)"};

  explicit Compiled(Lexicon l) : lexicon(std::move(l)) {
    const auto& entries = lexicon.entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const LexiconEntry& e = entries[i];
      std::vector<std::pair<std::string, bool>> plain = {{e.name, false}};
      for (const std::string& s : e.synonyms) plain.push_back({s, false});
      for (const std::string& s : e.abbreviations) plain.push_back({s, true});
      std::vector<std::pair<std::string, bool>> ambiguous, veto;
      for (const std::string& s : e.ambiguous_abbreviations) ambiguous.push_back({s, true});
      for (const std::string& s : e.not_forms) veto.push_back({s, false});
      add(i, Role::plain, alternation(plain));
      add(i, Role::ambiguous, alternation(ambiguous));
      add(i, Role::veto, alternation(veto));
    }
    std::vector<std::string> regexes;
    for (const Pattern& p : patterns) regexes.push_back(p.re->pattern());
    try {
      set = std::make_unique<detail::PatternSet>(regexes);
    } catch (const std::runtime_error& e) {
      throw LexiconError(std::string("the lexicons do not compile together: ") + e.what());
    }
  }

  // The plain pattern of the antigen entry named `symbol`, if the lexicon has one.
  std::optional<std::size_t> plain_pattern_of(const std::string& symbol) const {
    const LexiconEntry* e = lexicon.find(EntityKind::antigen, symbol);
    for (std::size_t k = 0; e && k < patterns.size(); ++k)
      if (&lexicon.entries()[patterns[k].entry] == e && patterns[k].role == Role::plain) return k;
    return std::nullopt;
  }

  void add(std::size_t entry, Role role, Alternation alternation) {
    const std::string& pattern = alternation.regex;
    if (pattern.empty()) return;
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<RE2>(pattern, options);
    if (!re->ok())
      throw LexiconError("lexicon entry \"" + lexicon.entries()[entry].name +
                         "\": a surface form does not compile: " + re->error());
    patterns.push_back({entry, role, std::move(re), std::move(alternation.leads)});
  }
};

namespace {

// Trial text glues antigens to their neighbours: UCD19, CARB7H3, anti-CD19, CD19CAR, B7-H3CART,
// CAR.B7-H3T, BCMAxCD3. It does not glue them to digits (CD190) or to tags (EGFRt, CD19t).
bool left_boundary(std::string_view text, std::size_t begin, EntityKind kind) {
  if (begin == 0 || !is_alnum(text[begin - 1])) return true;
  if (kind != EntityKind::antigen || is_digit(text[begin - 1])) return false;
  std::size_t s = begin;
  while (s > 0 && is_letter(text[s - 1])) --s;
  std::string run = lower(text.substr(s, begin - s));
  return run == "u" || run == "anti" || ends_with(run, "car") || ends_with(run, "cart");
}

bool right_boundary(std::string_view text, std::size_t end, EntityKind kind) {
  if (end >= text.size() || !is_alnum(text[end])) return true;
  if (kind != EntityKind::antigen || is_digit(text[end])) return false;
  if (text[end] == 'x' && end + 1 < text.size() && (is_upper(text[end + 1]) || is_digit(text[end + 1])))
    return true;
  std::size_t e = end;
  while (e < text.size() && is_letter(text[e])) ++e;
  std::string_view run = text.substr(end, e - end);
  if (lower(run).rfind("car", 0) == 0) return true;
  return is_digit(text[end - 1]) && (run == "T" || run == "Tc");
}

bool plain_boundaries(std::string_view text, std::size_t begin, std::size_t end) {
  return (begin == 0 || !is_alnum(text[begin - 1])) && (end >= text.size() || !is_alnum(text[end]));
}

// "(SLE)" right after a mention: the abbreviation's span, or npos.
std::pair<std::size_t, std::size_t> parenthesised_after(std::string_view text, std::size_t end) {
  std::size_t i = end;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i >= text.size() || text[i] != '(') return {std::string_view::npos, 0};
  std::size_t b = i + 1, e = b;
  while (e < text.size() && (is_alnum(text[e]) || text[e] == '-')) ++e;
  if (e >= text.size() || text[e] != ')' || e - b < 2 || e - b > 10) return {std::string_view::npos, 0};
  bool capital = std::any_of(text.begin() + long(b), text.begin() + long(e), is_upper);
  if (!capital) return {std::string_view::npos, 0};
  return {b, e};
}

// Schwartz & Hearst's test: the abbreviation's letters appear in order in the long form, the first
// one starting it. "(SLE)" abbreviates "Systemic Lupus Erythematosus"; "(T790M)" does not abbreviate "EGFR".
bool abbreviates(std::string_view abbreviation, std::string_view long_form) {
  std::string a = lower(abbreviation), l = lower(long_form);
  std::size_t at = 0;
  bool first = true;
  for (char c : a) {
    if (!is_alnum(c)) continue;
    at = l.find(c, at);
    if (at == std::string::npos || (first && at != 0)) return false;
    first = false;
    ++at;
  }
  return !first;
}

constexpr std::size_t kNone = std::size_t(-1);

// RE2's \w in one byte: a byte of a multibyte character is not a word character.
bool is_word_byte(char c) { return is_alnum(c) || c == '_'; }

// Where a CD list ("CD19/22", "cd 20 / 22") can begin. Every one has, before its first slash,
// "CD", perhaps a space or hyphen, one to three digits and perhaps spaces, and after it perhaps
// spaces and a digit: walking back from each slash that has those finds all the places, and a
// few more (RE2, anchored there, decides).
std::vector<std::size_t> cd_list_starts(std::string_view text) {
  std::vector<std::size_t> starts;
  auto cd_at = [&](std::size_t at) { return (text[at] | 0x20) == 'c' && (text[at + 1] | 0x20) == 'd'; };
  for (std::size_t slash = text.find('/'); slash != std::string_view::npos; slash = text.find('/', slash + 1)) {
    std::size_t digits_end = slash;
    while (digits_end > 0 && ascii::is_space(text[digits_end - 1])) --digits_end;
    std::size_t q = digits_end;
    while (q > 0 && is_digit(text[q - 1])) --q;
    std::size_t after = slash + 1;
    while (after < text.size() && ascii::is_space(text[after])) ++after;
    if (q == digits_end || digits_end - q > 3 || after == text.size() || !is_digit(text[after])) continue;
    if (q >= 2 && cd_at(q - 2)) starts.push_back(q - 2);
    else if (q >= 3 && (ascii::is_space(text[q - 1]) || text[q - 1] == '-') && cd_at(q - 3)) starts.push_back(q - 3);
  }
  return starts;
}

// The places two digits in a row begin, in text order (SSE2 sixteen at a time where it can).
template <class Visit>
void for_each_digit_pair(std::string_view text, Visit visit) {
  std::size_t i = 0;
#if defined(__SSE2__)
  using namespace byte_blocks;
  auto digits = [&](std::size_t at) { return within(load(text.data() + at), '0', '9'); };
  for (; i + kSize + 1 <= text.size(); i += kSize) for_each_bit(digits(i) & digits(i + 1), i, visit);
#endif
  for (; i + 1 < text.size(); ++i)
    if (is_digit(text[i]) && is_digit(text[i + 1])) visit(i);
}

// Where a product code (KTE-X19, CTL019, ABC-123) can begin. Each is a word of two to six
// capitals, perhaps "-X", perhaps "-", two to five digits, at most two capitals, and then the
// word ends or "-" follows. From each pair of digits after a capital (or after a hyphen after one)
// the rest of that shape is checked and the capitals walked back: RE2 then runs only where a code
// is (an NCT number, a date or "CD19-directed" cost it nothing).
std::vector<std::size_t> product_code_starts(std::string_view text) {
  std::vector<std::size_t> starts;
  auto capitals_before = [&](std::size_t end) {
    while (end > 0 && is_upper(text[end - 1])) --end;
    return end;
  };
  auto add = [&](std::size_t begin, std::size_t end) {
    if (end - begin >= 2 && end - begin <= 6 && (begin == 0 || !is_word_byte(text[begin - 1]))) starts.push_back(begin);
  };
  auto shaped_after = [&](std::size_t digits) {  // two to five digits, at most two capitals, the word's end
    std::size_t d = digits;
    while (d < text.size() && is_digit(text[d])) ++d;
    std::size_t x = d;
    while (x < text.size() && is_upper(text[x])) ++x;
    return d - digits <= 5 && x - d <= 2 && (x == text.size() || !is_word_byte(text[x]));
  };
  for_each_digit_pair(text, [&](std::size_t digits) {
    std::size_t end = digits > 0 && text[digits - 1] == '-' ? digits - 1 : digits;  // where the capitals end
    if (end == 0 || !is_upper(text[end - 1]) || !shaped_after(digits)) return;
    std::size_t begin = capitals_before(end);
    add(begin, end);
    if (end - begin == 1 && begin >= 2 && text[begin - 1] == '-') add(capitals_before(begin - 1), begin - 1);  // "KTE-X19"
  });
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  return starts;
}

// Calls `take()` for each match of `re` a left-to-right search finds (it returns where the next
// search begins), trying `re` only at `starts` (ascending, every place a match can begin), or
// searching the whole text when `starts` is null.
template <class Take>
void for_each_match(const RE2& re, re2::StringPiece input, const std::vector<std::size_t>* starts,
                    re2::StringPiece* groups, int count, Take take) {
  std::size_t pos = 0, size = input.size();
  if (!starts) {
    while (pos < size && re.Match(input, pos, size, RE2::UNANCHORED, groups, count)) pos = take();
    return;
  }
  for (std::size_t at : *starts)
    if (at >= pos && detail::match_anchored(re, input, at, groups, count)) pos = take();
}

constexpr std::array<unsigned char, 256> kLowerBytes = [] {
  std::array<unsigned char, 256> table{};
  for (int c = 0; c < 256; ++c) table[std::size_t(c)] = static_cast<unsigned char>(ascii::to_lower(char(c)));
  return table;
}();

unsigned char lower_byte(char c) { return kLowerBytes[static_cast<unsigned char>(c)]; }

// The places in a text where leads begin, found in one pass for all of them. A place is tried
// where the two bytes there, in lower case, begin some lead; places are first ruled out by their
// first byte alone, sixteen at a time where the processor can.
class LeadScan {
 public:
  /// `slot` names the pattern the lead belongs to in the result of scan().
  void add(const std::string& lead, std::size_t slot) { leads_.push_back({bigram(lead[0], lead[1]), &lead, slot}); }

  /// For each slot below `slots`, the places one of its leads begins, in text order.
  const std::vector<std::vector<std::size_t>>& scan(std::string_view text, std::size_t slots) {
    starts_.assign(slots, {});
    std::sort(leads_.begin(), leads_.end(), [](const Lead& a, const Lead& b) { return a.bigram < b.bigram; });
    bigrams_ = thread_bigram_bits();
    for (const Lead& l : leads_) bigrams_[l.bigram >> 6] |= std::uint64_t(1) << (l.bigram & 63);
    scan_places(text);
    for (const Lead& l : leads_) bigrams_[l.bigram >> 6] = 0;  // all zero again for the next scan
    return starts_;
  }

 private:
  struct Lead {
    unsigned bigram;
    const std::string* text;
    std::size_t slot;
  };

  // One bit for each pair of bytes, set for the leads' first two during a scan. A thread's own,
  // so that a scan does not clear 8 KB to begin.
  static std::uint64_t* thread_bigram_bits() {
    thread_local std::array<std::uint64_t, 1024> bits{};
    return bits.data();
  }

  void scan_places(std::string_view text) {
    std::size_t from = 0;
#if defined(__SSE2__)
    from = scan_by_first_bytes(text);
#endif
    std::array<bool, 256> first{};
    for (const Lead& l : leads_) first[l.bigram & 0xFF] = true;
    for (std::size_t i = from; i + 1 < text.size(); ++i)
      if (first[lower_byte(text[i])]) try_at(text, i);
  }
  static unsigned bigram(char a, char b) { return unsigned(lower_byte(a)) | unsigned(lower_byte(b)) << 8; }

#if defined(__SSE2__)
  // Tries, sixteen at a time, the places whose first byte could begin a lead; returns where it
  // stopped. A byte with 0x20 set is compared, which is its lower case for letters (and leaves
  // some other bytes equal to a lead's first: those are tried and fail).
  std::size_t scan_by_first_bytes(std::string_view text) {
    constexpr std::size_t kMaxFirstBytes = 12;  // past this, comparing each byte costs more than it saves
    __m128i firsts[kMaxFirstBytes];
    std::size_t count = 0;
    std::array<bool, 256> seen{};
    for (const Lead& l : leads_) {
      unsigned first = (l.bigram & 0xFF) | 0x20;
      if (seen[first]) continue;
      if (count == kMaxFirstBytes) return 0;
      seen[first] = true;
      firsts[count++] = _mm_set1_epi8(char(first));
    }
    using namespace byte_blocks;
    std::size_t i = 0;
    for (; i + kSize < text.size(); i += kSize) {  // a lead's second byte is there for every place tried
      __m128i bytes = lower_letters(load(text.data() + i));
      __m128i hit = _mm_cmpeq_epi8(bytes, firsts[0]);
      for (std::size_t f = 1; f < count; ++f) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(bytes, firsts[f]));
      for_each_bit(mask(hit), i, [&](std::size_t at) { try_at(text, at); });
    }
    return i;
  }
#endif

  void try_at(std::string_view text, std::size_t at) {
    unsigned key = bigram(text[at], text[at + 1]);
    if (!((bigrams_[key >> 6] >> (key & 63)) & 1)) return;
    auto first = std::lower_bound(leads_.begin(), leads_.end(), key,
                                  [](const Lead& l, unsigned k) { return l.bigram < k; });
    for (auto l = first; l != leads_.end() && l->bigram == key; ++l) {
      const std::string& lead = *l->text;
      if (lead.size() > text.size() - at) continue;
      std::size_t k = 2;
      while (k < lead.size() && lower_byte(text[at + k]) == static_cast<unsigned char>(lead[k])) ++k;
      auto& starts = starts_[l->slot];
      if (k == lead.size() && (starts.empty() || starts.back() != at)) starts.push_back(at);
    }
  }

  std::vector<Lead> leads_;
  std::uint64_t* bigrams_ = nullptr;
  std::vector<std::vector<std::size_t>> starts_;
};

// Spans that do not overlap one another, by where they begin: each one's end and a number (its
// place in a list). Ends grow with beginnings, so the spans overlapping [b, e) are those just
// before e, found from the last one beginning before e.
class DisjointSpans {
 public:
  void add(std::size_t begin, std::size_t end, std::size_t number) { spans_[begin] = {end, number}; }
  bool overlaps(std::size_t b, std::size_t e) const {
    auto it = spans_.lower_bound(e);
    return it != spans_.begin() && std::prev(it)->second.first > b;
  }
  /// The smallest number among the spans overlapping [b, e), or kNone.
  std::size_t first_overlapping(std::size_t b, std::size_t e) const {
    std::size_t first = kNone;
    for (auto it = spans_.lower_bound(e); it != spans_.begin();) {
      --it;
      if (it->second.first <= b) break;
      first = std::min(first, it->second.second);
    }
    return first;
  }
  std::size_t starting_at(std::size_t b) const {
    auto it = spans_.find(b);
    return it == spans_.end() ? kNone : it->second.second;
  }

 private:
  std::map<std::size_t, std::pair<std::size_t, std::size_t>> spans_;
};

// The spans of the mentions: mostly disjoint ones, plus short ones (an abbreviation defined in
// parentheses, at most 10 characters) that may overlap them.
class SpanIndex {
 public:
  void add_disjoint(std::size_t begin, std::size_t end, std::size_t number) { disjoint_.add(begin, end, number); }
  void add_short(std::size_t begin, std::size_t end, std::size_t number) {
    short_.emplace(begin, std::make_pair(end, number));
    longest_short_ = std::max(longest_short_, end - begin);
  }
  bool overlaps(std::size_t b, std::size_t e) const { return first_overlapping(b, e) != kNone; }
  /// The smallest number among the spans overlapping [b, e), or kNone.
  std::size_t first_overlapping(std::size_t b, std::size_t e) const {
    std::size_t first = disjoint_.first_overlapping(b, e);
    for (auto it = short_.lower_bound(b > longest_short_ ? b - longest_short_ : 0); it != short_.end() && it->first < e; ++it)
      if (it->second.first > b) first = std::min(first, it->second.second);
    return first;
  }
  /// A disjoint span beginning at b (the short ones are added last).
  std::size_t starting_at(std::size_t b) const { return disjoint_.starting_at(b); }

 private:
  DisjointSpans disjoint_;
  std::multimap<std::size_t, std::pair<std::size_t, std::size_t>> short_;
  std::size_t longest_short_ = 0;
};

}  // namespace

Recognizer::Recognizer(Lexicon lexicon) : compiled_(std::make_unique<Compiled>(std::move(lexicon))) {}
Recognizer::~Recognizer() = default;

const Lexicon& Recognizer::lexicon() const { return compiled_->lexicon; }

std::vector<Mention> Recognizer::find(std::string_view text, LearnedAbbreviations* learned) const {
  const Compiled& c = *compiled_;
  const auto& entries = c.lexicon.entries();
  re2::StringPiece input(text.data(), text.size());

  // In a text RE2 folds onto ASCII letters, a match may begin without its lead, so every pattern
  // found is searched for through the whole text.
  const bool folds = detail::folds_onto_ascii(text);
  std::optional<std::vector<int>> found = c.set->candidates(text, folds);
  bool search_whole = !found || folds;
  std::vector<int> hits;
  if (found) {
    hits = std::move(*found);
  } else {  // RE2 ran out of memory on this text: search every pattern instead
    for (int i = 0; i < int(c.patterns.size()); ++i) hits.push_back(i);
  }

  // Each pattern the set saw is matched where one of its leads begins (anchored there, so a place
  // that does not match costs a few bytes), not searched for through the rest of the text.
  std::optional<LeadScan> lead_scan;
  const std::vector<std::vector<std::size_t>>* lead_starts = nullptr;
  if (!hits.empty() && !search_whole) {
    lead_scan.emplace();
    for (std::size_t k = 0; k < hits.size(); ++k)
      for (const std::string& lead : c.patterns[std::size_t(hits[k])].leads) lead_scan->add(lead, k);
    lead_starts = &lead_scan->scan(text, hits.size());
  }

  std::vector<Candidate> candidates;
  for (std::size_t k = 0; k < hits.size(); ++k) {
    int h = hits[k];
    const auto& p = c.patterns[std::size_t(h)];
    EntityKind kind = entries[p.entry].kind;
    re2::StringPiece m;
    // The match [b, e), if it is one; where to look for the next.
    auto take = [&](std::size_t b, std::size_t e) {
      bool ok = e > b && (p.role == Role::veto ||
                          (left_boundary(text, b, kind) && right_boundary(text, e, kind)));
      if (ok) candidates.push_back({std::size_t(h), b, e, std::string(text.substr(b, e - b))});
      return ok ? e : b + 1;
    };
    std::size_t pos = 0;
    if (lead_starts && !p.leads.empty()) {
      for (std::size_t at : (*lead_starts)[k])
        if (at >= pos && p.re->Match(input, at, text.size(), RE2::ANCHOR_START, &m, 1)) pos = take(at, at + m.size());
    } else {
      while (pos < text.size() && p.re->Match(input, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
        std::size_t b = std::size_t(m.data() - text.data());
        pos = take(b, b + m.size());
      }
    }
  }
  // "CD19 / 20" and "CD19/22": the bare numbers are CD antigens too.
  {
    re2::StringPiece groups[2];
    std::vector<std::size_t> starts = search_whole ? std::vector<std::size_t>() : cd_list_starts(text);
    for_each_match(c.cd_list, input, search_whole ? nullptr : &starts, groups, 2, [&] {
      std::size_t t = std::size_t(groups[1].data() - text.data()), t_end = t + groups[1].size();
      for (std::size_t i = t; i < t_end;) {
        if (!is_digit(text[i])) { ++i; continue; }
        std::size_t j = i;
        while (j < t_end && is_digit(text[j])) ++j;
        if (std::optional<std::size_t> k = c.plain_pattern_of("CD" + std::string(text.substr(i, j - i))))
          candidates.push_back({*k, i, j, "CD" + std::string(text.substr(i, j - i))});
        i = j;
      }
      return t_end;
    });
  }

  // Longest first; a veto ("truncated EGFR") beats an entry of the same length.
  std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
    if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
    if (a.begin != b.begin) return a.begin < b.begin;
    return c.patterns[a.pattern].role > c.patterns[b.pattern].role;
  });
  // Spans are looked up in indexes, not by scanning every mention: a long text holds many, and a
  // scan per candidate made a 4 MB summary take a minute.
  std::vector<Mention> mentions;
  std::vector<Mention> blocked;  // vetoes: not mentions, but they still block shorter ones and product codes
  SpanIndex taken;               // the spans of `mentions`
  DisjointSpans blocked_spans;   // the spans of `blocked`
  for (const Candidate& cand : candidates) {
    if (taken.overlaps(cand.begin, cand.end) || blocked_spans.overlaps(cand.begin, cand.end)) continue;
    const auto& p = c.patterns[cand.pattern];
    const LexiconEntry& e = entries[p.entry];
    auto learned_as = learned ? learned->find(cand.surface) : LearnedAbbreviations::iterator{};
    bool confirmed = learned && learned_as != learned->end() && learned_as->second == &e;
    Mention m{e.kind, &e, cand.begin, cand.end, cand.surface, p.role == Role::ambiguous && !confirmed};
    if (p.role == Role::veto) {
      blocked_spans.add(m.begin, m.end, blocked.size());
      blocked.push_back(std::move(m));
    } else {
      taken.add_disjoint(m.begin, m.end, mentions.size());
      mentions.push_back(std::move(m));
    }
  }

  // "lupus nephritis (LN)": the abbreviation is confirmed here and for the rest of the document.
  std::vector<Mention> defined;
  for (Mention& m : mentions) {
    if (m.ambiguous) continue;
    auto [b, e] = parenthesised_after(text, m.end);
    if (b == std::string_view::npos) continue;
    std::string abbreviation(text.substr(b, e - b));
    if (!abbreviates(abbreviation, m.surface)) continue;
    std::size_t same = taken.starting_at(b);  // the mentions do not overlap yet: one at most
    if (same != kNone && mentions[same].entry != m.entry) continue;
    if (same != kNone) mentions[same].ambiguous = false;
    else defined.push_back({m.kind, m.entry, b, e, abbreviation, false});
    if (learned) learned->emplace(abbreviation, m.entry);
  }
  for (Mention& d : defined) {
    taken.add_short(d.begin, d.end, mentions.size());  // "(LN)": may overlap a mention inside it
    mentions.push_back(std::move(d));
  }
  if (learned) {
    for (const auto& [abbreviation, entry] : *learned) {
      for (std::size_t pos = text.find(abbreviation); pos != std::string_view::npos;
           pos = text.find(abbreviation, pos + 1)) {
        std::size_t end = pos + abbreviation.size();
        if (!plain_boundaries(text, pos, end)) continue;
        std::size_t hit = taken.first_overlapping(pos, end);  // the first in `mentions` order
        if (hit != kNone) {
          Mention& h = mentions[hit];
          if (h.entry == entry && h.begin == pos && h.end == end) h.ambiguous = false;
          continue;
        }
        if (!blocked_spans.overlaps(pos, end)) {
          taken.add_disjoint(pos, end, mentions.size());  // it overlaps nothing
          mentions.push_back({entry->kind, entry, pos, end, abbreviation, false});
        }
      }
    }
  }

  // Product codes by shape, where no lexicon entry already explains the text.
  const ProductCodeRules& rules = c.lexicon.product_codes();
  re2::StringPiece code_groups[3];
  std::vector<std::size_t> code_starts = search_whole ? std::vector<std::size_t>() : product_code_starts(text);
  for_each_match(c.product_code, input, search_whole ? nullptr : &code_starts, code_groups, 3, [&] {
    std::size_t b = std::size_t(code_groups[0].data() - text.data()), e = b + code_groups[0].size();
    std::string code(text.substr(b, e - b)), prefix(code_groups[1].data(), code_groups[1].size());
    if (!rules.not_codes.count(code) && !rules.not_prefixes.count(prefix) && !taken.overlaps(b, e) &&
        !blocked_spans.overlaps(b, e))
      mentions.push_back({EntityKind::drug, nullptr, b, e, code, false});
    return e;
  });

  std::sort(mentions.begin(), mentions.end(), [](const Mention& a, const Mention& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  return mentions;
}

namespace {
std::mutex shared_mutex;
std::shared_ptr<const Recognizer> shared;
}  // namespace

std::shared_ptr<const Recognizer> shared_recognizer() {
  std::lock_guard<std::mutex> lock(shared_mutex);
  if (!shared) shared = std::make_shared<const Recognizer>(Lexicon::builtin());
  return shared;
}

void use_lexicon_files(const std::vector<std::string>& paths) {
  Lexicon lexicon = Lexicon::builtin();
  for (const std::string& path : paths) lexicon.add_file(path);
  auto recognizer = std::make_shared<const Recognizer>(std::move(lexicon));
  std::lock_guard<std::mutex> lock(shared_mutex);
  shared = std::move(recognizer);
}

}  // namespace trialgraph
