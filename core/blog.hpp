// A loaded blog: the bundle plus what every view derives from it (counts,
// tags, the published order), computed once at load time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bundle.hpp"

namespace buildlog {

struct TagCount {
  std::string tag;
  int posts = 0;  // published and in progress
};

struct Blog {
  Bundle bundle;
  std::vector<const Post*> published;    // newest first
  std::vector<const Post*> in_progress;  // most written first
  std::vector<const Post*> planned;      // in bundle order
  std::vector<TagCount> tags;            // most used first, then by name
  std::optional<Date> last_published;

  const Post* find(std::string_view slug) const;
  // The tag as the posts spell it, for a name in any case or accents
  // ("AWS" finds "aws"); nullptr when no post has it.
  const std::string* find_tag(std::string_view name) const;

  explicit Blog(Bundle b);
  Blog(const Blog&) = delete;  // the post pointers point into `bundle`
  Blog& operator=(const Blog&) = delete;
};

}  // namespace buildlog
