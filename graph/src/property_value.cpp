#include "trialgraph/property_value.hpp"

#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <type_traits>

namespace trialgraph {

PropertyValue::PropertyValue(std::string_view text) : scalar_{}, rest_{}, tag_(std::uint8_t(Kind::text)) {
  if (text.size() <= kInline) {
    if (!text.empty()) std::memcpy(inline_text(), text.data(), text.size());
    tag_ |= std::uint8_t(text.size() << kInlineShift);
    return;
  }
  if (text.size() > UINT32_MAX) throw std::length_error("a property value over 4 GiB");
  std::uint32_t size = std::uint32_t(text.size());
  char* block = static_cast<char*>(std::malloc(size));
  if (!block) throw std::bad_alloc();
  std::memcpy(block, text.data(), size);
  scalar_.heap_text = block;
  std::memcpy(rest_, &size, sizeof size);
  tag_ |= kOnHeap;
}

PropertyValue::PropertyValue(std::int64_t integer) : scalar_{}, rest_{}, tag_(std::uint8_t(Kind::integer)) {
  scalar_.integer = integer;
}
PropertyValue::PropertyValue(double real) : scalar_{}, rest_{}, tag_(std::uint8_t(Kind::real)) { scalar_.real = real; }
PropertyValue::PropertyValue(bool boolean) : scalar_{}, rest_{}, tag_(std::uint8_t(Kind::boolean)) {
  scalar_.boolean = boolean;
}
PropertyValue::PropertyValue(std::vector<std::string> list) : scalar_{}, rest_{}, tag_(std::uint8_t(Kind::list)) {
  scalar_.list = new std::vector<std::string>(std::move(list));
}

PropertyValue::PropertyValue(const Value& value) : PropertyValue() {
  std::visit([&](const auto& v) { *this = PropertyValue(v); }, value);
}

PropertyValue::PropertyValue(const PropertyValue& other) : scalar_{}, rest_{}, tag_(std::uint8_t(Kind::integer)) {
  copy_from(other);
}

PropertyValue::PropertyValue(PropertyValue&& other) noexcept {
  std::memcpy(static_cast<void*>(this), &other, sizeof *this);
  other.tag_ = std::uint8_t(Kind::integer);  // owns nothing now
}

PropertyValue& PropertyValue::operator=(const PropertyValue& other) {
  if (this != &other) {
    PropertyValue copy(other);
    *this = std::move(copy);
  }
  return *this;
}

PropertyValue& PropertyValue::operator=(PropertyValue&& other) noexcept {
  if (this != &other) {
    release();
    std::memcpy(static_cast<void*>(this), &other, sizeof *this);
    other.tag_ = std::uint8_t(Kind::integer);
  }
  return *this;
}

PropertyValue::~PropertyValue() { release(); }

void PropertyValue::release() {
  if (kind() == Kind::list) delete scalar_.list;
  else if (kind() == Kind::text && (tag_ & kOnHeap)) std::free(const_cast<char*>(scalar_.heap_text));
  tag_ = std::uint8_t(Kind::integer);
}

void PropertyValue::copy_from(const PropertyValue& other) {
  if (other.kind() == Kind::text) {
    *this = PropertyValue(other.text());
  } else if (other.kind() == Kind::list) {
    *this = PropertyValue(*other.scalar_.list);
  } else {
    std::memcpy(static_cast<void*>(this), &other, sizeof *this);
  }
}

std::string_view PropertyValue::text() const {
  if (kind() != Kind::text) return {};
  if (!(tag_ & kOnHeap)) return {inline_text(), std::size_t(tag_ >> kInlineShift)};
  std::uint32_t size;
  std::memcpy(&size, rest_, sizeof size);
  return {scalar_.heap_text, size};
}

Value PropertyValue::value() const {
  switch (kind()) {
    case Kind::text: return std::string(text());
    case Kind::integer: return scalar_.integer;
    case Kind::real: return scalar_.real;
    case Kind::boolean: return scalar_.boolean;
    case Kind::list: return *scalar_.list;
  }
  return {};
}

bool operator==(const PropertyValue& a, const PropertyValue& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case PropertyValue::Kind::text: return a.text() == b.text();
    case PropertyValue::Kind::integer: return *a.integer() == *b.integer();
    case PropertyValue::Kind::real: return *a.real() == *b.real();
    case PropertyValue::Kind::boolean: return *a.boolean() == *b.boolean();
    case PropertyValue::Kind::list: return *a.list() == *b.list();
  }
  return false;
}

}  // namespace trialgraph
