// Format choice and atomic output files.
#include <fstream>
#include <system_error>
#include <unistd.h>

#include "trialgraph/exporters.hpp"

namespace trialgraph {
namespace fs = std::filesystem;

std::optional<OutputFormat> format_from_name(std::string_view name) {
  if (name == "graphml") return OutputFormat::graphml;
  if (name == "turtle" || name == "ttl") return OutputFormat::turtle;
  return std::nullopt;
}

std::optional<OutputFormat> format_from_path(const fs::path& path) {
  std::string ext = path.extension().string();
  if (ext == ".graphml") return OutputFormat::graphml;
  if (ext == ".ttl") return OutputFormat::turtle;
  return std::nullopt;
}

bool export_to_file(const Graph& graph, const fs::path& path, OutputFormat format,
                    const ExportOptions& options, std::string& error) {
  fs::path temp = path;
  temp += ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = "cannot write " + temp.string() + ": " + std::generic_category().message(errno);
      return false;
    }
    if (format == OutputFormat::graphml) write_graphml(graph, out);
    else write_turtle(graph, out, options);
    out.flush();
    if (!out) {
      error = "writing " + temp.string() + " failed: " + std::generic_category().message(errno);
      out.close();
      std::error_code ignored;
      fs::remove(temp, ignored);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    error = "cannot move " + temp.string() + " to " + path.string() + ": " + ec.message();
    fs::remove(temp, ec);
    return false;
  }
  return true;
}

}  // namespace trialgraph
