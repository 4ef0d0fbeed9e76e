// The search query parser: any query runs against the sample blog, results
// are posts of the blog, and the results view passes the audit.
#include <cstdint>
#include <cstdlib>

#include "blog.hpp"
#include "bundle.hpp"
#include "html_audit.hpp"
#include "route.hpp"
#include "search_index.hpp"
#include "test_support.hpp"
#include "views.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace buildlog;
  static Blog blog{[] {
    auto loaded = load_bundle(test::slurp(test::source_dir() / "posts.json"));
    if (!loaded.bundle) std::abort();
    return std::move(*loaded.bundle);
  }()};
  static SearchIndex index(blog.bundle.posts);
  const std::string query(reinterpret_cast<const char*>(data), size);
  const auto hits = index.search(query);
  if (hits.size() > blog.bundle.posts.size()) std::abort();
  for (const auto& h : hits)
    if (blog.find(h.post->slug) != h.post) std::abort();
  if (!test::audit_html(render_view(blog, index, SearchRoute{query}).body.str()).empty()) std::abort();
  return 0;
}
