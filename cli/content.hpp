// A content folder: Markdown posts (any depth; README.md and dot-folders are
// skipped) and an optional site.yaml with the blog's title, tagline, kicker,
// author and allow_raw_html. Reading it gives a bundle or every problem.
#pragma once

#include <filesystem>

#include "bundle.hpp"

namespace buildlog {

struct ContentRead {
  Bundle bundle;      // meaningful only when `problems` is empty
  Problems problems;  // "path:line: message", in file order
  int files = 0;      // posts read
};

ContentRead read_content(const std::filesystem::path& dir);

// Reads a whole file; nullopt with `error` set when it cannot.
std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error);

// Writes `bytes` to a temporary file beside `path`, then renames it over
// `path`, so readers see the old file or the new one, never a partial one.
// Returns an empty string on success, else why it failed (`path` untouched).
std::string write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace buildlog
