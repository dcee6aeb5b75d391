// A property value as the graph keeps it: 16 bytes, where a Value is 40. Text up to 15 bytes sits
// inside; longer text is one heap block of just its bytes, a list one block of its items. A node
// holds a few dozen.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trialgraph/entity.hpp"

namespace trialgraph {

/// A list value's items, read in place as string_views.
class TextList {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = const std::string_view*;
    using reference = std::string_view;
    iterator(const TextList* list, std::size_t at) : list_(list), at_(at) {}
    std::string_view operator*() const { return (*list_)[at_]; }
    iterator& operator++() { ++at_; return *this; }
    iterator operator++(int) { iterator was = *this; ++at_; return was; }
    bool operator==(const iterator& o) const { return at_ == o.at_; }
    bool operator!=(const iterator& o) const { return at_ != o.at_; }

   private:
    const TextList* list_;
    std::size_t at_;
  };

  explicit TextList(const char* block) : block_(block) {}
  std::size_t size() const;
  bool empty() const { return size() == 0; }
  std::string_view operator[](std::size_t i) const;
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, size()}; }
  std::vector<std::string> strings() const { return {begin(), end()}; }

 private:
  const char* block_;  // item count, each item's end offset (32-bit), then the items' bytes
};

class PropertyValue {
 public:
  enum class Kind : std::uint8_t { text, integer, real, boolean, list };

  PropertyValue() : PropertyValue(std::string_view()) {}
  PropertyValue(std::string_view text);                  // NOLINT: a value converts from its kinds
  PropertyValue(const std::string& text) : PropertyValue(std::string_view(text)) {}  // NOLINT
  PropertyValue(const char* text) : PropertyValue(std::string_view(text)) {}         // NOLINT
  PropertyValue(std::int64_t integer);                   // NOLINT
  PropertyValue(double real);                            // NOLINT
  PropertyValue(bool boolean);                           // NOLINT
  PropertyValue(std::vector<std::string> list);          // NOLINT
  PropertyValue(const Value& value);                     // NOLINT
  PropertyValue(const PropertyValue& other);
  PropertyValue(PropertyValue&& other) noexcept;
  PropertyValue& operator=(const PropertyValue& other);
  PropertyValue& operator=(PropertyValue&& other) noexcept;
  ~PropertyValue();

  Kind kind() const { return Kind(tag_ & kKindMask); }
  bool is_text() const { return kind() == Kind::text; }
  /// Each accessor is for its kind; the pointer ones give nullptr for another kind.
  std::string_view text() const {
    if (kind() != Kind::text) return {};
    if (!(tag_ & kOnHeap)) return {inline_text(), std::size_t(tag_ >> kInlineShift)};
    std::uint32_t size;
    std::memcpy(&size, rest_, sizeof size);
    return {scalar_.heap_text, size};
  }
  const std::int64_t* integer() const { return kind() == Kind::integer ? &scalar_.integer : nullptr; }
  const double* real() const { return kind() == Kind::real ? &scalar_.real : nullptr; }
  const bool* boolean() const { return kind() == Kind::boolean ? &scalar_.boolean : nullptr; }
  std::optional<TextList> list() const {
    return kind() == Kind::list ? std::optional<TextList>(TextList(scalar_.heap_text)) : std::nullopt;
  }

  /// Where the value's bytes lie outside the object (long text, lists), or nullptr: for prefetching.
  const void* heap_block() const {
    return kind() == Kind::list || (kind() == Kind::text && (tag_ & kOnHeap)) ? scalar_.heap_text : nullptr;
  }

  /// The value as entities carry it (a copy).
  Value value() const;

  friend bool operator==(const PropertyValue& a, const PropertyValue& b);
  friend bool operator!=(const PropertyValue& a, const PropertyValue& b) { return !(a == b); }
  friend bool operator<(const PropertyValue& a, const PropertyValue& b) { return a.value() < b.value(); }

 private:
  static constexpr std::uint8_t kKindMask = 0x07, kOnHeap = 0x08, kInlineShift = 4;
  static constexpr std::size_t kInline = 15;
  void release();
  void copy_from(const PropertyValue& other);

  // Inline text takes the object's first 15 bytes: `scalar_` and `rest_`.
  const char* inline_text() const { return reinterpret_cast<const char*>(this); }
  char* inline_text() { return reinterpret_cast<char*>(this); }

  union Scalar {
    const char* heap_text;  // long text (its length in rest_), or a list's block (see TextList)
    std::int64_t integer;
    double real;
    bool boolean;
  };
  Scalar scalar_;
  char rest_[kInline - sizeof(Scalar)];
  std::uint8_t tag_;  // kind; kOnHeap for long text; the inline text's length in the high bits
};

static_assert(sizeof(PropertyValue) == 16, "a property value is meant to be 16 bytes");

}  // namespace trialgraph
