#include "trialgraph/trial_text.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "ascii.hpp"
#include "trialgraph/keys.hpp"

namespace trialgraph {
namespace {

// Intervention types that are never the product a title's antigen belongs to.
const std::set<std::string, std::less<>> kNotProducts = {
    "PROCEDURE", "RADIATION", "BEHAVIORAL", "DEVICE", "DIAGNOSTIC_TEST", "DIETARY_SUPPLEMENT"};

// Cue phrases (lower-case words, single spaces), found as whole words in words_of's text: each
// word is looked up once among the phrases' first words, instead of a search for every phrase.
class CuePhrases {
 public:
  explicit CuePhrases(std::vector<std::string> phrases) : phrases_(std::move(phrases)) {
    for (const std::string& p : phrases_) {
      std::string_view phrase = p;
      by_first_word_[phrase.substr(0, phrase.find(' '))].push_back(phrase);
    }
  }
  CuePhrases(const CuePhrases&) = delete;  // by_first_word_ views phrases_
  CuePhrases& operator=(const CuePhrases&) = delete;

  /// Does `words` (" word word ... ") hold one of the phrases?
  bool found_in(std::string_view words) const {
    for (std::size_t start = 1; start < words.size();) {  // a word starts after each space
      std::size_t end = words.find(' ', start);
      if (end == std::string_view::npos) break;
      auto found = by_first_word_.find(words.substr(start, end - start));
      if (found != by_first_word_.end())
        for (std::string_view phrase : found->second)
          if (words.compare(start, phrase.size(), phrase) == 0 && words.size() > start + phrase.size() &&
              words[start + phrase.size()] == ' ')
            return true;
      start = end + 1;
    }
    return false;
  }

