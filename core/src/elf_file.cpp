#include "elf_file.hpp"

#include <cerrno>
#include <cstring>
#include <vector>

#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trialgraph::detail {
namespace {

#if defined(__x86_64__)
constexpr int kMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr int kMachine = EM_AARCH64;
#else
constexpr int kMachine = -1;  // not checked
#endif

class File {
 public:
  explicit File(const std::filesystem::path& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~File() {
    if (fd_ >= 0) ::close(fd_);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  bool open() const { return fd_ >= 0; }
  std::uint64_t size() const {
    struct stat st {};
    return ::fstat(fd_, &st) == 0 ? std::uint64_t(st.st_size) : 0;
  }
  // Reads exactly n bytes at offset; false when the file is shorter.
  bool read(std::uint64_t offset, void* out, std::size_t n) const {
    auto* p = static_cast<char*>(out);
    while (n > 0) {
      ssize_t got = ::pread(fd_, p, n, off_t(offset));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return false;
      p += got, offset += std::uint64_t(got), n -= std::size_t(got);
    }
    return true;
  }

 private:
  int fd_;
};

// offset + length within size, without overflow.
bool within(std::uint64_t offset, std::uint64_t length, std::uint64_t size) {
  return offset <= size && length <= size - offset;
}

}  // namespace

ElfLook look_at_elf(const std::filesystem::path& path, const char* symbol) {
  ElfLook look;
  File file(path);
  if (!file.open()) return look;  // the loader says why
  std::uint64_t size = file.size();
  unsigned char ident[EI_NIDENT] = {};
  if (!file.read(0, ident, sizeof ident) || std::memcmp(ident, ELFMAG, SELFMAG) != 0) return look;
  look.elf = true;
  auto refuse = [&](std::string why) {
    look.problem = std::move(why);
    return look;
  };
  if (ident[EI_CLASS] != ELFCLASS64) return refuse("a 32-bit ELF file: built for another architecture");
  if (ident[EI_DATA] != ELFDATA2LSB) return refuse("a big-endian ELF file: built for another architecture");
  Elf64_Ehdr eh;
  if (!file.read(0, &eh, sizeof eh)) return refuse("truncated: the file ends inside its ELF header");
  if (eh.e_type != ET_DYN) return refuse("an ELF file that is not a shared library");
  if (kMachine >= 0 && eh.e_machine != kMachine) return refuse("an ELF file built for another machine");

  // Every segment the loader maps must be in the file: a cut-off copy would crash the loader.
  if (eh.e_phentsize != sizeof(Elf64_Phdr) || !within(eh.e_phoff, std::uint64_t(eh.e_phnum) * sizeof(Elf64_Phdr), size))
    return refuse("truncated or damaged: its program headers are not in the file");
  std::vector<Elf64_Phdr> segments(eh.e_phnum);
  if (!segments.empty() && !file.read(eh.e_phoff, segments.data(), segments.size() * sizeof(Elf64_Phdr)))
    return refuse("truncated: its program headers are cut off");
  for (const Elf64_Phdr& ph : segments)
    if ((ph.p_type == PT_LOAD || ph.p_type == PT_DYNAMIC) && !within(ph.p_offset, ph.p_filesz, size))
      return refuse("truncated: the file has " + std::to_string(size) + " bytes but its segments need " +
                    std::to_string(ph.p_offset + ph.p_filesz) + " (an interrupted copy?)");

  // The dynamic symbols, from the section headers (when they are there: the loader does not need them).
  if (eh.e_shoff == 0 || eh.e_shnum == 0) return look;
  if (eh.e_shentsize != sizeof(Elf64_Shdr) || !within(eh.e_shoff, std::uint64_t(eh.e_shnum) * sizeof(Elf64_Shdr), size))
    return refuse("truncated or damaged: its section headers are not in the file");
  std::vector<Elf64_Shdr> sections(eh.e_shnum);
  if (!file.read(eh.e_shoff, sections.data(), sections.size() * sizeof(Elf64_Shdr)))
    return refuse("truncated: its section headers are cut off");
  for (const Elf64_Shdr& sh : sections) {
    if (sh.sh_type != SHT_DYNSYM) continue;
    if (sh.sh_link >= sections.size() || sh.sh_entsize != sizeof(Elf64_Sym) || !within(sh.sh_offset, sh.sh_size, size))
      return refuse("damaged: its dynamic symbol table is not in the file");
    const Elf64_Shdr& strings = sections[sh.sh_link];
    if (!within(strings.sh_offset, strings.sh_size, size))
      return refuse("damaged: its dynamic symbol names are not in the file");
    std::vector<Elf64_Sym> symbols(sh.sh_size / sizeof(Elf64_Sym));
    std::vector<char> names(strings.sh_size + 1, '\0');
    if ((!symbols.empty() && !file.read(sh.sh_offset, symbols.data(), symbols.size() * sizeof(Elf64_Sym))) ||
        !file.read(strings.sh_offset, names.data(), strings.sh_size))
      return refuse("truncated: its dynamic symbols are cut off");
    look.symbols_read = true;
    for (const Elf64_Sym& s : symbols) {
      if (s.st_shndx == SHN_UNDEF || s.st_name >= strings.sh_size || std::strcmp(&names[s.st_name], symbol) != 0)
        continue;
      look.defines_symbol = true;
      // Its value, from the section that holds it (a constant in .rodata: no relocation applies).
      if (s.st_size == sizeof(std::uint32_t) && s.st_shndx < sections.size()) {
        const Elf64_Shdr& home = sections[s.st_shndx];
        std::uint32_t value = 0;
        if (home.sh_type == SHT_PROGBITS && s.st_value >= home.sh_addr &&
            within(s.st_value - home.sh_addr, sizeof value, home.sh_size) &&
            file.read(home.sh_offset + (s.st_value - home.sh_addr), &value, sizeof value))
          look.value = value;
      }
      break;
    }
    break;
  }
  return look;
}

}  // namespace trialgraph::detail
