// A first look at a plugin file before the dynamic loader maps it and runs its constructors: is it
// a whole ELF shared object for this machine (a truncated copy makes dlopen die of SIGBUS), and
// does it define the plugin's ABI symbol (a library that is no plugin never runs code here).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace trialgraph::detail {

struct ElfLook {
  bool elf = false;      ///< starts with the ELF magic; when false nothing else was looked at
  std::string problem;   ///< why it cannot be loaded ("" when it looks loadable)
  bool symbols_read = false;           ///< its dynamic symbol table was found and read
  bool defines_symbol = false;         ///< `symbol` is defined there
  std::optional<std::uint32_t> value;  ///< the symbol's 4-byte value, when the file holds it
};

/// Reads the headers, segments and dynamic symbols of `file`, looking for `symbol`.
ElfLook look_at_elf(const std::filesystem::path& file, const char* symbol);

}  // namespace trialgraph::detail
