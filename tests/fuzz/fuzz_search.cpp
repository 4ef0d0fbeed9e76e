// The search query parser and the search over the sample blog's parts: any
// query runs, needs only parts the blog has, and its results view (every
// page of it) passes the audit.
#include <cstdint>
#include <cstdlib>
#include <map>

#include "bundle_writer.hpp"
#include "content.hpp"
#include "engine.hpp"
#include "html_audit.hpp"
#include "render_with_parts.hpp"
#include "route.hpp"
#include "test_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace buildlog;
  static const SplitBundle split = [] {
    const auto read = read_content(test::source_dir() / "content");
    if (!read.problems.empty()) std::abort();
    return split_bundle(read.bundle);
  }();
  static const std::map<std::string, std::string> parts = [] {
    std::map<std::string, std::string> m;
    for (const Part& p : split.parts) m[p.name] = p.bytes;
    return m;
  }();
  static Engine engine = [] {
    Engine e;
    if (!e.load(split.entry).empty()) std::abort();
    return e;
  }();
  const std::string query(reinterpret_cast<const char*>(data), size);
  for (const std::size_t page : {std::size_t{1}, std::size_t{2}}) {
    std::vector<std::string> fetched;
    const auto view = test::render_with_parts(engine, parts, to_address(SearchRoute{query, page}), &fetched);
    if (!view) std::abort();
    for (const auto& name : fetched)
      if (!parts.contains(name)) std::abort();  // asked for a part the blog does not have
    if (view->title == "Blog unavailable" || !test::audit_html(view->body.str()).empty()) std::abort();
  }
  return 0;
}
