#include "trialgraph/subdivisions.hpp"

#include <initializer_list>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "trialgraph/keys.hpp"

// The gazetteer is a set of "country|name" keys, both sides folded with fold_text and then with
// their Latin accents taken off (fold_text keeps "é", "ü", "ł", "ş"...). The registry's state field
// follows ISO 3166-2 names more or less ("Seoul-teukbyeolsi [Seoul]", "Valenciana, Comunitat",
// "Aargau (de)"), local names ("Bayern", "Lombardia") or English ones ("Bavaria", "Lombardy"), with
// or without a word for the kind of unit ("Hubei Province", "Samara Oblast", "Csongrád megye"), so
// a query tries the name as written, its bracketed and reordered parts, and the name without such
// words; a bare name is only listed where the unit itself goes by it (Russian oblasts, Swedish län,
// Lithuanian counties... are named after their capital cities, so only "Samara Oblast",
// "Samarskaya", "Stockholms län" are listed, not "Samara" or "Stockholm").

namespace trialgraph {
namespace {

// ---------------------------------------------------------------------------------------------
// Normalization

// Base letters of U+0100..U+017F (Latin Extended-A); '*' = "ij", '#' = "oe".
constexpr char kLatinExtendedA[] =
    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "**" "jj" "kkk"
    "llllllllll" "nnnnnnnnn" "oooooo" "##" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy"
    "zzzzzz" "s";
static_assert(sizeof kLatinExtendedA - 1 == 0x80, "one letter per code point");

// Base letters of U+00C0..U+00FF; '*' marks the signs × and ÷.
constexpr char kLatin1[] = "aaaaaaaceeeeiiiidnooooo*ouuuuyts" "aaaaaaaceeeeiiiidnooooo*ouuuuyty";
static_assert(sizeof kLatin1 - 1 == 0x40, "one letter per code point");

char32_t decode(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
  if (extra < 0 || i + extra >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = extra == 0 ? c : (c & (0x3F >> extra));
  for (int k = 1; k <= extra; ++k) {
    auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc >> 6) != 2) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += extra + 1;
  return cp;
}

// ASCII for an accented Latin letter, " " for a space or dash, "" for a sign to drop; nullptr
// when the code point is kept as it is.
const char* unaccent(char32_t cp) {
  static const char* const kLetter[26] = {"a", "b", "c", "d", "e", "f", "g", "h", "i",
                                          "j", "k", "l", "m", "n", "o", "p", "q", "r",
                                          "s", "t", "u", "v", "w", "x", "y", "z"};
  auto letter = [](char c) { return kLetter[c - 'a']; };
  if (cp == 0xDF) return "ss";
  if (cp == 0xC6 || cp == 0xE6) return "ae";
  if (cp == 0xDE || cp == 0xFE) return "th";
  if (cp >= 0xC0 && cp <= 0xFF) {
    char c = kLatin1[cp - 0xC0];
    return c == '*' ? " " : letter(c);
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    char c = kLatinExtendedA[cp - 0x100];
    return c == '*' ? "ij" : c == '#' ? "oe" : letter(c);
  }
  switch (cp) {
    case 0x1CD: case 0x1CE: return "a";  // ǎ
    case 0x1CF: case 0x1D0: return "i";  // ǐ
    case 0x1D1: case 0x1D2: return "o";  // ǒ (McCune-Reischauer Korean)
    case 0x1D3: case 0x1D4: return "u";  // ǔ
    case 0x1A0: case 0x1A1: return "o";  // ơ
    case 0x1AF: case 0x1B0: return "u";  // ư
    case 0x218: case 0x219: return "s";  // ș (Romanian)
    case 0x21A: case 0x21B: return "t";  // ț
    case 0xA0: case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
      return " ";
    case 0x2BB: case 0x2BC: case 0x2BF: case 0x2018: case 0x2019: case 0xB4:
      return "";  // okina, modifier apostrophes, acute accent sign
    default: break;
  }
  if (cp >= 0x300 && cp <= 0x36F) return "";  // combining accents of decomposed text
  return nullptr;
}

// Connectors that some writers leave out ("Castilla Leon", "Monza Brianza", "Tyne & Wear").
bool is_connector(std::string_view w) {
  return w == "and" || w == "y" || w == "e" || w == "et" || w == "und" || w == "og";
}

// Collapses spaces and drops connector words (except a first word, which may be "E" for "East").
std::string tidy(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (j > i) {
      std::string_view word = text.substr(i, j - i);
      if (out.empty() || !is_connector(word)) {
        if (!out.empty()) out += ' ';
        out.append(word.data(), word.size());
      }
    }
    i = j;
  }
  return out;
}

// fold_text, then the Latin accents taken off ("Île-de-France" -> "ile de france").
std::string normalize(std::string_view text) {
  std::string folded = fold_text(text);
  std::string out;
  out.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size();) {
    std::size_t start = i;
    char32_t cp = decode(folded, i);
    if (cp < 0x80) {
      out.push_back(char(cp));
      continue;
    }
    if (const char* base = unaccent(cp)) {
      out += base;
    } else {
      out.append(folded, start, i - start);
    }
  }
  return tidy(out);
}

