// A shared library that is no plugin and runs code as soon as it is loaded: the loader must refuse
// it from its headers, before the dynamic loader runs this constructor and takes the program down.
#include <cstdlib>

__attribute__((constructor)) static void take_the_host_down() { std::abort(); }

extern "C" int not_a_trialgraph_plugin_either() { return 7; }
