// Reads one Markdown post with front matter (YAML, TOML or JSON:
// front_matter_formats.hpp) into a SourcePost, accepting the conventions
// people bring from Jekyll and Hugo. Every problem is reported as
// "path:line: message", all of them, not just the first; so is every
// warning: what the post has that buildlog keeps out of the site (an unknown
// key, a Liquid tag), which a build goes on without (unless --strict).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bundle_writer.hpp"
#include "markdown.hpp"
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
  Problems warnings;
  // Where the body as read links a file or a post (markdown_source_spans'
  // links and images), for attach_local_files: found while reading, in the
  // pass that looks for what shows as written, and kept by the preview's
  // cache, not found again on every build.
  std::vector<SourceSpan> links;
};

// `path` names the file in messages and gives the slug and, for names like
// "2026-05-12-saga-choreography.md", the date when the front matter has none
// (a page bundle, "posts/my-post/index.md", is named after its folder), and
// the title when there is none ("my-post" -> "My Post", as Jekyll does).
PostRead read_post_file(std::string_view path, std::string_view bytes);

// The text with a UTF-8 byte-order mark removed and CRLF or CR made LF.
std::string normalize_text(std::string_view bytes);

}  // namespace buildlog
