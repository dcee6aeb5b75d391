// The writers alone: loads a graph from GraphML once, then formats it in each format several
// times into a stream that only counts and hashes the bytes (no file, no kernel), and prints the
// fastest and median run, MB/s and the text's digest (to check that a change kept the output).
//
// usage: trialgraph_bench_export GRAPH.graphml [--formats graphml,turtle,ntriples,nquads,neo4j-csv] [--runs N] [-j N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string_view>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "trialgraph/exporters.hpp"
#include "trialgraph/graphml_reader.hpp"
#include "trialgraph/keys.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// Counts and hashes what is written: std::hash over each 64 KiB block of the text, combined, so
// the digest depends on the bytes alone and costs little next to the writer.
class DigestBuffer : public std::streambuf {
 public:
  std::size_t bytes = 0;

  std::uint64_t digest() {
    flush_block();
    return digest_;
  }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    for (std::size_t left = std::size_t(n); left > 0;) {
      std::size_t take = std::min(left, kBlock - block_.size());
      block_.append(s, take);
      s += take;
      left -= take;
      if (block_.size() == kBlock) flush_block();
    }
    bytes += std::size_t(n);
    return n;
  }
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) {
      char ch = char(c);
      xsputn(&ch, 1);
    }
    return c;
  }

 private:
  static constexpr std::size_t kBlock = 64 * 1024;
  void flush_block() {
    if (block_.empty()) return;
    digest_ = digest_ * 1099511628211ull ^ std::hash<std::string_view>()(block_);
    block_.clear();
  }
  std::string block_;
  std::uint64_t digest_ = trialgraph::kFnv1aOffset;
};

using Writer = std::function<void(const trialgraph::Graph&, std::ostream&, const trialgraph::ExportOptions&)>;

Writer writer_for(const std::string& format) {
  using namespace trialgraph;
  if (format == "graphml") return [](const Graph& g, std::ostream& o, const ExportOptions& x) { write_graphml(g, o, x); };
  if (format == "turtle") return write_turtle;
  if (format == "ntriples") return write_ntriples;
  if (format == "nquads") return write_nquads;
  if (format == "neo4j-csv")  // every file's text in the order it is handed on, each after its file's number
    return [](const Graph& g, std::ostream& o, const ExportOptions& x) {
      neo4j_csv(g, [&o](const Neo4jCsv::File&, std::size_t index, std::string_view text) {
        o << index << ':';
        o.write(text.data(), std::streamsize(text.size()));
      }, x);
    };
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s GRAPH.graphml [--formats graphml,turtle,ntriples,nquads,neo4j-csv] [--runs N] [-j N]\n", argv[0]);
    return 2;
  }
  std::string formats = "graphml,turtle";
  int runs = 3;
  trialgraph::ExportOptions options;
  options.jobs = 1;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--formats") formats = argv[i + 1];
    else if (a == "--runs") runs = std::max(1, std::stoi(argv[i + 1]));
    else if (a == "-j") options.jobs = unsigned(std::stoul(argv[i + 1]));
  }
  auto start = Clock::now();
  trialgraph::Graph graph = trialgraph::read_graphml_file(argv[1]);
  std::printf("load %.2f s: %zu nodes, %zu edges; -j %u\n",
              std::chrono::duration<double>(Clock::now() - start).count(), graph.node_count(), graph.edge_count(),
              options.jobs);
  std::stringstream list(formats);
  for (std::string format; std::getline(list, format, ',');) {
    Writer write = writer_for(format);
    if (!write) {
      std::fprintf(stderr, "unknown format %s\n", format.c_str());
      return 2;
    }
    std::vector<double> seconds;
    std::size_t bytes = 0;
    std::uint64_t digest = 0;
    for (int r = 0; r < runs; ++r) {
      DigestBuffer buffer;
      std::ostream out(&buffer);
      start = Clock::now();
      write(graph, out, options);
      seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
      bytes = buffer.bytes;
      digest = buffer.digest();
    }
    std::sort(seconds.begin(), seconds.end());
    double median = seconds[seconds.size() / 2];
    std::printf("%-9s %8.1f MB  min %6.3f s  median %6.3f s  %7.1f MB/s  digest %016llx\n", format.c_str(),
                double(bytes) / 1e6, seconds.front(), median, double(bytes) / 1e6 / median,
                static_cast<unsigned long long>(digest));
  }
}
