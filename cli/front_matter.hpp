// Reads one Markdown post with YAML front matter into a SourcePost, accepting the
// conventions people bring from Jekyll and Hugo. Every problem is reported as
// "path:line: message", all of them, not just the first.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bundle_writer.hpp"
#include "problem.hpp"

namespace buildlog {

// A post whose body takes longer than this to render on the author's machine
// is refused: a reader's browser would freeze for several times as long.
inline constexpr long long max_render_ms = 1000;
// A link preview's image address (front matter `image`): a page's head, not the bundle, carries it.
inline constexpr std::size_t max_image_bytes = 2000;

struct PostRead {
  std::optional<SourcePost> post;  // set when `problems` is empty
  Problems problems;
};

// `path` names the file in messages and gives the slug and, for names like
// "2026-05-12-saga-choreography.md", the date when the front matter has none.
PostRead read_post_file(std::string_view path, std::string_view bytes);

// The text with a UTF-8 byte-order mark removed and CRLF or CR made LF.
std::string normalize_text(std::string_view bytes);

}  // namespace buildlog
