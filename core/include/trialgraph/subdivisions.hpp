// First-level subdivisions (states, provinces, regions...) as the registry writes them, to tell a
// state from a city in "Facility, City, State, Country".
#pragma once
#include <string_view>
namespace trialgraph {
/// True when `name` is a first-level subdivision of `country` (both as the registry writes them; case, accents and punctuation ignored), or a common form of one (postal abbreviations such as "CA", "NSW", local spellings such as "Baden-Württemberg"/"Baden-Wurttemberg", "Île-de-France"/"Ile de France", Chinese provinces with or without "Province"/"Sheng", municipalities such as "Beijing", "Shanghai").
bool is_known_subdivision(std::string_view country, std::string_view name);
}
