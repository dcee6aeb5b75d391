// `trialgraph check-plugin`: the conformance checks, run in a child process so that a plugin that
// crashes or hangs is reported as failing, with the input it was given, instead of taking the
// checker down with it.
#include "check_plugin_command.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <string>

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.hpp"
#include "plugin_check.hpp"

namespace trialgraph {
namespace {

// The child speaks in lines: "step\t<what is tried>" and "result\t<0|1>\t<check>\t<detail>".
std::string one_field(std::string text) {
  for (char& c : text)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return text;
}

void write_line(int fd, const std::string& line) {
  std::string data = line + "\n";
  for (std::size_t done = 0; done < data.size();) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += std::size_t(n);
  }
}

[[noreturn]] void run_child(const PluginCheckInputs& inputs, int fd) {
  PluginCheckCallbacks callbacks;
  callbacks.on_step = [fd](const std::string& what) { write_line(fd, "step\t" + one_field(what)); };
  callbacks.on_result = [fd](const CheckResult& r) {
    write_line(fd, std::string("result\t") + (r.passed ? "1" : "0") + "\t" + one_field(r.check) + "\t" +
                       one_field(r.detail));
  };
  bool passed = check_plugin(inputs, callbacks);
  ::_exit(passed ? 0 : 1);
}

struct ParentView {
  std::string last_step;
  std::size_t checks = 0, passed = 0;
  std::string pending;

  void take(const char* data, std::size_t n) {
    pending.append(data, n);
    for (std::size_t nl; (nl = pending.find('\n')) != std::string::npos; pending.erase(0, nl + 1))
      line(pending.substr(0, nl));
  }
  void line(const std::string& text) {
    if (text.rfind("step\t", 0) == 0) {
      last_step = text.substr(5);
      return;
    }
    if (text.rfind("result\t", 0) != 0) return;
    std::size_t a = text.find('\t', 7), b = text.find('\t', a + 1);
    bool ok = text.compare(7, 1, "1") == 0;
    std::string check = text.substr(a + 1, b - a - 1), detail = text.substr(b + 1);
    print(ok, check + (detail.empty() ? "" : (ok ? " (" + detail + ")" : ": " + detail)));
  }
  void print(bool ok, const std::string& text) {
    ++checks;
    passed += ok;
    std::cout << (ok ? "  ok    " : "  FAIL  ") << text << "\n" << std::flush;
  }
};

// Waits for the child, reading what it says; false when it went silent for longer than `timeout`.
bool follow_child(int fd, int timeout_seconds, ParentView& view) {
  char buffer[4096];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, timeout_seconds * 1000);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return false;
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    view.take(buffer, std::size_t(n));
  }
}

}  // namespace

int run_check_plugin(const PluginCheckInputs& inputs, int timeout_seconds) {
  std::cout << "checking " << inputs.plugin_file.string() << "\n" << std::flush;
  int fds[2];
  if (::pipe(fds) != 0) {
    std::cerr << "trialgraph: error: cannot start the checks: " << std::strerror(errno) << "\n";
    return kExitFatal;
  }
  pid_t child = ::fork();
  if (child < 0) {
    std::cerr << "trialgraph: error: cannot start the checks: " << std::strerror(errno) << "\n";
    return kExitFatal;
  }
  if (child == 0) {
    ::close(fds[0]);
    run_child(inputs, fds[1]);
  }
  ::close(fds[1]);
  ParentView view;
  bool answered = follow_child(fds[0], timeout_seconds, view);
  ::close(fds[0]);
  if (!answered) ::kill(child, SIGKILL);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!answered) {
    view.print(false, "no answer for " + std::to_string(timeout_seconds) + " s (hangs?) while trying: " +
                          view.last_step);
  } else if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    view.print(false, std::string("crashed (") + ::strsignal(sig) + ", signal " + std::to_string(sig) +
                          ") while trying: " + view.last_step);
  }
  bool all_passed = answered && WIFEXITED(status) && WEXITSTATUS(status) == 0 && view.checks == view.passed;
  if (all_passed)
    std::cout << "check-plugin: all " << view.checks << " checks passed\n";
  else
    std::cout << "check-plugin: FAILED, " << view.passed << " of " << view.checks << " checks passed\n";
  return all_passed ? kExitOk : kExitDocumentsFailed;
}

}  // namespace trialgraph
