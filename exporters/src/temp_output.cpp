// Removing temporary outputs when the run is interrupted (temp_output.hpp). The signal handler
// only reads fixed slots and calls async-signal-safe functions (unlink, open, getdents64,
// unlinkat, rmdir): no allocation, no locks.
#include "trialgraph/temp_output.hpp"

#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <mutex>
#include <string>

#include <dirent.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace trialgraph {
namespace {

constexpr int kSlots = 64;
enum SlotState : int { kFree = 0, kFilling = 1, kFile = 2, kFolder = 3 };

struct Slot {
  std::atomic<int> state{kFree};
  char path[PATH_MAX];
};
Slot slots[kSlots];

void remove_folder(const char* path) {
  int dir = ::open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir >= 0) {
    alignas(8) char buffer[4096];
    for (;;) {
      long n = ::syscall(SYS_getdents64, dir, buffer, sizeof buffer);
      if (n <= 0) break;
      for (long at = 0; at < n;) {
        // struct linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name
        unsigned short reclen;
        std::memcpy(&reclen, buffer + at + 16, sizeof reclen);
        const char* name = buffer + at + 19;
        if (std::strcmp(name, ".") != 0 && std::strcmp(name, "..") != 0) ::unlinkat(dir, name, 0);
        at += reclen;
      }
    }
    ::close(dir);
  }
  ::rmdir(path);
}

void remove_registered() {
  for (Slot& s : slots) {
    int state = s.state.load(std::memory_order_acquire);
    if (state == kFile) ::unlink(s.path);
    else if (state == kFolder) remove_folder(s.path);
  }
}

void on_interrupt(int sig) {
  int saved_errno = errno;
  remove_registered();
  errno = saved_errno;
  // SA_RESETHAND restored the default action: once this handler returns, the pending signal
  // ends the program, and its exit status says which signal it was.
  ::raise(sig);
}

std::once_flag installed;

}  // namespace

std::filesystem::path temporary_beside(const std::filesystem::path& target) {
  std::filesystem::path temp = target;
  temp += kTemporaryInfix + std::to_string(::getpid());
  return temp;
}

void install_interrupt_cleanup() {
  std::call_once(installed, [] {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction old {};
      if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler != SIG_DFL) continue;  // keep SIG_IGN, or a handler
      struct sigaction action {};
      action.sa_handler = on_interrupt;
      sigemptyset(&action.sa_mask);
      for (int other : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&action.sa_mask, other);
      action.sa_flags = SA_RESETHAND;
      ::sigaction(sig, &action, nullptr);
    }
    struct sigaction old {};
    if (::sigaction(SIGXFSZ, nullptr, &old) == 0 && old.sa_handler == SIG_DFL) {
      struct sigaction ignore {};
      ignore.sa_handler = SIG_IGN;
      sigemptyset(&ignore.sa_mask);
      ::sigaction(SIGXFSZ, &ignore, nullptr);
    }
  });
}

TempOutputGuard::TempOutputGuard(const std::filesystem::path& path, Kind kind) {
  install_interrupt_cleanup();
  std::filesystem::path absolute = path;
  std::error_code ec;
  if (path.is_relative()) absolute = std::filesystem::absolute(path, ec);  // the handler may run after a chdir
  if (ec) absolute = path;
  const std::string& text = absolute.native();
  if (text.size() >= PATH_MAX) return;
  for (int i = 0; i < kSlots; ++i) {
    int expected = kFree;
    if (!slots[i].state.compare_exchange_strong(expected, kFilling, std::memory_order_acq_rel)) continue;
    std::memcpy(slots[i].path, text.c_str(), text.size() + 1);
    slots[i].state.store(kind == Kind::folder ? kFolder : kFile, std::memory_order_release);
    slot_ = i;
    return;
  }
}

TempOutputGuard::~TempOutputGuard() {
  if (slot_ >= 0) slots[slot_].state.store(kFree, std::memory_order_release);
}

}  // namespace trialgraph
