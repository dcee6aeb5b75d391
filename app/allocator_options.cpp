// jemalloc's options, read once at start-up (the MALLOC_CONF environment variable still adds to
// them). Transparent huge pages for the heap: the graph of the whole registry is 2.5 GB built in
// small pieces, and with 4 KiB pages a tenth of the run went to faulting them in and to TLB misses
// (600,000 studies to GraphML with -j 2: 80 s -> 69 s; bench/README.md).
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always";
}
