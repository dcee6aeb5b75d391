// A node's key or name as the graph keeps it: 16 bytes (text up to 15 bytes inside, longer in one
// block), read as a string_view. Three million nodes each hold two.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include "trialgraph/property_value.hpp"
#include "trialgraph/text_operators.hpp"

namespace trialgraph {

class CompactText : public TextOperators<CompactText> {
 public:
  CompactText() = default;
  CompactText(std::string_view text) : text_(text) {}           // NOLINT: assigned from strings
  CompactText(const std::string& text) : text_(std::string_view(text)) {}  // NOLINT
  CompactText(const char* text) : text_(std::string_view(text)) {}        // NOLINT

  std::string_view view() const { return text_.text(); }
  std::string str() const { return std::string(view()); }
  operator std::string_view() const { return view(); }  // NOLINT
  operator std::string() const { return str(); }        // NOLINT
  bool empty() const { return view().empty(); }
  std::size_t size() const { return view().size(); }
  const char* data() const { return view().data(); }

  // CompactText against CompactText is a template so that a literal compared with one has one
  // reading: as a string_view.
  template <class T, std::enable_if_t<std::is_same_v<T, CompactText>, int> = 0>
  friend bool operator==(const T& a, const T& b) { return a.view() == b.view(); }
  template <class T, std::enable_if_t<std::is_same_v<T, CompactText>, int> = 0>
  friend bool operator!=(const T& a, const T& b) { return a.view() != b.view(); }
  template <class T, std::enable_if_t<std::is_same_v<T, CompactText>, int> = 0>
  friend bool operator<(const T& a, const T& b) { return a.view() < b.view(); }

 private:
  PropertyValue text_;  // always text: the one place that knows the compact layout
};

}  // namespace trialgraph
