// Markdown's block structure as a line-by-line pass sees it, for the passes
// that read the source before md4c does (footnotes.hpp, the renderer's
// estimate of md4c's work): blank lines, indentation, code fences, and which
// lines are code: one grammar for both passes.
#pragma once

#include <string_view>
#include <vector>

namespace buildlog {

inline bool is_blank(std::string_view line) { return line.find_first_not_of(" \t") == std::string_view::npos; }

// Columns of leading space, a tab reaching the next multiple of 4.
inline std::size_t indentation(std::string_view line) {
  std::size_t columns = 0;
  for (const char c : line) {
    if (c == ' ') ++columns;
    else if (c == '\t') columns += 4 - columns % 4;
    else break;
  }
  return columns;
}

// The run of three or more '`' or '~' that opens or closes a fenced code block on `line`; empty if none.
inline std::string_view code_fence(std::string_view line) {
  const auto start = line.find_first_not_of(" \t");
  if (indentation(line) > 3 || start == std::string_view::npos) return {};
  line.remove_prefix(start);
  if (line[0] != '`' && line[0] != '~') return {};
  const auto run = line.find_first_not_of(line[0]);
  const std::size_t n = run == std::string_view::npos ? line.size() : run;
  return n >= 3 ? line.substr(0, n) : std::string_view{};
}

// Whether `line` closes the block `open` (a code_fence) opened: the same character, at least as many, nothing after.
inline bool closes_fence(std::string_view line, std::string_view open) {
  const auto f = code_fence(line);
  return f.size() >= open.size() && f[0] == open[0] && is_blank(line.substr(line.find(f) + f.size()));
}

// A line of a post's source, and whether it is code: a fenced block with its
// fences, or an indented block (four columns in, after a blank line or more
// of the block). Passes that read prose leave code alone.
struct SourceLine {
  std::string_view text;  // without its line end
  bool code = false;
};

inline std::vector<SourceLine> source_lines(std::string_view markdown) {
  std::vector<SourceLine> lines;
  std::string_view open_fence;
  bool after_blank = true, indented = false;
  for (std::size_t at = 0; at < markdown.size();) {
    const auto nl = markdown.find('\n', at);
    const std::string_view line = markdown.substr(at, (nl == std::string_view::npos ? markdown.size() : nl) - at);
    at = nl == std::string_view::npos ? markdown.size() : nl + 1;
    bool code = true;
    if (!open_fence.empty()) {
      if (closes_fence(line, open_fence)) open_fence = {};
      after_blank = indented = false;
    } else if (const auto f = code_fence(line); !f.empty()) {
      open_fence = f;
      after_blank = indented = false;
    } else {
      const bool blank = is_blank(line);
      code = indented = !blank && indentation(line) >= 4 && (after_blank || indented);
      after_blank = blank;
    }
    lines.push_back({line, code});
  }
  return lines;
}

}  // namespace buildlog
