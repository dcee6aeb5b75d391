// The graph's compact property values and interned symbols: every kind round-trips, text on both
// sides of the inline limit, and copies and moves own their bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "trialgraph/graph.hpp"
#include "trialgraph/property_value.hpp"
#include "trialgraph/symbol.hpp"

using trialgraph::PropertyValue;
using trialgraph::Symbol;
using trialgraph::Value;

TEST(PropertyValue, TextOnEitherSideOfTheInlineLimitRoundTrips) {
  for (std::size_t n : {0, 1, 14, 15, 16, 17, 100, 100000}) {
    std::string text(n, 'x');
    if (n) text.back() = 'y';
    PropertyValue v(text);
    EXPECT_TRUE(v.is_text());
    EXPECT_EQ(v.text(), text) << n;
    EXPECT_EQ(v.value(), Value(text)) << n;
    PropertyValue copy = v;
    PropertyValue moved = std::move(v);
    EXPECT_EQ(copy.text(), text);
    EXPECT_EQ(moved.text(), text);
    EXPECT_EQ(copy, moved);
    copy = PropertyValue("other");
    EXPECT_EQ(copy.text(), "other");
    EXPECT_EQ(moved.text(), text) << "a copy shares no bytes with its source";
  }
}

TEST(PropertyValue, TextWithNulBytesKeepsThem) {
  std::string text("a\0b", 3);
  EXPECT_EQ(PropertyValue(text).text(), text);
}

TEST(PropertyValue, EveryKindRoundTripsThroughValue) {
  std::vector<Value> values = {Value(std::string("recruiting")), Value(std::int64_t(-42)), Value(2.5), Value(true),
                               Value(false), Value(std::vector<std::string>{"a", std::string(40, 'b')}),
                               Value(std::vector<std::string>{})};
  for (const Value& value : values) {
    PropertyValue v(value);
    EXPECT_EQ(v.value(), value);
    PropertyValue copy(v);
    EXPECT_EQ(copy, v);
    PropertyValue assigned;
    assigned = copy;
    EXPECT_EQ(assigned.value(), value);
  }
}

TEST(PropertyValue, AccessorsAnswerOnlyForTheirKind) {
  PropertyValue number(std::int64_t(7));
  ASSERT_NE(number.integer(), nullptr);
  EXPECT_EQ(*number.integer(), 7);
  EXPECT_EQ(number.real(), nullptr);
  EXPECT_EQ(number.boolean(), nullptr);
  EXPECT_FALSE(number.list());
  EXPECT_FALSE(number.is_text());
  EXPECT_EQ(number.text(), "");
  EXPECT_NE(PropertyValue(std::int64_t(1)), PropertyValue(true)) << "kinds differ";
  EXPECT_NE(PropertyValue(std::int64_t(1)), PropertyValue(1.0));
}

TEST(PropertyValue, AListIsReadInPlaceItemByItem) {
  std::vector<std::string> items = {"", "CD19", std::string(300, 'q'), "", std::string("nul\0in", 6)};
  PropertyValue v(items);
  ASSERT_TRUE(v.list());
  trialgraph::TextList list = *v.list();
  ASSERT_EQ(list.size(), items.size());
  for (std::size_t i = 0; i < items.size(); ++i) EXPECT_EQ(list[i], items[i]) << i;
  EXPECT_EQ(list.strings(), items);
  PropertyValue copy(v);
  EXPECT_EQ(copy, v);
  EXPECT_EQ(copy.list()->strings(), items);
  items.back() = "changed";
  EXPECT_NE(PropertyValue(items), v);
  EXPECT_TRUE(PropertyValue(std::vector<std::string>{}).list()->empty());
}

TEST(PropertyValue, SelfAssignmentKeepsTheValue) {
  PropertyValue v(std::string(50, 'z'));
  const PropertyValue& same = v;
  v = same;
  EXPECT_EQ(v.text(), std::string(50, 'z'));
}

