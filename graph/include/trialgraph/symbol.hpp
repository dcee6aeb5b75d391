// A string kept once for the whole process: labels, relationship types and property names repeat
// on every node and edge, so each holds an 8-byte pointer instead of a 32-byte std::string.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>

#include "trialgraph/text_operators.hpp"

namespace trialgraph {

namespace detail {
/// A symbol's text, and its first eight bytes as a big-endian number (zero-padded): two symbols
/// whose numbers differ are in that order as texts, without reading the texts.
struct SymbolText {
  std::string text;
  std::uint64_t order;
};
}  // namespace detail

class Symbol : public TextOperators<Symbol> {
 public:
  Symbol();  ///< the empty string
  Symbol(std::string_view text);  // NOLINT: converts wherever a string is given
  Symbol(const std::string& text) : Symbol(std::string_view(text)) {}  // NOLINT
  Symbol(const char* text) : Symbol(std::string_view(text)) {}  // NOLINT

  const std::string& str() const { return text_->text; }
  operator const std::string&() const { return text_->text; }  // NOLINT
  operator std::string_view() const { return text_->text; }  // NOLINT
  std::string_view view() const { return text_->text; }
  const char* c_str() const { return text_->text.c_str(); }
  const char* data() const { return text_->text.data(); }
  std::size_t size() const { return text_->text.size(); }
  bool empty() const { return text_->text.empty(); }

  // Symbol against Symbol is a template so that a literal compared with a Symbol has one reading:
  // as a string_view.
  template <class S, std::enable_if_t<std::is_same_v<S, Symbol>, int> = 0>
  friend bool operator==(const S& a, const S& b) { return a.text_ == b.text_; }
  template <class S, std::enable_if_t<std::is_same_v<S, Symbol>, int> = 0>
  friend bool operator!=(const S& a, const S& b) { return a.text_ != b.text_; }
  template <class S, std::enable_if_t<std::is_same_v<S, Symbol>, int> = 0>
  friend bool operator<(const S& a, const S& b) {
    if (a.text_ == b.text_) return false;
    if (a.text_->order != b.text_->order) return a.text_->order < b.text_->order;
    return a.text_->text < b.text_->text;
  }

 private:
  const detail::SymbolText* text_;
};

}  // namespace trialgraph

template <>
struct std::hash<trialgraph::Symbol> {
  std::size_t operator()(const trialgraph::Symbol& s) const { return std::hash<std::string_view>()(s); }
};