 private:
  std::vector<std::string> phrases_;
  std::unordered_map<std::string_view, std::vector<std::string_view>> by_first_word_;
};

// Words before a mention, in its sentence, that take the fact away.
const std::vector<std::string> kNegationWords = {
    "no", "not", "nor", "without", "absence of", "other than", "except", "excluding", "free of",
    "negative for", "rather than", "instead of", "exclusion of"};
// ... and for antigens also: a target the product is compared with, or that has already failed.
const std::vector<std::string> kPriorTherapyWords = {
    "prior", "previous", "previously", "after", "following", "failed", "failure of", "refractory to",
    "resistant to", "loss of", "escape", "post", "expression of", "levels of"};
const CuePhrases kNegations(kNegationWords);
const CuePhrases kAntigenCues([] {
  std::vector<std::string> both = kNegationWords;
  both.insert(both.end(), kPriorTherapyWords.begin(), kPriorTherapyWords.end());
  return both;
}());
// A summary sentence about other studies or approvals, not about this trial.
const CuePhrases kBackground({
    "approved", "has shown", "have shown", "has demonstrated", "have demonstrated", "demonstrated",
    "showed", "has been used", "have been used", "has achieved", "have achieved", "successful",
    "success", "previous studies", "studies have", "reported", "remarkable", "promising results"});


// The sentence or bullet around [begin, end): cut at line ends, ';', bullets and sentence stops.
std::pair<std::size_t, std::size_t> sentence_around(std::string_view text, std::size_t begin, std::size_t end) {
  auto is_break = [&](std::size_t i) {
    char c = text[i];
    if (c == '\n' || c == ';') return true;
    if (c == '.' || c == '!' || c == '?') return i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n';
    return c == '\xE2' && text.compare(i, 3, "\xE2\x80\xA2") == 0;  // •
  };
  std::size_t s = begin;
  while (s > 0 && !is_break(s - 1)) --s;
  std::size_t e = end;
  while (e < text.size() && !is_break(e)) ++e;
  return {s, e};
}

// " word word ... " in lower case, for whole-word cue search.
std::string words_of(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back(' ');
  for (char c : text) {
    if (ascii::is_letter(c)) out.push_back(char(c | 0x20));  // ASCII lower case
    else if (out.back() != ' ') out.push_back(' ');
  }
  if (out.back() != ' ') out.push_back(' ');
  return out;
}

// Cues reach this many words ahead: "no history of lupus nephritis", not a whole sentence's length.
constexpr int kCueWindow = 6;

// The last n + 1 words of words_of's text, with their spaces.
std::string_view last_words(std::string_view words, int n) {
  std::size_t pos = words.size() - 1;  // words starts and ends with ' '
  for (int k = 0; k <= n && pos != std::string_view::npos && pos > 0; ++k) pos = words.rfind(' ', pos - 1);
  return pos == std::string_view::npos ? words : words.substr(pos);
}

// The word after an antigen that makes it a finding about the patient, not the product's target:
// "CD19-negative", "CD19 loss", "EGFR-mutated", "EGFR T790M", "EGFR-TKI", "CD38 expression".
const std::set<std::string, std::less<>> kNotTargetWords = {
    "negative", "neg", "loss", "dim", "low", "mutation", "mutations", "mutated", "mutant", "mutants",
    "mut", "exon", "t", "tki", "tkis", "amplification", "amplified", "expression", "status",
    "gene", "sensitive", "sensitizing", "variant", "variants", "rearrangement", "rearranged", "fusion",
    "inhibitor", "inhibitors", "level", "levels", "tyrosine", "kinase", "wild", "wildtype"};

std::string lower_word_at(std::string_view text, std::size_t& i) {
  // Past spaces, hyphens, the ")" of "(EGFR) mutation" and the other members of "EGFR/ALK mutation".
  while (i < text.size()) {
    if (text[i] == ' ' || text[i] == '-' || text[i] == ')') {
      ++i;
    } else if (text[i] == '/' && i + 1 < text.size() && std::isalnum(static_cast<unsigned char>(text[i + 1]))) {
      for (++i; i < text.size() && std::isalnum(static_cast<unsigned char>(text[i]));) ++i;
    } else {
      break;
    }
  }
  if (i < text.size() && text[i] == '(') {  // "Epidermal Growth Factor Receptor (EGFR) Mutation"
    std::size_t close = text.find(')', i);
    if (close != std::string_view::npos && close - i <= 12) {
      std::string_view inside = text.substr(i + 1, close - i - 1);
      std::size_t k = 0;
      std::string word = lower_word_at(inside, k);
      // "(T790M)" is itself the finding; "(EGFR)" is a name, look past it.
      if (word.size() == 1 && k < inside.size() && std::isdigit(static_cast<unsigned char>(inside[k]))) return "t";
      i = close + 1;
      while (i < text.size() && (text[i] == ' ' || text[i] == '-')) ++i;
    }
  }
  std::size_t j = i;
  while (j < text.size() && ascii::is_letter(text[j])) ++j;
  std::string word = fold_text(text.substr(i, j - i));
  // "T790M", "L858R": a letter glued to digits is a point mutation.
  if (word.size() == 1 && j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) word = "t";
  else if (word.size() == 1) word = "";
  i = j;
  return word;
}

const std::set<std::string, std::less<>> kNotTargetBefore = {
    "mutated", "mutant", "wildtype", "wild", "truncated", "activating", "sensitizing", "sensitising"};

bool not_a_target(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t i = end;
  for (int n = 0; n < 2 && i < text.size(); ++n) {
    std::string word = lower_word_at(text, i);
    if (kNotTargetWords.count(word)) return true;
    if (word != "positive" && word != "tyrosine") break;
  }
  std::size_t b = begin;
  while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '-')) --b;
  std::size_t a = b;
  while (a > 0 && ascii::is_letter(text[a - 1])) --a;
  if (kNotTargetBefore.count(fold_text(text.substr(a, b - a)))) return true;
  // "CD34+CD38-", "CD38+CD34": a marker phenotype. "CD19-" alone: CD19-negative.
  auto sign = [&](std::size_t k) { return k < text.size() && (text[k] == '+' || text[k] == '-'); };
  auto alnum = [&](std::size_t k) { return k < text.size() && std::isalnum(static_cast<unsigned char>(text[k])); };
  if (begin > 1 && sign(begin - 1) && alnum(begin - 2) && sign(end)) return true;
  if (end < text.size() && text[end] == '+' && alnum(end + 1)) return true;
  return end < text.size() && text[end] == '-' && !alnum(end + 1);
}

