// The route parser: any address parses; a recognised route writes an address that
// reads back as the same route; a page file, when it has one, is a plain
// relative path; every view it leads to passes the audit.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iostream>

#include "bundle.hpp"
#include "engine.hpp"
#include "html_audit.hpp"
#include "route.hpp"
#include "test_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace buildlog;
  static Engine engine = [] {
    Engine e;
    if (!e.load(test::slurp(test::source_dir() / "posts.json")).empty()) std::abort();
    return e;
  }();
  const std::string_view hash(reinterpret_cast<const char*>(data), size);
  const Route route = parse_route(hash);
  if (!std::holds_alternative<NotFoundRoute>(route) && !(parse_route(to_address(route)) == route)) std::abort();
  // A page's file stays inside the site: no absolute path, no "." or ".." segment, no empty one.
  if (const auto file = page_file(route)) {
    if (file->starts_with('/') || !file->ends_with("index.html")) std::abort();
    for (std::size_t at = 0; at <= file->size();) {
      const auto end = std::min(file->find('/', at), file->size());
      const std::string_view segment(file->data() + at, end - at);
      if (segment.empty() || segment == "." || segment == "..") std::abort();
      at = end + 1;
    }
  }
  if (const auto bad = test::audit_html(engine.render(hash).body.str()); !bad.empty()) {
    std::cerr << bad << "\n";
    std::abort();
  }
  return 0;
}
