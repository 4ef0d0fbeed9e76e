// Related posts, shown at the end of a post: the author tool finds them from
// the tags and words two posts share (rarer ones count more), and ships them
// in the post's part, so the reader's engine only lists them.
#pragma once

#include <cstddef>
#include <vector>

#include "bundle_writer.hpp"

namespace buildlog {

inline constexpr std::size_t related_per_post = 3;

// For each of `posts` (published, in bundle order), the indexes of up to
// `per_post` others most related to it, most related first (ties: the
// newer). A post shares at least a tag or two words of its title and summary
// with each; one with nothing in common with any other has none.
std::vector<std::vector<std::size_t>> related_posts(const std::vector<const SourcePost*>& posts, std::size_t per_post = related_per_post);

}  // namespace buildlog
