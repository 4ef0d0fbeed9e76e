// One post of the blog, as the bundle carries it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.hpp"

namespace buildlog {

enum class Status {
  published,    // listed with its body
  in_progress,  // "Currently writing": title, summary, tags and progress; never its body
  planned,      // on the author's list, not started: title and summary only
};

// "published", "in-progress", "planned".
std::string_view to_string(Status s);
// Accepts the names above and the spellings authors bring ("in progress",
// "draft", "wip", "idea" ...), case-insensitively.
std::optional<Status> parse_status(std::string_view text);

struct Post {
  std::string slug;   // [a-z0-9-]+, unique in the blog; the post's address is #/post/SLUG
  std::string title;
  Date date;
  std::vector<std::string> tags;  // in the author's order, no duplicates
  std::string summary;            // the author's, or an excerpt of the body
  Status status = Status::published;
  int progress = 0;               // 0-100, only for posts in progress
  int words = 0;                  // words in the body (reading_time.hpp)
  int reading_minutes = 0;
  std::string body;               // Markdown; empty unless published (and, in the reader, until fetched)
  std::string part;               // in the reader: the bundle part holding the body (bundle.hpp)
  // The body as plain text, for search, kept by whoever computed it (the
  // author tool while counting words, the reader for snippets); never saved.
  std::string text;

  // Equal as saved: `text` is derived from `body`.
  friend bool operator==(const Post& a, const Post& b) {
    return a.slug == b.slug && a.title == b.title && a.date == b.date && a.tags == b.tags && a.summary == b.summary && a.status == b.status &&
           a.progress == b.progress && a.words == b.words && a.reading_minutes == b.reading_minutes && a.body == b.body && a.part == b.part;
  }
};

// True when `slug` is 1-100 characters of [a-z0-9-], not starting or ending with '-'.
bool is_valid_slug(std::string_view slug);

}  // namespace buildlog
