// RDF writers over the one triple model (rdf_triples.hpp): Turtle with the vocabulary's prefixes,
// N-Triples, and N-Quads with one named graph per source document.
#include <array>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <regex>
#include <unordered_map>

#include "ordered_chunks.hpp"
#include "rdf_triples.hpp"
#include "text_escape.hpp"
#include "trialgraph/exporters.hpp"

namespace trialgraph {
namespace {

using namespace std::string_view_literals;

using detail::Term;
using detail::Triple;

// Whether 16 bytes are all [A-Za-z0-9_.-].
#if defined(__SSE2__)
bool local_name_block(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));  // a letter's lower case; no other byte lands on one
  const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                       _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
  const __m128i digit =
      _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
  const __m128i mark = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('_')),
                                    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')), _mm_cmpeq_epi8(v, _mm_set1_epi8('-'))));
  return _mm_movemask_epi8(_mm_or_si128(letter, _mm_or_si128(digit, mark))) == 0xFFFF;
}
#endif

// A local name Turtle takes unescaped after a prefix: [A-Za-z0-9_] then [A-Za-z0-9_.-], no final '.'.
// Every IRI written is checked, so by table (and sixteen bytes at a time where SSE2 is), not by
// the locale's isalnum.
bool plain_local_name(std::string_view s) {
  static const auto table = [] {
    std::array<unsigned char, 256> t{};  // 1: a word character, 2: '.' or '-' (not first)
    for (int c = 0; c < 256; ++c)
      t[std::size_t(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? 1
                          : c == '.' || c == '-'                                                         ? 2
                                                                                                         : 0;
    return t;
  }();
  if (s.empty() || table[static_cast<unsigned char>(s.front())] != 1 || s.back() == '.') return false;
#if defined(__SSE2__)
  if (s.size() >= 16) {  // whole blocks, then the last sixteen bytes (overlapping)
    for (std::size_t i = 0; i + 16 <= s.size(); i += 16)
      if (!local_name_block(s.data() + i)) return false;
    return local_name_block(s.data() + s.size() - 16);
  }
#endif
  for (char c : s)
    if (table[static_cast<unsigned char>(c)] == 0) return false;
  return true;
}

// <iri> in the form N-Triples and Turtle share.
std::string bracketed(std::string_view iri) { return "<" + detail::iri_escape(iri) + ">"; }

bool starts_with(std::string_view s, std::string_view start) { return s.substr(0, start.size()) == start; }

// The namespaces Turtle abbreviates: the vocabulary's (docs/rdf-vocabulary.md), and one for each
// kind of local entity under the base IRI (`site:` for <base>site/), because local IRIs are most
// of what a registry-sized file spells: written whole they made it a fifth larger.
class Namespaces {
 public:
  Namespaces(const Graph& graph, const ExportOptions& options) : base_(options.base_iri) {
    std::set<std::string> kinds = {"statement", "source"};
    for (const auto& [label, count] : graph.nodes_by_label()) kinds.insert(detail::local_kind(label));
    for (const std::string& kind : kinds)
      if (usable_prefix(kind)) local_.emplace_back(kind, base_ + kind + "/");
    for (const auto& spaces : {local_, detail::rdf_prefixes()})
      for (const auto& [prefix, space] : spaces) prefixes_.emplace_back(space, prefix + ":");
  }

  // "prefix:" for the IRIs under `space` with a plain local name, as append_name() spells them;
  // empty if none is declared. Every namespace ends in '/' or '#' and a plain local name has
  // neither, so no other namespace can claim such an IRI: the first declared for `space` does.
  std::string_view prefix_of_space(std::string_view space) const {
    for (const auto& [known, prefix] : prefixes_)
      if (known == space) return prefix;
    return {};
  }

  void declare(std::ostream& out) const {
    for (const auto& [prefix, space] : detail::rdf_prefixes())
      out << "@prefix " << prefix << ": <" << space << "> .\n";
    for (const auto& [prefix, space] : local_) out << "@prefix " << prefix << ": <" << detail::iri_escape(space) << "> .\n";
    out << "\n";
  }

  // prefix:local where a declared namespace and a plain local name allow it, else <iri>.
  void append_name(std::string& out, std::string_view iri) const {
    if (starts_with(iri, base_)) {
      std::string_view rest = iri.substr(base_.size());
      std::size_t slash = rest.find('/');
      if (slash != std::string_view::npos) {
        std::string_view kind = rest.substr(0, slash), local = rest.substr(slash + 1);
        for (const auto& [prefix, space] : local_)
          if (prefix == kind && plain_local_name(local)) {
            out.append(prefix).append(1, ':').append(local);
            return;
          }
      }
    }
    for (const auto& [prefix, space] : detail::rdf_prefixes())
      if (starts_with(iri, space) && plain_local_name(iri.substr(space.size()))) {
        out.append(prefix).append(1, ':').append(iri.substr(space.size()));
        return;
      }
    out.push_back('<');
    detail::append_iri_escaped(out, iri);
    out.push_back('>');
  }

 private:
  // A lower-case word Turtle reads as a prefix name, not one of the vocabulary's, nor a keyword.
  static bool usable_prefix(const std::string& kind) {
    if (kind.empty() || kind.front() < 'a' || kind.front() > 'z') return false;
    for (char c : kind)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
    for (const char* keyword : {"a", "true", "false", "prefix", "base", "graph"})
      if (kind == keyword) return false;
    for (const auto& [prefix, space] : detail::rdf_prefixes())
      if (kind == prefix) return false;
    return true;
  }

  std::string base_;
  std::vector<std::pair<std::string, std::string>> local_;     // (kind, <base>kind/), a few
  std::vector<std::pair<std::string, std::string>> prefixes_;  // (namespace, "prefix:"), in that order
};

// Spellings of terms a writer meets over and over (predicates, datatypes), found by the address
// of the term's text, which the triple maker keeps in place, and checked against the text itself.
class SpellingCache {
 public:
  template <class Spell>
  const std::string& get(std::string_view value, Spell spell) {
    auto [known, fresh] = by_address_.try_emplace(value.data());
    if (fresh || known->second.first != value) known->second = {std::string(value), spell(value)};
    return known->second.second;
  }

 private:
  std::unordered_map<const char*, std::pair<std::string, std::string>> by_address_;
};

// The RDF writers format one chunk of triples at a time into `out`; a chunk's writer is fresh.
class TurtleWriter {
 public:
  TurtleWriter(std::string& out, const Namespaces& namespaces) : out_(out), namespaces_(namespaces) {}

  // What goes before a subject's next predicate.
  static constexpr std::string_view kNextPredicate = " ;\n    ";

  // Consecutive triples about one subject share it (";"), and one predicate shares it (",").
  void triple(const Triple& t, const std::set<std::string>&) {
    // A node's or statement's triples come together: its name is spelled once, not per triple.
    bool same_subject = open_ && t.subject.value == subject_iri_;
    if (!same_subject && t.subject.value != subject_iri_) {
      subject_iri_.assign(t.subject.value);
      subject_name_.clear();
      append_term(subject_name_, t.subject);
      subject_name_.push_back(' ');
    }
    // Spelled with what comes before and after it, so a triple is a few appends.
    const std::string& p = predicates_.get(t.predicate.value, [&](std::string_view iri) {
      static const std::string rdf_type = std::string(detail::ns::rdf) + "type";
      std::string spelled(kNextPredicate);
      if (iri == rdf_type)
        spelled.push_back('a');
      else
        namespaces_.append_name(spelled, iri);
      return spelled + ' ';
    });
    if (same_subject && &p == predicate_) {  // one entry of predicates_ for each predicate's text in place
      out_.append(", "sv);
    } else if (same_subject) {
      out_.append(p);
    } else {
      finish();
      out_.append(subject_name_).append(std::string_view(p).substr(kNextPredicate.size()));
    }
    append_term(out_, t.object);
    open_ = true;
    predicate_ = &p;
  }

  void finish() {
    if (open_) out_.append(" .\n"sv);
    open_ = false;
  }

 private:
  static bool is_boolean(std::string_view datatype) {
    static const std::string boolean = std::string(detail::ns::xsd) + "boolean";
    return datatype == boolean;
  }

  void append_term(std::string& out, const Term& t) {
    if (t.kind == Term::Kind::iri) return append_iri(out, t);
    if (!t.datatype.empty() && is_boolean(t.datatype)) {
      out.append(t.value);  // true, false: bare
      return;
    }
    out.push_back('"');
    detail::append_turtle_escaped(out, t.value);
    out.push_back('"');
    if (!t.datatype.empty())
      out.append(datatypes_.get(t.datatype, [&](std::string_view iri) {
        std::string suffix = "^^";
        namespaces_.append_name(suffix, iri);
        return suffix;
      }));
  }

  void append_iri(std::string& out, const Term& t) {
    if (!t.space.empty()) {
      std::string_view prefix = prefix_of_space(t.space), local = t.value.substr(t.space.size());
      if (!prefix.empty() && plain_local_name(local)) {
        out.append(prefix).append(local);
        return;
      }
    }
    append_recent_iri(out, t.value);
  }

  // The namespace an IRI was minted under, known by its address: a chunk meets a dozen.
  std::string_view prefix_of_space(std::string_view space) {
    for (const KnownSpace& known : spaces_)
      if (known.space.data() == space.data() && known.space.size() == space.size()) return known.prefix;
    spaces_.push_back({space, namespaces_.prefix_of_space(space)});
    return spaces_.back().prefix;
  }

  // The other IRIs (classes, urls, the vocabulary's): the last few keep their spelling.
  void append_recent_iri(std::string& out, std::string_view iri) {
    for (const Recent& r : recent_)
      if (r.iri == iri) {
        out.append(r.name);
        return;
      }
    Recent& r = recent_[next_recent_];
    next_recent_ = (next_recent_ + 1) % recent_.size();
    r.iri.assign(iri);
    r.name.clear();
    namespaces_.append_name(r.name, iri);
    out.append(r.name);
  }

  struct Recent {
    std::string iri, name;
  };
  struct KnownSpace {
    std::string_view space, prefix;
  };
  std::vector<KnownSpace> spaces_;
  std::array<Recent, 6> recent_;
  std::size_t next_recent_ = 0;
  std::string& out_;
  const Namespaces& namespaces_;
  bool open_ = false;
  const std::string* predicate_ = nullptr;  // of the statement left open, in predicates_
  std::string subject_iri_, subject_name_;  // the last subject, spelled (and a space)
  SpellingCache predicates_, datatypes_;
};

// A term as N-Triples spells it, appended to `out`.
void append_ntriples_term(std::string& out, const Term& t) {
  if (t.kind == Term::Kind::iri) {
    out.push_back('<');
    detail::append_iri_escaped(out, t.value);
    out.push_back('>');
    return;
  }
  out.push_back('"');
  detail::append_turtle_escaped(out, t.value);
  out.push_back('"');
  if (t.datatype.empty()) return;
  out.append("^^<"sv);
  detail::append_iri_escaped(out, t.datatype);
  out.push_back('>');
}

// "<s> <p> o", appended to `out`: a line without its end.
void append_ntriples_statement(std::string& out, const Triple& t) {
  append_ntriples_term(out, t.subject);
  out.push_back(' ');
  append_ntriples_term(out, t.predicate);
  out.push_back(' ');
  append_ntriples_term(out, t.object);
}

class NTriplesWriter {
 public:
  NTriplesWriter(std::string& out, const ExportOptions&) : out_(out) {}
  void triple(const Triple& t, const std::set<std::string>&) {
    append_ntriples_statement(out_, t);
    out_.append(" .\n"sv);
  }
  void finish() {}

 private:
  std::string& out_;
};

// A triple goes into the graph of every document that states it, so dropping one document's graph
// removes exactly what only that document said.
class NQuadsWriter {
 public:
  NQuadsWriter(std::string& out, const ExportOptions& options) : out_(out), options_(options) {}
  void triple(const Triple& t, const std::set<std::string>& sources) {
    statement_.clear();
    append_ntriples_statement(statement_, t);
    for (const std::string& source : sources)
      out_.append(statement_).append(graphs_.get(source, [&](std::string_view name) {
        return " " + bracketed(detail::source_document_iri(options_, name)) + " .\n";
      }));
  }
  void finish() {}

 private:
  std::string& out_;
  const ExportOptions& options_;
  std::string statement_;  // the triple, spelled once for all its graphs
  SpellingCache graphs_;   // a source document's graph name and the line's end
};

// Nodes, then edges, in chunks formatted on options.jobs threads; then the source documents.
// `make_writer(text)` gives a fresh writer that formats into `text`.
template <class MakeWriter>
void write_triples(const Graph& graph, std::ostream& out, const ExportOptions& options, MakeWriter make_writer) {
  graph.prepare_export_order(options.jobs);
  auto in_chunks = [&](void (*triples)(const Graph&, std::size_t, std::size_t, const ExportOptions&,
                                       const detail::TripleSink&)) {
    detail::write_ordered_chunks(out, graph.node_count(), options.jobs,
                                 [&](std::size_t begin, std::size_t end, std::string& text) {
                                   auto writer = make_writer(text);
                                   triples(graph, begin, end, options, [&](const Triple& t, const std::set<std::string>& s) {
                                     writer.triple(t, s);
                                   });
                                   writer.finish();
                                 });
  };
  in_chunks(&detail::node_triples);
  in_chunks(&detail::edge_triples);
  std::string text;
  auto writer = make_writer(text);
  detail::source_triples(graph, options, [&](const Triple& t, const std::set<std::string>& s) { writer.triple(t, s); });
  writer.finish();
  out << text;
}

}  // namespace

bool valid_base_iri(std::string_view iri) {
  static const std::regex pattern("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|^`\\\\]*[/#]");
  return std::regex_match(std::string(iri), pattern);
}

void write_turtle(const Graph& graph, std::ostream& out, const ExportOptions& options) {
  const Namespaces namespaces(graph, options);
  namespaces.declare(out);
  write_triples(graph, out, options, [&](std::string& text) { return TurtleWriter(text, namespaces); });
}

void write_ntriples(const Graph& graph, std::ostream& out, const ExportOptions& options) {
  write_triples(graph, out, options, [&](std::string& text) { return NTriplesWriter(text, options); });
}

void write_nquads(const Graph& graph, std::ostream& out, const ExportOptions& options) {
  write_triples(graph, out, options, [&](std::string& text) { return NQuadsWriter(text, options); });
}

}  // namespace trialgraph
