// Comparison with strings, printing and concatenation for a class that reads as a string_view
// (Symbol, CompactText): written once, given the class's view(). Comparing two objects of the
// class itself is left to the class (a Symbol compares pointers).
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace trialgraph {

template <class Text>
class TextOperators {
  friend bool operator==(const Text& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(std::string_view a, const Text& b) { return a == b.view(); }
  friend bool operator!=(const Text& a, std::string_view b) { return a.view() != b; }
  friend bool operator!=(std::string_view a, const Text& b) { return a != b.view(); }
  friend bool operator<(const Text& a, std::string_view b) { return a.view() < b; }
  friend bool operator<(std::string_view a, const Text& b) { return a < b.view(); }
  friend std::ostream& operator<<(std::ostream& out, const Text& t) { return out << t.view(); }
  friend std::string operator+(const Text& a, std::string_view b) { return std::string(a.view()).append(b); }
  friend std::string operator+(const std::string& a, const Text& b) { return std::string(a).append(b.view()); }
  friend std::string operator+(std::string&& a, const Text& b) { return std::move(a.append(b.view())); }
  friend std::string operator+(const char* a, const Text& b) { return std::string(a).append(b.view()); }
};

}  // namespace trialgraph
