#include "trialgraph/repeats.hpp"

#include <gtest/gtest.h>

#include <string_view>
#include <tuple>
#include <vector>

using trialgraph::first_equal;

TEST(Repeats, EachKeyPointsToTheEarliestKeyEqualToIt) {
  using Fact = std::tuple<int, int, std::string_view>;
  const std::vector<Fact> facts = {{1, 2, "TESTS"}, {0, 5, "SPONSORED_BY"}, {1, 2, "STUDIES"},
                                   {1, 2, "TESTS"}, {0, 5, "SPONSORED_BY"}, {1, 2, "TESTS"},
                                   {2, 1, "TESTS"}};
  EXPECT_EQ(first_equal(facts), (std::vector<std::uint32_t>{0, 1, 2, 0, 1, 0, 6}));
}

TEST(Repeats, NoKeysAndDistinctKeysPointToThemselves) {
  EXPECT_TRUE(first_equal(std::vector<std::tuple<int>>{}).empty());
  EXPECT_EQ(first_equal(std::vector<std::tuple<int>>{{9}, {3}, {7}, {1}}), (std::vector<std::uint32_t>{0, 1, 2, 3}));
}

TEST(Repeats, OnlyLessThanIsNeeded) {
  struct OnlyLess {
    int value;
    bool operator<(const OnlyLess& o) const { return value < o.value; }
  };
  // 40 keys, each value 0..3 repeated: every key points to its value's first position.
  std::vector<std::tuple<OnlyLess>> keys;
  for (int i = 0; i < 40; ++i) keys.push_back({OnlyLess{(i * 7) % 4}});
  const std::vector<std::uint32_t> first = first_equal(keys);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    std::size_t earliest = 0;
    while (std::get<0>(keys[earliest]).value != std::get<0>(keys[i]).value) ++earliest;
    EXPECT_EQ(first[i], earliest) << i;
  }
}