struct Field {
  Section section;
  std::string text;
  std::vector<Mention> mentions;
  int product = -1;
};

struct Product {
  EntityRef ref;
  const LexiconEntry* entry = nullptr;
  bool investigational = true;
};

struct Fact {
  int rank;
  std::string section, evidence;
};

int rank_of(const std::string& section) {
  static const std::vector<std::string> order = {"intervention_name", "lexicon", "intervention_description",
                                                 "conditions", "title", "summary", "inclusion"};
  auto it = std::find(order.begin(), order.end(), section);
  return int(it - order.begin());
}

}  // namespace

namespace {

Entity disease_of(const LexiconEntry& e) {
  Entity d{label::kDisease, disease_key(e.mesh_id, e.name), e.name, {}, {}};
  if (!e.mesh_id.empty()) d.properties.push_back({"mesh_id", e.mesh_id});
  return d;
}

Entity antigen_of(const LexiconEntry& e) {
  Entity a{label::kAntigen, antigen_key(e.name), e.name, {}, {}};
  if (!e.gene_symbol.empty()) a.properties.push_back({"gene_symbol", e.gene_symbol});
  if (!e.hgnc_id.empty()) a.properties.push_back({"hgnc_id", e.hgnc_id});
  return a;
}

void add_alias(Entity& e, const std::string& alias) {
  const std::string folded = fold_text(alias);
  if (folded == fold_text(e.name)) return;
  for (const std::string& a : e.aliases)
    if (fold_text(a) == folded) return;
  e.aliases.push_back(alias);
}

}  // namespace

struct TrialTextMiner::State {
  EntityRef trial;
  std::shared_ptr<const Recognizer> recognizer;
  LearnedAbbreviations learned;
  std::deque<Field> fields;  // a deque: add_field hands out pointers that later fields must not move
  std::vector<Product> products;

  std::map<std::string, Entity> antigens, diseases;  // by key
  std::map<std::tuple<std::string, std::string, std::string, std::string>, Fact> facts;

