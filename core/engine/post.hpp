// One post of the blog, as the bundle carries it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.hpp"
#include "entities.hpp"

namespace buildlog {

enum class Status {
  published,    // listed with its body
  in_progress,  // "Currently writing": title, summary, tags and progress; never its body
  planned,      // on the author's list, not started: title and summary only
};

// "published", "in-progress", "planned".
std::string_view to_string(Status s);
// Accepts the names above and the spellings authors bring ("in progress",
// "wip", "idea" ...), case-insensitively. Not "draft": a draft is private
// (the author tool's concern), never a public state.
std::optional<Status> parse_status(std::string_view text);

// Limits of a post's fields, in bytes: the one set, which the author tool
// checks (path:line) and the bundle's reader enforces, so that nothing a
// build accepts is refused by a reader's engine.
inline constexpr std::size_t max_slug_bytes = 100;
inline constexpr std::size_t max_title_bytes = 1000;
inline constexpr std::size_t max_tag_bytes = 100;
inline constexpr std::size_t max_summary_bytes = 4000;
inline constexpr std::size_t max_body_bytes = 16u << 20;
inline constexpr std::size_t max_post_author_bytes = 200;
inline constexpr std::size_t max_preview_note_bytes = 100;
// And of its counts.
inline constexpr int max_post_words = 100'000'000;
inline constexpr int max_reading_minutes = 1'000'000;

// A post as a listing shows it: everything but its body.
struct PostCard {
  std::string slug;   // [a-z0-9-]+, unique in the blog; the post's address is #/post/SLUG
  std::string title;
  Date date;
  std::vector<std::string> tags;  // in the author's order, no duplicates
  std::string summary;            // the author's, or an excerpt of the body
  Status status = Status::published;
  int progress = 0;               // 0-100, only for posts in progress
  int words = 0;                  // words in the body (reading_time.hpp)
  int reading_minutes = 0;
  // Only in the author's preview: why readers do not see this post ("private
  // draft", "scheduled for 2030-01-01"). Empty in every built site.
  std::string preview_note;

  friend bool operator==(const PostCard&, const PostCard&) = default;
};

// A published post in a listing page: its card and the bundle part that
// holds its body (part_name.hpp).
struct ListedPost : PostCard {
  std::string part;

  friend bool operator==(const ListedPost&, const ListedPost&) = default;
};

// A post with its body (Markdown). Only published posts have one.
struct Post : PostCard {
  std::string body;
  std::string author;            // its own author(s), when the front matter names them; else the site's
  std::optional<Date> updated;   // when its author last changed it, if they said (lastmod)
  std::vector<std::string> highlights;  // its code blocks' token runs (highlight.hpp), by the author tool
  EntityTable entities;                 // the named references its body uses (markdown_entities), by the author tool

  friend bool operator==(const Post&, const Post&) = default;
};

// Bundle order: newest first, then by slug.
bool comes_before(const PostCard& a, const PostCard& b);

// `text` made a slug: ASCII letters and digits, lowercased; every run of
// anything else one '-'; none at either end; at most `max_bytes`. Empty when
// nothing is left. ("Hello, World!" -> "hello-world".)
std::string slugify(std::string_view text, std::size_t max_bytes = SIZE_MAX);

// True when `slug` is 1-100 characters of [a-z0-9-], not starting or ending with '-'.
bool is_valid_slug(std::string_view slug);

}  // namespace buildlog
