// Merge keys: how two documents' views of one thing come to the same node.
// Every plugin builds keys with these functions so that merging does not depend on the source format.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace trialgraph {

/// Lower-cases ASCII and the Latin, Greek and Cyrillic letters of UTF-8 ("HÔPITAUX" -> "hôpitaux"),
/// drops apostrophes (' and ’), turns other ASCII punctuation into spaces, collapses and trims white space.
std::string fold_text(std::string_view text);

/// "NCT01234567" when `text` is a registry id in any case, otherwise "".
std::string normalize_nct_id(std::string_view text);

/// The NCT id when known, otherwise "title:" + the folded title.
std::string trial_key(std::string_view nct_id, std::string_view title);
/// Folded organization name without legal suffixes (Inc., Co., Ltd., GmbH, ...).
std::string sponsor_key(std::string_view name);
std::string drug_key(std::string_view name);
/// A MeSH descriptor id in MeSH's own form ("D000008180" -> "D008180"), or "" if `text` is none.
std::string normalize_mesh_id(std::string_view text);
/// The MeSH id when known, otherwise the folded name.
std::string disease_key(std::string_view mesh_id, std::string_view name);
std::string antigen_key(std::string_view symbol);
/// Folded facility, city, state and country joined with '|'.
std::string site_key(std::string_view facility, std::string_view city, std::string_view state,
                     std::string_view country);

/// FNV-1a, 64 bits, of `text`, continuing from `hash`: fixed by its definition, so what it names
/// (IRIs) stays the same across builds and machines. Pieces fed in turn hash their concatenation.
inline constexpr std::uint64_t kFnv1aOffset = 14695981039346656037ull;
std::uint64_t fnv1a_64(std::string_view text, std::uint64_t hash = kFnv1aOffset);

/// Lower-case ASCII letters, digits and hyphens, for IRIs: accents are transliterated, other
/// non-ASCII characters spelled as their code points, and the '|' between the fields of a
/// composite key becomes "--". A key that does not read back from that (upper case, punctuation,
/// non-ASCII) gets "---" and a 64-bit hash of itself appended, so distinct keys never share a slug.
std::string slug(std::string_view key);
/// slug(key), appended to `out`: for writers that spell millions of IRIs.
void append_slug(std::string& out, std::string_view key);

}  // namespace trialgraph