// The German way with umlauts ("Baden-Wuerttemberg", "Thueringen"), and å/ø as "aa"/"oe".
std::string umlauts_spelled_out(std::string_view text) {
  std::string folded = fold_text(text);
  static const std::pair<std::string_view, std::string_view> kPairs[] = {
      {"\xC3\xA4", "ae"}, {"\xC3\xB6", "oe"}, {"\xC3\xBC", "ue"}, {"\xC3\xA5", "aa"},
      {"\xC3\xB8", "oe"}};
  std::string out;
  for (std::size_t i = 0; i < folded.size();) {
    bool replaced = false;
    for (const auto& [from, to] : kPairs) {
      if (folded.compare(i, from.size(), from) == 0) {
        out += to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out.push_back(folded[i++]);
  }
  return normalize(out);
}

// Kunrei-shiki romanization of a Hepburn name ("Fukuoka" -> "hukuoka", "Chiba" -> "tiba").
std::string kunrei(std::string text) {
  static const std::pair<std::string_view, std::string_view> kPairs[] = {
      {"shi", "si"}, {"chi", "ti"}, {"tsu", "tu"}, {"fu", "hu"}, {"ji", "zi"},
      {"sh", "sy"},  {"ch", "ty"}};
  for (const auto& [from, to] : kPairs) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      text.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return text;
}

std::string without_spaces(const std::string& text) {
  std::string out;
  for (char c : text)
    if (c != ' ') out.push_back(c);
  return out;
}

bool starts_with_word(const std::string& text, const std::string& prefix) {
  return text.size() > prefix.size() + 1 && text.compare(0, prefix.size(), prefix) == 0 &&
         text[prefix.size()] == ' ';
}

bool ends_with_word(const std::string& text, const std::string& suffix) {
  return text.size() > suffix.size() + 1 &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0 &&
         text[text.size() - suffix.size() - 1] == ' ';
}

// ---------------------------------------------------------------------------------------------
// The tables

struct Gazetteer {
  std::unordered_set<std::string> keys;                       // "country|name", "country|~name"
  std::unordered_map<std::string, std::string> countries;     // any spelling -> canonical
  std::unordered_map<std::string, std::vector<std::string>> prefixes;  // canonical -> extra
  std::unordered_map<std::string, std::vector<std::string>> suffixes;  // canonical -> extra
  std::unordered_map<std::string, std::vector<std::string>> glued;     // "gyeonggido", "aichiken"
  std::unordered_set<std::string> spaceless;  // countries whose names are also kept without spaces
  std::vector<std::string> generic_prefixes;
  std::vector<std::string> generic_suffixes;
};

class Builder {
 public:
  explicit Builder(Gazetteer& g) : g_(g) {}

  void country(std::initializer_list<const char*> spellings) {
    canon_.clear();
    kunrei_ = false;
    for (const char* s : spellings) {
      std::string n = normalize(s);
      if (canon_.empty()) canon_ = n;
      g_.countries[n] = canon_;
    }
  }
  void kunrei_too() { kunrei_ = true; }
  void spaceless() { g_.spaceless.insert(canon_); }
  void prefixes(std::initializer_list<const char*> words) { append(g_.prefixes[canon_], words); }
  void suffixes(std::initializer_list<const char*> words) { append(g_.suffixes[canon_], words); }
  void glued(std::initializer_list<const char*> words) { append(g_.glued[canon_], words); }

  void names(std::initializer_list<const char*> list) {
    for (const char* n : list) add(n);
  }

  void add(std::string_view name) {
    insert(normalize(name));
    insert(umlauts_spelled_out(name));
  }

  // "<stem> <word>" for every stem and word: "Samara Oblast", "Samara Region"...
  void combine(std::initializer_list<const char*> stems, std::initializer_list<const char*> words) {
    for (const char* s : stems)
      for (const char* w : words) add(std::string(s) + " " + w);
  }

 private:
  void insert(const std::string& n) {
    if (n.empty()) return;
    g_.keys.insert(canon_ + "|" + n);
    if (g_.spaceless.count(canon_)) g_.keys.insert(canon_ + "|~" + without_spaces(n));
    if (kunrei_) {
      std::string k = kunrei(n);
      g_.keys.insert(canon_ + "|" + k);
    }
  }
  static void append(std::vector<std::string>& to, std::initializer_list<const char*> words) {
    for (const char* w : words) to.push_back(normalize(w));
  }

  Gazetteer& g_;
  std::string canon_;
  bool kunrei_ = false;
};

void add_north_america(Builder& b) {
  b.country({"United States", "United States of America", "USA", "US", "U.S.", "U.S.A.",
             "America"});
  b.prefixes({"commonwealth of"});
  b.names({"Alabama", "AL", "Ala", "Alaska", "AK", "Arizona", "AZ", "Ariz", "Arkansas", "AR",
           "Ark", "California", "CA", "Calif", "Cal", "Colorado", "CO", "Colo", "Connecticut",
           "CT", "Conn", "Delaware", "DE", "Del", "Florida", "FL", "Fla", "Georgia", "GA",
           "Hawaii", "Hawaiʻi", "HI", "Idaho", "ID", "Illinois", "IL", "Ill", "Indiana", "IN",
           "Ind", "Iowa", "IA", "Kansas", "KS", "Kan", "Kans", "Kentucky", "KY", "Louisiana",
           "LA", "Maine", "ME", "Maryland", "MD", "Massachusetts", "MA", "Mass", "Michigan",
           "MI", "Mich", "Minnesota", "MN", "Minn", "Mississippi", "MS", "Miss", "Missouri",
           "MO", "Montana", "MT", "Mont", "Nebraska", "NE", "Neb", "Nebr", "Nevada", "NV",
           "Nev", "New Hampshire", "NH", "New Jersey", "NJ", "New Mexico", "NM", "New York",
           "NY", "North Carolina", "NC", "North Dakota", "ND", "Ohio", "OH", "Oklahoma", "OK",
           "Okla", "Oregon", "OR", "Ore", "Oreg", "Pennsylvania", "PA", "Penn", "Penna",
           "Rhode Island", "RI", "South Carolina", "SC", "South Dakota", "SD", "Tennessee",
           "TN", "Tenn", "Texas", "TX", "Tex", "Utah", "UT", "Vermont", "VT", "Virginia", "VA",
           "Washington", "WA", "Wash", "West Virginia", "WV", "Wisconsin", "WI", "Wis", "Wisc",
           "Wyoming", "WY", "Wyo", "District of Columbia", "DC", "Washington DC",
           "Washington, D.C.", "Puerto Rico", "PR", "Guam", "GU", "U.S. Virgin Islands",
           "US Virgin Islands", "United States Virgin Islands", "Virgin Islands", "VI",
           "American Samoa", "AS", "Northern Mariana Islands", "MP",
           "United States Minor Outlying Islands", "UM"});

  b.country({"Canada"});
  b.names({"Alberta", "AB", "Alta", "British Columbia", "BC", "Colombie-Britannique",
           "Manitoba", "MB", "New Brunswick", "NB", "Nouveau-Brunswick",
           "Newfoundland and Labrador", "Newfoundland", "NL", "NF", "Nfld",
           "Terre-Neuve-et-Labrador", "Nova Scotia", "NS", "Nouvelle-Écosse", "Ontario", "ON",
           "Ont", "Prince Edward Island", "PE", "PEI", "Île-du-Prince-Édouard", "Quebec",
           "Québec", "QC", "PQ", "Que", "Saskatchewan", "SK", "Sask", "Northwest Territories",
           "NT", "NWT", "Territoires du Nord-Ouest", "Nunavut", "NU", "Yukon", "YT", "YK",
           "Yukon Territory"});

  b.country({"Mexico", "México", "United Mexican States", "Estados Unidos Mexicanos"});
  b.names({"Aguascalientes", "Baja California", "Baja California Norte", "Baja California Sur",
           "Campeche", "Chiapas", "Chihuahua", "Ciudad de México", "Mexico City", "CDMX",
           "Distrito Federal", "Federal District", "México D.F.", "Coahuila",
           "Coahuila de Zaragoza", "Colima", "Durango", "Guanajuato", "Guerrero", "Hidalgo",
           "Jalisco", "Estado de México", "State of Mexico", "Edo. de México", "Edomex",
           "Mexico State", "Michoacán", "Michoacán de Ocampo", "Morelos", "Nayarit",
           "Nuevo León", "Oaxaca", "Puebla", "Querétaro", "Querétaro de Arteaga",
           "Quintana Roo", "San Luis Potosí", "Sinaloa", "Sonora", "Tabasco", "Tamaulipas",
           "Tlaxcala", "Veracruz", "Veracruz de Ignacio de la Llave", "Yucatán", "Zacatecas"});
}

void add_latin_america(Builder& b) {
  b.country({"Brazil", "Brasil"});
  b.names({"Acre", "AC", "Alagoas", "AL", "Amapá", "AP", "Amazonas", "AM", "Bahia", "BA",
           "Ceará", "CE", "Distrito Federal", "Federal District", "DF", "Espírito Santo", "ES",
           "Goiás", "GO", "Maranhão", "MA", "Mato Grosso", "MT", "Mato Grosso do Sul", "MS",
           "Minas Gerais", "MG", "Pará", "PA", "Paraíba", "PB", "Paraná", "PR", "Pernambuco",
           "PE", "Piauí", "PI", "Rio de Janeiro", "RJ", "Rio Grande do Norte", "RN",
           "Rio Grande do Sul", "RS", "Rondônia", "RO", "Roraima", "RR", "Santa Catarina", "SC",
           "São Paulo", "SP", "Sergipe", "SE", "Tocantins", "TO"});

  b.country({"Argentina", "Argentine Republic"});
  b.names({"Buenos Aires", "Catamarca", "Chaco", "Chubut", "Córdoba", "Corrientes",
           "Entre Ríos", "Formosa", "Jujuy", "La Pampa", "La Rioja", "Mendoza", "Misiones",
           "Neuquén", "Río Negro", "Salta", "San Juan", "San Luis", "Santa Cruz", "Santa Fe",
           "Santiago del Estero", "Tierra del Fuego",
           "Tierra del Fuego, Antártida e Islas del Atlántico Sur", "Tucumán",
           "Ciudad Autónoma de Buenos Aires", "Ciudad Autonoma Buenos Aires",
           "Ciudad Auton. de Buenos Aires", "Ciuadad Autonoma de Buenos Aires",
           "Ciudad de Buenos Aires", "Autonomous City of Buenos Aires", "Buenos Aires City",
           "Capital Federal", "CABA"});

  b.country({"Chile"});
  b.names({"Arica y Parinacota", "Tarapacá", "Antofagasta", "Atacama", "Coquimbo", "Valparaíso",
           "Metropolitana", "Región Metropolitana", "Region Metropolitana de Santiago",
           "Santiago Metropolitan", "Santiago Metropolitan Region", "Metropolitan Region",
           "O'Higgins", "Libertador General Bernardo O'Higgins", "Maule", "Ñuble", "Biobío",
           "Bío Bío", "Bio-Bio", "Araucanía", "La Araucanía", "Los Ríos", "Los Lagos", "Aysén",
           "Aisén", "Aysén del General Carlos Ibáñez del Campo",
           "Aisén del General Carlos Ibáñez del Campo", "Magallanes",
           "Magallanes y de la Antártica Chilena", "Magallanes y Antártica Chilena"});

  b.country({"Colombia"});
  b.names({"Amazonas", "Antioquia", "Arauca", "Atlántico", "Bolívar", "Boyacá", "Caldas",
           "Caquetá", "Casanare", "Cauca", "Cesar", "Chocó", "Córdoba", "Cundinamarca", "Guainía",
           "Guaviare", "Huila", "La Guajira", "Guajira", "Magdalena", "Meta", "Nariño",
           "Norte de Santander", "Putumayo", "Quindío", "Risaralda", "San Andrés",
           "San Andrés y Providencia", "San Andrés, Providencia y Santa Catalina", "Santander",
           "Sucre", "Tolima", "Valle del Cauca", "Valle", "Vaupés", "Vichada", "Bogotá",
           "Bogotá D.C.", "Bogotá Distrito Capital", "Distrito Capital",
           "Distrito Capital de Bogotá"});
}

void add_east_asia(Builder& b) {
  b.country({"China", "People's Republic of China", "PR China", "P.R. China", "PRC",
             "China, People's Republic of", "Mainland China"});
  b.spaceless();
  // Not "city" or "shi": "Jilin City" is a city of Jilin province; only the four municipalities
  // go by "<Name> City"/"<Name> Shi" (listed below).
  b.suffixes({"sheng", "municipality", "zizhiqu", "sar", "special administrative region",
              "autonomous region", "province"});
  b.names({"Anhui", "Fujian", "Gansu", "Guangdong", "Guizhou", "Hainan", "Hebei",
           "Heilongjiang", "Henan", "Hubei", "Hunan", "Jiangsu", "Jiangxi", "Jilin", "Liaoning",
           "Qinghai", "Shaanxi", "Shanxi", "Shandong", "Sichuan", "Yunnan", "Zhejiang",
           "Guangxi", "Guangxi Zhuang", "Guangxi Zhuangzu", "Inner Mongolia", "Nei Mongol", "Neimenggu", "Ningxia",
           "Ningxia Hui", "Ningxia Huizu", "Ningxia Huizi", "Tibet", "Xizang", "Xinjiang", "Xinjiang Uygur", "Xinjiang Uyghur",
           "Beijing", "Peking", "Shanghai", "Tianjin", "Tianjing", "Chongqing", "Hong Kong",
           "Macau", "Macao"});
  b.combine({"Beijing", "Shanghai", "Tianjin", "Chongqing"}, {"Shi", "City"});

  b.country({"Taiwan", "Taiwan, Province of China", "Taiwan (Republic of China)",
             "Republic of China", "Taiwan ROC", "Chinese Taipei"});
  b.spaceless();
  b.suffixes({"county", "xian"});
  b.names({"Taipei", "New Taipei", "Taoyuan", "Taichung", "Tainan", "Kaohsiung", "Keelung",
           "Chilung", "Hsinchu", "Chiayi", "Miaoli", "Changhua", "Nantou", "Yunlin", "Pingtung",
           "Yilan", "Ilan", "Hualien", "Taitung", "Penghu", "Kinmen", "Lienchiang", "Matsu"});
  // The special municipalities and provincial cities; "Hualien City" and the like are not.
  b.combine({"Taipei", "New Taipei", "Taoyuan", "Taichung", "Tainan", "Kaohsiung", "Keelung",
             "Hsinchu", "Chiayi"},
            {"City", "Shi"});

  b.country({"Japan"});
  b.kunrei_too();
  b.suffixes({"ken", "to", "fu", "do", "metropolis", "metropolitan"});  // not "city"
  b.glued({"ken"});
  b.names({"Hokkaido", "Hokkai-do", "Aomori", "Iwate", "Miyagi", "Akita", "Yamagata",
           "Fukushima", "Ibaraki", "Tochigi", "Gunma", "Gumma", "Saitama", "Chiba", "Tokyo",
           "Tokio", "Kanagawa", "Niigata", "Toyama", "Ishikawa", "Fukui", "Yamanashi", "Nagano",
           "Gifu", "Shizuoka", "Aichi", "Mie", "Shiga", "Kyoto", "Osaka", "Hyogo", "Hyougo",
           "Nara", "Wakayama", "Tottori", "Shimane", "Okayama", "Hiroshima", "Yamaguchi",
           "Tokushima", "Kagawa", "Ehime", "Kochi", "Kouchi", "Fukuoka", "Saga", "Nagasaki",
           "Kumamoto", "Oita", "Ooita", "Ohita", "Miyazaki", "Kagoshima", "Okinawa"});

  b.country({"Korea, Republic of", "Republic of Korea", "South Korea", "Korea", "Korea, South",
             "Korea (South)", "Korea Republic"});
  b.spaceless();
  b.suffixes({"do", "si", "shi", "teukbyeolsi", "teugbyeolsi", "teuk", "teukbyeol", "gwangyeoksi",
              "gwangyeogsi", "gwangyeokshi", "kwangyokshi", "kwangyoksi", "gw", "gwang",
              "yeoksi", "yeogsi", "teukbyeoljachisi", "teukbyeoljachido", "jachisi", "jachido",
              "metropolitan", "special", "city", "province", "self", "governing", "state"});
  b.glued({"do"});
  b.names({"Seoul", "Busan", "Pusan", "Daegu", "Taegu", "Incheon", "Inchon", "Gwangju",
           "Kwangju", "Daejeon", "Taejon", "Ulsan", "Sejong", "Gyeonggi", "Kyonggi", "Gangwon",
           "Kangwon", "Chungcheongbuk", "Chungchongbuk", "Chungbuk", "North Chungcheong",
           "Chungcheongnam", "Chungchongnam", "Chungnam", "South Chungcheong", "Jeollabuk",
           "Chollabuk", "Jeonbuk", "North Jeolla", "Jeollanam", "Chollanam", "Jeonnam",
           "South Jeolla", "Gyeongsangbuk", "Kyongsangbuk", "Gyeongbuk", "North Gyeongsang",
           "Gyeongsangnam", "Kyongsangnam", "Gyeongnam", "South Gyeongsang", "Jeju", "Cheju"});
}

void add_oceania_and_africa(Builder& b) {
  b.country({"Australia", "Commonwealth of Australia"});
  b.names({"New South Wales", "NSW", "Victoria", "VIC", "Queensland", "QLD", "South Australia",
           "SA", "Western Australia", "WA", "Tasmania", "TAS", "Australian Capital Territory",
           "ACT", "Northern Territory", "NT", "Jervis Bay Territory"});

  b.country({"New Zealand", "Aotearoa"});
  b.names({"Northland", "Auckland", "Waikato", "Bay of Plenty", "Gisborne", "Hawke's Bay",
           "Taranaki", "Manawatū-Whanganui", "Manawatu-Wanganui", "Wellington", "Tasman",
           "Nelson", "Marlborough", "West Coast", "Canterbury", "Otago", "Southland", "Chatham Islands",
           "Chatham Islands Territory"});

  b.country({"South Africa", "Republic of South Africa"});
  b.names({"Eastern Cape", "Free State", "Gauteng", "KwaZulu-Natal", "Natal", "Limpopo",
           "Northern Province", "Mpumalanga", "Northern Cape", "North West", "North-West",
           "Western Cape"});
}

void add_south_asia_and_middle_east(Builder& b) {
  b.country({"India", "Republic of India", "Bharat"});
  b.names({"Andhra Pradesh", "Arunachal Pradesh", "Assam", "Bihar", "Chhattisgarh",
           "Chattisgarh", "Goa", "Gujarat", "Haryana", "Himachal Pradesh", "Jharkhand",
           "Karnataka", "Kerala", "Madhya Pradesh", "Maharashtra", "Manipur", "Meghalaya",
           "Mizoram", "Nagaland", "Odisha", "Orissa", "Punjab", "Rajasthan", "Sikkim",
           "Tamil Nadu", "Tamilnadu", "Telangana", "Tripura", "Uttar Pradesh", "Uttarakhand",
           "Uttaranchal", "West Bengal", "Andaman and Nicobar Islands", "Andaman and Nicobar",
           "Chandigarh", "Dadra and Nagar Haveli and Daman and Diu", "Dadra and Nagar Haveli",
           "Daman and Diu", "Delhi", "NCT of Delhi", "National Capital Territory of Delhi",
           "Delhi NCT", "Jammu and Kashmir", "Ladakh", "Lakshadweep", "Puducherry",
           "Pondicherry"});

  b.country({"Israel"});
  b.suffixes({"district"});
  b.names({"Jerusalem", "Yerushalayim", "Northern", "North", "HaZafon", "Ha Tsafon", "Haifa",
           "Hefa", "Central", "Center", "Centre", "HaMerkaz", "Tel Aviv", "Tel Aviv-Yafo",
           "Tel Aviv-Jaffa", "Southern", "South", "HaDarom",
           // the Arabic names ISO 3166-2 also gives
           "Al Quds", "Ash Shamali", "Al Awsat", "Tall Abib", "Al Janubi"});

  b.country({"Turkey", "Türkiye", "Turkey (Türkiye)", "Republic of Türkiye", "Turkiye"});
  b.names({"Adana", "Adıyaman", "Afyonkarahisar", "Afyon", "Ağrı", "Amasya", "Ankara",
           "Antalya", "Artvin", "Aydın", "Balıkesir", "Bilecik", "Bingöl", "Bitlis", "Bolu",
           "Burdur", "Bursa", "Çanakkale", "Çankırı", "Çorum", "Denizli", "Diyarbakır", "Edirne",
           "Elazığ", "Erzincan", "Erzurum", "Eskişehir", "Gaziantep", "Giresun", "Gümüşhane",
           "Hakkâri", "Hatay", "Isparta", "Mersin", "İçel", "İstanbul", "İzmir", "Kars",
           "Kastamonu", "Kayseri", "Kırklareli", "Kırşehir", "Kocaeli", "Konya", "Kütahya",
           "Malatya", "Manisa", "Kahramanmaraş", "Mardin", "Muğla", "Muş", "Nevşehir", "Niğde",
           "Ordu", "Rize", "Sakarya", "Samsun", "Siirt", "Sinop", "Sivas", "Tekirdağ", "Tokat",
           "Trabzon", "Tunceli", "Şanlıurfa", "Urfa", "Uşak", "Van", "Yozgat", "Zonguldak",
           "Aksaray", "Bayburt", "Karaman", "Kırıkkale", "Batman", "Şırnak", "Bartın", "Ardahan",
           "Iğdır", "Yalova", "Karabük", "Kilis", "Osmaniye", "Düzce"});
}

void add_western_europe(Builder& b) {
  b.country({"Germany", "Deutschland", "Federal Republic of Germany"});
  b.prefixes({"freistaat", "free state of", "land", "freie hansestadt",
              "freie und hansestadt", "free hanseatic city of"});
  b.names({"Baden-Württemberg", "Bayern", "Bavaria", "Berlin", "Brandenburg", "Bremen",
           "Hamburg", "Hessen", "Hesse", "Mecklenburg-Vorpommern",
           "Mecklenburg-Western Pomerania", "Mecklenburg-West Pomerania", "Niedersachsen",
           "Lower Saxony", "Nordrhein-Westfalen", "North Rhine-Westphalia", "Rheinland-Pfalz",
           "Rhineland-Palatinate", "Saarland", "Sachsen", "Saxony", "Sachsen-Anhalt",
           "Saxony-Anhalt", "Schleswig-Holstein", "Thüringen", "Thuringia"});

  b.country({"Austria", "Österreich", "Republic of Austria"});
  b.names({"Burgenland", "Kärnten", "Carinthia", "Niederösterreich", "Lower Austria",
           "Oberösterreich", "Upper Austria", "Salzburg", "Steiermark", "Styria", "Tirol",
           "Tyrol", "Vorarlberg", "Wien", "Vienna"});

  b.country({"Switzerland", "Schweiz", "Suisse", "Svizzera", "Swiss Confederation"});
  b.names({"Aargau", "Argovie", "AG", "Appenzell Ausserrhoden", "Appenzell Outer Rhodes", "AR",
           "Appenzell Innerrhoden", "Appenzell Inner Rhodes", "AI", "Basel-Landschaft",
           "Basel-Land", "Baselland", "Basel-Country", "Bâle-Campagne", "BL", "Basel-Stadt",
           "Basel-City", "Bâle-Ville", "BS", "Bern", "Berne", "BE", "Fribourg", "Freiburg", "FR",
           "Genève", "Geneva", "Genf", "Ginevra", "GE", "Glarus", "GL", "Graubünden", "Grisons",
           "Grigioni", "Grischun", "GR", "Jura", "JU", "Luzern", "Lucerne", "LU", "Neuchâtel",
           "Neuenburg", "NE", "Nidwalden", "NW", "Obwalden", "OW", "Schaffhausen",
           "Schaffhouse", "SH", "Schwyz", "SZ", "Solothurn", "Soleure", "SO", "St. Gallen",
           "Sankt Gallen", "Saint-Gall", "San Gallo", "SG", "Thurgau", "Thurgovie", "TG",
           "Ticino", "Tessin", "TI", "Uri", "UR", "Valais", "Wallis", "VS", "Vaud", "Waadt",
           "VD", "Zug", "Zoug", "ZG", "Zürich", "Zurich", "ZH"});

  b.country({"Netherlands", "The Netherlands", "Netherlands, The", "Nederland",
             "Kingdom of the Netherlands"});
  b.names({"Drenthe", "Flevoland", "Friesland", "Fryslân", "Gelderland", "Groningen",
           "Limburg", "Noord-Brabant", "North Brabant", "Noord-Holland", "North Holland",
           "Overijssel", "Utrecht", "Zeeland", "Zuid-Holland", "South Holland",
           // the Caribbean parts of the Kingdom
           "Aruba", "Curaçao", "Sint Maarten", "Bonaire", "Saba", "Sint Eustatius"});

  b.country({"Belgium", "Belgique", "België", "Belgie", "Kingdom of Belgium"});
  b.suffixes({"gewest", "hoofdstedelijk gewest"});
  b.names({"Brussels-Capital Region", "Brussels-Capital", "Brussels Capital",
           "Bruxelles-Capitale", "Région de Bruxelles-Capitale", "Brussel-Hoofdstad",
           "Brussels Hoofdstedelijk Gewest", "Brussels", "Bruxelles", "Brussel", "Flanders",
           "Vlaanderen", "Flemish Region", "Vlaams Gewest", "Flandre", "Wallonia", "Wallonie",
           "Walloon Region", "Région wallonne", "Wallonne", "Antwerpen", "Antwerp", "Anvers",
           "Limburg", "Limbourg", "Oost-Vlaanderen", "East Flanders", "Flandre-Orientale",
           "West-Vlaanderen", "West Flanders", "Flandre-Occidentale", "Vlaams-Brabant",
           "Flemish Brabant", "Brabant flamand", "Brabant wallon", "Walloon Brabant",
           "Waals-Brabant", "Hainaut", "Henegouwen", "Liège", "Luik", "Lüttich", "Luxembourg",
           "Luxemburg", "Namur", "Namen"});

  b.country({"France", "French Republic", "République française"});
  b.names({// the 13 metropolitan regions since 2016, and the overseas ones
           "Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Brittany",
           "Centre-Val de Loire", "Centre", "Corse", "Corsica", "Grand Est", "Hauts-de-France",
           "Île-de-France", "Normandie", "Normandy", "Nouvelle-Aquitaine", "Occitanie",
           "Occitania", "Pays de la Loire", "Provence-Alpes-Côte d'Azur", "PACA", "Région Sud",
           "Guadeloupe", "Martinique", "Guyane", "French Guiana", "La Réunion", "Réunion",
           "Mayotte", "Saint-Barthélemy", "Saint-Martin", "Saint-Pierre-et-Miquelon",
           "Nouvelle-Calédonie", "New Caledonia", "Polynésie française", "French Polynesia",
           "Wallis-et-Futuna", "Wallis and Futuna", "Terres australes françaises", "Clipperton",
           // the 22 regions of 1982-2015
           "Alsace", "Aquitaine", "Auvergne", "Basse-Normandie", "Lower Normandy", "Bourgogne",
           "Burgundy", "Champagne-Ardenne", "Franche-Comté", "Haute-Normandie",
           "Upper Normandy", "Languedoc-Roussillon", "Limousin", "Lorraine", "Midi-Pyrénées",
           "Nord-Pas-de-Calais", "Picardie", "Picardy", "Poitou-Charentes", "Rhône-Alpes",
           // the départements the registry also writes in the state field (not Paris, a city)
           "Ain", "Aisne", "Allier", "Alpes-de-Haute-Provence", "Hautes-Alpes", "Alpes-Maritimes",
           "Ardèche", "Ardennes", "Ariège", "Aube", "Aude", "Aveyron", "Bouches-du-Rhône",
           "Calvados", "Cantal", "Charente", "Charente-Maritime", "Cher", "Corrèze",
           "Corse-du-Sud", "Haute-Corse", "Côte-d'Or", "Côtes-d'Armor", "Creuse", "Dordogne",
           "Doubs", "Drôme", "Eure", "Eure-et-Loir", "Finistère", "Gard", "Haute-Garonne", "Gers",
           "Gironde", "Hérault", "Ille-et-Vilaine", "Indre", "Indre-et-Loire", "Isère", "Jura",
           "Landes", "Loir-et-Cher", "Loire", "Haute-Loire", "Loire-Atlantique", "Loiret", "Lot",
           "Lot-et-Garonne", "Lozère", "Maine-et-Loire", "Manche", "Marne", "Haute-Marne",
           "Mayenne", "Meurthe-et-Moselle", "Meuse", "Morbihan", "Moselle", "Nièvre", "Nord",
           "Oise", "Orne", "Pas-de-Calais", "Puy-de-Dôme", "Pyrénées-Atlantiques",
           "Hautes-Pyrénées", "Pyrénées-Orientales", "Bas-Rhin", "Haut-Rhin", "Rhône",
           "Haute-Saône", "Saône-et-Loire", "Sarthe", "Savoie", "Haute-Savoie", "Seine-Maritime",
           "Seine-et-Marne", "Yvelines", "Deux-Sèvres", "Somme", "Tarn", "Tarn-et-Garonne", "Var",
           "Vaucluse", "Vendée", "Vienne", "Haute-Vienne", "Vosges", "Yonne",
           "Territoire de Belfort", "Essonne", "Hauts-de-Seine", "Seine-Saint-Denis",
           "Val-de-Marne", "Val-d'Oise"});

  b.country({"Ireland", "Republic of Ireland", "Éire", "Eire"});
  b.names({"Carlow", "Cavan", "Clare", "Cork", "Donegal", "Dublin", "Galway", "Kerry",
           "Kildare", "Kilkenny", "Laois", "Leitrim", "Limerick", "Longford", "Louth", "Mayo",
           "Meath", "Monaghan", "Offaly", "Roscommon", "Sligo", "Tipperary", "Waterford",
           "Westmeath", "Wexford", "Wicklow", "Dún Laoghaire-Rathdown", "Fingal", "South Dublin",
           "Leinster", "Munster", "Connacht", "Connaught", "Ulster"});

  b.country({"Portugal", "Portuguese Republic"});
  b.prefixes({"regiao autonoma dos", "regiao autonoma da", "regiao autonoma", "distrito de",
              "distrito do", "distrito da"});
  b.names({"Aveiro", "Beja", "Braga", "Bragança", "Castelo Branco", "Coimbra", "Évora", "Faro",
           "Guarda", "Leiria", "Lisboa", "Lisbon", "Portalegre", "Porto", "Oporto", "Santarém",
           "Setúbal", "Viana do Castelo", "Vila Real", "Viseu", "Açores", "Azores", "Madeira"});
}

void add_uk(Builder& b) {
  b.country({"United Kingdom", "UK", "U.K.", "Great Britain", "Britain",
             "United Kingdom of Great Britain and Northern Ireland"});
  b.names({// the four nations
           "England", "Scotland", "Wales", "Cymru", "Northern Ireland", "North Ireland",
           // the 48 ceremonial counties of England and their usual abbreviations
           "Bedfordshire", "Beds", "Berkshire", "Berks", "City of Bristol", "Buckinghamshire",
           "Bucks", "Cambridgeshire", "Cambs", "Cheshire", "City of London", "Cornwall",
           "Cumbria", "Derbyshire", "Devon", "Devonshire", "Dorset", "Durham", "County Durham",
           "East Riding of Yorkshire", "East Yorkshire", "East Sussex", "Essex",
           "Gloucestershire", "Glos", "Greater London", "Greater Manchester", "Hampshire",
           "Hants", "Herefordshire", "Hertfordshire", "Herts", "Isle of Wight", "Kent",
           "Lancashire", "Lancs", "Leicestershire", "Leics", "Lincolnshire", "Lincs",
           "Merseyside", "Norfolk", "North Yorkshire", "Northamptonshire", "Northants",
           "Northumberland", "Nottinghamshire", "Notts", "Oxfordshire", "Oxon", "Rutland",
           "Shropshire", "Salop", "Somerset", "South Yorkshire", "Staffordshire", "Staffs",
           "Suffolk", "Surrey", "Tyne and Wear", "Warwickshire", "Warks", "West Midlands",
           "West Sussex", "West Yorkshire", "Wiltshire", "Wilts", "Worcestershire", "Worcs",
           // former and historic English counties the registry still uses
           "Yorkshire", "Sussex", "Middlesex", "Middx", "Avon", "Cleveland", "Humberside",
           "Hereford and Worcester", "Cumberland", "Westmorland", "Huntingdonshire",
           // Scottish council areas (those not named after a city), former regions, counties
           "Aberdeen City", "Aberdeenshire", "Angus", "Argyll and Bute", "Clackmannanshire",
           "Dumfries and Galloway", "Dundee City", "East Ayrshire", "East Dunbartonshire",
           "East Lothian", "East Renfrewshire", "City of Edinburgh", "Fife", "Glasgow City",
           "Highland", "Highlands", "Inverclyde", "Midlothian", "Moray", "Na h-Eileanan Siar",
           "Eilean Siar", "Western Isles", "North Ayrshire", "North Lanarkshire", "Orkney",
           "Orkney Islands", "Perth and Kinross", "Renfrewshire", "Scottish Borders", "Borders",
           "Shetland", "Shetland Islands", "South Ayrshire", "South Lanarkshire",
           "West Dunbartonshire", "West Lothian", "Strathclyde", "Stratchclyde", "Tayside",
           "Lothian", "Grampian", "Lanarkshire", "Ayrshire", "Dunbartonshire", "Stirlingshire",
           "Perthshire", "Inverness-shire", "Kincardineshire", "Banffshire",
           // Welsh preserved counties and principal areas (not those named after a town)
           "Clwyd", "Dyfed", "Gwent", "Gwynedd", "Mid Glamorgan", "Powys", "South Glamorgan",
           "West Glamorgan", "Glamorgan", "Isle of Anglesey", "Anglesey", "Ynys Môn",
           "Blaenau Gwent", "Carmarthenshire", "Ceredigion", "Denbighshire", "Flintshire",
           "Monmouthshire", "Neath Port Talbot", "Pembrokeshire", "Rhondda Cynon Taf",
           "Rhondda Cynon Taff", "Torfaen", "Vale of Glamorgan",
           // counties of Northern Ireland (Derry/Londonderry only as a county: it is a city)
           "Antrim", "County Antrim", "Armagh", "County Armagh", "Down", "County Down",
           "Fermanagh", "County Londonderry", "Co Londonderry", "County Derry", "Co Derry",
           "Tyrone"});
}

void add_southern_europe(Builder& b) {
  b.country({"Italy", "Italia", "Italian Republic"});
  b.prefixes({"citta metropolitana di", "metropolitan city of", "provincia autonoma di",
              "autonomous province of", "regione autonoma"});
  b.names({// the 20 regions
           "Abruzzo", "Abruzzi", "Basilicata", "Calabria", "Campania", "Emilia-Romagna",
           "Friuli-Venezia Giulia", "Friuli Venezia Giulia", "Lazio", "Latium", "Liguria",
           "Lombardia", "Lombardy", "Marche", "Marches", "Molise", "Piemonte", "Piedmont",
           "Puglia", "Apulia", "Sardegna", "Sardinia", "Sicilia", "Sicily", "Toscana", "Tuscany",
           "Trentino-Alto Adige", "Trentino-Alto Adige/Südtirol", "Trentino-South Tyrol",
           "Umbria", "Valle d'Aosta", "Val d'Aosta", "Val d'Aoste", "Aosta Valley", "Vallée d'Aoste", "Veneto",
           // the 107 provinces and metropolitan cities, with their codes
           "Agrigento", "AG", "Alessandria", "AL", "Ancona", "AN", "Aosta", "AO", "Arezzo", "AR",
           "Ascoli Piceno", "AP", "Asti", "AT", "Avellino", "AV", "Bari", "BA",
           "Barletta-Andria-Trani", "BT", "Belluno", "BL", "Benevento", "BN", "Bergamo", "BG",
           "Biella", "BI", "Bologna", "BO", "Bolzano", "Bozen", "Bolzano-Bozen", "Alto Adige",
           "South Tyrol", "Südtirol", "BZ", "Brescia", "BS", "Brindisi", "BR", "Cagliari", "CA",
           "Caltanissetta", "CL", "Campobasso", "CB", "Caserta", "CE", "Catania", "CT",
           "Catanzaro", "CZ", "Chieti", "CH", "Como", "CO", "Cosenza", "CS", "Cremona", "CR",
           "Crotone", "KR", "Cuneo", "CN", "Enna", "EN", "Fermo", "FM", "Ferrara", "FE",
           "Firenze", "Florence", "FI", "Foggia", "FG", "Forlì-Cesena", "FC", "Frosinone", "FR",
           "Genova", "Genoa", "GE", "Gorizia", "GO", "Grosseto", "GR", "Imperia", "IM", "Isernia",
           "IS", "L'Aquila", "AQ", "La Spezia", "SP", "Latina", "LT", "Lecce", "LE", "Lecco",
           "LC", "Livorno", "LI", "Lodi", "LO", "Lucca", "LU", "Macerata", "MC", "Mantova",
           "Mantua", "MN", "Massa-Carrara", "MS", "Matera", "MT", "Messina", "ME", "Milano",
           "Milan", "MI", "Modena", "MO", "Monza e Brianza", "Monza e della Brianza",
           "Monza-Brianza", "MB", "Napoli", "Naples", "NA", "Novara", "NO", "Nuoro", "NU",
           "Oristano", "OR", "Padova", "Padua", "PD", "Palermo", "PA", "Parma", "PR", "Pavia",
           "PV", "Perugia", "PG", "Pesaro e Urbino", "Pesaro-Urbino", "PU", "Pescara", "PE",
           "Piacenza", "PC", "Pisa", "PI", "Pistoia", "PT", "Pordenone", "PN", "Potenza", "PZ",
           "Prato", "PO", "Ragusa", "RG", "Ravenna", "RA", "Reggio Calabria",
           "Reggio di Calabria", "RC", "Reggio Emilia", "Reggio nell'Emilia", "RE", "Rieti",
           "RI", "Rimini", "RN", "Roma", "Rome", "RM", "Rovigo", "RO", "Salerno", "SA",
           "Sassari", "SS", "Savona", "SV", "Siena", "SI", "Siracusa", "Syracuse", "SR",
           "Sondrio", "SO", "Sud Sardegna", "South Sardinia", "SU", "Taranto", "TA", "Teramo",
           "TE", "Terni", "TR", "Torino", "Turin", "TO", "Trapani", "TP", "Trento", "Trentino",
           "TN", "Treviso", "TV", "Trieste", "TS", "Udine", "UD", "Varese", "VA", "Venezia",
           "Venice", "VE", "Verbano-Cusio-Ossola", "VB", "Vercelli", "VC", "Verona", "VR",
           "Vibo Valentia", "VV", "Vicenza", "VI", "Viterbo", "VT",
           // Sardinian provinces before 2016 and after 2025
           "Carbonia-Iglesias", "CI", "Medio Campidano", "VS", "Ogliastra", "OG", "Olbia-Tempio",
           "OT", "Gallura Nord-Est Sardegna", "Sulcis Iglesiente"});

  b.country({"Spain", "España", "Kingdom of Spain"});
  b.prefixes({"comunidad autonoma de", "comunidad foral de", "principado de", "comunidad de",
              "comunidad", "comunitat", "region de"});
  b.names({// the 17 autonomous communities and the 2 autonomous cities
           "Andalucía", "Andalusia", "Aragón", "Asturias", "Principado de Asturias",
           "Principality of Asturias", "Illes Balears", "Islas Baleares", "Balearic Islands",
           "Baleares", "Balears", "Canarias", "Islas Canarias", "Canary Islands", "Cantabria",
           "Castilla-La Mancha", "Castile-La Mancha", "Castilla y León", "Castile and León",
           "Castilla-León", "Cataluña", "Catalunya", "Catalonia", "Comunidad Valenciana",
           "Comunitat Valenciana", "Valencian Community", "Valenciana", "País Valencià",
           "Extremadura", "Galicia", "Galiza", "Comunidad de Madrid", "Community of Madrid",
           "Madrid", "Región de Murcia", "Region of Murcia", "Murcia", "Comunidad Foral de Navarra",
           "Navarra", "Navarre", "Nafarroa", "Nafarroako Foru Komunitatea", "País Vasco", "Euskadi", "Basque Country",
           "Euskal Herria", "La Rioja", "Rioja", "Ceuta", "Melilla",
           // the 50 provinces (those not named above)
           "Álava", "Araba", "Albacete", "Alicante", "Alacant", "Almería", "Ávila", "Badajoz",
           "Barcelona", "Burgos", "Cáceres", "Cádiz", "Castellón", "Castelló",
           "Castellón de la Plana", "Ciudad Real", "Córdoba", "A Coruña", "La Coruña", "Coruña",
           "Cuenca", "Girona", "Gerona", "Granada", "Guadalajara", "Gipuzkoa", "Guipúzcoa",
           "Huelva", "Huesca", "Jaén", "León", "Lleida", "Lérida", "Lugo", "Málaga", "Ourense",
           "Orense", "Palencia", "Las Palmas", "Gran Canaria", "Pontevedra", "Salamanca",
           "Santa Cruz de Tenerife", "Tenerife", "Segovia", "Sevilla", "Seville", "Soria",
           "Tarragona", "Teruel", "Toledo", "Valencia", "València", "Valladolid", "Bizkaia",
           "Vizcaya", "Biscay", "Zamora", "Zaragoza", "Saragossa"});

  b.country({"Greece", "Hellenic Republic", "Hellas", "Ellada"});
  b.names({"Attica", "Attiki", "Central Greece", "Sterea Ellada", "Central Macedonia",
           "Kentriki Makedonia", "Crete", "Kriti", "Creta", "East Macedonia and Thrace",
           "Eastern Macedonia and Thrace", "Anatoliki Makedonia kai Thraki", "Epirus", "Ipeiros",
           "Ionian Islands", "Ionia Nisia", "North Aegean", "Voreio Aigaio", "Peloponnese",
           "Peloponnisos", "South Aegean", "Notio Aigaio", "Thessaly", "Thessalia", "West Greece",
           "Western Greece", "Dytiki Ellada", "West Macedonia", "Western Macedonia",
           "Dytiki Makedonia", "Mount Athos", "Agion Oros"});
}

void add_northern_europe(Builder& b) {
  // Swedish counties: name, genitive (for "... län"), and whether the bare name is the
  // county's rather than its capital city's.
  struct Lan {
    const char* name;
    const char* genitive;
    bool bare;
  };
  static const Lan kLan[] = {
      {"Blekinge", "Blekinge", true},      {"Dalarna", "Dalarnas", true},
      {"Gotland", "Gotlands", true},       {"Gävleborg", "Gävleborgs", true},
      {"Halland", "Hallands", true},       {"Jämtland", "Jämtlands", true},
      {"Jönköping", "Jönköpings", false},  {"Kalmar", "Kalmar", false},
      {"Kronoberg", "Kronobergs", true},   {"Norrbotten", "Norrbottens", true},
      {"Örebro", "Örebro", false},         {"Östergötland", "Östergötlands", true},
      {"Skåne", "Skåne", true},            {"Stockholm", "Stockholms", false},
      {"Södermanland", "Södermanlands", true}, {"Uppsala", "Uppsala", false},
      {"Värmland", "Värmlands", true},     {"Västerbotten", "Västerbottens", true},
      {"Västernorrland", "Västernorrlands", true}, {"Västmanland", "Västmanlands", true},
      {"Västra Götaland", "Västra Götalands", true}};
  b.country({"Sweden", "Sverige", "Kingdom of Sweden"});
  for (const Lan& l : kLan) {
    if (l.bare) b.add(l.name);
    b.add(std::string(l.genitive) + " län");
    b.add(std::string(l.name) + " län");
    b.add(std::string(l.name) + " County");
    b.add(std::string("Region ") + l.name);
  }
  b.names({"Scania", "Västra Götalandsregionen", "Region Västra Götaland"});

  b.country({"Denmark", "Danmark", "Kingdom of Denmark"});
  b.names({"Capital Region of Denmark", "Capital Region", "Hovedstaden", "Region Hovedstaden",
           "Central Denmark Region", "Central Denmark", "Central Jutland", "Midtjylland",
           "North Denmark Region", "North Denmark", "North Jutland", "Nordjylland", "Zealand",
           "Region Zealand", "Sjælland", "Region of Southern Denmark", "Southern Denmark",
           "Syddanmark"});

  b.country({"Norway", "Norge", "Kingdom of Norway"});
  b.suffixes({"fylke", "fylkeskommune"});
  b.names({"Oslo", "Rogaland", "Møre og Romsdal", "Nordland", "Østfold", "Akershus", "Buskerud",
           "Innlandet", "Vestfold", "Telemark", "Vestfold og Telemark", "Agder", "Vest-Agder",
           "Aust-Agder", "Vestland", "Hordaland", "Sogn og Fjordane", "Trøndelag",
           "Sør-Trøndelag", "Nord-Trøndelag", "Troms", "Finnmark", "Troms og Finnmark", "Viken",
           "Hedmark", "Oppland", "Trööndelage", "Romssa ja Finnmárkku", "Svalbard",
           "Jan Mayen"});

  b.country({"Finland", "Suomi", "Republic of Finland"});
  b.suffixes({"maakunta"});
  b.names({"Uusimaa", "Nyland", "Varsinais-Suomi", "Southwest Finland", "Finland Proper",
           "Satakunta", "Kanta-Häme", "Tavastia Proper", "Pirkanmaa", "Päijät-Häme",
           "Päijänne Tavastia", "Kymenlaakso", "Etelä-Karjala", "South Karelia", "Etelä-Savo",
           "South Savo", "Pohjois-Savo", "North Savo", "Pohjois-Karjala", "North Karelia",
           "Keski-Suomi", "Central Finland", "Etelä-Pohjanmaa", "South Ostrobothnia",
           "Pohjanmaa", "Ostrobothnia", "Keski-Pohjanmaa", "Central Ostrobothnia",
           "Pohjois-Pohjanmaa", "North Ostrobothnia", "Kainuu", "Lappi", "Lapland",
           "Ahvenanmaa", "Åland"});

  b.country({"Estonia", "Eesti", "Republic of Estonia"});
  b.suffixes({"maakond"});
  b.names({"Harju", "Hiiu", "Ida-Viru", "Järva", "Lääne", "Lääne-Viru", "Saare"});
  for (const char* county : {"Harju", "Hiiu", "Ida-Viru", "Jõgeva", "Järva", "Lääne",
                             "Lääne-Viru", "Põlva", "Pärnu", "Rapla", "Saare", "Tartu", "Valga",
                             "Viljandi", "Võru"}) {
    b.add(std::string(county) + " County");
    b.add(std::string(county) + " maakond");
    b.add(std::string(county) + "maa");
  }

  b.country({"Lithuania", "Lietuva", "Republic of Lithuania"});
  b.combine({"Alytus", "Kaunas", "Klaipėda", "Marijampolė", "Panevėžys", "Šiauliai", "Tauragė",
             "Telšiai", "Utena", "Vilnius"},
            {"County"});
  b.combine({"Alytaus", "Kauno", "Klaipėdos", "Marijampolės", "Panevėžio", "Šiaulių", "Tauragės",
             "Telšių", "Utenos", "Vilniaus"},
            {"apskritis", "County"});
}

void add_central_europe(Builder& b) {
  b.country({"Poland", "Polska", "Republic of Poland"});
  b.names({"Dolnośląskie", "Lower Silesian", "Lower Silesia", "Kujawsko-Pomorskie",
           "Kuyavian-Pomeranian", "Kuyavia-Pomerania", "Lubelskie", "Lublin Voivodeship",
           "Lublin Province", "Lubuskie", "Lubusz", "Łódzkie", "Łódź Voivodeship",
           "Łódź Province", "Małopolskie", "Małopolska", "Małopolski", "Lesser Poland",
           "Mazowieckie", "Mazowsze", "Masovian", "Mazovian", "Masovia", "Mazovia", "Opolskie",
           "Opole Voivodeship", "Opole Province", "Podkarpackie", "Subcarpathian",
           "Subcarpathia", "Podlaskie", "Podlachian", "Podlasie", "Pomorskie", "Pomeranian",
           "Pomerania", "Śląskie", "Silesian", "Silesia", "Świętokrzyskie", "Holy Cross",
           "Warmińsko-Mazurskie", "Warmian-Masurian", "Warmia-Masuria", "Warmia-Mazury",
           "Wielkopolskie", "Wielkopolska", "Greater Poland", "Zachodniopomorskie",
           "West Pomeranian", "West Pomerania"});

  b.country({"Czechia", "Czech Republic", "Česko", "Česká republika"});
  b.prefixes({"kraj", "hlavni mesto"});
  b.names({"Prague", "Praha", "Hlavní město Praha", "Capital City of Prague", "Central Bohemia",
           "Central Bohemian", "Středočeský", "South Bohemia", "South Bohemian", "Jihočeský",
           "Plzeň Region", "Pilsen Region", "Plzeňský", "Karlovy Vary Region", "Karlovarský",
           "Ústí nad Labem Region", "Ústecký", "Liberec Region", "Liberecký",
           "Hradec Králové Region", "Královéhradecký", "Pardubice Region", "Pardubický",
           "Vysočina", "South Moravia", "South Moravian", "Jihomoravský", "Olomouc Region",
           "Olomoucký", "Zlín Region", "Zlínský", "Moravian-Silesian", "Moravskoslezský"});

  b.country({"Slovakia", "Slovak Republic", "Slovensko"});
  b.combine({"Bratislava", "Trnava", "Trenčín", "Nitra", "Žilina", "Banská Bystrica", "Prešov",
             "Košice"},
            {"Region", "kraj"});
  b.names({"Bratislavský", "Trnavský", "Trenčiansky", "Nitriansky", "Žilinský",
           "Banskobystrický", "Prešovský", "Košický"});

  b.country({"Hungary", "Magyarország", "Magyarorszag"});
  b.names({"Budapest", "Bács-Kiskun", "Baranya", "Békés", "Borsod-Abaúj-Zemplén", "Csongrád",
           "Csongrád-Csanád", "Fejér", "Győr-Moson-Sopron", "Hajdú-Bihar", "Heves",
           "Jász-Nagykun-Szolnok", "Komárom-Esztergom", "Nógrád", "Pest", "Somogy",
           "Szabolcs-Szatmár-Bereg", "Tolna", "Vas", "Veszprém", "Zala"});

  b.country({"Romania", "România"});
  b.prefixes({"jud", "judetul", "judet", "municipiul"});
  b.names({"Alba", "Arad", "Argeș", "Bacău", "Bihor", "Bistrița-Năsăud", "Botoșani", "Brăila",
           "Brașov", "Buzău", "Călărași", "Caraș-Severin", "Cluj", "Constanța", "Covasna",
           "Dâmbovița", "Dolj", "Galați", "Giurgiu", "Gorj", "Harghita", "Hunedoara", "Ialomița",
           "Iași", "Ilfov", "Maramureș", "Mehedinți", "Mureș", "Neamț", "Olt", "Prahova", "Sălaj",
           "Satu Mare", "Sibiu", "Suceava", "Teleorman", "Timiș", "Tulcea", "Vâlcea", "Vaslui",
           "Vrancea", "București", "Bucharest"});

  b.country({"Croatia", "Hrvatska", "Republic of Croatia"});
  b.prefixes({"grad"});
  b.names({"City of Zagreb", "Zagreb", "Zagreb County", "Zagrebačka", "Krapina-Zagorje",
           "Krapinsko-zagorska", "Sisak-Moslavina", "Sisačko-moslavačka", "Karlovac County",
           "Karlovačka", "Varaždin County", "Varaždinska", "Koprivnica-Križevci",
           "Koprivničko-križevačka", "Bjelovar-Bilogora", "Bjelovarsko-bilogorska",
           "Primorje-Gorski Kotar", "Primorsko-goranska", "Lika-Senj", "Ličko-senjska",
           "Virovitica-Podravina", "Virovitičko-podravska", "Požega-Slavonia",
           "Požeško-slavonska", "Brod-Posavina", "Brodsko-posavska", "Zadar County", "Zadarska",
           "Osijek-Baranja", "Osječko-baranjska", "Šibenik-Knin", "Šibensko-kninska",
           "Vukovar-Srijem", "Vukovar-Syrmia", "Vukovarsko-srijemska", "Split-Dalmatia",
           "Splitsko-dalmatinska", "Istria", "Istarska", "Dubrovnik-Neretva",
           "Dubrovačko-neretvanska", "Međimurje", "Međimurska"});

  b.country({"Serbia", "Srbija", "Republic of Serbia"});
  b.names({"Vojvodina", "Kosovo-Metohija", "Belgrade", "Beograd", "City of Belgrade", "Grad Beograd",
           "Šumadija and Western Serbia", "Southern and Eastern Serbia"});
}

void add_eastern_europe(Builder& b) {
  b.country({"Russian Federation", "Russia", "Rossiya"});
  b.prefixes({"respublika"});
  b.suffixes({"autonomous okrug", "okrug", "ao", "respublika", "avtonomnyj okrug",
              "avtonomnyy okrug"});
  // Federal cities and the subjects whose bare names are their own.
  b.names({"Moscow", "Moskva", "Moscow City", "City of Moscow", "Saint Petersburg",
           "St Petersburg", "St. Petersburg", "Sankt-Peterburg", "Sankt Petersburg",
           "Saint-Petersburg", "Sankt-Petersburg", "Adygea", "Adygeya", "Altai Republic",
           "Bashkortostan", "Bashkiria", "Buryatia", "Chechnya", "Chechen Republic", "Chuvashia",
           "Chuvash Republic", "Dagestan", "Daghestan", "Ingushetia", "Kabardino-Balkaria",
           "Kabardino-Balkarian Republic", "Kalmykia", "Karachay-Cherkessia", "Karelia",
           "Khakassia", "Komi", "Mari El", "Mordovia", "North Ossetia", "North Ossetia-Alania",
           "Sakha", "Yakutia", "Tatarstan", "Tuva", "Tyva", "Udmurtia", "Udmurt Republic",
           "Chukotka", "Khanty-Mansi", "Yugra", "Nenets", "Yamalo-Nenets", "Yamal-Nenets",
           "Jewish Autonomous Oblast", "Primorye", "Kamchatka", "Altai", "Altay",
           // ISO 3166-2 names (GOST transliteration) that the forms below do not make
           "Adygeja, Respublika", "Altaj, Respublika", "Altajskij kraj",
           "Arhangel'skaja oblast'", "Astrahanskaja oblast'", "Bashkortostan, Respublika",
           "Brjanskaja oblast'", "Burjatija, Respublika", "Chechenskaya Respublika",
           "Chukotskiy avtonomnyy okrug", "Chuvashskaya Respublika", "Dagestan, Respublika",
           "Ingushetiya, Respublika", "Kabardino-Balkarskaja Respublika",
           "Karachayevo-Cherkesskaya Respublika", "Habarovskij kraj",
           "Hanty-Mansijskij avtonomnyj okrug", "Hakasija, Respublika", "Kalmykija, Respublika",
           "Komi, Respublika", "Karelija, Respublika", "Krasnojarskij kraj",
           "Lipeckaja oblast'", "Marij Èl, Respublika", "Mordovija, Respublika",
           "Neneckij avtonomnyj okrug", "Rjazanskaja oblast'", "Saha, Respublika",
           "Sahalinskaja oblast'", "Severnaja Osetija, Respublika", "Tatarstan, Respublika",
           "Tyva, Respublika", "Tjumenskaja oblast'", "Udmurtskaja Respublika",
           "Ul'janovskaja oblast'", "Jamalo-Neneckij avtonomnyj okrug",
           "Jaroslavskaja oblast'", "Evrejskaja avtonomnaja oblast'", "Zabajkal'skij kraj"});
  // Oblasts and krais are named after their capitals: only "<Name> Oblast" and the adjective.
  struct Subject {
    const char* name;
    const char* adjective_stem;  // + "skaya" (oblast) or "sky"/"skiy" (krai)
    bool krai;
  };
  static const Subject kSubjects[] = {
      {"Amur", "Amur", false},          {"Arkhangelsk", "Arkhangel", false},
      {"Astrakhan", "Astrakhan", false}, {"Belgorod", "Belgorod", false},
      {"Bryansk", "Bryan", false},      {"Chelyabinsk", "Chelyabin", false},
      {"Irkutsk", "Irkut", false},      {"Ivanovo", "Ivanov", false},
      {"Kaliningrad", "Kaliningrad", false}, {"Kaluga", "Kaluzh", false},
      {"Kemerovo", "Kemerov", false},   {"Kirov", "Kirov", false},
      {"Kostroma", "Kostrom", false},   {"Kurgan", "Kurgan", false},
      {"Kursk", "Kur", false},          {"Leningrad", "Leningrad", false},
      {"Lipetsk", "Lipet", false},      {"Magadan", "Magadan", false},
      {"Moscow", "Moskov", false},      {"Murmansk", "Murman", false},
      {"Nizhny Novgorod", "Nizhegorod", false}, {"Novgorod", "Novgorod", false},
      {"Novosibirsk", "Novosibir", false}, {"Omsk", "Om", false},
      {"Orenburg", "Orenburg", false},  {"Oryol", "Orlov", false},
      {"Penza", "Penzen", false},       {"Pskov", "Pskov", false},
      {"Rostov", "Rostov", false},      {"Ryazan", "Ryazan", false},
      {"Sakhalin", "Sakhalin", false},  {"Samara", "Samar", false},
      {"Saratov", "Saratov", false},    {"Smolensk", "Smolen", false},
      {"Sverdlovsk", "Sverdlov", false}, {"Tambov", "Tambov", false},
      {"Tomsk", "Tom", false},          {"Tula", "Tul", false},
      {"Tver", "Tver", false},          {"Tyumen", "Tyumen", false},
      {"Ulyanovsk", "Ulyanov", false},  {"Vladimir", "Vladimir", false},
      {"Volgograd", "Volgograd", false}, {"Vologda", "Vologod", false},
      {"Voronezh", "Voronezh", false},  {"Yaroslavl", "Yaroslav", false},
      {"Altai", "Altai", true},         {"Altay", "Altay", true},
      {"Kamchatka", "Kamchat", true},   {"Khabarovsk", "Khabarov", true},
      {"Krasnodar", "Krasnodar", true}, {"Krasnoyarsk", "Krasnoyar", true},
      {"Perm", "Perm", true},           {"Primorsky", "Primor", true},
      {"Stavropol", "Stavropol", true}, {"Zabaykalsky", "Zabaykal", true},
      {"Zabaikalsky", "Zabaikal", true}};
  for (const Subject& s : kSubjects) {
    std::string name = s.name;
    if (s.krai) {
      b.combine({s.name}, {"Krai", "Kray", "Territory", "Region"});
      for (const char* ending : {"sky", "skiy", "skii", "skij"}) {
        std::string adjective = std::string(s.adjective_stem) + ending;
        b.add(adjective);
        b.combine({adjective.c_str()}, {"Krai", "Kray"});
      }
    } else {
      b.combine({s.name}, {"Oblast", "Region", "Province", "Oblast'"});
      for (const char* ending : {"skaya", "skaja"}) {
        std::string adjective = std::string(s.adjective_stem) + ending;
        b.add(adjective);
        b.combine({adjective.c_str()}, {"Oblast", "Oblast'"});
      }
    }
  }

  b.country({"Ukraine", "Ukraina"});
  b.names({"Kyiv", "Kiev", "Kyiv City", "City of Kyiv", "Volyn", "Volhynia", "Zakarpattia",
           "Transcarpathia", "Crimea", "Autonomous Republic of Crimea", "Krym",
           "Avtonomna Respublika Krym", "Sevastopol"});
  struct Oblast {
    const char* names[3];  // nullptr after the last
    const char* adjective;
  };
  static const Oblast kOblasts[] = {
      {{"Cherkasy", "Cherkassy"}, "Cherkaska"},
      {{"Chernihiv", "Chernigov"}, "Chernihivska"},
      {{"Chernivtsi"}, "Chernivetska"},
      {{"Dnipropetrovsk", "Dnipro", "Dnepropetrovsk"}, "Dnipropetrovska"},
      {{"Donetsk"}, "Donetska"},
      {{"Ivano-Frankivsk"}, "Ivano-Frankivska"},
      {{"Kharkiv", "Kharkov"}, "Kharkivska"},
      {{"Kherson"}, "Khersonska"},
      {{"Khmelnytskyi", "Khmelnytskyy", "Khmelnitsky"}, "Khmelnytska"},
      {{"Kirovohrad", "Kropyvnytskyi"}, "Kirovohradska"},
      {{"Kyiv", "Kiev"}, "Kyivska"},
      {{"Luhansk", "Lugansk"}, "Luhanska"},
      {{"Lviv", "Lvov"}, "Lvivska"},
      {{"Mykolaiv", "Nikolaev"}, "Mykolaivska"},
      {{"Odesa", "Odessa"}, "Odeska"},
      {{"Poltava"}, "Poltavska"},
      {{"Rivne", "Rovno"}, "Rivnenska"},
      {{"Sumy"}, "Sumska"},
      {{"Ternopil"}, "Ternopilska"},
      {{"Vinnytsia", "Vinnitsa"}, "Vinnytska"},
      {{"Volyn"}, "Volynska"},
      {{"Zakarpattia", "Transcarpathian"}, "Zakarpatska"},
      {{"Zaporizhzhia", "Zaporizhia", "Zaporozhye"}, "Zaporizka"},
      {{"Zhytomyr", "Zhitomir"}, "Zhytomyrska"}};
  for (const Oblast& o : kOblasts) {
    for (const char* name : o.names)
      if (name) b.combine({name}, {"Oblast", "Region", "Province", "Oblast'"});
    b.add(o.adjective);
    b.combine({o.adjective}, {"Oblast", "Oblast'"});
  }
}

Gazetteer build() {
  Gazetteer g;
  Builder b(g);
  add_north_america(b);
  add_latin_america(b);
  add_east_asia(b);
  add_oceania_and_africa(b);
  add_south_asia_and_middle_east(b);
  add_western_europe(b);
  add_uk(b);
  add_southern_europe(b);
  add_northern_europe(b);
  add_central_europe(b);
  add_eastern_europe(b);
  // Words around a name that say what kind of unit it is ("State of Berlin", "Hubei Province").
  for (const char* p : {"state of", "province of", "provincia de", "provincia di", "provincia del",
                        "provincia", "province de", "province du", "canton of", "canton de",
                        "canton du", "canton", "kanton", "cantone", "region of", "region de",
                        "region du", "regione", "region", "departement de", "departement du",
                        "departement", "departamento de", "departamento del", "departamento",
                        "estado de", "estado do", "estado", "edo de", "county", "co", "wojewodztwo",
                        "woj", "prefecture of", "republic of", "autonomous province of", "the"})
    g.generic_prefixes.push_back(normalize(p));
  for (const char* s : {"province", "provincia", "prov", "state", "region", "autonomous region",
                        "autonomous community", "voivodeship", "voivodship", "wojewodztwo",
                        "oblast", "krai", "kray", "kraj", "county", "megye", "prefecture",
                        "lan", "zupanija", "municipality", "canton", "department", "departement",
                        "governorate", "republic", "territory"})
    g.generic_suffixes.push_back(normalize(s));
  return g;
}

const Gazetteer& gazetteer() {
  static const Gazetteer g = build();
  return g;
}

// ---------------------------------------------------------------------------------------------
// Matching

// A U+FFFD left by a broken encoding stands for one or two letters ("Baden-W\uFFFDrttemberg").
bool matches_with_replacement_chars(std::string_view pattern, std::string_view name) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  if (pattern.empty()) return name.empty();
  if (pattern.substr(0, 3) == kReplacement) {
    for (std::size_t n = 1; n <= 2 && n <= name.size(); ++n)
      if (matches_with_replacement_chars(pattern.substr(3), name.substr(n))) return true;
    return false;
  }
  return !name.empty() && pattern[0] == name[0] &&
         matches_with_replacement_chars(pattern.substr(1), name.substr(1));
}

class Matcher {
 public:
  Matcher(const Gazetteer& g, std::string canon) : g_(g), canon_(std::move(canon)) {
    auto find = [&](const auto& map) -> const std::vector<std::string>* {
      auto it = map.find(canon_);
      return it == map.end() ? nullptr : &it->second;
    };
    prefixes_ = find(g_.prefixes);
    suffixes_ = find(g_.suffixes);
    glued_ = find(g_.glued);
    spaceless_ = g_.spaceless.count(canon_) > 0;
  }

  bool match(const std::string& key, int depth = 3) const {
    if (key.empty() || is_country_name(key)) return false;
    if (known(key)) return true;
    if (depth == 0) return false;
    std::vector<std::string> words = split(key);
    // "N.S.W.", "D.C."
    if (words.size() >= 2) {
      bool letters = true;
      for (const auto& w : words) letters = letters && w.size() == 1;
      if (letters && known(without_spaces(key))) return true;
    }
    // "E Sussex", "N Yorkshire"
    if (words.size() >= 2 && words[0].size() == 1) {
      static const std::pair<char, const char*> kDirections[] = {
          {'n', "north"}, {'s', "south"}, {'e', "east"}, {'w', "west"}};
      for (const auto& [letter, word] : kDirections)
        if (words[0][0] == letter && match(word + key.substr(1), depth - 1)) return true;
    }
    auto strip = [&](const std::vector<std::string>& prefixes,
                     const std::vector<std::string>& suffixes) {
      for (const auto& p : prefixes)
        if (starts_with_word(key, p) && match(key.substr(p.size() + 1), depth - 1)) return true;
      for (const auto& s : suffixes)
        if (ends_with_word(key, s) && match(key.substr(0, key.size() - s.size() - 1), depth - 1))
          return true;
      return false;
    };
    static const std::vector<std::string> kNone;
    if (strip(g_.generic_prefixes, g_.generic_suffixes)) return true;
    if (strip(prefixes_ ? *prefixes_ : kNone, suffixes_ ? *suffixes_ : kNone)) return true;
    if (glued_) {  // "gyeonggido", "aichiken"
      for (const auto& s : *glued_)
        if (key.size() > s.size() + 3 && key.compare(key.size() - s.size(), s.size(), s) == 0 &&
            key[key.size() - s.size() - 1] != ' ' &&
            known(key.substr(0, key.size() - s.size())))
          return true;
    }
    return false;
  }

  bool match_with_replacement_chars(const std::string& key) const {
    std::string prefix = canon_ + "|";
    for (const std::string& entry : g_.keys)
      if (entry.compare(0, prefix.size(), prefix) == 0 &&
          matches_with_replacement_chars(key, std::string_view(entry).substr(prefix.size())))
        return true;
    return false;
  }

  bool is_country_name(const std::string& key) const {
    auto it = g_.countries.find(key);
    return it != g_.countries.end() && it->second == canon_;
  }

 private:
  bool known(const std::string& key) const {
    if (g_.keys.count(canon_ + "|" + key)) return true;
    return spaceless_ && g_.keys.count(canon_ + "|~" + without_spaces(key));
  }

  static std::vector<std::string> split(const std::string& key) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start <= key.size()) {
      std::size_t end = key.find(' ', start);
      if (end == std::string::npos) end = key.size();
      if (end > start) words.push_back(key.substr(start, end - start));
      start = end + 1;
    }
    return words;
  }

  const Gazetteer& g_;
  std::string canon_;
  const std::vector<std::string>* prefixes_ = nullptr;
  const std::vector<std::string>* suffixes_ = nullptr;
  const std::vector<std::string>* glued_ = nullptr;
  bool spaceless_ = false;
};

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The text outside brackets ("A Coruña [La Coruña]", "Aargau (de)", "Sakha (Yakutia)"), or the
// text inside when nothing is outside; a city is often written with its province in brackets
// ("Baracaldo (Vizcaya)", "Vic (Barcelona)"), so the inside alone does not make a subdivision.
std::vector<std::string> bracket_parts(std::string_view text) {
  std::vector<std::string> parts;
  std::string outside;
  std::size_t i = 0;
  while (i < text.size()) {
    char open = text[i];
    char close = open == '(' ? ')' : open == '[' ? ']' : 0;
    if (!close) {
      outside.push_back(text[i++]);
      continue;
    }
    std::size_t end = text.find(close, i + 1);
    if (end == std::string_view::npos) end = text.size();
    std::string_view inside = trim_view(text.substr(i + 1, end - i - 1));
    if (inside.size() > 3) parts.emplace_back(inside);
    outside.push_back(' ');
    i = end + 1;
  }
  if (trim_view(outside).empty()) return parts;
  return {outside};
}

