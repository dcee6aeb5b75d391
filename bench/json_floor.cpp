// The floor under extraction: parsing every record of an NDJSON file with a JSON library alone,
// and nothing else. Compares the options for the hot path (bench/README.md says which was chosen).
//
// usage: trialgraph_bench_json_floor FILE.ndjson [nlohmann-dom|nlohmann-sax|simdjson-dom|simdjson-ondemand]...
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <simdjson.h>

namespace {

// Calls `each` with every line of the file, read in large blocks.
std::size_t for_each_line(const char* path, const std::function<void(std::string_view)>& each) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) {
    std::perror(path);
    std::exit(2);
  }
  std::string buffer, block(8 << 20, '\0');
  std::size_t lines = 0, got;
  while ((got = std::fread(block.data(), 1, block.size(), f)) > 0) {
    buffer.append(block.data(), got);
    std::size_t start = 0, end;
    while ((end = buffer.find('\n', start)) != std::string::npos) {
      if (end > start) each(std::string_view(buffer).substr(start, end - start)), ++lines;
      start = end + 1;
    }
    buffer.erase(0, start);
  }
  if (!buffer.empty()) each(buffer), ++lines;
  std::fclose(f);
  return lines;
}

// Counts values, so that the compiler keeps the work.
struct CountingSax : nlohmann::json_sax<nlohmann::json> {
  std::size_t n = 0;
  bool null() override { return ++n; }
  bool boolean(bool) override { return ++n; }
  bool number_integer(number_integer_t) override { return ++n; }
  bool number_unsigned(number_unsigned_t) override { return ++n; }
  bool number_float(number_float_t, const string_t&) override { return ++n; }
  bool string(string_t&) override { return ++n; }
  bool binary(binary_t&) override { return ++n; }
  bool start_object(std::size_t) override { return ++n; }
  bool key(string_t&) override { return ++n; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return ++n; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

// On-demand parses lazily: walking every value is what makes it parse them all.
std::size_t walk(simdjson::ondemand::value value) {
  std::size_t n = 1;
  switch (value.type()) {
    case simdjson::ondemand::json_type::object:
      for (auto field : value.get_object()) n += walk(field.value());
      break;
    case simdjson::ondemand::json_type::array:
      for (auto item : value.get_array()) n += walk(item.value());
      break;
    case simdjson::ondemand::json_type::string:
      n += value.get_string().value().size() > 0;
      break;
    default:
      n += value.raw_json_token().size() > 0;
  }
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " FILE.ndjson [nlohmann-dom|nlohmann-sax|simdjson-dom|simdjson-ondemand]...\n";
    return 2;
  }
  std::vector<std::string> parsers(argv + 2, argv + argc);
  if (parsers.empty()) parsers = {"nlohmann-dom", "nlohmann-sax", "simdjson-dom", "simdjson-ondemand"};
  std::size_t bytes = 0;
  for_each_line(argv[1], [&](std::string_view line) { bytes += line.size() + 1; });
  for (const std::string& name : parsers) {
    std::size_t values = 0, failed = 0;
    simdjson::dom::parser dom;
    simdjson::ondemand::parser ondemand;
    simdjson::padded_string padded;
    auto start = std::chrono::steady_clock::now();
    std::size_t records = for_each_line(argv[1], [&](std::string_view line) {
      if (name == "nlohmann-dom") {
        nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        values += j.size();
        failed += j.is_discarded();
      } else if (name == "nlohmann-sax") {
        CountingSax sax;
        failed += !nlohmann::json::sax_parse(line, &sax);
        values += sax.n;
      } else if (name == "simdjson-dom") {
        simdjson::dom::element e;
        failed += dom.parse(line.data(), line.size()).get(e) != simdjson::SUCCESS;
        values += e.is_object();
      } else if (name == "simdjson-ondemand") {
        padded = simdjson::padded_string(line);
        simdjson::ondemand::document doc;
        if (ondemand.iterate(padded).get(doc)) ++failed;
        else values += walk(doc.get_value().value());
      } else {
        std::cerr << "unknown parser " << name << "\n";
        std::exit(2);
      }
    });
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-18s %8.2f s %10.0f records/s %8.1f MB/s  (%zu records, %zu failed, %zu values)\n", name.c_str(),
                secs, records / secs, bytes / 1e6 / secs, records, failed, values);
  }
  return 0;
}
