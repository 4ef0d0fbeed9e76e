// The bundle's one writer: a blog as the split bundle the reader's page loads
// (format: docs/bundle-format.md; the engine's reader is bundle.hpp):
// posts.json, small and loaded first, and parts beside it under posts/, named
// by a hash of their content (part_name.hpp), fetched when a view needs them.
// Only the author tool writes bundles: the engine does not link this.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "bundle.hpp"
#include "date.hpp"

namespace buildlog {

// A post as the author tool reads it from the content folder.
struct SourcePost : Post {
  // Its body as plain text (markdown_plain_text), when the reader kept it:
  // the preview's reads do, for the index every save makes again. Empty:
  // split_bundle makes it from the body, and lets it go once the search
  // index has read it, so that a build does not hold every post's text
  // from reading to writing, nor beside the index's records (55 MB at
  // 10,000 posts).
  std::string text;
  // Marked private by its author (draft: true, published: false, status:
  // draft): never in a built site, only in the author's preview.
  bool is_private = false;
  // The picture link previews show (front matter `image`): an absolute
  // address, or a path from the site's root. Only in the page's head.
  std::string image;
  int body_line = 1;  // the line of its file the body starts on, for messages about the body
  // Where the post was before (front matter permalink, aliases,
  // redirect_from, Hugo's url): each gets a page sending readers on (redirects.hpp).
  struct OldAddress {
    std::string address;  // as written: "/2019/05/12/old-name.html"
    int line = 1;         // in the post's file
    friend bool operator==(const OldAddress&, const OldAddress&) = default;
  };
  std::vector<OldAddress> old_addresses;
  // Files beside the post that its body links to, copied into the site
  // under content-hashed names (the body names them so already).
  struct Attachment {
    std::string source;     // the file, as the author tool found it
    std::string site_path;  // "assets/cover.0123456789abcdef.png"
    friend bool operator==(const Attachment&, const Attachment&) = default;
  };
  std::vector<Attachment> attachments;

  // Every field, the Post's and these (Post's own == would compare only its own).
  friend bool operator==(const SourcePost&, const SourcePost&) = default;
};

// The whole blog, as the author tool reads it from the content folder.
struct Bundle {
  Site site;
  std::vector<SourcePost> posts;  // in bundle order (sort_posts)

  friend bool operator==(const Bundle&, const Bundle&) = default;
};

// The hash that names files by their content (XXH3, 64 bits): the bundle's
// parts (part_name.hpp) and the site's assets (pages.hpp).
std::uint64_t content_hash(std::string_view bytes);

// Puts posts in bundle order: newest first, then by slug.
void sort_posts(std::vector<SourcePost>& posts);

// What a build publishes. A site for readers leaves out private posts and
// published posts dated after `today` (unless `future`); the author's
// preview keeps every post and marks those two kinds (PostCard::preview_note).
struct Publishing {
  Date today;
  bool future = false;   // publish posts dated after today
  bool preview = false;  // the author's preview, never for readers
};
struct Selection {
  Bundle bundle;
  std::size_t private_posts = 0;  // left out (or, in a preview, marked)
  std::size_t future_posts = 0;
};
Selection select_posts(Bundle blog, const Publishing& publishing);

struct Part {
  std::string name;   // "posts/01/p-0123456789abcdef.json", relative to posts.json
  std::string bytes;
  friend bool operator==(const Part&, const Part&) = default;
};

// Where a build hands every post's parts and search's files as they are
// made, instead of holding them all until the bundle is written: 12 MB of
// a 1,000-post build's peak (the pages read back the post parts they
// need: PartSource). Called from several threads at once (so it must be
// thread-safe); returns why it could not take the part (empty: go on).
using PartSink = std::function<std::string(const Part& part)>;
// A part a sink took, by name, as it was made; nullopt when it cannot be had.
using PartSource = std::function<std::optional<std::string>(const std::string& name)>;

struct SplitBundle {
  std::string entry;        // posts.json
  std::vector<Part> parts;  // sorted by name; no two alike
  // The names of the parts handed to the split's sink instead, sorted, no
  // two alike (none without a sink): the entry and the held parts name them.
  std::vector<std::string> parts_sunk;
  // Why the sink could not take a part: the split stopped there, and
  // nothing else in it is meaningful.
  std::string sink_error;
  // Each published post's two parts by its slug, with a hash of the links
  // (newer, older, related) its post part holds: what a later split of
  // the same blog may take again (EarlierSplit).
  struct PostParts {
    std::string post_part, hit_part;
    std::uint64_t links = 0;
    friend bool operator==(const PostParts&, const PostParts&) = default;
  };
  std::unordered_map<std::string, PostParts> post_parts;
};

// A split made earlier of the same blog, as it was then: the author's
// preview keeps its last good build. A published post's two parts are made
// from the post and the links its post part holds alone, so a post equal
// to the one of the same slug there, with the same links, takes its parts
// from there instead of writing them again: a save changes one post, and
// writing every post's parts was a quarter of the preview's rebuild at
// 10,000 posts.
struct EarlierSplit {
  const Bundle& blog;
  const SplitBundle& split;
};

// The same bundle always gives the same bytes and names, whatever the order
// of its posts, with or without an earlier split, with or without a sink.
SplitBundle split_bundle(const Bundle& bundle, const EarlierSplit* earlier = nullptr, const PartSink* sink = nullptr);

// A problem when a file of `size` bytes is larger than the engine reads
// (bounded_json.hpp): a post whose body escapes to more than that, say.
std::optional<Problem> oversized_file(const std::string& name, std::size_t size);
// One for each such file of `bundle` (a sink checks the parts it takes).
Problems oversized_files(const SplitBundle& bundle);

}  // namespace buildlog