TEST(Symbol, EqualTextIsTheSameSymbolAndComparesByText) {
  Symbol a("STUDIES"), b(std::string("STUDIES")), c("CONDUCTED_AT");
  EXPECT_EQ(a, b);
  EXPECT_EQ(&a.str(), &b.str()) << "one copy of the text";
  EXPECT_NE(a, c);
  EXPECT_TRUE(c < a);
  EXPECT_TRUE(a == "STUDIES");
  EXPECT_TRUE("STUDIES" == a);
  EXPECT_EQ(a + "!", "STUDIES!");
  EXPECT_TRUE(Symbol().empty());
}

// Symbols are ordered by a number made of their first eight bytes before their texts are read:
// the order must be the texts' own, for texts that differ inside, past or at the eighth byte,
// texts that are prefixes of others, NUL bytes and bytes above 0x7F.
TEST(Symbol, OrderIsTheTextsOrder) {
  const std::vector<std::string> texts = {"", "a", std::string("a\0", 2), std::string("a\0b", 3), "ab", "abcdefgh",
                                          "abcdefghi", "abcdefgg", "abcdefgz", "intervention_model",
                                          "intervention_type", "interven", "b", "z", "\xC3\xA9t\xC3\xA9", "\x7F",
                                          "\x80", "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", "A", "Z", "_", "nct_id"};
  for (const std::string& a : texts)
    for (const std::string& b : texts) {
      Symbol sa(a), sb(b);
      EXPECT_EQ(sa < sb, a < b) << '"' << a << "\" < \"" << b << '"';
      EXPECT_EQ(sa == sb, a == b);
    }
}

TEST(SharedProperties, TheSameMapIsSharedAndAMergeKeepsSetValues) {
  trialgraph::PropertyMap role;
  role.emplace("role", PropertyValue("lead"));
  trialgraph::SharedProperties a(role), b(role);
  EXPECT_EQ(a, b) << "interned: one map for both";
  trialgraph::PropertyMap more;
  more.emplace("role", PropertyValue("collaborator"));
  more.emplace("since", PropertyValue(std::int64_t(2020)));
  trialgraph::SharedProperties merged = a.merged(more);
  EXPECT_EQ(merged.at("role").text(), "lead");
  EXPECT_EQ(*merged.at("since").integer(), 2020);
  EXPECT_EQ(a.size(), 1u) << "the shared map itself does not change";
  EXPECT_EQ(merged.merged(more), merged) << "nothing new: the same map";
  EXPECT_THROW(a.at("missing"), std::out_of_range);
}

// A new edge's list of text properties is remembered with the map it made: lists that share a slot,
// that run the same bytes together differently ("a"="bc" and "ab"="c"), that repeat a name or that
// hold other kinds must each still give their own map.
TEST(SharedProperties, ListsOfTextsGiveTheirOwnMapsHoweverOftenTheyRepeat) {
  using trialgraph::Property;
  using trialgraph::SharedProperties;
  auto text = [](const char* name, std::string value) { return Property{name, trialgraph::Value(std::move(value))}; };
  std::vector<std::vector<Property>> lists = {{text("a", "bc")}, {text("ab", "c")}, {text("a", "b"), text("c", "")},
                                              {text("a", "first"), text("a", "second")},
                                              {text("a", "bc"), Property{"n", trialgraph::Value(std::int64_t(1))}}};
  for (int i = 0; i < 600; ++i) lists.push_back({text("status", "S" + std::to_string(i)), text("role", std::to_string(i % 7))});
  for (int round = 0; round < 3; ++round)
    for (const auto& list : lists) {
      SharedProperties made = SharedProperties().merged(list);
      std::size_t distinct = 0;
      for (const Property& p : list) {
        ASSERT_TRUE(made.count(p.name)) << p.name;
        const Property& first = *std::find_if(list.begin(), list.end(), [&](const Property& q) { return q.name == p.name; });
        if (&first != &p) continue;
        ++distinct;
        if (const auto* t = std::get_if<std::string>(&p.value)) EXPECT_EQ(made.at(p.name).text(), *t);
        else EXPECT_EQ(*made.at(p.name).integer(), std::get<std::int64_t>(p.value));
      }
      EXPECT_EQ(made.size(), distinct);
    }
  EXPECT_EQ(SharedProperties().merged(lists[0]), SharedProperties().merged(lists[0]));
  EXPECT_FALSE(SharedProperties().merged(lists[0]) == SharedProperties().merged(lists[1]));
}
