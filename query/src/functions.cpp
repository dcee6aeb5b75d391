#include "functions.hpp"

#include <algorithm>
#include <charconv>
#include <clocale>
#include <cmath>
#include <cwctype>
#include <locale.h>

#include "ast.hpp"
#include "graph_index.hpp"

namespace trialgraph::query {
namespace {

const FunctionInfo kFunctions[] = {
    // aggregates
    {"count", 1, 1, true}, {"collect", 1, 1, true}, {"min", 1, 1, true}, {"max", 1, 1, true},
    {"sum", 1, 1, true}, {"avg", 1, 1, true},
    // scalars
    {"tolower", 1, 1, false}, {"toupper", 1, 1, false}, {"size", 1, 1, false}, {"labels", 1, 1, false},
    {"type", 1, 1, false}, {"coalesce", 1, 64, false}, {"tostring", 1, 1, false}, {"tointeger", 1, 1, false},
    {"tofloat", 1, 1, false}, {"trim", 1, 1, false}, {"abs", 1, 1, false}, {"head", 1, 1, false},
    {"last", 1, 1, false}, {"split", 2, 2, false}, {"replace", 3, 3, false}, {"keys", 1, 1, false},
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

[[noreturn]] void type_error(const Expr& call, const std::string& expected, const CypherValue& got) {
  throw QueryError(call.position, call.name + "(): expected " + expected + ", got " + type_name(got));
}

// UTF-8 <-> code points, for case mapping and size().
std::u32string decode(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(cp);
    i += extra + 1;
  }
  return out;
}

std::string encode(const std::u32string& cps) {
  std::string out;
  for (char32_t cp : cps) {
    if (cp < 0x80) {
      out += char(cp);
    } else if (cp < 0x800) {
      out += char(0xC0 | (cp >> 6)), out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += char(0xE0 | (cp >> 12)), out += char(0x80 | ((cp >> 6) & 0x3F)), out += char(0x80 | (cp & 0x3F));
    } else {
      out += char(0xF0 | (cp >> 18)), out += char(0x80 | ((cp >> 12) & 0x3F));
      out += char(0x80 | ((cp >> 6) & 0x3F)), out += char(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

// Unicode case mapping (Java's toLowerCase/toUpperCase, one code point at a time).
std::string change_case(const std::string& s, bool upper) {
  static locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t(nullptr));
  std::u32string cps = decode(s);
  for (char32_t& cp : cps) {
    if (cp < 0x80) cp = upper ? std::toupper(int(cp)) : std::tolower(int(cp));
    else if (utf8) cp = upper ? towupper_l(wint_t(cp), utf8) : towlower_l(wint_t(cp), utf8);
  }
  return encode(cps);
}

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\n\r\f\v"), e = s.find_last_not_of(" \t\n\r\f\v");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

CypherValue to_integer(const CypherValue& v) {
  if (auto i = v.get<std::int64_t>()) return *i;
  if (auto d = v.get<double>()) return std::isfinite(*d) ? CypherValue(std::int64_t(*d)) : CypherValue();
  if (auto b = v.get<bool>()) return std::int64_t(*b);
  if (auto s = v.get<std::string>()) {
    std::int64_t i = 0;
    auto r = std::from_chars(s->data(), s->data() + s->size(), i);
    if (r.ec == std::errc() && r.ptr == s->data() + s->size()) return i;
    char* end = nullptr;
    double d = std::strtod(s->c_str(), &end);
    if (!s->empty() && end == s->c_str() + s->size() && std::isfinite(d)) return std::int64_t(d);
  }
  return CypherValue();
}

CypherValue to_float(const CypherValue& v) {
  if (v.is_number()) return v.as_double();
  if (auto s = v.get<std::string>()) {
    char* end = nullptr;
    double d = std::strtod(s->c_str(), &end);
    if (!s->empty() && end == s->c_str() + s->size()) return d;
  }
  return CypherValue();
}

CypherValue split(const std::string& s, const std::string& delimiter) {
  CypherList parts;
  if (delimiter.empty()) {
    for (char32_t cp : decode(s)) parts.emplace_back(encode(std::u32string(1, cp)));
    return CypherValue(std::move(parts));
  }
  std::size_t start = 0, at;
  while ((at = s.find(delimiter, start)) != std::string::npos) {
    parts.emplace_back(s.substr(start, at - start));
    start = at + delimiter.size();
  }
  parts.emplace_back(s.substr(start));
  return CypherValue(std::move(parts));
}

CypherValue replace_all(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
  return s;
}

CypherValue keys_of(const CypherValue& v, const GraphIndex& g) {
  std::vector<std::pair<std::string, CypherValue>> props =
      v.get<NodeRef>() ? g.node_properties(v.get<NodeRef>()->id) : g.edge_properties(v.get<RelRef>()->id);
  CypherList names;
  for (auto& p : props) names.emplace_back(p.first);
  return CypherValue(std::move(names));
}

const std::string& string_arg(const Expr& call, const CypherValue& v) {
  if (!v.get<std::string>()) type_error(call, "a String", v);
  return *v.get<std::string>();
}

CypherValue call_on_value(const Expr& call, const std::string& f, const CypherValue& a, const GraphIndex& g) {
  if (f == "tolower" || f == "toupper") return change_case(string_arg(call, a), f == "toupper");
  if (f == "trim") return trim(string_arg(call, a));
  if (f == "tostring") {
    if (a.list() || a.get<NodeRef>() || a.get<RelRef>()) type_error(call, "a String, Number or Boolean", a);
    return to_text(a);
  }
  if (f == "tointeger") return to_integer(a);
  if (f == "tofloat") return to_float(a);
  if (f == "size") {
    if (auto s = a.get<std::string>()) return std::int64_t(decode(*s).size());
    if (auto l = a.list()) return std::int64_t(l->size());
    type_error(call, "a String or List", a);
  }
  if (f == "abs") {
    if (auto i = a.get<std::int64_t>()) return std::int64_t(std::llabs(*i));
    if (auto d = a.get<double>()) return std::fabs(*d);
    type_error(call, "a Number", a);
  }
  if (f == "head" || f == "last") {
    const CypherList* l = a.list();
    if (!l) type_error(call, "a List", a);
    if (l->empty()) return CypherValue();
    return f == "head" ? l->front() : l->back();
  }
  if (f == "labels") {
    if (!a.get<NodeRef>()) type_error(call, "a Node", a);
    return CypherValue(CypherList{CypherValue(g.node(a.get<NodeRef>()->id).label)});
  }
  if (f == "type") {
    if (!a.get<RelRef>()) type_error(call, "a Relationship", a);
    return CypherValue(g.edge(a.get<RelRef>()->id).edge->type);
  }
  if (f == "keys") {
    if (!a.get<NodeRef>() && !a.get<RelRef>()) type_error(call, "a Node or Relationship", a);
    return keys_of(a, g);
  }
  throw QueryError(call.position, "internal error: no implementation for " + f + "()");
}

}  // namespace

const FunctionInfo* find_function(std::string_view name) {
  std::string key = lower_ascii(name);
  for (const FunctionInfo& f : kFunctions)
    if (key == f.name) return &f;
  return nullptr;
}

std::string format_float(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  double magnitude = std::fabs(value);
  if (value == 0 || (magnitude >= 1e-3 && magnitude < 1e7)) {
    auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
    std::string s(buf, r.ptr);
    if (s.find('.') == std::string::npos) s += ".0";
    return s;
  }
  auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string s(buf, r.ptr);  // 1e+20, 1.5e-05
  std::size_t e = s.find('e');
  std::string mantissa = s.substr(0, e), exponent = s.substr(e + 1);
  if (mantissa.find('.') == std::string::npos) mantissa += ".0";
  if (exponent[0] == '+') exponent.erase(0, 1);
  bool negative = exponent[0] == '-';
  if (negative) exponent.erase(0, 1);
  exponent.erase(0, std::min(exponent.find_first_not_of('0'), exponent.size() - 1));
  return mantissa + "E" + (negative ? "-" : "") + exponent;
}

std::string to_text(const CypherValue& value) {
  if (auto s = value.get<std::string>()) return *s;
  if (auto i = value.get<std::int64_t>()) return std::to_string(*i);
  if (auto d = value.get<double>()) return format_float(*d);
  if (auto b = value.get<bool>()) return *b ? "true" : "false";
  return "";
}

CypherValue call_scalar(const Expr& call, const std::vector<CypherValue>& args, const GraphIndex& graph) {
  const std::string& f = call.name;
  if (f == "coalesce") {
    for (const CypherValue& a : args)
      if (!a.is_null()) return a;
    return CypherValue();
  }
  if (args[0].is_null()) return CypherValue();
  if (f == "split") {
    if (args[1].is_null()) return CypherValue();
    return split(string_arg(call, args[0]), string_arg(call, args[1]));
  }
  if (f == "replace") {
    if (args[1].is_null() || args[2].is_null()) return CypherValue();
    return replace_all(string_arg(call, args[0]), string_arg(call, args[1]), string_arg(call, args[2]));
  }
  return call_on_value(call, f, args[0], graph);
}

}  // namespace trialgraph::query
