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

#include "part_name.hpp"
#include "post.hpp"
#include "problem.hpp"
#include "site.hpp"

namespace buildlog {

inline constexpr int bundle_version = 5;
inline constexpr std::size_t bundle_page_size = 20;  // posts per listing page
// Slug shards and doc parts: this many (fewer only in a blog of fewer posts),
// so posts.json, which names them, does not grow with the blog; the parts do.
inline constexpr std::size_t bundle_shards = 64;
std::size_t shard_count(std::size_t posts);  // min(posts, bundle_shards), at least 1
// A list (and a blog) with more posts than this is refused rather than half-loaded.
inline constexpr std::size_t max_bundle_posts = 100'000;
// Loading stops collecting problems after this many: enough to fix a bundle,
// and a bound on the memory a hostile one can make the loader spend.
inline constexpr std::size_t max_reported_problems = 50;

// Which slug shard holds `slug` (FNV-1a, so the engine and the author tool agree).
std::size_t slug_shard(std::string_view slug, std::size_t shards);

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
  // Published post number d -> its hit part: entry d / n of doc part d % n, n = shard_count(published).
  std::vector<std::string> doc_parts;
};

// posts.json.
struct Entry {
  Site site;
  std::size_t page_size = bundle_page_size;
  std::size_t in_progress = 0;   // upcoming posts in progress (the rest are planned)
  PostList published;            // newest first
  std::vector<ListedPost> first_page;  // page 1 of `published`, inline so the listing needs no fetch
  PostList upcoming;             // in progress (most written first), then planned
  std::vector<PostCard> first_upcoming;  // page 1 of `upcoming`, inline
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
  Post post;
  std::optional<PostLink> newer, older;
  std::vector<PostLink> related;  // most related first (the author tool's related.hpp)
};

inline constexpr std::size_t max_related_posts = 10;

using SlugShard = std::map<std::string, std::string, std::less<>>;  // slug -> part

// Parts, one reader per kind (part_name.hpp). Problems name the field; the
// caller adds the part's name.
std::optional<std::vector<ListedPost>> load_listing_page(std::string_view json, Problems& problems);
std::optional<std::vector<PostCard>> load_upcoming_page(std::string_view json, Problems& problems);
std::optional<std::vector<std::string>> load_directory(std::string_view json, Problems& problems);
// Doc parts are binary: "BLD1", a count, then 8 bytes (little-endian) per
// post: the hash in its hit part's name (hit_part.hpp).
std::string encode_doc_part(const std::vector<std::uint64_t>& hashes);
// The hit parts named, in order; nullopt when malformed.
std::optional<std::vector<std::string>> decode_doc_part(std::string_view bytes);
std::optional<PostPart> load_post_part(std::string_view json, Problems& problems);
std::optional<SlugShard> load_slug_shard(std::string_view json, Problems& problems);

}  // namespace buildlog
