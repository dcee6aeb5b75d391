#include <exception>
#include <iostream>

#include "cli.hpp"

int main(int argc, char** argv) {
  try {
    return trialgraph::run_cli(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "trialgraph: fatal: " << e.what() << "\n";
    return trialgraph::kExitFatal;
  }
}
