// Compiled with the engine's speed options by cmake/check_inlining.cmake: a
// small function without the `inline` keyword, called twice. With inlining on
// it disappears into its caller; under -fno-inline-functions (which
// Emscripten 3.1.6 adds wherever -Os is on the line) both calls stay.
static int scaled(int x) { return x * 3 + 1; }
extern "C" int buildlog_inlining_probe(int x) { return scaled(x) + scaled(x + 1); }
