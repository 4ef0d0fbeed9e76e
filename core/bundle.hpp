// The post bundle, posts.json: what the author tool writes and the reader's
// engine loads. Format and versioning: docs/bundle-format.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "post.hpp"
#include "problem.hpp"

namespace buildlog {

inline constexpr int bundle_version = 1;
// Larger bundles are refused before parsing: the engine must never run out of
// memory on a file, and a blog this size needs the split format anyway.
inline constexpr std::size_t max_bundle_bytes = 64u << 20;
// Bounds checked before the document is built, so that no bundle can make
// the engine exhaust its memory (in wasm, even the out-of-memory exception
// needs memory): JSON values in all, and nesting depth.
inline constexpr std::size_t max_bundle_values = 4'000'000;
inline constexpr std::size_t max_bundle_depth = 32;
// More posts than this is refused rather than half-loaded.
inline constexpr std::size_t max_bundle_posts = 100'000;
// Loading stops collecting problems after this many: enough to fix a bundle,
// and a bound on the memory a hostile one can make the loader spend.
inline constexpr std::size_t max_reported_problems = 50;

struct Site {
  std::string title = "Build log";
  std::string tagline;
  std::string kicker = "// build log";  // the small line above the title
  std::string author;
  bool allow_raw_html = false;  // trusts every post's raw HTML (markdown.hpp)

  friend bool operator==(const Site&, const Site&) = default;
};

struct Bundle {
  Site site;
  std::vector<Post> posts;  // newest first; ties by slug

  friend bool operator==(const Bundle&, const Bundle&) = default;
};

struct BundleLoad {
  std::optional<Bundle> bundle;  // set when `problems` is empty
  Problems problems;             // each names the field ("posts[2] \"saga\".date") and why
};

// Parses and checks a bundle. Never throws; every problem found is reported.
BundleLoad load_bundle(std::string_view json);

// The bundle as posts.json: keys sorted, two-space indent, posts newest first,
// UTF-8 as is, a final newline; the same bundle always gives the same bytes.
std::string save_bundle(const Bundle& bundle);

// Puts posts in bundle order: newest first, then by slug.
void sort_posts(std::vector<Post>& posts);

}  // namespace buildlog
