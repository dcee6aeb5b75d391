// Temporary outputs are removed when a signal ends the run (exporters/src/temp_output.cpp).
// Each test runs in a child process, which the signal ends.
#include <csignal>
#include <fstream>

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "trialgraph/temp_output.hpp"

namespace trialgraph {
namespace {
namespace fs = std::filesystem;

class TempOutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tg-temp-output-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "folder.tmp-1");
    for (const char* f : {"out.graphml.tmp-1", "kept.tmp-1", "folder.tmp-1/nodes_Trial.csv", "folder.tmp-1/x.csv"})
      std::ofstream(dir_ / f) << "half written";
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `body` in a child process; returns its wait status.
  template <typename Body>
  int in_child(Body body) {
    pid_t child = ::fork();
    if (child == 0) {
      body();
      ::_exit(7);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return status;
  }
  fs::path dir_;
};

TEST_F(TempOutputTest, ASignalRemovesWhatIsRegisteredAndEndsTheRunAsItSays) {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    SetUp();
    int status = in_child([&] {
      TempOutputGuard file(dir_ / "out.graphml.tmp-1", TempOutputGuard::Kind::file);
      TempOutputGuard folder(dir_ / "folder.tmp-1", TempOutputGuard::Kind::folder);
      { TempOutputGuard done(dir_ / "kept.tmp-1", TempOutputGuard::Kind::file); }  // renamed into place, say
      if (!file.registered() || !folder.registered()) ::_exit(3);
      ::raise(sig);
    });
    ASSERT_TRUE(WIFSIGNALED(status)) << "signal " << sig << ": exit status " << status;
    EXPECT_EQ(WTERMSIG(status), sig);
    EXPECT_FALSE(fs::exists(dir_ / "out.graphml.tmp-1")) << sig;
    EXPECT_FALSE(fs::exists(dir_ / "folder.tmp-1")) << sig;
    EXPECT_TRUE(fs::exists(dir_ / "kept.tmp-1")) << "no longer registered: left alone";
    TearDown();
  }
}

// (Meaningful when no output was registered before in this process; the atomic-outputs CLI test
// shows it too: a script's background job ignores SIGINT, and so does trialgraph then.)
TEST_F(TempOutputTest, AnIgnoredSignalStaysIgnored) {
  int status = in_child([&] {
    ::signal(SIGHUP, SIG_IGN);  // as under nohup
    TempOutputGuard file(dir_ / "out.graphml.tmp-1", TempOutputGuard::Kind::file);
    ::raise(SIGHUP);
  });
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 7);
  EXPECT_TRUE(fs::exists(dir_ / "out.graphml.tmp-1"));
}

TEST_F(TempOutputTest, AFileSizeLimitIsAWriteErrorNotTheEnd) {
  int status = in_child([&] {
    TempOutputGuard file(dir_ / "out.graphml.tmp-1", TempOutputGuard::Kind::file);
    ::raise(SIGXFSZ);  // ignored once an output is registered
  });
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 7);
}

}  // namespace
}  // namespace trialgraph
