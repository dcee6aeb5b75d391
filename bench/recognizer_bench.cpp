// How fast the recognizer reads trial text: every string of every JSON record under the given
// folders (titles, summaries, criteria, ...), found through the shared recognizer, several rounds.
// usage: trialgraph_bench_recognizer DIR... [--rounds N]
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "trialgraph/keys.hpp"
#include "trialgraph/recognizer.hpp"

namespace fs = std::filesystem;

namespace {

void strings_of(const nlohmann::json& j, std::vector<std::string>& out) {
  if (j.is_string()) out.push_back(j.get<std::string>());
  else if (j.is_structured())
    for (const auto& item : j) strings_of(item, out);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> texts;
  int rounds = 5;
  std::size_t documents = 0;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--rounds" && i + 1 < argc) { rounds = std::stoi(argv[++i]); continue; }
    for (const auto& e : fs::recursive_directory_iterator(arg)) {
      if (!e.is_regular_file() || e.path().extension() != ".json") continue;
      std::ifstream in(e.path());
      std::stringstream s;
      s << in.rdbuf();
      auto j = nlohmann::json::parse(s.str(), nullptr, false);
      if (j.is_discarded()) continue;
      strings_of(j, texts);
      ++documents;
    }
  }
  std::size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size();
  if (bytes == 0) {
    std::cerr << "usage: trialgraph_bench_recognizer DIR... [--rounds N]  (no JSON text found)\n";
    return 2;
  }
  auto recognizer = trialgraph::shared_recognizer();  // built before the clock starts
  std::size_t mentions = 0;
  std::uint64_t digest = trialgraph::kFnv1aOffset;  // FNV-1a over every mention: compares two builds
  auto mix = [&](std::string_view bytes) { digest = trialgraph::fnv1a_64(bytes, digest); };
  auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r)
    for (const auto& t : texts) {
      trialgraph::LearnedAbbreviations learned;
      std::vector<trialgraph::Mention> found = recognizer->find(t, &learned);
      mentions += found.size();
      if (r == 0)
        for (const trialgraph::Mention& m : found) {
          std::string fields = std::to_string(int(m.kind)) + '|' + (m.entry ? m.entry->name : "-") + '|' +
                               std::to_string(m.begin) + '|' + std::to_string(m.end) + '|' + m.surface + '|' +
                               (m.ambiguous ? "?" : "!");
          mix(fields);
        }
    }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double mb = double(bytes) * rounds / 1e6;
  std::cout << "recognizer: " << documents << " documents, " << texts.size() << " strings, "
            << double(bytes) / 1e6 << " MB of text x " << rounds << " rounds in " << secs << " s: "
            << mb / secs << " MB/s, " << double(documents) * rounds / secs << " documents/s, "
            << mentions / std::size_t(rounds) << " mentions per round (digest " << std::hex << digest << std::dec << ")\n";
}
