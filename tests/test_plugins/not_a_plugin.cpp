// An ordinary shared library that happens to sit in a plugin folder.
extern "C" int not_a_trialgraph_plugin() { return 42; }
