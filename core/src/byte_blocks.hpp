// Byte classes sixteen bytes at a time (SSE2), for scans that look for a few kinds of byte in
// long texts. A class is a mask whose bit k stands for byte k of the block.
#pragma once

#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace trialgraph::byte_blocks {

constexpr std::size_t kSize = 16;

/// Calls visit(base + k) for each bit k set in `mask`, lowest first.
template <class Visit>
void for_each_bit(unsigned mask, std::size_t base, Visit&& visit) {
  for (; mask != 0; mask &= mask - 1) visit(base + unsigned(__builtin_ctz(mask)));
}

#if defined(__SSE2__)
inline __m128i load(const char* at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)); }
/// Every byte with 0x20 set: ASCII letters in lower case (some other bytes change too, so
/// compare the result with lower-case letters only).
inline __m128i lower_letters(__m128i bytes) { return _mm_or_si128(bytes, _mm_set1_epi8(0x20)); }
inline unsigned mask(__m128i lanes) { return unsigned(_mm_movemask_epi8(lanes)); }
inline unsigned equal(__m128i bytes, char c) { return mask(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(c))); }
/// The bytes from `low` to `high`, as unsigned bytes.
inline unsigned within(__m128i bytes, unsigned char low, unsigned char high) {
  __m128i offset = _mm_sub_epi8(bytes, _mm_set1_epi8(char(low)));
  return mask(_mm_cmpeq_epi8(_mm_min_epu8(offset, _mm_set1_epi8(char(high - low))), offset));
}
#endif

}  // namespace trialgraph::byte_blocks
