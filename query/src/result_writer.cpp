// Results as a terminal table, CSV (RFC 4180), TSV or JSON.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "trialgraph/query.hpp"

namespace trialgraph::query {
namespace {

std::string csv_field(const Cell& c) {
  if (c.text.find_first_of(",\"\r\n") == std::string::npos) return c.text;
  std::string quoted = "\"";
  for (char ch : c.text) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return quoted + "\"";
}

std::string tsv_field(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '\t') out += "\\t";
    else if (ch == '\n') out += "\\n";
    else if (ch == '\r') out += "\\r";
    else if (ch == '\\') out += "\\\\";
    else out += ch;
  }
  return out;
}

// Display width: UTF-8 continuation bytes take no column.
std::size_t width(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

std::string table_text(const Cell& c) {
  if (c.kind == Cell::Kind::null) return "null";
  if (c.kind == Cell::Kind::string) return nlohmann::json(c.text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return c.text;
}

void write_table(const ResultTable& r, std::ostream& out) {
  std::vector<std::vector<std::string>> texts;
  std::vector<std::size_t> widths;
  for (const std::string& c : r.columns) widths.push_back(width(c));
  for (const auto& row : r.rows) {
    texts.emplace_back();
    for (std::size_t i = 0; i < row.size(); ++i) {
      texts.back().push_back(table_text(row[i]));
      widths[i] = std::max(widths[i], width(texts.back().back()));
    }
  }
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i)
      out << (i ? " | " : "| ") << cells[i] << std::string(widths[i] - width(cells[i]), ' ');
    out << " |\n";
  };
  auto rule = [&] {
    for (std::size_t i = 0; i < widths.size(); ++i) out << (i ? "-+-" : "+-") << std::string(widths[i], '-');
    out << "-+\n";
  };
  rule();
  line(r.columns);
  rule();
  for (const auto& t : texts) line(t);
  rule();
  out << r.rows.size() << (r.rows.size() == 1 ? " row\n" : " rows\n");
}

void write_delimited(const ResultTable& r, bool csv, std::ostream& out) {
  const char* sep = csv ? "," : "\t";
  for (std::size_t i = 0; i < r.columns.size(); ++i)
    out << (i ? sep : "") << (csv ? csv_field({Cell::Kind::string, r.columns[i]}) : tsv_field(r.columns[i]));
  out << "\n";
  for (const auto& row : r.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) out << (i ? sep : "") << (csv ? csv_field(row[i]) : tsv_field(row[i].text));
    out << "\n";
  }
}

nlohmann::json cell_json(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::null: return nullptr;
    case Cell::Kind::string: return c.text;
    default: return nlohmann::json::parse(c.text);  // booleans, numbers and JSON text as they are
  }
}

void write_json(const ResultTable& r, std::ostream& out) {
  out << "[";
  for (std::size_t n = 0; n < r.rows.size(); ++n) {
    nlohmann::ordered_json object;
    for (std::size_t i = 0; i < r.columns.size(); ++i) object[r.columns[i]] = cell_json(r.rows[n][i]);
    out << (n ? ",\n " : "\n ") << object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  out << (r.rows.empty() ? "]\n" : "\n]\n");
}

}  // namespace

std::optional<ResultFormat> result_format_from_name(std::string_view name) {
  if (name == "table") return ResultFormat::table;
  if (name == "csv") return ResultFormat::csv;
  if (name == "tsv") return ResultFormat::tsv;
  if (name == "json") return ResultFormat::json;
  return std::nullopt;
}

void write_result(const ResultTable& result, ResultFormat format, std::ostream& out) {
  switch (format) {
    case ResultFormat::table: return write_table(result, out);
    case ResultFormat::csv: return write_delimited(result, true, out);
    case ResultFormat::tsv: return write_delimited(result, false, out);
    case ResultFormat::json: return write_json(result, out);
  }
}

}  // namespace trialgraph::query
