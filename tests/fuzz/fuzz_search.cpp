// The search query parser and the search over the sample blog's parts: any
// query runs, needs only parts the blog has, and its results view (every
// page of it) passes the audit.
#include <cstdint>
#include <cstdlib>
#include <map>

#include "bundle_split.hpp"
#include "content.hpp"
#include "engine.hpp"
#include "html_audit.hpp"
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
    const std::string hash = to_hash(SearchRoute{query, page});
    Page view;
    for (int round = 0;; ++round) {
      if (round == 8) std::abort();
      view = engine.render(hash);
      if (view.needs.empty()) break;
      for (const auto& name : view.needs) {
        const auto it = parts.find(name);
        if (it == parts.end()) std::abort();  // asked for a part the blog does not have
        if (!engine.provide(name, it->second)) std::abort();
      }
    }
    if (view.title == "Blog unavailable" || !test::audit_html(view.body.str()).empty()) std::abort();
  }
  return 0;
}
