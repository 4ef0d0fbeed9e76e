// The engine's whole C ABI, as the page shim sees it. One engine per module
// instance; this file is the one place its state lives.
//
// Memory contract for JavaScript:
//   - Input bytes go in through bl_alloc()/bl_free(): the shim copies UTF-8
//     into the block, calls, then frees it.
//   - Output is read with bl_html()/bl_html_size(), bl_title()/bl_title_size()
//     and bl_text()/bl_text_size(); a pointer is valid until the next call
//     into the engine.
// Bad input never fails a call: the engine turns it into the error view.
// Built without C++ exceptions, the engine traps when it runs out of memory;
// binding.js then refuses every later call and the page starts a fresh one.
#include <emscripten/emscripten.h>

#include <cstdlib>
#include <string>

#include "engine.hpp"
#include "markdown.hpp"
#include "route.hpp"

namespace {

struct Host {
  buildlog::Engine engine;
  std::string html;
  std::string title;
  std::string text;  // the last string result: bl_address's address, or bl_render's needed parts
};

Host& host() {
  static Host h;
  return h;
}

std::string_view view(const char* bytes, std::size_t size) { return bytes == nullptr ? std::string_view{} : std::string_view(bytes, size); }

}  // namespace

extern "C" {

// A block of `size` bytes for input, or 0 when memory is exhausted.
EMSCRIPTEN_KEEPALIVE void* bl_alloc(std::size_t size) { return std::malloc(size == 0 ? 1 : size); }
EMSCRIPTEN_KEEPALIVE void bl_free(void* block) { std::free(block); }

// Loads a bundle (posts.json bytes). Returns the number of problems: 0 means
// loaded; otherwise every route renders the error view naming them.
EMSCRIPTEN_KEEPALIVE int bl_load(const char* json, std::size_t size) {
  return static_cast<int>(host().engine.load(view(json, size)).size());
}

// Tells the engine the bundle could not be fetched (`why`, UTF-8).
EMSCRIPTEN_KEEPALIVE void bl_fail(const char* why, std::size_t size) { host().engine.fail(view(why, size)); }

// Renders the view for an address relative to the site's root ("post/x/",
// or an old "#/post/x"). Returns 1 when found, 0 for the
// not-found view: read it with bl_html/bl_title. Returns 2 when the view
// needs parts first: bl_text lists their names, one per line; fetch each,
// hand it to bl_provide (or bl_fail_part), and render again.
EMSCRIPTEN_KEEPALIVE int bl_render(const char* address, std::size_t size) {
  Host& h = host();
  buildlog::Page page = h.engine.render(view(address, size));
  h.html = page.body.str();
  h.title = std::move(page.title);
  h.text.clear();
  for (const auto& part : page.needs) h.text += part + "\n";
  return !page.needs.empty() ? 2 : page.found ? 1 : 0;
}

// A part the last render asked for: its name, then its bytes. Returns 1 when
// the engine took it, 0 when it has problems (the view will say which).
EMSCRIPTEN_KEEPALIVE int bl_provide(const char* name, std::size_t name_size, const char* bytes, std::size_t size) {
  return host().engine.provide(view(name, name_size), view(bytes, size)) ? 1 : 0;
}

// A part could not be fetched: its name and why (UTF-8).
EMSCRIPTEN_KEEPALIVE void bl_fail_part(const char* name, std::size_t name_size, const char* why, std::size_t size) {
  host().engine.fail_part(view(name, name_size), view(why, size));
}

// Renders a Markdown document (UTF-8) with the default policy (raw HTML as
// text, safe URLs only), for benchmarks. Read it with bl_html. Named
// references ("&copy;") stay as written: the engine carries no table of
// HTML's, only each post's own (core/engine/entities.hpp).
EMSCRIPTEN_KEEPALIVE void bl_markdown(const char* markdown, std::size_t size) {
  Host& h = host();
  h.html = buildlog::render_markdown(view(markdown, size)).str();
}

EMSCRIPTEN_KEEPALIVE const char* bl_html() { return host().html.data(); }
EMSCRIPTEN_KEEPALIVE std::size_t bl_html_size() { return host().html.size(); }
EMSCRIPTEN_KEEPALIVE const char* bl_title() { return host().title.data(); }
EMSCRIPTEN_KEEPALIVE std::size_t bl_title_size() { return host().title.size(); }

// The canonical form of an address ("#/post/x" and "post/x" are "post/x/";
// "search?q=a+b" is "search/?q=a%20b"), read with bl_text.
EMSCRIPTEN_KEEPALIVE void bl_address(const char* address, std::size_t size) {
  host().text = buildlog::to_address(buildlog::parse_route(view(address, size)));
}

// 1 when an address names one of the engine's views (the page routes a link
// to it itself), 0 when it names anything else (a file: the browser goes there).
EMSCRIPTEN_KEEPALIVE int bl_routes(const char* address, std::size_t size) {
  return std::holds_alternative<buildlog::NotFoundRoute>(buildlog::parse_route(view(address, size))) ? 0 : 1;
}
EMSCRIPTEN_KEEPALIVE const char* bl_text() { return host().text.data(); }
EMSCRIPTEN_KEEPALIVE std::size_t bl_text_size() { return host().text.size(); }

}  // extern "C"
