#include "ordered_chunks.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <string>

namespace {
using trialgraph::detail::write_ordered_chunks;

std::string numbers(std::size_t count, unsigned jobs) {
  std::ostringstream out;
  write_ordered_chunks(out, count, jobs, [](std::size_t begin, std::size_t end, std::string& text) {
    for (std::size_t i = begin; i < end; ++i) text.append(std::to_string(i)).push_back('\n');
  });
  return out.str();
}

TEST(OrderedChunks, WritesEveryItemOnceInOrderWhateverTheThreads) {
  for (std::size_t count : {0u, 1u, 255u, 256u, 257u, 100000u}) {
    std::string expected;
    for (std::size_t i = 0; i < count; ++i) expected.append(std::to_string(i)).push_back('\n');
    for (unsigned jobs : {1u, 2u, 3u, 8u}) EXPECT_EQ(numbers(count, jobs), expected) << count << " items, " << jobs << " jobs";
  }
}

TEST(OrderedChunks, AFormatterThatThrowsStopsTheWriteWithItsError) {
  std::ostringstream out;
  auto failing = [](std::size_t begin, std::size_t, std::string& text) {
    if (begin >= 50000) throw std::runtime_error("cannot format");
    text += "x";
  };
  for (unsigned jobs : {1u, 2u, 4u}) EXPECT_THROW(write_ordered_chunks(out, 100000, jobs, failing), std::runtime_error);
}

}  // namespace