  // The field read, or nullptr for blank text and sections that are not read.
  const Field* add_field(Section section, std::string_view text, int product) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return nullptr;
    // Only sections that give facts, or define the abbreviations they use, are worth reading.
    static const std::set<Section> kRead = {Section::title, Section::summary, Section::description,
                                            Section::intervention_name, Section::intervention_description,
                                            Section::inclusion, Section::conditions};
    if (!kRead.count(section)) return nullptr;
    Field f{section, std::string(text), {}, product};
    f.mentions = recognizer->find(f.text, &learned);
    fields.push_back(std::move(f));
    return &fields.back();
  }

  // `evidence` is the text as written, which the node keeps as an alias, unless it is a lexicon name.
  void fact(const char* type, const EntityRef& from, Entity to, const std::string& section,
            const std::string& evidence) {
    auto& nodes = to.label == label::kAntigen ? antigens : diseases;
    Entity& node = nodes.emplace(to.key, to).first->second;
    if (section != "lexicon") add_alias(node, evidence);
    Fact f{rank_of(section), section, evidence};
    auto [it, inserted] = facts.emplace(std::tuple{std::string(type), from.label, from.key, to.key}, f);
    if (!inserted && f.rank < it->second.rank) it->second = f;
  }

  std::set<const LexiconEntry*> confirmed_entries() const {
    std::set<const LexiconEntry*> out;
    for (const Field& f : fields)
      for (const Mention& m : f.mentions)
        if (m.entry && (!m.ambiguous || f.section == Section::conditions)) out.insert(m.entry);
    return out;
  }

  // Is this mention one the text asserts (not negated, not background, not a prior therapy)?
  static bool asserted(const Field& f, const Mention& m, const CuePhrases& cues, bool background) {
    std::string_view text = f.text;
    auto [s, e] = sentence_around(text, m.begin, m.end);
    if (cues.found_in(last_words(words_of(text.substr(s, m.begin - s)), kCueWindow))) return false;
    if (background && kBackground.found_in(words_of(text.substr(s, e - s)))) return false;
    return true;
  }

  void emit_targets(const std::set<const LexiconEntry*>& confirmed) {
    const CuePhrases& cues = kAntigenCues;
    std::vector<std::set<std::string>> own(products.size());
    auto target = [&](const EntityRef& from, const LexiconEntry& antigen, const std::string& section,
                      const std::string& evidence) {
      fact(rel::kTargets, from, antigen_of(antigen), section, evidence);
    };
    for (const Field& f : fields) {
      if (f.product < 0) continue;
      const Product& p = products[std::size_t(f.product)];
      bool in_name = f.section == Section::intervention_name;
      if (!in_name && !p.investigational) continue;
      for (const Mention& m : f.mentions) {
        if (m.kind != EntityKind::antigen || !m.entry || not_a_target(f.text, m.begin, m.end)) continue;
        if (!in_name && !asserted(f, m, cues, false)) continue;
        target(p.ref, *m.entry, section_name(f.section), m.surface);
        own[std::size_t(f.product)].insert(m.entry->name);
      }
    }
    for (std::size_t i = 0; i < products.size(); ++i) {
      if (!products[i].entry) continue;
      for (const std::string& t : products[i].entry->targets)
        if (const LexiconEntry* a = recognizer->lexicon().find(EntityKind::antigen, t)) {
          target(products[i].ref, *a, "lexicon", products[i].entry->name);
          own[i].insert(a->name);
        }
    }
    std::vector<std::size_t> investigational;
    for (std::size_t i = 0; i < products.size(); ++i)
      if (products[i].investigational) investigational.push_back(i);
    for (const Field& f : fields) {
      if (f.section != Section::title && f.section != Section::summary) continue;
      for (const Mention& m : f.mentions) {
        if (m.kind != EntityKind::antigen || !m.entry || (m.ambiguous && !confirmed.count(m.entry))) continue;
        if (not_a_target(f.text, m.begin, m.end) || !asserted(f, m, cues, f.section == Section::summary)) continue;
        bool one = investigational.size() == 1;
        const auto& its_own = one ? own[investigational.front()] : std::set<std::string>{};
        if (one && (its_own.empty() || its_own.count(m.entry->name))) {
          target(products[investigational.front()].ref, *m.entry, section_name(f.section), m.surface);
          continue;
        }
        // Several products: the antigen belongs to the trial unless a product already names it.
        bool owned = std::any_of(own.begin(), own.end(), [&](const auto& o) { return o.count(m.entry->name) > 0; });
        if (!owned) target(trial, *m.entry, section_name(f.section), m.surface);
      }
    }
  }

  void emit_studies(const std::set<const LexiconEntry*>& confirmed) {
    for (const Field& f : fields) {
      bool inclusion = f.section == Section::inclusion;
      if (f.section != Section::title && f.section != Section::summary && f.section != Section::conditions &&
          !inclusion)
        continue;
      for (const Mention& m : f.mentions) {
        if (m.kind != EntityKind::disease || !m.entry) continue;
        if (m.ambiguous && f.section != Section::conditions && !confirmed.count(m.entry)) continue;
        if (f.section != Section::conditions && !asserted(f, m, kNegations, f.section == Section::summary))
          continue;
        fact(rel::kStudies, trial, disease_of(*m.entry), section_name(f.section), m.surface);
      }
    }
  }
};

TrialTextMiner::TrialTextMiner(EntityRef trial, std::shared_ptr<const Recognizer> recognizer)
    : state_(std::make_unique<State>()) {
  state_->trial = std::move(trial);
  state_->recognizer = std::move(recognizer);
}

TrialTextMiner::~TrialTextMiner() = default;

