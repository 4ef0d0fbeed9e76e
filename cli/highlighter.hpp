// Code highlighting, done once by the author tool so that the reader's page
// runs no highlighter: KDE's KSyntaxHighlighting (the definitions Kate and
// KDevelop use, over 300 languages) tokenizes each code block that names its
// language, and the post carries the tokens as runs (core/engine/highlight.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "markdown.hpp"

namespace buildlog {

// The runs for `code` in `language` (a fence's info word: "cpp", "py",
// "terraform", "Dockerfile" ...), or nullopt when no definition knows the
// language ("text", "mermaid") or the block is past the bounds below.
std::optional<std::string> highlight_code(std::string_view language, std::string_view code);

// Bounds on what is tokenized: larger blocks, or blocks with longer lines,
// show plain (a definition's patterns on a minified megabyte would stall a build).
inline constexpr std::size_t max_highlighted_code_bytes = 256 * 1024;
inline constexpr std::size_t max_highlighted_line_bytes = 4096;

// One runs string per code block of `markdown` (markdown_code_blocks'
// order), or empty when no block is highlighted.
std::vector<std::string> highlight_blocks(std::string_view markdown, const MarkdownOptions& options = {});

}  // namespace buildlog
