// An open-addressing hash set of 32-bit ids whose keys live elsewhere (the graph's nodes): eight
// bytes a slot, where a hash map held a node and a copy of the key for each entry.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace trialgraph::detail {

class IdTable {
 public:
  /// The id stored under `hash` for which `same(id)` holds, if any.
  template <class Same>
  std::optional<std::uint32_t> find(std::uint64_t hash, Same&& same) const {
    if (slots_.empty()) return std::nullopt;
    const std::uint32_t tag = tag_of(hash);
    for (std::size_t i = tag & mask(); slots_[i].id_plus_one; i = (i + 1) & mask())
      if (slots_[i].tag == tag && same(slots_[i].id_plus_one - 1)) return slots_[i].id_plus_one - 1;
    return std::nullopt;
  }

  /// Brings the slot where a probe for `hash` starts into the cache, for a lookup to come.
  void prefetch(std::uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[tag_of(hash) & mask()]);
  }

  /// Calls `candidate(id)` for each id whose slot bears `hash`'s tag: those find() would confirm.
  template <class Candidate>
  void for_each_candidate(std::uint64_t hash, Candidate&& candidate) const {
    if (slots_.empty()) return;
    const std::uint32_t tag = tag_of(hash);
    for (std::size_t i = tag & mask(); slots_[i].id_plus_one; i = (i + 1) & mask())
      if (slots_[i].tag == tag) candidate(slots_[i].id_plus_one - 1);
  }

  /// Adds `id` under `hash`; the caller knows it is not there yet.
  void insert(std::uint64_t hash, std::uint32_t id) {
    if ((used_ + 1) * 10 > slots_.size() * 7) grow();
    place({tag_of(hash), id + 1});
    ++used_;
  }

  /// Room for `count` ids in all without growing.
  void reserve(std::size_t count) {
    std::size_t slots = slots_.empty() ? 16 : slots_.size();
    while (count * 10 > slots * 7) slots *= 2;
    if (slots > slots_.size()) rehash(slots);
  }

  /// Removes `id`, stored under `hash`, closing the gap so that later probes still find theirs.
  void erase(std::uint64_t hash, std::uint32_t id) {
    if (slots_.empty()) return;
    std::size_t i = tag_of(hash) & mask();
    while (slots_[i].id_plus_one && slots_[i].id_plus_one != id + 1) i = (i + 1) & mask();
    if (!slots_[i].id_plus_one) return;
    // Backward shift: a later slot moves into the gap unless its probe starts after the gap.
    for (std::size_t j = (i + 1) & mask(); slots_[j].id_plus_one; j = (j + 1) & mask()) {
      std::size_t home = slots_[j].tag & mask();
      bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (stays) continue;
      slots_[i] = slots_[j];
      i = j;
    }
    slots_[i] = Slot{};
    --used_;
  }

  /// Gives every id its new number, `renumbered(id)`; hashes, and so places, stay.
  template <class Renumbered>
  void renumber(Renumbered&& renumbered) {
    for (Slot& s : slots_)
      if (s.id_plus_one) s.id_plus_one = std::uint32_t(renumbered(s.id_plus_one - 1)) + 1;
  }

  void clear() {
    slots_.clear();
    used_ = 0;
  }
  std::size_t size() const { return used_; }

 private:
  struct Slot {
    std::uint32_t tag = 0;          // the hash's bits: the probe starts there and compares them first
    std::uint32_t id_plus_one = 0;  // 0: free
  };
  static std::uint32_t tag_of(std::uint64_t hash) { return std::uint32_t(hash ^ (hash >> 32)); }
  std::size_t mask() const { return slots_.size() - 1; }
  void place(Slot slot) {
    std::size_t i = slot.tag & mask();
    while (slots_[i].id_plus_one) i = (i + 1) & mask();
    slots_[i] = slot;
  }
  void grow() { rehash(slots_.empty() ? 16 : slots_.size() * 2); }
  void rehash(std::size_t slots) {
    std::vector<Slot> old(slots);
    old.swap(slots_);
    for (const Slot& s : old)
      if (s.id_plus_one) place(s);
  }

  std::vector<Slot> slots_;
  std::size_t used_ = 0;
};

}  // namespace trialgraph::detail