namespace {

std::string trimmed(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

bool has_product_code(const Field* f) {
  return f && std::any_of(f->mentions.begin(), f->mentions.end(),
                          [](const Mention& m) { return m.kind == EntityKind::drug && !m.entry; });
}

void add_alias_once(Entity& e, const std::string& alias) {
  if (fold_text(alias).empty()) return;
  add_alias(e, alias);
}

}  // namespace

Entity TrialTextMiner::add_product(std::string_view name, const std::vector<std::string>& other_names,
                                   std::string_view description, std::string_view intervention_type) {
  State& st = *state_;
  int index = int(st.products.size());
  std::string written = trimmed(name);
  const Field* name_field = st.add_field(Section::intervention_name, written, index);
  const LexiconEntry* known = nullptr;
  bool has_code = has_product_code(name_field);
  if (name_field)
    for (const Mention& m : name_field->mentions)
      if (m.kind == EntityKind::drug && m.entry && m.begin == 0 && m.end == written.size()) known = m.entry;
  for (const std::string& other : other_names)
    has_code |= has_product_code(st.add_field(Section::intervention_name, other, index));
  const Field* description_field = st.add_field(Section::intervention_description, description, index);

  Entity d{label::kDrug, drug_key(known ? known->name : written), known ? known->name : written, {}, {}};
  add_alias_once(d, written);
  for (const std::string& other : other_names) add_alias_once(d, other);
  if (!known && !has_code && description_field) {
    std::set<std::string> codes;
    for (const Mention& m : description_field->mentions)
      if (m.kind == EntityKind::drug && !m.entry) codes.insert(m.surface);
    if (codes.size() == 1) add_alias_once(d, *codes.begin());
  }
  if (!intervention_type.empty()) d.properties.push_back({"intervention_type", std::string(intervention_type)});
  if (known) d.properties.push_back({"role", known->role});

  Product p{d.ref(), known ? known : st.recognizer->lexicon().find(EntityKind::drug, d.name), true};
  if ((p.entry && p.entry->role != "investigational") || kNotProducts.count(intervention_type))
    p.investigational = false;
  st.products.push_back(p);
  return d;
}

std::vector<Entity> TrialTextMiner::add_condition(std::string_view condition) {
  std::vector<Entity> out;
  const Field* f = state_->add_field(Section::conditions, condition, -1);
  if (!f) return out;
  for (const Mention& m : f->mentions) {
    if (m.kind != EntityKind::disease || !m.entry) continue;
    Entity d = disease_of(*m.entry);
    auto same = std::find_if(out.begin(), out.end(), [&](const Entity& o) { return o.key == d.key; });
    Entity& target = same == out.end() ? out.emplace_back(std::move(d)) : *same;
    add_alias(target, m.surface);
  }
  // The source's own string stays findable, even where it differs from the name only in spelling.
  std::string written = trimmed(condition);
  if (out.size() == 1 && written != out.front().name) {
    auto& aliases = out.front().aliases;
    if (std::find(aliases.begin(), aliases.end(), written) == aliases.end()) aliases.push_back(written);
  }
  return out;
}

void TrialTextMiner::add_text(Section section, std::string_view text) {
  if (section != Section::eligibility) {
    state_->add_field(section, text, -1);
    return;
  }
  for (const SectionText& part : split_eligibility(text)) state_->add_field(part.section, part.text, -1);
}

void TrialTextMiner::emit(EntitySink& sink) {
  std::set<const LexiconEntry*> confirmed = state_->confirmed_entries();
  state_->emit_targets(confirmed);
  state_->emit_studies(confirmed);
  for (auto* nodes : {&state_->antigens, &state_->diseases})
    for (auto& [key, entity] : *nodes) sink.add_entity(std::move(entity));
  for (const auto& [k, f] : state_->facts) {
    const auto& [type, from_label, from_key, to_key] = k;
    std::string to_label = type == rel::kTargets ? label::kAntigen : label::kDisease;
    Relation r{type, {from_label, from_key}, {to_label, to_key}, {{"section", f.section}}};
    if (!f.evidence.empty()) r.properties.push_back({"evidence", f.evidence});
    sink.add_relation(std::move(r));
  }
  state_->antigens.clear();
  state_->diseases.clear();
  state_->facts.clear();
}

}  // namespace trialgraph
