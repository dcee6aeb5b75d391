// The whole-graph passes on threads: shares cover their range once, and the export order and a
// fold come out the same on any number of threads.
#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "trialgraph/detail/shares.hpp"
#include "trialgraph/exporters.hpp"
#include "trialgraph/graph.hpp"

namespace {

using namespace trialgraph;

TEST(Shares, CoverTheRangeOnceInOrder) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges(3);
  detail::for_each_share(1000, 3, [&](unsigned share, std::size_t begin, std::size_t end) { ranges[share] = {begin, end}; });
  EXPECT_EQ(ranges.front().first, 0u);
  EXPECT_EQ(ranges.back().second, 1000u);
  for (std::size_t i = 1; i < ranges.size(); ++i) EXPECT_EQ(ranges[i].first, ranges[i - 1].second);
}

TEST(Shares, AFailureComesBackAfterEveryShareEnded) {
  std::vector<int> ran(4, 0);
  EXPECT_THROW(detail::for_each_share(400, 4, [&](unsigned share, std::size_t, std::size_t) {
    ran[share] = 1;
    if (share == 1) throw std::runtime_error("share 1");
  }), std::runtime_error);
  EXPECT_EQ(ran, (std::vector<int>{1, 1, 1, 1}));
}

TEST(Shares, AThreadIsWorthItOnlyForEnoughItems) {
  EXPECT_EQ(detail::share_count(100, 4, 50), 2u);
  EXPECT_EQ(detail::share_count(10, 4, 1000), 1u);
  EXPECT_EQ(detail::share_count(0, 4, 1), 1u);
  EXPECT_GE(detail::share_count(1 << 20, 0, 1), 1u);  // 0: one per core
}

// Keys that share their first 16 bytes, as the registry's site names do, so that the sort has
// ties to break by the whole key, inserted in a shuffled order.
Graph shuffled_graph(std::size_t sites) {
  std::vector<std::size_t> order(sites);
  for (std::size_t i = 0; i < sites; ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937(7));
  Graph g;
  for (std::size_t i : order) {
    std::string number = std::to_string(i);
    g.merge_entity({"Site", "university hospital s" + number + "|city " + std::to_string(i % 7), "", {}, {}}, "s");
    g.merge_entity({i % 3 ? "Arm" : "Trial", "NCT" + std::string(8 - std::min<std::size_t>(8, number.size()), '0') + number, "", {}, {}}, "s");
    if (i % 5 == 0) g.merge_entity({"Disease", "lupus " + number, "Lupus " + number, {}, {}}, "s");
    if (i % 10 == 0) g.merge_entity({"Disease", "D" + number, "Lupus " + number, {}, {{"mesh_id", "D" + number}}}, "s");
    g.merge_relation({"STUDIES", {i % 3 ? "Arm" : "Trial", "NCT" + std::string(8 - std::min<std::size_t>(8, number.size()), '0') + number},
                      {"Disease", "lupus " + std::to_string(i - i % 5)}, {}}, "s");
  }
  return g;
}

std::string graphml(const Graph& g) {
  std::ostringstream out;
  write_graphml(g, out);
  return out.str();
}

TEST(Graph, TheExportOrderIsTheSameOnAnyNumberOfThreads) {
  // More than two shares' worth of vertices, so that two threads sort two buckets.
  const std::size_t sites = 90000;
  std::vector<std::string> keys[2];
  for (unsigned jobs : {1u, 2u}) {
    Graph g = shuffled_graph(sites);
    ASSERT_GT(g.node_count(), 2u * (1u << 16));
    g.prepare_export_order(jobs);
    g.for_each_node([&](const Node& n) { keys[jobs - 1].push_back(n.label + ":" + n.key); });
  }
  EXPECT_EQ(keys[0], keys[1]);
  EXPECT_TRUE(std::is_sorted(keys[0].begin(), keys[0].end()));
  EXPECT_EQ(std::adjacent_find(keys[0].begin(), keys[0].end()), keys[0].end());
}

TEST(Graph, AFoldOnThreadsGivesTheSameGraph) {
  const std::size_t sites = 40000;
  Graph one = shuffled_graph(sites), two = shuffled_graph(sites);
  EXPECT_EQ(one.merge_named_into_coded("Disease", "mesh_id", 1), sites / 10);
  EXPECT_EQ(two.merge_named_into_coded("Disease", "mesh_id", 2), sites / 10);
  EXPECT_EQ(graphml(one), graphml(two));
  EXPECT_EQ(one.find("Disease", "lupus 10"), nullptr) << "merged into D10";
  EXPECT_NE(one.find("Disease", "lupus 5"), nullptr) << "no coded twin";
}

}  // namespace