std::vector<std::string_view> split_on(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(sep, start);
    parts.push_back(trim_view(text.substr(start, end == std::string_view::npos ? end : end - start)));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::string canonical_country(const Gazetteer& g, std::string_view country) {
  for (std::string_view form : {country, country.substr(0, country.find('('))}) {
    auto it = g.countries.find(normalize(form));
    if (it != g.countries.end()) return it->second;
  }
  return {};
}

}  // namespace

bool is_known_subdivision(std::string_view country, std::string_view name) {
  const Gazetteer& g = gazetteer();
  std::string canon = canonical_country(g, country);
  name = trim_view(name);
  if (canon.empty() || name.empty()) return false;
  Matcher matcher(g, canon);

  // The forms to try: without what is in brackets; each side of a '/' ("País Vasco / Euskal
  // Herria"); "Valenciana, Comunitat" turned round; "Fukushima, Japan" without the country.
  std::vector<std::string> forms;
  for (const std::string& part : bracket_parts(name)) {
    forms.push_back(part);
    if (part.find('/') != std::string::npos)
      for (std::string_view side : split_on(part, '/')) forms.emplace_back(side);
  }
  std::size_t count = forms.size();
  for (std::size_t k = 0; k < count; ++k) {
    std::vector<std::string_view> pieces = split_on(forms[k], ',');
    if (pieces.size() != 2) continue;
    std::string first(pieces[0]), second(pieces[1]);  // copies: forms may move as it grows
    forms.push_back(second + " " + first);
    if (matcher.is_country_name(normalize(second))) forms.push_back(first);
  }
  for (const std::string& form : forms) {
    std::string key = normalize(form);
    if (matcher.match(key)) return true;
    if (key.find("\xEF\xBF\xBD") != std::string::npos && matcher.match_with_replacement_chars(key))
      return true;
  }
  return false;
}

}  // namespace trialgraph
