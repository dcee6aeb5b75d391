// The vertex index: an open-addressing table whose keys live elsewhere. Erasing and renumbering
// are checked against a std::map under hashes made to collide, so that probe runs are long and
// wrap around the table's end.
#include <algorithm>
#include <map>
#include <random>

#include <gtest/gtest.h>

#include "trialgraph/detail/id_table.hpp"

namespace {

using trialgraph::detail::IdTable;

struct Model {
  IdTable table;
  std::map<std::uint32_t, std::uint64_t> hash_of;  // id -> hash: the keys the table does not hold

  std::optional<std::uint32_t> find(std::uint64_t hash, std::uint32_t id) const {
    return table.find(hash, [&](std::uint32_t candidate) { return candidate == id; });
  }
  void expect_consistent() const {
    ASSERT_EQ(table.size(), hash_of.size());
    for (const auto& [id, hash] : hash_of) ASSERT_EQ(find(hash, id), id) << "id " << id;
  }
};

// Few distinct hashes, and tags whose low bits crowd the table's last slots.
std::uint64_t crowded_hash(std::mt19937& random) { return 0xfffffff0u + random() % 24; }

// Ids 0 to count - 1 under crowded hashes.
void fill(Model& m, std::uint32_t count, std::mt19937& random) {
  for (std::uint32_t id = 0; id < count; ++id) {
    std::uint64_t hash = crowded_hash(random);
    m.table.insert(hash, id);
    m.hash_of[id] = hash;
  }
}

TEST(IdTable, ErasedIdsAreGoneAndTheOthersAreStillFound) {
  std::mt19937 random(7);
  Model m;
  fill(m, 400, random);
  m.expect_consistent();
  for (int round = 0; round < 300; ++round) {
    auto victim = m.hash_of.begin();
    std::advance(victim, random() % m.hash_of.size());
    auto [id, hash] = *victim;
    m.table.erase(hash, id);
    m.hash_of.erase(victim);
    EXPECT_FALSE(m.find(hash, id)) << "erased id " << id;
    if (round % 50 == 0) m.expect_consistent();
  }
  m.expect_consistent();
  m.table.erase(0xfffffff0u, 12345);  // not there: nothing changes
  m.expect_consistent();
}

TEST(IdTable, RenumberedIdsAreFoundUnderTheirNewNumbers) {
  std::mt19937 random(11);
  Model m;
  fill(m, 100, random);
  for (std::uint32_t id = 0; id < 100; id += 3) m.table.erase(m.hash_of[id], id), m.hash_of.erase(id);
  // Close the gaps, as dropping folded vertices does.
  std::map<std::uint32_t, std::uint32_t> now;
  std::map<std::uint32_t, std::uint64_t> renumbered;
  for (const auto& [id, hash] : m.hash_of) {
    std::uint32_t next = std::uint32_t(now.size());
    now[id] = next;
    renumbered[next] = hash;
  }
  m.table.renumber([&](std::uint32_t id) { return now.at(id); });
  m.hash_of = renumbered;
  m.expect_consistent();
}

TEST(IdTable, ReservingRoomKeepsWhatIsThereAndTakesMoreWithoutLosingAny) {
  std::mt19937 random(13);
  Model m;
  m.table.reserve(0);  // no room asked: nothing changes
  fill(m, 50, random);
  m.table.reserve(10);  // less than it holds: nothing lost
  m.expect_consistent();
  m.table.reserve(5000);  // every id placed again in the larger table
  m.expect_consistent();
  for (std::uint32_t id = 50; id < 3000; ++id) {
    std::uint64_t hash = random();
    m.table.insert(hash, id);
    m.hash_of[id] = hash;
  }
  m.expect_consistent();
}

}  // namespace

namespace {

TEST(IdTable, TheCandidatesOfAHashAreTheIdsFindWouldConfirm) {
  std::mt19937 random(11);
  Model m;
  fill(m, 300, random);
  for (const auto& [id, hash] : m.hash_of) {
    std::vector<std::uint32_t> candidates, asked;
    m.table.for_each_candidate(hash, [&](std::uint32_t c) { candidates.push_back(c); });
    m.table.find(hash, [&](std::uint32_t c) { asked.push_back(c); return c == id; });
    ASSERT_NE(std::find(candidates.begin(), candidates.end(), id), candidates.end()) << "id " << id;
    // find stops at its id; the candidates go on to the end of the probe run
    ASSERT_TRUE(std::equal(asked.begin(), asked.end(), candidates.begin())) << "id " << id;
  }
  IdTable empty;
  empty.prefetch(42);  // no slots: nothing to ask for
  empty.for_each_candidate(42, [](std::uint32_t) { FAIL() << "an empty table has no candidates"; });
}

}  // namespace
