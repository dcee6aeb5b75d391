// Escaping shared by the exporters. Every output stays valid whatever bytes the sources held.
#pragma once

#include <string>
#include <string_view>

namespace trialgraph::detail {

/// Replaces invalid UTF-8 and characters XML 1.0 cannot hold with U+FFFD.
std::string valid_xml_text(std::string_view text);
/// `text` itself when it is valid XML text already (almost all is), else valid_xml_text(text),
/// kept in `scratch`: no copy for the common case.
std::string_view valid_xml_view(std::string_view text, std::string& scratch);
/// XML text or attribute content: valid_xml_text plus &, <, >, ", CR escaped.
std::string xml_escape(std::string_view text);
/// xml_escape, appended to `out`: for writers that build a line at a time.
void append_xml_escaped(std::string& out, std::string_view text);
/// The inside of a Turtle "..." string.
std::string turtle_escape(std::string_view text);
/// turtle_escape, appended to `out`.
void append_turtle_escaped(std::string& out, std::string_view text);
/// The inside of an N-Triples/Turtle <IRI>: characters IRIs cannot hold percent-encoded.
std::string iri_escape(std::string_view iri);
/// iri_escape, appended to `out`.
void append_iri_escaped(std::string& out, std::string_view iri);
/// Whether every byte is below 0x80.
bool is_ascii(std::string_view text);
/// The inside of a JSON string as nlohmann's dump writes it: '"', '\\' and control characters
/// escaped (the short forms, else \u00xx), every other byte as it is. For ASCII text: nlohmann
/// also replaces invalid UTF-8, which this does not check.
void append_json_escaped(std::string& out, std::string_view ascii);
/// Shortest decimal that reads back as the same double.
std::string format_double(double value);

}  // namespace trialgraph::detail
