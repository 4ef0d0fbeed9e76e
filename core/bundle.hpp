// The post bundle: what the author tool writes and the reader's engine loads.
// posts.json is the entry, loaded first and small at any blog size; the rest
// lives in parts beside it, fetched when a view needs them. Format and
// versioning: docs/bundle-format.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "post.hpp"
#include "problem.hpp"

namespace buildlog {

inline constexpr int bundle_version = 2;
inline constexpr std::size_t bundle_page_size = 20;        // posts per listing page
inline constexpr std::size_t bundle_slugs_per_shard = 256;  // slug -> part entries per shard
inline constexpr std::size_t bundle_docs_per_part = 64;     // search documents per doc part
inline constexpr std::string_view bundle_parts_folder = "posts";
// Larger files are refused before parsing: the engine must never run out of
// memory on a file. An entry this size would be a blog of millions of posts.
inline constexpr std::size_t max_bundle_bytes = 64u << 20;
// Bounds checked before the document is built, so that no file can make the
// engine exhaust its memory (in wasm, even the out-of-memory exception needs
// memory): JSON values in all, and nesting depth.
inline constexpr std::size_t max_bundle_values = 4'000'000;
inline constexpr std::size_t max_bundle_depth = 32;
// A list (and a blog) with more posts than this is refused rather than half-loaded.
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

// The whole blog, as the author tool reads it from the content folder.
struct Bundle {
  Site site;
  std::vector<Post> posts;  // newest first; ties by slug

  friend bool operator==(const Bundle&, const Bundle&) = default;
};

// Puts posts in bundle order: newest first, then by slug.
void sort_posts(std::vector<Post>& posts);

// Which slug shard holds `slug` (FNV-1a, so the engine and the author tool agree).
std::size_t slug_shard(std::string_view slug, std::size_t shards);

// The name of a part of `kind` whose bytes hash to `hash`:
// "posts/01/p-0123456789abcdef.json". A folder per first two digits keeps
// folders small (filesystems slow down past a few thousand files in one).
std::string part_name(char kind, std::uint64_t hash, std::string_view extension);
// True for names of that form: part names come from the bundle and become
// fetch() addresses in the page, so nothing else is accepted.
bool is_part_name(std::string_view name);

// ---- What the reader's engine reads ----

// Posts in pages of `page_size`. Each page is a part; a list of more than
// one page names its pages in a directory part, so the entry stays small.
struct PostList {
  std::size_t count = 0;
  std::vector<std::string> pages;  // when the list has at most one page
  std::string directory;           // else: the part listing the pages
};

struct TagEntry {
  std::string tag;
  int posts = 0;       // published and in progress
  PostList published;  // the published posts with the tag
};

struct SearchManifest {
  std::uint32_t docs = 0;  // published posts in list order, then upcoming ones
  std::map<std::string, std::string, std::less<>> terms;  // bucket key -> part
  std::vector<std::string> doc_parts;  // published post number -> its part, `bundle_docs_per_part` a part
};

// posts.json.
struct Entry {
  Site site;
  std::size_t page_size = bundle_page_size;
  std::size_t in_progress = 0;   // upcoming posts in progress (the rest are planned)
  PostList published;            // newest first
  std::vector<Post> first_page;  // page 1 of `published`, inline so the listing needs no fetch
  PostList upcoming;             // in progress (most written first), then planned
  std::vector<Post> first_upcoming;  // page 1 of `upcoming`, inline
  std::vector<TagEntry> tags;    // most used first
  std::vector<std::string> slug_shards;
  SearchManifest search;
};

struct EntryLoad {
  std::optional<Entry> entry;  // set when `problems` is empty
  Problems problems;           // each names the field ("upcoming[2] \"saga\".date") and why
};

// Parses and checks posts.json. Never throws; every problem found is reported.
EntryLoad load_entry(std::string_view json);

struct PostLink {
  std::string slug;
  std::string title;
};

struct PostPart {
  Post post;  // with its body
  std::optional<PostLink> newer, older;
};

using SlugShard = std::map<std::string, std::string, std::less<>>;  // slug -> part

// Parts. Problems name the field; the caller adds the part's name.
// A page of published posts (each naming its part) or of upcoming ones.
std::optional<std::vector<Post>> load_list_page(std::string_view json, Problems& problems);
std::optional<std::vector<std::string>> load_directory(std::string_view json, Problems& problems);
// Doc parts are binary: "BLD1", a count, then 8 bytes (little-endian) per
// post: the hash in its part's name.
std::string encode_doc_part(const std::vector<std::uint64_t>& hashes);
std::optional<std::vector<std::string>> decode_doc_part(std::string_view bytes);
std::optional<PostPart> load_post_part(std::string_view json, Problems& problems);
std::optional<SlugShard> load_slug_shard(std::string_view json, Problems& problems);

}  // namespace buildlog
