// Temporary outputs that an interrupted run must not leave behind. Outputs are written under a
// temporary name beside their target and renamed into place (export_file.cpp); while such a file
// or folder exists it is registered here, and SIGINT, SIGTERM or SIGHUP removes it before the
// program ends as the signal says. The target is then untouched: the previous output, or the new
// complete one when the rename came first. SIGXFSZ (a file-size limit, `ulimit -f`) is ignored once
// an output is registered, so that going over the limit is a write error that is reported, like a
// full disk, rather than the end of the program.
#pragma once

#include <filesystem>

namespace trialgraph {

/// `<target>.tmp-<pid>`: where this process writes `target` before renaming it into place. The
/// CLI finds a killed run's leftovers by the same name.
inline constexpr const char* kTemporaryInfix = ".tmp-";
std::filesystem::path temporary_beside(const std::filesystem::path& target);

class TempOutputGuard {
 public:
  enum class Kind { file, folder };  ///< a folder is removed with the files in it (not sub-folders)

  /// Registers `path` for removal on interruption (and installs the signal handlers the first
  /// time). Does not create or remove anything itself: the owner renames or removes the path.
  TempOutputGuard(const std::filesystem::path& path, Kind kind);
  ~TempOutputGuard();  ///< unregisters
  TempOutputGuard(const TempOutputGuard&) = delete;
  TempOutputGuard& operator=(const TempOutputGuard&) = delete;

  /// False when every slot was taken or the path is too long: then it is not removed on a signal.
  bool registered() const { return slot_ >= 0; }

 private:
  int slot_ = -1;
};

/// Installs the handlers without registering anything (a command that will write outputs may call
/// it first). Signals the program ignores stay ignored. Idempotent and thread-safe.
void install_interrupt_cleanup();

}  // namespace trialgraph
