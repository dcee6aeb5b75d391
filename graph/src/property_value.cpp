#include "trialgraph/property_value.hpp"

#include <algorithm>
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
namespace {

std::uint32_t read_u32(const char* at) {
  std::uint32_t v;
  std::memcpy(&v, at, sizeof v);
  return v;
}

std::size_t list_block_size(const char* block) {
  std::uint32_t count = read_u32(block);
  std::uint32_t bytes = count ? read_u32(block + 4 * count) : 0;
  return 4 * (std::size_t(count) + 1) + bytes;
}

}  // namespace

std::size_t TextList::size() const { return read_u32(block_); }

std::string_view TextList::operator[](std::size_t i) const {
  std::size_t count = size();
  std::uint32_t begin = i ? read_u32(block_ + 4 * i) : 0, end = read_u32(block_ + 4 * (i + 1));
  return {block_ + 4 * (count + 1) + begin, std::size_t(end - begin)};
}

PropertyValue::PropertyValue(std::vector<std::string> list) : scalar_{}, rest_{}, tag_(std::uint8_t(Kind::list)) {
  std::size_t bytes = 0;
  for (const std::string& item : list) bytes += item.size();
  if (list.size() >= UINT32_MAX / 8 || bytes > UINT32_MAX) throw std::length_error("a list value over 4 GiB");
  std::size_t header = 4 * (list.size() + 1);
  char* block = static_cast<char*>(std::malloc(header + bytes));
  if (!block) throw std::bad_alloc();
  std::uint32_t count = std::uint32_t(list.size()), end = 0;
  std::memcpy(block, &count, 4);
  char* text = block + header;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].empty()) std::memcpy(text + end, list[i].data(), list[i].size());
    end += std::uint32_t(list[i].size());
    std::memcpy(block + 4 * (i + 1), &end, 4);
  }
  scalar_.heap_text = block;
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
  if (kind() == Kind::list || (kind() == Kind::text && (tag_ & kOnHeap)))
    std::free(const_cast<char*>(scalar_.heap_text));
  tag_ = std::uint8_t(Kind::integer);
}

void PropertyValue::copy_from(const PropertyValue& other) {
  if (other.kind() == Kind::text) {
    *this = PropertyValue(other.text());
  } else if (other.kind() == Kind::list) {
    std::size_t size = list_block_size(other.scalar_.heap_text);
    char* block = static_cast<char*>(std::malloc(size));
    if (!block) throw std::bad_alloc();
    std::memcpy(block, other.scalar_.heap_text, size);
    release();
    scalar_.heap_text = block;
    tag_ = std::uint8_t(Kind::list);
  } else {
    std::memcpy(static_cast<void*>(this), &other, sizeof *this);
  }
}

Value PropertyValue::value() const {
  switch (kind()) {
    case Kind::text: return std::string(text());
    case Kind::integer: return scalar_.integer;
    case Kind::real: return scalar_.real;
    case Kind::boolean: return scalar_.boolean;
    case Kind::list: return list()->strings();
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
    case PropertyValue::Kind::list: {
      TextList x = *a.list(), y = *b.list();
      return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin());
    }
  }
  return false;
}

}  // namespace trialgraph
